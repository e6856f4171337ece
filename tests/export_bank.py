"""The export tests' own small bank (tests/fixtures/exports), read into the data model.

It holds what the real bank may not have yet (written questions, fill-in alternatives,
`shuffle: false`, HTML entities, text that looks like markup). It is read straight into
quizkit.model, the data every exporter takes, so the exporters are tested on the model as
validation will hand it to them; the YAML follows the quiz format of the faculty guide.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml
from conftest import ROOT

from quizkit.model import MarkingPoint, Option, Question, Quiz, presentation_order
from quizkit.pages import Page, read_pages

FIXTURE = ROOT / "tests" / "fixtures" / "exports"


def _question(data: dict, lesson: str) -> Question:
    options = [Option(o["text"], bool(o.get("correct", False)), o.get("feedback"))
               for o in data.get("options", [])]
    shuffle = data.get("shuffle", True)
    ordered = presentation_order(data["id"], options) if shuffle else tuple(options)
    return Question(
        id=data["id"], objective=data["objective"], prompt=data["prompt"],
        explanation=data.get("explanation", ""), review=data.get("review", lesson),
        options=ordered, line=1, level=data.get("level", "recall"), shuffle=shuffle,
        marks=data.get("marks", 0),
        marking_points=tuple(MarkingPoint(p["text"], p["marks"], p["review"])
                             for p in data.get("marking_points", [])),
        outline=data.get("outline", ""))


def load(folder: Path = FIXTURE) -> tuple[list[Quiz], dict[str, Page]]:
    pages, problems = read_pages(folder / "docs")
    assert problems == [], problems
    quizzes = []
    for path in sorted((folder / "quizzes").glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        questions = tuple(_question(q, data["lesson"]) for q in data["questions"])
        quizzes.append(Quiz(f"quizzes/{path.name}", path.stem, data["title"], data["lesson"],
                            questions))
    return quizzes, pages


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
