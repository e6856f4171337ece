"""Benchmark of the quiz compiler and of the site build (`make bench`).

1. Synthetic banks of 100, 1,000 and 10,000 questions (a mix of single-choice,
   multiple-answer and fill-in, 100 questions per file), each run through
   `python build_quiz.py --check` and `--out DIR` as a whole process: wall time (best of
   several runs) and peak memory (the child's maximum resident set size). Then the real bank's
   `--check`, Python's own start-up for comparison, and where the start-up goes (the slowest
   imports, from `python -X importtime`).
2. A full `mkdocs build` of the real site with the quiz step, and without it (the same
   config with `hooks: []`), best of several runs.

Targets (2 cores): 1,000 questions `--check` under 0.3 s and `--out` under 0.4 s as a whole
process, the real bank's `--check` under 0.25 s, time growing linearly, and the quiz step under
10% of a site build. This is a measurement, not a test: it prints figures for the README and
exits 0 unless a command fails.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZES = (100, 1_000, 10_000)
PER_FILE = 100
RUNS = 5
SITE_RUNS = 3

LESSON = """---
title: Synthetic lesson
minutes: 10
objectives:
  syn-one: Describe the first synthetic idea.
  syn-two: Explain the second synthetic idea.
---

## First section

Text.

!!! note "Remember"

    A box, as every lesson has.

## Second section

Text.

!!! note "Remember"
    Text.
"""


def synthetic_question(n: int) -> str:
    """One question; the kind cycles so every code path is exercised."""
    objective = "syn-one" if n % 2 else "syn-two"
    level = ("recall", "understand", "apply", "analyse")[n % 4]
    head = f"  - id: q-{n}\n    objective: {objective}\n    level: {level}\n"
    tail = (f"    explanation: |\n      Question {n} is explained here, with **Markdown**.\n"
            f"    review: lessons/synthetic.md#first-section\n")
    if n % 3 == 2:
        return head + f"    prompt: Session {n} is agreed in a treatment [[contract]].\n" + tail
    correct = "        correct: true\n"
    options = "".join(
        f"      - text: Option {k} of question {n}\n"
        + (correct if k == 0 or (n % 3 == 1 and k == 1)
           else f"        feedback: Option {k} is wrong because of reason {k}.\n")
        for k in range(4)
    )
    multiple = "    multiple: true\n" if n % 3 == 1 else ""  # two right options say so (W2)
    return (head + f"    prompt: Which option fits question {n}?\n{multiple}    options:\n"
            + options + tail)


def make_project(folder: Path, questions: int) -> None:
    (folder / "docs" / "lessons").mkdir(parents=True)
    (folder / "docs" / "lessons" / "synthetic.md").write_text(LESSON, encoding="utf-8")
    quizzes = folder / "quizzes"
    quizzes.mkdir()
    shutil.copy(ROOT / "quizzes" / "schema.json", quizzes)
    for start in range(0, questions, PER_FILE):
        body = "".join(synthetic_question(n) for n in range(start, min(start + PER_FILE,
                                                                         questions)))
        (quizzes / f"bank-{start // PER_FILE:04d}.yml").write_text(
            "title: Synthetic\nlesson: lessons/synthetic.md\nquestions:\n" + body,
            encoding="utf-8")


def timed(command: list[str], cwd: Path, env: dict[str, str] | None = None,
          must_succeed: bool = True) -> tuple[float, int]:
    """(wall seconds, peak resident memory in KiB) of one child process (which must exit 0,
    unless must_succeed is False: the real bank may have warnings to fix)."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if must_succeed and os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"failed: {' '.join(command)}\n{process.stderr.read().decode()}")
    process.stderr.close()
    return elapsed, usage.ru_maxrss


TARGETS = {("--check", 1_000): 0.3, ("--out", 1_000): 0.4}  # seconds, whole process
REAL_CHECK_TARGET = 0.25


# As faculty run it: Python keeps the compiled modules in __pycache__ after the first run. An
# environment that forbids that (PYTHONDONTWRITEBYTECODE, set on some machines) would make
# every run recompile the changed modules, which no user sees after their first command.
CHILD_ENV = {name: value for name, value in os.environ.items()
             if name != "PYTHONDONTWRITEBYTECODE"}


def best_of(command: list[str], cwd: Path, must_succeed: bool = True) -> tuple[float, float]:
    """(best wall seconds, peak MiB) over RUNS runs, after one run that is not counted (it
    writes __pycache__, as a user's first command does)."""
    timed(command, cwd, CHILD_ENV, must_succeed=must_succeed)
    results = [timed(command, cwd, CHILD_ENV, must_succeed=must_succeed) for _ in range(RUNS)]
    return min(seconds for seconds, _ in results), max(kib for _, kib in results) / 1024


def verdict(seconds: float, target: float | None) -> str:
    if target is None:
        return ""
    return f"  (target {target} s: {'met' if seconds < target else 'NOT met'})"


def bench_compiler() -> None:
    print(f"Quiz compiler: `build_quiz.py --check` and `--out DIR` as a whole process, "
          f"best of {RUNS}")
    print(f"{'questions':>10} {'mode':>8} {'seconds':>8} {'per 1,000':>10} {'peak MiB':>9}")
    for size in SIZES:
        with tempfile.TemporaryDirectory() as scratch:
            folder = Path(scratch)
            make_project(folder, size)
            where = ["--docs", str(folder / "docs"), "--quizzes", str(folder / "quizzes")]
            for mode in ("--check", "--out"):
                target = [str(folder / "out")] if mode == "--out" else []
                command = [sys.executable, str(ROOT / "build_quiz.py"), mode, *target, *where]
                best, peak = best_of(command, folder)
                print(f"{size:>10,} {mode:>8} {best:>8.3f} {best * 1000 / size:>10.3f} "
                      f"{peak:>9.1f}{verdict(best, TARGETS.get((mode, size)))}")
    real, _ = best_of([sys.executable, str(ROOT / "build_quiz.py"), "--check"], ROOT,
                      must_succeed=False)
    bare, _ = best_of([sys.executable, "-c", "pass"], ROOT)
    print(f"\nreal bank `build_quiz.py --check`: {real:.3f} s{verdict(real, REAL_CHECK_TARGET)}")
    print(f"Python itself (`python -c pass`): {bare:.3f} s")
    print_imports()


def print_imports(top: int = 8) -> None:
    """The slowest imports of the real bank's --check (cumulative, top-level modules only)."""
    result = subprocess.run([sys.executable, "-X", "importtime", str(ROOT / "build_quiz.py"),
                             "--check"], cwd=ROOT, env=CHILD_ENV, capture_output=True, text=True,
                            check=False)
    rows = []
    for line in result.stderr.splitlines():
        parts = line.split("|")
        if line.startswith("import time:") and len(parts) == 3 and parts[1].strip().isdigit():
            name = parts[2].rstrip()
            if not name.startswith("  "):  # " name": imported by the command itself
                rows.append((int(parts[1]), name.strip()))
    total = sum(us for us, _ in rows)
    print(f"imports of the real bank's --check: {total / 1e6:.3f} s in all (-X importtime, "
          "one run, inflated by the measuring); the slowest:")
    for us, name in sorted(rows, reverse=True)[:top]:
        print(f"  {us / 1e6:.3f} s  {name}")


def bench_site() -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    without = ROOT / ".bench-no-quiz.yml"
    # Same site without the hook: no quiz pages, no objectives boxes (nav warnings expected).
    without.write_text("INHERIT: mkdocs.yml\nhooks: []\n", encoding="utf-8")
    try:
        print(f"\nSite build: `mkdocs build` of the real site, best of {SITE_RUNS}")
        figures = {}
        for label, config in (("with quiz step", ROOT / "mkdocs.yml"), ("without", without)):
            with tempfile.TemporaryDirectory() as site:
                command = [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config),
                           "-d", site]
                figures[label] = min(timed(command, ROOT, env)[0] for _ in range(SITE_RUNS))
            print(f"  {label:<15} {figures[label]:.2f} s")
    finally:
        without.unlink()
    # The quiz step itself: what the hook does in a build (read lessons, validate, render),
    # timed in-process because MkDocs has already imported everything it needs.
    sys.path.insert(0, str(ROOT))
    from quizkit.build import compile_module

    step = min(_timed_call(lambda: compile_module(ROOT / "docs", ROOT / "quizzes"))
               for _ in range(RUNS))
    print(f"  quiz step (the plugin's compile) {step:.3f} s = "
          f"{step / figures['with quiz step']:.1%} of the build")
    print("  (the rest of the difference is mkdocs-quiz and Material rendering the quiz pages)")


def _timed_call(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


if __name__ == "__main__":
    bench_compiler()
    bench_site()
