"""make handouts: worksheets carry no answers; answer keys carry every one of them."""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest

from quizkit.build import compile_module, write_handouts
from conftest import ROOT
from quizkit.handouts import ANSWER_KEY, WORKSHEET, handout
from quizkit.htmltext import to_html
from quizkit.siteconfig import read_site_config
from quizkit.model import BLANK, Question

MODULE, _ = compile_module(ROOT / "docs", ROOT / "quizzes")
assert MODULE is not None, "the real bank must compile"
QUIZZES = {quiz.name: quiz for quiz in MODULE.quizzes}


def plain(fragment: str) -> str:
    """Visible text, whitespace collapsed: what a reader of the printed page sees."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


def block(document: str, question: Question) -> str:
    """The HTML of one question in a handout."""
    match = re.search(rf'<li class="question" id="q-{re.escape(question.id)}">(.*?)\n   </li>',
                      document, re.DOTALL)
    assert match, f"{question.id} is missing"
    return match.group(1)


def sheets(name: str) -> tuple[str, str]:
    quiz = QUIZZES[name]
    common = {"module_title": "IPT"}
    return (handout(quiz.title, [quiz], MODULE.pages, WORKSHEET, **common),
            handout(quiz.title, [quiz], MODULE.pages, ANSWER_KEY, **common))


@pytest.mark.parametrize("name", sorted(QUIZZES))
def test_worksheet_has_every_question_and_option_but_no_answer(name: str) -> None:
    worksheet, _ = sheets(name)
    for question in QUIZZES[name].questions:
        text = plain(block(worksheet, question))
        assert plain(to_html(BLANK.sub(" ", question.prompt))) .split()[:5] == text.split()[:5]
        for option in question.options:
            assert plain(to_html(option.text)) in text
            if option.feedback:
                assert plain(to_html(option.feedback)) not in plain(worksheet)
        assert plain(to_html(question.explanation)) not in plain(worksheet)
        for answer in question.blank_keys:
            # The answer may be a word the prompt uses elsewhere; it may not appear more often.
            assert text.count(answer) <= plain(BLANK.sub(" ", question.prompt)).count(answer)
        if question.blank_keys:
            assert block(worksheet, question).count('class="blank"') == len(question.blank_keys)
    for marker in ("✔", "✘", 'class="option correct"', 'class="option wrong"', 'class="answer"',
                   'class="feedback"', 'class="explanation"', "Objective:", "Review:"):
        assert marker not in worksheet, marker


@pytest.mark.parametrize("name", sorted(QUIZZES))
def test_answer_key_has_every_answer_feedback_explanation_and_objective(name: str) -> None:
    _, key = sheets(name)
    lesson = MODULE.pages[QUIZZES[name].lesson]
    for question in QUIZZES[name].questions:
        part = block(key, question)
        text = plain(part)
        assert plain(to_html(question.explanation)) in text
        assert f"Objective: {question.objective} {lesson.objectives[question.objective]}" in text
        rows = re.findall(r'<li class="option (correct|wrong)">(.*?)</li>', part, re.DOTALL)
        assert [kind == "correct" for kind, _ in rows] == [o.correct for o in question.options]
        for (_, row), option in zip(rows, question.options, strict=True):
            assert plain(to_html(option.text)) in plain(row)
            if option.feedback:
                assert plain(to_html(option.feedback)) in plain(row)
        for answer in question.blank_keys:
            assert f'<span class="answer">{html.escape(answer, quote=False)}</span>' in part


def test_handouts_cover_each_quiz_and_the_bank_and_stand_alone(tmp_path: Path) -> None:
    lines = write_handouts(MODULE, tmp_path, read_site_config(ROOT / "mkdocs.yml"))
    assert lines
    expected = {f"{n}-{kind}.html" for n in [*QUIZZES, "all-quizzes"]
                for kind in ("worksheet", "answer-key")} | {"index.html"}
    assert {p.name for p in tmp_path.iterdir()} == expected
    whole = (tmp_path / "all-quizzes-answer-key.html").read_text(encoding="utf-8")
    for quiz in MODULE.quizzes:
        for question in quiz.questions:
            assert f'id="q-{question.id}"' in whole
    for page in tmp_path.iterdir():
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert "@page { size: A4" in text
        # Self-contained: no scripts, no stylesheets or images fetched from anywhere.
        assert "<script" not in text and "<link" not in text and "<img" not in text
        assert 'class="md-' not in text  # no site chrome
    (tmp_path / "stale-worksheet.html").write_text("old", encoding="utf-8")
    write_handouts(MODULE, tmp_path, read_site_config(ROOT / "mkdocs.yml"))
    assert not (tmp_path / "stale-worksheet.html").exists()
