"""The module's commands, on any computer with Python 3.11.5+: `python tasks.py COMMAND`.

The one definition of every command: `make COMMAND` runs `python3 tasks.py COMMAND`, so a
computer without `make` (Windows, usually) runs exactly the same thing with
`py tasks.py COMMAND` (or `python tasks.py COMMAND`). Values are given the same way to both:
`make serve PORT=8001` is `python tasks.py serve PORT=8001`, and
`make new-quiz LESSON=lessons/NAME.md` is `python tasks.py new-quiz LESSON=lessons/NAME.md`.

Every command first sets up `.venv/` (once, and again only when a lock file changes): the site's
packages from requirements.lock for the site's commands; the test tools from
requirements-dev.lock on top for the tests and benchmarks. Each package is pinned with its
hashes, so every computer gets the same set. This file uses only Python's standard library: it
runs before anything is installed.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

from quizkit.problems import tagged  # noqa: E402 (standard library only, after the path)

VENV = ROOT / ".venv"
STAMP = VENV / ".installed.json"  # the lock files' hashes the environment was installed from
SITE_LOCK, DEV_LOCK = ROOT / "requirements.lock", ROOT / "requirements-dev.lock"
SITE_PINS, DEV_PINS = ROOT / "requirements.txt", ROOT / "requirements-dev.txt"
BENCH = ROOT / "bench"  # Lighthouse (npm), for bench-site only
MINIMUM_PYTHON = (3, 11, 5)  # the oldest the locked packages install on (pymdown-extensions)
PIN = re.compile(r"^([A-Za-z0-9._-]+)==([^\s;#]+)", re.MULTILINE)
# `NAME=value` arguments, as make takes them, and the option each one is.
VALUES = {"PORT": "--port", "LESSON": "--lesson", "WORKERS": "--workers"}


def venv_python(venv: Path = VENV, *, windows: bool = os.name == "nt") -> Path:
    """The environment's Python: .venv/Scripts/python.exe on Windows, .venv/bin/python elsewhere."""
    if windows:
        return venv / "Scripts" / "python.exe"
    return venv / "bin" / "python"


def fail(message: str, rule: str) -> SystemExit:
    """A one-line message (with its rule id, explained in the faculty guide) and exit status 1."""
    print(tagged(message, rule=rule), file=sys.stderr)
    return SystemExit(1)


# --- Setting up .venv ----------------------------------------------------------------------

def _digest(*files: Path) -> str:
    hashed = hashlib.sha256()
    for file in files:
        hashed.update(file.read_bytes())
    return hashed.hexdigest()


def missing_pins(pins: Path, lock: Path) -> list[str]:
    """The direct pins (`name==version`) of `pins` that `lock` does not hold at that version."""
    locked = {(name.lower().replace("_", "-"), version)
              for name, version in PIN.findall(lock.read_text(encoding="utf-8"))}
    return [f"{name}=={version}" for name, version in PIN.findall(pins.read_text(encoding="utf-8"))
            if (name.lower().replace("_", "-"), version) not in locked]


def _installed() -> dict[str, str]:
    try:
        return json.loads(STAMP.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def setup(*, dev: bool = False) -> Path:
    """.venv with the site's packages (and with dev, the test tools too), installed only when
    a lock file changed since the last time; returns the environment's Python."""
    if sys.version_info < MINIMUM_PYTHON:
        raise fail(f"setup: this is Python {sys.version.split()[0]}; the module needs Python "
                   "3.11.5 or newer: install it from python.org (Windows, macOS) or your "
                   "system's packages, then run the command again with it",
                   rule="setup-python-too-old")
    pairs = [(SITE_PINS, SITE_LOCK), *([(DEV_PINS, DEV_LOCK)] if dev else [])]
    for pins, lock in pairs:
        missing = missing_pins(pins, lock)
        if missing:
            raise fail(f"setup: {lock.name} lacks {', '.join(missing)} from {pins.name}: run "
                       "`make lock` (or `python tasks.py lock`) and commit both files",
                       rule="setup-lock-stale")
    wanted = {"site": _digest(SITE_LOCK), **({"dev": _digest(SITE_LOCK, DEV_LOCK)} if dev else {})}
    python = venv_python()
    done = _installed() if python.exists() else {}
    if all(done.get(key) == value for key, value in wanted.items()):
        return python
    if not python.exists():
        print(f"Setting up {VENV.name}/ (once; about a minute)…", file=sys.stderr)
        made = subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=False,
                              capture_output=True, text=True)
        if made.returncode != 0 or not python.exists():
            shutil.rmtree(VENV, ignore_errors=True)
            raise fail("setup: Python could not create .venv (on Debian or Ubuntu, install "
                       "python3-venv: sudo apt install python3-venv), then run the command "
                       "again", rule="setup-no-venv")
    locks = [SITE_LOCK, *([DEV_LOCK] if dev else [])]
    command = [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
               "--require-hashes"]
    for lock in locks:
        command += ["-r", str(lock.relative_to(ROOT))]
    if subprocess.run(command, cwd=ROOT, check=False).returncode != 0:
        raise fail("setup: installing the pinned packages failed (see above; usually no "
                   "connection to the package index): connect, then run the command again",
                   rule="setup-install-failed")
    # The site's hash alone when only the site's packages were installed: the test tools are
    # then installed by the next command that needs them.
    STAMP.write_text(json.dumps({**done, **wanted}, indent=1) + "\n", encoding="utf-8")
    return python


# --- The commands --------------------------------------------------------------------------

def run(python: Path, *args: str, **env: str) -> int:
    """Run one of the project's Python programs in .venv, in the project folder."""
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **env}
    return subprocess.run([str(python), *args], cwd=ROOT, env=environment,
                          check=False).returncode


def cmd_setup(args: argparse.Namespace) -> int:
    setup(dev=args.dev)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    return run(setup(), "tools/preview.py", "--port", str(args.port))


def cmd_check(args: argparse.Namespace) -> int:
    python = setup()
    return run(python, "build_quiz.py", "--check") or run(python, "-m", "ruff", "check", ".")


def cmd_build(args: argparse.Namespace) -> int:
    return run(setup(), "tools/safe_build.py", APP="true")


def cmd_publish(args: argparse.Namespace) -> int:
    return run(setup(), "tools/safe_build.py", "--publish", APP="true")


def cmd_offline(args: argparse.Namespace) -> int:
    return run(setup(), "tools/build_offline.py", "--out", "dist")


def cmd_lms(args: argparse.Namespace) -> int:
    return run(setup(), "build_quiz.py", "--lms", str(Path("dist", "lms")))


def cmd_handouts(args: argparse.Namespace) -> int:
    return run(setup(), "build_quiz.py", "--handouts", str(Path("dist", "handouts")))


def cmd_new_quiz(args: argparse.Namespace) -> int:
    return run(setup(), "build_quiz.py", "--new-quiz", args.lesson)


def _pytest(args: argparse.Namespace, *extra: str, **env: str) -> int:
    return run(setup(dev=True), "-m", "pytest", "-n", str(args.workers), "--dist", "worksteal",
               *extra, *args.extra, **env)


def cmd_test(args: argparse.Namespace) -> int:
    # Without Chromium the browser tests fail here (IPT_REQUIRE_BROWSER), never skip quietly.
    return _pytest(args, IPT_REQUIRE_BROWSER="1")


def cmd_test_fast(args: argparse.Namespace) -> int:
    return _pytest(args, "--ignore=tests/browser")


def cmd_bench(args: argparse.Namespace) -> int:
    return run(setup(dev=True), "bench/bench_quiz.py")


def cmd_bench_tests(args: argparse.Namespace) -> int:
    return run(setup(dev=True), "bench/bench_tests.py")


def cmd_bench_site(args: argparse.Namespace) -> int:
    """Lighthouse (npm) is installed here and only here, into bench/node_modules/."""
    python = setup(dev=True)
    npm = shutil.which("npm")
    if npm is None:
        print("bench-site: npm is not installed, so Lighthouse cannot run: bytes and requests "
              "only (install Node.js 20+ with npm for the scores)")
    else:
        stamp = BENCH / "node_modules" / ".installed"
        wanted = _digest(BENCH / "package.json", BENCH / "package-lock.json")
        if not stamp.exists() or stamp.read_text(encoding="utf-8") != wanted:
            command = [npm, "ci", "--no-audit", "--no-fund", "--ignore-scripts"]
            if subprocess.run(command, cwd=BENCH, check=False).returncode != 0:
                return 1
            stamp.write_text(wanted, encoding="utf-8")
    return run(python, "bench/bench_site.py", *args.extra)


def cmd_lock(args: argparse.Namespace) -> int:
    """requirements.lock from requirements.txt, then requirements-dev.lock from
    requirements-dev.txt constrained by it (pip-tools, pinned in requirements-dev.txt)."""
    python = venv_python()
    if not python.exists():
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
    [tools] = [f"{n}=={v}" for n, v in PIN.findall(DEV_PINS.read_text("utf-8")) if n == "pip-tools"]
    if run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", tools):
        return 1
    compile_ = ["-m", "piptools", "compile", "--quiet", "--generate-hashes", "--allow-unsafe",
                "--strip-extras", "--no-emit-index-url", "--no-emit-find-links",
                "--no-emit-trusted-host", "--newline", "LF"]
    return (run(python, *compile_, "--output-file", SITE_LOCK.name, SITE_PINS.name,
                CUSTOM_COMPILE_COMMAND="make lock")
            or run(python, *compile_, "-c", SITE_LOCK.name, "--output-file", DEV_LOCK.name,
                   DEV_PINS.name, CUSTOM_COMPILE_COMMAND="make lock"))


def cmd_clean(args: argparse.Namespace) -> int:
    for folder in ("site", "dist"):
        shutil.rmtree(ROOT / folder, ignore_errors=True)
    return 0


@dataclass(frozen=True)
class Command:
    run: Callable[[argparse.Namespace], int]
    help: str


COMMANDS: dict[str, Command] = {
    "serve": Command(cmd_serve, "serve the site with live reload at http://127.0.0.1:8000 "
                                "(PORT=8001 for another)"),
    "check": Command(cmd_check, "fast check of quizzes, lessons (front matter, links, content "
                                "rules), mkdocs.yml; ruff"),
    "build": Command(cmd_build, "strict build into site/ with the offline app and zip (keeps "
                                "the old site/ on failure)"),
    "publish": Command(cmd_publish, "strict build once, then push that site/ to the gh-pages "
                                    "branch (ghp-import) for GitHub Pages"),
    "offline": Command(cmd_offline, "zip of the whole site that works from disk (file://) "
                                    "into dist/"),
    "new-quiz": Command(cmd_new_quiz, "start a quiz for a lesson: new-quiz "
                                      "LESSON=lessons/NAME.md"),
    "lms": Command(cmd_lms, "export every quiz for an LMS into dist/lms/ (Moodle XML, QTI for "
                            "Canvas/Blackboard)"),
    "handouts": Command(cmd_handouts, "printable worksheets and answer keys, a question book "
                                      "and each paper with its marking scheme (A4 HTML) into "
                                      "dist/handouts/"),
    "test": Command(cmd_test, "run every test (browser ones included; 5 to 7 minutes on 2 "
                              "cores)"),
    "test-fast": Command(cmd_test_fast, "every test but the browser ones (about a minute)"),
    "bench": Command(cmd_bench, "time the quiz compiler and the site build"),
    "bench-tests": Command(cmd_bench_tests, "time test-fast and test"),
    "bench-site": Command(cmd_bench_site, "bytes, requests and Lighthouse scores of every page "
                                          "(installs Lighthouse from npm into bench/)"),
    "setup": Command(cmd_setup, "create .venv with the site's packages (--dev: the test tools "
                                "too)"),
    "lock": Command(cmd_lock, "refresh requirements.lock and requirements-dev.lock from "
                              "requirements*.txt"),
    "clean": Command(cmd_clean, "remove build outputs (keeps .venv)"),
}


def print_help() -> None:
    print("Run as `make COMMAND` or, without make (Windows), `python tasks.py COMMAND`:")
    for name, command in COMMANDS.items():
        print(f"  {name:<12} {command.help}")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="tasks.py", description=__doc__.split("\n\n")[0])
    commands = top.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("help", help="list the commands")
    for name, command in COMMANDS.items():
        sub = commands.add_parser(name, help=command.help)
        sub.set_defaults(run=command.run)
        if name == "setup":
            sub.add_argument("--dev", action="store_true")
        elif name == "serve":
            sub.add_argument("--port", type=int, default=8000)
        elif name == "new-quiz":
            sub.add_argument("--lesson", default="")
        elif name in ("test", "test-fast"):
            sub.add_argument("--workers", default=os.environ.get("WORKERS", "2"))
    return top


# Commands that pass any other arguments on: to pytest (`test -k pwa`), to the benchmark
# (`bench-site --runs 3`).
PASS_ON = {"test", "test-fast", "bench-site"}


def with_options(argv: list[str]) -> list[str]:
    """`PORT=8001` (as make takes it) becomes `--port 8001`."""
    out = []
    for arg in argv:
        name, equals, value = arg.partition("=")
        out += [VALUES[name], value] if equals and name in VALUES else [arg]
    return out


def main(argv: list[str] | None = None) -> int:
    top = parser()
    args, extra = top.parse_known_args(with_options(sys.argv[1:] if argv is None else argv))
    if extra and args.command not in PASS_ON:
        top.error(f"unrecognized arguments: {' '.join(extra)}")
    args.extra = extra
    if args.command in (None, "help"):
        print_help()
        return 0
    try:
        return args.run(args)
    except KeyboardInterrupt:  # Ctrl+C stops the preview: not an error
        return 130


if __name__ == "__main__":
    sys.exit(main())
