"""Every quiz page, answered in a real browser: right answers, each wrong option's feedback,
fill-in tolerance, saved progress across a reload, Reset, and the results panel."""

from __future__ import annotations

import json

import pytest

from quizkit.model import FILL_IN
from tests.browser import quizpage as qp
from tests.browser.conftest import plain, quizzes_by_path, squash

pytestmark = pytest.mark.browser


def _open(page, site_url: str, quiz_path: str):
    page.goto(f"{site_url}/{quiz_path}")
    quiz = quizzes_by_path()[quiz_path]
    assert page.locator(".quiz").count() == len(quiz.questions), "one <quiz> per YAML question"
    return quiz


def test_right_answers_are_marked_correct(page, site_url: str, quiz_path: str) -> None:
    """Each question answered right (blanks typed in odd case with spaces) is marked correct."""
    quiz = _open(page, site_url, quiz_path)
    for n, question in enumerate(quiz.questions):
        qp.answer(page, n, question, right=True)
        assert qp.marks(page, n) and set(qp.marks(page, n)) == {"correct"}, question.id
        explanation = squash(qp.box(page, n).locator("section.content").inner_text())
        assert plain(question.explanation) in explanation, question.id
        if question.kind == FILL_IN:
            blanks = qp.box(page, n).locator(".quiz-blank-input")
            for i in range(blanks.count()):
                assert "correct" in (blanks.nth(i).get_attribute("class") or "").split()
        else:
            for i in qp.correct_indices(question):
                row = qp.options(page, n).nth(i).locator("xpath=..")
                assert "correct" in (row.get_attribute("class") or "").split(), question.id
        shown = qp.results(page)
        assert (shown["answered"], shown["correct"]) == (str(n + 1), str(n + 1))
    shown = qp.results(page)
    assert shown["complete"] and shown["score"] == "100%"
    assert shown["total"] == str(len(quiz.questions))
    assert page.js_errors == []


def test_each_wrong_option_shows_its_feedback(page, site_url: str, quiz_path: str) -> None:
    """Every wrong option, chosen alone, shows that option's YAML feedback and the explanation;
    a wrong blank shows the expected answer."""
    quiz = _open(page, site_url, quiz_path)
    for n, question in enumerate(quiz.questions):
        if question.kind == FILL_IN:
            qp.answer(page, n, question, right=False)
            assert qp.marks(page, n) == ["incorrect"], question.id
            shown = squash(qp.box(page, n).locator(".quiz-feedback").inner_text())
            for expected in question.blank_keys:
                assert expected in shown, (question.id, shown)
        for i in qp.wrong_indices(question):
            qp.try_again_if_answered(page, n)
            qp.choose(page, n, [i])
            qp.submit(page, n)
            assert qp.marks(page, n) == ["incorrect"], (question.id, i)
            content = qp.box(page, n).locator(".quiz-feedback-item-content")
            feedback = question.options[i].feedback
            expected = plain(feedback) if feedback else "Incorrect answer. Please try again."
            assert squash(content.inner_text()) == expected, (question.id, i)
            row = qp.options(page, n).nth(i).locator("xpath=..")
            assert "wrong" in (row.get_attribute("class") or "").split()
        explanation = qp.box(page, n).locator("section.content")
        assert explanation.is_visible()
        assert plain(question.explanation) in squash(explanation.inner_text()), question.id
    shown = qp.results(page)
    assert (shown["answered"], shown["correct"]) == (str(len(quiz.questions)), "0")
    assert shown["complete"] and shown["score"] == "0%"
    assert page.js_errors == []


def test_reload_keeps_answers_and_reset_clears_them(page, site_url: str, quiz_path: str) -> None:
    """Answers survive a reload (saved under quiz_progress_ + path); Reset clears every one, on
    screen and in storage; the results panel counts right answers throughout."""
    quiz = _open(page, site_url, quiz_path)
    right = [n % 2 == 0 for n in range(len(quiz.questions))]  # a mix of right and wrong
    for n, question in enumerate(quiz.questions):
        qp.answer(page, n, question, right=right[n])
    before = qp.state(page)
    assert all(q["marks"] for q in before)
    expected_counts = (str(len(quiz.questions)), str(sum(right)))
    assert (qp.results(page)["answered"], qp.results(page)["correct"]) == expected_counts

    key = f"quiz_progress_/{quiz_path}"
    saved = json.loads(page.evaluate("k => localStorage.getItem(k)", key))
    assert {k: v["correct"] for k, v in saved.items()} == {
        f"quiz-{n}": r for n, r in enumerate(right)}

    page.reload()
    assert qp.state(page) == before
    assert (qp.results(page)["answered"], qp.results(page)["correct"]) == expected_counts

    page.once("dialog", lambda dialog: dialog.accept())  # "Are you sure…?"
    page.locator(".quiz-intro-reset").click()
    cleared = qp.state(page)
    for q in cleared:
        assert q["checked"] == [] and q["marks"] == [] and not q["explained"], q["id"]
        assert all(value == "" for value in q["blanks"]), q["id"]
    assert qp.results(page)["answered"] == "0" and qp.results(page)["correct"] == "0"
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", key)) == {}
    page.reload()
    assert qp.state(page) == cleared
    assert page.js_errors == []
