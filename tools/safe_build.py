"""`make build` and `make publish`: a strict build that replaces site/ only when it succeeds.

MkDocs empties its output folder before writing, so a build that fails half-way (a broken link
under --strict) would leave a broken site/. Here the site is built into a new folder beside
site/, and swapped in only when MkDocs succeeds; a failed build leaves site/ exactly as it was.

`--publish` first checks that the git remote `origin` is a GitHub repository (anything else is
refused in one line, before anything is built), builds once as above, then publishes that very
folder to the repository's `gh-pages` branch with ghp-import (what `mkdocs gh-deploy` uses, but
without the second build into site/ that command would run), and says where the site appears.
A lecturer never sees a traceback.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from quizkit.problems import tagged  # noqa: E402 (after the path)
from quizkit.siteconfig import CONFIG_FILE, check_site_config, read_site_config  # noqa: E402

REMOTE = "origin"
BRANCH = "gh-pages"
# A GitHub repository's address as git writes it: https://github.com/OWNER/REPO(.git),
# git@github.com:OWNER/REPO.git, ssh://git@github.com/OWNER/REPO.git (a user name or token
# before the host allowed, never shown). The host must be github.com itself.
_GITHUB = re.compile(
    r"^(?:(?:https?|ssh|git)://(?:[^@/\s]+@)?(?:www\.)?github\.com(?::\d+)?/"
    r"|(?:[^@/\s]+@)?github\.com:)"
    r"(?P<owner>[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)/(?P<repo>[A-Za-z0-9._-]+?)"
    r"(?:\.git)?/?$", re.IGNORECASE)


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
    """The address of the git remote the site is published to, as configured (git's
    `url.*.insteadOf` rewriting, which `git remote get-url` applies, left out), or None."""
    try:
        result = subprocess.run(["git", "config", "--get", f"remote.{REMOTE}.url"], cwd=root,
                                capture_output=True, text=True, check=False)
    except OSError:  # git is not installed
        return None
    return result.stdout.strip() or None if result.returncode == 0 else None


def shown_address(address: str) -> str:
    """A remote's address safe to print: a user name or token in it is left out."""
    return re.sub(r"(?<=//)[^@/\s]+@", "", address)


def pages_address(address: str) -> str | None:
    """Where GitHub Pages serves a repository's gh-pages branch, or None if `address` is not a
    github.com repository: https://OWNER.github.io/REPO/ (https://OWNER.github.io/ for the
    repository named OWNER.github.io)."""
    match = _GITHUB.match(address.strip())
    if match is None:
        return None
    owner, repo = match.group("owner").lower(), match.group("repo")
    return f"https://{owner}.github.io/" + ("" if repo.lower() == f"{owner}.github.io"
                                            else f"{repo}/")


def publish(root: Path = ROOT) -> int:
    """Check the remote, build once, publish that build; 0 when the site was published."""
    address = git_remote(root)
    if address is None:
        print(tagged(f"make publish: this folder has no git remote '{REMOTE}' to publish to, "
                     "so nothing was published; share the offline zip (make offline) instead, "
                     "or ask whoever looks after the module's repository",
                     rule="publish-no-remote"), file=sys.stderr)
        return 1
    where = pages_address(address)
    if where is None:
        print(tagged(f"make publish: origin is {shown_address(address)}, not a GitHub "
                     "repository (github.com), so nothing was built or published; publish from "
                     "a copy of the project cloned from its GitHub repository, or share the "
                     "offline zip (make offline) instead", rule="publish-not-github"),
              file=sys.stderr)
        return 1
    site_url = read_site_config(root / CONFIG_FILE).get("site_url")
    if not site_url:
        print(tagged(f"make publish: warning: site_url is not set in mkdocs.yml; set it to "
                     f"{where} (the address below), so that search engines and the LMS exports' "
                     "review links point at the published pages", rule="publish-no-site-url"),
              file=sys.stderr)
    if not safe_build(root):
        print("make publish: nothing was published.", file=sys.stderr)
        return 1
    if not _push(root / "site", root):
        print("make publish: the upload failed (see above); the published site is unchanged.",
              file=sys.stderr)
        return 1
    print(f"make publish: published site/ to the {BRANCH} branch of "
          f"{shown_address(address)}; it appears at {where} within a few minutes (the "
          f"repository's Settings > Pages must serve the {BRANCH} branch)")
    return 0


def _push(site: Path, root: Path) -> bool:
    """Commit `site` as the whole of the gh-pages branch and push it (ghp-import, with a
    .nojekyll file so GitHub serves folders starting with '_'). The remote's branch is fetched
    first, so a clone that never fetched it still adds to its history."""
    from ghp_import import GhpError, ghp_import  # a MkDocs dependency

    subprocess.run(["git", "fetch", "--quiet", REMOTE,
                    f"+{BRANCH}:refs/remotes/{REMOTE}/{BRANCH}"],
                   cwd=root, capture_output=True, check=False)  # absent on a first publish
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=root,
                          capture_output=True, text=True, check=False).stdout.strip()
    message = f"Published {head or 'the module'} with make publish"
    try:
        with contextlib.chdir(root):  # ghp-import runs git in the current folder
            ghp_import(str(site), mesg=message, remote=REMOTE, branch=BRANCH, push=True,
                       nojekyll=True)
    except (GhpError, subprocess.CalledProcessError, OSError) as error:
        print(f"make publish: {getattr(error, 'message', None) or error}", file=sys.stderr)
        return False
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--publish", action="store_true",
                        help="check origin is GitHub, build, then push site/ to gh-pages")
    args = parser.parse_args(argv)
    if args.publish:
        return publish()
    return 0 if safe_build() else 1


if __name__ == "__main__":
    sys.exit(main())
