"""The offline zip (`make offline`), unzipped and opened from file:// as a student would:
navigation, search and a quiz with saved progress work, and no request goes anywhere."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from tests.browser import quizpage as qp
from tests.browser.conftest import DESKTOP, open_context, quizzes_by_path
from tests.helpers import shared_build
from tools.build_offline import TOP, ZIP_NAME, build_offline

pytestmark = pytest.mark.browser


def _build_zip(folder: Path) -> str | None:
    try:
        build_offline(folder)
    except SystemExit as failure:  # build_offline's own message, for every test that needs it
        return str(failure)
    return None


@pytest.fixture(scope="session")
def offline_zip() -> Path:
    """The dist/-style zip, built once per test run (shared by every worker)."""
    folder, error = shared_build("offline", _build_zip)
    assert error is None, error
    return folder / ZIP_NAME


@pytest.fixture(scope="session")
def offline_index(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip unzipped elsewhere: its index.html."""
    unpacked = tmp_path_factory.mktemp("unzipped")
    with zipfile.ZipFile(offline_zip) as archive:
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

        # Search: the inlined index answers a query, forgiving a slip as online (site.js, with
        # Material's iframe stand-in for its worker); a result opens its page.
        page.locator("input.md-search__input").click()
        page.keyboard.type("transferance")
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


def test_offline_zip_is_deterministic(offline_zip: Path, tmp_path: Path) -> None:
    """The same sources give the same zip, byte for byte (a second build, in another process,
    against the run's one)."""
    assert build_offline(tmp_path).read_bytes() == offline_zip.read_bytes()
