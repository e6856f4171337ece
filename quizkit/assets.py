"""Which of the project's own stylesheets and scripts each kind of page loads: one table.

The theme override (overrides/main.html, Material's `extrahead` and `scripts` blocks) writes
them into every page from `page.meta["ipt_assets"]`, which the build sets from this table: the
student's record (record.js) in <head>, so that it runs before every other deferred script of
the page; the page's stylesheets in <head>; its own scripts at the end of <body>, deferred, in
the order given (deferred scripts run in document order, after the page is parsed and before
DOMContentLoaded, when mkdocs-quiz sets up its questions). Every page also gets extra.css
(mkdocs.yml `extra_css`); pages of no kind here get nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizkit.revise import REVISE_PAGE

RECORD_JS = "assets/javascripts/record.js"
QUIZ_CSS, QUIZ_JS = "assets/stylesheets/quiz.css", "assets/javascripts/quiz.js"
EXAM_CSS, EXAM_JS = "assets/stylesheets/exam.css", "assets/javascripts/exam.js"
PAPER_JS = "assets/javascripts/paper.js"
PROGRESS_JS = "assets/javascripts/progress.js"

HOME, LESSON, SELF_CHECK, EXAM_PRACTICE, MOCK_PAPER, REVISE = (
    "home", "lesson", "self-check", "exam practice", "mock paper", "revise")


@dataclass(frozen=True)
class Assets:
    """A page kind's files (paths under docs/), each loaded once, in this order."""

    head_js: tuple[str, ...] = ()  # deferred, in <head>: before every script of the page
    css: tuple[str, ...] = ()
    js: tuple[str, ...] = ()  # deferred, at the end of <body>


ASSETS: dict[str, Assets] = {
    # My progress: the record, and exam.js's rule to add up a self-mark (window.iptExam).
    HOME: Assets(head_js=(RECORD_JS,), css=(EXAM_CSS,), js=(EXAM_JS, PROGRESS_JS)),
    LESSON: Assets(head_js=(RECORD_JS,)),  # remembered as the last page read
    SELF_CHECK: Assets(head_js=(RECORD_JS,), css=(QUIZ_CSS,), js=(QUIZ_JS,)),
    EXAM_PRACTICE: Assets(head_js=(RECORD_JS,), css=(EXAM_CSS,), js=(EXAM_JS,)),
    # paper.js uses exam.js's question block.
    MOCK_PAPER: Assets(head_js=(RECORD_JS,), css=(EXAM_CSS,), js=(EXAM_JS, PAPER_JS)),
    # The schedule's and Revise's own files come from hooks/revise.py (they name ts-fsrs and the
    # question blocks, which that hook writes).
    REVISE: Assets(head_js=(RECORD_JS,)),
}


def page_kind(src_uri: str, *, is_homepage: bool, self_checks: set[str],
              exam_pages: set[str], mock_papers: set[str]) -> str | None:
    """The kind of the page at docs path src_uri (None: a page with no files of its own).

    self_checks, exam_pages, mock_papers: the docs paths of the generated pages of each kind.
    """
    if is_homepage:
        return HOME
    if src_uri in self_checks:
        return SELF_CHECK
    if src_uri in exam_pages:
        return EXAM_PRACTICE
    if src_uri in mock_papers:
        return MOCK_PAPER
    if src_uri == REVISE_PAGE:
        return REVISE
    if src_uri.startswith("lessons/"):
        return LESSON
    return None
