"""What a student's saved work is keyed by: each question's identity, handed to the pages as data.

A question's identity is its YAML id plus a fingerprint of what the student answered: the
prompt, the option texts (sorted, so the presentation shuffle does not matter) and which are
right, the blanks and their accepted answers; for a written question the prompt, its marks and
the marking points' texts and marks. Feedback, explanations, review links, levels and
objectives are not in it: correcting them changes nothing a student gave. Whitespace is
collapsed first (re-wrapping a YAML block does not change what the student reads).

The browser's record (docs/assets/javascripts/record.js, shape in README.md beside it) keeps
every answer with the fingerprint it was given under: an answer counts only while the question
still has that fingerprint, so an edited question starts fresh and an untouched one keeps its
answer wherever it moves. A chosen option is kept by its own id (a digest of its text), never
by its place; a marking point likewise, so a tick survives other points being edited.

`data_script` is the one JSON element every page that reads or migrates saved work carries
(#ipt-quiz-data): a self-check page its own quiz, exam practice its questions, the home page
(My progress) every quiz; with the rule typed answers are marked by (quizkit.marking
TYPED_ANSWERS), which record.js applies.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from quizkit.marking import typed_rule_data
from quizkit.model import FILL_IN, MULTIPLE, SINGLE, WRITTEN, MarkingPoint, Question, Quiz

QUESTION_DIGITS = 16  # 64 bits: no two versions of one question will share a fingerprint
PART_DIGITS = 8  # an option or a marking point, told apart only within its own question
DATA_ID = "ipt-quiz-data"
# Spaces, separators and invisible characters are written as \uXXXX in the page's JSON (the
# same value once parsed): the typed-answer rule lists them, and raw in a page they would be
# invisible to a reader and line breaks to some tools.
_INVISIBLE = re.compile("[\x7f-\xa0\u1680\u180e\u2000-\u200f\u2028-\u202f\u205f-\u206f"
                        "\u3000\ufeff]")


def _digest(value: Any, digits: int) -> str:
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:digits]


def _words(text: str) -> str:
    """Text as read: runs of whitespace (line breaks of a YAML block included) are one space."""
    return " ".join(text.split())


def fingerprint(question: Question) -> str:
    """The digest of what the student answered (see the module docstring)."""
    return _digest(IDENTITY[question.kind].answered(question), QUESTION_DIGITS)


def option_id(text: str) -> str:
    """A choice option's id within its question: the digest of its text."""
    return _digest(_words(text), PART_DIGITS)


def point_id(point: MarkingPoint) -> str:
    """A marking point's id within its question: the digest of its text and marks."""
    return _digest([_words(point.text), point.marks], PART_DIGITS)


def prompt_id(question: Question) -> str:
    """A written answer's own identity: the prompt it answers. The typed text is kept while
    the prompt is unchanged, even when the marking points change (the ticks then follow
    point_id, the self-mark the whole fingerprint)."""
    return _digest(_words(question.prompt), QUESTION_DIGITS)


def question_data(question: Question) -> dict[str, Any]:
    """One question as the browser needs it: identity, and what the migration of answers
    saved before identities existed checks them against (the right options' places and the
    accepted answers; the page shows them after Submit anyway)."""
    return {"id": question.id, "fp": fingerprint(question),
            **IDENTITY[question.kind].data(question)}


@dataclass(frozen=True)
class KindIdentity:
    """For one kind: what of a question its fingerprint is made of, and what the page's data
    says of it besides its id and fingerprint (docs/assets/javascripts/README.md)."""

    answered: Callable[[Question], list[Any]]
    data: Callable[[Question], dict[str, Any]]


_CHOICE = KindIdentity(
    answered=lambda q: ["choice", _words(q.prompt),
                        sorted([_words(o.text), o.correct] for o in q.options)],
    data=lambda q: {"kind": "choice", "shuffle": q.shuffle,
                    "options": [option_id(o.text) for o in q.options],
                    "correct": [i for i, o in enumerate(q.options) if o.correct]})

IDENTITY: dict[str, KindIdentity] = {
    SINGLE: _CHOICE,
    MULTIPLE: _CHOICE,
    FILL_IN: KindIdentity(
        answered=lambda q: ["fill in", _words(q.prompt), [list(b.answers) for b in q.blanks]],
        data=lambda q: {"kind": "fill in", "typos": q.typos,
                        "blanks": [list(b.answers) for b in q.blanks]}),
    WRITTEN: KindIdentity(
        answered=lambda q: ["written", _words(q.prompt), q.marks,
                            [[_words(p.text), p.marks] for p in q.marking_points]],
        data=lambda q: {"kind": "written", "prompt": prompt_id(q),
                        "points": [point_id(p) for p in q.marking_points]}),
}


def quiz_data(quiz: Quiz) -> dict[str, Any]:
    """A quiz: its page (the key of its attempts in the record), the page it checks (its
    lesson, or the home page for the unit's quizzes: the home page's "Continue" pairs each
    lesson with its self-check) and its questions in page order (question N of the page is
    questions[N]; option value i is options[i])."""
    return {"quiz": quiz.page_path, "lesson": quiz.lesson,
            "questions": [question_data(q) for q in quiz.questions]}


def data_script(quizzes: Iterable[Quiz], *, every_quiz: bool = False) -> str:
    """The page's #ipt-quiz-data element: {"quizzes": [quiz_data, …], "typed": the rule typed
    answers are marked by}, and "all": true when they are every quiz of the site (the home
    page: old saved data of anything else can go). JSON in a script element that never runs
    (type application/json); `</` is escaped so no text can close it."""
    data: dict[str, Any] = {"quizzes": [quiz_data(q) for q in quizzes], "typed": typed_rule_data()}
    if every_quiz:
        data["all"] = True
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":")).replace("</", "<\\/")
    text = _INVISIBLE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
    return f'<script type="application/json" id="{DATA_ID}">{text}</script>'
