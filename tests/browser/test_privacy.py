"""Privacy: loading and using any page of the published site (the app build, as `make build`
makes it) asks nothing of any other host (no web fonts, CDN scripts, analytics or external
images), and neither does its service worker. Every request, the worker's included, is
recorded; one that would leave the site is blocked and fails the test. The same visit also
checks that the page loads at most 10 files itself, that search (its worker and its index)
waits until it is used, and the palette toggle (one visit per page for all). Search, used with
the mouse and from the keyboard, finds a page and highlights the words on it. What each visit
downloads is test_weight.py's."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, open_context, palette, toggle_palette
from tests.helpers.static_server import serve

pytestmark = pytest.mark.browser

SEARCH_INDEX = "/search/search_index.json"  # the largest download: only once search is used
SEARCH_WORKER = re.compile(r"/assets/javascripts/workers/search\.[0-9a-f]+\.min\.js$")
PAGE_REQUESTS_LIMIT = 10  # the page and the files it loads itself


def searched(requests: list[str]) -> list[str]:
    """The requests for search's index and worker."""
    return [url for url in requests if url.endswith(SEARCH_INDEX) or SEARCH_WORKER.search(url)]

# Attributes and CSS that make a browser fetch something by themselves (links one clicks on,
# <a href>, are not requests and may point anywhere).
FETCHING = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|data)\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


@pytest.fixture(scope="session")
def app_url(app_site: Path) -> Iterator[str]:
    """The published build at http://127.0.0.1:PORT."""
    with serve(app_site) as url:
        yield url


@pytest.fixture
def app_context(browser, app_url: str):
    """A fresh context on the published build: empty storage, no service worker yet."""
    context = open_context(browser, base=app_url, viewport=DESKTOP, color_scheme="light")
    yield context
    context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


# Resolves when every image on the page has loaded (or failed): what scrolling can fetch.
IMAGES_SETTLED = "() => [...document.images].every((image) => image.complete)"


def test_one_visit_private_and_palette(app_context, app_url: str, page_path: str) -> None:
    """One visit per page, as a student makes it (one visit for both checks, for speed):

    privacy: load (the service worker installed with its shell), open a glossary tooltip,
    scroll to the end, all from 127.0.0.1, and neither the search index nor its worker fetched
    (the `app_context` fixture fails the test on any request to another host, the worker's
    included); the page loads at most 10 files itself; palette: the header's toggle turns this
    page dark. (Search and a remembered palette are the same script on every page:
    test_search_and_palette_choice_across_pages checks them once.)"""
    page = app_context.new_page()
    page.goto(f"{app_url}/{page_path}")  # until the page's `load` event
    own = page.evaluate("performance.getEntriesByType('resource').map((e) => e.name)")
    assert len(own) + 1 <= PAGE_REQUESTS_LIMIT, own
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")  # shell fetched
    assert f"{app_url}/sw.js" in app_context.traffic.by_worker  # fetched for the worker
    assert searched(app_context.traffic.requests) == []

    abbr = page.locator(".md-content abbr:visible")  # not one inside a closed <details>
    if abbr.count():
        abbr.first.hover()
        page.locator(".md-tooltip2--active").wait_for()  # the tooltip opened
    page.mouse.wheel(0, 20_000)
    page.wait_for_function(IMAGES_SETTLED)
    assert searched(app_context.traffic.requests) == []

    assert palette(page) == "default"
    toggle_palette(page)
    assert palette(page) == "slate"


def test_search_and_palette_choice_across_pages(app_context, app_url: str) -> None:
    """Search fetches its worker and index (from this site) only when used, once, and finds a
    lesson; the palette chosen on one page is kept on another and when the first is loaded
    again, and choosing light again is kept across a reload."""
    context, site_url = app_context, app_url
    page = context.new_page()
    lesson = f"{site_url}/lessons/transference/"
    page.goto(lesson)
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")  # shell fetched
    assert searched(context.traffic.requests) == []
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("interpersona")  # then the last key typed, as Material's search listens to keys
    search.press("l")
    page.locator(".md-search-result__item").first.wait_for()
    index_and_worker = searched(context.traffic.requests)  # asked for by the page
    assert len(index_and_worker) == 2 and f"{site_url}{SEARCH_INDEX}" in index_and_worker
    from_network = searched(context.traffic.by_worker)  # by the service worker, for the page
    assert len(from_network) == len(set(from_network)) <= 2
    page.keyboard.press("Escape")

    assert palette(page) == "default"
    toggle_palette(page)
    assert palette(page) == "slate"
    page.goto(f"{site_url}/")
    assert palette(page) == "slate"  # kept on another page
    page.goto(lesson)
    assert palette(page) == "slate"  # and on this one, loaded afresh
    toggle_palette(page)
    assert palette(page) == "default"
    page.reload()
    assert palette(page) == "default"


def test_search_from_the_keyboard_highlights_the_words_on_the_page_found(app_context,
                                                                         app_url: str) -> None:
    """From the keyboard only: "/" opens search, the words are typed, the arrow key reaches the
    first result and Enter opens it; the page found marks the words searched for (Material's
    highlight, which needs the index on that page too)."""
    page = app_context.new_page()
    page.goto(f"{app_url}/lessons/what-is-ipt/")
    page.keyboard.press("/")
    expect(page.locator("input.md-search__input")).to_be_focused()
    page.keyboard.type("transference")  # the lesson first (a page whose own text matches)
    first = page.locator(".md-search-result__item a").first
    first.wait_for()
    page.keyboard.press("ArrowDown")
    expect(first).to_be_focused()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"[?&]h=transference"))
    expect(page.locator("mark[data-md-highlight]").first).to_be_visible()


def test_the_guard_records_and_stops_requests_to_other_hosts(browser, site_url: str) -> None:
    """The guard every browser test relies on: a request to another host (by name, by IP
    address, or this machine under another name) is recorded as foreign and never answered,
    and one to the site is neither. (From the sitemap: a file with no content security policy,
    which would stop the requests before the guard sees them.)"""
    port = site_url.rsplit(":", 1)[1]
    elsewhere = ["https://fonts.googleapis.com/css2?family=Roboto", "http://93.184.215.14/a.png",
                 f"http://localhost:{port}/"]
    context = open_context(browser, base=site_url)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/sitemap.xml")
        answered = page.evaluate("""urls => Promise.all(urls.map(url =>
            fetch(url, {mode: 'no-cors'}).then(() => true, () => false)))""",
                                 [*elsewhere, f"{site_url}/"])
        assert answered == [False, False, False, True]
        assert context.traffic.foreign == elsewhere
        assert f"{site_url}/" in context.traffic.requests
    finally:
        context.close()


def test_no_page_references_another_host(app_site: Path) -> None:
    """The same, read from the files: no HTML or CSS in the site fetches from another host
    (covers what a browser test may not trigger, e.g. print-only or rarely shown parts)."""
    offenders = []
    for file in sorted(app_site.rglob("*")):
        if file.suffix in (".html", ".css") and file.is_file():
            for match in FETCHING.finditer(file.read_text("utf-8", errors="replace")):
                offenders.append(f"{file.relative_to(app_site)}: {match.group(0)[:120]}")
    assert offenders == []
