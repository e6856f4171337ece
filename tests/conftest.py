"""Fixtures and hooks only (the helpers are tests/helpers/): the run's shared folder, and one
strict build of the real site per test run.

One build per run, whatever the number of pytest processes: with pytest-xdist (`make test`
runs two workers) every process asks `shared_build()`, the first one builds under a file lock
in a folder shared by the whole run, the others wait and reuse it (a failed build is reused
too, with MkDocs' messages). The folder is removed when the run ends.
"""

from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

import pytest

from tests.helpers import NO_BROWSER, ROOT, RUN_DIR_VARIABLE, copy_project, site_build


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
