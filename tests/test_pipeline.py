"""End to end: the real quizzes through the CLI, the MkDocs hook and mkdocs-quiz's own parser."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from mkdocs_quiz.qti.extractor import extract_quizzes_from_file

from quizkit.build import compile_module
from conftest import ROOT, run_mkdocs_build
from quizkit.model import BLANK, FILL_IN

BROKEN_QUESTION = """
  - id: broken-{name}
    objective: no-such-objective
    level: recall
    promt: A question with a typo in a key
    explanation: Two mistakes above, one line each.
"""


@pytest.fixture(scope="module")
def module():
    built, problems = compile_module(ROOT / "docs", ROOT / "quizzes")
    assert problems == [], "\n".join(map(str, problems))
    return built


def run_cli(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_quiz.py"), *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of the project (sources only), to break on purpose."""
    skip = shutil.ignore_patterns(".git", ".venv", "site", "dist", "node_modules", "__pycache__",
                                  ".pytest_cache", "tests")
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=skip)
    return project


def break_quiz(project: Path, name: str = "time-limit.yml") -> None:
    quiz = project / "quizzes" / name
    broken = BROKEN_QUESTION.format(name=quiz.stem)
    quiz.write_text(quiz.read_text(encoding="utf-8") + broken, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_passes_on_the_real_bank() -> None:
    result = run_cli("--check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_round_trip_through_mkdocs_quiz_parser(module, tmp_path: Path) -> None:
    """The generated pages, read back by mkdocs-quiz's own extractor, say what the YAML says."""
    result = run_cli("--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for quiz in module.quizzes:
        extracted = extract_quizzes_from_file(tmp_path / quiz.page_path)
        assert len(extracted) == len(quiz.questions), quiz.source
        for question, parsed in zip(quiz.questions, extracted, strict=True):
            if question.kind == FILL_IN:
                # mkdocs-quiz reads a blank's alternatives as one string, "a|b".
                assert [b.correct_answer.split("|") for b in parsed.blanks] == [
                    list(blank.answers) for blank in question.blanks]
                assert parsed.answers == []
                continue
            assert parsed.question == question.prompt
            assert [(a.text, a.is_correct, a.feedback) for a in parsed.answers] == [
                (o.text, o.correct, o.feedback.strip() if o.feedback else None)
                for o in question.options
            ], question.id
            assert question.explanation.splitlines()[0] in (parsed.content or "")


def test_out_is_deterministic_and_skips_unchanged_pages(tmp_path: Path) -> None:
    assert run_cli("--out", str(tmp_path)).returncode == 0
    first = snapshot(tmp_path)
    second_run = run_cli("--out", str(tmp_path))
    assert second_run.returncode == 0
    assert "wrote 0 changed pages" in second_run.stdout
    assert snapshot(tmp_path) == first


def test_a_rejected_quiz_leaves_earlier_out_files_alone(project_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("--out", str(out), cwd=project_copy).returncode == 0
    before = snapshot(out)
    break_quiz(project_copy)
    result = subprocess.run([sys.executable, "build_quiz.py", "--out", str(out)],
                            cwd=project_copy, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_cli_reports_every_problem_once_with_positions(project_copy: Path) -> None:
    break_quiz(project_copy)
    break_quiz(project_copy, "transference.yml")
    result = subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=project_copy,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert lines[-1] == "4 problems in 2 files; nothing was built or changed."
    for name in ("time-limit.yml", "transference.yml"):
        ours = [line for line in lines if line.startswith(f"quizzes/{name}:")]
        assert len(ours) == 2, lines
        assert any("unknown key 'promt'" in line and "did you mean 'prompt'?" in line
                   for line in ours)
        assert any("objective 'no-such-objective' is not declared" in line for line in ours)


def test_cli_survives_an_unreadable_file(project_copy: Path) -> None:
    (project_copy / "quizzes" / "binary.yml").write_bytes(b"\x00\xff\xfe garbage")
    result = subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=project_copy,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("quizzes/binary.yml:1:")
    assert "Traceback" not in result.stderr


def test_strict_build_of_the_real_site(built_site: Path) -> None:
    page = (built_site / "quizzes" / "time-limit" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="quiz') >= 8
    assert "confetti: false" in page  # self-checks, not exams
    lesson = (built_site / "lessons" / "time-limit" / "index.html").read_text(encoding="utf-8")
    assert "In this lesson you will" in lesson
    # mkdocs-quiz's CSS and JavaScript are only on quiz pages.
    assert "quiz_progress_" in page
    assert "quiz_progress_" not in lesson


def test_nothing_generated_lands_in_docs() -> None:
    generated = [p for p in (ROOT / "docs").rglob("*.md")
                 if "# Generated by build_quiz.py" in p.read_text(encoding="utf-8")[:300]]
    assert generated == []


def test_a_broken_quiz_fails_the_build_and_keeps_the_last_good_site(project_copy: Path,
                                                                     tmp_path: Path) -> None:
    site = tmp_path / "site"
    assert run_mkdocs_build(site, project_copy / "mkdocs.yml").returncode == 0
    before = snapshot(site)
    break_quiz(project_copy)
    result = run_mkdocs_build(site, project_copy / "mkdocs.yml")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "quizzes/time-limit.yml:" in result.stderr
    assert "did you mean 'prompt'?" in result.stderr
    assert snapshot(site) == before


def test_site_build_is_byte_identical(project_copy: Path, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")  # sitemap dates from a fixed day
    first, second = tmp_path / "a", tmp_path / "b"
    assert run_mkdocs_build(first, project_copy / "mkdocs.yml").returncode == 0
    assert run_mkdocs_build(second, project_copy / "mkdocs.yml").returncode == 0
    assert snapshot(first) == snapshot(second)


def test_blank_answers_are_single_words_or_numbers(module) -> None:
    """Fill-in answers are matched exactly (ignoring case and spaces): keep them unambiguous."""
    for quiz in module.quizzes:
        for question in quiz.questions:
            for answer in BLANK.findall(question.prompt):
                assert len(answer.split()) == 1, f"{question.id}: '{answer}'"
