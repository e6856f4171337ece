"""MkDocs hook: a glossary term gets its tooltip at its first use on a page, not at every use.

Every page gets the glossary's definitions (includes/abbreviations.md, appended by
pymdownx.snippets), and Markdown's abbr extension then wraps every occurrence of every term in
`<abbr title="…">`: 42 on a lesson, 156 on the exam page, 381 on the printable unit (207 of
them "IPT"). Material's `content.tooltips` sets up a tooltip for each one when the page starts,
which was most of the main thread's work on those pages (Lighthouse's Total Blocking Time on a
phone). Here a Markdown tree processor, run after abbr's, keeps the `<abbr>` of each term's
first occurrence on the page and leaves later ones as plain text: the definition is there
where the term first appears (and on the glossary page), as a reader's definition would be.
The printable unit is assembled from the lessons' own pages, so each lesson there keeps its
first uses.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:  # MkDocs' types, for the hook functions
    from mkdocs.config.defaults import MkDocsConfig


class FirstUseOnly(Treeprocessor):
    """Unwrap every `<abbr>` whose title (the term's definition) came earlier on the page."""

    def run(self, root: etree.Element) -> None:
        seen: set[str] = set()
        parents = {child: parent for parent in root.iter() for child in parent}
        for abbr in list(root.iter("abbr")):
            title = abbr.get("title", "")
            if title not in seen:
                seen.add(title)
                continue
            unwrap(abbr, parents[abbr])


def unwrap(element: etree.Element, parent: etree.Element) -> None:
    """Replace element (text only, as abbr's are) by its text, keeping the text around it."""
    text = (element.text or "") + (element.tail or "")
    at = list(parent).index(element)
    if at == 0:
        parent.text = (parent.text or "") + text
    else:
        before = parent[at - 1]
        before.tail = (before.tail or "") + text
    parent.remove(element)


class FirstUseExtension(Extension):
    def extendMarkdown(self, md) -> None:  # Markdown's name for it
        # After abbr (priority 7), which adds the <abbr> elements, before anything later.
        md.treeprocessors.register(FirstUseOnly(md), "ipt-first-use", 6.5)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Every page's Markdown gets the tree processor (after the extensions in mkdocs.yml)."""
    config.markdown_extensions.append(FirstUseExtension())
    return config
