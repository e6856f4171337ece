"""The question bank as Moodle XML (Question bank > Import > Moodle XML format, Moodle 4.x).

One category per quiz. Kinds map to Moodle question types:
  single choice   -> multichoice, <single>true</single>, the correct option 100%
  multiple answer -> multichoice, <single>false</single>, correct options share 100%, wrong
                     ones share -100% (so ticking every box scores 0, Moodle's usual practice)
  fill in         -> shortanswer (one blank) or multianswer, Moodle's "cloze" (several)
Markdown becomes HTML (quizkit.htmltext). The XML is built with ElementTree, which escapes
every text and attribute; nothing here concatenates XML.
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET

from quizkit.htmltext import absolute_links, to_html
from quizkit.pages import Page
from quizkit.model import BLANK, FILL_IN, MULTIPLE, Question, Quiz

# Moodle offers fixed grade percentages; 100/n for n = 1..8 are all among them, written as
# Moodle writes them (7 significant digits: 33.33333, 14.28571).
PENALTY = "0.3333333"  # Moodle's default: a third of the mark lost per extra try
_PLACEHOLDER = "QZBLANK{}QZ"  # survives Markdown untouched; replaced after rendering
_CLOZE_SPECIAL = re.compile(r'([}#~/"\\])')


def fraction(n: float) -> str:
    """A percentage as Moodle writes it: '100', '50', '33.33333', '-12.5'."""
    text = f"{n:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def category_path(module_title: str, quiz: Quiz) -> str:
    """$course$/top/<module>/<quiz title>; '/' inside a name is written '//' (Moodle's rule)."""
    parts = [name.replace("/", "//") for name in (module_title, quiz.title)]
    return "$course$/top/" + "/".join(parts)


def _text(parent: ET.Element, tag: str, content: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = content
    return element


def _plain(markdown_text: str, limit: int = 70) -> str:
    """A one-line plain version of a prompt for the question's name in the bank."""
    text = BLANK.sub("…", markdown_text)  # "…", not "___": underscores are stripped below
    text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _with_blanks(prompt: str, fill: list[str]) -> str:
    """The prompt as HTML, each [[answer]] replaced by the matching string in fill."""
    counter = iter(range(len(fill)))
    marked = BLANK.sub(lambda m: _PLACEHOLDER.format(next(counter)), prompt)
    rendered = to_html(marked)
    for i, replacement in enumerate(fill):
        rendered = rendered.replace(_PLACEHOLDER.format(i), replacement, 1)
    return rendered


def cloze_answer(answer: str) -> str:
    """An answer inside {1:SHORTANSWER:=...}: Moodle's cloze needs } # ~ / " \\ escaped."""
    return _CLOZE_SPECIAL.sub(r"\\\1", html.escape(answer, quote=False))


class _Writer:
    def __init__(self, quiz: Quiz, pages: dict[str, Page], site_url: str | None) -> None:
        self.quiz, self.pages, self.site_url = quiz, pages, site_url

    def html(self, markdown_text: str, *, inline: bool = False) -> str:
        return absolute_links(to_html(markdown_text, inline=inline), self.quiz.page_path,
                              self.site_url)

    def general_feedback(self, question: Question) -> str:
        """The explanation, then where to reread (a link when the site's address is known)."""
        page_path, _, anchor = question.review.partition("#")
        page = self.pages[page_path]
        label = page.title or page_path
        if anchor:
            label = f"{page.anchors[anchor]} ({label})"
        target = "../" + question.review  # from quizzes/NAME.md, as the quiz page links it
        review = self.html(f"**Review:** [{label}]({target})")
        return self.html(question.explanation) + "\n" + review

    def question(self, question: Question) -> ET.Element:
        kind = question.kind
        if kind == FILL_IN:
            qtype = "shortanswer" if len(question.blank_keys) == 1 else "multianswer"
        else:
            qtype = "multichoice"
        element = ET.Element("question", {"type": qtype})
        # The id leads the name, so a re-import is recognisable in the bank; it is also the
        # Moodle idnumber, unique within a category.
        _text(element, "name", f"{question.id}: {_plain(question.prompt)}", fmt=None)
        if qtype == "shortanswer":
            body = _with_blanks(question.prompt, ["_____________"])
        elif qtype == "multianswer":
            body = _with_blanks(question.prompt, [f"{{1:SHORTANSWER:={cloze_answer(b)}}}"
                                                  for b in question.blank_keys])
        else:
            body = self.html(question.prompt)
        _text(element, "questiontext", body)
        _text(element, "generalfeedback", self.general_feedback(question))
        if qtype != "multianswer":
            ET.SubElement(element, "defaultgrade").text = "1"
        ET.SubElement(element, "penalty").text = PENALTY
        ET.SubElement(element, "hidden").text = "0"
        ET.SubElement(element, "idnumber").text = question.id
        if qtype == "multichoice":
            self._choices(element, question)
        elif qtype == "shortanswer":
            ET.SubElement(element, "usecase").text = "0"  # as on the site: case is ignored
            answer = _text(element, "answer", question.blank_keys[0], fmt="moodle_auto_format")
            answer.set("fraction", "100")
            _text(answer, "feedback", "")
        return element

    def _choices(self, element: ET.Element, question: Question) -> None:
        single = question.kind != MULTIPLE
        right = sum(o.correct for o in question.options)
        wrong = len(question.options) - right
        ET.SubElement(element, "single").text = "true" if single else "false"
        # The site shows options in the author's order ("None of these" must stay last).
        ET.SubElement(element, "shuffleanswers").text = "false"
        ET.SubElement(element, "answernumbering").text = "abc"
        ET.SubElement(element, "showstandardinstruction").text = "1"
        _text(element, "correctfeedback", "Your answer is correct.")
        _text(element, "partiallycorrectfeedback", "Your answer is partially correct.")
        _text(element, "incorrectfeedback", "Your answer is incorrect.")
        if not single:
            ET.SubElement(element, "shownumcorrect")
        for option in question.options:
            if option.correct:
                share = 100 / right
            else:
                share = 0 if single else -100 / wrong
            answer = _text(element, "answer", self.html(option.text, inline=True))
            answer.set("fraction", fraction(share))
            _text(answer, "feedback", self.html(option.feedback) if option.feedback else "")


def moodle_xml(quizzes: list[Quiz], pages: dict[str, Page], *, module_title: str,
               site_url: str | None = None) -> bytes:
    """The whole bank as one Moodle XML file (UTF-8 bytes, the same bytes for the same bank)."""
    root = ET.Element("quiz")
    for quiz in quizzes:
        category = ET.SubElement(root, "question", {"type": "category"})
        _text(category, "category", category_path(module_title, quiz), fmt=None)
        _text(category, "info", html.escape(f"Self-check for {quiz.lesson}, from {quiz.source}."))
        writer = _Writer(quiz, pages, site_url)
        for question in quiz.questions:
            root.append(writer.question(question))
    ET.indent(root, space="  ")
    body = ET.tostring(root, encoding="unicode")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + body + "\n").encode("utf-8")
