"""axe-core (WCAG 2.0 and 2.1, levels A and AA, and the best-practice rules heading-order and
aria-dialog-name) finds nothing on any page, in the light and the dark palette, and on quiz
pages also after right and wrong answers (feedback colours included). Also: reduced motion is
respected."""

from __future__ import annotations

import pytest

from tests.browser import quizpage as qp
from tests.browser.conftest import (
    DESKTOP,
    answer_all,
    axe_in_both_palettes,
    open_context,
    page_kind,
    palette,
    quizzes_by_path,
)

pytestmark = pytest.mark.browser


def test_no_axe_violations(browser, site_url: str, page_path: str) -> None:
    """Every page, in both palettes, in one visit: light as the system gives it, then dark as
    the header's toggle gives it (the same colours as a phone set to dark: the site's CSS keys
    them on the palette Material sets, never on the system setting itself); quiz pages also
    with a mix of right and wrong answers, and all right, in each palette.

    With reduced motion (which the site honours: transitions take 0.01 ms), so colours are
    measured as they end, never half-way through a transition (a Submit button measured
    mid-fade once gave a false contrast failure)."""
    context = open_context(browser, base=site_url, axe=True, viewport=DESKTOP,
                           color_scheme="light", reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{page_path}")
        assert palette(page) == "default"
        found = {"unanswered": axe_in_both_palettes(page)}
        if page_kind(page_path) == "quiz":
            quiz = quizzes_by_path()[page_path]
            # Answering changes only the article and the progress boxes: check just those
            # (the whole page again would double this test's time for nothing new).
            changed = [".md-content", "#quiz-progress-sidebar", "#quiz-progress-mobile"]
            answer_all(page, quiz, right=lambda n: n % 2 == 0)
            found["right and wrong answers"] = axe_in_both_palettes(page, changed)
            answer_all(page, quiz, right=True, only=lambda n: n % 2 == 1)
            # Only what changed again: the questions answered afresh and the score boxes.
            again = [f"#quiz-{n}" for n in range(1, len(quiz.questions), 2)]
            found["all right"] = axe_in_both_palettes(
                page, [*again, *changed[1:], "#ipt-results"])
        assert all(set(schemes) == {"default", "slate"} for schemes in found.values())
        problems = [f"{state}, {scheme}: {line}" for state, schemes in found.items()
                    for scheme, lines in schemes.items() for line in lines]
        assert not problems, "axe-core found:\n" + "\n".join(problems)
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def test_reduced_motion_is_respected(browser, site_url: str) -> None:
    """With prefers-reduced-motion, no transitions run, and finishing a quiz does not glide
    anywhere: the last question's feedback stays in view (the results are a link away)."""
    quiz_path = sorted(quizzes_by_path())[0]
    quiz = quizzes_by_path()[quiz_path]
    context = open_context(browser, base=site_url, viewport=DESKTOP, reduced_motion="reduce")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{quiz_path}")
        durations = page.evaluate("""() => [...document.querySelectorAll(
            '.quiz form button, .md-typeset a, .md-header, .quiz-progress-bar-correct')]
            .map(e => getComputedStyle(e).transitionDuration.split(',')
            .map(s => parseFloat(s)).reduce((a, b) => Math.max(a, b), 0))""")
        assert durations and max(durations) <= 0.001
        last = len(quiz.questions) - 1
        answer_all(page, quiz, right=True, only=lambda n: n < last)
        page.evaluate("window.scrollTo(0, 0)")
        question = quiz.questions[last]
        if question.kind == "fill in":
            qp.fill(page, last, question.blank_keys)
        else:
            qp.choose(page, last, qp.correct_indices(question))
        # Scrolling is never smooth, and nothing moves: submit from script and read the scroll
        # position in the same task (an instant jump has ended by then), then after two
        # frames have been drawn (a smooth scroll or an animation would be under way).
        assert page.evaluate("getComputedStyle(document.documentElement).scrollBehavior") \
            == "auto"
        first = page.evaluate("""n => {
            document.querySelector('#quiz-' + n + ' button[type=submit]').click();
            return window.scrollY;
        }""", last)
        settled = page.evaluate("""n => new Promise(done => requestAnimationFrame(() =>
            requestAnimationFrame(() => {
                const r = document.querySelector('#quiz-' + n + ' .quiz-feedback')
                    .getBoundingClientRect();
                done({y: window.scrollY, inView: r.top < window.innerHeight && r.bottom > 0,
                      running: document.getAnimations()
                          .filter(a => a.playState === 'running').length});
            })))""", last)
        assert settled == {"y": first, "inView": True, "running": 0}
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
