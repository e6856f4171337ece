"""Time estimates (quizkit/timing.py): worked out from the words a student reads and the
self-check's questions, shown as reading + self-check; a `minutes:` line is a note, and a time
marker naming no lesson or self-check is a warning (tests/fixtures/lessons/ has the notes'
exact words)."""

from __future__ import annotations

from pathlib import Path

from quizkit.lessons import time_mark_problems
from quizkit.model import Option, Question, Quiz
from quizkit.pages import Page, read_pages
from quizkit.timing import (
    READING_WPM,
    Estimate,
    estimate,
    fill_time_marks,
    page_words,
    time_line,
    words_in,
)


def _question(qid: str) -> Question:
    return Question(id=qid, objective="t-first", prompt="Which?", explanation="Because.",
                    review="lessons/a.md", line=5, level="apply",
                    options=(Option("Yes", True, None, 6), Option("No", False, "Why.", 8)))


def _quiz(name: str, lesson: str, count: int) -> Quiz:
    return Quiz(f"quizzes/{name}.yml", name, name, lesson,
                tuple(_question(f"{name}-{i}") for i in range(count)))


WORDS = " ".join(["word"] * 650)  # 650 words: 5 minutes at 130 a minute
BODY = f"""Intro {WORDS}

!!! note "A box title"
    Three more words.

| Aspect | IPT |
|---|---|
| Focus | Relationships |

## References

- Author, A. (2020). *A long title that nobody reads aloud*. https://doi.org/10.1/x
"""


def test_words_are_what_the_student_reads() -> None:
    """Text in boxes, box titles and tables counts; Markdown marks and the reference list do
    not."""
    assert READING_WPM == 130
    assert words_in(BODY) == 1 + 650 + 3 + 3 + 4  # intro, box title and text, the table
    page = Page("lessons/a.md", title="A", objectives={"t-first": "Describe it.",
                                                       "t-second": "Explain it."}, body=BODY)
    assert page_words(page) == words_in(BODY) + 5 + 4  # "In this lesson you will…" and both


def test_a_lesson_shows_reading_and_self_check() -> None:
    pages = {"lessons/a.md": Page("lessons/a.md", title="A", body=BODY),
             "lessons/b.md": Page("lessons/b.md", title="B", body="Short."),
             "index.md": Page("index.md", title="Home", objectives={"u": "Do it."})}
    quizzes = [_quiz("a", "lessons/a.md", 12), _quiz("unit", "index.md", 18)]
    assert estimate("lessons/a.md", pages, quizzes) == Estimate(5, 12)
    assert time_line(pages["lessons/a.md"], pages, quizzes) == (
        "Reading about 5\xa0min · Self-check about 12\xa0min")
    # A lesson without a quiz (an optional page): reading only, at least a minute.
    assert time_line(pages["lessons/b.md"], pages, quizzes) == "Reading about 1\xa0min"
    # The home page: the lessons with a self-check, and every self-check of the path.
    assert time_line(pages["index.md"], pages, quizzes) == (
        "About 35\xa0minutes for the whole unit: reading about 5\xa0min · self-checks about "
        "30\xa0min")
    assert fill_time_marks("| 1 | <!-- ipt:time lessons/a.md --> |\n"
                           "| 7 | <!-- ipt:time quizzes/unit.md --> |", pages, quizzes) == (
        "| 1 | Reading about 5\xa0min · Self-check about 12\xa0min |\n"
        "| 7 | Self-check about 18\xa0min |")


def test_a_time_marker_must_name_a_lesson_or_a_self_check(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    (docs / "lessons").mkdir(parents=True)
    (docs / "lessons" / "a.md").write_text("---\ntitle: A\n---\n\nText.\n", encoding="utf-8")
    (docs / "index.md").write_text("# Home\n\n| 1 | <!-- ipt:time lessons/a.md --> |\n"
                                   "| 2 | <!-- ipt:time lesson/a.md --> |\n", encoding="utf-8")
    pages, _ = read_pages(docs, markdown_config=(("toc", ()),))
    messages = [str(p) for p in time_mark_problems(pages, [_quiz("a", "lessons/a.md", 8)])]
    assert messages == [
        "docs/index.md:4:7: '<!-- ipt:time lesson/a.md -->' names no lesson or self-check, so "
        "it would show no time; did you mean 'lessons/a.md'? [time-mark-page]"]


def test_a_marker_shown_as_code_is_left_alone() -> None:
    """The faculty guide shows markers in code: they are examples, not markers."""
    pages = {"lessons/a.md": Page("lessons/a.md", title="A", body="Short.")}
    text = ("A `<!-- ipt:time lessons/a.md -->` example.\n\n```text\n"
            "<!-- ipt:time lessons/a.md -->\n```\n\n| <!-- ipt:time lessons/a.md --> |\n")
    assert fill_time_marks(text, pages, []) == text.replace(
        "| <!-- ipt:time lessons/a.md --> |", "| Reading about 1\xa0min |")
