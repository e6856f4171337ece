"""The item-writing measures of quizkit/fairness.py on the wordings faculty actually write.

The fixtures (tests/fixtures/*/rule-option-refers-to-others, warn-count-in-stem,
warn-stem-word-in-key) show the messages; these tests pin what each measure must catch and,
as much, what it must leave alone, so that tuning a pattern cannot quietly drown faculty in
false alarms or let a real cue through.
"""

from __future__ import annotations

import pytest

from quizkit.fairness import refers_to_other_options, stated_count, stem_words_in_key
from quizkit.model import Option


@pytest.mark.parametrize(("prompt", "found"), [
    ("Which of the following are the two aims of IPT? Select all that apply.", "the two"),
    ("Which three characteristics define IPT? Select all that apply.", "Which three"),
    ("Which 2 statements are true? Select all that apply.", "Which 2"),
    ("Name four tasks of the role transition.", "Name four"),
    ("Which are true? Pick two of them.", "Pick two"),
])
def test_a_count_in_the_question_is_found(prompt: str, found: str | None) -> None:
    assert stated_count(prompt) == found


@pytest.mark.parametrize("prompt", [
    "Which of these are aims of IPT? Select all that apply.",
    "**Case.** Naveen, 45, and his two brothers have argued for three months. Which "
    "interventions fit IPT? Select all that apply.",
    "Which topics fit the first 6 weeks? Select all that apply.",  # a span of time, not a count
    "Which plans fit a course of 12–20 sessions? Select all that apply.",
    "Which of these fit the two weeks before the end? Select all that apply.",
])
def test_numbers_that_are_no_count_are_left_alone(prompt: str) -> None:
    assert stated_count(prompt) is None


@pytest.mark.parametrize(("text", "found"), [
    ("Both (a) and (b)", "(a)"),
    ("(a) and (c) only", "(a)"),
    ("A and C", "A and C"),
    ("B or D, depending on the patient", "B or D"),
    ("Option 2, but only in group IPT", "Option 2"),
    ("Statements 1 and 3", "Statements 1"),
    ("Both of these", "Both of these"),
    ("All of these, in the acute phase", "All of these"),
    ("Neither of the above", "Neither of the above"),
    ("The same as the first option", "the first option"),
    ("Both (i) and (ii)", "(i)"),
    ("Move b) is support", "b)"),
])
def test_an_option_pointing_at_other_options_is_found(text: str, found: str) -> None:
    assert refers_to_other_options(text) == found


@pytest.mark.parametrize("text", [
    "A definite end point often pushes patients to change more quickly",
    "Plan B fits IPT, but plan A is cognitive reframing",
    "IPT and CBT both work mostly on the present",
    "Weekly for about 8 weeks, then spaced out (as the notes describe)",
    "12–20 sessions, tapered (a course agreed in advance)",
    "Countertransference; she notes it privately",
    "The rehearsal with her husband is communication work",
])
def test_ordinary_options_are_left_alone(text: str) -> None:
    assert refers_to_other_options(text) is None


def options(key: str, *wrong: str) -> list[Option]:
    return [Option(key, True, None), *(Option(w, False, "Why not.") for w in wrong)]


def test_a_stem_word_only_the_key_repeats_is_a_cue() -> None:
    found = stem_words_in_key(
        "When the lecture notes speak of perinatal women, what does the term cover?",
        options("Pregnancy and the first year, as in perinatal mental health",
                "The first four weeks after delivery", "The months of breastfeeding"))
    assert [words for _, words in found] == [["perinatal"]]


def test_a_word_a_wrong_option_shares_is_no_cue_and_plurals_match() -> None:
    assert stem_words_in_key(
        "Which relationships does IPT work on?",
        options("Current relationships", "Relationships from childhood, long ended",
                "The relationship with the therapist")) == []
    # "plan" in a wrong option answers the key's "plans", though "plan" is a short word.
    assert stem_words_in_key("Two trainees make plans. Which judgement is right?",
                             options("Both plans fit IPT", "Neither plan fits",
                                     "Only plan A fits")) == []


def test_stop_words_and_short_words_are_never_cues() -> None:
    assert stem_words_in_key(
        "According to the lecture notes, which would an IPT therapist most likely do first?",
        options("The therapist would first ask about the care at home",
                "Interpret the dream", "Test the thought")) == []
