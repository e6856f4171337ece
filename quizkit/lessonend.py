"""The end of a lesson: one clear button to its self-check, "Check yourself: N questions".

N is counted from the quiz at build time, so it never goes stale when questions are added.
The button goes under the lesson's "## Check your understanding" heading, or, when the lesson
has none, into a new section of that name before "## References" (or at the end). A line that
is only a text link to the same self-check (what lessons carried before) is dropped, so the
student sees one way on, not two.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quizkit.model import Quiz
from quizkit.pages import LESSONS_DIR
from quizkit.render import page_link, question_count

HEADING = "## Check your understanding"
_HEADING = re.compile(r"^##\s+Check your understanding\s*$", re.MULTILINE)
_REFERENCES = re.compile(r"^##\s+References\b.*$", re.MULTILINE)


def lesson_quiz(page_path: str, quizzes: Iterable[Quiz]) -> Quiz | None:
    """The self-check of a lesson page (written exam practice is not a self-check)."""
    if not page_path.startswith(LESSONS_DIR):
        return None
    return next((q for q in quizzes if q.lesson == page_path and not q.written), None)


def button(page_path: str, quiz: Quiz) -> str:
    """The Markdown of the primary button to quiz, from page_path."""
    label = f"Check yourself: {question_count(len(quiz.questions))}"
    return f"[{label}]({page_link(page_path, quiz.page_path)}){{ .md-button .md-button--primary }}"


def _drop_text_links(markdown: str, target: str) -> str:
    """Remove lines that start with a link to target (the old "Take the self-check…" lines)."""
    lines = markdown.split("\n")
    return "\n".join(line for line in lines
                     if not (line.lstrip().startswith("[") and f"]({target})" in line))


def add_lesson_end(markdown: str, page_path: str, quizzes: Iterable[Quiz]) -> str:
    """The lesson's Markdown with its "Check yourself" button; other pages unchanged."""
    quiz = lesson_quiz(page_path, quizzes)
    if quiz is None:
        return markdown
    markdown = _drop_text_links(markdown, page_link(page_path, quiz.page_path))
    block = button(page_path, quiz)
    heading = _HEADING.search(markdown)
    if heading:
        at = heading.end()
        return f"{markdown[:at]}\n\n{block}\n{markdown[at:]}"
    references = _REFERENCES.search(markdown)
    at = references.start() if references else len(markdown)
    before = markdown[:at].rstrip("\n")
    return f"{before}\n\n{HEADING}\n\n{block}\n\n{markdown[at:]}".rstrip("\n") + "\n"
