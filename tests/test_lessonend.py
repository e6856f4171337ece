"""The end of a lesson (quizkit/lessonend.py): one primary button to its self-check, with the
number of questions counted from the quiz, in place of the old text link."""

from __future__ import annotations

from quizkit.lessonend import add_lesson_end
from quizkit.model import Option, Question, Quiz


def _quiz(count: int, lesson: str = "lessons/time-limit.md", name: str = "time-limit") -> Quiz:
    questions = tuple(
        Question(id=f"q{n}", objective="tl-length", prompt=f"Question {n}?", explanation="Why.",
                 review=lesson, options=(Option("Yes", True, None), Option("No", False, None)),
                 line=n)
        for n in range(count))
    return Quiz(f"quizzes/{name}.yml", name, "The time limit: check", lesson, questions)


BUTTON = ("[Check yourself: 10 questions](../quizzes/time-limit.md)"
          "{ .md-button .md-button--primary }")


def test_button_goes_under_the_existing_heading_and_replaces_the_text_link() -> None:
    lesson = ("# Title\n\nText.\n\n## Check your understanding\n\n"
              "[Take the self-check on the time limit](../quizzes/time-limit.md): 9 questions.\n\n"
              "## References\n\n- A source.\n")
    result = add_lesson_end(lesson, "lessons/time-limit.md", [_quiz(10)])
    assert result.count("../quizzes/time-limit.md") == 1
    assert "9 questions" not in result
    rest = result.split("## Check your understanding", 1)[1]
    assert rest.lstrip().startswith(BUTTON)
    assert rest.index(BUTTON) < rest.index("## References")


def test_a_lesson_without_the_section_gets_one_before_its_references() -> None:
    lesson = "# Title\n\nText.\n\n## References\n\n- A source.\n"
    result = add_lesson_end(lesson, "lessons/time-limit.md", [_quiz(10)])
    assert result.index("## Check your understanding") < result.index(BUTTON)
    assert result.index(BUTTON) < result.index("## References")
    assert result.endswith("- A source.\n")


def test_one_question_is_singular_and_other_pages_are_untouched() -> None:
    result = add_lesson_end("Text.\n", "lessons/time-limit.md", [_quiz(1)])
    assert "[Check yourself: 1 question](" in result
    for page in ("index.md", "glossary.md", "lessons/comparison.md"):
        assert add_lesson_end("Text.\n", page, [_quiz(3)]) == "Text.\n"
