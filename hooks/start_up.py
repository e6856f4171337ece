"""MkDocs hook: less work when a page starts on a phone (Lighthouse's Total Blocking Time).

Glossary terms: a term gets its tooltip at its first use on a page, not at every use. Every page
gets the glossary's definitions (includes/abbreviations.md, appended by pymdownx.snippets), and
Markdown's abbr extension then wraps every occurrence of every term in `<abbr title="…">`: 42 on
a lesson, 156 on the exam page, 381 on the printable unit (207 of them "IPT"). Material's
`content.tooltips` sets up a tooltip for each one when the page starts, which was most of the
main thread's work on those pages. A Markdown tree processor, run after abbr's, keeps the
`<abbr>` of each term's first occurrence on the page and leaves later ones as plain text: the
definition is there where the term first appears (and on the glossary page), as a reader's
definition would be. The printable unit (print_page/, which mkdocs-print-site-plugin assembles
from the lessons' pages after the build) gets the same: first use on the whole page.

The printable unit: on a phone, extra.css lets the browser lay out each lesson's section only
as it nears the screen, and docs/assets/javascripts/print-page.js (added here to that page)
lays out the others one at a time once the page has loaded, when the browser is idle.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from pathlib import Path
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


# mkdocs-print-site-plugin's page, and the way from it to the site's root: online, and in the
# offline zip (plain .html names).
PRINT_PAGES = ((Path("print_page") / "index.html", "../"), (Path("print_page.html"), ""))
PRINT_SCRIPT = "assets/javascripts/print-page.js"
# An <abbr> as Markdown's abbr extension writes it (its title escaped, its text a term).
ABBR = re.compile(r'<abbr title="([^"]*)">([^<]*)</abbr>')


def first_use_only(html: str) -> str:
    """HTML with every <abbr> but the first of each title replaced by its text."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        if match.group(1) in seen:
            return match.group(2)
        seen.add(match.group(1))
        return match.group(0)

    return ABBR.sub(keep_first, html)


def on_post_build(config: MkDocsConfig) -> None:
    """The printable unit, written by its plugin after every page: first uses on the whole
    page, and its layout script. (Before hooks/offline_app.py, which lists the file's revision.)"""
    for path, root in PRINT_PAGES:
        page = Path(config.site_dir) / path
        if not page.is_file() or "</body>" not in (html := page.read_text(encoding="utf-8")):
            continue
        at = html.rindex("</body>")
        html = f'{html[:at]}<script src="{root}{PRINT_SCRIPT}" defer></script>{html[at:]}'
        page.write_text(first_use_only(html), encoding="utf-8")
