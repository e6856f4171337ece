"""What a page costs a student on a metered connection: few requests, the search index only
when they search (both checked in test_privacy.py's one visit per page), and mkdocs-quiz's
CSS/JS only on quiz pages. (Sizes and Lighthouse scores are measured by `make bench-site`, a
benchmark, not a test.)"""

from __future__ import annotations

import pytest

from tests.browser.conftest import page_kind

pytestmark = pytest.mark.browser

QUIZ_MARK = 'const STORAGE_KEY_PREFIX = "quiz_progress_"'  # mkdocs-quiz's inline script


def test_quiz_assets_only_on_quiz_pages(built_site, page_path: str) -> None:
    """mkdocs-quiz's CSS and JavaScript are on quiz pages and nowhere else."""
    html = (built_site / page_path / "index.html").read_text("utf-8")
    assert (QUIZ_MARK in html) == (page_kind(page_path) == "quiz")
