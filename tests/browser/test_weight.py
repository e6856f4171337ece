"""What a page costs a student on a metered connection: few requests, the search index only
when they search, and mkdocs-quiz's CSS/JS only on quiz pages. (Sizes and Lighthouse scores
are measured by `make bench-site`, a benchmark, not a test.)"""

from __future__ import annotations

import pytest

from tests.browser.conftest import page_kind

pytestmark = pytest.mark.browser

MAX_REQUESTS = 10
QUIZ_MARK = 'const STORAGE_KEY_PREFIX = "quiz_progress_"'  # mkdocs-quiz's inline script


def test_requests_and_deferred_search_index(context, site_url: str, page_path: str) -> None:
    """At most 10 requests on a first visit; the search index comes only once search is used."""
    page = context.new_page()
    page.goto(f"{site_url}/{page_path}", wait_until="networkidle")
    loaded = list(context.traffic.requests)
    assert len(loaded) <= MAX_REQUESTS, loaded
    assert not any(url.endswith("/search/search_index.json") for url in loaded), loaded
    page.locator("input.md-search__input").focus()
    page.keyboard.type("grief")
    page.locator(".md-search-result__item").first.wait_for()
    assert any(url.endswith("/search/search_index.json") for url in context.traffic.requests)


def test_quiz_assets_only_on_quiz_pages(built_site, page_path: str) -> None:
    """mkdocs-quiz's CSS and JavaScript are on quiz pages and nowhere else."""
    html = (built_site / page_path / "index.html").read_text("utf-8")
    assert (QUIZ_MARK in html) == (page_kind(page_path) == "quiz")
