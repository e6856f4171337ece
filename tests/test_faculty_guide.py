"""The faculty guide explains every message the tools can give, and the README points to it.

Two checks, both reading the code rather than a list kept here:

* rule ids: every message carries a stable rule id (`path:line:col: message [rule-id]`). The
  ids the code can emit are the string literals passed as `rule="…"` (to Problem, Document.at,
  ScaffoldError, Hint, tagged…) anywhere in quizkit/, build_quiz.py, tools/ and hooks/. The
  guide's message list has exactly one bullet per id, in the form
  "- `rule-id` (error|warning|note): what it means. **Fix:** how to fix it.": a test fails when
  the code can emit an id the guide lacks (including a mistyped id in a new Problem) or the guide
  lists one the code cannot emit. Adding a rule means writing `rule="new-id"` and its bullet.
* wording: every string (or f-string) that is reported as a problem, a hint or an error is
  split at its {placeholders}, and each fixed piece of three words or more must appear in the
  guide (which quotes the messages with '…' where the code fills something in).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

GUIDE = ROOT / "docs" / "faculty" / "editing.md"
SOURCES = ["build_quiz.py", "quizkit/source.py", "quizkit/yamlhints.py", "quizkit/pages.py",
           "quizkit/validate.py", "quizkit/schema.py", "quizkit/fairness.py", "quizkit/coverage.py",
           "quizkit/scaffold.py", "quizkit/qti.py", "quizkit/qti21.py", "quizkit/qti12.py",
           "quizkit/lessons.py", "quizkit/siteconfig.py", "quizkit/roundtrip.py", "tasks.py"]
# Where rule ids are emitted: every Python file of the tools.
RULE_SOURCES = sorted({*ROOT.glob("quizkit/*.py"), ROOT / "build_quiz.py", *ROOT.glob("tools/*.py"),
                       *ROOT.glob("hooks/*.py"), ROOT / "tasks.py"})
# Every file of the tools: each Problem or Document.at in them must carry a rule id.
FULLY_TAGGED = [str(path.relative_to(ROOT)) for path in RULE_SOURCES]
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# Calls whose string arguments are messages; assignments and returns that build them.
MESSAGE_CALLS = {"Problem", "at", "add", "PluginError", "ScaffoldError", "print"}
MESSAGE_NAMES = {"message", "hint"}


def _strings(node: ast.AST) -> list[ast.AST]:
    return [n for n in ast.walk(node)
            if isinstance(n, ast.JoinedStr) or (isinstance(n, ast.Constant)
                                                and isinstance(n.value, str))]


def _pieces(node: ast.AST) -> list[str]:
    """The fixed text of a string or f-string, split where values are filled in."""
    if isinstance(node, ast.Constant):
        return [node.value]
    pieces, current = [], ""
    for part in node.values:
        if isinstance(part, ast.Constant):
            current += part.value
        else:
            pieces.append(current)
            current = ""
    return [*pieces, current]


def message_pieces(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    nodes: list[ast.AST] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            to_stdout = name == "print" and not any(k.arg == "file" for k in node.keywords)
            if name in MESSAGE_CALLS and not to_stdout:  # stdout only reports what was done
                args = [*node.args, *(k.value for k in node.keywords if k.arg != "file")]
                for arg in args:
                    nodes += _strings(arg)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names = {getattr(t, "id", "") for t in targets}
            if names & MESSAGE_NAMES or any(n.endswith("_HINTS") for n in names):
                nodes += _strings(node.value)
        elif isinstance(node, ast.FunctionDef) and node.name.endswith("_message"):
            for child in ast.walk(node):
                if isinstance(child, ast.Return) and child.value is not None:
                    nodes += _strings(child.value)
    pieces = set()
    for node in nodes:
        for piece in _pieces(node):
            words = " ".join(piece.split())
            # A piece of three words or more is wording someone chose: it must be explained.
            if len(words.split()) >= 3 and not words.startswith(("wrote ", "OK: ")):
                pieces.add(words)
    return pieces


def normalised(text: str) -> str:
    return " ".join(text.split())


ALL = sorted({(source, piece) for source in SOURCES for piece in message_pieces(ROOT / source)})


def test_the_scan_finds_the_messages() -> None:
    """Guard the guard: a scan that found nothing would pass everything."""
    found = {piece for _, piece in ALL}
    assert len(found) > 60
    for known in ("is incorrect but has no 'feedback:'; say why it is wrong",
                  "is tested by no question; add a question with 'objective:",
                  "indent with spaces, not tabs (set your editor to insert spaces)",
                  "a lesson must start with front matter between '---' lines"):
        assert any(known in piece for piece in found), known


@pytest.mark.parametrize(("source", "piece"), ALL)
def test_every_message_is_in_the_guide(source: str, piece: str) -> None:
    assert piece in normalised(GUIDE.read_text(encoding="utf-8")), (
        f"{source} can say '{piece}', which docs/faculty/editing.md does not explain")


def test_guide_has_the_sections_the_site_links_to() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Editing this module\n---\n")
    assert "objectives:" not in text.split("---")[1]
    assert re.search(r"^## Reading the coverage page$", text, re.MULTILINE)


def test_readme_links_the_guide() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/faculty/editing.md" in text
    for target in ("make lms", "make handouts", "make new-quiz"):
        assert target in text


# --- rule ids: the code and the guide list the same ones ------------------------------------------


def _ids_in(node: ast.AST) -> list[ast.Constant]:
    """The string values an expression can take: `"a-b"`, `"a-b" if … else "c-d"`, `("a-b", …)`
    (the condition of an `if` is not a value it takes)."""
    if isinstance(node, ast.Constant):
        return [node] if isinstance(node.value, str) and RULE_ID.match(node.value) \
            and "-" in node.value else []
    if isinstance(node, ast.IfExp):
        return _ids_in(node.body) + _ids_in(node.orelse)
    if isinstance(node, ast.Dict):  # {"correct": "not-true-false", …}.get(field): the values
        return [c for value in node.values for c in _ids_in(value)]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return _ids_in(node.func.value) + [c for arg in node.args[1:] for c in _ids_in(arg)]
    if isinstance(node, ast.BoolOp | ast.Tuple | ast.List | ast.Set):
        return [c for value in getattr(node, "values", None) or node.elts for c in _ids_in(value)]
    return []


def _is_rule(node: ast.AST) -> bool:
    return (isinstance(node, ast.Name) and node.id == "rule") or (
        isinstance(node, ast.Attribute) and node.attr == "rule")


def code_rule_ids(path: Path) -> dict[str, int]:
    """rule id -> first line where the file names it as a rule id.

    A rule id is a kebab-case string literal that is: passed as `rule=…`; assigned to a
    variable `rule`; passed to a function whose name says rule (`_with_rule(problem, "id")`);
    or compared with a `.rule` (`unsafe.rule == "raw-html"`).
    """
    found: dict[str, int] = {}
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        sources: list[ast.AST] = []
        if isinstance(node, ast.Call):
            sources += [k.value for k in node.keywords if k.arg == "rule"]
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if "rule" in name.lower():
                sources += [a for a in node.args if isinstance(a, ast.Constant)]
        elif isinstance(node, ast.Assign) and any(_is_rule(t) for t in node.targets):
            sources.append(node.value)
        elif isinstance(node, ast.Compare) and _is_rule(node.left):
            sources += node.comparators
        for source in sources:
            for constant in _ids_in(source):
                found.setdefault(constant.value, constant.lineno)
    return found


def guide_rules() -> dict[str, tuple[str, str]]:
    """rule id -> (level, text) of each bullet of the guide's message list."""
    text = GUIDE.read_text(encoding="utf-8")
    section = text[text.index("## Every message explained"):]
    bullets = re.split(r"\n(?=- |#|\n)", section)
    rules: dict[str, tuple[str, str]] = {}
    for bullet in bullets:
        match = re.match(r"- `([^`]+)` \((error|warning|note)\): ", bullet)
        if match:
            assert match.group(1) not in rules, f"the guide lists '{match.group(1)}' twice"
            rules[match.group(1)] = (match.group(2), " ".join(bullet.split()))
    return rules


CODE_RULES = {rule: f"{path.relative_to(ROOT)}:{line}"
              for path in RULE_SOURCES for rule, line in code_rule_ids(path).items()}


def test_the_rule_scan_finds_the_rules() -> None:
    """Guard the guard: the scans see the rules this project is known to have."""
    assert {"yaml-tab", "yaml-comment", "yaml-curly-quote", "link-missing-page",
            "objective-count", "new-quiz-outside-docs", "preview-port-busy"} <= set(CODE_RULES)
    assert {"yaml-tab", "quiz-too-short"} <= set(guide_rules())


@pytest.mark.parametrize("rule", sorted(CODE_RULES))
def test_every_rule_the_code_emits_is_in_the_guide(rule: str) -> None:
    assert RULE_ID.match(rule), f"{CODE_RULES[rule]}: rule id '{rule}' is not kebab-case"
    assert rule in guide_rules(), (
        f"{CODE_RULES[rule]} emits [{rule}], which docs/faculty/editing.md does not list; add "
        f"'- `{rule}` (error|warning): what it means. **Fix:** …' to its message list (or "
        "correct the id)")


def test_the_guide_lists_only_rules_the_code_emits() -> None:
    unknown = sorted(set(guide_rules()) - set(CODE_RULES))
    assert unknown == [], f"the guide lists rule ids no code emits: {unknown}"


def test_every_rule_in_the_guide_says_how_to_fix_it() -> None:
    for rule, (_, text) in guide_rules().items():
        assert "**Fix:**" in text, f"the guide's entry for {rule} has no '**Fix:**'"


@pytest.mark.parametrize("source", FULLY_TAGGED)
def test_every_message_carries_a_rule_id(source: str) -> None:
    """A Problem, Document.at, ScaffoldError or Hint without `rule=` would print no id."""
    tree = ast.parse((ROOT / source).read_text(encoding="utf-8"))
    untagged = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
            if name in {"Problem", "at", "ScaffoldError", "Hint", "_problem"} and \
                    not any(k.arg == "rule" for k in node.keywords) and len(node.args) < 5:
                untagged.append(f"{source}:{node.lineno}")
    assert untagged == []


def test_problems_print_their_rule_id() -> None:
    from quizkit.problems import Problem

    assert str(Problem("quizzes/a.yml", 3, 5, "a tab", rule="yaml-tab")) == \
        "quizzes/a.yml:3:5: a tab [yaml-tab]"
