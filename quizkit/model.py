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
from dataclasses import dataclass, field

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

    @property
    def page_path(self) -> str:
        """Where the compiled page lives in the site (a virtual file under docs/)."""
        return f"quizzes/{self.name}.md"

    @property
    def written(self) -> bool:
        """A quiz of written (exam-practice) questions only."""
        return bool(self.questions) and all(q.kind == WRITTEN for q in self.questions)


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
