"""`make serve`: the live preview, with a plain message when it cannot start.

Before MkDocs starts: mkdocs.yml is checked (MkDocs' own message names no line and may name a
temporary file), and the port is tried (MkDocs ends in a traceback when it is taken, usually
by a preview already running in another terminal).
"""

from __future__ import annotations

import argparse
import errno
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizkit.problems import tagged  # noqa: E402 (after the path)
from quizkit.siteconfig import CONFIG_FILE, check_site_config  # noqa: E402

HOST = "127.0.0.1"


def port_in_use(port: int, host: str = HOST) -> bool:
    """True when something already listens on host:port (binding it fails)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as error:
            return error.errno in (errno.EADDRINUSE, errno.EACCES)
    return False


def config_problems(root: Path = ROOT) -> list[str]:
    """mkdocs.yml's YAML mistakes, as `mkdocs.yml:LINE:COL: message` lines."""
    errors, _ = check_site_config(root / CONFIG_FILE)
    return [str(problem) for problem in errors]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="the live preview (make serve)")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args(argv)
    problems = config_problems()
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("make serve: fix mkdocs.yml first; the preview did not start.", file=sys.stderr)
        return 1
    if port_in_use(args.port):
        print(tagged(f"make serve: the preview is already running at http://{HOST}:{args.port}/"
                     f" (or another program uses port {args.port}): open that address, or "
                     f"start a second preview with: make serve PORT={args.port + 1}",
                     rule="preview-port-busy"), file=sys.stderr)
        return 1
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"{HOST}:{args.port}"]
    os.chdir(ROOT)
    if os.name == "nt":  # Windows' exec starts a new process and returns to the prompt at once
        try:
            return subprocess.call(command)
        except KeyboardInterrupt:  # Ctrl+C stops the preview
            return 0
    os.execv(sys.executable, command)  # MkDocs takes over this process (Ctrl+C stops it)
    return 0  # not reached


if __name__ == "__main__":
    sys.exit(main())
