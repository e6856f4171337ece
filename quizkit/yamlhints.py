"""Name the real cause of a YAML mistake, on the line where it is, in a lecturer's words.

Word and phone keyboards put characters into files that look right and are not: curly quotes,
non-breaking spaces, en and em dashes, tabs. YAML then fails somewhere later, or silently reads
something else. `character_problems` finds those characters before parsing (they are never
right where they are looked for); `explain_syntax_error` turns a parser error into the mistake
that caused it (an apostrophe inside single quotes, a missing colon, a key out of line).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from quizkit.problems import Problem

NBSPS = {"\u00a0": "non-breaking space", "\u202f": "narrow non-breaking space",
         "\u2007": "figure space", "\u3000": "ideographic space"}
DASHES = {"\u2013": "en dash", "\u2014": "em dash", "\u2212": "minus sign", "\u2012": "figure dash"}
CURLY_QUOTES = "“”‘’„«»"

_KEY_LINE = re.compile(r"^(?P<indent>[ ]*)(?P<dash>- +)?(?P<key>[A-Za-z_][\w-]*)[ ]*:(?:[ ]|$)")
_ITEM_LINE = re.compile(r"^(?P<indent>[ ]*)-(?:[ ]|$)")
_BLOCK_START = re.compile(r"(?:^|:[ ]+|^[ ]*-[ ]+)[|>][-+0-9]*[ ]*(?:#.*)?$")
_WORD_KEY = re.compile(r"^(?P<indent>[ ]*)(?P<dash>- +)?(?P<key>[a-z_][\w-]*)[ ]+(?P<rest>[^:#]*)$")
# `feedback:This` (a phone keyboard drops the space): a key of the format glued to its value.
_GLUED_KEY = re.compile(r"^(?P<indent>[ ]*)(?P<dash>-[ ]+)?(?P<key>[a-z_][\w-]*):(?=[^\s:/])")

# Every key a quiz file or a lesson's front matter has (tests/test_messages.py checks this
# against quizzes/schema.json): only these count as a key glued to its value, so a value such
# as `- mailto:x` or `- https://…` in mkdocs.yml is never taken for one.
KNOWN_KEYS = frozenset({
    "title", "lesson", "questions", "papers", "id", "objective", "level", "prompt", "options",
    "text", "correct", "feedback", "explanation", "review", "multiple", "shuffle", "typos",
    "allow", "marks", "marking_points", "outline", "extra_credit", "beyond_syllabus", "for",
    "heading", "sections", "answer", "short_notes", "course", "institution", "objectives",
    "instructions", "quiz",
})


@dataclass(frozen=True)
class Line:
    """One line of YAML outside block scalars, with its 0-based number."""

    number: int
    text: str


def structural_lines(lines: list[str]) -> Iterator[Line]:
    """The lines YAML reads as structure: skips comments, blank lines and `|`/`>` block text."""
    block_indent: int | None = None  # inside a block scalar opened by a less indented line
    for number, text in enumerate(lines):
        stripped = text.lstrip(" ")
        indent = len(text) - len(stripped)
        if block_indent is not None:
            if not stripped.strip() or indent > block_indent:
                continue
            block_indent = None
        if not stripped.strip() or stripped.startswith("#"):
            continue
        if _BLOCK_START.search(text.rstrip()):
            block_indent = indent
        yield Line(number, text)


def _problem(shown: str, line: Line, col: int, message: str, *, rule: str) -> Problem:
    return Problem(shown, line.number + 1, col + 1, message, rule=rule)


# Every line _character_problem can complain about holds one of these: a tab, a non-breaking
# space, a Word dash, a curly quote or an apostrophe (single-quoted text). A file without any
# (most files) is done in one scan; otherwise only the lines holding one are looked at closely.
_SUSPECT = re.compile("[\t'\"" + "".join(NBSPS) + "".join(DASHES) + CURLY_QUOTES + "]|:[^\\s:/]")


def character_problems(lines: list[str], shown: str) -> list[Problem]:
    """Tabs, non-breaking spaces and Word dashes where YAML expects structure: one per line."""
    if not _SUSPECT.search("\n".join(lines)):
        return []
    problems = []
    above: list[Line] = []  # the structural lines before this one, for the tab's advice
    for line in structural_lines(lines):
        if _SUSPECT.search(line.text):
            found = _character_problem(line, shown, above)
            if found:
                problems.append(found)
        above.append(line)
    return problems


def _character_problem(line: Line, shown: str, above: list[Line]) -> Problem | None:
    text = line.text
    lead = len(text) - len(text.lstrip(" \t" + "".join(NBSPS)))
    indentation = text[:lead]
    if "\t" in indentation:
        return _problem(shown, line, indentation.index("\t"), "a tab is used for indenting this "
                        f"line; indent it with spaces{_line_up(text[lead:], above)}, not with "
                        "tabs (set your editor to insert spaces)", rule="yaml-tab")
    for char, name in NBSPS.items():
        if char in indentation:
            return _problem(shown, line, indentation.index(char), f"a {name} (an invisible "
                            "character from Word or a phone) is in the indentation of this "
                            "line; delete the spaces at its start and type them again",
                            rule="yaml-nbsp")
    rest = text[lead:]
    if rest[:1] in DASHES and rest[1:2] in NBSPS:  # Word's autocorrect: both in one message
        name, space = DASHES[rest[0]], NBSPS[rest[1]]
        return _problem(shown, line, lead, f"this line starts with an {name} ({rest[0]}) and "
                        f"a {space}, put in by Word, where a list dash and a space belong; "
                        "delete both and type a plain hyphen-minus (-) and an ordinary space",
                        rule="yaml-dash")
    if rest[:1] in DASHES and rest[1:2] == " ":
        name = DASHES[rest[0]]
        return _problem(shown, line, lead, f"this line starts with an {name} ({rest[0]}), "
                        "often put in by Word, where a list dash belongs; type a plain "
                        "hyphen-minus (-) instead", rule="yaml-dash")
    after = re.match(r"^(?:(-)|([A-Za-z_][\w-]*)[ ]*:)([\t\u00a0\u202f\u2007\u3000])", rest)
    if after:
        where = "the list dash (-)" if after.group(1) else f"'{after.group(2)}:'"
        col = lead + after.end() - 1
        if after.group(3) == "\t":
            return _problem(shown, line, col, f"a tab follows {where}; use an ordinary space "
                            "(set your editor to insert spaces, not tabs)", rule="yaml-tab")
        return _problem(shown, line, col, f"a {NBSPS[after.group(3)]} (an invisible character "
                        f"from Word or a phone) follows {where}; delete it and type an "
                        "ordinary space", rule="yaml-nbsp")
    return _missing_space(line, shown) or _quote_problem(line, shown, only_certain=True)


def _line_up(rest: str, above: list[Line]) -> str:
    """Where a line indented with tabs belongs, from the lines above it: ' to line up with
    'text:' on line 12 (column 9)', or '' when nothing above says."""
    if not above or not rest:
        return ""
    previous = above[-1]
    if rest.startswith("- ") and not _opens_block(previous):  # under the item before it
        for line in reversed(above):
            dash = _columns(line)[0]
            if dash is not None and "\t" not in line.text:
                return f" to line up with the '-' on line {line.number + 1} (column {dash + 1})"
        return ""
    if "\t" in previous.text:
        return ""
    dash, key = _columns(previous)
    match = _KEY_LINE.match(previous.text)
    if key is None or match is None:
        return ""
    name = match.group("key")
    if _opens_block(previous):  # `options:`: the line goes inside it
        return (f" to column {key + 3}, two spaces further in than '{name}:' on line "
                f"{previous.number + 1}")
    return f" to line up with '{name}:' on line {previous.number + 1} (column {key + 1})"


def _missing_space(line: Line, shown: str) -> Problem | None:
    """`feedback:This` typed without the space YAML needs after a key's colon."""
    match = _GLUED_KEY.match(line.text)
    if match is None or match.group("key") not in KNOWN_KEYS:
        return None
    key, value = match.group("key"), line.text[match.end():]
    return _problem(shown, line, match.end(), f"put a space after '{key}:': YAML reads "
                    f"'{key}:' only when a space follows it; write '{key}: "
                    f"{shorten(value.strip())}'", rule="yaml-missing-space")


def quote_advice(text: str) -> str:
    """How to quote a text: double quotes, unless it holds double quotes itself."""
    if '"' not in text:
        return "put the whole text in double quotes"
    if "'" in text:
        return ("put the whole text in single quotes (it contains double quotes), and write "
                "each apostrophe in it twice ('')")
    return "put the whole text in single quotes (it contains double quotes)"


# --- a parser error, explained -------------------------------------------------------------------


def explain_syntax_error(lines: list[str], shown: str, problem: str,
                         line: int, context_line: int | None) -> Problem | None:
    """The mistake behind a YAML parser error at 0-based `line`, or None when none is found."""
    numbered = {item.number: item for item in structural_lines(lines)}
    for number in dict.fromkeys((line, context_line)):
        if number is not None and number in numbered:
            found = _quote_problem(numbered[number], shown)
            if found:
                return found
    for number in dict.fromkeys((context_line, line)):
        if number is not None and number in numbered:
            found = _missing_space(numbered[number], shown)
            if found:
                return found
    if "could not find expected ':'" in problem and context_line in numbered:
        found = _missing_colon(numbered[context_line], shown)
        if found:
            return found
    if line in numbered and "expected '-' indicator" in problem:
        found = _not_an_item(numbered, line, shown)
        if found:
            return found
    if line in numbered:
        return _indent_or_colon(numbered, line, shown)
    return None


def _not_an_item(numbered: dict[int, Line], number: int, shown: str) -> Problem | None:
    """A `key:` line in the column of a list's dashes: it belongs to an item, or is one."""
    here = numbered[number]
    dash, key = _columns(here)
    match = _KEY_LINE.match(here.text)
    if dash is not None or key is None or match is None:
        return None
    for line in (numbered[n] for n in sorted(numbered, reverse=True) if n < number):
        other_dash, other_key = _columns(line)
        if other_dash == key:
            name, item = match.group("key"), _KEY_LINE.match(line.text)
            if item and other_key is not None and not _opens_block(line):
                # '- text: b' then 'feedback:' under its dash: a key of that item
                return _problem(shown, here, key, f"'{name}:' is under the '-' on line "
                                f"{line.number + 1}; indent it to line up with "
                                f"'{item.group('key')}:' (column {other_key + 1})",
                                rule="yaml-indent")
            return _problem(shown, here, key, f"'{name}:' is in line with the list items "
                            f"above (line {line.number + 1}) but does not start with '- '; "
                            f"write '- {name}:'", rule="yaml-missing-dash")
        if min(c for c in (other_dash, other_key) if c is not None) < key:
            return None  # left the list: the mistake is not this line's alone
    return None


def _value_start(text: str) -> int | None:
    """Where the value of a `key: value` or `- value` line starts, if it has one."""
    match = _KEY_LINE.match(text)
    if match:
        start = match.end()
    else:
        item = _ITEM_LINE.match(text)
        if not item:
            return None
        start = item.end()
    while start < len(text) and text[start] == " ":
        start += 1
    return start if start < len(text) else None


def _quote_problem(line: Line, shown: str, *, only_certain: bool = False) -> Problem | None:
    """Curly quotes used as quote marks; an apostrophe closing single-quoted text early.

    A text may rightly start with a curly quote (a patient's words); only_certain keeps to
    the cases YAML cannot read as meant (the quoted text holds ': ' or ' #').
    """
    start = _value_start(line.text)
    if start is None:
        return None
    value = line.text[start:]
    if value[0] in CURLY_QUOTES and (not only_certain or ": " in value or " #" in value):
        return _problem(shown, line, start, f"the text starts with a curly quote ({value[0]}) "
                        "from Word; use straight quotes (\") or none", rule="yaml-curly-quote")
    if value[0] == '"':
        end = _double_quote_end(value)
        after = value[end + 1:].lstrip() if end is not None else ""
        if end is not None and after and not after.startswith("#") \
                and not re.match(r":(?:\s|$)", after):
            text = value[1:].rstrip().removesuffix('"')
            twice = ", writing each apostrophe in it twice ('')" if "'" in text else ""
            key = _KEY_LINE.match(line.text)
            example = (f"{key.group('key')}: " if key else "- ") + f"'{shorten(text, 40)}'"
            return _problem(shown, line, start + end, "the text in double quotes ends at this "
                            "quotation mark, but more text follows: the text contains double "
                            f"quotes itself, so put the whole text in single quotes instead"
                            f"{twice}: {example}", rule="yaml-inner-quote")
    if value[0] == "'":
        end = _single_quote_end(value)
        if end is not None and value[end + 1:].strip() and not value[end + 1:].lstrip() \
                .startswith("#"):
            return _problem(shown, line, start + end, "an apostrophe inside text in single "
                            "quotes ends the text early; put the whole text in double quotes "
                            "instead (or write the apostrophe twice: '')", rule="yaml-apostrophe")
    return None


def _double_quote_end(value: str) -> int | None:
    """Index of the quote that closes a double-quoted value (\\" is an escaped quote)."""
    i = 1
    while i < len(value):
        if value[i] == "\\":
            i += 2
            continue
        if value[i] == '"':
            return i
        i += 1
    return None


def _single_quote_end(value: str) -> int | None:
    """Index of the quote that closes a single-quoted value ('' is an escaped quote)."""
    i = 1
    while i < len(value):
        if value[i] == "'":
            if value[i + 1:i + 2] == "'":
                i += 2
                continue
            return i
        i += 1
    return None


def _missing_colon(line: Line, shown: str) -> Problem | None:
    match = _WORD_KEY.match(line.text)
    if not match or not match.group("rest").strip():
        return None
    key, rest = match.group("key"), match.group("rest").strip()
    col = match.start("key") + len(key)
    return _problem(shown, line, col, f"'{key}' needs a colon after it: write '{key}: "
                    f"{shorten(rest)}'", rule="yaml-missing-colon")


def shorten(text: str, limit: int = 30) -> str:
    """The start of a long text, for quoting it in a message."""
    return text if len(text) <= limit else text[:limit].rstrip() + "…"


def _columns(line: Line) -> tuple[int | None, int | None]:
    """(column of the '-' of a list item, column of the key) on a line; None when absent."""
    match = _KEY_LINE.match(line.text)
    if match:
        dash = len(match.group("indent")) if match.group("dash") else None
        return dash, match.start("key")
    item = _ITEM_LINE.match(line.text)
    return (len(item.group("indent")), None) if item else (None, None)


def _opens_block(line: Line) -> bool:
    """A `key:` or `- key:` line with nothing after the colon: what follows is nested under it."""
    match = _KEY_LINE.match(line.text)
    return bool(match) and not line.text[match.end():].split("#")[0].strip()


def _indent_or_colon(numbered: dict[int, Line], number: int, shown: str) -> Problem | None:
    """A key or list item out of line with its neighbours, or the line above missing a colon."""
    here = numbered[number]
    above = [numbered[n] for n in sorted(numbered) if n < number]
    if not above:
        return None
    previous = above[-1]
    dash, key = _columns(here)
    column = key if dash is None else dash
    if column is None:
        return None
    if _opens_block(previous) and column > (_columns(previous)[1] or 0):
        return None  # the first line of a nested mapping or list: nothing to line up with
    if dash is None:
        keys_above = [(_columns(line)[1], line) for line in above]
        words = _WORD_KEY.match(previous.text)
        if _columns(previous)[1] is None and words and words.start("key") == key:
            return _missing_colon(previous, shown)  # '- text The maintenance…' then 'key:'
        if any(k == key for k, _ in keys_above):
            return None
        name = _KEY_LINE.match(here.text).group("key")  # type: ignore[union-attr]
        candidates = [(k, line) for k, line in keys_above if k is not None]
        other_key, line = min(reversed(candidates), key=lambda c: abs(c[0] - key))
        other = _KEY_LINE.match(line.text).group("key")  # type: ignore[union-attr]
        return _problem(shown, here, key, f"'{name}:' is not lined up with '{other}:' on line "
                        f"{line.number + 1}; move it to column {other_key + 1} (it is at column "
                        f"{key + 1})", rule="yaml-indent")
    dashes_above = [(d, line) for d, line in ((_columns(line)[0], line) for line in above)
                    if d is not None]
    if not dashes_above or any(d == dash for d, _ in dashes_above):
        return None
    nearest, line = min(reversed(dashes_above), key=lambda c: abs(c[0] - dash))
    return _problem(shown, here, dash, f"this list item is not lined up with the one on line "
                    f"{line.number + 1}; put its '-' at column {nearest + 1} (it is at column "
                    f"{dash + 1})", rule="yaml-indent")


def alias_problem(shown: str, line: int, col: int, kind: str, name: str,
                  more: int) -> Problem:
    """A YAML alias (`*name`) or anchor (`&name`), refused in every file the project reads.

    An alias repeats the node marked by its anchor, and nested aliases repeat repeats: a few
    hundred bytes can expand to billions of texts (an "alias bomb") and hang every check. No
    quiz or page needs them, so the first one is reported and nothing else is read. A text
    that really starts with `&` or `*` (`&nbsp;`, `**bold**`) is read as one too: the fix is
    the same as for '@' or '%', quotes.
    """
    if kind == "text-start":  # `&nbsp;…`: a text read as an anchor with a bad name
        return Problem(shown, line, col, (
            f"the text starts with '&', which YAML reads as an anchor (a name for repeating "
            f"text, not allowed in this project's files), so '{shorten(name)}' cannot be read; "
            "put the whole text in double quotes"), rule="yaml-alias")
    if kind == "alias":
        message = (f"'*{shorten(name)}' repeats the text marked '&{shorten(name)}' elsewhere (a "
                   "YAML alias); aliases are not allowed in this project's files: write the "
                   "text out in full (if the text really starts with '*', put the whole text "
                   "in double quotes)")
    else:
        message = (f"'&{shorten(name)}' marks this text for repeating elsewhere (a YAML "
                   "anchor); anchors and aliases are not allowed in this project's files: "
                   f"remove '&{shorten(name)}' (if the text really starts with '&', put the "
                   "whole text in double quotes)")
    if more:
        plural = "aliases" if kind == "alias" else "anchors"
        message += f"; {more} more {plural if more > 1 else kind} in this file"
    return Problem(shown, line, col, message, rule="yaml-alias")
