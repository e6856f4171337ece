"""XHTML in the QTI 2.1 namespace: what QTI 2.1's content model allows of the HTML that
Markdown makes, and the block context QTI asks for. Used by quizkit/qti21.py; quizkit/qti.py's
XML writer indents by its STRUCTURAL elements."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

from quizkit.model import BLANK_MARKS

# XHTML that QTI 2.1's content model allows, with the attributes it allows (the subset that
# Python-Markdown produces). Any other element is unwrapped (its text kept); other attributes
# (e.g. the tables extension's style="text-align: …") are dropped.
XHTML = {
    **dict.fromkeys(("p", "ul", "ol", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
                     "h6", "table", "thead", "tbody", "tfoot", "tr", "div", "dl", "dt", "dd",
                     "strong", "em", "code", "b", "i", "span", "sub", "sup", "abbr", "kbd",
                     "q", "samp", "var", "cite", "dfn", "acronym", "big", "small", "tt",
                     "address"), ()),
    "th": ("colspan", "rowspan"), "td": ("colspan", "rowspan"),
    "a": ("href",), "img": ("src", "alt", "width", "height"), "br": (), "hr": (),
}


def qti_content(source: ET.Element, target: ET.Element) -> None:
    """Copy source's children (HTML from Markdown) into target, keeping only QTI's XHTML."""

    def add_text(parent: ET.Element, text: str | None) -> None:
        if not text:
            return
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    add_text(target, source.text)
    for child in source:
        if child.tag in XHTML:
            keep = XHTML[child.tag]
            copy = ET.SubElement(target, child.tag,
                                 {k: v for k, v in child.attrib.items() if k in keep})
            if child.tag == "img":
                copy.set("alt", child.get("alt", ""))
            qti_content(child, copy)
        else:
            qti_content(child, target)  # unwrap an element QTI does not know, keep its words
        add_text(target, child.tail)


BLOCK_TAGS = frozenset({"p", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
                         "h6", "table", "div", "dl", "hr", "address"})


def blocks(element: ET.Element) -> ET.Element:
    """element with its loose text and inline children gathered into <p>s, as QTI's block
    context (itemBody, modalFeedback, rubricBlock) needs; blocks stay as they are."""
    pieces: list[str | ET.Element] = [element.text or ""]
    for child in element:
        pieces += [child, child.tail or ""]
        child.tail = None
    element.text = None
    for child in list(element):
        element.remove(child)
    paragraph: ET.Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if paragraph is None:
                if not piece.strip():
                    continue  # the line breaks between blocks
                paragraph = ET.SubElement(element, "p")
            if len(paragraph):
                paragraph[-1].tail = (paragraph[-1].tail or "") + piece
            else:
                paragraph.text = (paragraph.text or "") + piece
        elif piece.tag in BLOCK_TAGS:
            element.append(piece)
            paragraph = None
        else:
            if paragraph is None:
                paragraph = ET.SubElement(element, "p")
            paragraph.append(piece)
    return element


def blanks_to(element: ET.Element, make: Callable[[int], ET.Element]) -> None:
    """Replace each QZBLANKnQZ mark in the text of element by make(n), in place."""
    for node in list(element.iter()):
        if node.text and BLANK_MARKS.search(node.text):
            parts = BLANK_MARKS.split(node.text)
            node.text = parts[0]
            for offset, i in enumerate(range(1, len(parts), 2)):
                blank = make(int(parts[i]))
                blank.tail = parts[i + 1]
                node.insert(offset, blank)
        for child in list(node):
            if child.tail and BLANK_MARKS.search(child.tail):
                parts = BLANK_MARKS.split(child.tail)
                child.tail = parts[0]
                index = list(node).index(child) + 1
                for i in range(1, len(parts), 2):
                    blank = make(int(parts[i]))
                    blank.tail = parts[i + 1]
                    node.insert(index, blank)
                    index += 1


# Elements whose children may go on lines of their own: whitespace between them means nothing.
# Everything else holds text (a paragraph, an option) where added whitespace would show.
STRUCTURAL = frozenset({"ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "blockquote",
                         "dl", "div"})


def structural(element: ET.Element) -> bool:
    if element.tag == "simpleChoice":
        return False
    return element.tag not in XHTML or element.tag in STRUCTURAL
