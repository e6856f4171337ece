"""The faculty guide explains every message the tools can give, and the README points to it.

The messages are found in the code, not listed here: every string (or f-string) that is
reported as a problem, a hint or an error is split at its {placeholders}, and each fixed piece
of three words or more must appear in docs/faculty/editing.md (which quotes the messages with
'…' where the code fills something in). A new message without an explanation fails this test.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

GUIDE = ROOT / "docs" / "faculty" / "editing.md"
SOURCES = ["build_quiz.py", "quizkit/source.py", "quizkit/pages.py", "quizkit/validate.py",
           "quizkit/coverage.py", "quizkit/scaffold.py", "quizkit/qti.py"]
# Calls whose string arguments are messages; assignments and returns that build them.
MESSAGE_CALLS = {"Problem", "at", "add", "PluginError", "ScaffoldError", "QtiMismatch", "print"}
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
    readme = ROOT / "README.md"
    if not readme.exists():
        pytest.skip("README.md is not written yet")
    text = readme.read_text(encoding="utf-8")
    assert "docs/faculty/editing.md" in text
    for target in ("make lms", "make handouts", "make new-quiz"):
        assert target in text
