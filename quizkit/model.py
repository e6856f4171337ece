"""The question bank as data: what validation produces and every output reads.

Render (the site's quiz pages), the LMS exports, the handouts and the coverage page import this
module only; none of them depends on how the YAML was checked. A `Quiz` is valid by
construction: `quizkit.validate` builds one only from a file with no problems.

Choice options are stored in the order students see them everywhere (site, handouts, answer
keys, QTI): a shuffle seeded by the question id (`presentation_order`), so the order is stable
from build to build, differs from question to question, and does not depend on the order the
author wrote. `shuffle: false` on a question keeps the author's order (numbers, ranges).
"""

from __future__ import annotations

import functools
import hashlib
import random
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizkit.problems import closest

if TYPE_CHECKING:  # only its type: the model does not depend on how a file was read
    from quizkit.source import Document

SINGLE, MULTIPLE, FILL_IN, WRITTEN = "single choice", "multiple answer", "fill in", "written"
KINDS = (SINGLE, MULTIPLE, FILL_IN, WRITTEN)

# What a question asks of the student: the lower four levels of the revised Bloom taxonomy.
LEVELS = ("recall", "understand", "apply", "analyse")

# mkdocs-quiz's fill-in syntax, empty blanks included; inside, accepted answers are split by |.
BLANK = re.compile(r"\[\[([^\]]*)\]\]")
ALTERNATIVES = "|"
# A blank's place-holder while a prompt goes through Markdown (which leaves it untouched); the
# exporters put a line, an answer or an input in its place afterwards. BLANK_MARKS finds them.
BLANK_MARK = "QZBLANK{}QZ"
BLANK_MARKS = re.compile(r"QZBLANK(\d+)QZ")


@dataclass(frozen=True)
class Option:
    """One choice option. `line` (where it is in the YAML) is for messages only."""

    text: str
    correct: bool
    feedback: str | None
    line: int = field(default=0, compare=False)


@dataclass(frozen=True)
class Blank:
    """One fill-in blank: every accepted answer, the first being the one shown in keys."""

    answers: tuple[str, ...]

    @property
    def answer(self) -> str:
        return self.answers[0]

    @classmethod
    def parse(cls, inside: str) -> Blank:
        """`contract|agreement` (the text between [[ and ]]) -> Blank(("contract", "agreement"))."""
        return cls(tuple(part.strip() for part in inside.split(ALTERNATIVES)))


@dataclass(frozen=True)
class MarkingPoint:
    """One point a written answer earns marks for, with the section that teaches it."""

    text: str
    marks: int
    review: str  # "lessons/time-limit.md#anchor"


@dataclass(frozen=True)
class ExtraCredit:
    """Credit as extra on a written question: up to `marks` for relevant material beyond the
    notes (`what`). It can make up for points missed, never lift the mark above the question's
    marks: the notes' own points carry full marks on their own."""

    marks: int
    what: str  # the YAML's `for:`, e.g. "founders and dates, problem areas, phases"


@dataclass(frozen=True)
class Question:
    id: str
    objective: str
    prompt: str
    explanation: str
    review: str  # "lessons/time-limit.md#anchor" (anchor optional); defaults to the quiz's lesson
    options: tuple[Option, ...]  # in presentation order (see the module docstring)
    line: int  # where the question starts in its YAML file
    level: str = "recall"
    shuffle: bool = True
    allow: tuple[tuple[str, str], ...] = ()  # (warning rule id, the author's reason)
    typos: bool = True  # fill-ins: accept a one-letter slip in a long answer (shown corrected)
    marks: int = 0  # written questions only
    marking_points: tuple[MarkingPoint, ...] = ()
    outline: str = ""
    extra_credit: ExtraCredit | None = None  # written questions only
    beyond_syllabus: bool = False  # written questions: outside the notes, optional

    @functools.cached_property  # asked for many times per question by the checks and writers
    def kind(self) -> str:
        if self.marking_points:
            return WRITTEN
        if not self.options:
            return FILL_IN
        return MULTIPLE if sum(o.correct for o in self.options) > 1 else SINGLE

    @property
    def blanks(self) -> list[Blank]:
        return [Blank.parse(inside) for inside in BLANK.findall(self.prompt)]

    @property
    def blank_keys(self) -> list[str]:
        """The answer shown in keys for each blank (the first accepted one)."""
        return [blank.answer for blank in self.blanks]

    @property
    def marked_prompt(self) -> str:
        """The prompt with its n-th blank (0-based) replaced by BLANK_MARK.format(n)."""
        counter = iter(range(len(self.blanks)))
        return BLANK.sub(lambda match: BLANK_MARK.format(next(counter)), self.prompt)

    def prompt_with(self, show: callable) -> str:  # type: ignore[valid-type]
        """The prompt with each [[blank]] replaced by show(blank) (e.g. "_____" or the answer)."""
        return BLANK.sub(lambda match: show(Blank.parse(match.group(1))), self.prompt)


@dataclass(frozen=True)
class Quiz:
    source: str  # as shown in messages: "quizzes/time-limit.yml"
    name: str  # file stem: "time-limit"
    title: str
    lesson: str  # page path under docs/
    questions: tuple[Question, ...]
    papers: tuple[Paper, ...] = ()  # question papers made from this quiz's written questions

    @property
    def page_path(self) -> str:
        """Where the compiled page lives in the site (a virtual file under docs/)."""
        return f"quizzes/{self.name}.md"

    @property
    def paper_page_path(self) -> str:
        """Where a written quiz's mock-paper page lives (see paper_page_path())."""
        return paper_page_path(self.name)

    @property
    def written(self) -> bool:
        """A quiz of written (exam-practice) questions only."""
        return bool(self.questions) and all(q.kind == WRITTEN for q in self.questions)


_QUIZ_PAGE = re.compile(r"^quizzes/([^/]+?)(?:\.md|/mock-paper\.md)$")


def missing_quiz_page(page: str, pages: Iterable[str],
                      remove: str = "remove this link") -> str | None:
    """What to say when a link or the nav names a quiz page (quizzes/NAME.md, or its mock
    paper) that is not among `pages`: it is made from quizzes/NAME.yml, so that file is what
    is missing, and the fix is to restore it, never to edit or point at some other page.
    None when it is not a quiz page, or a misspelling of one that is built (then the usual
    "did you mean" fits)."""
    match = _QUIZ_PAGE.match(page)
    if match is None:
        return None
    built = [m.group(1) for m in map(_QUIZ_PAGE.match, pages) if m]
    if closest(match.group(1), built, cutoff=0.8):  # names alone: "quizzes/" and ".md" match
        return None
    source = f"quizzes/{match.group(1)}.yml"
    return (f"docs/{page} is made from {source}, which does not exist; restore it "
            f"(git checkout {source}) or {remove}")


def paper_page_path(name: str) -> str:
    """The mock-paper page of the written quiz file quizzes/NAME.yml: quizzes/NAME/mock-paper.md,
    inside the quiz page's own folder, so no quiz file's page can take its address."""
    return f"quizzes/{name}/mock-paper.md"


# The examination's pace: 2½ minutes a mark (a 3-hour university paper of 70-80 marks). The
# exam-practice page's timer, the handouts and a paper's time all use it.
SECONDS_PER_MARK = 150

# --- question papers (W14): a paper is a choice of written questions and the rule for answering

# Number words for instructions ("Answer any four of the following."); beyond twelve, digits.
_NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
                 "ten", "eleven", "twelve")
# A short note's prompt names its topic: "Write a short note on the treatment contract in IPT."
# (or "Short note: …"). In a "Write short notes on any two of the following" section only the
# topic is printed.
SHORT_NOTE_PROMPT = re.compile(
    r"^\s*(?:write\s+(?:a\s+)?short\s+notes?\s+on|short\s+notes?)\s*:?\s+(?P<topic>.+?)[.\s]*$",
    re.IGNORECASE | re.DOTALL)


def number_word(n: int) -> str:
    return _NUMBER_WORDS[n] if 0 <= n < len(_NUMBER_WORDS) else str(n)


def short_note_topic(prompt: str) -> str | None:
    """'The treatment contract in IPT' for 'Write a short note on the treatment contract in
    IPT.'; None when the prompt is not worded as a short note."""
    match = SHORT_NOTE_PROMPT.match(prompt)
    if not match:
        return None
    topic = " ".join(match.group("topic").split())
    return topic[:1].upper() + topic[1:]


@dataclass(frozen=True)
class PaperSection:
    """One section (group) of a paper: its heading, how many of its questions to answer, and
    the questions offered. When the candidate chooses ("any four"), the questions carry equal
    marks (validation checks it), so full marks do not depend on the choice."""

    heading: str  # "Group A"
    answer: int  # how many of the questions the candidate answers
    questions: tuple[Question, ...]
    short_notes: bool = False  # one question "Write short notes on any N of the following"

    @property
    def marks_each(self) -> int:
        """The marks of one question (of the first, when all are to be answered)."""
        return self.questions[0].marks

    @property
    def full_marks(self) -> int:
        if self.answer >= len(self.questions):
            return sum(q.marks for q in self.questions)
        return self.answer * self.marks_each

    @property
    def instruction(self) -> str:
        """'Answer any four of the following.', 'Write short notes on any two of the
        following.', or '… all of the following.' when every question is to be answered."""
        if len(self.questions) == 1:
            return ("Write a short note on the following." if self.short_notes
                    else "Answer the following question.")
        count = ("all" if self.answer >= len(self.questions)
                 else f"any {number_word(self.answer)}")
        if self.short_notes:
            return f"Write short notes on {count} of the following."
        return f"Answer {count} of the following."

    def topics(self) -> list[str]:
        """The short notes' topics, in order (validation has checked every prompt has one)."""
        return [short_note_topic(q.prompt) or q.prompt for q in self.questions]


@dataclass(frozen=True)
class Paper:
    """A question paper in the university's format, chosen by faculty from the written
    questions. Full marks and time are computed from the questions to be answered, never
    typed, so they always agree with the paper; the site's mock paper (one timer for the
    whole paper) and the printed handout read the same object."""

    id: str
    title: str  # "Paper VII, Unit IV: Interpersonal psychotherapy"
    sections: tuple[PaperSection, ...]
    institution: str = ""  # header lines above the title, as on a university paper
    course: str = ""
    # The paper's own general instructions (Markdown), printed after "Answer …": the rubric
    # line "Do not repeat material; where a point is already made, refer to it."
    instructions: tuple[str, ...] = ()
    line: int = field(default=0, compare=False)  # where the paper starts in its YAML file

    @property
    def full_marks(self) -> int:
        return sum(section.full_marks for section in self.sections)

    @property
    def minutes(self) -> int:
        """The time allowed: the marks to be answered at the examination's pace (2½ minutes a
        mark), rounded up to the half hour, as university papers are set (70 marks: 3 hours)."""
        return -(-self.full_marks * SECONDS_PER_MARK // 1800) * 30

    @property
    def questions(self) -> tuple[Question, ...]:
        return tuple(q for section in self.sections for q in section.questions)

    @property
    def general_instruction(self) -> str:
        """'Answer four questions from Group A and two short notes from Group B.'"""
        parts = []
        for n, section in enumerate(self.sections, start=1):
            what = "short note" if section.short_notes else "question"
            where = section.heading or f"section {n}"
            if len(section.questions) == 1:
                parts.append(f"the {what} of {where}")
            elif section.answer >= len(section.questions):
                parts.append(f"all the {what}s of {where}")
            else:
                plural = "s" if section.answer != 1 else ""
                parts.append(f"{number_word(section.answer)} {what}{plural} from {where}")
        joined = parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]
        return f"Answer {joined}."

    def numbered(self) -> list[tuple[PaperSection, str, list[Question]]]:
        """(section, number, questions) in paper order: every question of a section is
        numbered 1, 2, 3… through the paper, except that a short-notes section is one numbered
        question whose topics are lettered (a), (b)… (the university's layout)."""
        rows, number = [], 1
        for section in self.sections:
            if section.short_notes:
                rows.append((section, str(number), list(section.questions)))
                number += 1
                continue
            for question in section.questions:
                rows.append((section, str(number), [question]))
                number += 1
        return rows


def presentation_order(question_id: str, options: list[Option]) -> tuple[Option, ...]:
    """The options in the order every output shows them: a shuffle seeded by the question id.

    The options are first sorted by text, so the result does not depend on the order the
    author wrote them in; the seed comes from SHA-256 (Python's hash() changes per process),
    so every build gives the same order.
    """
    seed = int.from_bytes(hashlib.sha256(question_id.encode("utf-8")).digest()[:8], "big")
    ordered = sorted(options, key=lambda o: (o.text, o.correct, o.feedback or ""))
    random.Random(seed).shuffle(ordered)
    return tuple(ordered)


# --- building the model from a valid quiz file ------------------------------------------------


def quiz_from_document(doc: Document, file: Path) -> Quiz:
    """The Quiz of a quiz file that passed validation (quizkit/validate.py builds one only
    then): options in presentation order, texts stripped, defaults filled in."""
    data = doc.data
    questions = []
    for i, q in enumerate(data["questions"]):
        options = [  # an option's text is one line; `text: |` (a block) ends it with a break
            Option(str(o["text"]).strip(), o.get("correct") is True,
                   str(o["feedback"]) if o.get("feedback") is not None else None,
                   line=doc.position(("questions", i, "options", j))[0])
            for j, o in enumerate(q.get("options") or [])
        ]
        shuffle = q.get("shuffle") is not False
        points = tuple(MarkingPoint(str(p["text"]).strip(), int(p["marks"]), p["review"])
                       for p in q.get("marking_points") or [])
        questions.append(Question(
            id=q["id"], objective=q["objective"], prompt=str(q["prompt"]).strip(),
            explanation=str(q.get("explanation") or "").strip(),
            review=q.get("review") or data["lesson"],
            options=presentation_order(q["id"], options) if shuffle else tuple(options),
            line=doc.position(("questions", i))[0],
            level=q["level"], shuffle=shuffle, typos=q.get("typos") is not False,
            allow=tuple((rule, str(reason).strip())
                        for rule, reason in (q.get("allow") or {}).items()),
            marks=int(q.get("marks") or 0), marking_points=points,
            outline=str(q.get("outline") or "").strip(),
            extra_credit=_extra_credit_of(q.get("extra_credit")),
            beyond_syllabus=q.get("beyond_syllabus") is True,
        ))
    return Quiz(doc.path, file.stem, str(data["title"]).strip(), data["lesson"], tuple(questions),
                papers=_papers_of(doc, questions))


def _extra_credit_of(value: Any) -> ExtraCredit | None:
    if not isinstance(value, dict):
        return None
    return ExtraCredit(int(value["marks"]), str(value["for"]).strip())


def _papers_of(doc: Document, questions: list[Question]) -> tuple[Paper, ...]:
    """The papers of a valid file, their questions resolved to the Question objects."""
    by_id = {q.id: q for q in questions}
    papers = []
    for i, paper in enumerate(doc.data.get("papers") or []):
        sections = tuple(
            PaperSection(heading=str(section.get("heading") or "").strip(),
                         answer=int(section["answer"]),
                         questions=tuple(by_id[str(qid)] for qid in section["questions"]),
                         short_notes=section.get("short_notes") is True)
            for section in paper["sections"])
        papers.append(Paper(id=str(paper["id"]), title=str(paper["title"]).strip(),
                            sections=sections,
                            institution=str(paper.get("institution") or "").strip(),
                            course=str(paper.get("course") or "").strip(),
                            instructions=tuple(" ".join(str(line).split())
                                               for line in paper.get("instructions") or ()),
                            line=doc.position(("papers", i))[0]))
    return tuple(papers)
