"""Shared fixtures: where the project is, and one strict build of the real site per test run.

One build per run, whatever the number of pytest processes: with pytest-xdist (`make test`
runs two workers) every process asks `shared_build()`, the first one builds under a file lock
in a folder shared by the whole run, the others wait and reuse it (a failed build is reused
too, with MkDocs' messages). The folder is removed when the run ends.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Callable
from functools import cache
from pathlib import Path

import pytest
from filelock import FileLock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # so tests can import build_quiz and quizkit

# The run's shared folder, named in the environment so xdist workers (started after
# pytest_configure, inheriting it) find the same one.
RUN_DIR_VARIABLE = "IPT_TEST_RUN_DIR"
NO_BROWSER = "no browser: "  # how a skip for want of Chromium starts (counted at the end)


# Sitemap dates come from the build day unless fixed: fixed, two builds can be compared.
SOURCE_DATE_EPOCH = "1767225600"


def run_mkdocs_build(site_dir: Path, config: Path = ROOT / "mkdocs.yml", seed: str | None = None,
                     ) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` as `make build` runs it, into site_dir (with PYTHONHASHSEED=seed
    when given, to vary set and dict order between processes)."""
    env = {"SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH, **os.environ, "NO_MKDOCS_2_WARNING": "1",
           **({"PYTHONHASHSEED": seed} if seed else {})}
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


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A scratch copy of the project (sources only, copy_project), to break on purpose."""
    return copy_project(tmp_path)


@pytest.fixture(scope="session")
def module():
    """The real docs/ and quizzes/ compiled once per process (quizkit.build.compile_module);
    fails with the compiler's problems, one per line."""
    from quizkit.build import compile_module

    built, problems = compile_module(ROOT / "docs", ROOT / "quizzes")
    assert built is not None and problems == [], "\n".join(map(str, problems))
    return built


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


def pytest_configure(config: pytest.Config) -> None:
    """The controller (or a lone pytest) creates the run's shared folder. Under `make test` the
    tests' own `make` commands run as if typed at a shell (not as sub-makes, which print extra
    "make[1]:" lines), the same as under a plain pytest."""
    for name in ("MAKELEVEL", "MAKEFLAGS", "MFLAGS"):
        os.environ.pop(name, None)
    if RUN_DIR_VARIABLE not in os.environ:
        folder = Path(tempfile.gettempdir()) / f"ipt-tests-{uuid.uuid4().hex[:12]}"
        folder.mkdir()
        os.environ[RUN_DIR_VARIABLE] = str(folder)
        config._ipt_run_dir = folder  # type: ignore[attr-defined]  # only its creator removes it


def pytest_unconfigure(config: pytest.Config) -> None:
    folder = getattr(config, "_ipt_run_dir", None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)
        os.environ.pop(RUN_DIR_VARIABLE, None)


def run_dir() -> Path:
    """The folder every pytest process of this run shares."""
    return Path(os.environ[RUN_DIR_VARIABLE])


def shared_build(name: str, make: Callable[[Path], str | None]) -> tuple[Path, str | None]:
    """(folder, error or None): `make(folder)` run once per test run, whichever process asks
    first; it returns an error message (or None when all went well), kept for the others."""
    folder = run_dir() / name
    outcome = run_dir() / f"{name}.json"
    with FileLock(str(run_dir() / f"{name}.lock")):
        if not outcome.exists():
            folder.mkdir()
            outcome.write_text(json.dumps({"error": make(folder)}), encoding="utf-8")
    return folder, json.loads(outcome.read_text(encoding="utf-8"))["error"]


def _build_site(folder: Path) -> str | None:
    result = run_mkdocs_build(folder)
    return None if result.returncode == 0 else f"mkdocs build --strict failed:\n{result.stderr}"


@cache
def site_build() -> tuple[Path, str | None]:
    """The real site, built once per run with --strict: (folder, MkDocs' errors or None)."""
    return shared_build("site", _build_site)


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The real site, built once with --strict; fails loudly with MkDocs' own output."""
    site, error = site_build()
    assert error is None, error
    return site


def pytest_terminal_summary(terminalreporter, exitstatus: int, config: pytest.Config) -> None:
    """Say loudly how many browser tests were skipped: a quiet exit 0 would hide them."""
    skipped = [r for r in terminalreporter.stats.get("skipped", [])
               if NO_BROWSER in str(r.longrepr)]
    if skipped:
        count = f"{len(skipped)} BROWSER TEST{'S WERE' if len(skipped) > 1 else ' WAS'}"
        terminalreporter.write_sep("!", f"{count} SKIPPED, NOT RUN", red=True, bold=True)
        terminalreporter.write_line("Install Chromium (Debian: apt-get install "
                                    "chromium-headless-shell); `make test` fails rather than "
                                    "skip them.")
