"""The one rule a typed answer is marked by (quizkit/marking.py TYPED_ANSWERS): what a student
typing on a phone or a laptop gets marked right, and what the LMS exports list for it.

The cases (tests/helpers/typed_answers.py) are also run through the site's own matcher in a
browser (tests/browser/test_typed_answers.py): the site and this rule must give the same
verdicts.
"""

from __future__ import annotations

import pytest

from quizkit.marking import (
    TYPED_ANSWERS,
    answer_variants,
    lms_answers,
    match,
    slips_the_lms_misses,
)
from quizkit.model import FILL_IN, Question, Quiz
from tests.helpers.typed_answers import CASES, RIGHT, SLIP, WRONG


@pytest.mark.parametrize(("typed", "accepted", "typos", "verdict", "meant"), CASES,
                         ids=[repr(case[0]) for case in CASES])
def test_the_rule_marks_what_a_student_types(typed: str, accepted: list[str], typos: bool,
                                             verdict: str, meant: str) -> None:
    result = match(typed, accepted, typos)
    got = RIGHT if result.ok and result.exact else SLIP if result.ok else WRONG
    assert (got, result.expected) == (verdict, meant)


def test_the_rule_is_one_table() -> None:
    """The site's script gets these values as data (identity.data_script), never its own."""
    assert TYPED_ANSWERS.ignore_case
    assert TYPED_ANSWERS.slip_min_letters == 7
    same = "".join(chars for chars, _ in TYPED_ANSWERS.same)
    assert len(same) == len(set(same)), "a character counted as two others"
    assert not set(same) & set(TYPED_ANSWERS.spaces)


def test_an_lms_gets_every_way_of_writing_the_dashes_and_quotes() -> None:
    variants = answer_variants("12\u201320")
    assert variants[0] == "12\u201320"
    dashes = "-\u2010\u2011\u2012\u2013\u2014\u2015\u2212"
    assert set(variants) == {f"12{dash}20" for dash in dashes}
    both = answer_variants("Klerman\u2013Weissman\u2019s")
    assert "Klerman-Weissman's" in both and "Klerman\u2014Weissman\u2018s" in both
    assert len(both) == 8 * 7  # each kind of character written one way throughout
    assert answer_variants("contract") == ["contract"]


def test_an_lms_gets_each_answer_once_whatever_its_case() -> None:
    assert lms_answers(("IPT", "ipt", "Ipt")) == ["IPT"]
    assert lms_answers(("contract", "agreement")) == ["contract", "agreement"]


def _fill_in(qid: str, prompt: str, typos: bool = True) -> Question:
    return Question(id=qid, objective="o", prompt=prompt, explanation="e", review="r.md",
                    options=(), line=1, typos=typos)


def test_make_lms_names_the_questions_where_a_slip_would_count_on_the_site_only() -> None:
    quiz = Quiz(source="quizzes/x.yml", name="x", title="X", lesson="lessons/x.md", questions=(
        _fill_in("long", "A [[contract]]."),
        _fill_in("short", "The [[acute]] phase."),
        _fill_in("no-typos", "A [[contract]].", typos=False),
        _fill_in("one-long", "[[acute|agreement]]"),
    ))
    assert all(q.kind == FILL_IN for q in quiz.questions)
    assert slips_the_lms_misses([quiz]) == ["long", "one-long"]
