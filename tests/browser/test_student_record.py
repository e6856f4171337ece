"""The student's record is true and at hand (issue 22, student walk-through 2: S2, S9, S11,
S12, S13, S16, S18), tried as a student on a 360x740 phone:

* a retake asks before wiping the answers, keeps the first try beside the latest and the best
  on the page and in My progress, is worded "on this try", and a section missed on the first
  try stays in "What to reread" (marked "fixed on retake") until it is answered right on a
  later day (the browser's clock is moved on a day);
* a partly right multiple-answer question says what was right and what was missed;
* "Continue where you left off" lands on the first unanswered question of a half-done
  self-check, on the exam answer written last, and after a finished self-check offers the next
  step not yet done;
* the position bar on a long self-check: where, how many right, a link to the results, clear
  of the header and of what has focus, one tab stop, not printed; the progress box never says
  "Right: 0 of the 0 answered";
* the home page's card for a returning student, exam items named by topic, what is not started
  folded, the privacy note said once;
* a tick beside each finished self-check in the drawer;
* axe-core finds nothing on the new parts, light and dark.
"""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from functools import cache
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizkit.model import MULTIPLE
from quizkit.written import question_topic
from tests.browser import quizpage as qp
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    answer_all,
    axe_in_both_palettes,
    new_tab,
    open_context,
    plain,
    quizzes_by_path,
    squash,
)
from tests.browser.test_exam import exam
from tests.browser.test_path import lesson_quizzes, nav_order

pytestmark = pytest.mark.browser

# A weekday evening in Patna, and the next morning (the rule is the student's own calendar day).
DAY_ONE = datetime(2026, 12, 1, 19, 30, tzinfo=timezone(timedelta(hours=5, minutes=30)))
NEXT_DAY = DAY_ONE + timedelta(hours=14)


@pytest.fixture
def phone(browser, site_url: str):
    """A phone (360x740, touch) in India's time zone, axe-core ready."""
    context = open_context(browser, base=site_url, axe=True, viewport=PHONE, is_mobile=True,
                           has_touch=True, timezone_id="Asia/Kolkata")
    yield context
    context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def _self_checks() -> list[tuple[str, object]]:
    """(site path, Quiz) of every self-check in nav order."""
    order = nav_order()
    return sorted(((path, quiz) for path, quiz in quizzes_by_path().items() if not quiz.written),
                  key=lambda item: order.index(item[0]))


def _reread(page) -> dict[str, str]:
    """My progress' "What to reread": section link -> what the line says after the link."""
    return dict(page.locator(".ipt-progress ol > li").evaluate_all(
        "l => l.map(li => [li.querySelector('a').getAttribute('href'), li.textContent])"))


def _status(page, quiz) -> str:
    link = page.locator(f'.ipt-progress-data a[data-ipt-page="{quiz.page_path}"]')
    return link.locator("xpath=..").locator(".ipt-status").text_content()


def _href(review: str) -> str:
    """Where a review target lands, as the home page links it."""
    path, _, anchor = review.partition("#")
    return f"{path[:-3]}/#{anchor}"


def test_a_retake_asks_first_keeps_the_first_try_and_the_sections_missed(phone,
                                                                         site_url: str) -> None:
    path, quiz = _self_checks()[1]
    total = len(quiz.questions)
    missed = [1, total - 1]
    page = new_tab(phone)
    page.clock.set_fixed_time(DAY_ONE)
    page.goto(f"{site_url}/{path}")
    answer_all(page, quiz, right=lambda n: n not in missed)
    first = total - len(missed)
    assert qp.results(page)["status"].startswith(f"Your score: {first} of {total} right the "
                                                 "first time")

    # "Try the quiz again" asks, saying what is kept; keeping the answers changes nothing.
    qp.panel_button(page, "try-again").click()
    confirm = page.get_by_role("alertdialog", name="Start the whole quiz again?")
    expect(confirm).to_be_visible()
    assert f"Your first try ({first} of {total})" in confirm.inner_text()
    assert page.evaluate("() => document.activeElement.textContent") == "Keep my answers"
    page.keyboard.press("Escape")
    expect(confirm).to_be_hidden()
    assert page.evaluate("() => document.activeElement.classList.contains('ipt-try-again')")
    qp.panel_button(page, "try-again").click()
    qp.panel_button(page, "confirm-no").click()
    assert all(qp.is_answered(page, n) for n in range(total))
    assert qp.attempts(page, quiz.page_path)["attempts"] == 1

    # Straight away, every question right: scored "on this try", the first try kept.
    qp.try_again(page)
    assert not any(qp.is_answered(page, n) for n in range(total))
    assert qp.results(page)["status"].startswith(f"Try 2: 0 of {total} answered")
    answer_all(page, quiz, right=True)
    status = qp.results(page)["status"]
    assert status.startswith(f"Your score on this try (try 2): {total} of {total} right (100%).")
    assert f"Your first try: {first} of {total} · best: {total} of {total}." in status
    assert "first time" not in status

    # My progress: the first try beside the latest and the best; the sections missed stay,
    # "fixed on retake", until answered right on another day.
    page.goto(f"{site_url}/")
    assert _status(page, quiz) == (f": first try {first} of {total} · latest {total} of {total} "
                                   f"(try 2) · best {total} of {total}")
    sections = {_href(quiz.questions[n].review) for n in missed}
    reread = _reread(page)
    assert set(reread) == sections, reread
    assert all("fixed on retake" in line for line in reread.values()), reread
    card = page.locator("#ipt-home-card")
    assert squash(card.locator("a[href='#what-to-reread']").inner_text()) == (
        f"{len(sections)} section{'s' * (len(sections) > 1)} to reread")

    # The next day, the whole quiz again, all right: now they are cleared.
    page.clock.set_fixed_time(NEXT_DAY)
    page.goto(f"{site_url}/{path}")
    qp.try_again(page)
    answer_all(page, quiz, right=True)
    assert qp.results(page)["status"].startswith("Your score on this try (try 3)")
    page.goto(f"{site_url}/")
    assert _reread(page) == {}
    assert _status(page, quiz).startswith(f": first try {first} of {total} · latest {total} of "
                                          f"{total} (try 3)")
    assert page.js_errors == []


def test_a_wrong_answer_on_a_later_day_keeps_the_section(phone, site_url: str) -> None:
    """Missed, fixed on retake the same day, then missed again the next day: plainly missed."""
    path, quiz = _self_checks()[0]
    page = new_tab(phone)
    page.clock.set_fixed_time(DAY_ONE)
    page.goto(f"{site_url}/{path}")
    answer_all(page, quiz, right=lambda n: n != 0)
    qp.panel_button(page, "retry-missed").click()
    qp.answer(page, 0, quiz.questions[0], right=True)
    page.goto(f"{site_url}/")
    assert "fixed on retake" in _reread(page)[_href(quiz.questions[0].review)]
    page.clock.set_fixed_time(NEXT_DAY)
    page.goto(f"{site_url}/{path}")
    qp.try_again(page)
    answer_all(page, quiz, right=lambda n: n != 0)
    page.goto(f"{site_url}/")
    line = _reread(page)[_href(quiz.questions[0].review)]
    assert "missed" in line and "fixed on retake" not in line, line
    assert page.js_errors == []


def test_a_partly_right_answer_says_what_was_right_and_what_was_missed(phone,
                                                                      site_url: str) -> None:
    path, quiz = next((p, q) for p, q in _self_checks()
                      if any(len(qp.correct_indices(x)) >= 2 for x in q.questions
                             if x.kind == MULTIPLE))
    n, question = next((i, x) for i, x in enumerate(quiz.questions)
                       if x.kind == MULTIPLE and len(qp.correct_indices(x)) >= 2)
    right = qp.correct_indices(question)
    page = new_tab(phone)
    page.goto(f"{site_url}/{path}")
    qp.choose(page, n, right[:1])
    qp.submit(page, n)
    said = squash(qp.box(page, n).locator(".quiz-feedback").inner_text())
    missing = " and ".join(f"“{plain(question.options[i].text)}”" for i in right[1:])
    assert said == f"Not quite. 1 of {len(right)} right; you missed: {missing}.", said


def test_continue_lands_where_the_student_stopped(phone, site_url: str,
                                                 built_site: Path) -> None:
    titles = _path_steps(built_site)
    checks = _self_checks()
    page = new_tab(phone)

    # A half-done self-check: Continue lands on its first unanswered question, below the
    # header, not at the top of the page.
    path, quiz = checks[3]
    page.goto(f"{site_url}/{path}")
    answer_all(page, quiz, right=True, only=lambda n: n in (0, 1, 3))
    page.goto(f"{site_url}/")
    button = page.locator("#ipt-continue")
    assert button.inner_text() == f"Continue where you left off: {titles[path]}, question 3"
    button.click()
    page.wait_for_url(f"{site_url}/{path}#quiz-2")
    box = qp.box(page, 2).bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["height"] <= box["y"] <= header["height"] + 80, box
    assert page.evaluate("() => scrollY") > 500

    # Exam practice: the answer written last.
    exam_path, exam_quiz = exam()
    page.goto(f"{site_url}/{exam_path}")
    for question in (exam_quiz.questions[4], exam_quiz.questions[2]):
        page.locator(f'.ipt-written[data-question="{question.id}"] textarea').fill(
            "IPT keeps to the here and now.")
        # The next one is written later (the record keeps times to the millisecond).
        page.wait_for_function(
            "([k, id]) => Date.now() > Date.parse(JSON.parse(localStorage.getItem(k)).exam[id].at)",
            arg=[qp.RECORD_KEY, question.id])
    page.goto(f"{site_url}/")
    assert button.evaluate("a => new URL(a.href).hash") == f"#{exam_quiz.questions[2].id}"
    assert button.inner_text() == "Continue where you left off: Exam practice"

    # A finished self-check: the next step not yet done, in the path's order. The first
    # lesson's self-check finished, the fourth half done: lesson 2 is next.
    first_path, first_quiz = checks[0]
    page.goto(f"{site_url}/{first_path}")
    answer_all(page, first_quiz, right=True)
    page.goto(f"{site_url}/")
    lessons = [p for p in nav_order() if p.startswith("lessons/")]
    second = lessons[1]
    assert button.inner_text() == f"Next: Lesson 2, {titles[second]}"
    assert button.evaluate("a => new URL(a.href).pathname").endswith(f"/{second}")
    assert page.js_errors == []


@cache
def _path_steps(site: Path) -> dict[str, str]:
    """The home page's map of the path (#ipt-page's `path`): site path -> title in the nav."""
    html = (site / "index.html").read_text("utf-8")
    data = re.search(r'<script type="application/json" id="ipt-page">(.*?)</script>', html)
    assert data, "no page data on the home page"
    return {step["page"].removesuffix(".md") + "/": step["title"]
            for step in json.loads(data.group(1))["path"]}


def test_the_home_page_path_data_is_the_nav(built_site: Path) -> None:
    """Continue's map of the path: every lesson and quiz page in nav order with the nav's
    title, and each lesson's self-check names the lesson in its data."""
    steps = _path_steps(built_site)
    assert list(steps) == [p for p in nav_order() if p.startswith(("lessons/", "quizzes/"))]
    assert all(steps.values())
    for lesson, quiz in lesson_quizzes().items():
        assert quiz.lesson == lesson.removesuffix("/") + ".md"
        html = (built_site / f"quizzes/{quiz.name}/index.html").read_text("utf-8")
        assert f'"lesson":"{quiz.lesson}"' in html


POSITION_JS = """() => {
  const bar = document.querySelector('.ipt-position');
  const r = bar.getBoundingClientRect();
  return {shown: !bar.hidden && r.height > 0, text: bar.innerText.replace(/\\s+/g, ' ').trim(),
          top: r.top, bottom: r.bottom, height: r.height, innerHeight};
}"""


def test_the_position_bar_on_a_long_self_check(phone, site_url: str) -> None:
    path, quiz = max(_self_checks(), key=lambda item: len(item[1].questions))
    total = len(quiz.questions)
    page = new_tab(phone)
    page.goto(f"{site_url}/{path}")
    assert not page.evaluate(POSITION_JS)["shown"], "not above the first question"
    answer_all(page, quiz, right=lambda n: n != 3, only=lambda n: n < 8)
    bar = page.locator(".ipt-position")
    # Answering question 8 brought its feedback into view, so the bar is up already (saying
    # "Question 8"); it follows a scroll at the next frame (once a frame at most): wait for it
    # to name the question now in view, not merely to be shown.
    qp.box(page, 8).evaluate("q => q.scrollIntoView({block: 'start', behavior: 'instant'})")
    expect(bar.locator(".ipt-position__where")).to_have_text(f"Question 9 of {total} · 7 right")
    shown = page.evaluate(POSITION_JS)
    assert shown["text"] == f"Question 9 of {total} · 7 right Your results ↓", shown
    header = page.locator(".md-header").bounding_box()
    assert shown["top"] >= header["y"] + header["height"], "clear of the header"
    assert shown["bottom"] == shown["innerHeight"] and shown["height"] >= 44

    # Something focused is never left under the bar: Submit of the question in view.
    question = qp.box(page, 8)
    page.evaluate("""() => { const b = document.querySelector('#quiz-8 button[type=submit]');
                             window.scrollBy(0, b.getBoundingClientRect().bottom - innerHeight
                                               + 10); }""")
    question.locator('input[name="answer"]').last.focus()
    page.keyboard.press("Tab")
    submit = page.evaluate("""() => { const r = document.activeElement.getBoundingClientRect();
                                      return [document.activeElement.type, r.bottom]; }""")
    assert submit[0] == "submit" and submit[1] <= page.evaluate(POSITION_JS)["top"] + 1, submit

    # One tab stop, just before the results; it leads there and steps aside.
    links = page.locator(".md-content a.ipt-position")
    assert links.count() == 1 and (links.get_attribute("tabindex") or "0") == "0"
    assert page.evaluate("""() => document.querySelector('.ipt-position').nextElementSibling
                              .id""") == "ipt-results"
    bar.click()
    page.wait_for_url(re.compile(r"#your-results$"))
    expect(bar).to_be_hidden()

    # Not printed.
    page.emulate_media(media="print")
    assert bar.evaluate("b => getComputedStyle(b).display") == "none"
    page.emulate_media(media="screen")
    assert page.js_errors == []


def test_no_bar_on_a_desktop_and_no_right_of_nothing(browser, site_url: str) -> None:
    """On a desktop the progress box beside the questions says where the student is (no bar);
    its "Right" line waits for the first answer."""
    context = open_context(browser, base=site_url, viewport=DESKTOP)
    try:
        page = new_tab(context)
        path, quiz = _self_checks()[0]
        page.goto(f"{site_url}/{path}")
        sidebar = page.locator("#quiz-progress-sidebar")
        expect(sidebar).to_contain_text("Answered: 0 of")
        assert "Right:" not in sidebar.inner_text()
        answer_all(page, quiz, right=True, only=lambda n: n == 0)
        expect(sidebar).to_contain_text("Right: 1 of the 1 answered")
        qp.box(page, 5).scroll_into_view_if_needed()
        assert not page.locator(".ipt-position").is_visible()
    finally:
        context.close()


def test_the_returning_students_card_and_my_progress(phone, site_url: str) -> None:
    page = new_tab(phone)
    page.goto(f"{site_url}/")
    card = page.locator("#ipt-home-card")
    assert card.is_hidden(), "nothing to sum up for a new student"
    text = squash(page.locator("article").inner_text())
    assert text.count("only in this browser") == 1, "the privacy note, once"

    checks = _self_checks()
    path, quiz = checks[0]
    page.goto(f"{site_url}/{path}")
    answer_all(page, quiz, right=lambda n: n != 0)
    exam_path, exam_quiz = exam()
    page.goto(f"{site_url}/{exam_path}")
    page.locator(f'.ipt-written[data-question="{exam_quiz.questions[1].id}"] textarea').fill(
        "A treatment contract fixes the number of sessions.")

    page.goto(f"{site_url}/")
    expect(card).to_be_visible()
    button = page.locator("#ipt-continue").bounding_box()
    tiles = card.locator("a")
    assert [squash(tiles.nth(i).inner_text()) for i in range(tiles.count())] == [
        f"1 of {len(checks)} self-checks done",
        f"1 of {len(exam_quiz.questions)} exam answers written",
        "1 section to reread"]
    boxes = [tiles.nth(i).bounding_box() for i in range(3)]
    assert all(b["height"] >= 44 and b["width"] >= 44 for b in boxes)
    assert boxes[0]["y"] > button["y"] + button["height"] and \
        boxes[0]["y"] + boxes[0]["height"] <= PHONE["height"], "under Continue, on screen one"
    tiles.nth(2).click()
    page.wait_for_url(re.compile("#what-to-reread$"))
    assert page.locator("#what-to-reread").evaluate(
        "h => h.getBoundingClientRect().top >= 0 && h.getBoundingClientRect().top < 200")

    # Exam items by topic; what is not started is folded under one line.
    def written(n: int):
        qid = exam_quiz.questions[n].id
        return page.locator(f'.ipt-progress-data a[data-ipt-written="{qid}"]')

    for n, question in enumerate(exam_quiz.questions):
        label = squash(written(n).text_content())
        assert label == question_topic(question), label
    folded = page.locator("details.ipt-not-started")
    assert squash(folded.nth(0).locator("summary").inner_text()) == (
        f"Not started yet: {len(checks) - 1} self-checks")
    assert squash(folded.nth(1).locator("summary").inner_text()) == (
        f"Not started yet: {len(exam_quiz.questions) - 1} exam questions")
    assert written(1).is_visible() and not written(0).is_visible()
    summary = folded.nth(1).locator("summary")
    assert summary.bounding_box()["height"] >= 44
    summary.click()
    assert written(0).is_visible()

    # "Clear everything": a new student again, card, button and ticks alike.
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear everything this module saved in this browser").click()
    expect(card).to_be_hidden()
    assert page.locator("#ipt-continue").inner_text() == "Start lesson 1"
    assert page.locator(".md-nav--primary .ipt-nav-done").count() == 0
    assert page.js_errors == []


def test_a_tick_beside_each_finished_self_check_in_the_drawer(phone, site_url: str) -> None:
    checks = _self_checks()
    path, quiz = checks[0]
    page = new_tab(phone)
    page.goto(f"{site_url}/{path}")
    answer_all(page, quiz, right=True)
    other_path, other = checks[1]
    page.goto(f"{site_url}/{other_path}")
    answer_all(page, other, right=True, only=lambda n: n < 2)  # started, not finished
    lesson = next(p for p in nav_order() if p.startswith("lessons/"))
    page.goto(f"{site_url}/{lesson}")
    page.locator("label.md-header__button[for='__drawer']").click()
    drawer = page.locator(".md-nav--primary")
    finished = drawer.get_by_role("link", name=re.compile(r"\(finished\)$"))
    expect(finished).to_have_count(1)
    assert finished.get_attribute("href").rstrip("/").endswith(path.rstrip("/"))
    expect(finished.locator(".ipt-nav-done [aria-hidden]")).to_have_text("✓")
    assert finished.locator(".ipt-nav-done").is_visible()


def test_the_new_parts_pass_axe(browser, site_url: str) -> None:
    """On a phone, in both palettes: a self-check after a retry (✗ → ✓ on retry), with the
    confirmation open and the position bar shown; the home page with the card, the folded
    lists and a section fixed on retake."""
    context = open_context(browser, base=site_url, axe=True, viewport=PHONE, is_mobile=True,
                           has_touch=True, color_scheme="light")
    try:
        page = new_tab(context)
        path, quiz = max(_self_checks(), key=lambda item: len(item[1].questions))
        page.goto(f"{site_url}/{path}")
        answer_all(page, quiz, right=lambda n: n % 4 != 1)
        qp.panel_button(page, "retry-missed").click()
        answer_all(page, quiz, right=True, only=lambda n: n % 4 == 1 and n < 8)
        qp.panel_button(page, "try-again").click()
        assert "fixed" in qp.results(page)["rows"]
        qp.box(page, 3).evaluate("q => q.scrollIntoView({block: 'start', behavior: 'instant'})")
        expect(page.locator(".ipt-position")).to_be_visible()
        found = axe_in_both_palettes(page, [".md-content"])
        page.goto(f"{site_url}/")
        expect(page.locator("#ipt-home-card")).to_be_visible()
        home = axe_in_both_palettes(page, [".md-content"])
        assert (found, home) == ({"default": [], "slate": []}, {"default": [], "slate": []})
        assert page.js_errors == []
    finally:
        context.close()
    assert context.traffic.foreign == []
