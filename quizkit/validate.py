"""Validate quiz files against the format and the module, and build Quiz objects.

Two layers, in this order:
1. quizzes/schema.json, the single statement of the format (editors use it too); each
   schema error is translated into a sentence a teacher can act on, at the key or value concerned;
2. the rules a schema cannot state: objectives and review anchors exist in the lessons, question
   ids are unique across files, marking points add up, no text can reach a page as HTML or
   script or break mkdocs-quiz's markup (quizkit/sanitize.py, one check for every text field),
   and no option gives the answer away (quizkit/fairness.py): errors, and warnings a question
   may `allow:` with a reason.

Every message added since rule ids exist carries one (`[rule-id]` at the end of the line); the
faculty guide lists them all.
"""

from __future__ import annotations

import collections
import dataclasses
import difflib
import functools
import hashlib
import importlib.util
import json
import marshal
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import fastjsonschema

from quizkit import fairness, sanitize
from quizkit.anchors import CACHE_FILE, write_cache
from quizkit.model import (
    ALTERNATIVES,
    BLANK,
    LEVELS,
    Blank,
    ExtraCredit,
    MarkingPoint,
    Option,
    Paper,
    PaperSection,
    Question,
    Quiz,
    presentation_order,
    short_note_topic,
)
from quizkit.pages import Page
from quizkit.problems import Problem, suggest
from quizkit.source import DocPath, Document, load

QUIZ_SUFFIXES = (".yml", ".yaml")
SCHEMA_FILE = "schema.json"

_DOUBLE_BRACKET = re.compile(r"\[\[|\]\]")
_ANSWER_LINE = re.compile(r"^\s*[-*+]\s*\[.?\]")

UNIT_PAGE = "index.md"  # a quiz of the whole unit may test an objective of any page
# The warnings a question may silence with `allow: {rule: reason}` (quizkit/fairness.py).
ALLOWABLE = ("absolute-word", "count-in-stem", "few-options", "longest-option", "stem-word-in-key")
WRITTEN_KEYS = ("marks", "marking_points", "outline")


def _did_you_mean(value: str, allowed: list[str] | tuple[str, ...], cutoff: float = 0.6) -> str:
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
    cache_file = CACHE_FILE.parent / f"schema-{hashlib.sha256(stamp.encode()).hexdigest()[:20]}"
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


# fastjsonschema's error, shaped like a jsonschema one (the attributes _schema_problems reads),
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


def quiz_files(quizzes_dir: Path) -> list[Path]:
    """The quiz sources, in a stable order."""
    return sorted(p for p in quizzes_dir.iterdir() if p.suffix in QUIZ_SUFFIXES and p.is_file())


# --- layer 1: the schema, in plain words -------------------------------------------------------


def _describe(doc: Document, path: DocPath) -> str:
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


def _schema_problems(doc: Document, error: Any) -> list[Problem]:
    """One jsonschema error, as sentences pointing at the key or value concerned."""
    path: DocPath = tuple(error.absolute_path)
    keyword = error.validator
    field = path[-1] if path and isinstance(path[-1], str) else None
    owner = _describe(doc, path if field is None else path[:-1])
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
                hint = _did_you_mean(key, ALLOWABLE)
                problems.append(doc.at(
                    (*path, key), f"'{key}' in the 'allow:' of {owner} is not a warning that can "
                    f"be allowed; {hint + ' ' if hint else ''}the ones that can be: "
                    f"{', '.join(ALLOWABLE)}", key=True, rule="allow-unknown-rule"))
                continue
            hint = suggest(key, allowed, otherwise=f"allowed here: {', '.join(allowed)}")
            problems.append(doc.at((*path, key), f"unknown key '{key}' in {owner}; {hint}",
                                   key=True, rule="unknown-key"))
        return problems

    if keyword == "required":
        missing = [k for k in error.validator_value if k not in error.instance]
        problems = []
        misspelt = {m for k in error.instance
                    for m in difflib.get_close_matches(k, error.validator_value, n=1, cutoff=0.6)
                    if k not in error.schema.get("properties", {})}
        for key in missing:
            if key in misspelt:
                continue  # the unknown-key message already says "did you mean 'prompt'?"
            if key == "feedback" and "correct" in error.instance:
                continue  # `correct: maybe` is reported on its own; no second line for it
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
        hint = _did_you_mean(error.instance, LEVELS)
        return [doc.at(path, f"{owner} has level '{error.instance}', which is not one "
                                  f"of the four; {hint + ' ' if hint else ''}levels: "
                                  f"{', '.join(LEVELS)}", rule="level-unknown")]

    if len(path) >= 5 and path[0] == "papers" and path[-2] == "questions":
        return [doc.at(path, f"item {path[-1] + 1} of the questions of {_describe(doc, path)} "
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


# --- layer 2: rules a schema cannot state -------------------------------------------------------


def _text_fields(question: dict[str, Any], index: int) -> list[tuple[DocPath, str]]:
    """Every text of a question that reaches a page, with its path in the document."""
    base: DocPath = ("questions", index)
    fields = [((*base, k), question[k]) for k in ("prompt", "explanation", "outline")
              if k in question]
    for key, keys in (("options", ("text", "feedback")), ("marking_points", ("text",))):
        items = question.get(key)
        for j, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                fields += [((*base, key, j, k), item[k]) for k in keys if k in item]
    allow = question.get("allow")
    if isinstance(allow, dict):
        fields += [((*base, "allow", rule), reason) for rule, reason in allow.items()]
    extra = question.get("extra_credit")
    if isinstance(extra, dict) and "for" in extra:
        fields.append(((*base, "extra_credit", "for"), extra["for"]))
    return [(p, v) for p, v in fields if isinstance(v, str)]


def _field_name(path: DocPath) -> str:
    """'prompt', 'feedback', 'text', or "reason for 'allow: longest-option'"."""
    if len(path) >= 2 and path[-2] == "allow":
        return f"reason for 'allow: {path[-1]}'"
    if path[-1] == "for":
        return "'for:' text"
    return str(path[-1])


def _position(doc: Document, path: DocPath, text: str, offset: int) -> tuple[int, int]:
    """The file position of text[offset]: exact in a `|` block, else where the value starts."""
    line, col = doc.line_of(path, text.count("\n", 0, offset))
    if path in doc.literal_blocks:
        return line, col + offset - (text.rfind("\n", 0, offset) + 1)
    if "\n" not in text[:offset] and line <= len(doc.lines):  # a one-line value, maybe quoted
        source = doc.lines[line - 1]
        start = col if source[col - 1: col] in ("'", '"') else col - 1
        if source[start + offset: start + offset + 8] == text[offset: offset + 8]:
            return line, start + offset + 1
    return line, col


def _texts(value: Any, path: DocPath = ()) -> list[tuple[DocPath, str]]:
    """Every text in a quiz document, with its path: the one list of fields checked for what
    could reach a page. Every value is taken, not a list of known keys, so a field added to
    the format later (and ids, page paths: they are checked all the same) cannot be
    forgotten."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _texts(item, (*path, key))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _texts(item, (*path, i))]
    return []


def _safe_text_problems(doc: Document, markdown: sanitize.MarkdownSettings) -> list[Problem]:
    """Every text of the file that could reach a page as live HTML or script."""
    return [problem for path, text in _texts(doc.data)
            for problem in _unsafe_problems(doc, path, text, markdown)]


def _unsafe_problems(doc: Document, path: DocPath, text: str,
                     markdown: sanitize.MarkdownSettings = sanitize.BROAD) -> list[Problem]:
    """Anything in a text that could reach a page as live HTML or script (quizkit.sanitize;
    `markdown`: the site's extensions, BROAD when not known: every extension the check knows,
    so nothing one of them would make is missed). _safe_text_problems calls this for every
    text of a file: a field needs no call of its own."""
    found_all = sanitize.check(text, markdown)
    if not found_all:  # nearly every text: no need to name its owner
        return []
    name = _field_name(path)
    owner = _describe(doc, path)
    problems = []
    for unsafe in found_all:
        found = unsafe.found
        where = _position(doc, path, text, unsafe.offset)
        if unsafe.rule == "raw-html":
            problems.append(Problem(doc.path, *where, (
                f"raw HTML in the {name} of {owner} ({found!r}); use Markdown instead (e.g. "
                "**bold**, *italic*, [link](page.md)); to show a '<' before a letter, write "
                "'&lt;'"), rule="raw-html"))
        elif unsafe.rule == "unsafe-link":
            problems.append(Problem(doc.path, *where, (
                f"the link {found!r} in the {name} of {owner} uses '{unsafe.detail}:', which "
                "can run code or hide content in a page; link only to pages of this module "
                "(lessons/page.md#anchor) or to http, https or mailto addresses"),
                rule="unsafe-link"))
        elif unsafe.rule == "remote-image":
            problems.append(Problem(doc.path, *where, (
                f"the image {found!r} in the {name} of {owner} comes from another site; the "
                "module loads nothing from other sites (students' privacy, and it must work "
                "offline): put the picture under docs/assets/ and link to it there"),
                rule="remote-image"))
        elif unsafe.rule == "unsafe-attribute":
            problems.append(Problem(doc.path, *where, (
                f"the attribute list {found!r} in the {name} of {owner} sets "
                f"'{unsafe.detail}'; only an #id or a .class may be set with {{ }} after "
                "Markdown: remove it"), rule="unsafe-attribute"))
        elif unsafe.detail == "---":
            problems.append(Problem(doc.path, *where, (
                f"a line with only '---' in the {name} of {owner} would end the question or "
                "start front matter; remove it"), rule="quiz-markup"))
        elif unsafe.detail == "--8<--":
            problems.append(Problem(doc.path, *where, (
                f"'--8<--' in the {name} of {owner} would paste another file into the page; "
                "remove it"), rule="quiz-markup"))
        else:
            problems.append(Problem(doc.path, *where, (
                f"{found!r} in the {name} of {owner} would open or close a quiz block; "
                "remove it"), rule="quiz-markup"))
    return problems


def _markup_problems(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """Text that would break the generated mkdocs-quiz page, pointed at the exact line."""
    problems = []
    is_fill_in = "options" not in question
    for path, text in _text_fields(question, index):
        name = _field_name(path)
        # Both line checks need a bracket: most texts have none and skip the loop.
        for n, line in enumerate(text.splitlines() if "[" in text or "]" in text else ()):
            answer_like = _ANSWER_LINE.match(line)
            # (A choice question's prompt with a blank is reported by the schema.)
            brackets = name != "prompt" and _DOUBLE_BRACKET.search(line)
            if not answer_like and not brackets:
                continue
            field_owner = _describe(doc, path)
            where = doc.line_of(path, n)
            if answer_like:
                problems.append(Problem(doc.path, *where, (
                    f"a line of the {name} of {field_owner} looks like a quiz answer ('- [ ]'); "
                    "write it as plain text or a numbered list"), rule="answer-line"))
            if brackets:
                problems.append(Problem(doc.path, *where, (
                    f"'[[' or ']]' in the {name} of {field_owner}; double brackets mark fill-in "
                    "blanks and may appear only in a fill-in question's prompt"),
                    rule="brackets-outside-prompt"))
        if name == "prompt" and is_fill_in:
            for match in BLANK.finditer(text):
                empty = not match.group(1).strip()
                if not empty and all(Blank.parse(match.group(1)).answers):
                    continue  # a good blank (nearly all): no need to name the question
                owner = _describe(doc, ("questions", index))
                where = _position(doc, path, text, match.start())
                if empty:
                    problems.append(Problem(doc.path, *where,
                                            f"empty blank [[ ]] in the prompt of {owner}; "
                                            "write the expected answer inside the brackets",
                                            rule="empty-blank"))
                else:  # an empty alternative: [[contract|]]
                    problems.append(Problem(
                        doc.path, *where,
                        f"the blank {match.group(0)} in the prompt of {owner} has an empty "
                        f"answer beside a '{ALTERNATIVES}'; list only real answers, e.g. "
                        "[[contract|agreement]]", rule="empty-alternative"))
        if name == "explanation" and text.lstrip().startswith(">"):
            owner = _describe(doc, ("questions", index))
            problems.append(Problem(doc.path, *doc.line_of(path, 0),
                                    f"the explanation of {owner} starts with '>' (a quote); "
                                    "mkdocs-quiz would read it as answer feedback: start with "
                                    "a sentence", rule="explanation-quote"))
    return problems


# --- fair questions (quizkit/fairness.py measures; the words are here) -------------------------


def _author_options(question: dict[str, Any]) -> list[Option] | None:
    """The options as written (order kept), or None when they are not yet well formed."""
    options = question.get("options")
    if not isinstance(options, list) or not all(
            isinstance(o, dict) and isinstance(o.get("text"), (str, int, float)) for o in options):
        return None
    return [Option(str(o["text"]), o.get("correct") is True, None) for o in options]


def _fairness_errors(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """Options that give the answer away whatever the reason: errors, never allowed."""
    options = _author_options(question)
    if options is None:
        return []
    problems = []
    first_seen: dict[str, int] = {}
    for j, option in enumerate(options):
        where = ("questions", index, "options", j, "text")
        if fairness.is_whole_list_option(option.text):
            problems.append(doc.at(where, (
                f"{_describe(doc, where)} is '{option.text}'; an 'all/none of the above' option "
                "can be answered from the other options without knowing this one: list the "
                "statements as options of a multiple-answer question, or write a real option"),
                rule="all-of-the-above"))
        elif (pointer := fairness.refers_to_other_options(option.text)) is not None:
            problems.append(doc.at(where, (
                f"{_describe(doc, where)} points at other options or lettered items by "
                f"'{pointer}'; options are shuffled in every output and lettered afresh in the "
                "handouts, so such a pointer means nothing or names the wrong option: say in "
                "words what you mean, or make it a multiple-answer question whose options are "
                "the statements themselves"),
                rule="option-refers-to-others"))
        same = first_seen.setdefault(fairness.normalised(option.text), j)
        if same != j:
            problems.append(doc.at(where, (
                f"{_describe(doc, where)} has the same text as option {same + 1}; make every "
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
            f"{_describe(doc, ('questions', index))} has {len(correct)} correct options "
            f"({', '.join(str(j + 1) for j in correct)}) but does not say 'multiple: true'; if "
            "students should choose several, add 'multiple: true' to the question (they then "
            "get checkboxes); otherwise remove 'correct: true' from the option that is not "
            "right"), rule="multiple-not-declared")]
    if declared and len(correct) == 1:
        return [doc.at(("questions", index, "multiple"), (
            f"{_describe(doc, ('questions', index))} says 'multiple: true' but only option "
            f"{correct[0] + 1} is correct; mark every right option 'correct: true' (two or "
            "more), or remove 'multiple: true'"), key=True, rule="multiple-one-correct")]
    return []


def _fairness_warnings(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
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
                f"{_describe(doc, ('questions', index))} allows '{rule}', but that warning does "
                "not apply to it; remove the line from its 'allow:' (the coverage page lists "
                "every allowance)"),
                key=True, rule="allow-unused"))
    return problems


def _cues(doc: Document, question: dict[str, Any], options: list[Option],
          index: int) -> list[Problem]:
    """Every fair-question warning of one choice question, allowed or not."""

    def owner() -> str:  # worded only for a message: most questions have none
        return _describe(doc, ("questions", index))

    problems = []
    excess = fairness.longest_key_excess(options)
    if excess is not None:
        key, extra = excess
        j = options.index(key)
        longest_wrong = max(fairness.visible_length(o.text) for o in options if not o.correct)
        problems.append(doc.at(("questions", index, "options", j, "text"), (
            f"the right option {j + 1} of {owner()} is {round(extra * 100)}% longer than the "
            f"longest wrong one ({fairness.visible_length(key.text)} characters against "
            f"{longest_wrong}); students learn to pick the longest option: shorten it or give "
            "a wrong option the same detail (or add 'allow: {longest-option: reason}')"),
            rule="longest-option"))
    if not any(fairness.absolute_words(o.text) for o in options if o.correct):
        for j, option in enumerate(options):
            words = fairness.absolute_words(option.text) if not option.correct else []
            if words:
                said = "', '".join(words)
                problems.append(doc.at(("questions", index, "options", j, "text"), (
                    f"the wrong option {j + 1} of {owner()} says '{said}' and no right option "
                    "uses such a word; students learn that absolute options are wrong: reword "
                    "it (or add 'allow: {absolute-word: reason}')"), rule="absolute-word"))
    right = sum(o.correct for o in options)
    if right == 1 and len(options) < fairness.MIN_SINGLE_OPTIONS:
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
    count = fairness.stated_count(prompt) if sum(o.correct for o in options) > 1 else None
    if count is not None:
        problems.append(doc.at(("questions", index, "prompt"), (
            f"the prompt of {_describe(doc, ('questions', index))} says how many options to "
            f"pick ('{count}'); students stop after that many and need not know the rest: "
            "remove the number and keep 'Select all that apply.' (or add 'allow: "
            "{count-in-stem: reason}')"), rule="count-in-stem"))
    for key, words in fairness.stem_words_in_key(prompt, options):
        j = options.index(key)
        said = "', '".join(words)
        problems.append(doc.at(("questions", index, "options", j, "text"), (
            f"the right option {j + 1} of {_describe(doc, ('questions', index))} repeats "
            f"'{said}' from the prompt and no wrong option does; students pick the option "
            "that echoes the question: reword the key, or use the word in a wrong option too "
            "(or add 'allow: {stem-word-in-key: reason}')"), rule="stem-word-in-key"))
    return problems


def _module_problems(doc: Document, pages: dict[str, Page]) -> list[Problem]:
    """The lesson, objectives and review links must exist in docs/.

    A quiz of the unit (`lesson: index.md`) may test the objective of any page: objective ids
    are unique across the module (quizkit/pages.py checks that), so the id names its page.
    """
    data = doc.data
    lesson_path = data.get("lesson")
    lesson = pages.get(lesson_path) if isinstance(lesson_path, str) else None
    unit = lesson_path == UNIT_PAGE
    problems = []
    if isinstance(lesson_path, str) and lesson is None:
        problems.append(doc.at(("lesson",), f"lesson '{lesson_path}' does not exist under docs/; "
                                            f"{suggest(lesson_path, sorted(pages))}",
                               rule="lesson-missing"))
    elif lesson is not None and not lesson.objectives and not unit:
        problems.append(doc.at(("lesson",), f"docs/{lesson_path} declares no objectives in its "
                                            "front matter, so questions have nothing to test",
                                  rule="lesson-no-objectives"))
    if unit:
        declared = {oid: page.path for page in pages.values() for oid in page.objectives}
        where = "on any page of the module (this quiz's lesson is the unit, index.md)"
    else:
        declared = dict.fromkeys(lesson.objectives if lesson else {}, lesson_path)
        where = f"in docs/{lesson_path}"
    for i, question in enumerate(data.get("questions") or []):
        if not isinstance(question, dict):
            continue
        objective = question.get("objective")
        if lesson is not None and declared and isinstance(objective, str) \
                and objective not in declared:
            hint = suggest(objective, sorted(declared),
                           otherwise=f"declared: {', '.join(sorted(declared))}")
            problems.append(doc.at(("questions", i, "objective"),
                                   f"objective '{objective}' is not declared {where}; {hint}",
                                   rule="objective-undeclared"))
        review = question.get("review")
        if isinstance(review, str):
            problems += _review_problems(doc, ("questions", i, "review"), review, pages)
        points = question.get("marking_points")
        for j, point in enumerate(points if isinstance(points, list) else []):
            review = point.get("review") if isinstance(point, dict) else None
            if isinstance(review, str):
                problems += _review_problems(doc, ("questions", i, "marking_points", j, "review"),
                                             review, pages)
    return problems


def _marks_problems(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """A written question's marking points must add up to its marks."""
    points = question.get("marking_points")
    if not isinstance(points, list):
        return []
    marks = [_whole_number(p.get("marks")) if isinstance(p, dict) else None for p in points]
    total = _whole_number(question.get("marks"))
    if total is None or any(m is None for m in marks):
        return []  # a missing or bad number is reported by the schema
    added = sum(m for m in marks if m is not None)
    if added == total:
        return []
    owner = _describe(doc, ("questions", index))
    return [doc.at(("questions", index, "marks"),
                              f"marking points of {owner} add up to {added} "
                              f"mark{'s' * (added != 1)} but the question is worth {total}; "
                              "make them equal", rule="marks-total")]


def _whole_number(value: Any) -> int | None:
    """marks: 5 (read as text "5" by quizkit.source, or 5 by other YAML readers) -> 5."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 1 else None
    if isinstance(value, str) and re.fullmatch(r"[1-9][0-9]*", value):
        return int(value)
    return None


def _review_problems(doc: Document, path: DocPath, review: str,
                     pages: dict[str, Page]) -> list[Problem]:
    page_path, _, anchor = review.partition("#")
    page = pages.get(page_path)
    if page is None:
        return [doc.at(path, f"review page '{page_path}' does not exist under docs/; "
                             f"{suggest(page_path, sorted(pages))}",
                       rule="review-page-missing")]
    if anchor and anchor not in page.anchors:
        hint = suggest(anchor, sorted(page.anchors), cutoff=0.5, shown=lambda a: f"#{a}",
                       otherwise="headings there: " + ", ".join(f"#{a}" for a in page.anchors))
        return [doc.at(path, f"'#{anchor}' is not a heading on docs/{page_path}; {hint}",
                       rule="review-anchor-missing")]
    return []


# --- written questions: credit as extra, and question papers ------------------------------------


def _extra_credit_problems(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """Credit as extra stays extra: at most a quarter of the question's marks, so the notes'
    own points always carry most of the mark (the syllabus first)."""
    extra = question.get("extra_credit")
    marks = _whole_number(question.get("marks"))
    extra_marks = _whole_number(extra.get("marks")) if isinstance(extra, dict) else None
    if marks is None or extra_marks is None or extra_marks <= marks // 4:
        return []
    limit = marks // 4
    owner = _describe(doc, ("questions", index))
    allowed = (f"at most {limit} for a {marks}-mark question" if limit
               else f"none for a {marks}-mark question: remove 'extra_credit:'")
    return [doc.at(("questions", index, "extra_credit", "marks"), (
        f"the extra credit of {owner} is worth up to {extra_marks} marks; extra material may "
        f"earn at most a quarter of the question's marks ({allowed}), so that the notes' own "
        "points carry the mark: lower it"), rule="extra-credit-too-many")]


def _papers_problems(doc: Document) -> list[Problem]:
    """A paper's sections must name written questions of this file, each once, ask for no more
    answers than they offer, and let full marks and a full-marks answer be reached from the
    syllabus alone: equal marks when the candidate chooses, enough questions in the syllabus."""
    data = doc.data
    papers = data.get("papers")
    if papers is None:
        return []
    questions = [q for q in data.get("questions") or [] if isinstance(q, dict)]
    written = {str(q["id"]): q for q in questions
               if "id" in q and any(k in q for k in WRITTEN_KEYS)}
    if len(written) < len(questions):
        return [doc.at(("papers",), (
            "'papers:' is in a quiz of self-check questions; a paper is made of written "
            "questions (with 'marks:' and 'marking_points:'): move it to a quiz of written "
            "questions, such as quizzes/exam-practice.yml"), key=True, rule="papers-not-written")]
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    for i, paper in enumerate(papers if isinstance(papers, list) else []):
        if not isinstance(paper, dict):
            continue
        pid = paper.get("id")
        if isinstance(pid, str) and pid in seen_ids:
            problems.append(doc.at(("papers", i, "id"), (
                f"paper id '{pid}' is already used by paper {seen_ids[pid] + 1}; each paper "
                "needs its own id (it names the paper's handout files)"),
                rule="paper-duplicate-id"))
        elif isinstance(pid, str):
            seen_ids[pid] = i
        for key in ("title", "institution", "course"):
            if isinstance(paper.get(key), str):
                problems += _unsafe_problems(doc, ("papers", i, key), paper[key])
        used: dict[str, str] = {}
        sections = paper.get("sections")
        for j, section in enumerate(sections if isinstance(sections, list) else []):
            if isinstance(section, dict):
                problems += _section_problems(doc, (i, j), section, written, used)
    return problems


def _section_problems(doc: Document, where: tuple[int, int], section: dict[str, Any],
                      written: dict[str, dict[str, Any]], used: dict[str, str]) -> list[Problem]:
    """One section of a paper (see _papers_problems); `used` maps the ids already in the
    paper to the section that offers them."""
    base: DocPath = ("papers", where[0], "sections", where[1])
    owner = _describe(doc, base)
    problems = []
    if isinstance(section.get("heading"), str):
        problems += _unsafe_problems(doc, (*base, "heading"), section["heading"])
    ids = section.get("questions")
    offered: list[dict[str, Any]] = []
    for k, qid in enumerate(ids if isinstance(ids, list) else []):
        if qid is None or isinstance(qid, (list, dict)):
            continue  # the schema reports it
        qid = str(qid)
        at = (*base, "questions", k)
        if qid not in written:
            hint = suggest(qid, sorted(written),
                           otherwise="the written questions here: " + ", ".join(written))
            problems.append(doc.at(at, (
                f"'{qid}' in {owner} is not a written question of this file; {hint}"),
                rule="paper-unknown-question"))
            continue
        if qid in used:
            problems.append(doc.at(at, (
                f"'{qid}' in {owner} is already in {used[qid]} of this paper; a question "
                "appears once in a paper: remove one of them"), rule="paper-repeated-question"))
            continue
        used[qid] = f"section {where[1] + 1}"
        offered.append(written[qid])
        if section.get("short_notes") is True and not short_note_topic(
                str(written[qid].get("prompt", ""))):
            problems.append(doc.at(at, (
                f"'{qid}' is in {owner}, a short-notes section, but its prompt does not start "
                "'Write a short note on …', so the paper cannot print its topic; reword the "
                "prompt, e.g. 'Write a short note on the treatment contract in IPT.'"),
                rule="paper-short-note-prompt"))
    answer = _whole_number(section.get("answer"))
    if answer is None or not offered or len(offered) < len(ids or []):
        return problems  # a bad number or question is reported above, or by the schema
    if answer > len(offered):
        problems.append(doc.at((*base, "answer"), (
            f"{owner} asks for {answer} answers but offers {len(offered)} question"
            f"{'s' * (len(offered) != 1)}; offer more questions or lower 'answer:'"),
            rule="paper-answer-too-many"))
        return problems
    marks = {str(q["id"]): _whole_number(q.get("marks")) for q in offered}
    if answer < len(offered) and len(set(marks.values())) > 1:
        by_marks: dict[int | None, list[str]] = {}
        for qid, mark in marks.items():
            by_marks.setdefault(mark, []).append(qid)
        listed = "; ".join(f"{mark} marks: {', '.join(qids)}" for mark, qids in by_marks.items())
        problems.append(doc.at((*base, "questions"), (
            f"the questions of {owner} carry different marks ({listed}); when a candidate "
            f"answers {answer} of {len(offered)}, full marks would depend on the choice: give "
            "them equal marks, or put them in separate sections"), key=True,
            rule="paper-unequal-marks"))
    in_syllabus = sum(q.get("beyond_syllabus") is not True for q in offered)
    if in_syllabus < answer:
        problems.append(doc.at((*base, "answer"), (
            f"{owner} asks for {answer} answers but only {in_syllabus} of its questions "
            f"{'is' if in_syllabus == 1 else 'are'} in the syllabus (the others say "
            "'beyond_syllabus: true'); a candidate must be able to reach full marks from the "
            "notes alone: offer more questions from the notes or lower 'answer:'"),
            rule="paper-beyond-syllabus"))
    return problems


# --- one file, then the whole folder -----------------------------------------------------------


def _written_mix_problems(doc: Document) -> list[Problem]:
    """Written questions are answered on the exam-practice page, not inside a self-check: a
    quiz holds either kind, never both."""
    questions = [q for q in doc.data.get("questions") or [] if isinstance(q, dict)]
    written = [i for i, q in enumerate(questions) if "marking_points" in q or "marks" in q]
    if not written or len(written) == len(questions):
        return []
    return [doc.at(("questions", i), (
        f"{_describe(doc, ('questions', i))} is a written question, but the other questions of "
        "this quiz are self-check questions; a quiz holds one kind: move it to a quiz of "
        "written questions, such as quizzes/exam-practice.yml"), rule="written-in-self-check")
        for i in written]


def _build_quiz(doc: Document, file: Path) -> Quiz:
    data = doc.data
    questions = []
    for i, q in enumerate(data["questions"]):
        options = [  # an option's text is one line; `text: |` (a block) ends it with a break
            Option(str(o["text"]).strip(), o.get("correct") is True,
                   str(o["feedback"]) if o.get("feedback") is not None else None,
                   line=doc.position(("questions", i, "options", j))[0])
            for j, o in enumerate(q.get("options") or [])
        ]
        shuffle = q.get("shuffle") is not False
        points = tuple(MarkingPoint(str(p["text"]).strip(), int(p["marks"]), p["review"])
                       for p in q.get("marking_points") or [])
        questions.append(Question(
            id=q["id"], objective=q["objective"], prompt=str(q["prompt"]).strip(),
            explanation=str(q.get("explanation") or "").strip(),
            review=q.get("review") or data["lesson"],
            options=presentation_order(q["id"], options) if shuffle else tuple(options),
            line=doc.position(("questions", i))[0],
            level=q["level"], shuffle=shuffle, typos=q.get("typos") is not False,
            allow=tuple((rule, str(reason).strip())
                        for rule, reason in (q.get("allow") or {}).items()),
            marks=int(q.get("marks") or 0), marking_points=points,
            outline=str(q.get("outline") or "").strip(),
            extra_credit=_extra_credit(q.get("extra_credit")),
            beyond_syllabus=q.get("beyond_syllabus") is True,
        ))
    return Quiz(doc.path, file.stem, str(data["title"]).strip(), data["lesson"], tuple(questions),
                papers=_build_papers(doc, questions))


def _extra_credit(value: Any) -> ExtraCredit | None:
    if not isinstance(value, dict):
        return None
    return ExtraCredit(int(value["marks"]), str(value["for"]).strip())


def _build_papers(doc: Document, questions: list[Question]) -> tuple[Paper, ...]:
    """The papers of a valid file, their questions resolved to the Question objects."""
    by_id = {q.id: q for q in questions}
    papers = []
    for i, paper in enumerate(doc.data.get("papers") or []):
        sections = tuple(
            PaperSection(heading=str(section.get("heading") or "").strip(),
                         answer=int(section["answer"]),
                         questions=tuple(by_id[str(qid)] for qid in section["questions"]),
                         short_notes=section.get("short_notes") is True)
            for section in paper["sections"])
        papers.append(Paper(id=str(paper["id"]), title=str(paper["title"]).strip(),
                            sections=sections,
                            institution=str(paper.get("institution") or "").strip(),
                            course=str(paper.get("course") or "").strip(),
                            line=doc.position(("papers", i))[0]))
    return tuple(papers)


@dataclass
class Checked:
    """What validating one file or the whole folder gives."""

    quizzes: list[Quiz] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)  # errors: nothing is built
    # Warnings fail a strict build, not --check.
    warnings: list[Problem] = dataclasses.field(default_factory=list)


def validate_file(file: Path, shown: str, pages: dict[str, Page], schema_path: Path,
                  markdown: sanitize.MarkdownSettings = sanitize.BROAD,
                  ) -> tuple[Quiz | None, Document | None, list[Problem], list[Problem]]:
    """Load and check one quiz file: (Quiz or None, document, errors, warnings). `markdown`:
    the site's Markdown extensions, which quiz text is rendered with to check it."""
    doc, problems = load(file, shown)
    if doc is None:
        return None, None, problems, []
    warnings: list[Problem] = []
    for error in schema_errors(doc.data, schema_path):
        problems += _schema_problems(doc, error)
    if isinstance(doc.data, dict):
        problems += _module_problems(doc, pages)
        problems += _safe_text_problems(doc, markdown)
        for i, question in enumerate(doc.data.get("questions") or []):
            if isinstance(question, dict):
                problems += _markup_problems(doc, question, i)
                problems += _marks_problems(doc, question, i)
                problems += _extra_credit_problems(doc, question, i)
                problems += _fairness_errors(doc, question, i)
                warnings += _fairness_warnings(doc, question, i)
        problems += _written_mix_problems(doc)
        problems += _papers_problems(doc)
    if problems:  # two layers may say the same thing; say it once
        return None, doc, sorted(set(problems)), sorted(set(warnings))
    return _build_quiz(doc, file), doc, [], sorted(set(warnings))


def validate_bank(quizzes_dir: Path, pages: dict[str, Page],
                  shown_dir: str = "quizzes") -> Checked:
    """Every quiz in the folder: errors and warnings from all files, ids checked across files."""
    schema_path = quizzes_dir / SCHEMA_FILE
    config_file = quizzes_dir.parent / "mkdocs.yml"
    markdown = sanitize.site_settings(config_file) if config_file.is_file() else sanitize.BROAD
    checked = Checked()
    first_use: dict[str, str] = {}  # question id -> "quizzes/x.yml:12"
    for file in quiz_files(quizzes_dir):
        shown = f"{shown_dir}/{file.name}"
        quiz, doc, file_problems, file_warnings = validate_file(file, shown, pages, schema_path,
                                                                markdown)
        checked.problems += file_problems
        checked.warnings += file_warnings
        if quiz is not None:
            checked.quizzes.append(quiz)
        if doc is None or not isinstance(doc.data, dict):
            continue
        for i, question in enumerate(doc.data.get("questions") or []):
            qid = question.get("id") if isinstance(question, dict) else None
            if not isinstance(qid, str):
                continue
            if qid in first_use:
                checked.problems.append(doc.at(
                    ("questions", i, "id"), f"question id '{qid}' is already used at "
                    f"{first_use[qid]}; ids must be unique across all quizzes",
                    rule="duplicate-id"))
            else:
                first_use[qid] = f"{shown}:{doc.position(('questions', i, 'id'))[0]}"
    return checked


def validate_quizzes(quizzes_dir: Path, pages: dict[str, Page],
                     shown_dir: str = "quizzes") -> tuple[list[Quiz], list[Problem]]:
    """The valid quizzes and every error (warnings left out: see validate_bank)."""
    checked = validate_bank(quizzes_dir, pages, shown_dir)
    return checked.quizzes, checked.problems
