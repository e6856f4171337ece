"""What each quiz covers: every lesson objective with the questions that test it.

Two products from one table: the "Quiz coverage" page for faculty (a generated page, like the
quiz pages) and the warnings a build gives when an objective is tested by no question.

Which untested objectives are warnings: those of a page that has a quiz (its quiz forgot one of
them, the mistake worth failing a strict build for). A page with objectives but no quiz at all
(an optional page, or a lesson whose quiz is not written yet) gets a note, not a warning.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass

from quizkit.pages import Page
from quizkit.problems import Problem
from quizkit.model import FILL_IN, KINDS, MULTIPLE, SINGLE, Question, Quiz

COVERAGE_PAGE = "faculty/coverage.md"


@dataclass(frozen=True)
class Tested:
    """One question testing an objective, with the quiz it is in and its number there."""

    quiz: Quiz
    question: Question
    number: int  # 1-based, as students see it

    @property
    def anchor(self) -> str:
        """mkdocs-quiz gives the n-th quiz block on a page the id quiz-(n-1)."""
        return f"quiz-{self.number - 1}"


@dataclass(frozen=True)
class LessonCoverage:
    """A page with objectives, its quizzes, and the questions testing each objective."""

    page: Page
    quizzes: tuple[Quiz, ...]
    objectives: dict[str, tuple[Tested, ...]]  # in the order the front matter declares them

    def counts(self) -> dict[str, int]:
        """Questions on this page's objectives, by kind."""
        counts = dict.fromkeys(KINDS, 0)
        for tested in self.objectives.values():
            for item in tested:
                counts[item.question.kind] += 1
        return counts

    @property
    def untested(self) -> list[str]:
        return [oid for oid, tested in self.objectives.items() if not tested]


def coverage(pages: dict[str, Page], quizzes: list[Quiz],
             order: list[str] | None = None) -> list[LessonCoverage]:
    """Every page with objectives, in nav order (pages missing from `order` last, by path)."""
    rank = {path: i for i, path in enumerate(order or [])}
    with_objectives = sorted((p for p in pages.values() if p.objectives),
                             key=lambda p: (rank.get(p.path, len(rank)), p.path))
    result = []
    for page in with_objectives:
        own = tuple(q for q in quizzes if q.lesson == page.path)
        tested: dict[str, list[Tested]] = {oid: [] for oid in page.objectives}
        for quiz in own:
            for number, question in enumerate(quiz.questions, 1):
                if question.objective in tested:  # validation guarantees it; stay safe anyway
                    tested[question.objective].append(Tested(quiz, question, number))
        result.append(LessonCoverage(page, own, {k: tuple(v) for k, v in tested.items()}))
    return result


def coverage_problems(report: list[LessonCoverage]) -> tuple[list[Problem], list[Problem]]:
    """(warnings, notes): untested objectives of quizzed pages; pages with no quiz at all."""
    warnings, notes = [], []
    for lesson in report:
        page = lesson.page
        if not lesson.quizzes:
            notes.append(Problem(f"docs/{page.path}", 1, 1, "this page declares objectives but "
                                 "no quiz has it as its 'lesson:'; it is listed on the coverage "
                                 "page as having no quiz"))
            continue
        sources = " or ".join(q.source for q in lesson.quizzes)
        for objective_id in lesson.untested:
            line, col = page.objective_positions.get(objective_id, (1, 1))
            warnings.append(Problem(f"docs/{page.path}", line, col, f"objective "
                                    f"'{objective_id}' is tested by no question; add a question "
                                    f"with 'objective: {objective_id}' to {sources}, or remove "
                                    "the objective from this page"))
    return warnings, notes


def _link(target: str, anchor: str = "") -> str:
    relative = posixpath.relpath(target, posixpath.dirname(COVERAGE_PAGE))
    return relative + (f"#{anchor}" if anchor else "")


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _kind_counts(counts: dict[str, int]) -> str:
    return ", ".join(f"{n} {kind}" for kind, n in counts.items() if n) or "no questions"


def render_coverage(report: list[LessonCoverage], generated_mark: str) -> str:
    """The "Quiz coverage" page (Markdown), byte-identical for the same input."""
    total = dict.fromkeys(KINDS, 0)
    for lesson in report:
        for kind, n in lesson.counts().items():
            total[kind] += n
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
        "to the question), and how many questions of each kind. This page is rebuilt with the "
        "site; [Editing this module](editing.md#reading-the-coverage-page) explains how to read "
        "it.",
        "",
        f"**The whole bank:** {sum(total.values())} questions ({_kind_counts(total)}); "
        + (f"**{untested} objective{'s' if untested != 1 else ''} of quizzed pages tested by "
           "no question.**" if untested else "every objective of a quizzed page is tested."),
        "",
        "| Page | Quiz | Objectives | Questions | Single choice | Multiple answer | Fill in |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: |",
    ]
    for lesson in report:
        counts = lesson.counts()
        quizzes = ", ".join(f"[{_cell(q.title)}]({_link(q.page_path)})" for q in lesson.quizzes)
        title = lesson.page.title or lesson.page.path
        parts.append(f"| [{_cell(title)}]({_link(lesson.page.path)}) | {quizzes or 'none'} | "
                     f"{len(lesson.objectives)} | {sum(counts.values())} | {counts[SINGLE]} | "
                     f"{counts[MULTIPLE]} | {counts[FILL_IN]} |")
    for lesson in report:
        parts += ["", *_lesson_section(lesson)]
    return "\n".join(parts) + "\n"


def _lesson_section(lesson: LessonCoverage) -> list[str]:
    page = lesson.page
    lines = [f"## {page.title or page.path}", ""]
    lines.append(f"Page: [docs/{page.path}]({_link(page.path)}). " + (
        "Quiz: " + ", ".join(f"[{q.title}]({_link(q.page_path)}) (`{q.source}`)"
                             for q in lesson.quizzes) + "."
        if lesson.quizzes else "No quiz has this page as its `lesson:`."))
    lines.append("")
    if lesson.quizzes and lesson.untested:
        ids = ", ".join(f"`{oid}`" for oid in lesson.untested)
        lines += ['!!! warning "Objectives no question tests"', "",
                  f"    {ids}: add a question with that `objective:` to the quiz, or remove "
                  "the objective from the page's front matter.", ""]
    lines += ["| Objective | Questions that test it | Single choice | Multiple answer | Fill in |",
              "| --- | --- | ---: | ---: | ---: |"]
    for objective_id, tested in lesson.objectives.items():
        counts = dict.fromkeys(KINDS, 0)
        for item in tested:
            counts[item.question.kind] += 1
        links = ", ".join(
            f"[{item.number}. `{item.question.id}`]"
            f"({_link(item.quiz.page_path, item.anchor)})" for item in tested
        ) or ("**none**" if lesson.quizzes else "no quiz")
        sentence = _cell(page.objectives[objective_id])
        lines.append(f"| `{objective_id}`: {sentence} | {links} | {counts[SINGLE]} | "
                     f"{counts[MULTIPLE]} | {counts[FILL_IN]} |")
    return lines
