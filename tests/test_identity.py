"""A question's identity (quizkit/identity.py): the fingerprint changes exactly when what the
student answered changes, so a saved answer survives every other edit and no edit that changes
the question keeps an answer it no longer fits."""

from __future__ import annotations

import dataclasses
import json
import re
from functools import cache

import pytest

from quizkit.identity import (
    data_script,
    fingerprint,
    option_id,
    point_id,
    prompt_id,
    question_data,
    quiz_data,
)
from quizkit.marking import TYPED_ANSWERS, typed_rule_data
from quizkit.model import MarkingPoint, Option, Question, Quiz, presentation_order
from quizkit.pages import read_pages
from quizkit.validate import validate_quizzes
from tests.helpers import ROOT

OPTIONS = [Option("12–20 sessions, tapered", True, None),
           Option("Open-ended, until the patient is well", False, "No end point: not IPT."),
           Option("About 8 weekly sessions", False, "A brief format, not the notes' figure.")]


def choice(options=OPTIONS, **changes) -> Question:
    question = Question("tl-length", "tl-length", "How long is the acute phase?",
                        "The notes give 12–20.", "lessons/time-limit.md",
                        presentation_order("tl-length", list(options)), 3)
    return dataclasses.replace(question, **changes)


def fill_in(prompt: str = "A [[contract|agreement]] fixes the end.") -> Question:
    return Question("tl-word", "tl-contract", prompt, "Because.", "lessons/time-limit.md", (), 9)


POINTS = (MarkingPoint("States the time limit of 12–20 sessions", 2, "lessons/time-limit.md"),
          MarkingPoint("Explains the treatment contract", 3, "lessons/time-limit.md"))


def written(**changes) -> Question:
    question = Question("ex-time", "tl-length", "Write short notes on the time limit in IPT.",
                        "", "lessons/time-limit.md", (), 1, marks=5, marking_points=POINTS,
                        outline="Time limit; contract.")
    return dataclasses.replace(question, **changes)


def test_the_same_question_has_the_same_fingerprint_whatever_the_option_order() -> None:
    assert fingerprint(choice()) == fingerprint(choice(options=tuple(reversed(OPTIONS))))
    assert re.fullmatch(r"[0-9a-f]{16}", fingerprint(choice()))


@pytest.mark.parametrize("edit", [
    {"explanation": "Reworded explanation."},
    {"review": "lessons/time-limit.md#the-treatment-contract"},
    {"level": "understand"},
    {"objective": "tl-contract"},
    {"line": 40},
    {"prompt": "How long   is the acute\nphase?"},  # re-wrapped in the YAML: reads the same
], ids=lambda edit: next(iter(edit)))
def test_edits_that_do_not_change_what_was_answered_keep_the_fingerprint(edit: dict) -> None:
    assert fingerprint(choice(**edit)) == fingerprint(choice())


def _feedback_reworded() -> tuple[Option, ...]:
    return tuple(dataclasses.replace(o, feedback=o.feedback and o.feedback + " Reread.")
                 for o in OPTIONS)


def test_feedback_is_not_part_of_it() -> None:
    assert fingerprint(choice(options=_feedback_reworded())) == fingerprint(choice())


@pytest.mark.parametrize("options", [
    [dataclasses.replace(OPTIONS[1], text="Open-ended, as long as the patient wishes"),
     OPTIONS[0], OPTIONS[2]],  # an option reworded
    [dataclasses.replace(OPTIONS[0], correct=False), dataclasses.replace(OPTIONS[2], correct=True),
     OPTIONS[1]],  # another key
    [*OPTIONS, Option("Six months", False, "No.")],  # an option added
    OPTIONS[:2],  # an option removed
], ids=["reworded", "key moved", "added", "removed"])
def test_edits_to_what_was_answered_change_it(options: list[Option]) -> None:
    assert fingerprint(choice(options=tuple(options))) != fingerprint(choice())


def test_prompt_and_blanks_are_part_of_a_fill_in() -> None:
    base = fingerprint(fill_in())
    assert fingerprint(fill_in("A [[contract|agreement]]  fixes\nthe end.")) == base
    assert fingerprint(fill_in("A [[contract]] fixes the end.")) != base  # one answer less
    assert fingerprint(fill_in("A [[contract|agreement]] fixes the finish.")) != base


def test_a_written_question_is_its_prompt_marks_and_points() -> None:
    base = written()
    assert fingerprint(written(outline="Another outline.")) == fingerprint(base)
    edited_point = (POINTS[0], dataclasses.replace(POINTS[1], text="Explains the contract"))
    for changed in (written(prompt="Write short notes on the treatment contract."),
                    written(marks=6, marking_points=(POINTS[0], dataclasses.replace(
                        POINTS[1], marks=4))),
                    written(marking_points=edited_point)):
        assert fingerprint(changed) != fingerprint(base)
    # The typed answer follows the prompt alone; a tick follows its own point.
    assert prompt_id(written(marking_points=edited_point)) == prompt_id(base)
    assert prompt_id(written(prompt="Another prompt.")) != prompt_id(base)
    assert point_id(edited_point[0]) == point_id(POINTS[0])
    assert point_id(edited_point[1]) != point_id(POINTS[1])


def test_page_data_names_options_by_text_and_places_them_as_the_page_does() -> None:
    question = choice()
    data = question_data(question)
    assert data["options"] == [option_id(o.text) for o in question.options]  # value i = options[i]
    assert [question.options[i].correct for i in data["correct"]] == [True]
    # The same option keeps its id when the others are reworded and the order moves.
    moved = choice(options=(OPTIONS[0], dataclasses.replace(OPTIONS[1], text="Reworded"),
                            OPTIONS[2]))
    assert option_id(OPTIONS[0].text) in question_data(moved)["options"]
    assert question_data(fill_in())["blanks"] == [["contract", "agreement"]]
    assert question_data(written())["points"] == [point_id(p) for p in POINTS]


def test_the_data_element_cannot_be_closed_by_quiz_text() -> None:
    question = choice(id="q-x", prompt="Which </script><script>alert(1)</script>?")
    quiz = Quiz("quizzes/x.yml", "x", "X", "lessons/time-limit.md",
                (question, fill_in("A [[</script>]] here.")))
    element = data_script([quiz])
    body = element.removeprefix('<script type="application/json" id="ipt-quiz-data">')
    assert body.count("</") == 1 and body.endswith("</script>")
    assert json.loads(body.removesuffix("</script>")) == {"quizzes": [quiz_data(quiz)],
                                                          "typed": typed_rule_data()}


def test_the_data_element_carries_the_typed_answer_rule_with_no_invisible_character() -> None:
    """The site marks typed answers by the Python table itself (never a copy of its own); the
    spaces it lists are written as escapes, so the page holds no invisible character."""
    body = data_script([]).removeprefix('<script type="application/json" id="ipt-quiz-data">')
    data = json.loads(body.removesuffix("</script>"))
    assert data["typed"]["spaces"] == TYPED_ANSWERS.spaces
    assert data["typed"]["same"] == [list(pair) for pair in TYPED_ANSWERS.same]
    assert (data["typed"]["ignoreCase"], data["typed"]["slipMinLetters"]) == (True, 7)
    assert all(char.isprintable() for char in body)


@cache
def real_bank() -> list[Quiz]:
    pages, problems = read_pages(ROOT / "docs")
    assert not problems
    quizzes, problems = validate_quizzes(ROOT / "quizzes", pages)
    assert not problems
    return quizzes


def test_every_question_of_the_real_bank_is_told_apart() -> None:
    questions = [q for quiz in real_bank() for q in quiz.questions]
    assert len({fingerprint(q) for q in questions}) == len(questions)
    for question in questions:
        ids = question_data(question).get("options") or question_data(question).get("points", [])
        assert len(set(ids)) == len(ids), question.id
