"""MkDocs hook: tables and web addresses that read well on a phone (student walk-through 2, S8
and S20), written into the HTML at build time so they work without JavaScript, offline and in
print.

* Tables: every body cell gets its column's name (`data-label`), and a table a student reads
  (a header row, at most MAX_CARD_COLUMNS columns, no code in it) is marked `data-ipt-cards`;
  under about 480 px extra.css shows such a table as one card per row, each cell with its
  column's name, so the comparison table is never cut off, even at 125 % text. The table's
  roles are written out (table, rowgroup, row, columnheader, cell) because a browser may stop
  announcing a table as one once CSS lays its rows out as blocks.
* Web addresses: a link whose text is its own address (a DOI in a reference list, which
  pymdownx.magiclink in mkdocs.yml makes a link) gets class `ipt-url` and a line-break
  opportunity (<wbr>) after each "/" and before each ".", so a long DOI wraps at a sensible
  place on a phone instead of running off the screen; print does not repeat the address after
  it (extra.css).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as etree
from typing import TYPE_CHECKING

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

if TYPE_CHECKING:  # MkDocs' types, for the hook functions
    from mkdocs.config.defaults import MkDocsConfig

MAX_CARD_COLUMNS = 5  # wider tables are reference grids (faculty pages): they scroll instead
URL_CLASS = "ipt-url"
_BREAK_AFTER = re.compile(r"(?<=[/])(?!/)|(?=\.)")  # after "/" (not inside "//"), before "."


def _text(element: etree.Element) -> str:
    return " ".join("".join(element.itertext()).split())


def mark_table(table: etree.Element) -> None:
    """Roles, each body cell's column name, and `data-ipt-cards` when it reads as cards."""
    head, body = table.find("thead"), table.find("tbody")
    if head is None or body is None:
        return
    labels = [_text(th) for th in head.iter("th")]
    table.set("role", "table")
    for group in (head, body):
        group.set("role", "rowgroup")
        for row in group.findall("tr"):
            row.set("role", "row")
    for th in head.iter("th"):
        th.set("role", "columnheader")
    for row in body.findall("tr"):
        for label, cell in zip(labels, row.findall("td"), strict=False):
            cell.set("role", "cell")
            if label:
                cell.set("data-label", label)
    has_code = any(element.tag == "code" for element in table.iter())
    if 2 <= len(labels) <= MAX_CARD_COLUMNS and not has_code:
        table.set("data-ipt-cards", "")


def mark_address(link: etree.Element) -> None:
    """A link showing its own address: breakable at "/" and ".", and marked as such."""
    href, text = link.get("href", ""), link.text or ""
    if not href.startswith(("http://", "https://")) or text != href or len(link):
        return
    parts = _BREAK_AFTER.split(text)
    link.set("class", " ".join(filter(None, [link.get("class"), URL_CLASS])))
    link.text = parts[0]
    for part in parts[1:]:
        wbr = etree.SubElement(link, "wbr")
        wbr.tail = part


class PhoneReading(Treeprocessor):
    """Tables and addresses, once inline Markdown (links, magiclink's included) is done."""

    def run(self, root: etree.Element) -> None:
        for table in root.iter("table"):
            mark_table(table)
        for link in list(root.iter("a")):
            mark_address(link)


class PhoneReadingExtension(Extension):
    def extendMarkdown(self, md) -> None:  # Markdown's name for it
        # After the inline step (priority 20) that makes the links, before serialising.
        md.treeprocessors.register(PhoneReading(md), "ipt-phone-reading", 5)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Every page's Markdown gets the tree processor (after the extensions in mkdocs.yml)."""
    config.markdown_extensions.append(PhoneReadingExtension())
    return config
