"""How long the tests take (`make bench-tests`): `make test-fast`, then `make test`, each as a
whole process from a shell, wall time and pytest's own summary line, with the machine's load
average before each (the machine is shared: a busy one takes longer).

Targets (2 cores): `make test-fast` under 1 minute, `make test` under 4 minutes. This is a
measurement, not a test: it prints the figures for the README and exits 0 unless a run fails.
`--fast-only` skips `make test`.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGETS = {"test-fast": 60.0, "test": 240.0}


def timed_make(target: str) -> tuple[float, str]:
    """(wall seconds, pytest's last line) of `make TARGET`; exits on failure."""
    start = time.perf_counter()
    result = subprocess.run(["make", "--no-print-directory", target], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - start
    lines = [line for line in result.stdout.splitlines() if line.strip()]
    if result.returncode != 0:
        sys.exit(f"make {target} failed:\n" + "\n".join(lines[-30:]) + result.stderr[-2000:])
    return elapsed, lines[-1].strip("= ") if lines else ""


def main() -> int:
    # The site's packages and the test tools, installed before the clock starts.
    subprocess.run([sys.executable, "tasks.py", "setup", "--dev"], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)
    targets = ["test-fast"] if "--fast-only" in sys.argv else ["test-fast", "test"]
    print("Tests: wall time of each make target (set-up done beforehand)")
    for target in targets:
        load = os.getloadavg()[0]
        seconds, summary = timed_make(target)
        verdict = "met" if seconds < TARGETS[target] else "NOT met"
        print(f"  make {target:<9} {seconds:6.1f} s  (target {TARGETS[target]:.0f} s: {verdict}; "
              f"load before {load:.1f})  {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
