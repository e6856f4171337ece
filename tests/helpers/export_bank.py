"""The export tests' own small bank (tests/fixtures/exports), read by the real validator.

It holds what the real bank may not have (written questions in a second quiz, fill-in
alternatives, `shuffle: false`, three blanks, HTML entities, text that looks like markup),
and the visible-text helpers the export tests compare with.
"""

from __future__ import annotations

import html
import re
import shutil
import tempfile
from pathlib import Path

from quizkit.model import Quiz
from quizkit.pages import Page, read_pages
from quizkit.validate import validate_quizzes
from tests.helpers import ROOT

FIXTURE = ROOT / "tests" / "fixtures" / "exports"


def load(folder: Path = FIXTURE) -> tuple[list[Quiz], dict[str, Page]]:
    """The fixture's quizzes as validation hands them to every exporter (it must be valid)."""
    pages, problems = read_pages(folder / "docs")
    assert problems == [], problems
    with tempfile.TemporaryDirectory() as scratch:  # the quizzes beside the real schema
        quizzes_dir = Path(scratch)
        for path in (folder / "quizzes").glob("*.yml"):
            shutil.copy(path, quizzes_dir)
        shutil.copy(ROOT / "quizzes" / "schema.json", quizzes_dir)
        quizzes, problems = validate_quizzes(quizzes_dir, pages)
    assert problems == [], "\n".join(map(str, problems))
    return sorted(quizzes, key=lambda quiz: quiz.name), pages


# What a reader sees, worked out independently of quizkit.htmltext (the exporters' helper), so
# a test compares an export with the YAML, not the exporter with itself.

def visible_markdown(text: str) -> str:
    """The words of a Markdown text as a reader sees them: markup and list markers dropped,
    entities read, whitespace collapsed."""
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [label](target) -> label
    text = re.sub(r"^\s*(?:[-*+]|\d+\.)\s+", "", text, flags=re.MULTILINE)
    text = re.sub(r"[*_`]", "", text)
    return " ".join(html.unescape(text).split())


def visible_html(fragment: str) -> str:
    """The words of an HTML fragment: tags dropped, entities read, whitespace collapsed."""
    spaced = re.sub(r"</?(?:p|li|ul|ol|div|br|h\d|tr|td|th|table|blockquote)\b[^>]*>", " ",
                    fragment)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", spaced)).split())


_BLOCKS = {"p", "li", "ul", "ol", "div", "br", "tr", "td", "th", "table", "blockquote", "h1",
           "h2", "h3", "h4", "h5", "h6"}


def element_text(element) -> str:
    """The words of an XML or HTML element (ElementTree or lxml), blocks apart, whitespace
    collapsed; the element's own tail is not part of it."""
    parts: list[str] = []

    def walk(node) -> None:
        block = isinstance(node.tag, str) and node.tag.rpartition("}")[2] in _BLOCKS
        parts.append(" " if block else "")
        parts.append(node.text or "")
        for child in node:
            walk(child)
            parts.append(child.tail or "")
        parts.append(" " if block else "")

    walk(element)
    return " ".join("".join(parts).split())
