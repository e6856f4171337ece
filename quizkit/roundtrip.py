"""Read every generated quiz page back with mkdocs-quiz's own parser, in every compile.

A quiz page is the YAML written out in mkdocs-quiz's Markdown syntax (quizkit/render.py), which
mkdocs-quiz then parses again in the site build. When the two readings differ (a text that
mkdocs-quiz takes for an answer line, an option text ending in a line break that parts it from
its feedback), the build used to stop with mkdocs-quiz's traceback, or worse, publish a question
that says something else than its file, while `make check` passed. So `make check`, the preview
and the build all read each page back, here, and compare it with the YAML: the number of
questions, each option's text, whether it is right and its feedback, the explanation, and the
blanks of a fill-in. A difference is one line at the question in its file [quiz-roundtrip].

mkdocs-quiz is imported only when a page changed: pages that were read back unchanged are
remembered in .cache/quizkit/ (keyed by the page's text and mkdocs-quiz's installed files), as
importing it costs more than checking the whole bank.
"""

from __future__ import annotations

import hashlib
import importlib.util
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from quizkit.cache import JsonCache
from quizkit.model import FILL_IN, MULTIPLE, SINGLE, Question, Quiz
from quizkit.problems import Problem

# The parser mkdocs-quiz's QTI export uses (mkdocs_quiz.qti.extractor); it shares its patterns
# and feedback reader with the plugin (mkdocs_quiz.parsing).
_PARSER_FILES = ("parsing.py", "plugin.py", "qti/extractor.py", "qti/models.py")
_cache = JsonCache("roundtrip.json")


def _parser_stamp() -> str:
    """What the parser's reading depends on besides the page: mkdocs-quiz's installed files."""
    spec = importlib.util.find_spec("mkdocs_quiz")
    folder = Path(spec.origin).parent if spec and spec.origin else None
    stamps = [f"{__file__}:{os.stat(__file__).st_mtime_ns}"]  # and this module's own code
    for name in _PARSER_FILES:
        try:
            stat = os.stat(folder / name) if folder else None
        except OSError:
            stat = None
        stamps.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}" if stat else f"{name}:-")
    return "\n".join(stamps)


def check_pages(rendered: dict[str, str], quizzes: list[Quiz]) -> list[Problem]:
    """A problem for each question whose page mkdocs-quiz reads differently from its YAML."""
    stamp = _parser_stamp()
    unread = {}  # key -> quiz, for the pages not read back before
    for quiz in quizzes:
        if quiz.written or quiz.page_path not in rendered:
            continue  # the exam page is not an mkdocs-quiz page
        key = hashlib.sha256(f"{stamp}\n{rendered[quiz.page_path]}".encode()).hexdigest()
        if not _cache.get(key):
            unread[key] = quiz
    if not unread:
        return []
    import tempfile  # only when a page changed

    # mkdocs-quiz's own parser, through its public API: it reads files.
    from mkdocs_quiz.qti import extract_quizzes_from_file

    problems: list[Problem] = []
    with tempfile.TemporaryDirectory() as folder:
        for key, quiz in unread.items():
            page = Path(folder) / f"{quiz.name}.md"
            page.write_text(rendered[quiz.page_path], encoding="utf-8")
            found = _differences(extract_quizzes_from_file(page), quiz)
            problems += found
            if not found:
                _cache.put(key, True)
    return problems


def _differences(items: list[Any], quiz: Quiz) -> list[Problem]:
    """Problems where mkdocs-quiz's reading of a page (`items`) differs from its quiz."""
    expected = [q for q in quiz.questions if q.kind in READ_BACK]
    problems = []
    for question, item in zip(expected, items, strict=False):
        difference = _difference(question, item)
        if difference:
            problems.append(_at_question(quiz, question, difference))
    if len(items) != len(expected):
        where = expected[min(len(items), len(expected)) - 1] if expected else None
        said = (f"the page has {len(items)} question blocks, the file {len(expected)} "
                "questions")
        if where is not None:
            problems.append(_at_question(quiz, where, said))
        else:
            problems.append(Problem(quiz.source, 1, 1, _message(said), rule="quiz-roundtrip"))
    return problems


def _blank_difference(question: Question, item: Any) -> str | None:
    found = [blank.correct_answer.split("|")[0].strip() for blank in item.blanks]
    if found != question.blank_keys:
        return f"it finds the blanks {found}, the file {question.blank_keys}"
    return None


def _choice_difference(question: Question, item: Any) -> str | None:
    if _lines(item.question).strip() != _lines(question.prompt):
        return "it reads the question's text differently (part of it became an option)"
    options = question.options
    if len(item.answers) != len(options):
        return f"it finds {len(item.answers)} options, the file has {len(options)}"
    for n, (answer, option) in enumerate(zip(item.answers, options, strict=True), 1):
        if answer.text != option.text:
            return f"option {n} reads '{answer.text}' instead of '{option.text}'"
        if answer.is_correct != option.correct:
            return f"option {n} is marked {'right' if answer.is_correct else 'wrong'} on the page"
        feedback = "\n".join(line.rstrip() for line in (option.feedback or "").strip()
                             .splitlines()).rstrip() or None
        if (answer.feedback or None) != feedback:
            return f"the feedback of option {n} is read differently"
    if not _lines(item.content or "").startswith(_lines(question.explanation)):
        return "the explanation is read differently"
    return None


# How to compare mkdocs-quiz's reading of a question block with the question, for each kind
# rendered on mkdocs-quiz's pages (quizkit/render.py QUIZ_MARKUP).
READ_BACK: dict[str, Callable[[Question, Any], str | None]] = {
    SINGLE: _choice_difference,
    MULTIPLE: _choice_difference,
    FILL_IN: _blank_difference,
}


def _difference(question: Question, item: Any) -> str | None:
    """How mkdocs-quiz's reading of one question block differs from the YAML, or None."""
    return READ_BACK[question.kind](question, item)


def _lines(text: str) -> str:
    """The text with every line break Python knows (mkdocs-quiz splits lines with
    str.splitlines: U+2028 too) written as one newline."""
    return "\n".join(text.splitlines())


def _message(difference: str) -> str:
    return (f"mkdocs-quiz would read this differently from the file: {difference}; look in "
            "its texts for a line starting with '-', '*', '>' or '[ ]', a line of only '---', "
            "or a text ending in an empty line, and rewrite it (if you find none, report this "
            "message to whoever looks after the module's tools)")


def _at_question(quiz: Quiz, question: Question, difference: str) -> Problem:
    return Problem(quiz.source, question.line, 1, f"question {question.id}: "
                   + _message(difference), rule="quiz-roundtrip")
