"""The Revise page as built (quizkit/revise.py, hooks/revise.py): it carries no question of its
own but names, for every self-check, a file of that self-check's question blocks exactly as its
built page has them (so a question is shown and marked as in its self-check), mkdocs-quiz's
script and styles as the self-check pages carry them, and every self-check question's identity
and lesson; the schedule's script is where it is shown. (The page in use, over simulated days:
tests/browser/test_revise.py.)"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from hooks.revise import FILES_ELEMENT, HOME_ASSETS, bank_script, question_blocks
from quizkit.build import compile_module
from quizkit.model import WRITTEN
from quizkit.revise import (
    BANK_FOLDER,
    REVISE_PAGE,
    ROUND,
    SCHEDULE_JS,
    TS_FSRS,
    render_revise,
    revise_data,
)
from tests.helpers import ROOT

FILES = re.compile(r'<script type="application/json" id="ipt-revise-files">(.*?)</script>')
BANK_CALL = re.compile(r"window\.iptReviseBank\((\"[^\"]+\"), (\{.*\})\);\n\Z", re.DOTALL)


def _files(site: Path) -> dict:
    found = FILES.search((site / "revise" / "index.html").read_text("utf-8"))
    assert found, "the Revise page names its files"
    return json.loads(found.group(1))


def _bank(site: Path, name: str) -> tuple[str, dict]:
    call = BANK_CALL.search((site / name).read_text("utf-8"))
    assert call, name
    return json.loads(call.group(1)), json.loads(call.group(2))


def test_every_self_check_question_is_there_as_its_page_has_it(built_site: Path,
                                                                module) -> None:
    files = _files(built_site)
    checks = [quiz for quiz in module.quizzes if not quiz.written]
    assert sorted(files["banks"]) == sorted(quiz.page_path for quiz in checks)
    for quiz in checks:
        name = files["banks"][quiz.page_path]
        assert re.fullmatch(rf"{BANK_FOLDER}/{quiz.name}\.[0-9a-f]{{8}}\.js", name), name
        page, blocks = _bank(built_site, name)
        assert page == quiz.page_path
        built = (built_site / quiz.page_path.removesuffix(".md") / "index.html").read_text(
            "utf-8")
        assert blocks == question_blocks(built)
        assert list(blocks) == sorted(q.id for q in quiz.questions)  # (sorted in the file)
        for n, question in enumerate(quiz.questions):
            block = blocks[question.id]["html"]
            assert block in built and f'id="quiz-{n}"' in block.split(">", 1)[0]
            assert len(re.findall(r'<div class="quiz[ "]', block)) == 1, question.id
            assert block.endswith("</div>")


def test_mkdocs_quiz_is_the_self_checks_own(built_site: Path) -> None:
    """Its words, settings and script (patched: it sets up on demand) as the pages carry them
    inline, and its styles."""
    files = _files(built_site)
    script = (built_site / files["mkdocsQuiz"]["js"]).read_text("utf-8")
    styles = (built_site / files["mkdocsQuiz"]["css"]).read_text("utf-8")
    page = (built_site / "quizzes" / "time-limit" / "index.html").read_text("utf-8")
    assert "window.mkdocsQuizTranslations" in script and '"Right."' in script
    assert "window.iptQuizSetUp = function" in script
    assert "if (window.iptQuizLater) return;" in script
    body = script.split("\n", 1)[1]
    for part in body.strip().split("\n", 2)[:2]:
        assert part in page
    assert styles.strip() in page
    for asset in (files["quizJs"], files["quizCss"]):
        assert (built_site / asset).is_file()


def test_the_page_carries_no_question_and_its_scripts(built_site: Path) -> None:
    html = (built_site / "revise" / "index.html").read_text("utf-8")
    assert 'class="quiz' not in html and "STORAGE_KEY_PREFIX" not in html
    assert FILES_ELEMENT not in html, "the build filled in the files"
    scripts = re.findall(r'<script src="([^"]+)"[^>]*defer', html)
    assert [s.rsplit("/", 1)[1] for s in scripts] == ["record.js", "schedule.js", "revise.js"]
    assert 'data-fsrs="../assets/javascripts/ts-fsrs-5.4.2/ts-fsrs.umd.js"' in html
    assert (built_site / TS_FSRS).is_file()


def test_the_schedule_is_where_it_is_shown(built_site: Path, module) -> None:
    """Self-check pages load schedule.js and end their results with a link to Revise; the home
    page names it for progress.js (loaded once a question is answered); exam pages and lessons
    have none of it."""
    home = (built_site / "index.html").read_text("utf-8")
    assert f'id="{HOME_ASSETS}"' in home and 'data-script="assets/javascripts/schedule.js"' in home
    assert '<script src="assets/javascripts/schedule.js"' not in home  # not in the app's shell
    for quiz in module.quizzes:
        html = (built_site / quiz.page_path.removesuffix(".md") / "index.html").read_text("utf-8")
        assert (SCHEDULE_JS in html) == (not quiz.written), quiz.name
        assert ('class="md-button ipt-revise-link" href="../../revise/"' in html) == (
            not quiz.written), quiz.name
    lesson = (built_site / "lessons" / "time-limit" / "index.html").read_text("utf-8")
    assert SCHEDULE_JS not in lesson and "ipt-revise" not in lesson


def test_revise_data_names_each_questions_lesson(module) -> None:
    data = revise_data(module.quizzes, [])
    questions = [q for quiz in module.quizzes for q in quiz.questions if q.kind != WRITTEN]
    assert data["round"] == ROUND
    assert data["lessons"] == {q.id: q.review.split("#")[0] for q in questions}
    assert all(lesson.startswith("lessons/") for lesson in data["lessons"].values())
    assert set(data["titles"]) == {quiz.page_path for quiz in module.quizzes if not quiz.written}


def test_the_page_is_the_same_for_the_same_bank(module) -> None:
    page = render_revise(module.quizzes, [], "# Generated")
    assert page == render_revise(module.quizzes, [], "# Generated")
    assert "[Exam practice](quizzes/exam-practice.md)" in page
    without_exam = render_revise([q for q in module.quizzes if not q.written], [], "# G")
    assert "Exam practice" not in without_exam and "</script>" in without_exam


def test_bank_files_read_the_same_whatever_the_charset() -> None:
    text = bank_script("quizzes/a.md", {"a-1": {"fp": "0" * 16,
                                                 "html": "<p>12\u201320 \u2192 </script></p>"}})
    assert text.isascii() and "\\u2013" in text


def test_a_page_of_that_name_is_refused(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(ROOT / "docs", docs)
    (docs / REVISE_PAGE).write_text("# Mine\n", encoding="utf-8")
    built, problems = compile_module(docs, ROOT / "quizzes")
    assert built is None
    assert [p.rule for p in problems] == ["revise-page-collision"]
    assert str(problems[0]).startswith("docs/revise.md:1:1: this page is generated by")


@pytest.mark.parametrize("blocks", ["", '<div class="quiz" id="quiz-0"><div>x</div></div>'])
def test_blocks_need_the_page_data(blocks: str) -> None:
    assert question_blocks(blocks) == {}


# Gzipped bytes: what Revise adds to the pages that load it (schedule.js: every self-check and
# the home page once something is answered; revise.js and revise.css: the Revise page only).
@pytest.mark.parametrize(("name", "most"), [("javascripts/schedule.js", 6144),
                                            ("javascripts/revise.js", 7168),
                                            ("stylesheets/revise.css", 1536)])
def test_revise_scripts_are_small(name: str, most: int) -> None:
    import gzip

    assert len(gzip.compress((ROOT / "docs" / "assets" / name).read_bytes(), 9)) < most
