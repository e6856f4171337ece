"""How long a page takes a student, worked out from what is on it (student walk-through 2, S5):
reading at about READING_WPM words a minute (a careful reader in a second language) and about
MINUTES_PER_QUESTION for each self-check question (most are cases with four to six options and
feedback to read). A lesson shows both: "Reading about 12 min · Self-check about 12 min".

The words are those the student reads on the page as built: the "In this lesson you will…"
box made from the front matter's objectives, and the body as Markdown renders it (headings,
boxes, tables, key points), without its reference list, which a student consults rather than
reads. The home page's table of times is filled in from the same figures: a cell holding
`<!-- ipt:time lessons/NAME.md -->` becomes that lesson's reading and self-check times, and
`<!-- ipt:time quizzes/NAME.md -->` a quiz page's own self-check time, so no number is typed
twice. (Lessons no longer carry a `minutes:` line: quizkit/pages.py notes one left over.)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html.parser import HTMLParser

from quizkit.model import Quiz
from quizkit.pages import LESSONS_DIR, Page

READING_WPM = 130
MINUTES_PER_QUESTION = 1
OBJECTIVES_LEAD = "In this lesson you will…"
HOME_PAGE = "index.md"
# A marker of the home page's table: the page whose time goes there.
TIME_MARK = re.compile(r"<!--\s*ipt:time\s+(\S+?)\s*-->")
_REFERENCES = re.compile(r"^##[ \t]+References[ \t]*#*[ \t]*$", re.MULTILINE)
_NEXT_SECTION = re.compile(r"^##?[ \t]", re.MULTILINE)
_WORD = re.compile(r"\w", re.UNICODE)
# What the body is rendered with to count its words: the Markdown that makes text out of the
# page's boxes, tables and lists (mkdocs.yml has more, none of which adds or hides words).
_EXTENSIONS = ("admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables",
               "pymdownx.details", "pymdownx.superfences")


@dataclass(frozen=True)
class Estimate:
    """Minutes a page takes: reading it, and its self-check (None: the page has none)."""

    reading: int | None = None
    self_check: int | None = None

    def line(self) -> str:
        """'Reading about 12 min · Self-check about 12 min' (the parts the page has)."""
        # (A number and "min" never part at the end of a line on a phone: a no-break space.)
        parts = [f"{name} about {minutes}\u00a0min" for name, minutes
                 in (("Reading", self.reading), ("Self-check", self.self_check)) if minutes]
        return " · ".join(parts)


class _Words(HTMLParser):
    """Counts the words of an HTML fragment's text."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.count = 0

    def handle_data(self, data: str) -> None:
        self.count += sum(1 for token in data.split() if _WORD.search(token))


@functools.cache
def _markdown():
    import markdown  # only when a build needs the figures: `make check` does not

    return markdown.Markdown(extensions=list(_EXTENSIONS))


@functools.lru_cache(maxsize=64)
def words_in(body: str) -> int:
    """The words a student reads in a page's Markdown body: rendered as the site renders its
    text, without the "References" section."""
    found = _REFERENCES.search(body)
    if found:
        rest = _NEXT_SECTION.search(body, found.end())
        body = body[:found.start()] + (body[rest.start():] if rest else "")
    counter = _Words()
    counter.feed(_markdown().reset().convert(body))
    counter.close()
    return counter.count


def page_words(page: Page) -> int:
    """The words on a page: its objectives box (when it has objectives) and its body."""
    box = " ".join([OBJECTIVES_LEAD, *page.objectives.values()]) if page.objectives else ""
    return sum(1 for token in box.split() if _WORD.search(token)) + words_in(page.body)


def minutes_to_read(words: int) -> int:
    return max(1, round(words / READING_WPM))


def self_check_questions(path: str, quizzes: Iterable[Quiz]) -> int:
    """The self-check questions that check the page at `path` (its quizzes' `lesson:`), or of
    the quiz page at `path`; written exam questions take as long as the student likes."""
    return sum(len(quiz.questions) for quiz in quizzes
               if not quiz.written and path in (quiz.lesson, quiz.page_path))


def timed(path: str, pages: dict[str, Page], quizzes: Sequence[Quiz]) -> bool:
    """Whether the page at `path` has a time: a lesson, or a self-check's page (without
    counting its words: `make check` asks)."""
    return (path.startswith(LESSONS_DIR) and path in pages) or any(
        quiz.page_path == path and not quiz.written for quiz in quizzes)


def estimate(path: str, pages: dict[str, Page], quizzes: Sequence[Quiz]) -> Estimate | None:
    """A lesson's reading and self-check times, a quiz page's self-check time; None for any
    other page (the home page has its unit_estimate)."""
    questions = self_check_questions(path, quizzes)
    if path.startswith(LESSONS_DIR) and path in pages:
        return Estimate(minutes_to_read(page_words(pages[path])),
                        questions * MINUTES_PER_QUESTION or None)
    if any(quiz.page_path == path and not quiz.written for quiz in quizzes):
        return Estimate(None, questions * MINUTES_PER_QUESTION)
    return None


def unit_estimate(pages: dict[str, Page], quizzes: Sequence[Quiz]) -> Estimate:
    """The unit's path: every lesson with a self-check (an optional page has none), and the
    self-checks of those lessons and of the home page (the unit self-assessment)."""
    lessons = sorted({quiz.lesson for quiz in quizzes if not quiz.written
                      and quiz.lesson.startswith(LESSONS_DIR) and quiz.lesson in pages})
    reading = sum(minutes_to_read(page_words(pages[path])) for path in lessons)
    questions = sum(self_check_questions(path, quizzes) for path in [*lessons, HOME_PAGE])
    return Estimate(reading, questions * MINUTES_PER_QUESTION)


def time_line(page: Page, pages: dict[str, Page], quizzes: Sequence[Quiz]) -> str | None:
    """The line under a page's title: a lesson's estimate; on the home page, the unit's."""
    if page.path == HOME_PAGE:
        unit = unit_estimate(pages, quizzes)
        total = (unit.reading or 0) + (unit.self_check or 0)
        return (f"About {total}\u00a0minutes for the whole unit: reading about "
                f"{unit.reading}\u00a0min · self-checks about {unit.self_check}\u00a0min")
    found = estimate(page.path, pages, quizzes)
    return found.line() if found else None


_FENCED = re.compile(r"^[ \t]*(`{3,}|~{3,}).*?^[ \t]*\1[ \t]*$", re.MULTILINE | re.DOTALL)
_CODE_SPAN = re.compile(r"(`+).+?\1", re.DOTALL)


def _without_code(markdown: str) -> str:
    """The Markdown with its code (fenced blocks, `spans`) blanked out, offsets kept: a marker
    shown as an example (the faculty guide's) is not a marker."""
    for code in (_FENCED, _CODE_SPAN):
        markdown = code.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), markdown)
    return markdown


def time_marks(body: str) -> list[tuple[int, int, str]]:
    """(start, end, page path) of every time marker outside code."""
    return [(m.start(), m.end(), m.group(1)) for m in TIME_MARK.finditer(_without_code(body))]


def fill_time_marks(markdown: str, pages: dict[str, Page], quizzes: Sequence[Quiz]) -> str:
    """Every `<!-- ipt:time PATH -->` replaced by that page's times (left as it is for a path
    that has none: `make check` names it, time-mark-page)."""
    for start, end, path in reversed(time_marks(markdown)):
        found = estimate(path, pages, quizzes)
        if found:
            markdown = markdown[:start] + found.line() + markdown[end:]
    return markdown
