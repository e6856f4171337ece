"""Answer cues in choice questions: what the item-writing checks and the bank figures measure.

Haladyna, Downing & Rodriguez (2002, Applied Measurement in Education, 15(3), 309-333) list the
cues that let a test-wise student answer without knowing: "all/none of the above", the key as
the longest and most qualified option, absolute words (always, never…) that mark an option as
wrong, and too few options. The second half of this module words these measures as messages
on the question's line (errors, and warnings a question may `allow:` with a reason, each with
its rule id), which quizkit.validate collects; quizkit.build sums them over the bank for
`make check`.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from quizkit.model import SINGLE, Option, Question
from quizkit.problems import Problem
from quizkit.schema import ALLOWABLE, describe
from quizkit.source import Document

# A correct option this much longer (in characters, Markdown marks not counted) than the
# longest wrong option is a cue: 25% is well past the few characters wording naturally varies
# by, and short of "twice as long", which students spot at a glance. Below 10 characters of
# difference nobody sees it ("Yes" against "No").
LONGEST_RATIO = 1.25
LONGEST_MIN_EXTRA = 10
MIN_SINGLE_OPTIONS = 3
ABSOLUTE_WORDS = ("always", "never", "only", "all", "none", "every", "must", "cannot")

_ABSOLUTE = re.compile(r"\b(" + "|".join(ABSOLUTE_WORDS) + r")\b", re.IGNORECASE)
_MARKDOWN_MARKS = re.compile(r"[*_`]")
_MARKDOWN_LINK = re.compile(r"!?\[([^\]]*)\]\((?:[^()]|\([^()]*\))*\)")  # [text](address)
# "All of the above", "none of these", "both of the above", "all the options are correct"…
_WHOLE_LIST = re.compile(
    r"^(?:\(?[a-h1-8][.)]\s*)?"  # an optional "d) " or "(4) " label
    r"(?:all|none|both|neither|any|each)\s+(?:(?:of\s+)?(?:the\s+)?"
    r"(?:(?:above|below|these|those|them)(?:\s+(?:options|answers|choices|statements))?|"
    r"(?:other\s+)?(?:options|answers|choices|statements)(?:\s+(?:above|below))?)|"
    r"(?:are|is)\s+(?:correct|true|right|wrong|false|incorrect))"
    r"(?:\s+(?:are|is)\s+(?:correct|true|right|wrong|false|incorrect))?$",
    re.IGNORECASE,
)


def normalised(text: str) -> str:
    """Option text as compared for duplicates: case and runs of spaces ignored."""
    return " ".join(text.casefold().split())


def visible_length(text: str) -> int:
    """Characters a student sees: a link's address, emphasis and code marks not counted."""
    return len(" ".join(_MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", text)).split()))


def is_whole_list_option(text: str) -> bool:
    """'All of the above' and its variants (case, punctuation and a label ignored)."""
    return bool(_WHOLE_LIST.match(" ".join(text.strip().rstrip(".!").split())))


def absolute_words(text: str) -> list[str]:
    """The absolute words in a text, lowercase, in order of first use."""
    return list(dict.fromkeys(m.group(1).lower() for m in _ABSOLUTE.finditer(text)))


def longest_key_excess(options: list[Option] | tuple[Option, ...]) -> tuple[Option, float] | None:
    """The longest correct option and how much longer it is than the longest wrong one (0.3 =
    30% longer), when that is past LONGEST_RATIO and LONGEST_MIN_EXTRA; else None."""
    wrong = [visible_length(o.text) for o in options if not o.correct]
    right = [o for o in options if o.correct]
    if not wrong or not right:
        return None
    key = max(right, key=lambda o: visible_length(o.text))
    length, longest_wrong = visible_length(key.text), max(wrong)
    ratio = length / max(longest_wrong, 1)
    if ratio > LONGEST_RATIO and length - longest_wrong >= LONGEST_MIN_EXTRA:
        return key, ratio - 1
    return None


def key_is_longest(question: Question) -> bool:
    """A single-choice question whose key is strictly longer than every wrong option."""
    if question.kind != SINGLE:
        return False
    key = next(o for o in question.options if o.correct)
    return all(visible_length(key.text) > visible_length(o.text)
               for o in question.options if not o.correct)


# --- cues in the wording: a count in a multiple-answer stem, options that point at other
# options, a stem word that only the key repeats ---------------------------------------------

_NUMBER_WORDS = ("two", "three", "four", "five", "six", "seven", "eight")
_COUNT = r"(?:" + "|".join(_NUMBER_WORDS) + r"|(?<![\d.,–-])[2-8](?![\d.,–-]))"
# "which two", "the three", "select 2", "name four"…, or "two of", "three correct"…, but not a
# span of time or a number of sessions ("the two weeks", "which 6 sessions").
_COUNT_PHRASE = re.compile(
    r"\b(?:(?:which|what|the|any|select|choose|pick|tick|mark|name|identify|give|list|find)\s+"
    + _COUNT + r"(?!\s+(?:weeks?|months?|years?|days?|hours?|minutes?|sessions?|times?)\b)"
    + r"|" + _COUNT + r"\s+(?:of|correct|right|true|answers?|options?|statements?)\b)",
    re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?<=[.?!:])\s+")
_INSTRUCTION = re.compile(
    r"^(?:select|choose|pick|tick|mark|name|identify|give|list|find)\b(?!\s+all\s+that\s+apply)",
    re.IGNORECASE)


def stated_count(prompt: str) -> str | None:
    """The words of a prompt's question that say how many options to pick ("the two", "which
    3", "three of"), or None.

    Only the question is read (a sentence ending in '?', or an instruction such as "Name the
    three…"), not a case's story, where "the two brothers" or "three months" tell nothing about
    the answer. "Select all that apply" says nothing about how many.
    """
    text = " ".join(_MARKDOWN_MARKS.sub("", _MARKDOWN_LINK.sub(r"\1", prompt)).split())
    for sentence in _SENTENCE_END.split(text):
        if sentence.endswith("?") or _INSTRUCTION.match(sentence):
            found = _COUNT_PHRASE.search(sentence)
            if found:
                return found.group(0)
    return None


# "(a)", "b)", "(ii)", "A and C", "option 2", "statements 1 and 3", "the first option", "both of
# these", "all of the above" inside a longer option…: each means nothing once options are
# shuffled (and lettered afresh in the handouts). One pattern per form, each tried only when a
# cheap test of the text says it could match: most options contain none of these forms, and
# one combined pattern cost more than all the other checks of a question together.
_LETTERED = re.compile(r"(?<![\w(])\(\s*(?:[a-h]|i{1,3}|iv|vi{0,3})\s*\)"  # (a), (ii)
                       r"|(?<![\w(])[a-h]\)(?=\s|$|[,.;])")  # a), b)
_LETTER_PAIR = re.compile(r"\b[A-H]\s*(?:,|and|or|&)\s*[A-H]\b")  # A and C (capitals only)
_POINTER_WORDS = ("option", "answer", "choice", "statement", "alternative")
_NUMBERED = re.compile(
    r"\b(?:options?|answers?|choices?|statements?|alternatives?)\s+(?:[1-8a-h]|[A-H])\b"
    r"|\bthe\s+(?:first|second|third|fourth|fifth|last|previous|above|preceding)\s+"
    r"(?:two\s+|three\s+)?(?:options?|answers?|choices?|statements?)\b", re.IGNORECASE)
_LIST_WORDS = ("above", "below", "these", "those", "preceding", "previous")
_WHOLE_LIST_INSIDE = re.compile(
    r"\b(?:both|all|none|neither|either|each|any)\s+(?:of\s+)?(?:the\s+)?"
    r"(?:above|below|these|those|preceding|previous)\b", re.IGNORECASE)


def refers_to_other_options(text: str) -> str | None:
    """The words by which an option points at other options ("(a)", "A and C", "option 2",
    "both of these"), or None. Options are shuffled in every output, so such a pointer means
    nothing to the student."""
    text = " ".join(text.split())
    lower = text.lower()
    found = []
    if ")" in text:
        found.append(_LETTERED.search(text))
    found.append(_LETTER_PAIR.search(text))
    if any(word in lower for word in _POINTER_WORDS):
        found.append(_NUMBERED.search(text))
    if any(word in lower for word in _LIST_WORDS):
        found.append(_WHOLE_LIST_INSIDE.search(text))
    matches = [m for m in found if m is not None]
    return min(matches, key=lambda m: m.start()).group(0) if matches else None


# Words too common to be a cue: function words, and the words every question in this bank uses.
STOP_WORDS = frozenset("""
a about above after again against all also although am among an and another any are as at be
because been before being below between both but by can could did do does doing done down during
each either else even ever every few for from further had has have having he her here hers
herself him himself his how however i if in into is it its itself just least less like likely
main mainly many may might more most much must my myself neither no nor not now of off on once
one only or other others our ours ourselves out over own rather same she should since so some
such than that the their theirs them themselves then there these they this those through to too
towards under until up upon us very was we well were what when where whether which while who
whom whose why will with within without would yet you your yours yourself
best describe describes described following statement statements true correct accurate fits fit
according lecture notes note lesson lessons case patient patients therapist therapists therapy
therapies session sessions treatment better typical ipt question answer option options select
apply first second third fourth fifth last
""".split())  # noqa: SIM905 (a word list reads best as running text)
MIN_CUE_LETTERS = 5  # shorter words ("care", "role", "wife") recur in any case by chance
_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_SUFFIXES = ("ations", "ation", "ments", "ment", "ities", "ity", "ings", "ing", "ness", "ates",
             "ated", "ate", "ies", "ied", "ers", "ed", "es", "er", "ly", "s")


@functools.lru_cache(maxsize=8192)  # a bank reuses a few thousand words over and over
def word_stem(word: str) -> str:
    """A word reduced to a rough stem, so that 'relationships' matches 'relationship' and
    'improving' 'improvement': lowercase, no possessive, one common suffix off."""
    word = _POSSESSIVE.sub("", word.lower())
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)] + ("y" if suffix in ("ies", "ied") else "")
            break
    return word[:-1] if word.endswith("e") and len(word) > 5 else word


def _plain(text: str) -> str:
    """A text as a student reads it: a link's address and emphasis marks dropped."""
    if "](" in text:
        text = _MARKDOWN_LINK.sub(r"\1", text)
    return _MARKDOWN_MARKS.sub("", text)


def content_words(text: str, shortest: int = MIN_CUE_LETTERS) -> dict[str, str]:
    """{stem: first word as written} for the words of a text that could be a cue (words of
    `shortest` letters or more that are not stop words)."""
    words: dict[str, str] = {}
    for word in _WORD.findall(_plain(text).replace("-", " ")):
        bare = _POSSESSIVE.sub("", word) if word[-1] in "'’s" else word
        if len(bare) >= shortest and bare.lower() not in STOP_WORDS:
            words.setdefault(word_stem(bare), bare)
    return words


def stem_words_in_key(prompt: str, options: list[Option] | tuple[Option, ...]
                      ) -> list[tuple[Option, list[str]]]:
    """Each right option that repeats a content word of the prompt which no wrong option uses,
    with those words (as the option writes them): a student can match the key to the question
    by its wording alone."""
    stem = content_words(prompt)
    # A wrong option's shorter words count too: "plan" in a wrong option answers "plans".
    in_wrong = {s for o in options if not o.correct for s in content_words(o.text, 3)}
    found = []
    for option in options:
        if option.correct:
            echoed = [w for s, w in content_words(option.text).items()
                      if s in stem and s not in in_wrong]
            if echoed:
                found.append((option, echoed))
    return found


# --- The words: each measure above as a message on the question's line ---------------------


def _author_options(question: dict[str, Any]) -> list[Option] | None:
    """The options as written (order kept), or None when they are not yet well formed."""
    options = question.get("options")
    if not isinstance(options, list) or not all(
            isinstance(o, dict) and isinstance(o.get("text"), (str, int, float)) for o in options):
        return None
    return [Option(str(o["text"]), o.get("correct") is True, None) for o in options]


def fairness_errors(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """Options that give the answer away whatever the reason: errors, never allowed."""
    options = _author_options(question)
    if options is None:
        return []
    problems = []
    first_seen: dict[str, int] = {}
    for j, option in enumerate(options):
        where = ("questions", index, "options", j, "text")
        if is_whole_list_option(option.text):
            problems.append(doc.at(where, (
                f"{describe(doc, where)} is '{option.text}'; an 'all/none of the above' option "
                "can be answered from the other options without knowing this one: list the "
                "statements as options of a multiple-answer question, or write a real option"),
                rule="all-of-the-above"))
        elif (pointer := refers_to_other_options(option.text)) is not None:
            problems.append(doc.at(where, (
                f"{describe(doc, where)} points at other options or lettered items by "
                f"'{pointer}'; options are shuffled in every output and lettered afresh in the "
                "handouts, so such a pointer means nothing or names the wrong option: say in "
                "words what you mean, or make it a multiple-answer question whose options are "
                "the statements themselves"),
                rule="option-refers-to-others"))
        same = first_seen.setdefault(normalised(option.text), j)
        if same != j:
            problems.append(doc.at(where, (
                f"{describe(doc, where)} has the same text as option {same + 1}; make every "
                "option different"), rule="duplicate-option"))
    return problems + _multiple_problems(doc, question, index, options)


def _multiple_problems(doc: Document, question: dict[str, Any], index: int,
                       options: list[Option]) -> list[Problem]:
    """A question is multiple-answer only when it says so: a second `correct: true` added by
    mistake would otherwise silently turn radio buttons into checkboxes."""
    correct = [j for j, option in enumerate(options) if option.correct]
    declared = question.get("multiple") is True
    if len(correct) > 1 and not declared:
        where = ("questions", index, "options", correct[1], "correct")
        return [doc.at(where, (
            f"{describe(doc, ('questions', index))} has {len(correct)} correct options "
            f"({', '.join(str(j + 1) for j in correct)}) but does not say 'multiple: true'; if "
            "students should choose several, add 'multiple: true' to the question (they then "
            "get checkboxes); otherwise remove 'correct: true' from the option that is not "
            "right"), rule="multiple-not-declared")]
    if declared and len(correct) == 1:
        return [doc.at(("questions", index, "multiple"), (
            f"{describe(doc, ('questions', index))} says 'multiple: true' but only option "
            f"{correct[0] + 1} is correct; mark every right option 'correct: true' (two or "
            "more), or remove 'multiple: true'"), key=True, rule="multiple-one-correct")]
    return []


def fairness_warnings(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """Cues a student can answer from without knowing; each can be allowed with a reason, and
    an allowance that silences nothing is itself a warning (the coverage page would list a
    stale exception for reviewers to weigh)."""
    allow = question.get("allow")
    allowed = [rule for rule in allow if rule in ALLOWABLE] if isinstance(allow, dict) else []
    options = _author_options(question)
    cues = (_cues(doc, question, options, index) if options and any(o.correct for o in options)
            else [])
    problems = [cue for cue in cues if cue.rule not in allowed]
    for rule in allowed:
        if not any(cue.rule == rule for cue in cues):
            problems.append(doc.at(("questions", index, "allow", rule), (
                f"{describe(doc, ('questions', index))} allows '{rule}', but that warning does "
                "not apply to it; remove the line from its 'allow:' (the coverage page lists "
                "every allowance)"),
                key=True, rule="allow-unused"))
    return problems


def _cues(doc: Document, question: dict[str, Any], options: list[Option],
          index: int) -> list[Problem]:
    """Every fair-question warning of one choice question, allowed or not."""

    def owner() -> str:  # worded only for a message: most questions have none
        return describe(doc, ("questions", index))

    problems = []
    excess = longest_key_excess(options)
    if excess is not None:
        key, extra = excess
        j = options.index(key)
        longest_wrong = max(visible_length(o.text) for o in options if not o.correct)
        problems.append(doc.at(("questions", index, "options", j, "text"), (
            f"the right option {j + 1} of {owner()} is {round(extra * 100)}% longer than the "
            f"longest wrong one ({visible_length(key.text)} characters against "
            f"{longest_wrong}); students learn to pick the longest option: shorten it or give "
            "a wrong option the same detail (or add 'allow: {longest-option: reason}')"),
            rule="longest-option"))
    if not any(absolute_words(o.text) for o in options if o.correct):
        for j, option in enumerate(options):
            words = absolute_words(option.text) if not option.correct else []
            if words:
                said = "', '".join(words)
                problems.append(doc.at(("questions", index, "options", j, "text"), (
                    f"the wrong option {j + 1} of {owner()} says '{said}' and no right option "
                    "uses such a word; students learn that absolute options are wrong: reword "
                    "it (or add 'allow: {absolute-word: reason}')"), rule="absolute-word"))
    right = sum(o.correct for o in options)
    if right == 1 and len(options) < MIN_SINGLE_OPTIONS:
        problems.append(doc.at(("questions", index, "options"), (
            f"{owner()} has only {len(options)} options; with two, a guess is right half the "
            "time: add a plausible wrong option (or add 'allow: {few-options: reason}')"),
            key=True, rule="few-options"))
    return problems + _wording_cues(doc, question, options, index)


def _wording_cues(doc: Document, question: dict[str, Any], options: list[Option],
                  index: int) -> list[Problem]:
    """Cues in the wording: a multiple-answer prompt that says how many to pick, and a word of
    the prompt that only the right options repeat."""
    prompt = question.get("prompt")
    if not isinstance(prompt, str):
        return []
    problems = []
    count = stated_count(prompt) if sum(o.correct for o in options) > 1 else None
    if count is not None:
        problems.append(doc.at(("questions", index, "prompt"), (
            f"the prompt of {describe(doc, ('questions', index))} says how many options to "
            f"pick ('{count}'); students stop after that many and need not know the rest: "
            "remove the number and keep 'Select all that apply.' (or add 'allow: "
            "{count-in-stem: reason}')"), rule="count-in-stem"))
    for key, words in stem_words_in_key(prompt, options):
        j = options.index(key)
        said = "', '".join(words)
        problems.append(doc.at(("questions", index, "options", j, "text"), (
            f"the right option {j + 1} of {describe(doc, ('questions', index))} repeats "
            f"'{said}' from the prompt and no wrong option does; students pick the option "
            "that echoes the question: reword the key, or use the word in a wrong option too "
            "(or add 'allow: {stem-word-in-key: reason}')"), rule="stem-word-in-key"))
    return problems
