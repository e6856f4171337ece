"""Keyboard only: Tab from the top of each page through everything; every focused thing shows a
visible focus indicator; on quiz pages every question is reached, answered (arrows for radio
buttons, Space for checkboxes, typing for blanks) and submitted with Enter."""

from __future__ import annotations

import pytest

from quizkit.model import FILL_IN, MULTIPLE, SINGLE
from tests.browser import quizpage as qp
from tests.browser.conftest import focused, page_kind, quizzes_by_path, record_focus, tab_walk

pytestmark = pytest.mark.browser

MAX_TABS = 400  # a safety stop; a page has far fewer tab stops

def test_tab_through_every_page_with_visible_focus(page, site_url: str,
                                                   not_quiz_path: str) -> None:
    """Every tab stop on every page has a visible focus indicator: a non-transparent outline
    of at least 2 px. (Self-check pages: test_every_question_answered_by_keyboard tabs
    through each of them from the top to the end and checks every stop the same way.)"""
    record_focus(page.context)
    page.goto(f"{site_url}/{not_quiz_path}")
    stops = tab_walk(page, limit=MAX_TABS)
    assert len(stops) > 5
    assert [stop for stop in stops if not stop["visible"]] == []


def _answer_by_keyboard(page, n: int, question, where: dict) -> dict:
    """Answer question n from its first focused control; return the focus after Submit.
    Options are in this visit's shuffled order: the first on screen gets focus first."""
    order = qp.on_screen_order(page, n) if question.options else []
    if question.kind == SINGLE:
        assert where["type"] == "radio" and where["id"] == f"quiz-{n}-{order[0]}", where
        # Arrow keys move through (and select) the radio buttons; Space confirms the choice.
        for _ in range(order.index(qp.correct_indices(question)[0])):
            page.keyboard.press("ArrowDown")
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
    elif question.kind == MULTIPLE:
        for i in order:
            assert focused(page)["id"] == f"quiz-{n}-{i}", focused(page)
            if question.options[i].correct:
                page.keyboard.press("Space")
            page.keyboard.press("Tab")
    else:
        assert question.kind == FILL_IN
        for i, blank in enumerate(question.blank_keys):
            assert focused(page)["id"] == f"quiz-{n}-blank-{i}", focused(page)
            page.keyboard.type(blank)
            page.keyboard.press("Tab")
    button = focused(page)
    assert button["tag"] == "button" and button["quiz"] == f"quiz-{n}", button
    assert button["visible"], button
    page.keyboard.press("Enter")
    return focused(page)


def test_every_question_answered_by_keyboard(page, site_url: str, quiz_path: str) -> None:
    """From the top of the page, Tab reaches each question in order; each is answered right
    and submitted with the keyboard alone, and the focus shows at every step."""
    quiz = quizzes_by_path()[quiz_path]
    assert page_kind(quiz_path) == "quiz"
    record_focus(page.context)
    page.goto(f"{site_url}/{quiz_path}")
    page.locator("body").focus()
    answered: list[int] = []
    invisible, passed_links = [], []
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        where = focused(page)
        if where is None:
            break
        if not where["visible"]:
            invisible.append(where)
        if "quiz-header-link" in where["cls"]:
            passed_links.append(where)
        quiz_id = where["quiz"]
        is_control = where["tag"] == "input"
        if quiz_id and is_control and int(quiz_id.split("-")[1]) not in answered:
            n = int(quiz_id.split("-")[1])
            assert n == len(answered), f"question {n} reached before question {len(answered)}"
            after = _answer_by_keyboard(page, n, quiz.questions[n], where)
            # mkdocs-quiz moves focus to the feedback so a screen reader announces it.
            assert after is not None and after["visible"], after
            assert qp.marks(page, n) == ["correct"] * len(qp.marks(page, n)) != [], n
            answered.append(n)
    assert answered == list(range(len(quiz.questions)))
    assert invisible == []
    # The only stops in a question are its controls and Submit: the hover-only "#" link to
    # the question (mkdocs-quiz's) is not one more Tab before every question.
    assert passed_links == []
    assert qp.results(page)["correct"] == str(len(quiz.questions))


def test_quizzes_have_every_question_kind() -> None:
    """The keyboard test above covers radio buttons, checkboxes and blanks only if the quizzes
    have all three kinds."""
    kinds = {q.kind for quiz in quizzes_by_path().values() if not quiz.written
             for q in quiz.questions}
    assert kinds == {SINGLE, MULTIPLE, FILL_IN}
