"""The quiz page's Markdown around the questions: settings for an honest loop, where "Continue"
and "Back" lead, the results panel's links, and the data quiz.js reads."""

from __future__ import annotations

import json
import re

import pytest

from quizkit.identity import fingerprint, option_id
from quizkit.marking import typed_rule_data
from quizkit.model import MarkingPoint, Option, Question, Quiz
from quizkit.pages import Page
from quizkit.render import next_step, page_data, render_quiz
from quizkit.siteconfig import nav_pages, read_site_config
from tests.helpers import ROOT

DATA = re.compile(r'<script type="application/json" id="ipt-quiz-data">(.*?)</script>')



def _quiz(name: str, lesson: str, questions=()) -> Quiz:
    return Quiz(f"quizzes/{name}.yml", name, name.title(), lesson, tuple(questions))


PAGES = {p: Page(p, title=t) for p, t in (
    ("index.md", "Home"), ("lessons/a.md", "A"), ("lessons/b.md", "B"), ("lessons/c.md", "C"))}


PATH_NAV = ["index.md", "lessons/a.md", "quizzes/a.md", "lessons/b.md", "quizzes/b.md",
            "lessons/c.md", "quizzes/c.md", "quizzes/unit.md"]
APART_NAV = ["index.md", "lessons/a.md", "lessons/b.md", "lessons/c.md", "quizzes/a.md",
             "quizzes/b.md", "quizzes/c.md", "quizzes/unit.md"]
UNIT = {"quizzes/unit.md": "unit self-assessment"}


@pytest.mark.parametrize("nav", [PATH_NAV, APART_NAV], ids=["student path", "lessons apart"])
def test_continue_leads_to_the_next_lesson(nav: list[str]) -> None:
    assert next_step(_quiz("a", "lessons/a.md"), PAGES, nav, UNIT) == (
        "Continue to lesson 2: B", "lessons/b.md")
    assert next_step(_quiz("b", "lessons/b.md"), PAGES, nav, UNIT) == (
        "Continue to lesson 3: C", "lessons/c.md")
    unit = _quiz("unit", "index.md")
    assert next_step(unit, PAGES, nav, UNIT) == ("Continue to the unit overview", "index.md")
    assert next_step(unit, PAGES, [*nav, "quizzes/exam-practice.md"], UNIT) == (
        "Continue to exam practice", "quizzes/exam-practice.md")


def test_the_last_lessons_check_leads_to_the_unit_quiz() -> None:
    last = _quiz("c", "lessons/c.md")
    assert next_step(last, PAGES, PATH_NAV, UNIT) == (
        "Continue to the unit self-assessment", "quizzes/unit.md")
    assert next_step(last, PAGES, APART_NAV, UNIT) == ("Continue to the unit overview",
                                                        "index.md")


def _question(qid: str, **flags) -> Question:
    options = (Option("Right", True, None), Option("Wrong </script><b>", False, "No."))
    return Question(qid, "obj", "Which?", "Because.", "lessons/a.md", options, 1, **flags)


def test_page_data_carries_each_questions_identity_and_flags_safely() -> None:
    quiz = _quiz("a", "lessons/a.md", [_question("q-one"),
                                       _question("q-two", shuffle=False, typos=False)])
    data = DATA.search(page_data(quiz))
    assert data
    shown = json.loads(data.group(1))
    assert [q.pop("fp") for q in shown["quizzes"][0]["questions"]] == [
        fingerprint(q) for q in quiz.questions]
    assert shown == {"quizzes": [{"quiz": "quizzes/a.md", "lesson": "lessons/a.md", "questions": [
        {"id": "q-one", "kind": "choice", "shuffle": True,
         "options": [option_id("Right"), option_id("Wrong </script><b>")], "correct": [0]},
        {"id": "q-two", "kind": "choice", "shuffle": False,
         "options": [option_id("Right"), option_id("Wrong </script><b>")], "correct": [0]}]}],
        "typed": typed_rule_data()}
    assert "</" not in data.group(1)


def test_written_quizzes_are_not_rendered_here() -> None:
    """Exam-practice quizzes have their own renderer (quizkit/written.py)."""
    written = Question("w", "obj", "Explain.", "", "lessons/a.md", (), 1, marks=2,
                       marking_points=(MarkingPoint("The point", 2, "lessons/a.md"),))
    quiz = _quiz("w", "index.md", [written])
    assert quiz.written
    with pytest.raises(ValueError):
        render_quiz(quiz, PAGES)


def test_real_pages_end_with_results_continue_and_back(module) -> None:
    nav = nav_pages(read_site_config(ROOT / "mkdocs.yml").get("nav"))
    lessons = [p for p in nav if p.startswith("lessons/")]
    for quiz in module.quizzes:
        if quiz.written:
            continue
        page = module.rendered[quiz.page_path]
        rows = re.findall(r"^(\d+)\. \[Question \1\]\(#quiz-(\d+)\) · Review: "
                          r"\[[^\]]+\]\(([^)]+)\)$", page, re.MULTILINE)
        assert [(int(n), int(i)) for n, i, _ in rows] == [
            (k + 1, k) for k in range(len(quiz.questions))], quiz.name
        units = {q.page_path for q in module.quizzes if q.lesson == "index.md"}
        target = re.search(r"^\[Continue to [^\]]+\]\(([^)]+)\)\{ \.md-button", page,
                           re.MULTILINE).group(1)
        if quiz.lesson == "index.md":
            assert "[Back to the unit overview](../index.md)" in page
            assert target == ("exam-practice.md" if "quizzes/exam-practice.md" in nav
                              else "../index.md")
        else:
            assert "[Back to the lesson: " in page
            after = [p for p in nav[nav.index(quiz.page_path) + 1:]
                     if p in lessons or p in units]
            assert target == (f"../{after[0]}" if after[0].startswith("lessons/")
                              else after[0].removeprefix("quizzes/")), quiz.name


def test_every_self_check_points_to_exam_practice(module) -> None:
    """Issue 10: exam practice is reachable from each lesson's quiz, not only from the nav."""
    for quiz in module.quizzes:
        if quiz.written:
            continue
        page = module.rendered[quiz.page_path]
        assert "[Exam practice](exam-practice.md)" in page, quiz.name
        # …after the results panel, before the way back.
        assert page.index("## Your results") < page.index("[Exam practice]") < page.rindex(
            "[Back to the")
