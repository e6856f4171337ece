"""My progress on the home page reads the student's record. This test breaks if mkdocs-quiz
changes its saved format (quiz.js reads each answer back from it after Submit): it answers on a
quiz page, asserts mkdocs-quiz's exact shape and the record's (by identity), then that My
progress shows it (answered, right, and the section to reread first)."""

from __future__ import annotations

import json

import pytest

from tests.browser import quizpage as qp
from tests.browser.conftest import quizzes_by_path
from tests.browser.test_exam import site_href

pytestmark = pytest.mark.browser


def first_self_check():
    """(site path, Quiz) of the first self-check (not exam practice) whose first two questions
    are choice questions (so the saved selectedValues are the options' values)."""
    for path, quiz in sorted(quizzes_by_path().items()):
        if not quiz.written and all(q.options for q in quiz.questions[:2]):
            return path, quiz
    pytest.fail("no self-check with two choice questions first")


def test_saved_formats_and_my_progress(page, site_url: str) -> None:
    path, quiz = first_self_check()
    right, wrong = quiz.questions[0], quiz.questions[1]
    page.goto(f"{site_url}/{path}")
    qp.answer(page, 0, right, right=True)
    qp.answer(page, 1, wrong, right=False)
    saved = page.evaluate(f"localStorage.getItem('quiz_progress_/{path}')")
    assert saved is not None, "mkdocs-quiz no longer saves under quiz_progress_<page path>"
    data = json.loads(saved)
    chosen = qp.options(page, 0).evaluate_all(
        "els => els.filter(e => e.checked).map(e => e.value)")
    assert chosen, "the chosen option is no longer shown as chosen"
    assert data["quiz-0"] == {"answered": True, "correct": True, "selectedValues": chosen}
    assert set(data) == {"quiz-0", "quiz-1"}
    assert data["quiz-1"]["answered"] is True and data["quiz-1"]["correct"] is False
    assert isinstance(data["quiz-1"]["selectedValues"], list)

    # The record (docs/assets/javascripts/README.md): each answer by the question's identity,
    # the chosen option by its own id (never its place), the attempt under way by identity.
    record = qp.saved(page)
    assert (record["format"], record["version"]) == ("ipt-progress", 2)
    identity = {q["id"]: q for q in json.loads(page.locator("#ipt-quiz-data").text_content())[
        "quizzes"][0]["questions"]}
    for question, ok, values in ((right, True, chosen),
                                 (wrong, False, data["quiz-1"]["selectedValues"])):
        entry = record["questions"][question.id]
        assert entry["fp"] == identity[question.id]["fp"]
        assert entry["answer"] == {"options": [identity[question.id]["options"][int(v)]
                                               for v in values]}
        assert entry["correct"] is ok and entry["at"]
    attempts = qp.attempts(page, quiz.page_path)
    assert attempts["current"] == {
        right.id: {"ok": True, "fp": identity[right.id]["fp"]},
        wrong.id: {"ok": False, "fp": identity[wrong.id]["fp"]}}
    assert attempts["latest"] is None and attempts["best"] is None
    assert record["lastPage"]["page"] == quiz.page_path

    page.goto(f"{site_url}/")
    link = page.locator(f'.ipt-progress-data a[href="{path}"]')
    assert link.locator("xpath=..").locator(".ipt-status").inner_text() == (
        f": 2 of {len(quiz.questions)} answered, 1 right the first time")
    first = page.locator(".ipt-progress ol a").first
    assert first.get_attribute("href") == site_href("", wrong.review)
    others = page.locator(".ipt-progress-data a[data-ipt-page]")
    assert [others.nth(i).locator("xpath=..").locator(".ipt-status").text_content()
            for i in range(others.count())].count(": not started") == others.count() - 1
    # Those not started are folded away, under one line that counts them.
    folded = page.locator(".ipt-progress-data details.ipt-not-started").first
    assert folded.locator("summary").inner_text() == (
        f"Not started yet: {others.count() - 1} self-checks")
    assert folded.locator("a[data-ipt-page]").count() == others.count() - 1
    assert not folded.evaluate("d => d.open")
    assert page.js_errors == []


def test_most_missed_section_first(page, site_url: str) -> None:
    """Two wrong answers reviewed in one section put it above a section with one."""
    path, quiz = first_self_check()
    by_review: dict[str, list[int]] = {}
    for i, question in enumerate(quiz.questions):
        if question.options:
            by_review.setdefault(question.review, []).append(i)
    twice = next((r for r, ids in by_review.items() if len(ids) >= 2), None)
    once = next((r for r, ids in by_review.items() if r != twice), None)
    if twice is None or once is None:
        pytest.skip(f"{path}: no section behind two questions and another behind one")
    page.goto(f"{site_url}/{path}")
    for i in [by_review[once][0], *by_review[twice][:2]]:  # the single one answered first
        qp.answer(page, i, quiz.questions[i], right=False)
    page.goto(f"{site_url}/")
    links = page.locator(".ipt-progress ol a")
    assert [links.nth(i).get_attribute("href") for i in range(2)] == [
        site_href("", twice), site_href("", once)]
