"""Exam practice as a student uses it on a 360 px phone: write a long answer, reload, find it
kept; compare with the marking points, tick (part of a multi-mark point too), see the self-mark
beside the answer's length and what to reread; see it on My progress; clear everything. A peek
at the marking points before writing is not a mark. Also: keyboard only, axe after marking and
at "time is up", no JavaScript, print, the timer, and the printable whole unit."""

from __future__ import annotations

import posixpath
import re

import pytest
from playwright.sync_api import expect

from quizkit.written import MIN_WORDS, question_topic
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_in_both_palettes,
    axe_violations,
    open_context,
    quizzes_by_path,
    record_focus,
    time_left,
)
from tests.browser.conftest import focused as focus_now
from tests.browser.test_offline import offline_index, offline_zip  # noqa: F401 (fixtures)

pytestmark = pytest.mark.browser

ANSWER = ("IPT has three characteristic features. " * 40).strip()  # 200 words



def seconds_left(shown: str) -> int:
    """The seconds a timer shows: "12:29 left" -> 749."""
    minutes, seconds = shown.removesuffix(" left").split(":")
    return int(minutes) * 60 + int(seconds)


def exam():
    """(site path, Quiz) of the exam-practice page."""
    written = [(path, quiz) for path, quiz in quizzes_by_path().items() if quiz.written]
    assert written, "no exam-practice page (a quiz of written questions) in quizzes/"
    return written[0]


def longest(quiz):
    """(index, question) of the question with the most marks."""
    return max(enumerate(quiz.questions), key=lambda item: (item[1].marks, -item[0]))


def site_href(from_path: str, review: str) -> str:
    """Where a review target ("lessons/x.md#a") lands, as a site path "lessons/x/#a"."""
    path, _, anchor = review.partition("#")
    return f"{path[:-3]}/#{anchor}" if anchor else f"{path[:-3]}/"


def box(page, question):
    return page.locator(f'.ipt-written[data-question="{question.id}"]')


def give(answer, index: int, marks: int) -> None:
    """Give marking point `index` `marks` with its own control, as a student does: the
    checkbox of a 1-mark point, or the button with that number for a point worth more."""
    item = answer.locator(".ipt-points li").nth(index)
    if item.locator('input[type="radio"]').count():
        item.locator("label.ipt-credit-choice").nth(marks).click()
    else:
        item.locator('input[type="checkbox"]').set_checked(marks > 0)


def status(page, question) -> str:
    """The question's line on My progress (home page), after its name and marks (its text
    even when folded away under "Not started yet")."""
    return page.locator(f'a[data-ipt-written="{question.id}"]').locator("..").locator(
        ".ipt-status").text_content()


@pytest.fixture
def phone(browser, site_url: str):
    context = open_context(browser, base=site_url, viewport=PHONE, color_scheme="light",
                           is_mobile=True, has_touch=True)
    yield context
    context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


# Runs as the page finishes parsing (after the deferred scripts, exam.js among them): which
# answer blocks are set up by then, in page order.
SET_UP_AT_ONCE = """() => document.addEventListener('DOMContentLoaded', () => {
  window.setUpAtOnce = [...document.querySelectorAll('.ipt-written')]
    .filter((box) => box.querySelector('textarea')).map((box) => box.dataset.question);
})"""


def test_a_link_to_a_question_opens_at_its_answer_box_ready(phone, site_url: str) -> None:
    """"Continue where you left off" links to a question's heading: its answer box is set up
    with the first one as the page loads (the others follow, one per task, so the phone does
    not stall), the heading is at the top of the screen, and typing there is kept."""
    path, quiz = exam()
    question = quiz.questions[-3]
    page = phone.new_page()
    page.add_init_script(script=f"({SET_UP_AT_ONCE})()")
    page.goto(f"{site_url}/{path}#{question.id}")
    assert page.evaluate("window.setUpAtOnce") == [quiz.questions[0].id, question.id]
    # A moment later (the browser tests' goto waits for it) every block is set up, in the room
    # kept for it: the linked heading is still at the top (a page too short to scroll it there
    # when it loaded would leave it half-way down).
    assert page.locator(".ipt-written textarea").count() == len(quiz.questions)
    heading = page.locator(f"#{question.id}").bounding_box()
    header = page.locator(".md-header").bounding_box()
    assert header["height"] - 1 <= heading["y"] <= header["height"] + 80, heading
    box(page, question).locator("textarea").fill(ANSWER)
    page.reload()
    assert box(page, question).locator("textarea").input_value() == ANSWER


def test_write_reload_compare_progress_clear_on_a_phone(phone, site_url: str) -> None:
    path, quiz = exam()
    _, question = longest(quiz)
    page = phone.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    area = answer.locator("textarea")
    area.fill(ANSWER)
    assert answer.locator(".ipt-count").inner_text() == (
        f"200 words (suggested: about {question.marks * 30})")
    assert not answer.locator(".ipt-outline").is_visible(), "the outline comes after comparing"

    page.reload()
    answer = box(page, question)
    assert answer.locator("textarea").input_value() == ANSWER, "the answer was not kept"

    answer.locator(".ipt-points summary").click()
    assert answer.locator(".ipt-points li").count() == len(question.marking_points)
    ticked = list(range(len(question.marking_points) - 1))  # all but the last point
    for i in ticked:
        give(answer, i, question.marking_points[i].marks)
    got = sum(question.marking_points[i].marks for i in ticked)
    assert answer.locator(".ipt-mark").inner_text() == (
        f"Your mark: {got} of {question.marks} marks.")
    words = question.marks * 30
    expected_length = ("an examiner would expect more development" if words * 2 / 3 > 200
                       else "about the length an examiner expects")
    assert answer.locator(".ipt-length").inner_text() == (
        f"200 of about {words} words: {expected_length}.")
    missed = question.marking_points[-1]
    reread = answer.locator(".ipt-reread a")
    visible = [reread.nth(i).get_attribute("href") for i in range(reread.count())
               if reread.nth(i).is_visible()]
    expected = posixpath.relpath(site_href(path, missed.review).split("#")[0], path)
    assert visible == [f"{expected}/#{missed.review.partition('#')[2]}"], \
        "only the missed point's link to reread is shown"
    assert answer.locator(".ipt-outline").is_visible()
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]

    page.reload()  # ticks and self-mark are kept too
    assert box(page, question).locator(".ipt-mark").inner_text().startswith(f"Your mark: {got} ")

    page.goto(f"{site_url}/")
    entry = page.locator(f'a[data-ipt-written="{question.id}"]').locator("..")
    assert entry.locator(".ipt-status").inner_text() == (
        f": self-marked {got} of {question.marks} marks")
    assert entry.inner_text().startswith(question_topic(question)), "named by its topic"
    reread_list = page.locator(".ipt-progress ol a")
    hrefs = [reread_list.nth(i).get_attribute("href") for i in range(reread_list.count())]
    assert site_href("", missed.review) in hrefs
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Clear everything this module saved in this browser").click()
    assert entry.locator(".ipt-status").text_content() == ": not attempted"  # folded away
    assert reread_list.count() == 0
    assert page.evaluate("Object.keys(localStorage).filter(k => k.startsWith('ipt:'))") == []
    page.goto(f"{site_url}/{path}")
    assert box(page, question).locator("textarea").input_value() == ""
    assert errors == []


def test_credit_as_extra_makes_up_for_missed_points_but_never_passes_the_marks(
        page, site_url: str) -> None:
    """A question with extra credit: the student gives their material beyond the notes 0 to N
    marks; it makes up for a missed point, the mark never exceeds the question's, and the
    choice is kept. Its control is a labelled 44 px tap target."""
    path, quiz = exam()
    question = max((q for q in quiz.questions if q.extra_credit),
                   key=lambda q: (q.extra_credit.marks, q.marks))
    most = question.extra_credit.marks
    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    answer.locator(".ipt-points summary").click()
    assert answer.locator(".ipt-extra").inner_text().startswith(
        f"Credit as extra: up to {most} marks for relevant material beyond the notes")
    answer.locator("textarea").fill(ANSWER)
    points = [p.marks for p in question.marking_points]
    missed = min(range(len(points)), key=lambda i: (points[i], i))  # the cheapest point
    for i in range(len(points)):
        if i != missed:
            give(answer, i, points[i])
    got = question.marks - points[missed]
    mark = answer.locator(".ipt-mark")
    expect(mark).to_have_text(f"Your mark: {got} of {question.marks} marks.")
    choice = answer.get_by_label("Extra material in your answer earns:")
    assert choice.evaluate("el => el.getBoundingClientRect().height") >= 44
    choice.select_option(str(most))
    credited = min(most, points[missed])
    capped = "" if credited == most else f", as the mark never exceeds {question.marks}"
    expect(mark).to_have_text(f"Your mark: {got + credited} of {question.marks} marks ({got} "
                              f"for the marking points + {credited} extra{capped}).")
    give(answer, missed, points[missed])  # every point: the extra adds nothing above the marks
    expect(mark).to_have_text(f"Your mark: {question.marks} of {question.marks} marks "
                              f"({question.marks} for the marking points + 0 extra, as the "
                              f"mark never exceeds {question.marks}).")
    page.reload()
    answer = box(page, question)
    assert answer.get_by_label("Extra material in your answer earns:").input_value() == str(most)
    expect(answer.locator(".ipt-mark")).to_have_text(re.compile(
        rf"^Your mark: {question.marks} of {question.marks} marks "))
    # My progress adds it up the same way: the missed point made up by the extra.
    give(answer, missed, 0)
    expect(answer.locator(".ipt-mark")).to_have_text(re.compile(
        rf"^Your mark: {got + credited} of {question.marks} marks "))
    page.goto(f"{site_url}/")
    assert status(page, question) == f": self-marked {got + credited} of {question.marks} marks"
    assert page.js_errors == []


def test_a_peek_at_the_marking_points_is_not_a_mark(page, site_url: str) -> None:
    """S1: opening the marking points on an empty answer shows them and says why they cannot be
    ticked; My progress says "marking points viewed" and What to reread stays empty. At
    MIN_WORDS words, or with "I wrote this answer on paper", the answer is marked; clearing the
    answer undoes all of it."""
    path, quiz = exam()
    question = quiz.questions[1]
    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    answer.locator(".ipt-points summary").click()
    wait = answer.locator(".ipt-wait")
    expect(wait).to_be_visible()
    assert f"write at least {MIN_WORDS} words in the box (it has 0 words)" in wait.inner_text()
    controls = answer.locator(".ipt-points li input")
    assert controls.count() >= len(question.marking_points)
    assert all(controls.nth(i).is_disabled() for i in range(controls.count()))
    assert answer.locator(".ipt-mark").inner_text() == ""
    assert not answer.locator(".ipt-outline").is_visible()
    assert answer.locator(".ipt-reread a:visible").count() == len(question.marking_points), \
        "every point's section is shown to read"
    page.goto(f"{site_url}/")
    assert status(page, question) == ": marking points viewed"
    assert page.locator(".ipt-progress ol a").count() == 0, "a peek is not a missed point"

    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    area = answer.locator("textarea")
    area.fill(" ".join(["word"] * (MIN_WORDS - 1)))
    answer.locator(".ipt-points summary").click()
    assert answer.locator(".ipt-points li input").first.is_disabled(), "one word short"
    area.press("End")
    area.type(" twenty")
    expect(wait).to_be_hidden()
    give(answer, 0, question.marking_points[0].marks)
    expect(answer.locator(".ipt-mark")).to_have_text(
        f"Your mark: {question.marking_points[0].marks} of {question.marks} marks.")
    expect(answer.locator(".ipt-outline")).to_be_visible()

    # Cleared: nothing of it is left, not even the peek.
    page.once("dialog", lambda dialog: dialog.accept())
    answer.get_by_role("button", name="Clear this answer").click()
    expect(answer.locator(".ipt-points")).not_to_have_attribute("open", "")
    page.goto(f"{site_url}/")
    assert status(page, question) == ": not attempted"

    # Written on paper: the box stays empty, the points can be ticked.
    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    answer.get_by_label("I wrote this answer on paper").check()
    answer.locator(".ipt-points summary").click()
    give(answer, 0, question.marking_points[0].marks)
    expect(answer.locator(".ipt-mark")).to_have_text(
        f"Your mark: {question.marking_points[0].marks} of {question.marks} marks.")
    assert answer.locator(".ipt-length").inner_text() == (
        f"Written on paper: the suggested length is about {question.marks * 30} words.")
    page.goto(f"{site_url}/")
    assert status(page, question) == (
        f": self-marked {question.marking_points[0].marks} of {question.marks} marks")
    assert page.js_errors == []


def test_part_of_a_multi_mark_point(page, site_url: str) -> None:
    """S14: a point worth N marks earns 0..N with a row of buttons (a radio group, each at
    least 44 px); the choice is kept, counted in the mark and on My progress, and a point not
    given all its marks still links to its section to reread."""
    path, quiz = exam()
    question = max(quiz.questions, key=lambda q: max(p.marks for p in q.marking_points))
    index, point = max(enumerate(question.marking_points), key=lambda item: item[1].marks)
    assert point.marks >= 2, "the bank has a point worth more than 1 mark"
    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    answer.locator("textarea").fill(ANSWER)
    answer.locator(".ipt-points summary").click()
    item = answer.locator(".ipt-points li").nth(index)
    group = item.get_by_role("group")
    assert group.locator("legend").inner_text().startswith(point.text[:30])
    choices = item.locator("label.ipt-credit-choice")
    assert choices.count() == point.marks + 1
    for i in range(choices.count()):
        size = choices.nth(i).bounding_box()
        assert size["width"] >= 44 and size["height"] >= 44, size
    assert item.get_by_role("radio", name=f"1 of {point.marks} marks").count() == 1
    give(answer, index, 1)
    expect(answer.locator(".ipt-mark")).to_have_text(f"Your mark: 1 of {question.marks} marks.")
    expect(item.locator(".ipt-reread")).to_be_visible()
    give(answer, index, point.marks)
    expect(answer.locator(".ipt-mark")).to_have_text(
        f"Your mark: {point.marks} of {question.marks} marks.")
    expect(item.locator(".ipt-reread")).to_be_hidden()
    give(answer, index, point.marks - 1)
    page.reload()
    answer = box(page, question)
    expect(answer.locator(".ipt-mark")).to_have_text(
        f"Your mark: {point.marks - 1} of {question.marks} marks.")
    assert answer.locator(".ipt-points li").nth(index).get_by_role(
        "radio", name=f"{point.marks - 1} of {point.marks} marks").is_checked()
    page.goto(f"{site_url}/")
    assert status(page, question) == f": self-marked {point.marks - 1} of {question.marks} marks"
    assert site_href("", point.review) in [
        a.get_attribute("href") for a in page.locator(".ipt-progress ol a").all()]
    assert page.js_errors == []


def test_a_question_beyond_the_syllabus_says_so_first(page, site_url: str) -> None:
    path, quiz = exam()
    beyond = [q for q in quiz.questions if q.beyond_syllabus]
    assert beyond, "the bank labels a question beyond the syllabus (content review 2, E'11)"
    page.goto(f"{site_url}/{path}")
    for question in quiz.questions:
        label = box(page, question).locator(".ipt-beyond")
        if question in beyond:
            expect(label).to_be_visible()
            assert label.inner_text().startswith("Beyond the syllabus (optional).")
        else:
            assert label.count() == 0


def test_clear_one_answer_asks_first(context, site_url: str) -> None:
    path, quiz = exam()
    _, question = longest(quiz)
    page = context.new_page()
    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    answer.locator("textarea").fill(ANSWER)
    page.once("dialog", lambda dialog: dialog.dismiss())
    answer.get_by_role("button", name="Clear this answer").click()
    assert answer.locator("textarea").input_value() == ANSWER, "cancelled: nothing cleared"
    page.once("dialog", lambda dialog: dialog.accept())
    answer.get_by_role("button", name="Clear this answer").click()
    page.reload()
    assert box(page, question).locator("textarea").input_value() == ""
    assert question.id not in page.evaluate(
        "() => JSON.parse(localStorage.getItem('ipt:progress')).exam")


def test_axe_clean_after_marking(browser, site_url: str) -> None:
    """Exam practice with every answer written, compared and self-marked, one timer running
    and one out of time, then the home page with that progress: axe-core finds nothing in the
    light palette, nor in the dark one (the header's toggle, same visit)."""
    path, quiz = exam()
    context = open_context(browser, base=site_url, viewport=DESKTOP, color_scheme="light",
                           axe=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{path}")
        # Every answer written, compared, one point ticked and the outline open, set up in one
        # round trip through the page's own controls (typing and clicking them is
        # test_write_reload_compare_progress_clear_on_a_phone's and test_keyboard_only's job).
        page.clock.install()
        opened = page.evaluate("""answer => [...document.querySelectorAll('.ipt-written')]
          .map(box => {
            const area = box.querySelector('textarea');
            area.value = answer;
            area.dispatchEvent(new Event('input', {bubbles: true}));
            box.querySelector('.ipt-points summary').click();
            const inputs = box.querySelectorAll('.ipt-points li:first-child input');
            inputs[inputs.length - 1].click();  // the first point, all its marks
            box.querySelector('.ipt-outline summary').click();
            return box.dataset.question;
          })""", ANSWER)
        assert opened == [question.id for question in quiz.questions]
        for question in quiz.questions:  # each self-marked, its outline shown
            expect(box(page, question).locator(".ipt-mark")).to_have_text(
                f"Your mark: {question.marking_points[0].marks} of {question.marks} marks.")
            expect(box(page, question).locator(".ipt-outline")).to_be_visible()
        # One timer running, one whose time is up (the block in its "time is up" colours).
        box(page, longest(quiz)[1]).get_by_role("button", name=re.compile("^Start a ")).click()
        box(page, quiz.questions[0]).get_by_role("button", name=re.compile("^Start a ")).click()
        page.clock.run_for(quiz.questions[0].marks * 150 * 1000 + 2000)
        expect(page.locator(".ipt-written.ipt-time-up")).to_have_count(1)
        assert axe_in_both_palettes(page, [".md-content"]) == {"default": [], "slate": []}
        page.goto(f"{site_url}/")
        assert axe_in_both_palettes(page, [".md-content"]) == {"slate": [], "default": []}
    finally:
        context.close()


def test_keyboard_only(page, site_url: str) -> None:
    """Tab to the first question's timer and answer box, type, then reach "I wrote this answer
    on paper", the comparison, a point and the clear button with the keyboard alone, each with
    a visible focus ring; a multi-mark point's marks change with the arrow keys."""
    path, quiz = exam()
    question = quiz.questions[0]
    record_focus(page.context)
    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    area = answer.locator("textarea")

    def focused() -> dict:
        # "ring": a non-transparent outline of at least 2 px (the conftest's focus recorder)
        where = focus_now(page)
        return {"tag": where["tag"].upper(), "text": where["text"], "type": where["type"],
                "ring": where["visible"]}

    for _ in range(80):
        page.keyboard.press("Tab")
        if focused()["text"].startswith("Start a "):
            break
    else:
        pytest.fail("the first timer cannot be reached with Tab")
    assert focused()["ring"]
    page.keyboard.press("Tab")
    assert area.evaluate("el => el === document.activeElement")
    page.keyboard.type("Interpersonal focus, time limit and transference not addressed: the "
                       "three characteristics of IPT, a brief treatment with a contract and "
                       "two aims.")
    assert answer.locator(".ipt-count").inner_text().startswith("22 words")
    page.keyboard.press("Tab")
    assert focused()["type"] == "checkbox" and focused()["ring"]  # I wrote this on paper
    page.keyboard.press("Tab")
    assert focused()["tag"] == "SUMMARY" and focused()["ring"]
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    first = question.marking_points[0].marks
    assert focused()["type"] == ("checkbox" if first == 1 else "radio") and focused()["ring"]
    if first == 1:
        page.keyboard.press("Space")
    else:
        page.keyboard.press("End")  # the last button of the group: all its marks
    # The mark is written once the tick's change event has run: wait for it (a busy machine
    # can read it a moment too early), up to the context's timeout.
    expect(answer.locator(".ipt-mark")).to_have_text(
        f"Your mark: {first} of {question.marks} marks.")
    for _ in range(6 * len(question.marking_points) + 4):
        page.keyboard.press("Tab")
        if focused()["text"] == "Clear this answer":
            break
    else:
        pytest.fail("the clear button cannot be reached with Tab")
    assert focused()["ring"]
    # A point worth more than 1 mark: arrows move along its 0..N buttons.
    long_path, long_quiz = path, quiz
    multi = next(q for q in long_quiz.questions if any(p.marks > 1 for p in q.marking_points))
    index = next(i for i, p in enumerate(multi.marking_points) if p.marks > 1)
    page.goto(f"{site_url}/{long_path}")
    other = box(page, multi)
    other.locator("textarea").fill(ANSWER)
    other.locator(".ipt-points summary").click()
    other.locator(".ipt-points li").nth(index).locator('input[type="radio"]').first.focus()
    page.keyboard.press("ArrowRight")
    assert focused()["type"] == "radio" and focused()["ring"]
    expect(other.locator(".ipt-mark")).to_have_text(f"Your mark: 1 of {multi.marks} marks.")
    assert page.js_errors == []


def test_timer_runs_at_the_examination_pace_and_time_up_leads_to_marking(
        page, site_url: str) -> None:
    """The button says the time once ("Start a 12:30 timer"); running, it counts down and can
    be paused and resumed across a reload. At zero the block changes colour, a screen reader
    hears "Time is up", and "Compare with the marking points" replaces Resume: it opens the
    points and takes the focus there. (Playwright's clock: no waiting.)"""
    path, quiz = exam()
    question = quiz.questions[0]
    limit = question.marks * 150
    page.clock.install()
    page.goto(f"{site_url}/{path}")
    answer = box(page, question)
    minutes, seconds = divmod(limit, 60)
    start = answer.get_by_role("button", name=f"Start a {minutes}:{seconds:02d} timer")
    assert answer.locator('[role="timer"]').inner_text() == "", "the time is said once"
    start.click()
    page.clock.run_for(61_000)
    left = limit - 61
    expect(answer.locator('[role="timer"]')).to_have_text(time_left(left))
    answer.get_by_role("button", name="Pause the timer").click()
    left = seconds_left(answer.locator('[role="timer"]').inner_text())  # as paused
    page.reload()
    answer = box(page, question)
    background = answer.evaluate("el => getComputedStyle(el).backgroundColor")
    answer.get_by_role("button", name="Resume the timer").click()
    expect(answer.locator('[role="timer"]')).to_have_text(time_left(left))
    page.clock.run_for((left + 1) * 1000)
    expect(answer.locator('[role="timer"]')).to_have_text("Time is up.")
    assert "ipt-time-up" in answer.get_attribute("class")
    assert answer.evaluate("el => getComputedStyle(el).backgroundColor") != background
    page.clock.run_for(1000)
    assert page.locator(".ipt-announce[role=alert]").inner_text() == (
        "Time is up for question 1. Compare your answer with the marking points.")
    assert answer.get_by_role("button", name=re.compile("Resume|Pause|Start")).count() == 0
    answer.get_by_role("button", name="Compare with the marking points").click()
    assert answer.locator(".ipt-points").evaluate("d => d.open")
    assert answer.locator(".ipt-points summary").evaluate("el => el === document.activeElement")
    expect(answer.get_by_role("button", name="Compare with the marking points")).to_be_hidden()
    assert page.js_errors == []


def test_readable_without_javascript(browser, site_url: str) -> None:
    path, quiz = exam()
    context = open_context(browser, base=site_url, viewport=PHONE, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{path}")
        for question in quiz.questions:
            answer = box(page, question)
            answer.locator(".ipt-points summary").click()
            assert answer.locator(".ipt-points li").count() == len(question.marking_points)
            assert answer.locator(".ipt-points li").first.is_visible()
            answer.locator(".ipt-outline summary").click()
            assert answer.locator(".ipt-outline").inner_text().strip() != \
                "Outline of a good answer"
    finally:
        context.close()


def test_print_shows_the_answer_not_the_buttons(page, site_url: str) -> None:
    path, quiz = exam()
    question = quiz.questions[0]
    page.goto(f"{site_url}/{path}")
    box(page, question).locator("textarea").fill("My printed answer.")
    page.emulate_media(media="print")
    answer = box(page, question)
    assert answer.locator(".ipt-printed").inner_text() == "My printed answer."
    assert not answer.locator("textarea").is_visible()
    assert page.locator(".ipt-written button:visible").count() == 0


def test_the_whole_unit_on_one_printable_page(browser, site_url: str) -> None:
    """Linked from the home page; every lesson in nav order; not in the search index."""
    import json

    from quizkit.siteconfig import nav_pages, read_site_config
    from tests.helpers import ROOT

    context = open_context(browser, base=site_url, viewport=DESKTOP, axe=True)
    page = context.new_page()
    page.goto(f"{site_url}/")
    page.get_by_role("link", name="the whole unit on one page").click()
    # The click only starts the navigation: read the sections once the new page has loaded
    # (counting them at once raced the load on a busy machine and found none).
    page.wait_for_url("**/print_page/")
    page.wait_for_load_state("load")
    page.locator("#revision-sheet").wait_for(state="attached")
    assert page.url.endswith("/print_page/")
    lessons = [p for p in nav_pages(read_site_config(ROOT / "mkdocs.yml")["nav"])
               if p.startswith("lessons/")]
    sections = page.locator("section.print-page[id]")
    ids = [sections.nth(i).get_attribute("id") for i in range(sections.count())]
    assert [i for i in ids if i.startswith("lessons-")] == [p[:-3].replace("/", "-")
                                                             for p in lessons]
    assert not [i for i in ids if i.startswith(("quizzes-", "faculty-", "index"))]
    assert ids[-1] == "revision-sheet", "the lessons, then the revision sheet"
    sheet = page.locator("#revision-sheet")
    titles = sheet.locator("h2")
    assert titles.count() == len(lessons)
    for i, lesson in enumerate(lessons):
        section = page.locator(f"#{lesson[:-3].replace('/', '-')}")
        assert titles.nth(i).inner_text() == section.locator("h1").first.inner_text().rstrip("¶")
        key_points = section.locator("h2[id$='-key-points'] + ul").inner_text()
        assert key_points and sheet.locator(f"h2:nth-of-type({i + 1}) + ul").inner_text() == \
            key_points
    index = json.loads(page.request.get(f"{site_url}/search/search_index.json").text())
    assert not [d for d in index["docs"] if d["location"].startswith("print_page")]
    assert axe_violations(page, [".md-content"]) == []
    context.close()
    assert context.traffic.foreign == []


def test_offline_zip_exam_progress_and_print_page(browser, offline_index) -> None:  # noqa: F811
    """From file://: an answer is kept and shows on My progress; the print page is in the zip."""
    path, quiz = exam()
    question = quiz.questions[0]
    context = open_context(browser, base=None, viewport=PHONE)
    try:
        page = context.new_page()
        page.goto(offline_index.as_uri())
        page.locator(".md-content").get_by_role("link", name="exam practice", exact=True).click()
        assert page.url.endswith(f"{path.rstrip('/')}.html")
        box(page, question).locator("textarea").fill(ANSWER)
        page.reload()
        assert box(page, question).locator("textarea").input_value() == ANSWER
        page.goto(offline_index.as_uri())
        status = page.locator(f'a[data-ipt-written="{question.id}"]').locator("..")
        assert status.locator(".ipt-status").inner_text() == ": answer written, not yet compared"
        page.get_by_role("link", name="the whole unit on one page").click()
        assert page.url.endswith("/print_page.html")
        page.locator("section.print-page[id^=lessons-]").first.wait_for()
        assert all(url.startswith(("file://", "data:", "blob:"))
                   for url in context.traffic.requests)
    finally:
        context.close()
