"""QTI packages (IMS Question and Test Interoperability) of the question bank: 2.1 and 1.2.

This module holds what both packages share (identifiers, titles, numbers, the XML and the IMS
manifest, the zip); each format is its own module: quizkit/qti21.py, quizkit/qti12.py (and
quizkit/xhtml.py, QTI 2.1's XHTML).

mkdocs-quiz has a QTI exporter, but it cannot say what this bank says (per-option feedback,
accepted alternatives, written questions, a FEEDBACK outcome that is ever set, formatted text
a player can show), so the packages are written here with ElementTree, as the Moodle file is.
mkdocs-quiz's parser reads the quiz pages back in every compile (quizkit/roundtrip.py), so the
pages the site is built from say what the YAML says.

Identifiers come from the question ids, option letters (A, B, …) from the order every output
shows; the zip has fixed dates and order: the same bank gives the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile

from quizkit.htmltext import indent, markdown_element, plain_text
from quizkit.marking import OUTPUT_MARK
from quizkit.model import BLANK, Question
from quizkit.xhtml import structural

QTI21 = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI21_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
QTI12 = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI12_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSCP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: "no date"


def item_title(question: Question) -> str:
    """'wi-aims: What are the two main aims of IPT?' (plain text, at most about 80 chars)."""
    text = plain_text(markdown_element(BLANK.sub("…", question.prompt)))
    text = text if len(text) <= 70 else text[:69].rstrip() + "…"
    return f"{question.id}: {text}"


def value(parent: ET.Element, text: str, tag: str = "value") -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def number(n: float) -> str:
    """A score as QTI writes it: '1', '0.5', '-0.333333'."""
    text = f"{n:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def xml(root: ET.Element) -> str:
    indent(root, structural)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<!-- {OUTPUT_MARK} from the quiz YAML; edit the YAML, not this file. -->\n"
            + ET.tostring(root, encoding="unicode") + "\n")


def manifest(identifier: str, resources: list[tuple[str, str, str, list[str]]],
              schema: str, version: str) -> str:
    """imsmanifest.xml (IMS Content Packaging 1.1): (identifier, type, href, dependencies)."""
    manifest = ET.Element("manifest", {
        "xmlns": IMSCP, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{IMSCP} {IMSCP_XSD}",
        "identifier": identifier})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = schema
    ET.SubElement(metadata, "schemaversion").text = version
    ET.SubElement(manifest, "organizations")
    listed = ET.SubElement(manifest, "resources")
    for ident, kind, href, dependencies in resources:
        resource = ET.SubElement(listed, "resource", {"identifier": ident, "type": kind,
                                                      "href": href})
        ET.SubElement(resource, "file", {"href": href})
        for dependency in dependencies:
            ET.SubElement(resource, "dependency", {"identifierref": dependency})
    return xml(manifest)


def qti_zip(files: dict[str, str]) -> bytes:
    """A QTI package as bytes: the files in the given order, fixed dates, a generator comment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.comment = OUTPUT_MARK.encode("utf-8")
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # a plain readable file on every unzip tool
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()
