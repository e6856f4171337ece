"""`make publish` (tools/safe_build.py --publish) with real git repositories on this disk.

* A remote that is not a GitHub repository (a bare repository in a folder, as a clone of a
  shared drive has) is refused in one line, before anything is built or pushed (faculty
  walk-through W12).
* A GitHub remote (git's `url.<folder>.insteadOf` sends the push to a bare repository here,
  while the configured address stays github.com) gets one build, and the gh-pages branch
  pushed is exactly that build's site/ (engineering review 2, E9: it once ran a second build
  into site/ to publish).
"""

from __future__ import annotations

import filecmp
import os
import re
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from tests.helpers import copy_project

GITHUB = "https://github.com/example-teacher/ipt-module.git"
PAGES = "https://example-teacher.github.io/ipt-module/"

# Test only: count the builds (each MkDocs build, its offline zip's included, starts here).
COUNT_HOOK = '''from pathlib import Path


def on_pre_build(config):
    with (Path(config.config_file_path).parent / "builds.txt").open("a") as file:
        file.write("build\\n")
'''


def git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True,
                          text=True).stdout


@pytest.fixture
def repository(tmp_path: Path) -> tuple[Path, Path]:
    """(a copy of the project made a git repository with one commit, a bare repository)."""
    project = copy_project(tmp_path)
    (project / "hooks" / "count_builds.py").write_text(COUNT_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        "hooks:\n", "hooks:\n  - hooks/count_builds.py\n", 1), encoding="utf-8")
    git("init", "--quiet", "--initial-branch=main", cwd=project)
    git("config", "user.name", "A Teacher", cwd=project)
    git("config", "user.email", "teacher@example.org", cwd=project)
    git("add", "--all", cwd=project)
    git("commit", "--quiet", "-m", "The module", cwd=project)
    remote = tmp_path / "remote.git"
    git("init", "--quiet", "--bare", str(remote), cwd=tmp_path)
    return project, remote


def publish(project: Path) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "APP"}  # the site without the app
    return subprocess.run([sys.executable, "tools/safe_build.py", "--publish"], cwd=project,
                          capture_output=True, text=True, check=False, env=env)


def test_a_remote_that_is_not_github_is_refused_before_building(repository) -> None:
    project, remote = repository
    git("remote", "add", "origin", str(remote), cwd=project)
    result = publish(project)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        f"make publish: origin is {remote}, not a GitHub repository (github.com), so nothing "
        "was built or published; publish from a copy of the project cloned from its GitHub "
        "repository, or share the offline zip (make offline) instead [publish-not-github]"]
    assert not (project / "site").exists() and not (project / "builds.txt").exists()
    assert git("branch", "--list", cwd=remote) == ""  # nothing was pushed


def test_a_github_remote_gets_the_one_build_it_just_made(repository, tmp_path: Path) -> None:
    project, remote = repository
    git("remote", "add", "origin", GITHUB, cwd=project)
    git("config", f"url.{remote}.insteadOf", GITHUB, cwd=project)  # pushes go to the folder
    result = publish(project)
    assert result.returncode == 0, result.stderr
    # One build, and the address where it appears; site_url is not set in this copy.
    assert (project / "builds.txt").read_text(encoding="utf-8") == "build\n"
    assert f"it appears at {PAGES}" in result.stdout
    warnings = [line for line in result.stderr.splitlines() if "[publish-no-site-url]" in line]
    assert warnings and f"set it to {PAGES}" in warnings[0]
    assert "Traceback" not in result.stderr

    # The gh-pages branch pushed is the site/ that was built, file for file, plus .nojekyll.
    published = tmp_path / "published"
    published.mkdir()
    archive = subprocess.run(["git", "archive", "gh-pages"], cwd=remote, check=True,
                             capture_output=True).stdout
    archive_path = tmp_path / "gh-pages.tar"
    archive_path.write_bytes(archive)
    with tarfile.open(archive_path) as tar:
        tar.extractall(published, filter="data")
    site = project / "site"
    built = sorted(p.relative_to(site).as_posix() for p in site.rglob("*") if p.is_file())
    pushed = sorted(p.relative_to(published).as_posix() for p in published.rglob("*")
                    if p.is_file())
    assert pushed == sorted([*built, ".nojekyll"])
    assert all(filecmp.cmp(site / name, published / name, shallow=False) for name in built)

    # Publishing again adds a commit to the branch's history, from the same one build each.
    again = publish(project)
    assert again.returncode == 0, again.stderr
    assert len(git("rev-list", "gh-pages", cwd=remote).split()) == 2
    assert re.match(r"Published [0-9a-f]+ with make publish",
                    git("log", "-1", "--format=%s", "gh-pages", cwd=remote))


@pytest.mark.parametrize(("address", "pages"), [
    ("https://github.com/Owner/repo", "https://owner.github.io/repo/"),
    ("https://token@github.com/owner/repo.git", "https://owner.github.io/repo/"),
    ("git@github.com:owner/repo.git", "https://owner.github.io/repo/"),
    ("ssh://git@github.com/owner/repo.git", "https://owner.github.io/repo/"),
    ("https://github.com/owner/owner.github.io.git", "https://owner.github.io/"),
    ("https://github.com.example.org/owner/repo.git", None),
    ("https://example.org/github.com/owner/repo.git", None),
    ("/srv/git/github.com/owner/repo.git", None),
    ("https://gitlab.com/owner/repo.git", None),
])
def test_which_addresses_are_github_repositories(address: str, pages: str | None) -> None:
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    import safe_build

    assert safe_build.pages_address(address) == pages
    assert "token" not in safe_build.shown_address(address)
