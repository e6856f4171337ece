"""QTI packages (Canvas, Blackboard) made by mkdocs-quiz's own exporter from the compiled pages.

This is what `mkdocs-quiz export qti` does (extract the <quiz> blocks of the pages, export a
QTI zip), run in-process so that three things can be added between extracting and exporting:
- identifiers: mkdocs-quiz draws them from uuid4, so every export would differ and an LMS could
  not tell a re-import from a new question. Ours come from the question ids instead.
- HTML: the exporter passes Markdown through as it is; an LMS shows HTML, so it is rendered.
- the zip: written with fixed dates and order, so the same bank gives the same bytes.
And one repair after exporting: mkdocs-quiz 1.7.1 writes each item's title attribute without
escaping quotation marks, so a prompt like 'What does "perinatal" mean?' made a file no LMS
can read. The title is rewritten (properly quoted, led by the question id) and every file is
checked to be well-formed XML before it goes into the zip.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import quoteattr

from mkdocs_quiz.qti import QTIExporter, QTIVersion, extract_quizzes_from_file
from mkdocs_quiz.qti.models import Quiz as QtiItem
from mkdocs_quiz.qti.models import QuizCollection
from mkdocs_quiz.qti.utils import make_title, strip_html_tags

from quizkit.problems import QtiMismatch
from quizkit.htmltext import absolute_links, to_html
from quizkit.model import Quiz

_PLACEHOLDER = re.compile(r"\{\{BLANK_(\d+)\}\}")  # the extractor's marks for fill-in blanks
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: "no date"




def _html(text: str, page_path: str, site_url: str | None, *, inline: bool = False) -> str:
    return absolute_links(to_html(text, inline=inline), page_path, site_url)


def _prepare(item: QtiItem, qid: str, page_path: str, site_url: str | None) -> None:
    """Give one extracted question stable identifiers and HTML text."""
    item.identifier = f"item-{qid}"
    for n, answer in enumerate(item.answers, 1):
        answer.identifier = f"{qid}-option-{n}"
        answer.text = _html(answer.text, page_path, site_url, inline=True)
        if answer.feedback:
            answer.feedback = _html(answer.feedback, page_path, site_url)
    for n, blank in enumerate(item.blanks, 1):
        blank.identifier = f"{qid}-blank-{n}"
    if item.blanks:
        # Keep the {{BLANK_n}} marks out of Markdown's way, then put them back.
        shielded = _PLACEHOLDER.sub(lambda m: f"QZBLANK{m.group(1)}QZ", item.question)
        rendered = _html(shielded, page_path, site_url, inline=True)
        item.question = re.sub(r"QZBLANK(\d+)QZ", r"{{BLANK_\1}}", rendered)
    else:
        item.question = _html(item.question, page_path, site_url)
    if item.content:
        item.content = _html(item.content, page_path, site_url)


def collection(pages_dir: Path, quizzes: list[Quiz], *, title: str,
               site_url: str | None = None) -> QuizCollection:
    """Every question of the bank, read back from the pages written by `build_quiz.py --out`."""
    result = QuizCollection(title=title, description=f"{title}: the self-check question bank",
                            identifier="question-bank")
    for quiz in quizzes:
        items = extract_quizzes_from_file(pages_dir / quiz.page_path)
        if len(items) != len(quiz.questions):
            raise QtiMismatch(f"{quiz.page_path}: mkdocs-quiz read {len(items)} questions, "
                              f"{quiz.source} has {len(quiz.questions)}")
        for item, question in zip(items, quiz.questions, strict=True):
            item.source_file = None  # a temporary path: keep it out of the package
            _prepare(item, question.id, quiz.page_path, site_url)
            result.add_quiz(item)
    return result


def _title(item: QtiItem) -> str:
    """'wi-aims: What are the two main aims of IPT?' (plain text, at most about 80 chars)."""
    text = html.unescape(strip_html_tags(_PLACEHOLDER.sub("___", item.question)))
    text = " ".join(text.split())
    text = text if len(text) <= 70 else text[:69].rstrip() + "…"
    return f"{item.identifier.removeprefix('item-')}: {text}"


def qti_zip(bank: QuizCollection, version: str = "1.2") -> bytes:
    """The QTI package as bytes: mkdocs-quiz's XML, in a zip with fixed dates and order."""
    exporter = QTIExporter.create(bank, QTIVersion.from_string(version))
    items = exporter.generate_items()
    for item in bank.quizzes:
        name = f"items/{item.identifier}.xml"
        broken = f'title="{make_title(item.question)}"'
        items[name] = items[name].replace(broken, f"title={quoteattr(_title(item))}", 1)
    members = [("imsmanifest.xml", exporter.generate_manifest()),
               ("assessment.xml", exporter.generate_assessment()),
               *items.items()]
    for name, content in members:
        try:
            ET.fromstring(content.encode("utf-8"))
        except ET.ParseError as error:
            raise QtiMismatch(f"{name} in the QTI {version} package is not valid XML "
                              f"({error}); mkdocs-quiz's exporter may have changed") from error
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in members:
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # a plain readable file on every unzip tool
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()
