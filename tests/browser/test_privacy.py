"""Privacy: loading and using any page asks nothing of any other host (no web fonts, CDN
scripts, analytics or external images). Every request is recorded; one that would leave the
site is blocked and fails the test. The same visit also checks the page's weight and the
palette toggle (one visit per page for the three)."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import palette, toggle_palette

pytestmark = pytest.mark.browser

MAX_REQUESTS = 10  # on a first visit: what a page costs on a metered connection
SEARCH_INDEX = "/search/search_index.json"  # the largest download: only once search is used

# Attributes and CSS that make a browser fetch something by themselves (links one clicks on,
# <a href>, are not requests and may point anywhere).
FETCHING = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|data)\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_one_visit_light_private_and_palette(context, site_url: str, page_path: str) -> None:
    """One visit per page, as a student makes it (one visit for three checks, for speed):

    weight: at most 10 requests on a first visit, the search index not among them; privacy:
    load, open a glossary tooltip, scroll to the end, all from 127.0.0.1 (the `context` fixture
    fails the test on any request to another host, as in every browser test); palette: the
    header's toggle turns this page dark. (Search and a remembered palette are the same script
    on every page: test_search_and_palette_choice_across_pages checks them once.)"""
    page = context.new_page()
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    loaded = list(context.traffic.requests)
    assert len(loaded) <= MAX_REQUESTS, loaded
    assert not any(url.endswith(SEARCH_INDEX) for url in loaded), loaded

    abbr = page.locator(".md-content abbr:visible")  # not one inside a closed <details>
    if abbr.count():
        abbr.first.hover()
        page.locator(".md-tooltip2--active").wait_for()  # the tooltip opened
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")  # whatever scrolling made the page fetch
    assert not any(url.endswith(SEARCH_INDEX) for url in context.traffic.requests)

    assert palette(page) == "default"
    toggle_palette(page)
    assert palette(page) == "slate"


def test_search_and_palette_choice_across_pages(context, site_url: str) -> None:
    """Search fetches its index (from this site) only when used, and finds a lesson; the
    palette chosen on one page is kept on another and when the first is loaded again, and
    choosing light again is kept across a reload."""
    page = context.new_page()
    lesson = f"{site_url}/lessons/transference/"
    page.goto(lesson, wait_until="networkidle")
    assert not any(url.endswith(SEARCH_INDEX) for url in context.traffic.requests)
    search = page.locator("input.md-search__input")
    search.click()
    search.fill("interpersona")  # then the last key typed, as Material's search listens to keys
    search.press("l")
    page.locator(".md-search-result__item").first.wait_for()
    assert [url for url in context.traffic.requests if url.endswith(SEARCH_INDEX)] == [
        f"{site_url}{SEARCH_INDEX}"]
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


def test_no_page_references_another_host(built_site) -> None:
    """The same, read from the files: no HTML or CSS in the site fetches from another host
    (covers what a browser test may not trigger, e.g. print-only or rarely shown parts)."""
    offenders = []
    for file in sorted(built_site.rglob("*")):
        if file.suffix in (".html", ".css") and file.is_file():
            for match in FETCHING.finditer(file.read_text("utf-8", errors="replace")):
                offenders.append(f"{file.relative_to(built_site)}: {match.group(0)[:120]}")
    assert offenders == []
