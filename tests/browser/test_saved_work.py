"""A student's saved work survives every edit faculty publish (issue 19, engineering review 2
E2), moves from the old storage once, and travels in a progress file.

The acceptance test answers on the real site (some right, some wrong; a finished self-check;
two exam answers with ticked points), then the same address serves a rebuild of a scratch copy
of the project with a question inserted before the answers, an answered question moved, an
option reworded in an answered question (and in a finished quiz), and a marking point edited.
What the student sees is asserted exactly: untouched answers on their questions wherever they
moved, the reworded ones fresh, the inserted one unanswered and not a first try, scores and
first tries unchanged, My progress consistent. One extra build per run (shared_build)."""

from __future__ import annotations

import json
import os
import re
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
import yaml

from quizkit.model import FILL_IN, Quiz
from tests.browser import quizpage as qp
from tests.browser.conftest import (
    DESKTOP,
    answer_all,
    open_context,
    plain,
    quizzes_by_path,
    squash,
)
from tests.browser.test_exam import site_href
from tests.browser.test_offline import offline_index, offline_zip  # noqa: F401 (fixtures)
from tests.helpers import copy_project, run_mkdocs_build, shared_build
from tests.helpers.static_server import serve

pytestmark = pytest.mark.browser

INSERTED = "zz-identity-inserted"
REWORDED = " (reworded)"
EDITED_POINT = " (edited)"
EXAM_TEXT = ("IPT agrees a fixed number of sessions at the start, so the work stays on the present "
             "and both patient and therapist know when it ends.")  # markable: 20 words or more


@dataclass(frozen=True)
class Plan:
    """Who answers what, and what the edit changes (chosen from the real bank, so new content
    is covered without touching this file)."""

    path_a: str  # a self-check answered in part: its attempt is under way
    quiz_a: Quiz
    right_a: dict[str, bool]  # question id -> answered right
    moved: str  # answered, moved to the end
    reworded: str  # answered wrong; the option chosen is reworded
    path_b: str  # a self-check answered in full: its attempt has ended
    quiz_b: Quiz
    reworded_b: str  # answered right; a wrong option (not chosen) is reworded
    exam_path: str
    exam: Quiz
    edited: str  # exam question: points 0 and 1 ticked, point 1 edited
    untouched: str  # exam question: point 0 ticked


def _right_b(n: int) -> bool:
    return n % 3 != 1


@cache
def plan() -> Plan:
    checks = [(p, q) for p, q in sorted(quizzes_by_path().items()) if not q.written]
    path_a, quiz_a = next((p, q) for p, q in checks if len(q.questions) >= 5
                          and any(x.kind != FILL_IN for x in q.questions[:4]))
    four = quiz_a.questions[:4]
    reworded = max((i for i, q in enumerate(four) if q.kind != FILL_IN))
    kept_right, kept_wrong, moved = (i for i in range(4) if i != reworded)
    right_a = {four[kept_right].id: True, four[kept_wrong].id: False, four[moved].id: True,
               four[reworded].id: False}
    path_b, quiz_b = next((path, quiz) for path, quiz in checks if path != path_a and any(
        q.kind != FILL_IN and _right_b(n) for n, q in enumerate(quiz.questions)))
    reworded_b = next(q.id for n, q in enumerate(quiz_b.questions)
                      if q.kind != FILL_IN and _right_b(n))
    exam_path, exam = next((p, q) for p, q in quizzes_by_path().items() if q.written)
    edited = next(q for q in exam.questions if len(q.marking_points) >= 2)
    untouched = next(q for q in exam.questions if q is not edited)
    return Plan(path_a, quiz_a, right_a, four[moved].id, four[reworded].id, path_b, quiz_b,
                reworded_b, exam_path, exam, edited.id, untouched.id)


def question(quiz: Quiz, qid: str):
    return next(q for q in quiz.questions if q.id == qid)


# --- The edit, as faculty would make it, and its build -------------------------------------------

class _NoAliases(yaml.SafeDumper):
    def ignore_aliases(self, data) -> bool:  # every value written out in full
        return True


def _rewrite(path: Path, change: Callable[[dict], None]) -> None:
    data = yaml.safe_load(path.read_text("utf-8"))
    change(data)
    path.write_text(yaml.dump(data, Dumper=_NoAliases, sort_keys=False, allow_unicode=True,
                              width=10_000), "utf-8")


def _by_id(questions: list[dict], qid: str) -> dict:
    return next(q for q in questions if q["id"] == qid)


def _reword(entry: dict, text: str) -> None:
    option = next(o for o in entry["options"] if str(o["text"]).strip() == text)
    option["text"] = text + REWORDED


def _edit_quiz_a(data: dict) -> None:
    p = plan()
    questions = data["questions"]
    questions.append(questions.pop(questions.index(_by_id(questions, p.moved))))
    reworded = question(p.quiz_a, p.reworded)
    _reword(_by_id(questions, p.reworded), reworded.options[qp.wrong_indices(reworded)[0]].text)
    first = p.quiz_a.questions[0]
    questions.insert(0, {
        "id": INSERTED, "objective": first.objective, "level": "recall",
        "prompt": "When was this question added to the self-check?",
        "options": [
            {"text": "After you first answered this page", "correct": True},
            {"text": "Before you first answered this page",
             "feedback": "It was added by an edit made after your answers."},
            {"text": "In place of a question you answered",
             "feedback": "No question was taken out; this one was added."},
            {"text": "Together with the lesson it checks",
             "feedback": "It was added later, by an edit to this self-check."},
        ],
        "explanation": "Faculty added it after students had answered the self-check.",
        "review": first.review,
    })


def _edit_quiz_b(data: dict) -> None:
    p = plan()
    reworded = question(p.quiz_b, p.reworded_b)
    _reword(_by_id(data["questions"], p.reworded_b),
            reworded.options[qp.wrong_indices(reworded)[0]].text)


def _edit_exam(data: dict) -> None:
    point = _by_id(data["questions"], plan().edited)["marking_points"][1]
    point["text"] = str(point["text"]).strip() + EDITED_POINT


def _build_edited(folder: Path) -> str | None:
    project = copy_project(folder)
    p = plan()
    for quiz, change in ((p.quiz_a, _edit_quiz_a), (p.quiz_b, _edit_quiz_b),
                         (p.exam, _edit_exam)):
        _rewrite(project / "quizzes" / f"{quiz.name}.yml", change)
    result = run_mkdocs_build(folder / "site", project / "mkdocs.yml")
    return None if result.returncode == 0 else f"the edited build failed:\n{result.stderr}"


@pytest.fixture(scope="module")
def edited_site() -> Path:
    """The real site rebuilt with the edits (once per test run, whichever worker asks)."""
    folder, error = shared_build("identity-edited", _build_edited)
    assert error is None, error
    return folder / "site"


@contextmanager
def one_address(site: Path) -> Iterator[tuple[str, Callable[[Path], None]]]:
    """Serve site; swap(other) then serves another build at the same address (the same
    origin, so the same localStorage), as a published update reaches a student."""
    with tempfile.TemporaryDirectory() as tmp:
        live = Path(tmp) / "live"
        live.symlink_to(site, target_is_directory=True)

        def swap(other: Path) -> None:
            staged = Path(tmp) / "staged"
            staged.symlink_to(other, target_is_directory=True)
            os.replace(staged, live)

        with serve(live) as url:
            yield url, swap


# --- Reading a page as the student sees it -------------------------------------------------------

SHOWN_JS = """() => [...document.querySelectorAll('.quiz')].map(q => ({
  checked: [...q.querySelectorAll('input[name="answer"]')].filter(i => i.checked)
    .map(i => i.parentElement.querySelector('label').textContent.replace(/\\s+/g, ' ').trim()),
  labels: [...q.querySelectorAll('input[name="answer"] + label')]
    .map(l => l.textContent.replace(/\\s+/g, ' ').trim()),
  blanks: [...q.querySelectorAll('.quiz-blank-input')].map(i => i.value),
  answered: !q.querySelector('.quiz-feedback').classList.contains('hidden'),
  right: [...q.querySelectorAll('.quiz-feedback .quiz-feedback-item')]
    .map(i => i.classList.contains('correct')),
  locked: [...q.querySelectorAll('input')].every(i => i.disabled),
}))"""


def page_ids(page) -> list[str]:
    """The question ids in page order (the page's #ipt-quiz-data)."""
    return [q["id"] for q in json.loads(page.locator("#ipt-quiz-data").text_content())[
        "quizzes"][0]["questions"]]


def shown_by_id(page) -> dict[str, dict]:
    """Each question as the student sees it, by id."""
    return dict(zip(page_ids(page), page.evaluate(SHOWN_JS), strict=True))


def chosen_text(q, right: bool) -> list[str]:
    """The option texts a student chooses (qp.plan), as the page shows them."""
    return sorted(plain(q.options[i].text) for i in qp.plan(0, q, right=right)["chosen"])


def statuses(page) -> dict[str, str]:
    """My progress: each self-check's and exam question's line, by page path or question id."""
    return page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.ipt-progress-data a[data-ipt-page], .ipt-progress-data a[data-ipt-written]')].map(a =>
        [a.dataset.iptPage || a.dataset.iptWritten,
         a.parentNode.querySelector('.ipt-status').textContent]))""")


def reread(page) -> dict[str, int]:
    """My progress' "What to reread": section link -> questions or points missed."""
    items = page.locator(".ipt-progress ol > li").evaluate_all("""l => l.map(li => [
        li.querySelector('a').getAttribute('href'), li.textContent])""")
    return {href: int(re.search(r"\((\d+) question", text).group(1)) for href, text in items}


def exam_box(page, qid: str):
    return page.locator(f'.ipt-written[data-question="{qid}"]')


def write_and_tick(page, qid: str, points: list[int]) -> None:
    box = exam_box(page, qid)
    box.locator("textarea").fill(EXAM_TEXT)
    box.locator(".ipt-points summary").click()
    for i in points:
        box.locator('.ipt-points input[type="checkbox"]').nth(i).check()


def self_mark(quiz: Quiz, qid: str, points: list[int]) -> str:
    q = question(quiz, qid)
    return f"Your mark: {sum(q.marking_points[i].marks for i in points)} of {q.marks} marks."


# --- The acceptance test -------------------------------------------------------------------------

def test_saved_work_survives_an_edit(browser, built_site: Path, edited_site: Path) -> None:
    p = plan()
    with one_address(built_site) as (url, swap):
        context = open_context(browser, base=url, viewport=DESKTOP)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))

        # Before the edit: four answers on A (its attempt under way), all of B, two exam answers.
        page.goto(f"{url}/{p.path_a}")
        for n, q in enumerate(p.quiz_a.questions[:4]):
            qp.answer(page, n, q, right=p.right_a[q.id])
        before_a = shown_by_id(page)
        page.goto(f"{url}/{p.path_b}")
        answer_all(page, p.quiz_b, right=_right_b)
        before_b = qp.results(page)
        score_b = sum(_right_b(n) for n in range(len(p.quiz_b.questions)))
        assert before_b["status"].startswith(
            f"Your score: {score_b} of {len(p.quiz_b.questions)} right the first time")
        page.goto(f"{url}/{p.exam_path}")
        write_and_tick(page, p.edited, [0, 1])
        write_and_tick(page, p.untouched, [0])
        record = qp.saved(page)
        first_tries_b = qp.attempts(page, p.quiz_b.page_path)

        # The edit is published; the student comes back.
        swap(edited_site)
        page.goto(f"{url}/{p.path_a}")
        ids = page_ids(page)
        old_ids = [q.id for q in p.quiz_a.questions]
        assert ids == [INSERTED] + [i for i in old_ids if i != p.moved] + [p.moved], \
            "the edited build has the question inserted first and the moved one last"
        now = shown_by_id(page)
        for qid, right in p.right_a.items():
            if qid == p.reworded:
                continue
            q = question(p.quiz_a, qid)
            assert now[qid]["answered"] and now[qid]["locked"], qid
            assert now[qid]["right"][:1] == [right], qid
            if q.kind == FILL_IN:
                assert now[qid]["blanks"] == before_a[qid]["blanks"], qid
            else:  # the same options chosen, wherever the question and its options now are
                assert sorted(now[qid]["checked"]) == chosen_text(q, right), qid
        reworded = question(p.quiz_a, p.reworded)
        chosen = reworded.options[qp.wrong_indices(reworded)[0]]
        assert squash(plain(chosen.text) + REWORDED) in now[p.reworded]["labels"]
        for fresh in (INSERTED, p.reworded):
            assert now[fresh]["checked"] == [] and not now[fresh]["answered"], fresh
            assert not now[fresh]["locked"], fresh
        total = len(ids)
        results = qp.results(page)
        kept = [qid for qid in p.right_a if qid != p.reworded]
        assert results["status"].startswith(f"{len(kept)} of {total} answered.")
        assert [m for qid, m in zip(ids, results["rows"], strict=True) if qid in kept] == [
            "right" if p.right_a[qid] else "wrong" for qid in ids if qid in kept]
        assert results["rows"].count("open") == total - len(kept)
        attempts_a = qp.attempts(page, p.quiz_a.page_path)
        fingerprints = dict(zip(ids, qp.fingerprints(page), strict=True))
        assert attempts_a["current"] == {
            qid: {"ok": p.right_a[qid], "fp": fingerprints[qid]} for qid in kept}, \
            "first tries kept for untouched questions only; none for the inserted one"
        assert attempts_a["current"] == {
            qid: record["quizzes"][p.quiz_a.page_path]["current"][qid] for qid in kept}
        assert set(json.loads(page.evaluate(
            f"localStorage.getItem('quiz_progress_/{p.path_a}')"))) == {
            f"quiz-{ids.index(qid)}" for qid in kept}

        # B had ended: its score stays; the reworded question is open, outside that score.
        page.goto(f"{url}/{p.path_b}")
        n_b = [q.id for q in p.quiz_b.questions].index(p.reworded_b)
        results = qp.results(page)
        assert results["status"].startswith(
            f"Your score: {score_b} of {len(p.quiz_b.questions)} right the first time")
        assert "1 question is new or changed since that attempt: answer it above." in \
            results["status"]
        assert results["rows"][n_b] == "open"
        assert [m for n, m in enumerate(results["rows"]) if n != n_b] == [
            m for n, m in enumerate(before_b["rows"]) if n != n_b]
        assert not shown_by_id(page)[p.reworded_b]["answered"]
        qp.answer(page, n_b, question(p.quiz_b, p.reworded_b), right=False)
        results = qp.results(page)
        assert results["status"].startswith(f"Your score: {score_b} of {len(p.quiz_b.questions)}")
        assert results["rows"][n_b] == "wrong" and results["retryMissed"]
        attempts_b = qp.attempts(page, p.quiz_b.page_path)
        for field in ("attempts", "first", "best", "latest"):
            assert attempts_b[field] == first_tries_b[field], field

        # Exam practice: the answer stays; the tick on the edited point goes, the other stays;
        # the self-mark waits for a new comparison. The untouched question keeps everything.
        page.goto(f"{url}/{p.exam_path}")
        edited = exam_box(page, p.edited)
        assert edited.locator("textarea").input_value() == EXAM_TEXT
        ticks = edited.locator('.ipt-points input[type="checkbox"]')
        assert [ticks.nth(i).is_checked() for i in range(ticks.count())] == [
            i == 0 for i in range(ticks.count())]
        assert edited.locator(".ipt-mark").inner_text() == ""
        assert edited.locator(".ipt-changed").is_visible()
        assert edited.locator(".ipt-points").evaluate("d => !d.open")
        untouched = exam_box(page, p.untouched)
        assert untouched.locator("textarea").input_value() == EXAM_TEXT
        assert untouched.locator(".ipt-mark").inner_text() == self_mark(p.exam, p.untouched, [0])

        # My progress says the same.
        page.goto(f"{url}/")
        lines = statuses(page)
        assert lines[p.quiz_a.page_path] == (
            f": {len(kept)} of {total} answered, {sum(p.right_a[k] for k in kept)} right the "
            "first time")
        assert lines[p.quiz_b.page_path] == (
            f": first try {score_b} of {len(p.quiz_b.questions)} right")
        assert lines[p.edited] == ": answer written, not yet compared"
        q_untouched = question(p.exam, p.untouched)
        assert lines[p.untouched] == (
            f": self-marked {q_untouched.marking_points[0].marks} of {q_untouched.marks} marks")
        expected: dict[str, int] = {}
        wrong_reviews = [question(p.quiz_a, k).review for k in kept if not p.right_a[k]]
        wrong_reviews += [q.review for n, q in enumerate(p.quiz_b.questions)
                          if not _right_b(n) or q.id == p.reworded_b]
        wrong_reviews += [point.review for point in q_untouched.marking_points[1:]]
        for review in wrong_reviews:
            expected[site_href("", review)] = expected.get(site_href("", review), 0) + 1
        assert reread(page) == expected
        assert errors == []
        context.close()
        assert context.traffic.foreign == []


# --- Students with progress saved by the previous version --------------------------------------

def _old_values(q, right: bool) -> list[str]:
    """mkdocs-quiz's selectedValues for an answer (qp.plan): option places, or typed words."""
    step = qp.plan(0, q, right=right)
    return step["blanks"] if "blanks" in step else [str(i) for i in step["chosen"]]


def _old_attempts(quiz: Quiz, ids: list[str], **fields) -> str:
    """quiz.js's version-1 record, as the previous version wrote it (shape recorded from the
    site built from main before this change: docs/assets/javascripts/README.md, version 1)."""
    stem = quiz.page_path.removesuffix(".md")
    return json.dumps({"version": 1, "attempts": 0, "best": None, "latest": None,
                       "current": {}, "total": len(ids), "page": f"{stem}/",
                       "questions": [{"id": i, "review": "lessons/x/"} for i in ids], **fields})


def old_storage(p: Plan) -> tuple[dict[str, str], Quiz, tuple[str, Quiz, list[bool]]]:
    """What a student of the previous version has saved (its keys and values), and the quizzes
    C and D: A's attempt under way (a question since removed among them, one answer that no
    longer fits, one with a value too many), C answered before quiz.js kept attempts, D
    finished, two exam answers (one with a tick on a point that is not there), the last page."""
    checks = [(path, q) for path, q in sorted(quizzes_by_path().items()) if not q.written]
    (_, quiz_c), (path_d, quiz_d) = [(path, q) for path, q in checks if path != p.path_a][:2]
    a = p.quiz_a.questions
    old_ids = [a[0].id, "gone-question", a[1].id, a[2].id, a[3].id] + [q.id for q in a[4:]]
    progress_a = {
        "quiz-0": {"answered": True, "correct": True, "selectedValues": _old_values(a[0], True)},
        "quiz-1": {"answered": True, "correct": True, "selectedValues": ["0"]},
        "quiz-2": {"answered": True, "correct": False, "selectedValues": _old_values(a[1], False)},
        "quiz-3": {"answered": True, "correct": True,  # but it is a wrong answer now
                   "selectedValues": _old_values(a[2], False)},
        "quiz-4": {"answered": True, "correct": False,
                   "selectedValues": [*_old_values(a[3], False), "one too many"]},
    }
    current_a = {a[0].id: True, "gone-question": True, a[1].id: False, a[2].id: True,
                 a[3].id: False}
    d_right = [n % 2 == 0 for n in range(len(quiz_d.questions))]
    edited, untouched = question(p.exam, p.edited), question(p.exam, p.untouched)
    lesson = p.quiz_a.lesson.removesuffix(".md")
    return {
        f"ipt:attempts:{p.quiz_a.page_path}": _old_attempts(p.quiz_a, old_ids, current=current_a),
        f"quiz_progress_/{p.path_a}": json.dumps(progress_a),
        f"quiz_progress_/{quizzes_path(quiz_c)}": json.dumps({"quiz-0": {
            "answered": True, "correct": True,
            "selectedValues": _old_values(quiz_c.questions[0], True)}}),
        f"ipt:attempts:{quiz_d.page_path}": _old_attempts(
            quiz_d, [q.id for q in quiz_d.questions], attempts=1, current=None,
            best={"correct": sum(d_right), "total": len(d_right), "at": "2026-11-30T10:00:00Z"},
            latest={"correct": sum(d_right), "total": len(d_right), "at": "2026-11-30T10:00:00Z",
                    "missed": [q.id for q, r in zip(quiz_d.questions, d_right, strict=True)
                               if not r], "fixed": []}),
        f"quiz_progress_/{path_d}": json.dumps({
            f"quiz-{n}": {"answered": True, "correct": r, "selectedValues": _old_values(q, r)}
            for n, (q, r) in enumerate(zip(quiz_d.questions, d_right, strict=True))}),
        f"ipt:exam:{edited.id}": json.dumps({"text": EXAM_TEXT, "ticked": [0, 1],
                                             "elapsed": 30, "compared": True}),
        f"ipt:exam:{untouched.id}": json.dumps({"text": "A draft", "ticked": [99],
                                                "elapsed": 0}),
        "ipt:exam:gone-exam-question": json.dumps({"text": "x", "ticked": [], "elapsed": 0}),
        "ipt:last-page": json.dumps({"url": f"{lesson}/", "title": "The lesson I read last"}),
    }, quiz_c, (path_d, quiz_d, d_right)


def quizzes_path(quiz: Quiz) -> str:
    """The site path of a quiz's page ("quizzes/x/")."""
    return quiz.page_path.removesuffix(".md") + "/"


RECORDED = Path(__file__).parent.parent / "fixtures" / "progress" / "main-1c1c678.json"


def fields(value) -> dict[str, str]:
    """A JSON object's field names and the JSON type of each value."""
    kinds = {dict: "object", list: "array", str: "string", bool: "boolean", int: "number",
             float: "number", type(None): "null"}
    return {key: kinds[type(item)] for key, item in value.items()}


def shapes(items: dict[str, str]) -> dict[str, list[dict[str, str]]]:
    """Every kind of old value (attempts under way or ended, its latest attempt and question
    list, an mkdocs-quiz answer, an exam answer, the last page) and its fields."""
    found: dict[str, list[dict[str, str]]] = {}
    for key, text in items.items():
        value = json.loads(text)
        if key.startswith("ipt:attempts:"):
            kind = "attempts, ended" if value["latest"] else "attempts, under way"
            found.setdefault(kind, []).append(fields(value))
            found.setdefault("attempts' question", []).append(fields(value["questions"][0]))
            if value["latest"]:
                found.setdefault("latest attempt", []).append(fields(value["latest"]))
        elif key.startswith("quiz_progress_"):
            found.setdefault("mkdocs-quiz answer", []).extend(fields(v) for v in value.values())
        elif key.startswith("ipt:exam:"):
            found.setdefault("exam answer", []).append(fields(value))
        else:
            found.setdefault(key, []).append(fields(value))
    return {kind: [dict(t) for t in sorted({tuple(sorted(f.items())) for f in all_fields})]
            for kind, all_fields in found.items()}


def test_the_old_data_made_up_here_has_main_s_shapes() -> None:
    """old_storage() makes up a previous version's data from the bank as it is; every kind of
    value in it has exactly the fields the previous version wrote (recorded from main)."""
    recorded = json.loads(RECORDED.read_text("utf-8"))["localStorage"]
    assert shapes(old_storage(plan())[0]) == shapes(recorded)


def _context_with(browser, url: str, items: dict[str, str]):
    return open_context(browser, base=url, viewport=DESKTOP, storage_state={
        "cookies": [], "origins": [{"origin": url, "localStorage": [
            {"name": k, "value": v} for k, v in items.items()]}]})


def storage(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries(Object.keys(localStorage).map(k => "
                         "[k, localStorage.getItem(k)]))")


def test_old_progress_is_moved_once_keeping_what_still_fits(browser, site_url: str) -> None:
    p = plan()
    items, quiz_c, (path_d, quiz_d, d_right) = old_storage(p)
    context = _context_with(browser, site_url, items)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    a = p.quiz_a.questions

    # A self-check page first: it moves its own quiz, and leaves the others for later.
    page.goto(f"{site_url}/{p.path_a}")
    shown = shown_by_id(page)
    assert shown[a[0].id]["answered"] and shown[a[0].id]["right"][:1] == [True]
    assert shown[a[1].id]["answered"] and shown[a[1].id]["right"][:1] == [False]
    if a[0].kind != FILL_IN:
        assert sorted(shown[a[0].id]["checked"]) == chosen_text(a[0], True)
    for dropped in (a[2], a[3]):  # the misfit and the answer with a blank too many
        assert not shown[dropped.id]["answered"], dropped.id
    results = qp.results(page)
    assert results["status"].startswith(f"2 of {len(a)} answered.")
    left = storage(page)
    assert f"ipt:attempts:{p.quiz_a.page_path}" not in left
    assert f"ipt:attempts:{quiz_d.page_path}" in left and f"ipt:exam:{p.edited}" in left

    # The home page has every quiz: the rest moves; nothing old is left.
    page.goto(f"{site_url}/")
    lines = statuses(page)
    assert lines[p.quiz_a.page_path] == f": 2 of {len(a)} answered, 1 right the first time"
    assert lines[quiz_c.page_path] == (
        f": 1 of {len(quiz_c.questions)} answered, 1 right the first time")
    assert lines[quiz_d.page_path] == f": first try {sum(d_right)} of {len(d_right)} right"
    edited = question(p.exam, p.edited)
    assert lines[p.edited] == (
        f": self-marked {sum(pt.marks for pt in edited.marking_points[:2])} of {edited.marks} "
        "marks")
    assert lines[p.untouched] == ": answer written, not yet compared"
    # Every old key was moved and removed; quiz_progress_ is now only the copy quiz.js wrote
    # on A's page from the record.
    assert sorted(k for k in storage(page) if k.startswith(("ipt:", "quiz_progress_"))) == [
        "ipt:progress", f"quiz_progress_/{p.path_a}"]
    record = qp.saved(page)
    assert set(record["questions"]) == {a[0].id, a[1].id} | {q.id for q in quiz_c.questions[:1]} \
        | {q.id for q in quiz_d.questions}
    assert record["quizzes"][quiz_d.page_path]["first"]["correct"] == sum(d_right)
    assert "gone-exam-question" not in record["exam"]

    # Once: a reload finds the same, and a finished quiz shows its answers and its score.
    page.reload()
    assert statuses(page) == lines
    assert qp.saved(page)["questions"] == record["questions"]
    page.goto(f"{site_url}/{path_d}")
    assert qp.results(page)["status"].startswith(
        f"Your score: {sum(d_right)} of {len(d_right)} right the first time")
    assert all(q["answered"] for q in shown_by_id(page).values())
    page.goto(f"{site_url}/{p.exam_path}")
    assert exam_box(page, p.untouched).locator("textarea").input_value() == "A draft"
    assert errors == []
    context.close()
    assert context.traffic.foreign == []

    # The last page read, alone: the home page's button leads back there.
    context = _context_with(browser, site_url, {"ipt:last-page": items["ipt:last-page"]})
    page = context.new_page()
    page.goto(f"{site_url}/")
    button = page.locator("#ipt-continue")
    assert button.inner_text() == "Continue where you left off: The lesson I read last"
    assert button.evaluate("a => a.href") == f"{site_url}/{p.quiz_a.lesson.removesuffix('.md')}/"
    context.close()


# --- Progress files -------------------------------------------------------------------------------

def load_file(page, name: str, content: bytes) -> str:
    """Choose a file with "Load progress from a file" (from the keyboard); the message shown."""
    said = page.locator(".ipt-file-status")
    said.evaluate("e => { e.textContent = ''; }")
    with page.expect_file_chooser() as chooser:
        page.get_by_role("button", name="Load progress from a file").focus()
        page.keyboard.press("Enter")
    chooser.value.set_files(files=[{"name": name, "mimeType": "application/json",
                                    "buffer": content}])
    page.wait_for_function("() => document.querySelector('.ipt-file-status').textContent")
    return said.inner_text()


def test_a_progress_file_restores_everything_in_a_fresh_browser(browser, site_url: str) -> None:
    p = plan()
    a = p.quiz_a.questions
    first = open_context(browser, base=site_url, viewport=DESKTOP)
    page = first.new_page()
    page.goto(f"{site_url}/{p.path_a}")
    qp.answer(page, 0, a[0], right=True)
    qp.answer(page, 1, a[1], right=False)
    answers = shown_by_id(page)
    page.goto(f"{site_url}/{p.exam_path}")
    write_and_tick(page, p.untouched, [0])
    page.goto(f"{site_url}/{p.quiz_a.lesson.removesuffix('.md')}/")
    page.goto(f"{site_url}/")
    before = (statuses(page), reread(page), page.locator("#ipt-continue").inner_text())
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my progress to a file").focus()
        page.keyboard.press("Enter")
    assert re.fullmatch(r"ipt-progress-\d{4}-\d{2}-\d{2}\.json",
                        download.value.suggested_filename)
    saved = Path(download.value.path()).read_bytes()
    assert json.loads(saved)["format"] == "ipt-progress" and json.loads(saved)["version"] == 2
    assert download.value.suggested_filename in page.locator(".ipt-file-status").inner_text()
    first.close()

    fresh = open_context(browser, base=site_url, viewport=DESKTOP)
    page = fresh.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    dialogs: list[str] = []
    accept = [False]

    def answer(dialog) -> None:
        dialogs.append(dialog.message)
        if accept[0]:
            dialog.accept()
        else:
            dialog.dismiss()

    page.on("dialog", answer)
    page.goto(f"{site_url}/")
    empty = (statuses(page), storage(page))
    boxes = page.locator(".ipt-progress button").evaluate_all(
        "l => l.map(b => { const r = b.getBoundingClientRect(); "
        "return [r.left, r.right, r.width, r.height]; })")
    assert len(boxes) == 3 and all(w >= 44 and h >= 44 for _, _, w, h in boxes), boxes
    assert boxes[1][0] - boxes[0][1] >= 8, "save and load are 8 px apart"
    record = json.loads(saved)
    bad = {
        "foreign.json": (b'{"hello": "world"}', "not a progress file from this module"),
        "cut.json": (saved[: len(saved) // 2], "damaged or is not a progress file"),
        "newer.json": (json.dumps({**record, "version": 3}).encode(), "newer version"),
        "damaged.json": (json.dumps({**record, "questions": {"x": {"fp": 5}}}).encode(),
                         "damaged"),
        "empty.json": (b"", "empty"),
        "huge.json": (b" " * (5 * 1024 * 1024 + 1), "far larger than a progress file"),
    }
    for name, (content, words) in bad.items():
        said = load_file(page, name, content)
        assert words in said and said.endswith("Nothing was changed."), (name, said)
        assert (statuses(page), storage(page)) == empty, name
    assert dialogs == [], "a bad file is refused before anything is asked"

    said = load_file(page, "mine.json", saved)  # asked, and dismissed: nothing changes
    assert len(dialogs) == 1 and "mine.json" in dialogs[0]
    assert "2 self-check answers and 1 exam-practice answer" in dialogs[0]
    assert "replaces everything this module saved in this browser" in dialogs[0]
    assert said == "Not loaded: nothing was changed." and storage(page) == empty[1]
    accept[0] = True
    said = load_file(page, "mine.json", saved)
    assert said.startswith("Loaded mine.json")
    assert (statuses(page), reread(page), page.locator("#ipt-continue").inner_text()) == before
    page.goto(f"{site_url}/{p.path_a}")
    restored = shown_by_id(page)
    for qid in (a[0].id, a[1].id):  # (the options are reshuffled on every visit)
        assert {**restored[qid], "labels": sorted(restored[qid]["labels"])} == {
            **answers[qid], "labels": sorted(answers[qid]["labels"])}, qid
    page.goto(f"{site_url}/{p.exam_path}")
    assert exam_box(page, p.untouched).locator("textarea").input_value() == EXAM_TEXT
    assert errors == []
    fresh.close()
    assert fresh.traffic.foreign == []


def save_file(page) -> tuple[str, bytes]:
    """Press "Save my progress to a file": (the file's name, its bytes)."""
    with page.expect_download() as download:
        page.get_by_role("button", name="Save my progress to a file").click()
    return download.value.suggested_filename, Path(download.value.path()).read_bytes()


def test_a_progress_file_moves_to_the_offline_zip(browser, site_url: str,
                                                   offline_index: Path) -> None:  # noqa: F811
    """Saved on the site, loaded in the offline zip (file://, .html pages): the same answer on
    the same question, "Continue" to the same lesson; the zip saves a file too."""
    p = plan()
    online = open_context(browser, base=site_url, viewport=DESKTOP)
    page = online.new_page()
    page.goto(f"{site_url}/{p.path_a}")
    qp.answer(page, 0, p.quiz_a.questions[0], right=True)
    answer = shown_by_id(page)[p.quiz_a.questions[0].id]
    lesson = p.quiz_a.lesson.removesuffix(".md")
    page.goto(f"{site_url}/{lesson}/")
    page.goto(f"{site_url}/")
    _, content = save_file(page)
    online.close()

    offline = open_context(browser, base=None, viewport=DESKTOP)
    try:
        page = offline.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        page.goto(offline_index.as_uri())
        assert load_file(page, "progress.json", content).startswith("Loaded progress.json")
        button = page.locator("#ipt-continue")
        assert button.evaluate("a => a.href") == (offline_index.parent / f"{lesson}.html").as_uri()
        page.goto((offline_index.parent / f"{p.quiz_a.page_path.removesuffix('.md')}.html")
                  .as_uri())
        shown = shown_by_id(page)[p.quiz_a.questions[0].id]
        assert (shown["checked"], shown["blanks"], shown["right"]) == (
            answer["checked"], answer["blanks"], answer["right"])
        page.goto(offline_index.as_uri())
        name, again = save_file(page)
        assert name.startswith("ipt-progress-")
        assert json.loads(again)["questions"] == json.loads(content)["questions"]
        assert all(url.startswith(("file://", "data:", "blob:"))
                   for url in offline.traffic.requests)
    finally:
        offline.close()


def test_a_damaged_or_newer_record_is_never_lost(browser, site_url: str) -> None:
    """The browser's record with one damaged entry keeps the others; one this version cannot
    read is kept aside before anything is written; one of a later version is left alone."""
    p = plan()
    a = p.quiz_a.questions[0]
    context = open_context(browser, base=site_url, viewport=DESKTOP)
    page = context.new_page()
    page.goto(f"{site_url}/{p.path_a}")
    qp.answer(page, 0, a, right=True)
    good = qp.saved(page)
    damaged = {**good, "questions": {**good["questions"], "broken": {"fp": 7}}}
    page.evaluate("r => localStorage.setItem('ipt:progress', JSON.stringify(r))", damaged)
    page.reload()
    assert shown_by_id(page)[a.id]["answered"], "the good entry is kept"
    lesson = f"{site_url}/{p.quiz_a.lesson.removesuffix('.md')}/"
    page.goto(lesson)  # a page that writes (the last page visited)
    kept = qp.saved(page)
    assert "broken" not in kept["questions"] and a.id in kept["questions"]

    for stored, aside in (('{"format": "ipt-progress", "version": 2, "quest', True),
                          (json.dumps({**good, "version": 3}), False)):
        page.evaluate("v => { localStorage.clear(); localStorage.setItem('ipt:progress', v); }",
                      stored)
        page.goto(lesson)
        now = storage(page)
        if aside:
            assert now["ipt:progress-unreadable"] == stored
            assert json.loads(now["ipt:progress"])["lastPage"]["page"] == p.quiz_a.lesson
        else:
            assert now["ipt:progress"] == stored, "a later version's record is not overwritten"
    context.close()
