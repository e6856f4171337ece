"""Every quiz page, answered in a real browser: right answers, each wrong option's feedback (the
whole option named, missed correct options said), fill-in tolerance, saved progress across a
reload, starting again, and the "Your results" panel."""

from __future__ import annotations

import json

import pytest

from quizkit.model import FILL_IN, MULTIPLE
from tests.browser import quizpage as qp
from tests.browser.conftest import plain, quizzes_by_path, squash

pytestmark = pytest.mark.browser


def _open(page, site_url: str, quiz_path: str):
    page.goto(f"{site_url}/{quiz_path}")
    quiz = quizzes_by_path()[quiz_path]
    assert page.locator(".quiz").count() == len(quiz.questions), "one <quiz> per YAML question"
    return quiz


def test_right_answers_are_marked_correct(page, site_url: str, quiz_path: str) -> None:
    """Each question answered right (blanks typed in odd case with spaces) is marked correct,
    locked, and ticked in the results panel; at the end the score is 100%."""
    quiz = _open(page, site_url, quiz_path)
    for n, question in enumerate(quiz.questions):
        qp.answer(page, n, question, right=True)
        assert qp.marks(page, n) == ["correct"], question.id
        explanation = squash(qp.box(page, n).locator("section.content").inner_text())
        assert plain(question.explanation) in explanation, question.id
        if question.kind == FILL_IN:
            blanks = qp.box(page, n).locator(".quiz-blank-input")
            for i in range(blanks.count()):
                assert "correct" in (blanks.nth(i).get_attribute("class") or "").split()
                assert blanks.nth(i).is_disabled()
        else:
            for i in qp.correct_indices(question):
                assert "correct" in (qp.row(page, n, i).get_attribute("class") or "").split()
            assert all(qp.options(page, n).nth(i).is_disabled()
                       for i in range(len(question.options)))
        assert not qp.box(page, n).locator('button[type="submit"]').is_visible()
        shown = qp.results(page)
        assert (shown["answered"], shown["correct"]) == (str(n + 1), str(n + 1))
    shown = qp.results(page)
    assert shown["complete"] and shown["score"] == "100%"
    assert shown["total"] == str(len(quiz.questions))
    assert shown["tryAgain"] and not shown["retryMissed"]
    assert page.js_errors == []


def _missed_note(question, i: int) -> str:
    return f"You did not choose “{plain(question.options[i].text)}”, which is also correct."


def test_each_wrong_option_shows_its_feedback(page, site_url: str, quiz_path: str) -> None:
    """Every wrong option, chosen alone (one attempt per wrong option), shows that option's YAML
    feedback under its whole text, says which correct options were missed, and shows the
    explanation; a wrong blank shows what was typed and the expected answer."""
    quiz = _open(page, site_url, quiz_path)
    rounds = max(len(qp.wrong_indices(q)) for q in quiz.questions)
    for k in range(rounds):
        for n, question in enumerate(quiz.questions):
            wrong = qp.wrong_indices(question)
            if question.kind == FILL_IN:
                qp.answer(page, n, question, right=k > 0)
                if k == 0:
                    assert qp.marks(page, n) == ["incorrect"], question.id
                    shown = squash(qp.box(page, n).locator(".quiz-feedback").inner_text())
                    assert shown.count(qp.WRONG_TEXT) == len(question.blank_keys), shown
                    for expected in question.blank_keys:
                        assert f"the answer is “{expected}”" in shown, (question.id, shown)
                    assert "try again" not in shown.lower()
                continue
            if k >= len(wrong):
                qp.answer(page, n, question, right=True)
                continue
            i = wrong[k]
            qp.reopen(page, n)
            qp.choose(page, n, [i])
            qp.submit(page, n)
            items = qp.box(page, n).locator(".quiz-feedback-item")
            feedback = question.options[i].feedback
            first = squash(items.nth(0).locator(".quiz-feedback-item-content").inner_text())
            assert first == (plain(feedback) if feedback else "Incorrect answer."), (question.id, i)
            badge = items.nth(0).locator(".quiz-feedback-badge")
            if feedback:
                assert squash(badge.inner_text()) == plain(question.options[i].text)
            notes = [squash(items.nth(j).inner_text()) for j in range(1, items.count())]
            expected_notes = ([_missed_note(question, c) for c in qp.correct_indices(question)]
                              if question.kind == MULTIPLE else [])
            assert sorted(notes) == sorted(expected_notes), question.id
            assert "wrong" in (qp.row(page, n, i).get_attribute("class") or "").split()
            explanation = qp.box(page, n).locator("section.content")
            assert explanation.is_visible()
            assert plain(question.explanation) in squash(explanation.inner_text()), question.id
        shown = qp.results(page)
        assert shown["complete"] and shown["tryAgain"], shown
        wrong_now = sum(1 for q in quiz.questions
                        if (k == 0 if q.kind == FILL_IN else k < len(qp.wrong_indices(q))))
        assert shown["rows"].count("wrong") == wrong_now
        if k + 1 < rounds:
            qp.panel_button(page, "try-again").click()
    assert page.js_errors == []


def test_reload_keeps_answers_and_try_again_clears_them(page, site_url: str,
                                                       quiz_path: str) -> None:
    """Answers survive a reload (saved under quiz_progress_ + path, each option by its fixed
    value); "Try the quiz again" clears every one, on screen and in storage."""
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

    qp.panel_button(page, "try-again").click()
    cleared = qp.state(page)
    for q in cleared:
        assert q["checked"] == [] and q["marks"] == [] and not q["explained"], q["id"]
        assert all(value == "" for value in q["blanks"]), q["id"]
    assert qp.results(page)["answered"] == "0"
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", key)) == {}
    page.reload()
    assert qp.state(page) == cleared
    assert page.js_errors == []
