"""What each quiz covers: every lesson objective with the questions that test it.

Two products from one table: the "Quiz coverage" page for faculty (a generated page, like the
quiz pages) and the warnings a build gives when an objective is tested by no question.

Which untested objectives are warnings: those of a page that has a quiz (its quiz forgot one of
them, the mistake worth failing a strict build for). A page with objectives but no quiz at all
(an optional page, or a lesson whose quiz is not written yet) gets a note, not a warning.

A question counts for the page that declares its objective: a lesson's own quiz tests that
lesson, and a quiz of the whole unit (`lesson: index.md`, e.g. exam practice) may test any
page's objectives (objective ids are unique across the module).
"""

from __future__ import annotations

import posixpath
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from quizkit.model import FILL_IN, LEVELS, MULTIPLE, SINGLE, WRITTEN, Question, Quiz
from quizkit.pages import Page
from quizkit.problems import Problem
from quizkit.render import relative_path

COVERAGE_PAGE = "faculty/coverage.md"


@dataclass(frozen=True)
class Tested:
    """One question testing an objective, with the quiz it is in and its number there."""

    quiz: Quiz
    question: Question
    number: int  # 1-based, as students see it

    @property
    def anchor(self) -> str:
        """Where the question is on its page (COVERAGE)."""
        return COVERAGE[self.question.kind].anchor(self)


@dataclass(frozen=True)
class LessonCoverage:
    """A page with objectives, its quizzes, and the questions testing each objective."""

    page: Page
    quizzes: tuple[Quiz, ...]  # the quizzes whose `lesson:` is this page
    objectives: dict[str, tuple[Tested, ...]]  # in the order the front matter declares them

    @property
    def tested(self) -> list[Tested]:
        return [item for items in self.objectives.values() for item in items]

    def counts(self) -> dict[str, int]:
        """Questions on this page's objectives, by kind."""
        return by_kind(self.tested)

    def levels(self) -> dict[str, int]:
        """Questions on this page's objectives, by level."""
        return by_level(self.tested)

    @property
    def untested(self) -> list[str]:
        return [oid for oid, tested in self.objectives.items() if not tested]


def by_kind(tested: Iterable[Tested]) -> dict[str, int]:
    """How many of the questions are of each kind (every kind listed, in COVERAGE's order)."""
    return _count(tested, tuple(COVERAGE), lambda q: q.kind)


def by_level(tested: Iterable[Tested]) -> dict[str, int]:
    """How many of the questions are at each level (every level listed, in LEVELS order)."""
    return _count(tested, LEVELS, lambda q: q.level)


def _count(tested: Iterable[Tested], keys: tuple[str, ...],
           key: Callable[[Question], str]) -> dict[str, int]:
    counts = dict.fromkeys(keys, 0)
    for item in tested:
        counts[key(item.question)] += 1
    return counts


def coverage(pages: dict[str, Page], quizzes: list[Quiz],
             order: list[str] | None = None) -> list[LessonCoverage]:
    """Every page with objectives, in nav order (pages missing from `order` last, by path)."""
    rank = {path: i for i, path in enumerate(order or [])}
    with_objectives = sorted((p for p in pages.values() if p.objectives),
                             key=lambda p: (rank.get(p.path, len(rank)), p.path))
    declared_on = {oid: page.path for page in with_objectives for oid in page.objectives}
    tested: dict[str, dict[str, list[Tested]]] = {
        page.path: {oid: [] for oid in page.objectives} for page in with_objectives}
    for quiz in quizzes:
        for number, question in enumerate(quiz.questions, 1):
            page_path = declared_on.get(question.objective)
            if page_path is not None:  # validation guarantees it; stay safe anyway
                tested[page_path][question.objective].append(Tested(quiz, question, number))
    return [LessonCoverage(page, tuple(q for q in quizzes if q.lesson == page.path),
                           {k: tuple(v) for k, v in tested[page.path].items()})
            for page in with_objectives]


def coverage_problems(report: list[LessonCoverage]) -> tuple[list[Problem], list[Problem]]:
    """(warnings, notes): untested objectives of quizzed pages; pages with no quiz at all."""
    warnings, notes = [], []
    for lesson in report:
        page = lesson.page
        if not lesson.quizzes and page.no_quiz:
            continue  # `quiz: none`: known and intended, so a clean module prints only OK
        if not lesson.quizzes:
            notes.append(Problem(f"docs/{page.path}", 1, 1, "this page declares objectives but "
                                 "no quiz has it as its 'lesson:'; it is listed on the coverage "
                                 "page as having no quiz; if that is intended, add 'quiz: none' "
                                 "to its front matter", rule="lesson-no-quiz"))
            continue
        sources = " or ".join(q.source for q in lesson.quizzes)
        for objective_id in lesson.untested:
            line, col = page.objective_positions.get(objective_id, (1, 1))
            warnings.append(Problem(f"docs/{page.path}", line, col, f"objective "
                                    f"'{objective_id}' is tested by no question; add a question "
                                    f"with 'objective: {objective_id}' to {sources}, or remove "
                                    "the objective from this page", rule="untested-objective"))
    return warnings, notes


def _link(target: str, anchor: str = "") -> str:
    relative = relative_path(target, posixpath.dirname(COVERAGE_PAGE))
    return relative + (f"#{anchor}" if anchor else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _kind_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "no questions"


def _level_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {level}" for level, n in counts.items() if n) or "–"


def _marks(tested: Sequence[Tested]) -> int:
    return sum(item.question.marks for item in tested if item.question.kind == WRITTEN)


def _written_cell(tested: Sequence[Tested]) -> str:
    """'2 (10 marks)', or '0'."""
    written = sum(item.question.kind == WRITTEN for item in tested)
    return f"{written} ({_marks(tested)} marks)" if written else "0"


def _counted(kind: str) -> Callable[[Sequence[Tested]], str]:
    """A column's cell: how many of the questions are of the kind."""
    return lambda tested: str(sum(item.question.kind == kind for item in tested))


def _block_anchor(item: Tested) -> str:
    """mkdocs-quiz gives its n-th quiz block the id quiz-(n-1) (a quiz holds one kind of
    question, so the n-th question is the n-th block)."""
    return f"quiz-{item.number - 1}"


@dataclass(frozen=True)
class CoverageKind:
    """A kind of question on the coverage page: its column, what a cell of it says for some
    questions, and where a question of it is on its page (the link target)."""

    column: str
    cell: Callable[[Sequence[Tested]], str]
    anchor: Callable[[Tested], str]


COVERAGE: dict[str, CoverageKind] = {
    SINGLE: CoverageKind("Single choice", _counted(SINGLE), _block_anchor),
    MULTIPLE: CoverageKind("Multiple answer", _counted(MULTIPLE), _block_anchor),
    FILL_IN: CoverageKind("Fill in", _counted(FILL_IN), _block_anchor),
    # The exam-practice page gives a written question its own id; a cell counts its marks too.
    WRITTEN: CoverageKind("Written", _written_cell, lambda item: item.question.id),
}


def _kind_cells(tested: Sequence[Tested]) -> str:
    return " | ".join(kind.cell(tested) for kind in COVERAGE.values())


def _question_link(item: Tested) -> str:
    return (f"[{item.number}. `{item.question.id}`]"
            f"({_link(item.quiz.page_path, item.anchor)})")


def render_coverage(report: list[LessonCoverage], generated_mark: str) -> str:
    """The "Quiz coverage" page (Markdown), byte-identical for the same input."""
    every = [item for lesson in report for item in lesson.tested]
    total, levels = by_kind(every), by_level(every)
    untested = sum(len(lesson.untested) for lesson in report if lesson.quizzes)
    parts = [
        "---",
        f"{generated_mark} from quizzes/*.yml and the lessons' front matter: edit those.",
        "title: Quiz coverage",
        "---",
        "",
        "# Quiz coverage",
        "",
        "For every page with objectives: each objective, the questions that test it (each links "
        "to the question), how many questions of each kind and at each level, and the "
        "fair-question warnings a question is allowed to skip, with the author's reason. This "
        "page is rebuilt with the site; [Editing this module](editing.md#reading-the-coverage-"
        "page) explains how to read it.",
        "",
        f"**The whole bank:** {sum(total.values())} questions ({_kind_counts(total)}); levels: "
        f"{_level_counts(levels)}; "
        + (f"**{untested} objective{'s' if untested != 1 else ''} of quizzed pages tested by "
           "no question.**" if untested else "every objective of a quizzed page is tested."),
        "",
        "| Page | Quiz | Objectives | Questions | "
        + " | ".join(kind.column for kind in COVERAGE.values())
        + " | Recall | Understand | Apply | Analyse |",
        "| --- | --- | ---: | ---: | " + "---: | " * len(COVERAGE) + "---: | ---: | ---: | ---: |",
    ]
    for lesson in report:
        counts, at_level = lesson.counts(), lesson.levels()
        quizzes = ", ".join(f"[{_cell(q.title)}]({_link(q.page_path)})" for q in lesson.quizzes)
        title = lesson.page.title or lesson.page.path
        parts.append(f"| [{_cell(title)}]({_link(lesson.page.path)}) | {quizzes or 'none'} | "
                     f"{len(lesson.objectives)} | {sum(counts.values())} | "
                     f"{_kind_cells(lesson.tested)} | "
                     + " | ".join(str(at_level[level]) for level in LEVELS) + " |")
    parts.append(f"| **The whole bank** | | {sum(len(r.objectives) for r in report)} | "
                 f"{sum(total.values())} | {_kind_cells(every)} | "
                 + " | ".join(str(levels[level]) for level in LEVELS) + " |")
    for lesson in report:
        parts += ["", *_lesson_section(lesson)]
    parts += ["", *_exceptions_section(report)]
    return "\n".join(parts) + "\n"


def _lesson_section(lesson: LessonCoverage) -> list[str]:
    page = lesson.page
    lines = [f"## {page.title or page.path}", ""]
    lines.append(f"Page: [docs/{page.path}]({_link(page.path)}). " + (
        "Quiz: " + ", ".join(f"[{q.title}]({_link(q.page_path)}) (`{q.source}`)"
                             for q in lesson.quizzes) + "."
        if lesson.quizzes else "No quiz has this page as its `lesson:`."))
    lines.append("")
    if lesson.tested:
        lines += [f"Levels: {_level_counts(lesson.levels())}.", ""]
    if lesson.quizzes and lesson.untested:
        ids = ", ".join(f"`{oid}`" for oid in lesson.untested)
        lines += ['!!! warning "Objectives no question tests"', "",
                  f"    {ids}: add a question with that `objective:` to the quiz, or remove "
                  "the objective from the page's front matter.", ""]
    lines += ["| Objective | Questions that test it | "
              + " | ".join(kind.column for kind in COVERAGE.values()) + " | Levels |",
              "| --- | --- | " + "---: | " * len(COVERAGE) + "--- |"]
    for objective_id, tested in lesson.objectives.items():
        links = ", ".join(_question_link(item) for item in tested) or (
            "**none**" if lesson.quizzes else "no quiz")
        sentence = _cell(page.objectives[objective_id])
        lines.append(f"| `{objective_id}`: {sentence} | {links} | {_kind_cells(tested)} | "
                     f"{_level_counts(by_level(tested))} |")
    return lines


def _exceptions_section(report: list[LessonCoverage]) -> list[str]:
    """Every `allow:` in the bank: the question, the warning it skips, and why."""
    allowed = sorted(((item, rule, reason) for lesson in report for item in lesson.tested
                      for rule, reason in item.question.allow),
                     key=lambda x: (x[0].quiz.name, x[0].number, x[1]))
    lines = ["## Allowed exceptions to the fair-question checks", ""]
    if not allowed:
        return [*lines, "No question is allowed to skip a fair-question warning."]
    lines += [f"{len(allowed)} question warning{'s are' if len(allowed) != 1 else ' is'} "
              "allowed by its author, with the reason below. Each is a judgement to review: "
              "see [Writing fair questions](editing.md#writing-fair-questions).", "",
              "| Question | Quiz | Warning allowed | Reason |", "| --- | --- | --- | --- |"]
    for item, rule, reason in allowed:
        lines.append(f"| {_question_link(item)} | `{item.quiz.source}` | `{rule}` | "
                     f"{_cell(reason)} |")
    return lines
