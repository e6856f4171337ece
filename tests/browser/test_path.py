"""The student's path: from the home page, Next leads lesson → self-check → lesson; each lesson
ends with one clear button to its self-check; on a phone, the home page's first screen says
where to start (or where to continue); search finds lessons, not quiz or faculty pages."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import pytest

from quizkit.siteconfig import nav_pages, read_site_config
from tests.browser import quizpage as qp
from tests.browser.conftest import PHONE, open_context, quizzes_by_path
from tests.helpers import ROOT

pytestmark = pytest.mark.browser


def site_path(page: str) -> str:
    """docs path -> site path: "lessons/x.md" -> "lessons/x/", "index.md" -> ""."""
    stem = page.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def nav_order() -> list[str]:
    """Every page of the nav in reading order, as site paths."""
    return [site_path(p) for p in nav_pages(read_site_config(ROOT / "mkdocs.yml").get("nav"))]


def lesson_quizzes() -> dict[str, object]:
    """Lesson site path -> its self-check (a Quiz)."""
    return {site_path(q.lesson): q for q in quizzes_by_path().values()
            if q.lesson.startswith("lessons/") and not q.written}


def _path_of(url: str, site_url: str) -> str:
    return urlsplit(url).path.removeprefix(urlsplit(site_url).path).lstrip("/")


def test_next_leads_through_the_whole_path(context, site_url: str) -> None:
    """Following the footer's Next from the home page visits every page in nav order, each
    lesson followed by its own self-check, and no faculty page."""
    page = context.new_page()
    page.goto(f"{site_url}/")
    visited = [""]
    while (link := page.locator("a.md-footer__link--next")).count():
        link.click()
        page.wait_for_load_state()
        visited.append(_path_of(page.url, site_url))
        assert len(visited) <= 100, "Next goes round in circles"
    assert visited == nav_order()
    for lesson, quiz in lesson_quizzes().items():
        assert visited[visited.index(lesson) + 1] == f"quizzes/{quiz.name}/", lesson
    assert not [path for path in visited if path.startswith("faculty/")], "not in the menu"


def test_lesson_ends_with_a_check_yourself_button(context, site_url: str,
                                                 lesson_path: str) -> None:
    """A lesson with a self-check ends with one primary button, "Check yourself: N questions"
    (N counted from the quiz), leading to that self-check; it is the only link to it."""
    page = context.new_page()
    page.goto(f"{site_url}/{lesson_path}")
    buttons = page.locator("article a.md-button--primary", has_text="Check yourself")
    quiz = lesson_quizzes().get(lesson_path)
    if quiz is None:
        assert buttons.count() == 0
        return
    assert buttons.count() == 1
    button = buttons.first
    assert button.inner_text().strip() == f"Check yourself: {len(quiz.questions)} questions"
    target = f"quizzes/{quiz.name}/"
    assert _path_of(urljoin(page.url, button.get_attribute("href")), site_url) == target
    links = page.locator("article a[href]").evaluate_all("as => as.map(a => a.href)")
    assert [u for u in links if _path_of(u, site_url) == target] == [button.evaluate("a => a.href")]
    references = page.locator("article h2#references")
    if references.count():  # the button comes before the lesson's references
        assert button.bounding_box()["y"] < references.bounding_box()["y"]
    button.click()
    page.wait_for_load_state()
    assert _path_of(page.url, site_url) == target


def test_learning_path_lists_each_self_check(context, site_url: str) -> None:
    """The home page's learning-path table has each lesson's self-check in the lesson's row."""
    page = context.new_page()
    page.goto(f"{site_url}/")
    rows = page.locator("article table tr").evaluate_all(
        "rs => rs.map(r => [...r.querySelectorAll('a')].map(a => a.href))")
    by_lesson = {}
    for hrefs in rows:
        paths = [_path_of(h, site_url) for h in hrefs]
        for path in paths:
            by_lesson[path] = paths
    for lesson, quiz in lesson_quizzes().items():
        assert f"quizzes/{quiz.name}/" in by_lesson.get(lesson, []), lesson


def _start_button(page):
    button = page.locator("#ipt-continue")
    box = button.bounding_box()
    assert box is not None, "no start button"
    return button, box


def test_phone_home_says_where_to_start_then_where_to_continue(browser, site_url: str) -> None:
    """At 360×740, "Start lesson 1" is on the first screen; after a lesson is opened it reads
    "Continue where you left off" and leads back there; with only quiz answers saved it leads
    to that self-check."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/")
        button, box = _start_button(page)
        assert button.inner_text().strip() == "Start lesson 1"
        assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"]
        first = next(p for p in nav_order() if p.startswith("lessons/"))
        assert _path_of(button.evaluate("a => a.href"), site_url) == first

        lesson = [p for p in nav_order() if p.startswith("lessons/")][2]
        page.goto(f"{site_url}/{lesson}")
        # The lesson as the menu names it ("3 · The time limit (characteristic 2)").
        title = page.locator(".md-nav--primary .md-nav__link--active").first.inner_text()
        title = " ".join(title.split())
        page.goto(f"{site_url}/")
        button, box = _start_button(page)
        assert button.inner_text().strip() == f"Continue where you left off: {title}"
        assert box["y"] + box["height"] <= PHONE["height"]
        button.click()
        page.wait_for_load_state()
        assert _path_of(page.url, site_url) == lesson

        # Only quiz answers saved, no last page (a progress file from elsewhere can be so):
        # continue at that self-check.
        quiz_path = f"quizzes/{lesson_quizzes()[lesson].name}/"
        page.goto(f"{site_url}/{quiz_path}")
        quiz = quizzes_by_path()[quiz_path]
        qp.answer(page, 0, quiz.questions[0], right=True)
        page.evaluate("""k => { const r = JSON.parse(localStorage.getItem(k));
                                r.lastPage = null; localStorage.setItem(k, JSON.stringify(r)); }""",
                      qp.RECORD_KEY)
        page.goto(f"{site_url}/")
        button, _ = _start_button(page)
        assert button.inner_text() == f"Continue where you left off: {quiz.title}, question 2"
        assert _path_of(button.evaluate("a => a.href"), site_url) == quiz_path
        assert button.evaluate("a => new URL(a.href).hash") == "#quiz-1"
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def test_search_finds_lessons_not_quiz_or_faculty_pages(built_site) -> None:
    """Students searching find lessons, the glossary and references; quiz pages and faculty
    pages (guide and coverage report) are out of the index."""
    index = json.loads((built_site / "search" / "search_index.json").read_text("utf-8"))
    pages = {doc["location"].split("#")[0] for doc in index["docs"]}
    assert not [p for p in pages if p.startswith(("quizzes/", "faculty/"))], sorted(pages)
    lessons = {p for p in nav_order() if p.startswith("lessons/")}
    assert lessons <= pages and {"glossary/", "references/"} <= pages
