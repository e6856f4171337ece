"""make new-quiz: a new quiz file that passes `make check` once its examples are uncommented."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quizkit.model import FILL_IN, MULTIPLE, SINGLE
from quizkit.pages import read_pages
from quizkit.scaffold import MODELINE, ScaffoldError, lesson_path, new_quiz
from quizkit.validate import validate_quizzes
from tests.helpers import ROOT

PAGES, _ = read_pages(ROOT / "docs")
LESSONS = sorted(p for p, page in PAGES.items() if page.objectives)


def uncomment(text: str) -> str:
    """What a faculty member does first: uncomment the example questions."""
    return re.sub(r"^  # (?=- id:| )", "  ", text, flags=re.MULTILINE)


@pytest.fixture
def quizzes_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "quizzes"
    folder.mkdir()
    shutil.copy(ROOT / "quizzes" / "schema.json", folder)
    return folder


@pytest.mark.parametrize("lesson", LESSONS)
def test_scaffold_is_commented_and_passes_once_uncommented(lesson: str, quizzes_dir: Path) -> None:
    target = new_quiz(ROOT / "docs", quizzes_dir, lesson)
    assert target == quizzes_dir / f"{Path(lesson).stem}.yml"
    text = target.read_text(encoding="utf-8")
    assert text.startswith(MODELINE + "\n")
    data = yaml.safe_load(text)
    assert data["lesson"] == lesson and data["questions"] is None  # examples are comments
    for objective_id in PAGES[lesson].objectives:
        assert f"#   {objective_id}: " in text

    target.write_text(uncomment(text), encoding="utf-8")
    quizzes, problems = validate_quizzes(quizzes_dir, PAGES)
    assert problems == [], "\n".join(map(str, problems))
    [quiz] = quizzes
    assert [q.kind for q in quiz.questions] == [SINGLE, MULTIPLE, FILL_IN]
    assert {q.objective for q in quiz.questions} <= set(PAGES[lesson].objectives)


@pytest.mark.parametrize(("argument", "message", "rule"), [
    ("", "say which lesson the quiz is for: make new-quiz LESSON=lessons/NAME.md",
     "new-quiz-no-lesson"),
    ("lessons/nope.md", "docs/lessons/nope.md does not exist", "new-quiz-missing-lesson"),
    ("lessons/time-limit", "is not a lesson page", "new-quiz-not-a-page"),
    ("glossary.md", "declares no objectives", "new-quiz-no-objectives"),
    ("../../outside.md", "LESSON=../../outside.md is outside docs/", "new-quiz-outside-docs"),
    ("../outside/lessons/x.md", "is outside docs/", "new-quiz-outside-docs"),
    ("lessons/../../outside.md", "is outside docs/", "new-quiz-outside-docs"),
])
def test_bad_lesson_argument_is_one_clear_line(argument: str, message: str, rule: str,
                                               quizzes_dir: Path, tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs" / "lessons", docs / "lessons")
    (docs / "glossary.md").write_text("# Glossary\n", encoding="utf-8")
    # A real lesson outside docs/: refused even though it exists and has objectives.
    outside = tmp_path / "outside" / "lessons"
    outside.mkdir(parents=True)
    shutil.copy(ROOT / "docs" / "lessons" / "time-limit.md", outside / "x.md")
    shutil.copy(ROOT / "docs" / "lessons" / "time-limit.md", tmp_path / "outside.md")
    with pytest.raises(ScaffoldError, match=re.escape(message)) as raised:
        new_quiz(docs, quizzes_dir, argument)
    assert raised.value.rule == rule
    assert list(quizzes_dir.glob("*.yml")) == []


@pytest.mark.parametrize("lesson", ['x"; touch {marker}; echo "', "$(touch {marker})",
                                    "`touch {marker}`", "$(shell touch {marker})",
                                    "../../outside.md"])
def test_make_new_quiz_passes_the_lesson_safely(lesson: str, tmp_path: Path) -> None:
    """`make new-quiz LESSON=…`: the value is never run by the shell, only reported."""
    marker = tmp_path / "ran"
    value = lesson.format(marker=marker)
    before = sorted((ROOT / "quizzes").iterdir())
    result = subprocess.run(["make", "-s", "new-quiz", f"LESSON={value}"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    assert not marker.exists(), "the shell ran part of LESSON"
    [line] = [x for x in result.stderr.splitlines() if x.startswith("make new-quiz: ")]
    assert f"LESSON={value} " in line or f"docs/{value}" in line, line
    assert "Traceback" not in result.stderr
    assert sorted((ROOT / "quizzes").iterdir()) == before


def test_refuses_to_overwrite(quizzes_dir: Path) -> None:
    existing = quizzes_dir / "time-limit.yml"
    existing.write_text("mine\n", encoding="utf-8")
    with pytest.raises(ScaffoldError, match="already exists"):
        new_quiz(ROOT / "docs", quizzes_dir, "lessons/time-limit.md")
    assert existing.read_text(encoding="utf-8") == "mine\n"


@pytest.mark.parametrize("argument", ["lessons/x.md", "docs/lessons/x.md", "./docs/lessons/x.md"])
def test_lesson_path_accepts_what_people_type(argument: str) -> None:
    assert lesson_path(argument) == "lessons/x.md"


@pytest.mark.parametrize(("args", "code", "stream", "expected"), [
    (["--new-quiz", ""], 1, "stderr", "make new-quiz: say which lesson"),
    (["--new-quiz", "lessons/nope.md"], 1, "stderr", "make new-quiz: docs/lessons/nope.md"),
    (["--new-quiz", "lessons/time-limit.md"], 0, "stdout", "wrote "),
])
def test_cli(tmp_path: Path, quizzes_dir: Path, args: list[str], code: int, stream: str,
             expected: str) -> None:
    result = subprocess.run([sys.executable, str(ROOT / "build_quiz.py"), *args,
                             "--quizzes", str(quizzes_dir)], capture_output=True, text=True,
                            check=False)
    assert result.returncode == code, result.stderr
    output = getattr(result, stream)
    assert output.startswith(expected)
    assert len(output.strip().splitlines()) == 1 and "Traceback" not in result.stderr


@pytest.mark.parametrize("lesson", LESSONS[:2])
def test_scaffold_shows_a_written_question_that_is_valid_in_exam_practice(
        lesson: str, quizzes_dir: Path) -> None:
    """The scaffold's written example, copied into a quiz of written questions as its comment
    says, passes the check (issue 10: the scaffold includes the new kind)."""
    from quizkit.model import WRITTEN

    text = new_quiz(ROOT / "docs", quizzes_dir, lesson).read_text(encoding="utf-8")
    example = text.split("# Their shape, for copying there", 1)[1].split("\n", 1)[1]
    body = "\n".join(line[1:] for line in example.splitlines() if line.startswith("#"))
    (quizzes_dir / f"{Path(lesson).stem}.yml").unlink()
    (quizzes_dir / "exam.yml").write_text(
        f"title: Exam practice\nlesson: index.md\nquestions:\n{body}\n", encoding="utf-8")
    quizzes, problems = validate_quizzes(quizzes_dir, PAGES)
    assert problems == [], "\n".join(map(str, problems))
    assert [q.kind for q in quizzes[0].questions] == [WRITTEN]
