"""Layer 1 of validation: quizzes/schema.json, the single statement of the quiz format (editors
use it too), and each schema error in words a teacher can act on, at the key or value concerned.

One verdict: the compiled check (fastjsonschema, its code kept in .cache/quizkit/) decides;
jsonschema only words the message. quizkit/validate.py runs this layer first, then its rules.
"""

from __future__ import annotations

import collections
import functools
import hashlib
import importlib.util
import json
import marshal
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import fastjsonschema

from quizkit.cache import CACHE_DIR, write_cache
from quizkit.model import LEVELS
from quizkit.problems import Problem, closest, suggest
from quizkit.source import DocPath, Document

# The warnings a question may silence with `allow: {rule: reason}` (quizkit/fairness.py).
ALLOWABLE = ("absolute-word", "count-in-stem", "few-options", "longest-option", "stem-word-in-key")
WRITTEN_KEYS = ("marks", "marking_points", "outline")
# Keys a teacher writes for the right answer, where the format has `correct: true` on the
# option: one line saying so, rather than a list of allowed keys and a "no correct option".
ANSWER_KEYS = frozenset({"answer", "answers", "key", "correct_answer", "right", "right_answer",
                         "correct_option", "solution"})


def did_you_mean(value: str, allowed: list[str] | tuple[str, ...],
                 cutoff: float = 0.6) -> str:
    """"did you mean 'analyse'?" or "" (case-insensitive, so 'Recall' finds 'recall')."""
    lowered = {a.lower(): a for a in allowed}
    return suggest(str(value).lower(), lowered, cutoff=cutoff, shown=lowered.__getitem__,
                   otherwise="")


@functools.cache
def _schema(schema_path: Path) -> dict[str, Any]:
    return json.loads(schema_path.read_text(encoding="utf-8"))


@functools.cache
def _fast_check(schema_path: Path) -> Callable[[Any], Any]:
    """A compiled pass/fail check: about 20 times faster than jsonschema on a valid bank.

    fastjsonschema writes some 100 KB of Python for the schema, and compiling that took more
    time than checking a whole bank. So the compiled code is kept in .cache/quizkit/, named by
    the schema's text, fastjsonschema's version and Python's bytecode version, and only
    loaded on later runs. Best effort: without a usable cache it is compiled as before.
    """
    text = schema_path.read_text(encoding="utf-8")
    stamp = f"{fastjsonschema.VERSION}\n{importlib.util.MAGIC_NUMBER.hex()}\n{text}"
    cache_file = CACHE_DIR / f"schema-{hashlib.sha256(stamp.encode()).hexdigest()[:20]}"
    try:
        entry, code = marshal.loads(cache_file.read_bytes())
    except (OSError, ValueError, EOFError, TypeError):
        source = fastjsonschema.compile_to_code(_schema(schema_path))
        entry = re.search(r"^def (\w+)\(", source, re.MULTILINE).group(1)  # type: ignore[union-attr]
        code = compile(source, f"<fastjsonschema: {schema_path.name}>", "exec")
        write_cache(cache_file, marshal.dumps((entry, code)))
    namespace: dict[str, Any] = {}
    exec(code, namespace)  # fastjsonschema's own code, for our own schema
    return namespace[entry]


# fastjsonschema's error, shaped like a jsonschema one (the attributes schema_problems reads),
# for when jsonschema finds nothing to say.
_FastError = collections.namedtuple(
    "_FastError", "absolute_path validator message instance schema validator_value")


def schema_errors(data: Any, schema_path: Path) -> list[Any]:
    """Every schema error in `data`, or [] when it is valid.

    One verdict: the compiled check (fastjsonschema) decides. Valid files (nearly all of them,
    nearly always) only pay for it; jsonschema, which can list every error with its path, runs
    only when it fails, to say what is wrong. Should jsonschema find nothing (the two engines
    read a rule differently, as they once read the patterns' `$`: tests/test_compiler.py runs
    both over every fixture), the compiled check's own error is reported: the file is still
    refused, never passed on to a build that would then fail.
    """
    try:
        _fast_check(schema_path)(data)
        return []
    except fastjsonschema.JsonSchemaValueException as fast:
        import jsonschema  # imported here: loading it costs more than checking a valid bank

        errors = list(jsonschema.Draft7Validator(_schema(schema_path)).iter_errors(data))
        if errors:
            return errors
        path = tuple(int(step) if str(step).isdigit() else step  # list indexes as text
                     for step in fast.path[1:])  # and a first step "data"
        return [_FastError(path, fast.rule or "", fast.message, fast.value,
                           fast.definition or {}, fast.rule_definition)]


# --- layer 1: the schema, in plain words -------------------------------------------------------


def describe(doc: Document, path: DocPath) -> str:
    """'question 3 (tl-contract)', 'option 2 of question 3 (tl-contract)', or 'the quiz'."""
    data = doc.data
    parts: list[str] = []
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        question = _get(data, path[:2])
        qid = question.get("id") if isinstance(question, dict) else None
        parts.append(f"question {path[1] + 1}" + (f" ({qid})" if isinstance(qid, str) else ""))
        if len(path) >= 4 and path[2] == "options" and isinstance(path[3], int):
            parts.insert(0, f"option {path[3] + 1} of")
        if len(path) >= 4 and path[2] == "marking_points" and isinstance(path[3], int):
            parts.insert(0, f"marking point {path[3] + 1} of")
        if len(path) >= 3 and path[2] == "extra_credit":
            parts.insert(0, "the extra credit of")
    if len(path) >= 2 and path[0] == "papers" and isinstance(path[1], int):
        return _describe_paper(data, path)
    return " ".join(parts) or "the quiz"


def _describe_paper(data: Any, path: DocPath) -> str:
    """'paper 1 (unit-iv-mock)' or 'section 2 of paper 1 (unit-iv-mock)'."""
    paper = _get(data, path[:2])
    pid = paper.get("id") if isinstance(paper, dict) else None
    named = f"paper {path[1] + 1}" + (f" ({pid})" if isinstance(pid, str) else "")
    if len(path) >= 4 and path[2] == "sections" and isinstance(path[3], int):
        return f"section {path[3] + 1} of {named}"
    return named


def _get(data: Any, path: DocPath) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def schema_problems(doc: Document, error: Any) -> list[Problem]:
    """One jsonschema error, as sentences pointing at the key or value concerned."""
    path: DocPath = tuple(error.absolute_path)
    keyword = error.validator
    field = path[-1] if path and isinstance(path[-1], str) else None
    owner = describe(doc, path if field is None else path[:-1])
    if field == "extra_credit" and keyword in ("required", "additionalProperties"):
        owner = f"the extra credit of {owner}"  # the error is about its keys
    if field == "extra_credit" and keyword == "type":
        return [doc.at(path, f"'extra_credit' of {owner} must be 'marks:' and 'for:' lines "
                             "indented under it, e.g. '  marks: 2' and '  for: founders and "
                             "dates'", rule="wrong-type")]

    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        problems = []
        for key in error.instance:
            if key in allowed:
                continue
            if field == "allow":
                hint = did_you_mean(key, ALLOWABLE)
                problems.append(doc.at(
                    (*path, key), f"'{key}' in the 'allow:' of {owner} is not a warning that can "
                    f"be allowed; {hint + ' ' if hint else ''}the ones that can be: "
                    f"{', '.join(ALLOWABLE)}", key=True, rule="allow-unknown-rule"))
                continue
            hint = _answer_key_hint(key, path, allowed) or suggest(
                key, allowed, otherwise=f"allowed here: {', '.join(allowed)}")
            problems.append(doc.at((*path, key), f"unknown key '{key}' in {owner}; {hint}",
                                   key=True, rule="unknown-key"))
        return problems

    if keyword == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        problems = []
        misspelt = {closest(k, error.validator_value) for k in error.instance
                    if k not in error.schema.get("properties", {})} - {None}
        for key in missing:
            if key in misspelt:
                continue  # the unknown-key message already says "did you mean 'prompt'?"
            if key == "feedback" and "correct" in error.instance:
                continue  # `correct: maybe` is reported on its own; no second line for it
            if key == "feedback" and _answer_key_in(doc, path):
                continue  # the right answer written as 'answer:': said once, on that key
            if key == "feedback":
                problems.append(doc.at(path, f"{owner} is incorrect but has no 'feedback:'; say "
                                       "why it is wrong (or add 'correct: true' if it is a "
                                       "right answer)", rule="option-without-feedback"))
            elif key == "level":
                problems.append(doc.at(path, f"{owner} is missing 'level:'; say what it asks of "
                                       f"the student: {', '.join(LEVELS)}", rule="level-missing"))
            elif key in ("marks", "marking_points"):
                present = ", ".join(repr(k + ":") for k in WRITTEN_KEYS if k in error.instance)
                problems.append(doc.at(path, f"{owner} is a written question (it has {present})"
                                       f" but no '{key}:'; a written question needs 'marks:' "
                                       "and 'marking_points:'", rule="written-incomplete"))
            else:
                problems.append(doc.at(path, f"{owner} is missing '{key}:'", rule="missing-key"))
        return problems

    if keyword == "enum" and field == "level":
        hint = did_you_mean(error.instance, LEVELS)
        return [doc.at(path, f"{owner} has level '{error.instance}', which is not one "
                                  f"of the four; {hint + ' ' if hint else ''}levels: "
                                  f"{', '.join(LEVELS)}", rule="level-unknown")]

    if len(path) >= 5 and path[0] == "papers" and path[-2] == "questions":
        return [doc.at(path, f"item {path[-1] + 1} of the questions of {describe(doc, path)} "
                             "must be the id of a written question of this file, e.g. "
                             "'ex-sn-contract' (found nothing or a list)",
                       rule="paper-question-id")]

    if keyword == "not" and field in ("extra_credit", "beyond_syllabus"):
        return [doc.at(path, f"'{field}:' applies only to written questions (with 'marks:' "
                             f"and 'marking_points:'), and {owner} is not one; remove it",
                       key=True, rule="key-not-applicable")]

    if keyword == "not" and field in ("options", "shuffle", "typos", "multiple"):
        question = _get(doc.data, path[:2]) or {}
        if field == "options":
            return [doc.at(path, f"{owner} is a written question (it has 'marks:' "
                                      "or 'marking_points:') and also 'options:'; a written "
                                      "question has no options: remove one or the other",
                                      key=True, rule="written-with-options")]
        applies = "fill-in questions" if field == "typos" else "choice questions"
        kind = ("a written" if any(k in question for k in WRITTEN_KEYS)
                else "a choice" if "options" in question else "a fill-in")
        return [doc.at(path, f"'{field}:' applies only to {applies}, and {owner} is "
                                  f"{kind} question; remove it", key=True,
                       rule="key-not-applicable")]

    if keyword == "not" and field == "prompt" and any(k in (_get(doc.data, path[:2]) or {})
                                                        for k in WRITTEN_KEYS):
        return [doc.at(path, f"{owner} is a written question but its prompt has a "
                                  "[[blank]]; write the question as plain text",
                       rule="written-with-blank")]

    if field == "marks" and keyword in ("minimum", "pattern", "type"):
        return [doc.at(path, f"'marks' of {owner} must be a whole number, 1 or more "
                                  f"(found {error.instance!r})", rule="marks-number")]
    if field == "answer" and path[:1] == ("papers",) and keyword in ("minimum", "pattern",
                                                                       "type"):
        return [doc.at(path, f"'answer' of {owner} must be a whole number, 1 or more: how "
                             f"many of its questions a candidate answers (found "
                             f"{error.instance!r})", rule="paper-answer-number")]

    if len(path) >= 2 and path[-2] == "allow" and (keyword == "minLength"
                                                   or error.instance is None):
        return [doc.at(path, f"the reason for allowing '{field}' in {owner} is "
                                  "empty; say why the warning does not apply to this question",
                       rule="allow-no-reason")]

    if keyword == "contains":
        if any(isinstance(o, dict) and "correct" in o and not isinstance(o["correct"], bool)
               for o in error.instance):
            return []  # a `correct:` that is not true/false is reported on its own
        if _answer_key_in(doc, path):
            return []  # the right answer written as 'answer:': said once, on that key
        return [doc.at(path, f"{owner} has no correct option; add 'correct: true' to the right "
                             "answer (or to each right answer)", key=True,
                       rule="no-correct-option")]

    if keyword in ("minItems", "maxItems"):
        if field == "options":
            count = len(error.instance)
            return [doc.at(path, f"{owner} has {count} option{'s' * (count != 1)}; a choice "
                                 "question needs 2 to 8", key=True, rule="option-count")]
        return [doc.at(path, "the quiz has no questions; add at least one under 'questions:'",
                       key=True, rule="no-questions")]

    if keyword == "not" and field == "prompt":
        return [doc.at(path, f"{owner} has both 'options:' and a [[blank]] in its prompt; a "
                             "question is either a choice or a fill-in: remove one of them",
                       rule="options-and-blank")]

    if keyword == "pattern" and path == ("title",):
        return [doc.at(path, _pattern_message(owner, field, error.instance),
                       rule="title-one-line")]
    if keyword == "pattern":
        return [doc.at(path, _pattern_message(owner, field, error.instance),
                       rule={"id": "bad-id", "objective": "bad-id", "text": "text-multiline",
                             "prompt": "no-options-no-blank"}.get(field, "bad-page-path"))]

    if keyword == "minLength" or error.instance is None:
        return [doc.at(path, f"'{field}' of {owner} is empty; write the text after '{field}:'",
                       rule="empty-text")]

    if keyword == "type" and field in ("correct", "shuffle", "typos", "multiple", "short_notes",
                                       "beyond_syllabus"):
        return [doc.at(path, _type_message(owner, field, path, error), rule="not-true-false")]
    if keyword == "type" and field == "allow":
        return [doc.at(path, _type_message(owner, field, path, error), rule="allow-not-mapping")]
    if keyword == "type":
        return [doc.at(path, _type_message(owner, field, path, error), rule="wrong-type")]

    # a rule added to the schema later
    return [doc.at(path, f"{owner}: {error.message}", rule="schema-rule")]


def _answer_key_hint(key: str, path: DocPath, allowed: list[str]) -> str | None:
    """For 'answer:' (or 'right:', 'key:'…) where the format marks the right option with
    'correct: true': how to write it, on the question or on an option."""
    if key not in ANSWER_KEYS or key in allowed:
        return None
    if "correct" in allowed:  # on an option
        return f"to mark this option as a right answer, write 'correct: true' instead of '{key}:'"
    if "options" in allowed:  # on a question
        return ("to mark the right answer, delete this line and put 'correct: true' under that "
                "option's 'text:' (under each right option, if there are several)")
    return None


def _answer_key_in(doc: Document, path: DocPath) -> bool:
    """Whether the question at or above `path` has an answer-like key of its own, or one of
    its options has."""
    if len(path) < 2 or path[0] != "questions":
        return False
    question = _get(doc.data, path[:2])
    if not isinstance(question, dict):
        return False
    options = question.get("options")
    keys = set(question) | {k for o in (options if isinstance(options, list) else [])
                            if isinstance(o, dict) for k in o}
    return bool(keys & ANSWER_KEYS)


def _pattern_message(owner: str, field: str | None, value: Any) -> str:
    value = str(value).replace("\n", "\\n")  # a line break shown, not printed: one line
    if field in ("id", "objective"):
        return (f"'{value}' is not a valid {field} in {owner}: use lowercase letters, digits "
                "and single hyphens, e.g. 'tl-length'")
    if field == "title":
        return ("the title of the quiz runs over several lines; keep it on one line (it is the "
                "page's title in the menu)")
    if field == "text":
        return (f"the text of {owner} runs over several lines; keep an option on one line and "
                "put details in its 'feedback:'")
    if field == "prompt":
        return (f"{owner} has no 'options:' and no [[answer]] blank in its prompt; add options "
                "for a choice question, or write the answer in double brackets for a fill-in, "
                "e.g. 'agreed in a treatment [[contract]]'")
    return (f"'{value}' is not a page path: write the path under docs/ ending in .md, e.g. "
            "'lessons/time-limit.md' (a review link may add '#heading-anchor')")


def _type_message(owner: str, field: str | None, path: DocPath, error: Any) -> str:
    found = {bool: "true/false", str: "text", dict: "key: value lines", list: "a list",
             type(None): "nothing"}.get(type(error.instance), type(error.instance).__name__)
    if isinstance(error.instance, bool):
        found = f"{str(error.instance).lower()}: YAML reads yes/no/on/off as true/false"

    if field in ("correct", "shuffle", "typos", "short_notes", "beyond_syllabus"):
        return f"'{field}' of {owner} must be true or false (found {error.instance!r})"
    if field in ("allow",):
        return (f"'allow' of {owner} must be 'warning: reason' lines indented under it, e.g. "
                "'  longest-option: the full definition is the point'")
    if field in ("questions", "options", "marking_points", "papers", "sections"):
        return (f"'{field}' must be a list, one item per line starting with '- ' "
                f"(found {found})")
    if path and isinstance(path[-1], int):
        first = {"questions": "id", "papers": "id", "sections": "answer"}.get(
            str(path[-2]) if len(path) >= 2 else "", "text")
        return f"{owner} must be 'key: value' lines (e.g. '- {first}: ...'), found {found}"
    if not path:
        return "a quiz file must be 'key: value' lines: title, lesson and questions"
    return f"'{field}' of {owner} must be text (found {found}); put it in quotes"
