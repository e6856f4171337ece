"""The "Quiz coverage" page and the warnings for objectives no question tests."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from quizkit.build import compile_module
from conftest import ROOT, run_mkdocs_build
from quizkit.coverage import COVERAGE_PAGE, coverage, coverage_problems
from quizkit.pages import read_pages
from quizkit.validate import validate_quizzes

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
        for number, question in enumerate(quiz.questions, 1):
            link = f"[{number}. `{question.id}`](../{quiz.page_path}#quiz-{number - 1})"
            assert page.count(link) == 1, link
    assert module.warnings == [], "\n".join(map(str, module.warnings))


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    for name in ("docs", "quizzes", "includes", "quizkit", "hooks"):
        if (ROOT / name).exists():
            shutil.copytree(ROOT / name, tmp_path / name,
                            ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("mkdocs.yml", "build_quiz.py"):
        shutil.copy(ROOT / name, tmp_path / name)
    return tmp_path


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
