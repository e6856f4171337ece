"""The question bank as Moodle XML (Question bank > Import > Moodle XML format).

Imported and answered in Moodle 4.5 and 5.1 by a reviewer. One category per quiz. Kinds map to
Moodle question types (marks and partial credit as quizkit.marking says):
  single choice   -> multichoice, <single>true</single>, the correct option 100%
  multiple answer -> multichoice, <single>false</single>, correct options share 100%, wrong
                     ones share -100% (Moodle never lets the total go below 0)
  fill in         -> shortanswer (one blank: one 100% answer per accepted alternative, with
                     the dash and quote variants the site's rule accepts, marking.lms_answers;
                     Moodle's `*` wildcard escaped) or multianswer, Moodle's "Cloze" (several
                     blanks, {1:SHORTANSWER:=a~=b}); case is ignored, as on the site
  written         -> essay (marking points and outline as information for graders)
Choice questions shuffle their options unless the question says `shuffle: false`.

Every question's default mark is 1 (a written one: its marks), except a Cloze question:
Moodle's importer ignores <defaultgrade> for Cloze and makes its mark the number of blanks
(qtype_multianswer_extract_question adds one per {1:...}); `cloze_marks` names them so
`make lms` can say which to set to 1 in a quiz.

Markdown becomes HTML (quizkit.htmltext). The tree is built with ElementTree and written by
`serialise`: a text holding markup goes inside CDATA, as Moodle's own export writes it,
because Moodle's importer (lib/xmlize.php, core_xml_parser) drops every piece of character
data that is only whitespace, and an escaped text reaches it in pieces split at each entity:
the space in `&lt;/strong&gt; &lt;a` was lost ("Review:The"). A CDATA section arrives whole.
An essay's response box offers what Moodle's edit form offers (RESPONSE_LINES).
"""

from __future__ import annotations

import html
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from xml.sax.saxutils import escape

from quizkit.htmltext import export_html
from quizkit.marking import (
    OUTPUT_MARK,
    PARTIAL_CREDIT,
    extra_credit_text,
    lms_answers,
    marks,
    option_shares,
    review_label,
    suggested_words,
)
from quizkit.model import BLANK, BLANK_MARK, FILL_IN, MULTIPLE, SINGLE, WRITTEN, Question, Quiz
from quizkit.pages import Page
from quizkit.render import page_link

PENALTY = "0.3333333"  # Moodle's default: a third of the mark lost per extra try
_CLOZE_SPECIAL = re.compile(r'([}#~/"\\])')
# The response box sizes an essay's edit form offers (qtype_essay::response_sizes: 5 to 40 in
# fives; 4.x adds 2 and 3). A size not on the list is saved as the list's first, 2 lines,
# when a teacher opens the question and saves it.
RESPONSE_LINES = (2, 3, *range(5, 41, 5))
_MARKUP = re.compile(r"[<>&]")


def fraction(n: float) -> str:
    """A percentage as Moodle writes it: '100', '50', '33.33333', '-12.5'."""
    text = f"{n:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def category_path(module_title: str, quiz: Quiz) -> str:
    """$course$/top/<module>/<quiz title>; '/' inside a name is written '//' (Moodle's rule)."""
    parts = [name.replace("/", "//") for name in (module_title, quiz.title)]
    return "$course$/top/" + "/".join(parts)


def moodle_type(question: Question) -> str:
    """The Moodle question type a question becomes (MOODLE)."""
    return MOODLE[question.kind].qtype(question)


def cloze_marks(quizzes: list[Quiz]) -> dict[str, int]:
    """Question id -> the mark Moodle gives it, for questions Moodle will not mark 1."""
    return {q.id: len(q.blanks) for quiz in quizzes for q in quiz.questions
            if moodle_type(q) == "multianswer"}


def response_lines(marks: int) -> int:
    """An essay's response box: three lines a mark (as the handouts rule them), at least 10,
    rounded up to a size Moodle's form offers, and at most its largest (40)."""
    wanted = max(10, 3 * marks)
    return next((n for n in RESPONSE_LINES if n >= wanted), RESPONSE_LINES[-1])


def character_data(text: str) -> str:
    """A text as the file holds it: inside CDATA when it has markup (Moodle's parser then
    receives it in one piece, spaces between tags included), else as it is."""
    if not _MARKUP.search(text):
        return text
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def serialise(element: ET.Element, depth: int = 0) -> str:
    """element as indented XML, every text written by character_data. Moodle's XML has no
    mixed content: an element holds either a text or other elements."""
    pad = "  " * depth
    attributes = "".join(f' {key}="{escape(value, {chr(34): "&quot;"})}"'
                         for key, value in element.attrib.items())
    children = list(element)
    if children:
        inner = "\n".join(serialise(child, depth + 1) for child in children)
        return f"{pad}<{element.tag}{attributes}>\n{inner}\n{pad}</{element.tag}>"
    if element.text:
        return f"{pad}<{element.tag}{attributes}>{character_data(element.text)}</{element.tag}>"
    return f"{pad}<{element.tag}{attributes} />"


def _text(parent: ET.Element, tag: str, content: str, fmt: str | None = "html") -> ET.Element:
    element = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(element, "text").text = content
    return element


def _plain(markdown_text: str, limit: int = 70) -> str:
    """A one-line plain version of a prompt for the question's name in the bank."""
    text = BLANK.sub("…", markdown_text)  # "…", not "___": underscores are stripped below
    text = re.sub(r"[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", text)
    text = html.unescape(" ".join(text.split()))
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def short_answer(answer: str) -> str:
    """An accepted answer as Moodle's short answer reads it: `*` is its wildcard ("any
    text"), so a star the answer really has is written `\\*`."""
    return answer.replace("*", "\\*")


def cloze_answer(answer: str) -> str:
    """An answer inside {1:SHORTANSWER:=...}: Moodle's cloze needs } # ~ / " \\ escaped (and the
    short answer's `*`, short_answer)."""
    return short_answer(_CLOZE_SPECIAL.sub(r"\\\1", html.escape(answer, quote=False)))


def cloze_blank(answers: tuple[str, ...]) -> str:
    """One blank as a Cloze subquestion worth 1, every accepted answer (and its variants,
    lms_answers) at 100%."""
    return "{1:SHORTANSWER:" + "~".join(f"={cloze_answer(a)}" for a in lms_answers(answers)) + "}"


class _Writer:
    def __init__(self, quiz: Quiz, pages: dict[str, Page], site_url: str | None) -> None:
        self.quiz, self.pages, self.site_url = quiz, pages, site_url

    def html(self, markdown_text: str, *, inline: bool = False) -> str:
        return export_html(markdown_text, self.quiz.page_path, self.site_url, inline=inline)

    def with_blanks(self, question: Question, fill: list[str]) -> str:
        """The prompt as HTML, each [[answer]] replaced by the matching string in fill."""
        rendered = self.html(question.marked_prompt)
        for i, replacement in enumerate(fill):
            rendered = rendered.replace(BLANK_MARK.format(i), replacement, 1)
        return rendered

    def review(self, review: str) -> str:
        """'**Review:** label' as HTML: a link when the site's address is known."""
        link = page_link(self.quiz.page_path, review)  # as the quiz page links it
        return self.html(f"**Review:** [{review_label(review, self.pages)}]({link})")

    def question(self, question: Question) -> ET.Element:
        kind = MOODLE[question.kind]
        element = ET.Element("question", {"type": kind.qtype(question)})
        # The id leads the name, so a question is recognisable in the bank; it is also the
        # Moodle ID number (unique within a category: see the guide about importing again).
        _text(element, "name", f"{question.id}: {_plain(question.prompt)}", fmt=None)
        _text(element, "questiontext", kind.body(self, question))
        _text(element, "generalfeedback", kind.general(self, question))
        ET.SubElement(element, "defaultgrade").text = str(kind.grade(question))
        ET.SubElement(element, "penalty").text = kind.penalty
        ET.SubElement(element, "hidden").text = "0"
        ET.SubElement(element, "idnumber").text = question.id
        kind.answers(self, element, question)
        return element

    # --- the parts that differ by kind (MOODLE) ---------------------------------------------

    def prompt(self, question: Question) -> str:
        return self.html(question.prompt)

    def fill_in_prompt(self, question: Question) -> str:
        """One blank: a line for the answer (shortanswer); several: Cloze subquestions."""
        if len(question.blanks) == 1:
            return self.with_blanks(question, ["_____________"])
        return self.with_blanks(question, [cloze_blank(b.answers) for b in question.blanks])

    def essay_prompt(self, question: Question) -> str:
        return self.html(question.prompt) + self.html(
            f"*{question.marks} marks. Suggested length: about "
            f"{suggested_words(question)} words.*")

    def explained(self, question: Question) -> str:
        return self.html(question.explanation) + "\n" + self.review(question.review)

    def essay_reviews(self, question: Question) -> str:
        reviews = dict.fromkeys(p.review for p in question.marking_points)
        return "\n".join(self.review(r) for r in reviews)

    def choices(self, element: ET.Element, question: Question) -> None:
        single = question.kind != MULTIPLE
        ET.SubElement(element, "single").text = "true" if single else "false"
        # Moodle shuffles per attempt; shuffle: false keeps a natural order (numbers, ranges).
        ET.SubElement(element, "shuffleanswers").text = "true" if question.shuffle else "false"
        ET.SubElement(element, "answernumbering").text = "ABCD"  # as on the handouts
        ET.SubElement(element, "showstandardinstruction").text = "1"
        _text(element, "correctfeedback", "Your answer is correct.")
        _text(element, "partiallycorrectfeedback",
              "Your answer is partially correct." + ("" if single else " " + PARTIAL_CREDIT))
        _text(element, "incorrectfeedback", "Your answer is incorrect.")
        if not single:
            ET.SubElement(element, "shownumcorrect")
        for option, share in zip(question.options, option_shares(question), strict=True):
            answer = _text(element, "answer", self.html(option.text, inline=True))
            answer.set("fraction", fraction(100 * share))
            _text(answer, "feedback", self.html(option.feedback) if option.feedback else "")

    def blanks(self, element: ET.Element, question: Question) -> None:
        """A shortanswer's accepted answers (a Cloze question's are in its text)."""
        if len(question.blanks) != 1:
            return
        ET.SubElement(element, "usecase").text = "0"  # as on the site: case is ignored
        for accepted in lms_answers(question.blanks[0].answers):
            answer = _text(element, "answer", short_answer(accepted), fmt="moodle_auto_format")
            answer.set("fraction", "100")
            _text(answer, "feedback", "")

    def essay(self, element: ET.Element, question: Question) -> None:
        ET.SubElement(element, "responseformat").text = "editor"
        ET.SubElement(element, "responserequired").text = "1"
        ET.SubElement(element, "responsefieldlines").text = str(response_lines(question.marks))
        ET.SubElement(element, "attachments").text = "0"
        ET.SubElement(element, "attachmentsrequired").text = "0"
        points = "\n".join(
            f"- {point.text} (**{point.marks} mark{'s' if point.marks != 1 else ''}**; "
            f"review: [{review_label(point.review, self.pages)}]"
            f"({page_link(self.quiz.page_path, point.review)}))"
            for point in question.marking_points)
        extra = extra_credit_text(question)
        grader = (self.html(f"**Marking points ({question.marks} marks):**\n\n{points}")
                  + ("\n" + self.html(extra) if extra else "")
                  + "\n" + self.html(f"**Outline of a good answer:**\n\n{question.outline}"))
        _text(element, "graderinfo", grader)
        _text(element, "responsetemplate", "")  # no template: the student starts blank


@dataclass(frozen=True)
class MoodleKind:
    """What a kind of question becomes in Moodle: its question type, its text, its general
    feedback, its default mark, its penalty per extra try, and its answers."""

    qtype: Callable[[Question], str]
    body: Callable[[_Writer, Question], str]
    general: Callable[[_Writer, Question], str]
    grade: Callable[[Question], int]
    penalty: str
    answers: Callable[[_Writer, ET.Element, Question], None]


_CHOICE = MoodleKind(qtype=lambda q: "multichoice", body=_Writer.prompt, general=_Writer.explained,
                     grade=marks, penalty=PENALTY, answers=_Writer.choices)

MOODLE: dict[str, MoodleKind] = {
    SINGLE: _CHOICE,
    MULTIPLE: _CHOICE,
    # Moodle ignores defaultgrade for Cloze (its mark is its number of blanks); the file says
    # what Moodle will do rather than a number it throws away.
    FILL_IN: MoodleKind(
        qtype=lambda q: "shortanswer" if len(q.blanks) == 1 else "multianswer",
        body=_Writer.fill_in_prompt, general=_Writer.explained,
        grade=lambda q: marks(q) if len(q.blanks) == 1 else len(q.blanks), penalty=PENALTY,
        answers=_Writer.blanks),
    WRITTEN: MoodleKind(qtype=lambda q: "essay", body=_Writer.essay_prompt,
                        general=_Writer.essay_reviews, grade=marks, penalty="0",
                        answers=_Writer.essay),
}


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
    body = serialise(root)
    mark = f"<!-- {OUTPUT_MARK} from the quiz YAML; edit the YAML, not this file. -->"
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' + mark + "\n" + body + "\n"
            ).encode("utf-8")

