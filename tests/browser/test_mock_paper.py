"""The mock paper as a student sits it, with Playwright's clock (time moves, nobody waits):
on a 360 px phone, the Patna-format paper from `papers:` typed in the boxes, one clock for the
whole paper, time up (colour, announcement, writing stops) leading to marking, the paper's mark
counting the first answers of each group, then My progress; "any five" written on paper,
paused across a reload, finished early and sat again; axe and tap targets at every stage;
keyboard only."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from quizkit.model import paper_page_path
from quizkit.written import MIN_WORDS, question_topic
from tests.browser.conftest import (
    DESKTOP,
    PHONE,
    axe_in_both_palettes,
    open_context,
    record_focus,
    time_left,
)
from tests.browser.conftest import focused as focus_now
from tests.browser.test_exam import ANSWER, exam, give, site_href

pytestmark = pytest.mark.browser


def mock_path() -> str:
    """The mock-paper page of the exam-practice quiz, as a site path."""
    _, quiz = exam()
    return paper_page_path(quiz.name)[:-3] + "/"


def sitting(page):
    return page.locator(".ipt-sitting")


def block(page, question):
    return sitting(page).locator(f'.ipt-written[data-question="{question.id}"]')


def saved_sitting(page, key: str) -> dict:
    return page.evaluate(f"() => JSON.parse(localStorage.getItem('ipt:progress')).papers['{key}']")


@pytest.fixture
def phone(browser, site_url: str):
    context = open_context(browser, base=site_url, viewport=PHONE, color_scheme="light",
                           is_mobile=True, has_touch=True)
    yield context
    context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def _hours(minutes: int) -> int:
    """The paper's time in whole hours, as the page prints it ("Time: 2 hours.")."""
    assert minutes % 60 == 0, "the ready paper's time is a whole number of hours"
    return minutes // 60


def test_sit_the_paper_time_up_and_mark_it_on_a_phone(phone, site_url: str) -> None:
    _, quiz = exam()
    paper = quiz.papers[0]
    group_a, group_b = paper.sections
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()
    page.goto(f"{site_url}/{mock_path()}")
    # The paper is face down until the clock starts: its title, time and rule, no question.
    card = page.locator(".ipt-mock-choice").first
    assert card.locator("h2").inner_text() == paper.title
    hours = _hours(paper.minutes)
    assert f"Time: {hours} hours. Full marks: {paper.full_marks}." in card.inner_text()
    assert paper.general_instruction in card.inner_text()
    assert page.locator(".ipt-written:visible").count() == 0
    card.get_by_role("button", name="Sit this paper").click()
    clock = sitting(page).locator(".ipt-clock [role=timer]")
    expect(clock).to_have_text(time_left(hours * 3600, hours=True))
    assert sitting(page).locator(".ipt-paper h2").first.evaluate(
        "el => el === document.activeElement")
    for heading in (group_a.heading, group_b.heading, group_a.instruction, group_b.instruction):
        assert heading in sitting(page).inner_text()
    # No per-question timer, no marking points while writing.
    assert sitting(page).get_by_role("button", name=re.compile("timer")).count() == 0
    assert sitting(page).locator(".ipt-points:visible").count() == 0

    # One answer more in Group A than it asks for, and one short note, typed.
    assert len(group_a.questions) > group_a.answer, "the ready paper's Group A offers a choice"
    answered = [*group_a.questions[:group_a.answer + 1], group_b.questions[0]]
    for question in answered:
        block(page, question).locator("textarea").fill(ANSWER)
    page.clock.run_for(20 * 60_000)
    expect(clock).to_have_text(time_left(hours * 3600 - 20 * 60, hours=True))
    page.reload()  # the clock kept running, the answers are kept
    expect(clock).to_have_text(time_left(hours * 3600 - 20 * 60, hours=True))
    assert block(page, answered[0]).locator("textarea").input_value() == ANSWER
    # The sticky clock stays in view while writing lower down the paper.
    block(page, answered[-1]).locator("textarea").scroll_into_view_if_needed()
    top = page.locator(".ipt-clock").bounding_box()
    assert 0 <= top["y"] < 100, top

    background = page.locator(".ipt-clock").evaluate("el => getComputedStyle(el).backgroundColor")
    page.clock.run_for((paper.minutes - 20) * 60_000)
    expect(clock).to_have_text("Time is up: stop writing.")
    assert page.locator(".ipt-clock").evaluate(
        "el => getComputedStyle(el).backgroundColor") != background
    expect(page.locator(".ipt-announce[role=alert]")).to_have_text(
        "Time is up. Stop writing, then compare each answer with its marking points.")
    assert block(page, answered[0]).locator("textarea").evaluate("el => el.readOnly")
    assert sitting(page).get_by_role("button", name=re.compile("Pause|Resume|Finish")).count() == 0
    page.get_by_role("button", name="Compare with the marking points").first.click()

    # Marking: the answered questions' points are open, the others' closed.
    summary = page.locator(".ipt-mock-summary")
    assert summary.evaluate("el => el === document.activeElement")
    expect(summary).to_contain_text(f"The time was up: you used all {hours} hours.")
    for question in paper.questions:
        opened = block(page, question).locator(".ipt-points").evaluate("d => d.open")
        assert opened == (question in answered), question.id
    given = {}
    for question in answered:
        # All the marks of the first point, and part of a point worth more where there is one.
        give(block(page, question), 0, question.marking_points[0].marks)
        given[question.id] = question.marking_points[0].marks
        multi = [i for i, p in enumerate(question.marking_points) if p.marks > 1 and i > 0]
        if multi:
            give(block(page, question), multi[0], 1)
            given[question.id] += 1
        expect(block(page, question).locator(".ipt-mark")).to_have_text(
            f"Your mark: {given[question.id]} of {question.marks} marks.")
    counted = sum(given[q.id] for q in answered[:group_a.answer]) + given[answered[-1].id]
    total = summary.locator(".ipt-mark")
    expect(total).to_have_text(
        f"Your mark: {counted} of {paper.full_marks} marks ({len(answered)} answers marked).")
    expect(summary).to_contain_text(f"{group_a.heading} asks for {group_a.answer} answers; you "
                                    f"marked {group_a.answer + 1}, so the first {group_a.answer} "
                                    "count.")
    expect(page.locator(".ipt-clock .ipt-clock-left:visible")).to_have_text(
        f"Marking: {counted} of {paper.full_marks} so far")
    record = saved_sitting(page, f"{quiz.name}/{paper.id}")
    assert record["mark"]["got"] == counted and record["mark"]["answered"] == len(answered)
    assert sorted(record["answers"]) == sorted(q.id for q in answered)
    # Back to the choice of papers, the result stays, and the marked answers can be seen again.
    page.get_by_role("button", name="Choose another paper").click()
    expect(card.locator(".ipt-mock-last")).to_have_text(re.compile(
        rf"^Last sat on .+: self-marked {counted} of {paper.full_marks} marks\.$"))
    card.get_by_role("button", name="See your answers and marks").click()
    expect(total).to_have_text(
        f"Your mark: {counted} of {paper.full_marks} marks ({len(answered)} answers marked).")
    assert block(page, answered[0]).locator("textarea").input_value() == ANSWER

    page.goto(f"{site_url}/")
    line = page.locator(f'a[data-ipt-paper="{quiz.name}/{paper.id}"]').locator("..")
    assert re.fullmatch(rf"Mock paper: {re.escape(paper.title)} \({paper.full_marks} marks, "
                        rf"{hours} hours\): sat on .+: self-marked {counted} of {paper.full_marks} "
                        rf"marks \({len(answered)} answers marked\)", line.inner_text()), \
        line.inner_text()
    reread = [a.get_attribute("href") for a in page.locator(".ipt-progress ol a").all()]
    missed = answered[0].marking_points[-1]
    assert site_href("", missed.review) in reread, "the paper's missed points are to reread"
    assert page.evaluate("document.scrollingElement.scrollWidth") <= PHONE["width"]
    assert errors == []


def test_any_five_on_paper_paused_finished_early_and_sat_again(phone, site_url: str) -> None:
    _, quiz = exam()
    key = f"{quiz.name}/any_questions"
    page = phone.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.clock.install()
    page.goto(f"{site_url}/{mock_path()}")
    page.get_by_label(re.compile("^On paper, as in the examination hall")).check()
    five = page.locator(".ipt-mock-choice").last
    five.get_by_role("button", name="Sit these 5").click()
    expect(page.locator(".ipt-mock-said")).to_have_text("Choose 5 questions first (0 chosen).")
    assert sitting(page).locator(".ipt-clock").count() == 0, "nothing started"
    five.get_by_role("button", name="Choose 5 for me").click()
    chosen = [q for q in quiz.questions if five.get_by_label(
        re.compile("^" + re.escape(question_topic(q)) + r" \(")).is_checked()]
    assert len(chosen) == 5
    assert sum(q.marks >= 10 for q in chosen) == 3 and not any(q.beyond_syllabus for q in chosen)
    marks = sum(q.marks for q in chosen)
    minutes = -(-marks * 150 // 60)
    expect(five.locator(".ipt-mock-chosen")).to_have_text(
        f"5 of 5 chosen: {marks} marks, {minutes // 60} hours {minutes % 60} minutes.")
    five.get_by_role("button", name="Sit these 5").click()
    # On paper: the questions and the clock, no answer box.
    assert sitting(page).locator("textarea:visible").count() == 0
    assert [block(page, q).count() for q in chosen] == [1] * 5
    headings = sitting(page).locator("h3").all_inner_texts()
    assert headings == [f"Question {n}{': short note' if q.marks < 10 else ''} ({q.marks} marks)"
                        for n, q in enumerate((q for q in quiz.questions if q in chosen), 1)]
    clock = sitting(page).locator(".ipt-clock [role=timer]")
    page.clock.run_for(10 * 60_000)
    page.get_by_role("button", name="Pause the clock").click()
    left = minutes * 60 - 600
    expect(clock).to_have_text(f"{left // 3600}:{left // 60 % 60:02d}:00 left (paused)")
    page.clock.run_for(30 * 60_000)
    page.reload()
    expect(clock).to_have_text(f"{left // 3600}:{left // 60 % 60:02d}:00 left (paused)")
    page.goto(f"{site_url}/")
    assert page.locator(f'a[data-ipt-paper="{key}"]').locator("..").locator(
        ".ipt-status").inner_text().endswith("left (clock paused)")
    page.goto(f"{site_url}/{mock_path()}")
    page.get_by_role("button", name="Resume the clock").click()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Finish and mark my answers").click()
    expect(page.locator(".ipt-mock-summary")).to_contain_text(
        f"You finished with {left // 3600}:{left // 60 % 60:02d}:00 to spare")

    # Wrote on paper? Tick it, then the points covered.
    first = chosen[0]
    answer = block(page, first)
    assert not answer.locator(".ipt-points").evaluate("d => d.open")
    answer.get_by_label("I wrote this answer on paper").check()
    expect(answer.locator(".ipt-points")).to_have_attribute("open", "")
    assert "Wrote on paper? Tick the points you covered." in answer.locator(
        ".ipt-points").inner_text()
    give(answer, 0, first.marking_points[0].marks)
    got = first.marking_points[0].marks
    expect(page.locator(".ipt-mock-summary .ipt-mark")).to_have_text(
        f"Your mark: {got} of {marks} marks (1 answer marked).")

    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Sit this paper again").click()
    expect(clock).to_have_text(re.compile(r" left$"))
    record = saved_sitting(page, key)
    assert record["questions"] == [q.id for q in quiz.questions if q in chosen]
    assert record["answers"] == {} and record["results"][-1]["got"] == got
    page.goto(f"{site_url}/")
    status = page.locator(f'a[data-ipt-paper="{key}"]').locator("..").locator(".ipt-status")
    assert re.fullmatch(rf": under way, \d+:\d\d:\d\d left; the time before, {got} of {marks}",
                        status.inner_text()), status.inner_text()
    assert errors == []


def _small_targets(page) -> list[str]:
    """Visible controls of the mock page under 44 px: buttons and selects by their box,
    checkboxes and radios by their label's."""
    return page.evaluate("""() => [...document.querySelectorAll('.ipt-mock button, ' +
        '.ipt-mock select, .ipt-mock input[type=checkbox], .ipt-mock input[type=radio]')]
      .filter(e => e.getClientRects().length && !e.closest('[hidden]'))
      .map(e => {
        const target = e.matches('input') ? (e.closest('label') || e.labels[0]) : e;
        const r = target.getBoundingClientRect();
        return [r.width, r.height, (target.textContent || e.id).trim().slice(0, 30)];
      })
      .filter(([w, h]) => h < 44 || w < 44)
      .map(([w, h, name]) => `${name}: ${Math.round(w)}x${Math.round(h)}`)""")


def test_axe_and_tap_targets_through_a_sitting(browser, site_url: str) -> None:
    """axe-core finds nothing, in both palettes (the header's toggle, at each stage), and every
    control is at least 44 px: choosing, writing, at time up (its colours) and marking
    (partial credit and extra credit controls shown)."""
    _, quiz = exam()
    paper = quiz.papers[0]
    context = open_context(browser, base=site_url, viewport=PHONE, color_scheme="light",
                           is_mobile=True, has_touch=True, axe=True)
    try:
        page = context.new_page()
        page.clock.install()
        page.goto(f"{site_url}/{mock_path()}")
        found = {"choosing": axe_in_both_palettes(page, [".md-content"])}
        small = {"choosing": _small_targets(page)}
        page.get_by_role("button", name="Sit this paper").click()
        for question in paper.sections[0].questions[:2]:
            block(page, question).locator("textarea").fill(ANSWER)
        found["writing"] = axe_in_both_palettes(page, [".md-content"])
        small["writing"] = _small_targets(page)
        page.clock.run_for(quiz.papers[0].minutes * 60_000)
        expect(page.locator(".ipt-clock.ipt-time-up")).to_be_visible()
        found["time up"] = axe_in_both_palettes(page, [".md-content"])
        page.get_by_role("button", name="Compare with the marking points").first.click()
        answer = block(page, paper.sections[0].questions[0])
        give(answer, 0, 1)
        found["marking"] = axe_in_both_palettes(page, [".md-content"])
        small["marking"] = _small_targets(page)
    finally:
        context.close()
    problems = [f"{stage}, {scheme}: {line}" for stage, schemes in found.items()
                for scheme, lines in schemes.items() for line in lines]
    assert not problems, "axe-core found:\n" + "\n".join(problems)
    assert {stage: s for stage, s in small.items() if s} == {}


def test_keyboard_only_sitting(browser, site_url: str) -> None:
    """Tab to the write-on-paper choice and "Sit this paper", start it with Enter; the focus
    lands on the paper; the clock's buttons and the first answer box are reached with Tab,
    each with a visible focus ring; at time up, Compare leads to marking."""
    _, quiz = exam()
    context = open_context(browser, base=site_url, viewport=DESKTOP)
    try:
        record_focus(context)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.clock.install()
        page.goto(f"{site_url}/{mock_path()}")

        def tab_to(test, limit: int = 120) -> dict:
            for _ in range(limit):
                page.keyboard.press("Tab")
                where = focus_now(page)
                if test(where):
                    assert where["visible"], where
                    return where
            pytest.fail("not reached with Tab")

        tab_to(lambda w: w["type"] == "radio")
        tab_to(lambda w: w["text"] == "Sit this paper")
        page.keyboard.press("Enter")
        assert focus_now(page)["tag"].upper() == "H2"
        page.keyboard.press("Shift+Tab")
        assert focus_now(page)["text"].startswith("Finish") and focus_now(page)["visible"]
        tab_to(lambda w: w["tag"].upper() == "TEXTAREA")
        words = " ".join(["answer"] * MIN_WORDS)
        page.keyboard.type(words)
        first = quiz.papers[0].questions[0]
        assert block(page, first).locator("textarea").input_value() == words
        page.clock.run_for(quiz.papers[0].minutes * 60_000)
        expect(page.get_by_role("button", name="Compare with the marking points")).to_be_visible()
        page.get_by_role("button", name="Compare with the marking points").focus()
        page.keyboard.press("Enter")
        assert page.locator(".ipt-mock-summary").evaluate("el => el === document.activeElement")
        tab_to(lambda w: w["id"].startswith(("ipt-point-", "ipt-credit-")) or w["type"] == "radio")
        if focus_now(page)["type"] == "checkbox":
            page.keyboard.press("Space")
        else:  # a 0..N radio group: each arrow press gives one mark more
            for _ in range(first.marking_points[0].marks):
                page.keyboard.press("ArrowRight")
        expect(block(page, first).locator(".ipt-mark")).to_have_text(re.compile(
            rf"^Your mark: {first.marking_points[0].marks} of {first.marks} marks"))
        assert errors == []
    finally:
        context.close()
