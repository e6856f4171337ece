"""axe-core (WCAG 2.0 and 2.1, levels A and AA) finds nothing on any page, in the light and the
dark palette, and on quiz pages also after right and wrong answers (feedback colours
included). Also: reduced motion is respected."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from tests.browser import quizpage as qp
from tests.browser.conftest import DESKTOP, open_context, page_kind, quizzes_by_path

pytestmark = pytest.mark.browser

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@cache
def axe_source() -> str:
    """axe-core's axe.min.js, as bundled by the pinned axe-playwright-python package."""
    import axe_playwright_python

    return (Path(axe_playwright_python.__file__).parent / "axe.min.js").read_text("utf-8")


def axe_violations(page, within: list[str] | None = None) -> list[str]:
    """axe-core's WCAG A/AA violations on the page as it is now (or only within the elements
    matching the `within` selectors), one readable line each."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source())
    result = page.evaluate(
        "([tags, within]) => axe.run(within ? {include: within.map(s => [s])} : document,"
        " {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})",
        [WCAG_TAGS, within])
    lines = []
    for violation in result["violations"]:
        for node in violation["nodes"]:
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            lines.append(f"{violation['id']} at {node['target']}: {summary[:300]}")
    return lines


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(browser, site_url: str, page_path: str, scheme: str) -> None:
    """Every page, both palettes (the palette follows the system setting, as students get it);
    quiz pages before answering, with a mix of right and wrong answers, and all right."""
    context = open_context(browser, base=site_url, viewport=DESKTOP, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{page_path}")
        expected = "slate" if scheme == "dark" else "default"
        assert page.locator("body").get_attribute("data-md-color-scheme") == expected
        found = {"unanswered": axe_violations(page)}
        if page_kind(page_path) == "quiz":
            quiz = quizzes_by_path()[page_path]
            # Answering changes only the article and the progress boxes: check just those
            # (the whole page again would double this test's time for nothing new).
            changed = [".md-content", "#quiz-progress-sidebar", "#quiz-progress-mobile"]
            for n, question in enumerate(quiz.questions):
                qp.answer(page, n, question, right=n % 2 == 0)
            found["right and wrong answers"] = axe_violations(page, changed)
            for n, question in enumerate(quiz.questions):
                if n % 2:
                    qp.answer(page, n, question, right=True)
            found["all right"] = axe_violations(page, changed)
        problems = [f"{state}: {line}" for state, lines in found.items() for line in lines]
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
        for n, question in enumerate(quiz.questions[:-1]):
            qp.answer(page, n, question, right=True)
        page.evaluate("window.scrollTo(0, 0)")
        question = quiz.questions[last]
        if question.kind == "fill in":
            qp.fill(page, last, question.blank_keys)
        else:
            qp.choose(page, last, qp.correct_indices(question))
        # Submit from script and read the scroll position in the same task, then again later:
        # an instant jump has already ended, a smooth scroll would still be under way.
        first = page.evaluate("""n => {
            document.querySelector('#quiz-' + n + ' button[type=submit]').click();
            return window.scrollY;
        }""", last)
        page.wait_for_timeout(800)
        settled = page.evaluate("""n => {
            const r = document.querySelector('#quiz-' + n + ' .quiz-feedback')
                .getBoundingClientRect();
            return {y: window.scrollY, inView: r.top < window.innerHeight && r.bottom > 0};
        }""", last)
        assert settled == {"y": first, "inView": True}
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
