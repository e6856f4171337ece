"""What the published site (the app build, as `make build` makes it) costs a student on a
metered connection, counted by the server as a real host sends it (gzip-compressed, with GitHub
Pages' caching headers), the service worker's own requests included: a first visit to a lesson
under 150 KB gzipped with no file downloaded twice, the next page only that page, "Keep the
whole unit on this phone" each remaining file once and nothing else; mkdocs-quiz's CSS/JS only
on quiz pages. (Every page's
figures and Lighthouse's scores are measured by `make bench-site`, a benchmark, not a test.)"""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from tests.browser.conftest import (
    PHONE,
    keep_the_whole_unit,
    page_kind,
    pages_in,
    visit_app,
    wait_until_saved,
)
from tests.browser.test_pwa import build_lists
from tests.helpers.static_server import PUBLISHED, serve

pytestmark = pytest.mark.browser

FIRST_VISIT_LIMIT = 150 * 1024  # gzipped bytes: a lesson, the worker and its shell
PAGE_REQUESTS_LIMIT = 10  # the page and the files it loads itself
QUIZ_MARK = 'const STORAGE_KEY_PREFIX = "quiz_progress_"'  # mkdocs-quiz's inline script


def test_quiz_assets_only_on_quiz_pages(app_site: Path, page_path: str) -> None:
    """mkdocs-quiz's CSS and JavaScript are on quiz pages and nowhere else."""
    html = (app_site / page_path / "index.html").read_text("utf-8")
    assert (QUIZ_MARK in html) == (page_kind(page_path) == "quiz")


def heaviest_lesson(site: Path) -> str:
    """The lesson whose page is the largest download: the first visit that costs most."""
    lessons = [p for p in pages_in(site) if page_kind(p) == "lesson"]
    return max(lessons, key=lambda p: len(gzip.compress((site / p / "index.html").read_bytes())))


def test_a_first_visit_costs_what_the_student_reads(browser, app_site: Path) -> None:
    """A first visit to the heaviest lesson: the page with its files, the service worker and
    the app's shell (the offline page, the manifest and its icons; the rest of the shell is
    what the lesson loaded) stay under 150 KB gzipped, with no file downloaded twice and no
    other page, no home page, no search worker or index. The page itself loads at most 10
    files. The next lesson costs that page alone. Keeping the whole unit then fetches each file
    of the unit not yet on the phone once, nothing else."""
    lesson = heaviest_lesson(app_site)
    other = next(p for p in pages_in(app_site) if page_kind(p) == "lesson" and p != lesson)
    lists = build_lists(app_site)
    unit = {f"/{e['url']}" for e in lists["unit"]}
    loads = {e["url"]: {f"/{file}" for file in e["loads"]} for e in lists["unit"] if e.get("page")}
    sent: list[tuple[str, int]] = []
    with serve(app_site, use_gzip=True, cache_control=PUBLISHED, log=sent) as url:
        # No routes here (open_context's record of requests): Playwright's routing turns off
        # the browser's cache, and a real visit has it. The server counts every request; the
        # privacy tests check that none goes to another host.
        context = browser.new_context(viewport=PHONE, is_mobile=True)
        try:
            page = context.new_page()
            visit_app(page, url, lesson)
            own = page.evaluate("performance.getEntriesByType('resource').length") + 1
            wait_until_saved(page, [f"{url}/{lesson}"] + [url + f for f in loads[lesson]])
            first = sum(size for _, size in sent)
            assert first < FIRST_VISIT_LIMIT, sent
            paths = [path for path, _ in sent]
            assert sorted(paths) == sorted(set(paths)), sent  # none twice
            assert own <= PAGE_REQUESTS_LIMIT
            assert set(paths) & unit == {f"/{lesson}"} | loads[lesson], set(paths) & unit

            before = len(sent)
            page.goto(f"{url}/{other}")
            wait_until_saved(page, [f"{url}/{other}"] + [url + f for f in loads[other]])
            assert [path for path, _ in sent[before:]] == [f"/{other}"]

            page.goto(f"{url}/")
            before = len(sent)
            keep_the_whole_unit(page)
            kept = [path for path, _ in sent[before:]]
            on_the_phone = {f"/{lesson}", f"/{other}", "/", *loads[lesson], *loads[other],
                            *loads[""]}
            assert sorted(kept) == sorted(unit - on_the_phone)
        finally:
            context.close()
