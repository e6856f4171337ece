"""Every quiz page, answered in a real browser: right answers ("Right."), each wrong option's
feedback (after "Not quite.", under the whole option; for a multiple-answer question what was
right and what was missed first), fill-in tolerance, saved progress across a reload, starting
again, and the "Your results" panel."""

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


def _answer_each(page, quiz, plans: list[dict], *, clicks: bool = True) -> list[dict]:
    """Carry out the plans (quizpage.plan) in order, and return each question and the results
    panel as read (quizpage.read) right after it was answered. With clicks, the first question
    of each kind on the page is answered with real clicks and typing; the others (all, without
    clicks) through the page's own controls in one round trip per run of them (the act of
    answering is tested there and in test_keyboard.py and test_quiz_loop.py; what the page then
    shows is checked for all)."""
    first_of_kind: dict[str, int] = {}
    for n, question in enumerate(quiz.questions):
        first_of_kind.setdefault(question.kind, n)
    by_hand = set(first_of_kind.values()) if clicks else set()
    got: list[dict] = []
    pending: list[dict] = []
    for plan in plans:
        if plan["n"] in by_hand:
            if pending:
                got.extend(page.evaluate(qp.ANSWER_AND_READ_JS, pending))
                pending = []
            qp.act(page, plan)
            got.append(qp.read(page, plan["n"]))
        else:
            pending.append(plan)
    if pending:
        got.extend(page.evaluate(qp.ANSWER_AND_READ_JS, pending))
    return got


def test_right_answers_are_marked_correct(page, site_url: str, quiz_path: str) -> None:
    """Each question answered right (blanks typed in odd case with spaces) is marked correct,
    locked, and ticked in the results panel; at the end the score is 100%."""
    quiz = _open(page, site_url, quiz_path)
    plans = [qp.plan(n, question, right=True) for n, question in enumerate(quiz.questions)]
    for n, (question, got) in enumerate(zip(quiz.questions, _answer_each(page, quiz, plans),
                                            strict=True)):
        shown = got["question"]
        assert shown["marks"] == ["correct"], question.id
        assert squash(shown["feedback"]).startswith("Right."), (question.id, shown["feedback"])
        assert plain(question.explanation) in squash(shown["explanation"]), question.id
        if question.kind == FILL_IN:
            assert shown["blanks"] and len(shown["blanks"]) == len(question.blank_keys)
            for blank in shown["blanks"]:
                assert "correct" in blank["classes"] and blank["disabled"], question.id
        else:
            for i in qp.correct_indices(question):
                assert "correct" in shown["rows"][str(i)], (question.id, i)
            assert len(shown["disabled"]) == len(question.options) and all(shown["disabled"])
        assert not shown["submitShown"], question.id
        panel = got["results"]
        assert (panel["answered"], panel["correct"]) == (str(n + 1), str(n + 1))
    shown = qp.results(page)
    assert shown["complete"] and shown["score"] == "100%"
    assert shown["total"] == str(len(quiz.questions))
    assert shown["tryAgain"] and not shown["retryMissed"]
    assert page.js_errors == []


def _check_partial_note(question, i: int, said: str) -> None:
    """What a multiple-answer question says first when option i (wrong) is chosen alone: none
    of the right ones chosen, each named (in the order on screen), and option i not right."""
    right = [plain(question.options[c].text) for c in qp.correct_indices(question)]
    start = f"Not quite. 0 of {len(right)} right; you missed: "
    end = f"; “{plain(question.options[i].text)}” is not right."
    assert said.startswith(start) and said.endswith(end), (question.id, said)
    named = said[len(start):-len(end)].replace("” and “", "”, “")
    assert sorted(named[1:-1].split("”, “")) == sorted(right), (question.id, said)


def _check_wrong_option(question, i: int, shown: dict) -> None:
    """Option i chosen alone: "Not quite." first (for a multiple-answer question, with what
    was right and what was missed), the option's feedback under its whole text, the option's
    row marked wrong, the explanation shown."""
    items = shown["items"]
    assert items, (question.id, i)
    if question.kind == MULTIPLE:
        _check_partial_note(question, i, squash(items[0]["text"]))
        items = items[1:]
    else:
        assert squash(items[0]["text"]).startswith("Not quite. "), (question.id, items[0])
    feedback = question.options[i].feedback
    first = squash(items[0]["content"] or "")
    assert first == (plain(feedback) if feedback else "Not quite."), (question.id, i)
    if feedback:
        assert squash(items[0]["badge"] or "") == plain(question.options[i].text)
    assert len(items) == 1, (question.id, items)
    assert "wrong" in shown["rows"][str(i)], (question.id, i)
    assert shown["explained"], question.id
    assert plain(question.explanation) in squash(shown["explanation"]), question.id


def _check_wrong_blanks(question, shown: dict) -> None:
    """Wrong words in every blank: marked incorrect, each typed word and expected answer said."""
    assert shown["marks"] == ["incorrect"], question.id
    feedback = squash(shown["feedback"])
    assert feedback.count(qp.WRONG_TEXT) == len(question.blank_keys), feedback
    for expected in question.blank_keys:
        assert f"the answer is “{expected}”" in feedback, (question.id, feedback)
    assert "try again" not in feedback.lower()


def test_each_wrong_option_shows_its_feedback(page, site_url: str, quiz_path: str) -> None:
    """Every wrong option, chosen alone (one attempt per wrong option), shows that option's YAML
    feedback under its whole text, says which correct options were missed, and shows the
    explanation; a wrong blank shows what was typed and the expected answer."""
    quiz = _open(page, site_url, quiz_path)
    rounds = max(len(qp.wrong_indices(q)) for q in quiz.questions)
    for k in range(rounds):
        plans = []
        for n, question in enumerate(quiz.questions):
            wrong = qp.wrong_indices(question)
            if question.kind == FILL_IN:
                plans.append(qp.plan(n, question, right=k > 0))
            elif k < len(wrong):
                plans.append(qp.plan(n, question, right=False, wrong_option=wrong[k]))
            else:
                plans.append(qp.plan(n, question, right=True))
        # Real clicks in the first round only: the page's feedback is what is checked here.
        answered = _answer_each(page, quiz, plans, clicks=k == 0)
        for question, got in zip(quiz.questions, answered, strict=True):
            wrong = qp.wrong_indices(question)
            if question.kind == FILL_IN and k == 0:
                _check_wrong_blanks(question, got["question"])
            elif question.kind != FILL_IN and k < len(wrong):
                _check_wrong_option(question, wrong[k], got["question"])
        shown = qp.results(page)
        assert shown["complete"] and shown["tryAgain"], shown
        wrong_now = sum(1 for q in quiz.questions
                        if (k == 0 if q.kind == FILL_IN else k < len(qp.wrong_indices(q))))
        assert shown["rows"].count("wrong") == wrong_now
        if k + 1 < rounds:
            qp.try_again(page)
    assert page.js_errors == []


def test_reload_keeps_answers_and_try_again_clears_them(page, site_url: str,
                                                       quiz_path: str) -> None:
    """Answers survive a reload (saved under quiz_progress_ + path, each option by its fixed
    value); "Try the quiz again" clears every one, on screen and in storage."""
    quiz = _open(page, site_url, quiz_path)
    right = [n % 2 == 0 for n in range(len(quiz.questions))]  # a mix of right and wrong
    _answer_each(page, quiz, [qp.plan(n, question, right=right[n])
                              for n, question in enumerate(quiz.questions)])
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

    qp.try_again(page)
    cleared = qp.state(page)
    for q in cleared:
        assert q["checked"] == [] and q["marks"] == [] and not q["explained"], q["id"]
        assert all(value == "" for value in q["blanks"]), q["id"]
    assert qp.results(page)["answered"] == "0"
    assert json.loads(page.evaluate("k => localStorage.getItem(k)", key)) == {}
    page.reload()
    assert qp.state(page) == cleared
    assert page.js_errors == []
