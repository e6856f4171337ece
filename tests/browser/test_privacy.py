"""Privacy: loading and using any page asks nothing of any other host (no web fonts, CDN
scripts, analytics or external images). Every request is recorded; one that would leave the
site is blocked and fails the test."""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import DESKTOP, open_context

pytestmark = pytest.mark.browser

# Attributes and CSS that make a browser fetch something by themselves (links one clicks on,
# <a href>, are not requests and may point anywhere).
FETCHING = re.compile(
    r"""<(?:script|img|iframe|source|video|audio|embed|object)\b[^>]*\b(?:src|data)\s*=\s*["']?(?:https?:)?//"""
    r"""|<link\b[^>]*\bhref\s*=\s*["']?(?:https?:)?//|url\(\s*["']?(?:https?:)?//""",
    re.IGNORECASE,
)


def test_no_request_leaves_the_site(browser, site_url: str, page_path: str) -> None:
    """Load the page, search, open a glossary tooltip, scroll to the end: all from 127.0.0.1.
    (Every other browser test checks the same of what it does, the phone layout test at
    360×740 included.)"""
    context = open_context(browser, base=site_url, viewport=DESKTOP)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
        page.locator("input.md-search__input").click()
        page.keyboard.type("interpersonal")
        page.locator(".md-search-result__item").first.wait_for()
        page.keyboard.press("Escape")
        abbr = page.locator(".md-content abbr")
        if abbr.count():
            abbr.first.hover()
        page.mouse.wheel(0, 20_000)
        page.wait_for_load_state("networkidle")
        traffic = context.traffic
        assert traffic.requests, "nothing was recorded"
        assert traffic.foreign == []
    finally:
        context.close()


def test_no_page_references_another_host(built_site) -> None:
    """The same, read from the files: no HTML or CSS in the site fetches from another host
    (covers what a browser test may not trigger, e.g. print-only or rarely shown parts)."""
    offenders = []
    for file in sorted(built_site.rglob("*")):
        if file.suffix in (".html", ".css") and file.is_file():
            for match in FETCHING.finditer(file.read_text("utf-8", errors="replace")):
                offenders.append(f"{file.relative_to(built_site)}: {match.group(0)[:120]}")
    assert offenders == []
