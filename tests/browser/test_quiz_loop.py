"""The honest quiz loop as a student meets it: options reshuffled on every visit with answers
kept on the options chosen, first tries as the score, deliberate retries, best and latest
attempts saved, Submit that waits for an answer, fill-ins that accept what students type
(alternatives, case, spaces, curly quotes, dashes, one slip in a long word), Enter and the
number keyboard on phones, no jump at the end, and tap targets a thumb can hit at 360 px."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from quizkit.model import FILL_IN, MULTIPLE, SINGLE
from tests.browser import quizpage as qp
from tests.browser.conftest import (
    PHONE,
    open_context,
    page_kind,
    quizzes_by_path,
    show_palette,
    squash,
)

pytestmark = pytest.mark.browser

RELOADS = 4


def _quiz(path: str):
    return quizzes_by_path()[path]


def _self_checks() -> dict:
    """The mkdocs-quiz quizzes by site path (exam practice has its own page and tests)."""
    return {path: quiz for path, quiz in quizzes_by_path().items() if not quiz.written}


def _first_quiz_with(kind: str) -> str:
    return next(path for path, quiz in sorted(_self_checks().items())
                if any(q.kind == kind for q in quiz.questions))


def _page_path(quiz_path: str) -> str:
    return f"quizzes/{_quiz(quiz_path).name}.md"


def _with_flag(body: str, qid: str, name: str, value: bool) -> str:
    """The page with one flag of question qid changed in its #ipt-quiz-data."""
    entry = re.compile(r'(\{"id":"' + re.escape(qid) + r'"[^{}]*?"' + name + r'":)(true|false)')
    assert len(entry.findall(body)) == 1, (qid, name)
    return entry.sub(lambda m: m.group(1) + str(value).lower(), body)


def _fresh(page, url: str) -> None:
    """Open the page as a first-time visitor (nothing saved): a tab of a new context has
    nothing saved yet; one on the site forgets what it saved before it goes (the site writes
    nothing as a page is left)."""
    if urlsplit(page.url).netloc == urlsplit(url).netloc:
        page.evaluate("() => localStorage.clear()")
    else:
        assert page.url == "about:blank" and page.context.storage_state()["origins"] == []
    page.goto(url)


def test_options_reshuffle_and_saved_answers_follow_them(page, site_url: str) -> None:
    """Answer every choice question (some right, some wrong), reload several times: the marked
    options are always the ones chosen, and the order on screen changes across reloads."""
    path = max(_self_checks(), key=lambda p: sum(q.kind != FILL_IN
                                                    for q in _quiz(p).questions))
    quiz = _quiz(path)
    page.goto(f"{site_url}/{path}")
    chosen: dict[int, list[int]] = {}
    for n, question in enumerate(quiz.questions):
        qp.answer(page, n, question, right=n % 3 != 1)
        if question.kind != FILL_IN:
            chosen[n] = (qp.correct_indices(question) if n % 3 != 1
                         else qp.wrong_indices(question)[:1])
    orders = {n: {tuple(qp.on_screen_order(page, n))} for n in chosen}
    for _ in range(RELOADS):
        page.reload()
        for n, wanted in chosen.items():
            checked = [int(v) for v in qp.options(page, n).evaluate_all(
                "l => l.filter(i => i.checked).map(i => i.value)")]
            assert sorted(checked) == sorted(wanted), n
            for i in wanted:
                kind = "correct" if quiz.questions[n].options[i].correct else "wrong"
                assert kind in (qp.row(page, n, i).get_attribute("class") or "").split()
            orders[n].add(tuple(qp.on_screen_order(page, n)))
    assert sum(len(seen) > 1 for seen in orders.values()) >= len(orders) // 2, orders
    assert page.js_errors == []


def test_shuffle_false_keeps_the_compiled_order(page, site_url: str) -> None:
    """A question compiled with `shuffle: false` (its flag in the page's data) keeps its order
    on every visit, while the others move."""
    path = _first_quiz_with(SINGLE)
    quiz = _quiz(path)
    n = next(i for i, q in enumerate(quiz.questions) if q.kind == SINGLE)
    qid = quiz.questions[n].id

    def keep_order(route) -> None:
        route.fulfill(body=_with_flag(route.fetch().text(), qid, "shuffle", False),
                      headers={"content-type": "text/html; charset=utf-8"})

    page.route(f"{site_url}/{path}", keep_order)
    for _ in range(RELOADS):
        page.goto(f"{site_url}/{path}")
        assert qp.on_screen_order(page, n) == list(range(len(quiz.questions[n].options)))


def test_first_try_score_and_deliberate_retries(page, site_url: str) -> None:
    """The first answer to each question is the score; a locked question cannot be answered
    again; "Retry the ones I missed" reopens only those (the score stays), "Try the quiz again"
    reopens all; best and latest attempts are saved as README.md documents."""
    path = sorted(_self_checks())[0]
    quiz = _quiz(path)
    total = len(quiz.questions)
    page.goto(f"{site_url}/{path}")
    missed = [0, total - 2]
    for n, question in enumerate(quiz.questions[:-1]):
        qp.answer(page, n, question, right=n not in missed)
    # The last question: its feedback stays in view, and links to the results.
    last = total - 1
    qp.box(page, last).scroll_into_view_if_needed()
    qp.answer(page, last, quiz.questions[last], right=True)
    feedback = qp.box(page, last).locator(".quiz-feedback")
    # (Within a pixel: scrolling stops on whole pixels, the box may end on a fraction.)
    page.wait_for_function("f => { const r = f.getBoundingClientRect();"
                           " return r.top >= 0 && r.bottom <= innerHeight + 1; }",
                           arg=feedback.element_handle())
    link = feedback.locator(".ipt-see-results a")
    assert link.inner_text() == "See your results"

    shown = qp.results(page)
    right = total - len(missed)
    assert shown["complete"] and shown["score"] == f"{round(100 * right / total)}%"
    # The progress box beside the questions says what each of its two counts is out of.
    progress = squash(page.locator("#quiz-progress-sidebar").inner_text())
    assert f"Answered: {total} of {total} (100%)" in progress, progress
    assert f"Right: {right} of the {total} answered ({round(100 * right / total)}%)" \
        in progress, progress
    assert f"Your score: {right} of {total} right the first time" in shown["status"]
    assert [i for i, mark in enumerate(shown["rows"]) if mark == "wrong"] == missed
    assert shown["retryMissed"] and shown["tryAgain"]
    # Locked: no Submit, no way to change the answer in place.
    assert not qp.box(page, 0).locator('button[type="submit"]').is_visible()
    ids = [q.id for q in quiz.questions]
    record = qp.attempts(page, _page_path(path))
    assert record["best"]["correct"] == right and record["best"]["total"] == total
    assert record["first"] == record["best"] == {
        k: v for k, v in record["latest"].items() if k in ("correct", "total", "at")}
    assert record["latest"]["missed"] == [ids[i] for i in missed]
    assert record["attempts"] == 1 and record["current"] is None
    # Every answer is kept by the question's identity, with its verdict.
    answers = qp.saved(page)["questions"]
    assert {qid: (answers[qid]["fp"], answers[qid]["correct"]) for qid in ids} == {
        q.id: (fp, n not in missed) for n, (q, fp) in enumerate(
            zip(quiz.questions, qp.fingerprints(page), strict=True))}

    # Each row links to its question and to its review section.
    rows = page.locator("#ipt-results ol > li")
    for n, question in enumerate(quiz.questions):
        hrefs = rows.nth(n).locator("a").evaluate_all("l => l.map(a => a.getAttribute('href'))")
        assert hrefs[0] == f"#quiz-{n}"
        assert hrefs[1].split("#")[0].endswith(question.review.split("#")[0][:-3] + "/")

    link.click()
    page.wait_for_function("() => location.hash === '#your-results'")

    qp.panel_button(page, "retry-missed").click()
    reopened = [n for n in range(total) if not qp.is_answered(page, n)]
    assert reopened == missed
    for n in missed:
        qp.answer(page, n, quiz.questions[n], right=True)
    shown = qp.results(page)
    assert f"Your score: {right} of {total}" in shown["status"], "a retry does not raise it"
    assert not shown["retryMissed"]
    # Put right on retry: "✗ → ✓ on retry", for everyone to see.
    assert [i for i, mark in enumerate(shown["rows"]) if mark == "fixed"] == missed
    row = page.locator("#ipt-results ol > li").nth(missed[0])
    assert squash(row.locator(".ipt-mark > [aria-hidden]").inner_text()) == "✗ → ✓ on retry"
    assert row.locator(".ipt-mark .ipt-sr").text_content().strip() == "wrong, right on retry:"
    record = qp.attempts(page, _page_path(path))
    assert record["latest"]["fixed"] == [ids[i] for i in missed]
    assert record["latest"]["correct"] == right

    qp.try_again(page)
    assert not any(qp.is_answered(page, n) for n in range(total))
    for n, question in enumerate(quiz.questions):
        qp.answer(page, n, question, right=True)
    record = qp.attempts(page, _page_path(path))
    assert record["attempts"] == 2
    assert record["latest"]["correct"] == total and record["latest"]["missed"] == []
    assert record["best"]["correct"] == total
    assert record["first"]["correct"] == right, "the first-ever attempt is kept"
    page.reload()
    status = qp.results(page)["status"]
    assert status.startswith(f"Your score on this try (try 2): {total} of {total} right"), status
    assert f"Your first try: {right} of {total}" in status and "first time" not in status
    assert page.js_errors == []


def test_submit_waits_for_an_answer(page, site_url: str) -> None:
    """An empty Submit neither marks the question nor reveals anything; it says what to do."""
    for kind in (SINGLE, MULTIPLE, FILL_IN):
        path = _first_quiz_with(kind)
        quiz = _quiz(path)
        n = next(i for i, q in enumerate(quiz.questions) if q.kind == kind)
        _fresh(page, f"{site_url}/{path}")
        qp.submit(page, n)
        assert not qp.is_answered(page, n)
        assert not qp.box(page, n).locator("section.content").is_visible()
        hint = qp.box(page, n).locator(".ipt-hint")
        assert hint.inner_text().endswith("first."), kind
        assert qp.results(page)["answered"] == "0"
        assert page.evaluate(f"() => localStorage.getItem('quiz_progress_/{path}')") in (
            None, "{}")
    assert page.js_errors == []


def _fill_ins() -> list[tuple[str, int]]:
    return [(path, n) for path, quiz in sorted(_self_checks().items())
            for n, q in enumerate(quiz.questions) if q.kind == FILL_IN]


def _as_typed(answer: str, n: int) -> str:
    """An accepted answer as a phone might send it: odd case, stray and doubled spaces, curly
    apostrophes and en dashes."""
    typed = qp.awkward(answer, n).replace("'", "\u2019").replace("-", "\u2013")
    return typed.replace(" ", "  ") if " " in answer.strip() else typed


def _slip(answer: str) -> str:
    """One letter changed in the middle."""
    middle = len(answer) // 2
    return answer[:middle] + ("x" if answer[middle] != "x" else "y") + answer[middle + 1:]


def _blank_tries(question) -> list[tuple[list[str], str]]:
    """What to type into the question's blanks, and the expected outcome: each accepted answer
    typed awkwardly ("right"); a one-letter slip ("slip" if corrected, else "wrong")."""
    tries = [([_as_typed(b.answers[k % len(b.answers)], k) for b in question.blanks], "right")
             for k in range(max(len(b.answers) for b in question.blanks))]
    if all(not a.isdigit() for a in question.blank_keys):
        long_words = all(len(re.findall(r"[^\W\d_]", a)) >= 7 for a in question.blank_keys)
        tries.append(([_slip(a) for a in question.blank_keys],
                      "slip" if long_words and question.typos else "wrong"))
    return tries


# What the page's own marking (mkdocs-quiz calls iptQuiz.accepts on each blank as it marks it)
# makes of values put into a question's blanks, the blanks left as they were: "exact", "slip"
# or "wrong" for each blank.
ACCEPTS_JS = """([n, values]) => [...document.querySelectorAll(
    '#quiz-' + n + ' .quiz-blank-input')].map((input, i) => {
  input.value = values[i];
  window.iptQuiz.accepts(input);
  const how = input.getAttribute('data-ipt-match');
  input.value = '';
  input.removeAttribute('data-ipt-match');
  input.removeAttribute('data-ipt-expected');
  return how;
})"""


def test_every_blank_accepts_what_students_type(page, site_url: str) -> None:
    """Each accepted answer of every blank, typed awkwardly, is right; a one-letter slip is
    accepted and corrected in a 7+ letter answer, wrong in a shorter one.

    Through the page as a student meets it, with every blank question of each page: the first
    accepted answers typed and sent with Enter (marked right), and on a second visit the slip
    (marked as expected, the correction shown). The other accepted answers go through the
    same marking on the same page (iptQuiz.accepts with each blank's own data, as mkdocs-quiz
    calls it on Submit): one visit per try would cost a page load each."""
    by_path: dict[str, list[int]] = {}
    for path, n in _fill_ins():
        by_path.setdefault(path, []).append(n)
    for path, numbers in by_path.items():
        tries = {n: _blank_tries(_quiz(path).questions[n]) for n in numbers}
        _fresh(page, f"{site_url}/{path}")
        for n in numbers:
            for values, expected in tries[n][1:]:
                how = page.evaluate(ACCEPTS_JS, [n, values])
                if expected == "wrong":
                    assert "wrong" in how, (_quiz(path).questions[n].id, values, how)
                else:
                    assert how == ["exact" if expected == "right" else "slip"] * len(values), (
                        _quiz(path).questions[n].id, values, how)
        for k in (0, -1):  # the first accepted answers, then (after a reload) the slip
            if k == -1:
                page.evaluate("() => localStorage.clear()")
                page.reload()
            for n in numbers:
                question = _quiz(path).questions[n]
                values, expected = tries[n][k]
                qp.fill(page, n, values)
                qp.box(page, n).locator(".quiz-blank-input").last.press("Enter")
                assert qp.is_answered(page, n), (question.id, values)
                shown = qp.box(page, n).locator(".quiz-feedback").inner_text()
                assert qp.marks(page, n) == (
                    ["incorrect"] if expected == "wrong" else ["correct"]), (
                    question.id, values, shown)
                if expected == "slip":
                    for value, answer in zip(values, question.blank_keys, strict=True):
                        assert f"“{value.strip()}” → “{answer}”" in shown, shown
    assert page.js_errors == []


MATCHES = [  # typed, accepted, typos allowed, expected: (ok, exact)
    ("  AGREEMENT ", ["contract", "agreement"], True, (True, True)),
    ("Contract", ["contract", "agreement"], True, (True, True)),
    ("here\u2013and\u2013now", ["here-and-now"], True, (True, True)),
    ("here \u2014 and-now", ["here - and-now"], True, (True, True)),
    ("patient\u2019s  role", ["patient's role"], True, (True, True)),
    ("\u201csick role\u201d", ['"sick role"'], True, (True, True)),
    ("transferance", ["transference"], True, (True, False)),
    ("transferencee", ["transference"], True, (True, False)),
    ("transfrence", ["transference"], True, (True, False)),
    ("transferance", ["transference"], False, (False, False)),
    ("trxnsferxnce", ["transference"], True, (False, False)),
    ("acut", ["acute"], True, (False, False)),
    ("1234568", ["1234567"], True, (False, False)),
    ("", ["contract"], True, (False, False)),
]


def test_matching_rules(page, site_url: str) -> None:
    """quiz.js's matching, case by case (alternatives, case, spaces, dashes, quotes, slips)."""
    page.goto(f"{site_url}/{sorted(_self_checks())[0]}")
    for typed, accepted, typos, expected in MATCHES:
        got = page.evaluate("([t, a, y]) => window.iptQuiz.match(t, a, y)",
                            [typed, accepted, typos])
        assert (got["ok"], got["exact"]) == expected, (typed, accepted, typos, got)


def test_alternatives_and_typos_flag_reach_the_blank(page, site_url: str) -> None:
    """A blank compiled from [[a|b]] (mkdocs-quiz writes data-answer="a|b") accepts both, and
    `typos: false` (the page's data) turns the slip rule off for its question."""
    path, n = next((p, i) for p, i in _fill_ins()
                   if len(_quiz(p).questions[i].blanks) == 1
                   and len(_quiz(p).questions[i].blank_keys[0]) >= 7
                   and not _quiz(p).questions[i].blank_keys[0].isdigit())
    question = _quiz(path).questions[n]
    key = question.blank_keys[0]

    def rewrite(typos: bool):
        def handler(route) -> None:
            body = route.fetch().text()
            body = body.replace(f'data-answer="{key}"', f'data-answer="{key}|agreement"', 1)
            body = _with_flag(body, question.id, "typos", typos)
            route.fulfill(body=body, headers={"content-type": "text/html; charset=utf-8"})
        return handler

    page.route(f"{site_url}/{path}", rewrite(typos=False))
    for typed, mark in (("  Agreement", "correct"), (key.upper(), "correct"),
                        (_slip(key), "incorrect")):
        _fresh(page, f"{site_url}/{path}")
        qp.fill(page, n, [typed])
        qp.submit(page, n)
        assert qp.marks(page, n) == [mark], typed
    shown = qp.box(page, n).locator(".quiz-feedback").inner_text()
    assert f"the answer is “{key}” (also accepted: “agreement”)" in shown, shown


def test_blanks_on_a_phone(browser, site_url: str) -> None:
    """Number blanks open the number keyboard and say so; every blank is named "Blank N of M";
    Enter in the first of two blanks, the second still empty, moves on rather than submitting."""
    context = open_context(browser, base=site_url, viewport=PHONE, has_touch=True)
    try:
        page = context.new_page()
        for path, n in _fill_ins():
            question = _quiz(path).questions[n]
            page.goto(f"{site_url}/{path}")
            blanks = qp.box(page, n).locator(".quiz-blank-input")
            count = blanks.count()
            for i in range(count):
                assert blanks.nth(i).get_attribute("aria-label") == f"Blank {i + 1} of {count}"
                numeric = question.blank_keys[i].isdigit()
                assert (blanks.nth(i).get_attribute("inputmode") == "numeric") == numeric
                if numeric:
                    hint = page.locator("#" + blanks.nth(i).get_attribute("aria-describedby"))
                    assert "digits" in hint.inner_text()
            if count > 1:
                blanks.nth(0).fill(question.blank_keys[0])
                blanks.nth(0).press("Enter")
                assert not qp.is_answered(page, n)
                assert page.evaluate("() => document.activeElement.id") == f"quiz-{n}-blank-1"
    finally:
        context.close()
    assert context.traffic.foreign == []


TARGETS_JS = """() => {
  const box = e => { const r = e.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, left: r.left, right: r.right,
            width: r.width, height: r.height}; };
  return [...document.querySelectorAll('.quiz')].map(q => ({
    id: q.id,
    field: q.querySelector('fieldset') ? box(q.querySelector('fieldset')) : null,
    rows: [...q.querySelectorAll('fieldset > div')].map(d => ({
      label: box(d.querySelector('label')), input: box(d.querySelector('input'))})),
    blanks: [...q.querySelectorAll('.quiz-blank-input')].map(box),
    buttons: [...q.querySelectorAll('button')].filter(b => b.offsetParent).map(box),
  }));
}"""


def test_touch_targets_at_360(browser, site_url: str, quiz_path: str) -> None:
    """At 360 px every option row is one full-width tap target at least 44 px high with the
    control inside it, 8 px apart; blanks and buttons are at least 44×44; a chosen option
    looks different from the others in both palettes (the header's toggle, same visit)."""
    context = open_context(browser, base=site_url, viewport=PHONE, color_scheme="light",
                           has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{quiz_path}")
        for q in page.evaluate(TARGETS_JS):
            for row in q["rows"]:
                label, control = row["label"], row["input"]
                assert label["height"] >= 44 and label["width"] >= q["field"]["width"] - 1, q["id"]
                assert (label["left"] <= control["left"] and control["right"] <= label["right"]
                        and label["top"] <= control["top"]
                        and control["bottom"] <= label["bottom"]), q["id"]
            for above, below in zip(q["rows"], q["rows"][1:], strict=False):
                assert below["label"]["top"] - above["label"]["bottom"] >= 7.9, q["id"]
            for target in q["blanks"] + q["buttons"]:
                assert target["height"] >= 44 and target["width"] >= 44, (q["id"], target)
        panel = page.locator("#ipt-results .md-button:visible")
        for i in range(panel.count()):
            size = panel.nth(i).bounding_box()
            assert size["height"] >= 44 and size["width"] >= 44
        quiz = quizzes_by_path()[quiz_path]
        n = next(i for i, q in enumerate(quiz.questions) if q.kind != FILL_IN)
        qp.option(page, n, 0).locator("xpath=following-sibling::label").tap()
        assert qp.option(page, n, 0).is_checked(), "tapping the label's text chooses the option"
        for scheme in ("default", "slate"):
            show_palette(page, scheme)
            looks = qp.options(page, n).evaluate_all("""l => l.map(i => {
                const s = getComputedStyle(i.nextElementSibling);
                return [i.checked, s.borderTopWidth + ' ' + s.borderTopColor + ' ' +
                        s.backgroundColor]; })""")
            chosen = {look for checked, look in looks if checked}
            others = {look for checked, look in looks if not checked}
            assert len(chosen) == 1 and not chosen & others, (scheme, looks)
    finally:
        context.close()
    assert context.traffic.foreign == []


def test_typed_markup_stays_text(page, site_url: str) -> None:
    """Whatever a student types into a blank is shown as text, on Submit and after a reload,
    never run as markup (mkdocs-quiz puts it into innerHTML: the hook escapes it)."""
    path, n = _fill_ins()[0]
    typed = '<img src="x" onerror="window.ran = 1"><b>bold</b>'
    _fresh(page, f"{site_url}/{path}")
    qp.fill(page, n, [typed] * len(_quiz(path).questions[n].blanks))
    qp.submit(page, n)
    for _ in range(2):
        feedback = qp.box(page, n).locator(".quiz-feedback")
        assert feedback.locator("img, b").count() == 0
        assert typed in feedback.inner_text()
        assert page.evaluate("() => window.ran") is None
        page.reload()
    assert page.js_errors == []


def test_quiz_assets_only_on_quiz_pages(built_site, page_path: str) -> None:
    """quiz.js and quiz.css load on self-check pages and nowhere else."""
    html = (built_site / page_path / "index.html").read_text("utf-8")
    is_quiz = page_kind(page_path) == "quiz"
    assert ('assets/javascripts/quiz.js" defer></script>' in html) == is_quiz
    assert ('assets/stylesheets/quiz.css">' in html) == is_quiz
