"""Quiz text (Markdown) as HTML for outputs outside the site: the LMS exports and handouts.

The site renders Markdown through MkDocs; everything else goes through this module, so a
question reads the same in Moodle, in a QTI player, on a worksheet and on the web. Validation
has already rejected raw HTML in quiz text, so the HTML produced here comes only from Markdown.

`fragment` turns that HTML into ElementTree elements with a tolerant parser (the standard
library's html.parser): entities such as &nbsp; or &mdash; that a faculty member typed, void
tags, and anything else the site accepts become plain elements and text, never a parse error.
"""

from __future__ import annotations

import functools
import posixpath
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from html.parser import HTMLParser

import markdown

# The Markdown features quiz text uses; no MkDocs-only extensions (those need a site).
_EXTENSIONS = ["sane_lists", "tables"]
# One converter for the whole run: building a Markdown instance per text was most of the time
# `make handouts` took (1.6 s -> 0.6 s for the bank); reset() clears its state between texts.
_MARKDOWN = markdown.Markdown(extensions=_EXTENSIONS, output_format="html")
_LINK = re.compile(r'<a href="([^"]*)"')
_ONE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)
VOID = frozenset({"area", "br", "col", "hr", "img", "input", "wbr"})


@functools.lru_cache(maxsize=8192)
def to_html(text: str, *, inline: bool = False) -> str:
    """Markdown to an HTML fragment; inline=True drops the <p> around a single paragraph.

    Cached: the handouts render each text four times (the quiz's worksheet and key, the
    bank's worksheet and key), and the exports once more each."""
    html = _MARKDOWN.reset().convert(text)
    if inline:
        match = _ONE_PARAGRAPH.match(html)
        if match and "<p>" not in match.group(1):
            html = match.group(1)
    return html


class _TreeBuilder(HTMLParser):
    """html.parser events -> ElementTree elements under one wrapper element.

    Tolerant like a browser: entities become characters, void elements need no closing tag,
    an end tag closes every element opened since its start tag, a stray end tag is ignored,
    and comments are dropped.
    """

    def __init__(self, wrapper: ET.Element) -> None:
        super().__init__(convert_charrefs=True)
        self.stack = [wrapper]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = ET.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})
        if tag not in VOID:
            self.stack.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        ET.SubElement(self.stack[-1], tag, {k: v or "" for k, v in attrs})

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data: str) -> None:
        parent = self.stack[-1]
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + data
        else:
            parent.text = (parent.text or "") + data


def fragment(html_text: str, tag: str = "div", attributes: dict[str, str] | None = None
             ) -> ET.Element:
    """An HTML fragment as the children of a new <tag> element (never a parse error)."""
    wrapper = ET.Element(tag, attributes or {})
    builder = _TreeBuilder(wrapper)
    builder.feed(html_text)
    builder.close()
    return wrapper


def markdown_element(text: str, tag: str = "div", *, inline: bool = False,
                     page_path: str = "", site_url: str | None = None,
                     attributes: dict[str, str] | None = None) -> ET.Element:
    """Markdown straight to an element, its links made to work outside the site."""
    html = absolute_links(to_html(text, inline=inline), page_path, site_url)
    return fragment(html, tag, attributes)


def export_html(text: str, page_path: str, site_url: str | None, *, inline: bool = False) -> str:
    """Quiz text (Markdown) as HTML for an export (Moodle, QTI 1.2), its links made to work
    outside the site: the one helper both use."""
    return absolute_links(to_html(text, inline=inline), page_path, site_url)


def page_url(target: str, from_page: str, site_url: str | None) -> str | None:
    """Where a link in quiz text points once outside the site, or None if it cannot work.

    A relative link to a page under docs/ ("../lessons/x.md#a") becomes an address on the
    published site when site_url is known; web addresses, mailto: and same-page anchors stay.
    """
    path, sep, anchor = target.partition("#")
    if re.match(r"^[a-z][a-z0-9+.-]*:", target) or not path.endswith(".md"):
        return target
    if not site_url:
        return None
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path))
    url = site_url.rstrip("/") + "/" + re.sub(r"(^|/)index\.md$|\.md$", r"\1", resolved)
    if not url.endswith("/"):
        url += "/"  # MkDocs' default use_directory_urls: lessons/x.md -> lessons/x/
    return url + sep + anchor


def absolute_links(html: str, from_page: str, site_url: str | None) -> str:
    """Make the links of a fragment work outside the site (see page_url).

    Without site_url a link to a lesson cannot work in an LMS or on paper, so it is
    unwrapped, keeping its words.
    """

    def replace(match: re.Match[str]) -> str:
        url = page_url(match.group(1), from_page, site_url)
        return f'<a href="{url}"' if url is not None else "<a"

    html = _LINK.sub(replace, html)
    return re.sub(r"<a>(.*?)</a>", r"\1", html, flags=re.DOTALL)


def plain_text(element: ET.Element) -> str:
    """The visible words of an element, whitespace collapsed (for titles and names)."""
    return " ".join("".join(element.itertext()).split())


def indent(element: ET.Element, structural: Callable[[ET.Element], bool], depth: int = 0) -> None:
    """Like ET.indent, but only inside elements that hold blocks (structural(element)): in a
    paragraph or an option, whitespace added between words and inline elements would show."""
    if not len(element) or (element.text or "").strip() or not structural(element):
        return
    if any((child.tail or "").strip() for child in element):
        return
    inner, outer = "\n" + " " * (depth + 1), "\n" + " " * depth
    element.text = inner
    for child in element:
        indent(child, structural, depth + 1)
        child.tail = inner
    element[-1].tail = outer
