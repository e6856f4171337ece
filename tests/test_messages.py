"""Messages that used to mislead a faculty member (faculty walk-through 2, W5-W9, W15): each
mistake gets one line naming its own line and the fix. Most cases are fixtures
(tests/fixtures/invalid, lessons, mkdocs); these are the ones a fixture file cannot hold."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from quizkit import yamlhints
from quizkit.source import parse
from tests.helpers import ROOT


def _schema_keys(node: object) -> set[str]:
    if isinstance(node, dict):
        found = set(node.get("properties", {}))
        for value in node.values():
            found |= _schema_keys(value)
        return found
    if isinstance(node, list):
        return set().union(*map(_schema_keys, node)) if node else set()
    return set()


def test_every_key_of_the_format_is_known_to_the_missing_space_check() -> None:
    """`feedback:This` is named for every key the format has (rules' names under `allow:`
    are not keys a teacher types at a line's start)."""
    schema = json.loads((ROOT / "quizzes" / "schema.json").read_text(encoding="utf-8"))
    keys = {k for k in _schema_keys(schema) if "-" not in k}
    assert keys <= yamlhints.KNOWN_KEYS, keys - yamlhints.KNOWN_KEYS


def test_a_glued_value_that_is_not_a_key_is_left_alone() -> None:
    """Addresses and a colon inside a text are not a key without its space."""
    doc, problems = parse("extra_css:\n  - https://example.org/x.css\n  - mailto:a\n"
                          "title: Time 10:30 sharp\n", "mkdocs.yml")
    assert problems == [] and doc is not None


def test_a_quoted_key_is_not_taken_for_text_after_a_closing_quote() -> None:
    doc, problems = parse('"title": A quiz\nlesson: "lessons/a.md" # the lesson\n', "q.yml",
                          trailing_comments=True)
    assert problems == [] and doc is not None and doc.data["title"] == "A quiz"


def _git(folder: Path, *args: str) -> None:
    subprocess.run(["git", "-c", "user.name=Test", "-c", "user.email=test@example.invalid",
                    *args], cwd=folder, check=True, capture_output=True)


def test_a_copied_id_is_reported_on_the_new_copy_even_in_an_earlier_file(tmp_path: Path) -> None:
    """W9: a question copied from transference.yml into time-limit.yml keeps its id. The
    message points at the copy (time-limit.yml comes first by name), names the established
    question, and says to rename the copy; the established file, untouched, gets nothing."""
    from quizkit.pages import read_pages
    from quizkit.validate import validate_quizzes

    fixtures = ROOT / "tests" / "fixtures"
    quizzes = tmp_path / "quizzes"
    quizzes.mkdir()
    shutil.copy(ROOT / "quizzes" / "schema.json", quizzes)
    quiz = (fixtures / "valid" / "fill-in.yml").read_text(encoding="utf-8")
    (quizzes / "transference.yml").write_text(quiz, encoding="utf-8")
    (quizzes / "time-limit.yml").write_text(quiz.replace("s-fill", "s-other"), encoding="utf-8")
    _git(tmp_path, "init", "-q")
    _git(tmp_path, "add", ".")
    _git(tmp_path, "commit", "-qm", "two quizzes")
    (quizzes / "time-limit.yml").write_text(quiz, encoding="utf-8")  # the copy, not committed
    pages, _ = read_pages(fixtures / "docs")
    _, problems = validate_quizzes(quizzes, pages)
    assert [str(p) for p in problems] == [
        "quizzes/time-limit.yml:5:9: question id 's-fill' is already used at "
        "quizzes/transference.yml:5; ids must be unique across all quizzes: rename this new "
        "copy (the id in use there is tied to Moodle's ID number and to students' saved "
        "answers) [duplicate-id]"]


def test_a_clean_module_prints_only_ok() -> None:
    """`make check` on the module as committed: no note (the page with no quiz on purpose
    says `quiz: none`), no warning, only the OK line and the bank's figures."""
    result = subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.startswith("OK: ")


def test_quiz_none_silences_only_the_no_quiz_note(tmp_path: Path) -> None:
    from quizkit.coverage import coverage, coverage_problems
    from quizkit.pages import read_pages

    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "tests" / "fixtures" / "docs", docs)
    sample = docs / "lessons" / "sample.md"
    pages, _ = read_pages(docs)
    _, notes = coverage_problems(coverage(pages, []))
    assert [n.rule for n in notes] == ["lesson-no-quiz"]
    sample.write_text(sample.read_text(encoding="utf-8").replace("---\n", "---\nquiz: none\n", 1),
                      encoding="utf-8")
    pages, problems = read_pages(docs)
    assert problems == [] and coverage_problems(coverage(pages, [])) == ([], [])


def test_the_warning_count_line_agrees_with_its_number() -> None:
    from build_quiz import warning_summary
    from quizkit.problems import Problem

    one = Problem("docs/a.md", 3, 1, "x", rule="link-missing-page")
    assert warning_summary([one]) == (
        "1 warning in 1 file: the preview still works, but make build (and so publishing) "
        "fails until it is fixed.")
    assert warning_summary([one, Problem("docs/b.md", 1, 1, "y", rule="link-missing-page")]
                           ).endswith("2 files: the preview still works, but make build (and "
                                      "so publishing) fails until they are fixed.")


def test_mkdocs_does_not_repeat_a_link_anchor_or_nav_problem_the_check_reported() -> None:
    """MkDocs' own lines, as MkDocs 1.6 words them, are dropped only for the very link,
    anchor or nav entry the check already reported (test_pipeline's preview test sees the
    link case in a real `mkdocs serve`)."""
    import logging

    from hooks.module_plugin import AlreadySaid
    from quizkit.problems import Problem

    def record(message: str) -> logging.LogRecord:
        return logging.LogRecord("mkdocs.structure.pages", logging.WARNING, "", 0, message,
                                 None, None)

    said = AlreadySaid()
    said.remember([
        Problem("docs/lessons/a.md", 3, 5, "the link to 'transferance.md' goes nowhere: …",
                rule="link-missing-page"),
        Problem("docs/lessons/a.md", 4, 5, "'#phase' is not a heading on docs/lessons/b.md; "
                "did you mean '#phases'?", rule="link-missing-anchor"),
        Problem("mkdocs.yml", 9, 9, "the nav lists 'quizzes/gone.md', which is not built: …",
                rule="nav-missing-page")])
    dropped = [
        "Doc file 'lessons/a.md' contains a link 'transferance.md', but the target "
        "'lessons/transferance.md' is not found among documentation files.",
        "Doc file 'lessons/a.md' contains a link 'b.md#phase', but the doc 'lessons/b.md' "
        "does not contain an anchor '#phase'.",
        "A reference to 'quizzes/gone.md' is included in the 'nav' configuration, which is "
        "not found in the documentation files."]
    kept = [
        "Doc file 'lessons/c.md' contains a link 'transferance.md', but the target "
        "'lessons/transferance.md' is not found among documentation files.",
        "Doc file 'lessons/a.md' contains a link 'b.md#other', but the doc 'lessons/b.md' "
        "does not contain an anchor '#other'.",
        "A reference to 'quizzes/other.md' is included in the 'nav' configuration, which is "
        "not found in the documentation files."]
    assert [said.filter(record(m)) for m in dropped] == [False, False, False]
    assert [said.filter(record(m)) for m in kept] == [True, True, True]


def test_the_preview_banner_shows_a_quiz_text_as_text(tmp_path: Path) -> None:
    """The banner quotes the faculty's own text: it reaches the page escaped, never as HTML;
    a second failed save replaces the banner rather than adding one."""
    from hooks.module_plugin import show_banner
    from quizkit.problems import Problem

    page = tmp_path / "index.html"
    page.write_text('<html><body class="x"><p>Lesson</p></body></html>', encoding="utf-8")
    unsafe = Problem("quizzes/a.yml", 2, 8, "the text starts with '<script>alert(1)</script>'",
                     rule="yaml-syntax")
    assert show_banner(tmp_path, [unsafe]) == 1
    assert show_banner(tmp_path, [unsafe, unsafe]) == 1
    html = page.read_text(encoding="utf-8")
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert html.count('id="ipt-preview-problems"') == 1 and "2 problems" in html
    assert html.index('<body class="x">') < html.index("ipt-preview-problems") < html.index(
        "<p>Lesson")
