"""Browser fixtures: the built site served on 127.0.0.1, one Chromium per session, a fresh
context (clean localStorage, no cache) per test, and the quiz data the pages were built from.

Pages are discovered from a build (every index.html), so a new lesson or quiz is tested
without touching these files. Chromium: the system one (Debian's `chromium`) when installed,
else Playwright's own. When none starts the tests skip, except with CI=true, where they fail.
"""

from __future__ import annotations

import atexit
import html
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest

from tests.conftest import ROOT, run_mkdocs_build
from tools.static_server import serve

# Flags that let Chromium run as root in a container with no network but loopback: without
# the background-networking ones it keeps trying to reach Google's hosts.
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
]
PHONE = {"width": 360, "height": 740}
DESKTOP = {"width": 1280, "height": 900}


# --- Which pages there are ------------------------------------------------------------------

@cache
def discovered_pages() -> tuple[str, ...]:
    """Every page of a fresh build, as a site path: "" (home), "lessons/x/", "quizzes/y/".

    Runs at collection time (parametrize needs the list before fixtures exist): one quick build
    into a temporary folder, removed at exit.
    """
    folder = Path(tempfile.mkdtemp(prefix="ipt-pages-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    result = run_mkdocs_build(folder)
    if result.returncode != 0:
        # Keep collecting (the rest of the suite still runs): the home page alone stands in,
        # and its tests fail in the built_site fixture with MkDocs' own messages.
        return ("",)
    return pages_in(folder)


def pages_in(site: Path) -> tuple[str, ...]:
    """The site paths of every index.html under site."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        paths.append("" if rel == "." else rel + "/")
    return tuple(paths)


def page_kind(path: str) -> str:
    """"quiz" (an mkdocs-quiz self-check), "written" (exam practice), "lesson" or "other"."""
    if path.startswith("quizzes/"):
        quiz = quizzes_by_path().get(path)
        return "written" if quiz is not None and quiz.written else "quiz"
    if path.startswith("lessons/"):
        return "lesson"
    return "other"


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `page_path` over every page and `quiz_path` over every quiz page."""
    for name, wanted in (("page_path", None), ("quiz_path", "quiz"), ("lesson_path", "lesson")):
        if name in metafunc.fixturenames:
            paths = [p for p in discovered_pages() if wanted is None or page_kind(p) == wanted]
            metafunc.parametrize(name, paths, ids=[p.rstrip("/") or "home" for p in paths])


# --- The browser -----------------------------------------------------------------------------

def chromium_executable() -> str | None:
    """A system Chromium or Chrome, if one is installed; None means Playwright's own."""
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session (starting one per test would cost minutes)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # pragma: no cover - depends on the machine
        _no_browser(f"Playwright is not installed ({error}); run `make setup`")
    manager = sync_playwright().start()
    try:
        try:
            instance = manager.chromium.launch(
                executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True)
        except Exception as error:
            _no_browser(f"no Chromium starts here ({str(error).splitlines()[0]}); install "
                        "Debian's `chromium` package (see .ci/run)")
        yield instance
        instance.close()
    finally:
        manager.stop()


def _no_browser(reason: str) -> None:
    if os.environ.get("CI") == "true":
        pytest.fail(f"browser tests cannot run on CI: {reason}", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site at http://127.0.0.1:PORT (no trailing slash)."""
    assert set(pages_in(built_site)) == set(discovered_pages()), "the two builds differ"
    with serve(built_site) as url:
        yield url


@dataclass
class Traffic:
    """Every request a browser context made, and those that tried to leave the site."""

    requests: list[str]
    foreign: list[str]


def _is_local(url: str, allowed_netloc: str | None) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    if parts.scheme == "file":
        return allowed_netloc is None
    return allowed_netloc is not None and parts.netloc == allowed_netloc


def open_context(browser, *, base: str | None, **options):
    """A new context that records every request and blocks (and records) any to another host.

    base: the site's http://127.0.0.1:PORT, or None for a site opened from file://.
    """
    context = browser.new_context(**options)
    context.set_default_timeout(10_000)
    netloc = urlsplit(base).netloc if base else None
    traffic = Traffic([], [])

    def route(route) -> None:
        url = route.request.url
        traffic.requests.append(url)
        if _is_local(url, netloc):
            route.continue_()
        else:
            traffic.foreign.append(url)
            route.abort("blockedbyclient")  # nothing leaves this machine, even by mistake

    context.route("**/*", route)
    context.traffic = traffic  # type: ignore[attr-defined]
    return context


@pytest.fixture
def context(browser, site_url: str):
    """A fresh desktop-sized context: empty localStorage, light colour scheme."""
    context = open_context(browser, base=site_url, viewport=DESKTOP, color_scheme="light")
    yield context
    context.close()
    # Every browser test is also a privacy test: nothing may have tried to leave the site.
    assert context.traffic.foreign == [], "requests to other hosts"


@pytest.fixture
def page(context):
    """A new tab; JavaScript errors on it are collected in page.js_errors."""
    tab = context.new_page()
    tab.js_errors = []  # type: ignore[attr-defined]
    tab.on("pageerror", lambda error: tab.js_errors.append(str(error)))
    return tab


# --- What the quiz pages were built from -----------------------------------------------------

@cache
def quizzes_by_path() -> dict:
    """Quiz objects (from quizkit, as the build made them) keyed by site path "quizzes/x/"."""
    from quizkit.pages import read_pages
    from quizkit.validate import validate_quizzes

    pages, problems = read_pages(ROOT / "docs")
    assert not problems, problems
    quizzes, problems = validate_quizzes(ROOT / "quizzes", pages)
    assert not problems, problems
    return {f"quizzes/{quiz.name}/": quiz for quiz in quizzes}


_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def plain(text: str, *, is_markdown: bool = True) -> str:
    """What a student reads: Markdown rendered, tags dropped, whitespace collapsed."""
    if is_markdown:
        text = markdown.markdown(text)
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", text))).strip()


def squash(text: str) -> str:
    """Whitespace collapsed, for comparing with plain()."""
    return _SPACE.sub(" ", text).strip()
