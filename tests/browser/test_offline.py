"""The offline zip (`make offline`), unzipped and opened from file:// as a student would:
navigation, search and a quiz with saved progress work, and no request goes anywhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.browser import quizpage as qp
from tests.browser.conftest import DESKTOP, open_context, quizzes_by_path
from tools.build_offline import TOP, build_offline

pytestmark = pytest.mark.browser


@pytest.fixture(scope="session")
def offline_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/-style zip built into a temporary folder, unzipped elsewhere: its index.html."""
    target = build_offline(tmp_path_factory.mktemp("dist"))
    unpacked = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(target) as archive:
        archive.extractall(unpacked)
    return unpacked / TOP / "index.html"


def test_offline_zip_works_from_file(browser, offline_index: Path) -> None:
    """Open index.html from disk; follow the navigation; search; answer a quiz and reload."""
    context = open_context(browser, base=None, viewport=DESKTOP)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(offline_index.as_uri())
        assert page.locator("h1").first.is_visible()

        # Navigation: the sidebar's first lesson, which opens as a plain .html file; then the
        # footer's "Next" link.
        sidebar = page.locator(".md-sidebar--primary")
        sidebar.locator('a[href$="lessons/what-is-ipt.html"]').first.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and page.url.endswith("lessons/what-is-ipt.html")
        assert page.locator("h1").first.is_visible()
        page.locator("a.md-footer__link--next").click()
        page.wait_for_load_state()
        assert page.url.startswith("file://") and page.url.endswith(".html")
        assert not page.url.endswith("lessons/what-is-ipt.html")

        # Search: the inlined index answers a query; a result opens its page.
        page.locator("input.md-search__input").click()
        page.keyboard.type("transference")
        result = page.locator(".md-search-result__item a").first
        result.wait_for()
        assert ".html" in (result.get_attribute("href") or "")
        result.click()
        page.wait_for_load_state()
        assert page.url.startswith("file://")
        assert "transference" in page.content().lower()

        # A quiz: answers are saved in the browser and come back after a reload.
        quiz_path = sorted(quizzes_by_path())[0]
        quiz = quizzes_by_path()[quiz_path]
        quiz_file = offline_index.parent / (quiz_path.rstrip("/") + ".html")
        page.goto(quiz_file.as_uri())
        qp.answer(page, 0, quiz.questions[0], right=True)
        qp.answer(page, 1, quiz.questions[1], right=False)
        before = qp.state(page)
        assert qp.marks(page, 0) == ["correct"] and qp.marks(page, 1) == ["incorrect"]
        page.reload()
        assert qp.state(page) == before
        assert qp.results(page)["answered"] == "2" and qp.results(page)["correct"] == "1"

        traffic = context.traffic
        assert traffic.foreign == []
        assert all(url.startswith(("file://", "data:", "blob:")) for url in traffic.requests)
        assert errors == []
    finally:
        context.close()


def test_offline_zip_is_deterministic(tmp_path: Path) -> None:
    """The same sources give the same zip, byte for byte."""
    first = build_offline(tmp_path / "one").read_bytes()
    second = build_offline(tmp_path / "two").read_bytes()
    assert first == second
