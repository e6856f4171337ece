"""What the tests share: where the project is, building it (a strict build like `make build`,
a scratch copy to break on purpose, one build per test run shared by every pytest process,
`make build` itself with no Node.js on the PATH), and golden files. tests/conftest.py keeps
only fixtures and hooks; the other helpers are modules beside this one (export_bank,
static_server, typed_answers). Tests import them as `from tests.helpers import …`
(pyproject.toml puts the project on pytest's path)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

ROOT = Path(__file__).resolve().parent.parent.parent

# The run's shared folder, named in the environment so xdist workers (started after
# pytest_configure, inheriting it) find the same one.
RUN_DIR_VARIABLE = "IPT_TEST_RUN_DIR"
NO_BROWSER = "no browser: "  # how a skip for want of Chromium starts (counted at the end)


# Sitemap dates come from the build day unless fixed: fixed, two builds can be compared.
SOURCE_DATE_EPOCH = "1767225600"


def build_environment(**extra: str) -> dict[str, str]:
    """The environment a test's build runs in: this one, with fixed sitemap dates (unless the
    caller set SOURCE_DATE_EPOCH), no MkDocs 2 notice, and `extra`."""
    return {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **os.environ, "NO_MKDOCS_2_WARNING": "1",
            **extra}


def run_mkdocs_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", seed: str | None = None,
                     ) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as `make build` runs it, into site_dir (with PYTHONHASHSEED=seed
    when given, to vary set and dict order between processes)."""
    env = build_environment(**({"PYTHONHASHSEED": seed} if seed else {}))
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(config),
               "-d", str(site_dir)]
    return subprocess.run(command, cwd=config.parent, env=env, capture_output=True, text=True,
                          check=False)


def copy_project(into: Path) -> Path:
    """A scratch copy of the project's sources (no tests, builds or environments) at
    into/project, to break on purpose; returns its root."""
    skip = shutil.ignore_patterns(".git", ".venv", ".cache", "site", "dist", "node_modules",
                                  "__pycache__", ".pytest_cache", "tests")
    project = into / "project"
    shutil.copytree(ROOT, project, ignore=skip)
    return project


# Golden files: UPDATE_EXPECTED=1 rewrites those that differ (and fails, so a rewrite is
# always reviewed); otherwise a test compares with them.
UPDATE = os.environ.get("UPDATE_EXPECTED") == "1"


def check_against(expected_file: Path, actual: str) -> None:
    """Compare with the stored expectation. An update run rewrites a file that differs and
    fails (the code under test wrote it): review the diff, then run again without it."""
    old = expected_file.read_text(encoding="utf-8") if expected_file.exists() else None
    if UPDATE and actual != old:
        expected_file.parent.mkdir(parents=True, exist_ok=True)
        expected_file.write_text(actual, encoding="utf-8")
        pytest.fail(f"rewrote {expected_file.name}: review `git diff`, then run without "
                    "UPDATE_EXPECTED")
    assert old is not None, f"missing {expected_file.name}: run with UPDATE_EXPECTED=1"
    assert actual == old


def run_dir() -> Path:
    """The folder every pytest process of this run shares."""
    return Path(os.environ[RUN_DIR_VARIABLE])


def shared_build(name: str, make: Callable[[Path], str | None],
                 meanwhile: Callable[[], object] | None = None) -> tuple[Path, str | None]:
    """(folder, error or None): `make(folder)` run once per test run, whichever process asks
    first; it returns an error message (or None when all went well), kept for the others.
    A process that finds another one making it calls `meanwhile()` first, if given, rather
    than wait with nothing to do."""
    folder = run_dir() / name
    outcome = run_dir() / f"{name}.json"
    lock = FileLock(str(run_dir() / f"{name}.lock"))
    if meanwhile is not None and not outcome.exists() and _held_elsewhere(lock):
        meanwhile()
    with lock:
        if not outcome.exists():
            folder.mkdir()
            outcome.write_text(json.dumps({"error": make(folder)}), encoding="utf-8")
    return folder, json.loads(outcome.read_text(encoding="utf-8"))["error"]


def _held_elsewhere(lock: FileLock) -> bool:
    """Whether another process holds lock now."""
    try:
        lock.acquire(timeout=0)
    except Timeout:
        return True
    lock.release()
    return False


def _build_site(folder: Path) -> str | None:
    result = run_mkdocs_build(folder)
    return None if result.returncode == 0 else f"mkdocs build --strict failed:\n{result.stderr}"


@cache
def site_build() -> tuple[Path, str | None]:
    """The real site, built once per run with --strict: (folder, MkDocs' errors or None).

    A second pytest process that asks while the first is building it (both do as they collect
    the tests: the browser tests are one per page) makes the published build meanwhile, which
    the browser tests and tests/test_setup.py need too, instead of leaving a core idle."""
    return shared_build("site", _build_site, meanwhile=published_build)


NODE_TOOLS = ("node", "nodejs", "npm", "npx")


def node_free_path(where: Path) -> str:
    """A PATH (the folder `where`, made here) with Python, make, git and the shell's tools, and
    no Node.js."""
    where.mkdir()
    for tool in ("make", "git", "sh", "env", "grep", "awk"):
        found = shutil.which(tool)
        if found:
            (where / tool).symlink_to(found)
    (where / "python3").symlink_to(sys.executable)
    assert not any(shutil.which(tool, path=str(where)) for tool in NODE_TOOLS)
    return str(where)


def _make_build(folder: Path) -> str | None:
    """`make build` in a copy of the project (using this checkout's .venv, already set up),
    with no Node.js on the PATH."""
    project = copy_project(folder)
    (project / ".venv").symlink_to(ROOT / ".venv")
    env = build_environment(PATH=node_free_path(folder / "bin"))
    result = subprocess.run(["make", "-s", "build"], cwd=project, env=env, capture_output=True,
                            text=True, check=False, timeout=600)
    if result.returncode == 0:
        return None
    return f"`make build` (no Node.js on the PATH) failed:\n{result.stdout}{result.stderr}"


@cache
def published_build() -> tuple[Path, str | None]:
    """The site as `make build` publishes it (the app, its service worker and the offline zip),
    made once per run by `make build` itself with no Node.js on the PATH and shared by every
    pytest process: (its site folder, the command's errors or None)."""
    folder, error = shared_build("app", _make_build)
    return folder / "project" / "site", error
