"""Answer cues in choice questions: what the item-writing checks and the bank figures measure.

Haladyna, Downing & Rodriguez (2002, Applied Measurement in Education, 15(3), 309-333) list the
cues that let a test-wise student answer without knowing: "all/none of the above", the key as
the longest and most qualified option, absolute words (always, never…) that mark an option as
wrong, and too few options. quizkit.validate turns these measures into messages (errors and
warnings, each with its rule id); quizkit.build sums them over the bank for `make check`.
"""

from __future__ import annotations

import re

from quizkit.model import SINGLE, Option, Question

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
