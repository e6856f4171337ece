"""Printable handouts: worksheets and answer keys; a question book, question papers and their
marking schemes.

For each quiz and for the whole bank: a worksheet (no answers) and an answer key that opens
with a one-page marking grid (question -> answer letters) before the detailed key. Options are
lettered A, B, C… in the order every output shows them. When the bank has written questions:
a question book (every written question, its marks, suggested length and time, ruled space)
with its marking scheme, and each paper set in the YAML (`papers:`) in the university's layout
(header, time and full marks computed from the questions to be answered, groups with "Answer
any four of the following", marks at the right) with its marking scheme.

Each handout is one self-contained HTML file: its stylesheet (quizkit/templates/handouts/
handouts.css) inline, no scripts, no site navigation, nothing fetched from elsewhere, laid out
for A4. The documents are Jinja2 templates beside the stylesheet, with autoescape on, so every
text is escaped; Markdown from the YAML is rendered by quizkit.htmltext, parsed back with its
tolerant parser (entities such as &nbsp; and &mdash;, and any text the site accepts, work) and
written out by ElementTree, which escapes it again: only that HTML reaches a template as markup.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import Markup, escape

from quizkit.htmltext import markdown_element
from quizkit.marking import (
    BEYOND_SYLLABUS,
    OUTPUT_MARK,
    PARTIAL_CREDIT,
    correct_letters,
    duration,
    extra_credit_text,
    letter,
    minutes,
    objective_text,
    review_label,
    suggested_words,
)
from quizkit.model import (
    BLANK_MARK,
    FILL_IN,
    MULTIPLE,
    SINGLE,
    WRITTEN,
    Paper,
    Question,
    Quiz,
)
from quizkit.pages import Page
from quizkit.render import question_count

WORKSHEET, ANSWER_KEY = "worksheet", "answer key"
QUESTION_BOOK, SCHEME, PAPER = "question book", "marking scheme", "question paper"
TEMPLATES = Path(__file__).resolve().parent / "templates" / "handouts"



@dataclass(frozen=True)
class SheetKind:
    """How a kind of question is printed on a worksheet and its answer key: the instruction
    under it, the box beside each option (none without options), and its answer on the key's
    marking grid."""

    instruction: str
    box: str
    grid: Callable[[Question], str]


def _accepted(question: Question) -> str:
    return "; ".join(" / ".join(b.answers) for b in question.blanks)


# Worksheets and answer keys show the self-check kinds; written questions are printed in the
# question book and the papers (BOOK), with their marking schemes.
SHEETS: dict[str, SheetKind] = {
    SINGLE: SheetKind("Choose one answer.", "○", correct_letters),
    MULTIPLE: SheetKind("Choose every correct answer.", "☐", correct_letters),
    FILL_IN: SheetKind("Write the missing word or number on each line.", "", _accepted),
}
BOOK = (WRITTEN,)
_TITLE_SUFFIX = re.compile(r"\s*:?\s*check your understanding\W*$", re.IGNORECASE)
LINES_PER_MARK = 3  # ruled lines on the paper: about 30 words a mark, 10-12 words a line
SHORT_NOTE_MARKS = 5  # up to this many marks a question is a short note (section A)
SYLLABUS_FIRST = (
    "The marking points come from the lecture notes (the syllabus): an answer faithful to the "
    "notes earns full marks. Credit as extra, where a question gives it, rewards relevant "
    "material beyond the notes; it can make up for points missed but never lifts a question "
    "above its marks. A point is credited once in a candidate's script.")


@functools.cache
def _environment() -> Any:
    """The templates' Jinja2 environment (Jinja2 comes with MkDocs): autoescape on, so a text
    reaches a handout as text unless it is Markup made here from ElementTree's output."""
    import jinja2  # here: --check and the site build never write a handout

    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=True,
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def _render(template: str, title: str, body_class: str, *, heading: bool = True,
            **values: Any) -> str:
    css = Markup((TEMPLATES / "handouts.css").read_text(encoding="utf-8"))  # our own file
    return _environment().get_template(template).render(
        mark=OUTPUT_MARK, title=title, body_class=body_class.replace(" ", "-"), css=css,
        heading=heading, **values)


def _html(element: ET.Element) -> Markup:
    """An element ElementTree built (so every text in it escaped) as markup for a template."""
    return Markup(ET.tostring(element, encoding="unicode", method="html"))


def short_title(title: str) -> str:
    """'IPT compared with other therapies' for '…: check your understanding' (no doubling
    of 'check your understanding: worksheet' in a handout's title)."""
    return _TITLE_SUFFIX.sub("", title) or title


def self_checks(quiz: Quiz) -> list[Question]:
    """The questions worksheets and answer keys show (written ones go on the paper)."""
    return [q for q in quiz.questions if q.kind in SHEETS]


def written(quizzes: list[Quiz]) -> list[tuple[Quiz, Question]]:
    """The questions the question book and the papers print."""
    return [(quiz, q) for quiz in quizzes for q in quiz.questions if q.kind in BOOK]


def _beyond_label(parent: ET.Element, question: Question, *, inline: bool = False) -> None:
    """'Beyond the syllabus (optional)' after a question outside the notes."""
    if question.beyond_syllabus:
        label = ET.SubElement(parent, "span" if inline else "p", {"class": "beyond"})
        label.text = f" {BEYOND_SYLLABUS}" if inline else BEYOND_SYLLABUS


class _Handouts:
    """The values each template is given, from the model (Markdown rendered here)."""

    def __init__(self, pages: dict[str, Page], site_url: str | None) -> None:
        self.pages, self.site_url = pages, site_url

    def element(self, quiz: Quiz, text: str, tag: str = "div", *, inline: bool = False,
                **attributes: str) -> ET.Element:
        return markdown_element(text, tag, inline=inline, page_path=quiz.page_path,
                                site_url=self.site_url,
                                attributes={k.rstrip("_"): v for k, v in attributes.items()})

    def markdown(self, quiz: Quiz, text: str, tag: str = "div", *, inline: bool = False,
                 **attributes: str) -> Markup:
        return _html(self.element(quiz, text, tag, inline=inline, **attributes))

    def prompt(self, quiz: Quiz, question: Question, *, answers: bool = False,
               beyond: bool = False) -> Markup:
        """The prompt; a fill-in's blanks become lines (worksheet) or the answers (key); with
        beyond, the 'Beyond the syllabus' label under it."""
        element = self.element(quiz, question.marked_prompt, class_="prompt")
        if beyond and question.beyond_syllabus:
            if len(element):  # on a line of its own, as a block after the prompt's text
                element[-1].tail = (element[-1].tail or "") + "\n"
            _beyond_label(element, question)
        html = str(_html(element))
        for i, blank in enumerate(question.blanks):
            # The answer goes in only on the key; a worksheet line carries no trace of it.
            fill = (f'<span class="answer">{escape(" / ".join(blank.answers))}</span>'
                    if answers else '<span class="blank">\u00a0</span>')
            html = html.replace(BLANK_MARK.format(i), fill, 1)
        return Markup(html)

    # --- worksheets and answer keys ------------------------------------------------------

    def sheet_question(self, quiz: Quiz, question: Question, key: bool) -> dict[str, Any]:
        kind = SHEETS[question.kind]
        values: dict[str, Any] = {
            "id": question.id, "prompt": self.prompt(quiz, question, answers=key),
            "instruction": kind.instruction,
            "options": [{"letter": letter(i), "correct": option.correct,
                         "box": ("✔" if option.correct else "✘") if key else kind.box,
                         "text": self.markdown(quiz, option.text, "span", inline=True),
                         "feedback": (self.markdown(quiz, option.feedback)
                                      if option.feedback else "")}
                        for i, option in enumerate(question.options)],
            "blanks": [" / ".join(blank.answers) for blank in question.blanks]}
        if key:
            values |= {
                "explanation": self.markdown(quiz, question.explanation, class_="explanation"),
                "objective": question.objective,
                "objective_text": objective_text(question.objective, self.pages),
                "review": review_label(question.review, self.pages),
                "review_path": question.review, "source": f"{quiz.source}:{question.line}"}
        return values

    def sheet(self, title: str, quizzes: list[Quiz], kind: str, module_title: str) -> str:
        key = kind == ANSWER_KEY
        count = sum(len(self_checks(q)) for q in quizzes)
        parts, start = [], 1
        for quiz in quizzes:
            questions = self_checks(quiz)
            if not questions:
                continue
            lesson = self.pages[quiz.lesson]
            parts.append({"heading": short_title(quiz.title) if len(quizzes) > 1 else "",
                          "lesson": lesson.title or quiz.lesson, "start": start,
                          "questions": [self.sheet_question(quiz, q, key) for q in questions]})
            start += len(questions)
        every = [q for quiz in quizzes for q in quiz.questions]
        rules = [PARTIAL_CREDIT] if any(q.kind == MULTIPLE for q in every) else []
        if any(q.kind == FILL_IN for q in every):
            rules.append("Fill-ins: every answer listed (separated by /) is accepted; case, "
                         "extra spaces and curly or straight quotes and dashes are ignored.")
        rules.append("Every question is worth 1 mark.")
        grid = [{"id": q.id, "text": SHEETS[q.kind].grid(q)}
                for quiz in quizzes for q in self_checks(quiz)]
        return _render("sheet.html", f"{title}: {kind}", kind, key=key, parts=parts,
                       grid=grid, rules=rules,
                       meta=(f"{module_title} · {question_count(count)}"
                             + (" · For faculty: not for students." if key else "")))

    # --- the question book, the papers and their marking schemes ---------------------------

    def book(self, title: str, chosen: list[tuple[Quiz, Question]], module_title: str) -> str:
        """The question book: every written question, with its marks, suggested length and
        time, and ruled space, for practice. Not a paper: no total time, no choice rule."""
        total = sum(q.marks for _, q in chosen)
        intro = (f"Every written question of the bank ({question_count(len(chosen))}, {total} "
                 "marks in all), to practise one at a time: this book is not an examination "
                 "paper. Each question shows its marks in the margin, a suggested length and "
                 "the time it deserves at the examination's pace (2½ minutes a mark). The "
                 "papers in the university's format are separate handouts.")
        # Short notes first, then long answers, numbered throughout.
        short = [(quiz, q) for quiz, q in chosen if q.marks <= SHORT_NOTE_MARKS]
        long = [(quiz, q) for quiz, q in chosen if q.marks > SHORT_NOTE_MARKS]
        sets = [("", chosen)] if not short or not long else [
            (f"Short notes ({question_count(len(short))})", short),
            (f"Long answers ({question_count(len(long))})", long)]
        groups, start = [], 1
        for heading, questions in sets:
            groups.append({"heading": heading, "start": start, "questions": [{
                "id": question.id, "prompt": self.prompt(quiz, question),
                "marks": question.marks,
                "beyond": BEYOND_SYLLABUS if question.beyond_syllabus else "",
                "length": (f"About {suggested_words(question)} words, about "
                           f"{minutes(question.marks)}."),
                "lines": question.marks * LINES_PER_MARK} for quiz, question in questions]})
            start += len(questions)
        return _render("book.html", f"{title}: {QUESTION_BOOK}", "question-book", heading=False,
                       module_title=module_title, subtitle=f"{title}: question book",
                       intro=intro, groups=groups)

    def paper(self, quiz: Quiz, paper: Paper) -> str:
        """A paper in the university's layout: header, time and full marks, the general
        instruction, then each group's instruction and its numbered questions, marks at the
        right; a short-notes group is one question with lettered topics."""
        head = [self.markdown(quiz, line, tag, inline=True)
                for line, tag in ((paper.institution, "p"), (paper.course, "p"),
                                  (paper.title, "h1")) if line]
        groups: list[dict[str, Any]] = []
        current = None
        for section, number, questions in paper.numbered():
            if section is not current:
                current = section
                groups.append({"heading": section.heading, "questions": [],
                               "instruction": "" if section.short_notes  # its question says it
                               else section.instruction})
            if section.short_notes:
                groups[-1]["questions"].append({
                    "id": number, "number": number,
                    "prompt": section.instruction.removesuffix(".") + ":",
                    "marks": f"{section.marks_each} × {section.answer} = {section.full_marks}",
                    "topics": [{"id": question.id, "letter": letter(n).lower(),
                                "text": self.markdown(quiz, topic, "span", inline=True),
                                "beyond": BEYOND_SYLLABUS if question.beyond_syllabus else ""}
                               for n, (question, topic) in enumerate(
                                   zip(questions, section.topics(), strict=True))]})
                continue
            [question] = questions
            groups[-1]["questions"].append({
                "id": question.id, "number": number, "marks": question.marks, "topics": [],
                "prompt": self.prompt(quiz, question, beyond=True)})
        general = ["The figures in the right-hand margin indicate full marks.",
                   "Candidates are required to give their answers in their own words as far "
                   "as practicable.", paper.general_instruction]
        general += [self.markdown(quiz, line, "span", inline=True)
                    for line in paper.instructions]  # the paper's own, from its YAML
        return _render("paper.html", f"{paper.title}: {PAPER}", "paper", heading=False,
                       head=head, time=duration(paper.minutes), full_marks=paper.full_marks,
                       general=general, groups=groups)

    def scheme_question(self, quiz: Quiz, question: Question, number: str = "") -> dict:
        return {
            "id": question.id, "number": number, "marks": question.marks,
            "prompt": self.prompt(quiz, question, beyond=True),
            "points": [{"text": self.markdown(quiz, point.text, "td", inline=True),
                        "marks": point.marks, "taught": review_label(point.review, self.pages)}
                       for point in question.marking_points],
            "extra": (self.markdown(quiz, extra_credit_text(question), class_="extra")
                      if question.extra_credit else ""),
            "outline": self.markdown(quiz, question.outline, class_="outline"),
            "source": f"{quiz.source}:{question.line}"}

    def scheme(self, title: str, chosen: list[tuple[Quiz, Question]], module_title: str) -> str:
        """The question book's marking scheme: each question's points with their marks, the
        credit as extra, then its outline."""
        total = sum(q.marks for _, q in chosen)
        return _render("scheme.html", f"{title}: {SCHEME}", "marking-scheme", groups=[],
                       meta=(f"{module_title} · {len(chosen)} questions · {total} marks in all "
                             "· For faculty: not for students."), rule=SYLLABUS_FIRST,
                       questions=[self.scheme_question(quiz, q) for quiz, q in chosen])

    def paper_scheme(self, quiz: Quiz, paper: Paper) -> str:
        """A paper's marking scheme, numbered as the paper is."""
        groups: list[dict[str, Any]] = []
        current = None
        for section, number, questions in paper.numbered():
            if section is not current:
                current = section
                groups.append({"heading": " · ".join(
                    part for part in (section.heading, section.instruction) if part),
                    "questions": []})
            for n, question in enumerate(questions):
                label = f"{number}({letter(n).lower()})" if section.short_notes else number
                groups[-1]["questions"].append(self.scheme_question(quiz, question, label))
        return _render("scheme.html", f"{paper.title}: {SCHEME}", "marking-scheme",
                       meta=(f"Time: {duration(paper.minutes)} · Full marks: "
                             f"{paper.full_marks} · {quiz.source}:{paper.line} · For faculty: "
                             "not for students."), rule=SYLLABUS_FIRST, groups=groups,
                       questions=[])


def handout(title: str, quizzes: list[Quiz], pages: dict[str, Page], kind: str, *,
            module_title: str, site_url: str | None = None) -> str:
    """One handout (WORKSHEET, ANSWER_KEY, QUESTION_BOOK or SCHEME) for the given quizzes."""
    handouts = _Handouts(pages, site_url)
    title = short_title(title)
    if kind == QUESTION_BOOK:
        return handouts.book(title, written(quizzes), module_title)
    if kind == SCHEME:
        return handouts.scheme(title, written(quizzes), module_title)
    return handouts.sheet(title, quizzes, kind, module_title)


def paper_handout(quiz: Quiz, paper: Paper, pages: dict[str, Page], kind: str, *,
                  site_url: str | None = None) -> str:
    """A question paper (PAPER) of the quiz, or its marking scheme (SCHEME), as HTML."""
    handouts = _Handouts(pages, site_url)
    return handouts.paper(quiz, paper) if kind == PAPER else handouts.paper_scheme(quiz, paper)


def handout_files(quizzes: list[Quiz], pages: dict[str, Page], *, module_title: str,
                  site_url: str | None = None) -> dict[str, str]:
    """File name -> HTML for every handout: each quiz, then the whole bank; when the bank has
    written questions, the question book (every one of them) and its marking scheme, and each
    paper faculty set in YAML with its marking scheme; plus an index."""
    files: dict[str, str] = {}
    sets = [(quiz.name, short_title(quiz.title), [quiz]) for quiz in quizzes if self_checks(quiz)]
    sets.append(("all-quizzes", "All self-checks", quizzes))
    rows = []
    common = {"module_title": module_title, "site_url": site_url}
    for name, title, chosen in sets:
        pair = []
        for kind, suffix in ((WORKSHEET, "worksheet"), (ANSWER_KEY, "answer-key")):
            files[f"{name}-{suffix}.html"] = handout(title, chosen, pages, kind, **common)
            pair.append((suffix.replace("-", " "), f"{name}-{suffix}.html"))
        rows.append((title, pair))
    if written(quizzes):
        pair = []
        for kind, name in ((QUESTION_BOOK, "question-book"),
                           (SCHEME, "question-book-marking-scheme")):
            files[f"{name}.html"] = handout("Exam practice", quizzes, pages, kind, **common)
            pair.append((kind, f"{name}.html"))
        rows.append(("Exam practice: every written question", pair))
    for quiz in quizzes:
        for paper in quiz.papers:
            pair = []
            for kind, name in ((PAPER, f"paper-{paper.id}"),
                               (SCHEME, f"paper-{paper.id}-marking-scheme")):
                files[f"{name}.html"] = paper_handout(quiz, paper, pages, kind,
                                                      site_url=site_url)
                pair.append((kind, f"{name}.html"))
            rows.append((f"{paper.title} ({duration(paper.minutes)}, full marks "
                         f"{paper.full_marks})", pair))
    files["index.html"] = _index(module_title, rows)
    return files


def _index(module_title: str, rows: list[tuple[str, list[tuple[str, str]]]]) -> str:
    return _render("index.html", f"{module_title}: handouts", "index", rows=rows)
