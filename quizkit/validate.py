"""Validate quiz files against the format and the module, and build Quiz objects.

Two layers, in this order:
1. quizzes/schema.json, the single statement of the format (editors use it too); each
   schema error is translated into a sentence a teacher can act on, at the key or value concerned;
2. the rules a schema cannot state: objectives and review anchors exist in the lessons, question
   ids are unique across files, and no text can break mkdocs-quiz's markup.
"""

from __future__ import annotations

import difflib
import functools
import json
import re
from pathlib import Path
from collections.abc import Callable
from typing import Any

import fastjsonschema

from quizkit.model import BLANK, Option, Question, Quiz
from quizkit.pages import Page
from quizkit.problems import Problem
from quizkit.source import Document, Path_, load

QUIZ_SUFFIXES = (".yml", ".yaml")
SCHEMA_FILE = "schema.json"

_DOUBLE_BRACKET = re.compile(r"\[\[|\]\]")
_HTML = re.compile(r"<!--|<\s*/?\s*[A-Za-z][A-Za-z0-9-]*(\s[^<>]*)?/?>")
_ANSWER_LINE = re.compile(r"^\s*[-*+]\s*\[.?\]")
_RULE_LINE = re.compile(r"^\s*---\s*$")


@functools.cache
def _schema(schema_path: Path) -> dict[str, Any]:
    return json.loads(schema_path.read_text(encoding="utf-8"))


@functools.cache
def _fast_check(schema_path: Path) -> Callable[[Any], Any]:
    """A compiled pass/fail check: about 20 times faster than jsonschema on a valid bank."""
    return fastjsonschema.compile(_schema(schema_path))


def schema_errors(data: Any, schema_path: Path) -> list[Any]:
    """Every schema error in `data`, or [] when it is valid.

    Valid files (nearly all of them, nearly always) only pay for the compiled check;
    jsonschema, which can list every error with its path, runs only when that check fails.
    """
    try:
        _fast_check(schema_path)(data)
        return []
    except fastjsonschema.JsonSchemaException:
        import jsonschema  # imported here: loading it costs more than checking a valid bank

        return list(jsonschema.Draft7Validator(_schema(schema_path)).iter_errors(data))


def quiz_files(quizzes_dir: Path) -> list[Path]:
    """The quiz sources, in a stable order."""
    return sorted(p for p in quizzes_dir.iterdir() if p.suffix in QUIZ_SUFFIXES and p.is_file())


# --- layer 1: the schema, in plain words -------------------------------------------------------


def _describe(doc: Document, path: Path_) -> str:
    """'question 3 (tl-contract)', 'option 2 of question 3 (tl-contract)', or 'the quiz'."""
    data = doc.data
    parts: list[str] = []
    if len(path) >= 2 and path[0] == "questions" and isinstance(path[1], int):
        question = _get(data, path[:2])
        qid = question.get("id") if isinstance(question, dict) else None
        parts.append(f"question {path[1] + 1}" + (f" ({qid})" if isinstance(qid, str) else ""))
        if len(path) >= 4 and path[2] == "options" and isinstance(path[3], int):
            parts.insert(0, f"option {path[3] + 1} of")
    return " ".join(parts) or "the quiz"


def _get(data: Any, path: Path_) -> Any:
    for step in path:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


def _schema_problems(doc: Document, error: Any) -> list[Problem]:
    """One jsonschema error, as sentences pointing at the key or value concerned."""
    path: Path_ = tuple(error.absolute_path)
    keyword = error.validator
    field = path[-1] if path and isinstance(path[-1], str) else None
    owner = _describe(doc, path if field is None else path[:-1])

    if keyword == "additionalProperties":
        allowed = sorted(error.schema.get("properties", {}))
        problems = []
        for key in error.instance:
            if key in allowed:
                continue
            close = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"allowed here: {', '.join(allowed)}"
            problems.append(doc.at((*path, key), f"unknown key '{key}' in {owner}; {hint}", key=True))
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
                message = (f"{owner} is incorrect but has no 'feedback:'; say why it is wrong "
                           "(or add 'correct: true' if it is a right answer)")
            else:
                message = f"{owner} is missing '{key}:'"
            problems.append(doc.at(path, message))
        return problems

    if keyword == "contains":
        if any(isinstance(o, dict) and "correct" in o and not isinstance(o["correct"], bool)
               for o in error.instance):
            return []  # a `correct:` that is not true/false is reported on its own
        return [doc.at(path, f"{owner} has no correct option; add 'correct: true' to the right "
                             "answer (or to each right answer)", key=True)]

    if keyword in ("minItems", "maxItems"):
        if field == "options":
            count = len(error.instance)
            return [doc.at(path, f"{owner} has {count} option{'s' * (count != 1)}; a choice "
                                 "question needs 2 to 8", key=True)]
        return [doc.at(path, "the quiz has no questions; add at least one under 'questions:'",
                       key=True)]

    if keyword == "not" and field == "prompt":
        return [doc.at(path, f"{owner} has both 'options:' and a [[blank]] in its prompt; a "
                             "question is either a choice or a fill-in: remove one of them")]

    if keyword == "pattern":
        return [doc.at(path, _pattern_message(owner, field, error.instance))]

    if keyword == "minLength" or error.instance is None:
        return [doc.at(path, f"'{field}' of {owner} is empty; write the text after '{field}:'")]

    if keyword == "type":
        return [doc.at(path, _type_message(owner, field, path, error))]

    return [doc.at(path, f"{owner}: {error.message}")]  # a rule added to the schema later


def _pattern_message(owner: str, field: str | None, value: Any) -> str:
    if field in ("id", "objective"):
        return (f"'{value}' is not a valid {field} in {owner}: use lowercase letters, digits "
                "and single hyphens, e.g. 'tl-length'")
    if field == "text":
        return (f"the text of {owner} runs over several lines; keep an option on one line and "
                "put details in its 'feedback:'")
    if field == "prompt":
        return (f"{owner} has no 'options:' and no [[answer]] blank in its prompt; add options "
                "for a choice question, or write the answer in double brackets for a fill-in, "
                "e.g. 'agreed in a treatment [[contract]]'")
    return (f"'{value}' is not a page path: write the path under docs/ ending in .md, e.g. "
            "'lessons/time-limit.md' (a review link may add '#heading-anchor')")


def _type_message(owner: str, field: str | None, path: Path_, error: Any) -> str:
    found = {bool: "true/false", str: "text", dict: "key: value lines", list: "a list",
             type(None): "nothing"}.get(type(error.instance), type(error.instance).__name__)
    if isinstance(error.instance, bool):
        found = f"{str(error.instance).lower()}: YAML reads yes/no/on/off as true/false"

    if field == "correct":
        return f"'correct' of {owner} must be true or false (found {error.instance!r})"
    if field in ("questions", "options"):
        return (f"'{field}' must be a list, one item per line starting with '- ' "
                f"(found {found})")
    if path and isinstance(path[-1], int):
        kind = "question" if path[-2:-1] == ("questions",) else "option"
        return f"{owner} must be 'key: value' lines (e.g. '- {'id' if kind == 'question' else 'text'}: ...'), found {found}"
    if not path:
        return "a quiz file must be 'key: value' lines: title, lesson and questions"
    return f"'{field}' of {owner} must be text (found {found}); put it in quotes"


# --- layer 2: rules a schema cannot state -------------------------------------------------------


def _text_fields(question: dict[str, Any], index: int) -> list[tuple[Path_, str]]:
    base: Path_ = ("questions", index)
    fields = [((*base, k), question[k]) for k in ("prompt", "explanation") if k in question]
    for j, option in enumerate(question.get("options") or []):
        if isinstance(option, dict):
            fields += [((*base, "options", j, k), option[k]) for k in ("text", "feedback")
                       if k in option]
    return [(p, v) for p, v in fields if isinstance(v, str)]


def _markup_problems(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """Text that would break the generated mkdocs-quiz page, pointed at the exact line."""
    problems = []
    is_fill_in = "options" not in question
    owner = _describe(doc, ("questions", index))
    for path, text in _text_fields(question, index):
        name = path[-1]
        for n, line in enumerate(text.splitlines()):
            where = doc.line_of(path, n)
            def add(message: str, where: tuple[int, int] = where) -> None:
                problems.append(Problem(doc.path, *where, message))
            if _HTML.search(line):
                add(f"raw HTML in the {name} of {owner} ({_HTML.search(line).group(0)!r}); "
                    "use Markdown instead (e.g. **bold**, *italic*, [link](page.md))")
            if _ANSWER_LINE.match(line):
                add(f"a line of the {name} of {owner} looks like a quiz answer ('- [ ]'); "
                    "write it as plain text or a numbered list")
            if name == "prompt" and is_fill_in and _RULE_LINE.match(line):
                add(f"a line with only '---' in the prompt of {owner} would end the question; "
                    "remove it")
            # (A choice question's prompt with a blank is reported by the schema.)
            if _DOUBLE_BRACKET.search(line) and name != "prompt":
                add(f"'[[' or ']]' in the {name} of {owner}; double brackets mark fill-in "
                    "blanks and may appear only in a fill-in question's prompt")
        if name == "prompt" and is_fill_in:
            for match in BLANK.finditer(text):
                if not match.group(1).strip():
                    n = text[: match.start()].count("\n")
                    problems.append(Problem(doc.path, *doc.line_of(path, n),
                                            f"empty blank [[ ]] in the prompt of {owner}; "
                                            "write the expected answer inside the brackets"))
        if name == "explanation" and text.lstrip().startswith(">"):
            problems.append(Problem(doc.path, *doc.line_of(path, 0),
                                    f"the explanation of {owner} starts with '>' (a quote); "
                                    "mkdocs-quiz would read it as answer feedback: start with "
                                    "a sentence"))
    return problems


def _module_problems(doc: Document, pages: dict[str, Page]) -> list[Problem]:
    """The lesson, objectives and review links must exist in docs/."""
    data = doc.data
    lesson_path = data.get("lesson")
    lesson = pages.get(lesson_path) if isinstance(lesson_path, str) else None
    problems = []
    if isinstance(lesson_path, str) and lesson is None:
        close = difflib.get_close_matches(lesson_path, sorted(pages), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "check the spelling"
        problems.append(doc.at(("lesson",), f"lesson '{lesson_path}' does not exist under docs/; "
                                            f"{hint}"))
    elif lesson is not None and not lesson.objectives:
        problems.append(doc.at(("lesson",), f"docs/{lesson_path} declares no objectives in its "
                                            "front matter, so questions have nothing to test"))
    for i, question in enumerate(data.get("questions") or []):
        if not isinstance(question, dict):
            continue
        objective = question.get("objective")
        if lesson is not None and lesson.objectives and isinstance(objective, str) \
                and objective not in lesson.objectives:
            declared = sorted(lesson.objectives)
            close = difflib.get_close_matches(objective, declared, n=1, cutoff=0.6)
            hint = f"did you mean '{close[0]}'?" if close else f"declared: {', '.join(declared)}"
            problems.append(doc.at(("questions", i, "objective"),
                                   f"objective '{objective}' is not declared in docs/"
                                   f"{lesson_path}; {hint}"))
        review = question.get("review")
        if isinstance(review, str):
            problems += _review_problems(doc, ("questions", i, "review"), review, pages)
    return problems


def _review_problems(doc: Document, path: Path_, review: str, pages: dict[str, Page]) -> list[Problem]:
    page_path, _, anchor = review.partition("#")
    page = pages.get(page_path)
    if page is None:
        close = difflib.get_close_matches(page_path, sorted(pages), n=1, cutoff=0.6)
        hint = f"did you mean '{close[0]}'?" if close else "check the spelling"
        return [doc.at(path, f"review page '{page_path}' does not exist under docs/; {hint}")]
    if anchor and anchor not in page.anchors:
        close = difflib.get_close_matches(anchor, sorted(page.anchors), n=1, cutoff=0.5)
        hint = (f"did you mean '#{close[0]}'?" if close
                else "headings there: " + ", ".join(f"#{a}" for a in page.anchors))
        return [doc.at(path, f"'#{anchor}' is not a heading on docs/{page_path}; {hint}")]
    return []


# --- one file, then the whole folder -----------------------------------------------------------


def _build_quiz(doc: Document, file: Path) -> Quiz:
    data = doc.data
    questions = []
    for i, q in enumerate(data["questions"]):
        options = tuple(
            Option(str(o["text"]), o.get("correct") is True,
                   str(o["feedback"]) if o.get("feedback") is not None else None)
            for o in q.get("options") or []
        )
        questions.append(Question(
            id=q["id"], objective=q["objective"], prompt=str(q["prompt"]).strip(),
            explanation=str(q["explanation"]).strip(), review=q.get("review") or data["lesson"],
            options=options, line=doc.position(("questions", i))[0],
        ))
    return Quiz(doc.path, file.stem, str(data["title"]).strip(), data["lesson"], tuple(questions))


def validate_file(file: Path, shown: str, pages: dict[str, Page],
                  schema_path: Path) -> tuple[Quiz | None, Document | None, list[Problem]]:
    """Load and check one quiz file: a Quiz when it is valid, else the problems found."""
    doc, problems = load(file, shown)
    if doc is None:
        return None, None, problems
    for error in schema_errors(doc.data, schema_path):
        problems += _schema_problems(doc, error)
    if isinstance(doc.data, dict):
        problems += _module_problems(doc, pages)
        for i, question in enumerate(doc.data.get("questions") or []):
            if isinstance(question, dict):
                problems += _markup_problems(doc, question, i)
    if problems:  # two layers may say the same thing; say it once
        return None, doc, sorted(set(problems))
    return _build_quiz(doc, file), doc, []


def validate_quizzes(quizzes_dir: Path, pages: dict[str, Page],
                     shown_dir: str = "quizzes") -> tuple[list[Quiz], list[Problem]]:
    """Every quiz in the folder; problems from all files, ids checked across files."""
    schema_path = quizzes_dir / SCHEMA_FILE
    quizzes: list[Quiz] = []
    problems: list[Problem] = []
    first_use: dict[str, str] = {}  # question id -> "quizzes/x.yml:12"
    for file in quiz_files(quizzes_dir):
        shown = f"{shown_dir}/{file.name}"
        quiz, doc, file_problems = validate_file(file, shown, pages, schema_path)
        problems += file_problems
        if quiz is not None:
            quizzes.append(quiz)
        if doc is None or not isinstance(doc.data, dict):
            continue
        for i, question in enumerate(doc.data.get("questions") or []):
            qid = question.get("id") if isinstance(question, dict) else None
            if not isinstance(qid, str):
                continue
            if qid in first_use:
                problems.append(doc.at(("questions", i, "id"), f"question id '{qid}' is already "
                                       f"used at {first_use[qid]}; ids must be unique across "
                                       "all quizzes"))
            else:
                first_use[qid] = f"{shown}:{doc.position(('questions', i, 'id'))[0]}"
    return quizzes, problems
