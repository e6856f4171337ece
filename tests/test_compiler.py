"""The quiz compiler against data-driven fixtures.

tests/fixtures/valid/NAME.yml    must compile; its page must equal tests/golden/NAME.md, and
                                 its warnings the lines of NAME.warnings (none if absent)
tests/fixtures/invalid/NAME.yml  must fail with exactly the lines in NAME.expected

Invalid fixtures are named by the layer that must catch them:
  schema-*    quizzes/schema.json rejects them too (what editors underline as you type)
  rule-*      only the compiler can tell (objectives, anchors, duplicates, quiz markup,
              unsafe text, answer cues)
  yaml-*, encoding-*, empty*   not YAML a schema could even look at

Adding a regression case means adding a file. To refresh expectations after an intended
change of wording: UPDATE_EXPECTED=1 pytest tests/test_compiler.py (every file it rewrites
fails, so an update run is never green), review the diff, then run again without it.
(Rendering is deterministic across processes: test_pipeline's two-process test.)
"""

from __future__ import annotations

import json
import re
import shutil
import tempfile
from pathlib import Path

import jsonschema
import pytest
import yaml

from quizkit.build import render_page
from quizkit.pages import read_pages
from quizkit.validate import validate_bank, validate_file, validate_quizzes
from tests.helpers import ROOT, check_against

FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
SCHEMA_PATH = ROOT / "quizzes" / "schema.json"

VALID = sorted((FIXTURES / "valid").glob("*.yml"))
INVALID = sorted((FIXTURES / "invalid").glob("*.yml"))


@pytest.fixture(scope="module")
def pages():
    found, problems = read_pages(FIXTURES / "docs")
    assert problems == []
    return found


def compile_fixture(path: Path, pages):
    """(quiz or None, errors, warnings), as the compiler sees the file alone in quizzes/."""
    quiz, _, problems, warnings = validate_file(path, f"quizzes/{path.name}", pages, SCHEMA_PATH)
    if quiz is not None:  # ids must also be unique within the file: the folder-level check
        with tempfile.TemporaryDirectory() as folder:
            shutil.copy(path, folder)
            shutil.copy(SCHEMA_PATH, folder)
            checked = validate_bank(Path(folder), pages, "quizzes")
        problems, warnings = checked.problems, checked.warnings
        quiz = checked.quizzes[0] if not problems else None
    return quiz, problems, warnings


class Yaml12Loader(yaml.SafeLoader):
    """PyYAML's safe loader with YAML 1.2 booleans (only true/false), as editors read YAML."""


Yaml12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
Yaml12Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


def schema_errors(path: Path) -> list[str]:
    """What an editor's YAML language server would say, read with an independent loader."""
    data = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=Yaml12Loader)
    validator = jsonschema.Draft7Validator(json.loads(SCHEMA_PATH.read_text()))
    return [error.message for error in validator.iter_errors(data)]


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_compiles_to_its_golden_page(path: Path, pages) -> None:
    quiz, problems, _ = compile_fixture(path, pages)
    assert problems == []
    check_against(GOLDEN / f"{path.stem}.md", render_page(quiz, pages))


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_valid_fixture_gives_exactly_its_warnings(path: Path, pages) -> None:
    _, _, warnings = compile_fixture(path, pages)
    expected = path.with_suffix(".warnings")
    lines = "".join(f"{w}\n" for w in sorted(warnings))
    if lines or expected.exists():
        check_against(expected, lines)
    if path.stem.startswith("warn-"):  # a warning fixture that gives none tests nothing
        assert warnings, path.name


@pytest.mark.parametrize("path", INVALID, ids=lambda p: p.stem)
def test_invalid_fixture_gives_exact_messages(path: Path, pages) -> None:
    quiz, problems, _ = compile_fixture(path, pages)
    assert quiz is None
    lines = "".join(f"{p}\n" for p in sorted(problems))
    check_against(path.with_suffix(".expected"), lines)


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.stem)
def test_schema_accepts_every_valid_fixture(path: Path) -> None:
    assert schema_errors(path) == []


@pytest.mark.parametrize(
    "path", [p for p in INVALID if p.stem.startswith(("schema-", "rule-"))], ids=lambda p: p.stem
)
def test_schema_and_compiler_agree_on_structure(path: Path) -> None:
    """schema-* fixtures break the format, so editors flag them too; rule-* ones do not."""
    if path.stem.startswith("schema-"):
        assert schema_errors(path), "the schema accepts a file the compiler rejects"
    else:
        assert schema_errors(path) == [], "a rule-* fixture should be structurally valid"


def test_every_message_points_inside_the_file(pages) -> None:
    """Line and column are 1-based and name a real position, never 0 or past the end."""
    for path in INVALID:
        _, problems, _ = compile_fixture(path, pages)
        raw = path.read_bytes()
        lines = raw.splitlines() or [b""]
        for problem in problems:
            assert 1 <= problem.line <= len(lines), problem
            assert 1 <= problem.col <= len(lines[problem.line - 1]) + 1, problem


def test_question_ids_must_be_unique_across_files(tmp_path: Path, pages) -> None:
    for name in ("a.yml", "b.yml"):
        (tmp_path / name).write_text(
            (FIXTURES / "valid" / "fill-in.yml").read_text(encoding="utf-8"), encoding="utf-8"
        )
    (tmp_path / "schema.json").write_text(SCHEMA_PATH.read_text(encoding="utf-8"))
    _, problems = validate_quizzes(tmp_path, pages, "quizzes")
    assert [str(p) for p in problems] == [
        "quizzes/b.yml:5:9: question id 's-fill' is already used at quizzes/a.yml:5; "
        "ids must be unique across all quizzes: rename this new copy (the id in use there is "
        "tied to Moodle's ID number and to students' saved answers) [duplicate-id]"
    ]


# --- option order: seeded by the question id, never the author's -------------------------------

ORDER_QUIZ = """\
title: Order
lesson: lessons/sample.md
questions:
  - id: s-order
    objective: s-first
    level: understand
    prompt: Which thing comes first?
{shuffle}    options:
{options}    explanation: The first thing is first.
"""
ORDER_OPTIONS = [
    "      - text: The first thing\n        correct: true\n",
    "      - text: The second thing\n        feedback: It comes after the first.\n",
    "      - text: The third thing\n        feedback: It comes after the second.\n",
    "      - text: The last thing\n        feedback: It comes at the end.\n",
]


def order_page(tmp_path: Path, pages, options: list[str], shuffle: str = "") -> str:
    path = tmp_path / "order.yml"
    path.write_text(ORDER_QUIZ.format(options="".join(options), shuffle=shuffle),
                    encoding="utf-8")
    quiz, problems, _ = compile_fixture(path, pages)
    assert problems == []
    return render_page(quiz, pages)


def answer_lines(page: str) -> list[str]:
    return [line for line in page.splitlines() if line.startswith("- [")]


def test_option_order_does_not_depend_on_the_order_written(tmp_path: Path, pages) -> None:
    import itertools

    written = [order_page(tmp_path, pages, list(p)) for p in itertools.permutations(ORDER_OPTIONS)]
    assert len(written) == 24 and len(set(written)) == 1
    # …and it is a shuffle, not the order written nor sorted by text.
    shown = [line[6:] for line in answer_lines(written[0])]
    assert shown != ["The first thing", "The second thing", "The third thing", "The last thing"]
    assert shown != sorted(shown)


def test_shuffle_false_keeps_the_order_written(tmp_path: Path, pages) -> None:
    for options in (ORDER_OPTIONS, ORDER_OPTIONS[::-1]):
        page = order_page(tmp_path, pages, options, shuffle="    shuffle: false\n")
        assert [line[6:] for line in answer_lines(page)] == [
            o.split("text: ")[1].split("\n")[0] for o in options]


def test_option_order_differs_between_questions(pages) -> None:
    """Seeded by the id: the same options under different ids do not all come out alike."""
    from quizkit.model import Option, presentation_order

    options = [Option(f"Option {i}", i == 0, None) for i in range(4)]
    orders = {tuple(o.text for o in presentation_order(f"q-{n}", options)) for n in range(20)}
    assert len(orders) > 5
    keys = {[o.correct for o in presentation_order(f"q-{n}", options)].index(True)
            for n in range(20)}
    assert keys == {0, 1, 2, 3}


def test_no_position_holds_more_than_40_percent_of_the_real_keys() -> None:
    """In the real bank, as students see it, the single-choice keys are spread out."""
    from quizkit.build import compile_module

    module, problems = compile_module(ROOT / "docs", ROOT / "quizzes")
    assert problems == []
    keys = [[o.correct for o in q.options].index(True)
            for quiz in module.quizzes for q in quiz.questions if q.kind == "single choice"]
    assert len(keys) >= 10
    for position in set(keys):
        share = keys.count(position) / len(keys)
        assert share <= 0.40, f"option {position + 1} holds {share:.0%} of {len(keys)} keys"


# --- one verdict: what --check accepts, the build accepts (engineering review 2, E3) -------------


def _fast_verdict(data: object) -> bool:
    import fastjsonschema

    try:
        fastjsonschema.compile(json.loads(SCHEMA_PATH.read_text()))(data)
        return True
    except fastjsonschema.JsonSchemaException:
        return False


@pytest.mark.parametrize("path", [*VALID, *(p for p in INVALID if p.stem.startswith(
    ("schema-", "rule-")))], ids=lambda p: p.stem)
def test_both_schema_engines_give_the_same_verdict(path: Path) -> None:
    """fastjsonschema (the compiler's verdict) and jsonschema (its messages, and what editors'
    language servers resemble) agree on every fixture; the patterns' `$` once split them."""
    from quizkit.source import load

    doc, problems = load(path, path.name)
    assert doc is not None, problems
    jsonschema_valid = not list(jsonschema.Draft7Validator(
        json.loads(SCHEMA_PATH.read_text())).iter_errors(doc.data))
    assert _fast_verdict(doc.data) == jsonschema_valid


def test_a_rejection_jsonschema_cannot_explain_still_rejects(tmp_path: Path, monkeypatch,
                                                            pages) -> None:
    """Should the engines ever disagree again, the file is refused with the compiled check's
    own error (read like jsonschema's), never passed on to a build that would fail."""
    import quizkit.validate as validate

    class Silent:  # a jsonschema that finds nothing
        def __init__(self, schema: object) -> None:
            pass

        def iter_errors(self, data: object) -> list:
            return []

    monkeypatch.setattr(jsonschema, "Draft7Validator", Silent)
    path = FIXTURES / "invalid" / "schema-multiline-option.yml"
    _, _, problems, _ = validate.validate_file(path, "quizzes/x.yml", pages, SCHEMA_PATH)
    assert [str(p) for p in problems] == (
        path.with_suffix(".expected").read_text(encoding="utf-8").replace(
            f"quizzes/{path.name}", "quizzes/x.yml").splitlines())


def _fixture_project(tmp_path: Path, quizzes: list[Path]) -> Path:
    """A copy of the project whose docs/ are the fixtures' pages and whose quizzes/ are the
    given fixture files, with a nav listing every page."""
    from tests.helpers import copy_project

    project = copy_project(tmp_path)
    shutil.rmtree(project / "quizzes")
    (project / "quizzes").mkdir()
    shutil.copy(SCHEMA_PATH, project / "quizzes")
    for path in quizzes:
        shutil.copy(path, project / "quizzes")
    for page in ("index.md", "glossary.md", "references.md", "lessons", "faculty"):
        target = project / "docs" / page
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    shutil.copytree(FIXTURES / "docs", project / "docs", dirs_exist_ok=True)
    nav = "".join(f"  - quizzes/{p.stem}.md\n" for p in quizzes)
    config = (project / "mkdocs.yml").read_text(encoding="utf-8")
    start, end = config.index("\nnav:\n"), config.index("\nplugins:\n")
    config = (config[:start] + "\nnav:\n  - index.md\n  - lessons/sample.md\n" + nav
              + "  - faculty/coverage.md\n" + config[end:])
    (project / "mkdocs.yml").write_text(config, encoding="utf-8")
    return project


def _located(lines: list[str]) -> set[str]:
    """`path:line:col: message [rule]` of every line that has one (the build's and the
    command's prefixes, warning: and WARNING -, dropped)."""
    found = set()
    for line in lines:
        match = re.search(r"(?:docs/|quizzes/|mkdocs\.yml)\S*:\d+:\d+: .*", line)
        if match:
            found.add(match.group(0))
    return found


def test_every_valid_fixture_builds_as_check_says(tmp_path: Path) -> None:
    """All valid fixtures in one project: `--check` and the strict build give the same lines
    (the fixtures' own warnings, and the content rules' about quizzes this short) and the build
    adds nothing: no mkdocs-quiz error, no broken link, no unsafe page."""
    import subprocess
    import sys

    from tests.helpers import run_mkdocs_build

    project = _fixture_project(tmp_path, VALID)
    check = subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=project,
                           capture_output=True, text=True, check=False)
    build = run_mkdocs_build(tmp_path / "site", project / "mkdocs.yml")
    said = _located(check.stderr.splitlines())
    assert said, check.stderr  # the warn-* fixtures warn, so the verdict is "not yet"
    assert "Traceback" not in build.stderr and "ERROR" not in build.stderr, build.stderr
    assert _located(build.stderr.splitlines()) == said, build.stderr
    assert (check.returncode, build.returncode) == (1, 1)
    for path in VALID:  # every page was rendered by mkdocs-quiz (a strict build writes them)
        assert (tmp_path / "site" / "quizzes" / path.stem / "index.html").is_file(), path.stem


def test_every_invalid_fixture_stops_the_build_with_its_messages(tmp_path: Path) -> None:
    """All invalid fixtures in one project: the strict build's first step is the same check
    as `--check`, so it refuses to build and prints each fixture's exact lines."""
    from tests.helpers import run_mkdocs_build

    project = _fixture_project(tmp_path, INVALID)
    build = run_mkdocs_build(tmp_path / "site", project / "mkdocs.yml")
    assert build.returncode == 1 and "the site was not rebuilt" in build.stderr
    assert "Traceback" not in build.stderr
    # Other fixtures use the same question ids: "already used at" may name another file.
    def same(lines: set[str]) -> set[str]:
        return {re.sub(r"already used at \S+;", "already used at …;", line) for line in lines}

    said = same(_located(build.stderr.splitlines()))
    for path in INVALID:
        expected = same(set(path.with_suffix(".expected").read_text(encoding="utf-8")
                            .splitlines()))
        assert expected <= said, (path.name, expected - said)
    assert not (tmp_path / "site" / "index.html").exists()


def test_a_page_mkdocs_quiz_reads_differently_is_one_line_at_its_question(module) -> None:
    """Every compile reads the quiz pages back with mkdocs-quiz's parser: a page that marks
    another option right than its YAML is named at the question, never built."""
    from quizkit import roundtrip

    assert roundtrip.check_pages(module.rendered, module.quizzes) == []  # the real pages agree
    quiz = next(q for q in module.quizzes if any(x.kind == "single choice" for x in q.questions))
    question = next(x for x in quiz.questions if x.kind == "single choice")
    rendered = dict(module.rendered)
    page = rendered[quiz.page_path]
    block = page.index(f"\n{question.prompt}\n")
    rendered[quiz.page_path] = page[:block] + page[block:].replace("- [x]", "- [ ]", 1)
    problems = roundtrip.check_pages(rendered, module.quizzes)
    assert [(p.path, p.line, p.rule) for p in problems] == [
        (quiz.source, question.line, "quiz-roundtrip")]
    assert "is marked wrong on the page" in problems[0].message
