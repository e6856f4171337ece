"""The "Quiz coverage" page and the warnings for objectives no question tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from quizkit.build import compile_module
from quizkit.coverage import COVERAGE_PAGE, coverage, coverage_problems, render_coverage
from quizkit.pages import read_pages
from quizkit.validate import validate_quizzes
from tests.helpers import ROOT, run_mkdocs_build

FIXTURES = ROOT / "tests" / "fixtures"
QUIZ = """\
title: Sample quiz
lesson: lessons/sample.md
questions:
{questions}"""
QUESTION = """\
  - id: {qid}
    objective: {objective}
    level: recall
    prompt: The answer is [[yes]].
    explanation: Because it is.
"""


def fixture_report(tmp_path: Path, objectives: list[str]):
    """Coverage of the sample lesson (objectives s-first, s-second) by one small quiz."""
    pages, problems = read_pages(FIXTURES / "docs")
    assert problems == []
    questions = "".join(QUESTION.format(qid=f"q-{i}", objective=o)
                        for i, o in enumerate(objectives))
    (tmp_path / "sample.yml").write_text(QUIZ.format(questions=questions), encoding="utf-8")
    shutil.copy(ROOT / "quizzes" / "schema.json", tmp_path)
    quizzes, problems = validate_quizzes(tmp_path, pages)
    assert problems == []
    return coverage(pages, quizzes)


@pytest.mark.parametrize(("tested", "untested"), [
    (["s-first", "s-second"], []),
    (["s-first", "s-first"], ["s-second"]),
    (["s-second"], ["s-first"]),
])
def test_an_untested_objective_is_a_warning_at_its_line(tmp_path: Path, tested: list[str],
                                                         untested: list[str]) -> None:
    report = fixture_report(tmp_path, tested)
    warnings, notes = coverage_problems(report)
    assert notes == []
    assert [w.message.split("'")[1] for w in warnings] == untested
    for warning in warnings:
        assert warning.path == "docs/lessons/sample.md"
        objective = warning.message.split("'")[1]
        line = (FIXTURES / "docs/lessons/sample.md").read_text().splitlines()[warning.line - 1]
        assert line.strip().startswith(f"{objective}:")
        assert "tested by no question" in warning.message
        assert f"'objective: {objective}'" in warning.message


def test_a_page_with_objectives_and_no_quiz_is_a_note_not_a_warning() -> None:
    pages, _ = read_pages(FIXTURES / "docs")
    warnings, notes = coverage_problems(coverage(pages, []))
    assert warnings == []
    assert [(n.path, "no quiz" in n.message) for n in notes] == [("docs/lessons/sample.md", True)]


def test_counts_by_kind(tmp_path: Path) -> None:
    [lesson] = fixture_report(tmp_path, ["s-first", "s-first", "s-second"])
    assert lesson.counts() == {"single choice": 0, "multiple answer": 0, "fill in": 3,
                               "written": 0}
    assert [t.number for t in lesson.objectives["s-first"]] == [1, 2]
    assert [t.anchor for t in lesson.objectives["s-second"]] == ["quiz-2"]


def test_coverage_page_lists_every_objective_and_links_every_question() -> None:
    module, problems = compile_module(ROOT / "docs", ROOT / "quizzes")
    assert problems == []
    page = module.rendered[COVERAGE_PAGE]
    for info in module.pages.values():
        for objective_id in info.objectives:
            assert f"| `{objective_id}`: " in page
    for quiz in module.quizzes:
        blocks = 0  # mkdocs-quiz numbers its blocks; a written question is not one
        for number, question in enumerate(quiz.questions, 1):
            anchor = question.id if question.kind == "written" else f"quiz-{blocks}"
            blocks += question.kind != "written"
            link = f"[{number}. `{question.id}`](../{quiz.page_path}#{anchor})"
            assert page.count(link) == 1, link
    assert module.warnings == [], "\n".join(map(str, module.warnings))



def test_coverage_page_is_in_the_built_site(built_site: Path) -> None:
    page = (built_site / "faculty" / "coverage" / "index.html").read_text(encoding="utf-8")
    assert "Quiz coverage" in page
    # Question links resolve to the question blocks mkdocs-quiz numbers quiz-0, quiz-1, ...
    link = re.search(r'href="(\.\./\.\./quizzes/[a-z-]+/)#(quiz-\d+)"', page)
    assert link, "no link to a question"
    target = (built_site / "faculty" / "coverage" / link.group(1) / "index.html").resolve()
    assert f'id="{link.group(2)}"' in target.read_text(encoding="utf-8")


def test_strict_build_fails_on_an_untested_objective(project_copy: Path, tmp_path: Path) -> None:
    lesson = project_copy / "docs" / "lessons" / "time-limit.md"
    text = lesson.read_text(encoding="utf-8")
    text = text.replace("objectives:\n", "objectives:\n  tl-untested: Describe a thing no "
                        "question asks about.\n", 1)
    lesson.write_text(text, encoding="utf-8")
    result = run_mkdocs_build(tmp_path / "site", project_copy / "mkdocs.yml")
    assert result.returncode == 1
    assert "objective 'tl-untested' is tested by no question" in result.stderr
    assert "Traceback" not in result.stderr


UNIT_QUIZ = """\
title: Exam practice
lesson: index.md
questions:
  - id: u-written
    objective: s-second
    level: analyse
    prompt: Explain the second thing.
    marks: 4
    marking_points:
      - text: Defines it.
        marks: 4
        review: lessons/sample.md#second
"""
UNIT_CHOICE_QUIZ = """\
title: Unit self-assessment
lesson: index.md
questions:
  - id: u-choice
    objective: s-first
    level: apply
    prompt: "**Case.** Which thing comes first here?"
    allow:
      few-options: a yes-or-no judgement about the case
    options:
      - text: The first
        correct: true
      - text: The second
        feedback: It comes after.
    explanation: The first comes first.
"""


def unit_report(tmp_path: Path):
    """Coverage of the sample lesson by its own quiz (s-first, recall) and a unit quiz."""
    pages, problems = read_pages(FIXTURES / "docs")
    assert problems == []
    (tmp_path / "sample.yml").write_text(
        QUIZ.format(questions=QUESTION.format(qid="q-own", objective="s-first")), encoding="utf-8")
    (tmp_path / "unit.yml").write_text(UNIT_CHOICE_QUIZ, encoding="utf-8")
    (tmp_path / "exam.yml").write_text(UNIT_QUIZ, encoding="utf-8")
    shutil.copy(ROOT / "quizzes" / "schema.json", tmp_path)
    quizzes, problems = validate_quizzes(tmp_path, pages)
    assert problems == []
    return coverage(pages, quizzes)


def test_a_unit_quiz_counts_for_the_page_that_declares_the_objective(tmp_path: Path) -> None:
    [lesson] = unit_report(tmp_path)  # index.md declares no objectives: only the lesson is listed
    assert [q.name for q in lesson.quizzes] == ["sample"]  # its own quiz, for the warnings
    assert [t.question.id for t in lesson.objectives["s-first"]] == ["q-own", "u-choice"]
    assert [t.question.id for t in lesson.objectives["s-second"]] == ["u-written"]
    assert lesson.untested == []


def test_levels_and_written_marks_are_counted(tmp_path: Path) -> None:
    [lesson] = unit_report(tmp_path)
    assert lesson.levels() == {"recall": 1, "understand": 0, "apply": 1, "analyse": 1}
    assert lesson.counts() == {"single choice": 1, "multiple answer": 0, "fill in": 1,
                               "written": 1}
    page = render_coverage([lesson], "# mark")
    row = next(line for line in page.splitlines() if line.startswith("| [Sample lesson]"))
    # Questions, single, multiple, fill in, written (marks), then recall … analyse.
    assert row.endswith("| 2 | 3 | 1 | 0 | 1 | 1 (4 marks) | 1 | 0 | 1 | 1 |")
    second = next(line for line in page.splitlines() if line.startswith("| `s-second`"))
    assert "| 1 (4 marks) | 1 analyse |" in second
    assert "Levels: 1 recall, 1 apply, 1 analyse." in page
    assert "levels: 1 recall, 1 apply, 1 analyse" in page


def test_written_questions_link_to_their_own_anchor(tmp_path: Path) -> None:
    [lesson] = unit_report(tmp_path)
    written = lesson.objectives["s-second"][0]
    choice = next(t for t in lesson.objectives["s-first"] if t.question.id == "u-choice")
    assert written.anchor == "u-written"
    assert (choice.number, choice.anchor) == (1, "quiz-0")


def test_every_allowed_exception_is_listed_with_its_reason(tmp_path: Path) -> None:
    page = render_coverage(unit_report(tmp_path), "# mark")
    section = page.split("## Allowed exceptions to the fair-question checks", 1)[1]
    assert "1 question warning is allowed by its author" in section
    assert ("| [1. `u-choice`](../quizzes/unit.md#quiz-0) | `quizzes/unit.yml` | "
            "`few-options` | a yes-or-no judgement about the case |") in section


def test_a_bank_without_exceptions_says_so(tmp_path: Path) -> None:
    page = render_coverage(fixture_report(tmp_path, ["s-first", "s-second"]), "# mark")
    assert page.rstrip().endswith("No question is allowed to skip a fair-question warning.")


def test_allowed_wording_cues_are_listed_with_their_reasons(tmp_path: Path) -> None:
    """The newer fair-question warnings (a count in a multiple-answer stem, a stem word only
    the key repeats) reach the coverage page like the others when an author allows them."""
    pages, problems = read_pages(FIXTURES / "docs")
    assert problems == []
    for name in ("warn-count-in-stem.yml", "warn-stem-word-in-key.yml"):
        shutil.copy(FIXTURES / "valid" / name, tmp_path)
    shutil.copy(ROOT / "quizzes" / "schema.json", tmp_path)
    quizzes, problems = validate_quizzes(tmp_path, pages)
    assert problems == []
    section = render_coverage(coverage(pages, quizzes), "# mark").split(
        "## Allowed exceptions to the fair-question checks", 1)[1]
    assert "2 question warnings are allowed by its author" in section
    assert ("| `quizzes/warn-count-in-stem.yml` | `count-in-stem` | the question teaches that "
            "the lesson names exactly two, which the options test |") in section
    assert ("| `quizzes/warn-stem-word-in-key.yml` | `stem-word-in-key` | the term itself is "
            "what is asked; a wrong option could not use it and stay wrong |") in section
