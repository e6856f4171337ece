"""Browser fixtures: the built site served on 127.0.0.1, one Chromium per session, a fresh
context (clean localStorage, no cache) per test, and the quiz data the pages were built from.

Pages are discovered from a build (every index.html), so a new lesson or quiz is tested
without touching these files. Chromium: the system one (Debian's `chromium-headless-shell`, or
`chromium`) when installed, else Playwright's own. When none starts the tests skip, except
with CI=true, where they fail.
"""

from __future__ import annotations

import html
import os
import re
import shutil
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest
from playwright.sync_api import expect

from quizkit.model import FILL_IN
from tests.helpers import NO_BROWSER, ROOT, published_build, run_mkdocs_build, site_build
from tests.helpers.static_server import serve

# Flags that let Chromium run as root in a container with no network but loopback: without
# the background-networking ones it keeps trying to reach Google's hosts. The last one is the
# privacy guard: every host name but 127.0.0.1 (IP addresses included) fails to resolve, so no
# request can leave this machine, the service worker's included (open_context records them).
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-dev-shm-usage",
    "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1",
]
PHONE = {"width": 360, "height": 740}
PRINT_PAGE = "print_page"  # the whole unit on one page (no search, its own print styles)
DESKTOP = {"width": 1280, "height": 900}


# --- Which pages there are ------------------------------------------------------------------

@cache
def discovered_pages() -> tuple[str, ...]:
    """Every page of the run's one build, as a site path: "" (home), "lessons/x/", "quizzes/y/".

    Runs at collection time (parametrize needs the list before fixtures exist), which is when
    the run's site is built (tests/conftest.py: once, shared by every worker).
    """
    site, error = site_build()
    if error is not None:
        # Keep collecting (the rest of the suite still runs): the home page alone stands in,
        # and its tests fail in the built_site fixture with MkDocs' own messages.
        return ("",)
    return pages_in(site)


def pages_in(site: Path) -> tuple[str, ...]:
    """The site paths of every index.html under site."""
    paths = []
    for index in sorted(site.rglob("index.html")):
        rel = index.parent.relative_to(site).as_posix()
        if rel == PRINT_PAGE:  # made by mkdocs-print-site-plugin: tests/browser/test_exam.py
            continue
        paths.append("" if rel == "." else rel + "/")
    return tuple(paths)


# --- The published build: the site with the app (`make build`) -----------------------------

def app_build_error(site: Path, config: Path = ROOT / "mkdocs.yml") -> str | None:
    """The `make build` site (APP=true: the installable app, its service worker and the
    offline zip) of config, into site: None, or MkDocs' messages."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("APP", "true")
        result = run_mkdocs_build(site, config)
    return None if result.returncode == 0 else f"the app build failed:\n{result.stderr}"


def build_app(site: Path, config: Path = ROOT / "mkdocs.yml") -> Path:
    """The `make build` site of config, into site; fails with MkDocs' messages."""
    error = app_build_error(site, config)
    assert error is None, error
    return site


@pytest.fixture(scope="session")
def app_site() -> Path:
    """The real site as it is published (`make build`), made once per test run and shared by
    every worker (two MkDocs builds: the app's and its offline zip's). The weight, privacy and
    app tests use it: their figures are those of the published site. (`make build` itself,
    with no Node.js on the PATH: tests/test_setup.py checks that it worked.)"""
    site, error = published_build()
    assert error is None, error
    return site


WAIT_CONTROLLED = "() => navigator.serviceWorker.controller !== null"
KEPT = re.compile(r"^The whole unit is on this phone \(\d+\.\d MB\)")  # the button, done


def visit_app(page, url: str, path: str = "") -> None:
    """Open a page and wait until the service worker has the shell and controls the page."""
    page.goto(f"{url}/{path}")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_function(WAIT_CONTROLLED)


# Resolves once every URL is in one of the worker's caches (the worker saves a page just after
# answering with it), or after `ms` (at least) with the URLs still missing. Counted in waits,
# not by the clock: a test that fixes Playwright's clock (Date.now()) would wait for ever.
SAVED = """async ([urls, ms]) => {
  for (let waits = Math.ceil(ms / 50); ; waits -= 1) {
    const missing = [];
    for (const url of urls) if (!(await caches.match(url))) missing.push(url);
    if (!missing.length || waits <= 0) return missing;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}"""


def wait_until_saved(page, urls: list[str]) -> None:
    """Wait until the app's worker has saved every URL (absolute) on the phone."""
    assert page.evaluate(SAVED, [urls, 15_000]) == []


def keep_the_whole_unit(page) -> None:
    """Press the home page's button, as a student does, and wait until it says it is done."""
    page.get_by_role("button", name=re.compile("^Keep the whole unit on this phone")).click()
    expect(page.locator("#ipt-keep-unit [role=status]")).to_have_text(KEPT, timeout=30_000)


def page_kind(path: str) -> str:
    """"quiz", "exam" (written exam practice or its mock paper, not an mkdocs-quiz page),
    "lesson" or "other"."""
    if path.startswith("quizzes/") and getattr(quizzes_by_path().get(path), "written", False):
        return "exam"
    if any(path == quiz.paper_page_path[:-3] + "/" for quiz in quizzes_by_path().values()
           if quiz.written):
        return "exam"
    if path.startswith("quizzes/"):
        return "quiz"
    if path.startswith("lessons/"):
        return "lesson"
    return "other"


# Test arguments parametrized over pages: which pages each gets, by kind.
PAGE_PARAMETERS: dict[str, Callable[[str], bool]] = {
    "page_path": lambda kind: True,
    "quiz_path": lambda kind: kind == "quiz",
    "lesson_path": lambda kind: kind == "lesson",
    "not_quiz_path": lambda kind: kind != "quiz",
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Parametrize `page_path` over every page, `quiz_path` over every self-check page, and so
    on (PAGE_PARAMETERS)."""
    for name, wanted in PAGE_PARAMETERS.items():
        if name in metafunc.fixturenames:
            paths = [p for p in discovered_pages() if wanted(page_kind(p))]
            metafunc.parametrize(name, paths, ids=[p.rstrip("/") or "home" for p in paths])


# --- The browser -----------------------------------------------------------------------------

# Chromium's headless shell first: the same Blink engine without the full browser's window
# machinery, which ran the browser tests in about two thirds of the time here (they are bound
# by the CPU: Chromium rendering and axe-core). Debian: chromium-headless-shell (.ci/run).
HEADLESS_SHELL = ("chromium-headless-shell", "chrome-headless-shell")
FULL_BROWSER = ("chromium", "chromium-browser", "google-chrome")


def chromium_executable(*, full: bool = False) -> str | None:
    """A system Chromium (headless shell preferred, unless full=True, as Lighthouse needs),
    if one is installed; None means Playwright's own."""
    for name in FULL_BROWSER if full else HEADLESS_SHELL + FULL_BROWSER:
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
    # Requests the service worker makes (the app build's) are reported to each context too, so
    # they are recorded like the pages' own. Experimental in Playwright (Chromium only), and
    # read when Playwright starts.
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    manager = sync_playwright().start()
    try:
        try:
            instance = manager.chromium.launch(
                executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True)
        except Exception as error:
            _no_browser(f"no Chromium starts here ({str(error).splitlines()[0]}); install "
                        "Debian's `chromium-headless-shell` package (see .ci/run)")
        yield instance
        instance.close()
    finally:
        manager.stop()


def _no_browser(reason: str) -> None:
    """Fail on CI and under `make test` (IPT_REQUIRE_BROWSER=1); elsewhere skip, counted loudly
    at the end of the run (pytest_terminal_summary)."""
    if os.environ.get("CI") == "true" or os.environ.get("IPT_REQUIRE_BROWSER") == "1":
        pytest.fail(f"browser tests cannot run: {reason} (`make test-fast` runs the others)",
                    pytrace=False)
    pytest.skip(NO_BROWSER + reason)


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site at http://127.0.0.1:PORT (no trailing slash)."""
    with serve(built_site) as url:
        yield url


@dataclass
class Traffic:
    """Every request a browser context's pages made, its service worker's own, and those (of
    either) that tried to leave the site."""

    requests: list[str]
    foreign: list[str]
    by_worker: list[str] = field(default_factory=list)


def _is_local(url: str, allowed_netloc: str | None) -> bool:
    parts = urlsplit(url)
    if parts.scheme in ("data", "blob", "about"):
        return True
    if parts.scheme == "file":
        return allowed_netloc is None
    return allowed_netloc is not None and parts.netloc == allowed_netloc


def open_context(browser, *, base: str | None, axe: bool = False, **options):
    """A new context that records every request (context.traffic), and separately those to a
    host other than the site's (traffic.foreign: a test that made one fails). The browser sends
    none beyond 127.0.0.1 (CHROMIUM_ARGS).

    base: the site's http://127.0.0.1:PORT, or None for a site opened from file://.
    axe: put axe-core into every page of the context as it loads (for axe_violations()).
    """
    context = browser.new_context(**options)
    if axe:
        # Once per context, run by the browser itself on each page: cheaper than sending the
        # 0.5 MB script with every check.
        context.add_init_script(script=axe_source())
    context.set_default_timeout(10_000)
    netloc = urlsplit(base).netloc if base else None
    traffic = Traffic([], [])

    def record(request) -> None:
        # Recorded, not intercepted: pausing each request for Python to let it through cost
        # about a seventh of every page load, and the browser itself keeps them on this machine.
        # A page's request that the service worker answers is reported twice: as the page's,
        # and as the worker's if it goes to the network.
        (traffic.requests if request.service_worker is None else traffic.by_worker).append(
            request.url)
        if not _is_local(request.url, netloc):
            traffic.foreign.append(request.url)

    context.on("request", record)
    context.traffic = traffic  # type: ignore[attr-defined]
    _pages_wait_until_set_up(context)
    return context


# Exam practice sets up its first answer block at once and the others one per task after the
# page has loaded (exam.js): a block still waiting carries data-ipt-setting-up.
SET_UP = "() => !document.querySelector('[data-ipt-setting-up]')"


def _pages_wait_until_set_up(context) -> None:
    """Make goto, reload, go_back and go_forward of the context's tabs return only once the page
    has set itself up (SET_UP), as a student sees it a moment after it loads: a check run
    straight after them never sees half the page."""
    new_page = context.new_page

    def new_page_that_waits(**options):
        tab = new_page(**options)
        for name in ("goto", "reload", "go_back", "go_forward"):
            navigate = getattr(tab, name)

            def navigate_and_wait(*args, _navigate=navigate, **kwargs):
                response = _navigate(*args, **kwargs)
                tab.wait_for_function(SET_UP)
                return response

            setattr(tab, name, navigate_and_wait)
        return tab

    context.new_page = new_page_that_waits


@pytest.fixture
def context(browser, site_url: str):
    """A fresh desktop-sized context: empty localStorage, light colour scheme."""
    context = open_context(browser, base=site_url, viewport=DESKTOP, color_scheme="light")
    yield context
    context.close()
    # Every browser test is also a privacy test: nothing may have tried to leave the site.
    assert context.traffic.foreign == [], "requests to other hosts"


def new_tab(context):
    """A new tab of context; JavaScript errors on it are collected in its js_errors."""
    tab = context.new_page()
    tab.js_errors = []  # type: ignore[attr-defined]
    tab.on("pageerror", lambda error: tab.js_errors.append(str(error)))
    return tab


@pytest.fixture
def page(context):
    """A new tab; JavaScript errors on it are collected in page.js_errors."""
    return new_tab(context)


# --- The palette -------------------------------------------------------------------------------

def palette(page) -> str:
    """Material's colour scheme on the page now: "default" (light) or "slate" (dark)."""
    return page.locator("body").get_attribute("data-md-color-scheme") or ""


def toggle_palette(page) -> None:
    """Press the visible light/dark button in the header, as a student does."""
    page.locator('form[data-md-component="palette"] label:not([hidden])').click()


# No animation or transition is running on the page.
SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"


def show_palette(page, scheme: str) -> None:
    """Press the header's palette button until the page shows scheme ("default" or "slate"),
    and wait until its colours have settled (no transition running). The button goes round:
    following the device, dark, light."""
    for _ in range(3):
        if palette(page) == scheme:
            break
        toggle_palette(page)
    assert palette(page) == scheme
    page.wait_for_function(SETTLED)


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


# --- Answering a whole quiz at once ----------------------------------------------------------

# For tests that need an answered page, not the act of answering (that is test_quizzes' and
# test_keyboard's job, with real clicks and keys): every question in one round trip, through
# the page's own controls (set the inputs, fire input/change, click Submit, as a click would).
# Options are found by value (their compiled index: the page shuffles them). A question already
# answered in this attempt is reopened as a student would (quizpage.reopen): the results
# panel's "Retry the ones I missed", else "Try the quiz again" (and "Yes, clear my answers").
ANSWER_ALL_JS = """plans => plans.map(p => {
  const q = document.getElementById('quiz-' + p.n);
  const answered = () => !q.querySelector('.quiz-feedback').classList.contains('hidden');
  for (const name of ['retry-missed', 'try-again', 'confirm-yes']) {
    const button = document.querySelector('#ipt-results .ipt-' + name);
    if (answered() && button && button.offsetParent !== null) button.click();
  }
  if (answered()) throw new Error(q.id + ' is answered and nothing offers to answer it again');
  const changed = i => ['input', 'change'].forEach(
      type => i.dispatchEvent(new Event(type, {bubbles: true})));
  if (p.blanks) {
    q.querySelectorAll('.quiz-blank-input').forEach((i, k) => {
      i.value = p.blanks[k];
      changed(i);
    });
  } else {
    q.querySelectorAll('input[name="answer"]').forEach(i => {
      const want = p.chosen.includes(Number(i.value));
      if (i.checked !== want) { i.checked = want; changed(i); }
    });
  }
  q.querySelector('button[type="submit"]').click();
  return [...q.querySelectorAll('.quiz-feedback .quiz-feedback-item')]
      .map(i => i.classList.contains('correct'));
})"""


def answer_all(page, quiz, right: bool | Callable[[int], bool] = True,
               only: Callable[[int], bool] | None = None) -> None:
    """Answer every question of quiz on page (or those n with only(n)), as quizpage.answer
    would: right (blanks in odd case with spaces) or wrong (the first wrong option, a wrong
    word), as right(n) says, in one round trip. Fails if the page does not mark each answer as
    planned."""
    from tests.browser import quizpage as qp

    plans, expected = [], []
    for n, question in enumerate(quiz.questions):
        if only is not None and not only(n):
            continue
        good = right(n) if callable(right) else right
        if question.kind == FILL_IN:
            plans.append({"n": n, "blanks": [qp.awkward(a, i) if good else qp.WRONG_TEXT
                                             for i, a in enumerate(question.blank_keys)]})
        else:
            plans.append({"n": n, "chosen": qp.correct_indices(question) if good
                          else qp.wrong_indices(question)[:1]})
        expected.append(good)
    marks = page.evaluate(ANSWER_ALL_JS, plans)
    for plan, good, shown in zip(plans, expected, marks, strict=True):
        assert shown and all(shown) == good, (quiz.name, plan, shown)


# --- axe-core ----------------------------------------------------------------------------------

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
# Best-practice rules on top of WCAG A/AA: the quiz headings' levels and the search dialog's
# name were fixed for students (README), and only these rules test the fixes.
EXTRA_RULES = ["heading-order", "aria-dialog-name"]


@cache
def axe_source() -> str:
    """axe-core's axe.min.js, as bundled by the pinned axe-playwright-python package."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def axe_violations(page, within: list[str] | None = None) -> list[str]:
    """axe-core's WCAG A/AA violations (and EXTRA_RULES') on the page as it is now, or only
    within the elements matching the `within` selectors, one readable line each. Open the page
    in a context made with open_context(..., axe=True)."""
    result = page.evaluate(
        """([tags, extra, within]) => axe.run(
             within ? {include: within.map(s => [s])} : document,
             {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
              rules: Object.fromEntries(extra.map(id => [id, {enabled: true}]))})""",
        [WCAG_TAGS, EXTRA_RULES, within])
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"{violation['id']} at {node['target']}: {summary[:300]}")
    return lines


def axe_in_both_palettes(page, within: list[str] | None = None) -> dict[str, list[str]]:
    """axe_violations() in the palette shown, then in the other one (the header's toggle),
    keyed by palette ("default", "slate"); the page is left in the first one again. Each scan
    waits until no transition runs (a button measured half-way through Material's hover fade
    once gave a false contrast failure)."""
    found = {}
    for _ in range(2):
        page.wait_for_function(SETTLED)
        found[palette(page)] = axe_violations(page, within)
        show_palette(page, "slate" if palette(page) == "default" else "default")
    return found


# --- Walking the page with Tab -------------------------------------------------------------

# Installed before the page's own scripts: each focus change is described the moment it
# happens (what has focus, and whether a focus indicator is drawn on it or, for Material's
# visually hidden palette inputs, on the label that stands for it); the end of the walk is a
# null. A focus indicator is a real outline: at least 2 px, not transparent. (A box-shadow is
# not counted: Material draws shadows on unfocused things too.)
FOCUS_RECORDER_JS = """(() => {
  window.__focusWalk = [];
  const opaque = c => !/^rgba\\(.*,\\s*0\\)$/.test(c) && c !== 'transparent';
  const shows = e => {
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && opaque(s.outlineColor)
      && r.width > 0 && r.height > 0 && s.visibility !== 'hidden';
  };
  const describe = el => {
    let visible = shows(el);
    const next = el.nextElementSibling;
    if (!visible && el.classList.contains('md-option') && next && next.tagName === 'LABEL') {
      visible = shows(next);
    }
    const quiz = el.closest('.quiz');
    return {
      tag: el.tagName.toLowerCase(), type: el.type || '', id: el.id || '',
      text: (el.textContent || el.value || el.getAttribute('aria-label') || '').trim().slice(0, 60),
      cls: typeof el.className === 'string' ? el.className : '',
      quiz: quiz ? quiz.id : null, visible,
    };
  };
  window.__describeFocus = () => {
    const el = document.activeElement;
    return !el || el === document.body ? null : describe(el);
  };
  // A stop is recorded when it gets focus; the walk has ended when a Tab leaves nothing
  // focused (the key's default action is over by its keyup) or comes back to the first stop.
  let first = null;
  document.addEventListener('focusin', e => {
    const walk = window.__focusWalk;
    if (!walk.length) first = e.target;
    else if (e.target === first && !walk.includes(null)) walk.push(null);
    walk.push(describe(e.target));
  }, true);
  document.addEventListener('keyup', e => {
    const el = document.activeElement;
    if (e.key === 'Tab' && (!el || el === document.body)) window.__focusWalk.push(null);
  }, true);
})();"""


def record_focus(context) -> None:
    """Make every page of context record its focus changes (for tab_walk and focused)."""
    context.add_init_script(script=FOCUS_RECORDER_JS)


def focused(page) -> dict | None:
    """What has focus now (as tab_walk describes each stop), None for nothing; the page's
    context must record focus (record_focus)."""
    return page.evaluate("() => window.__describeFocus()")


def tab_walk(page, limit: int = 400, batch: int = 20) -> list[dict]:
    """Press Tab from the top of the page until focus leaves the document: each stop, described
    when it got focus (its context must record focus). Keys go in batches and the record is
    read once per batch, not after every key. Fails past `limit` stops."""
    page.evaluate("() => { document.activeElement && document.activeElement.blur(); "
                  "window.__focusWalk = []; }")
    while True:
        for _ in range(batch):
            page.keyboard.press("Tab")
        walk = page.evaluate("() => window.__focusWalk")
        if None in walk:  # focus left the document: every stop was visited (later ones repeat)
            return walk[:walk.index(None)]
        if len(walk) > limit:
            pytest.fail(f"more than {limit} tab stops")



def time_left(seconds: int, hours: bool = False) -> re.Pattern[str]:
    """What a running clock reads `seconds` before its end ("12:29 left", "1:40:00 left"), as a
    pattern that also takes up to 59 seconds less. Playwright's installed clock jumps with
    `run_for` and otherwise flows with real time, so on a busy machine a second or two pass
    between the jump and the reading (a test that expected the exact second failed now and
    then under load); pausing the clock instead would stop the page's animation frames and
    axe-core, which the same tests need."""
    def shown(s: int) -> str:
        if hours:
            return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}"
        return f"{s // 60}:{s % 60:02d}"
    choices = "|".join(re.escape(shown(s)) for s in range(max(0, seconds - 59), seconds + 1))
    return re.compile(rf"^({choices}) left$")
