"""`make build` and `make publish`: a strict build that replaces site/ only when it succeeds.

MkDocs empties its output folder before writing, so a build that fails half-way (a broken link
under --strict) would leave a broken site/. Here the site is built into a new folder beside
site/, and swapped in only when MkDocs succeeds; a failed build leaves site/ exactly as it was.

`--publish` then deploys with `mkdocs gh-deploy --strict` (GitHub Pages), after checking there
is a git remote to push to, so a lecturer never sees a traceback.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizkit.problems import tagged  # noqa: E402 (after the path)
from quizkit.siteconfig import CONFIG_FILE, check_site_config  # noqa: E402

REMOTE = "origin"


def _mkdocs(*args: str, root: Path) -> int:
    """Run MkDocs in the project; its messages go straight to the terminal."""
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    return subprocess.run([sys.executable, "-m", "mkdocs", *args], cwd=root, env=env,
                          check=False).returncode


def safe_build(root: Path = ROOT, site: Path | None = None) -> bool:
    """Strict build into a new folder; replace `site` (root/site) only when it succeeds."""
    site = site or root / "site"
    errors, _ = check_site_config(root / CONFIG_FILE)
    if errors:
        print("\n".join(map(str, errors)), file=sys.stderr)
        print("make build: fix mkdocs.yml first; site/ was left as it was.", file=sys.stderr)
        return False
    site.parent.mkdir(parents=True, exist_ok=True)
    fresh = Path(tempfile.mkdtemp(prefix=f".{site.name}-new-", dir=site.parent))
    try:
        if _mkdocs("build", "--strict", "-f", str(root / CONFIG_FILE), "-d", str(fresh),
                   root=root) != 0:
            print("make build: the build failed (see above); site/ was left as it was, the "
                  "last good build.", file=sys.stderr)
            return False
        old = site.with_name(f".{site.name}-old-{os.getpid()}")
        if site.exists():
            os.replace(site, old)
        os.replace(fresh, site)  # the two renames leave no moment with a half-written site/
        shutil.rmtree(old, ignore_errors=True)
        return True
    finally:
        shutil.rmtree(fresh, ignore_errors=True)


def git_remote(root: Path = ROOT) -> str | None:
    """The address of the git remote the site is published to, or None."""
    try:
        result = subprocess.run(["git", "remote", "get-url", REMOTE], cwd=root,
                                capture_output=True, text=True, check=False)
    except OSError:  # git is not installed
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def publish(root: Path = ROOT) -> int:
    if not safe_build(root):
        print("make publish: nothing was published.", file=sys.stderr)
        return 1
    if git_remote(root) is None:
        print(tagged(f"make publish: this folder has no git remote '{REMOTE}' to publish to, "
                     "so nothing was published; share the offline zip (make offline) instead, "
                     "or ask whoever looks after the module's repository",
                     rule="publish-no-remote"), file=sys.stderr)
        return 1
    if _mkdocs("gh-deploy", "--strict", "-f", str(root / CONFIG_FILE), root=root) != 0:
        print("make publish: the upload failed (see above); the published site is unchanged.",
              file=sys.stderr)
        return 1
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--publish", action="store_true",
                        help="after a good build, deploy with mkdocs gh-deploy --strict")
    args = parser.parse_args(argv)
    if args.publish:
        return publish()
    return 0 if safe_build() else 1


if __name__ == "__main__":
    sys.exit(main())
