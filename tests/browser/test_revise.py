"""Revise (issue 23), tried as a student over simulated days (Playwright's clock) on a 360x740
phone in India's time zone:

* after two self-checks with some misses, the home page shows what is due (none today, the
  misses tomorrow) and the next seven days; the self-checks' results say "Revise: N due today";
* the next day's round brings back the missed questions first, mixed across both lessons, each
  shown and marked exactly as in its self-check (the same block, feedback, explanation and link
  to reread), answered once in the round (a reload shows it answered); a question answered
  right comes back later than one answered wrong; a miss in Revise brings its section back to
  What to reread, a right answer on a later day clears it;
* a date for the paper ten days away brings every met question back at least twice before it,
  and the page says by when;
* the progress file carries the schedule to a fresh browser;
* offline: Revise works from the installed app (the unit kept; or Revise opened online once,
  its first visit included) and from the offline zip;
* axe-core finds nothing (light and dark), every control is at least 44 px, the page is
  keyboard-usable; the page weighs what a lesson weighs, and a round loads only the blocks of
  the self-checks it draws on.
"""

from __future__ import annotations

import gzip
import json
import re
from collections import Counter
from collections.abc import Callable
from contextlib import ExitStack, closing
from datetime import UTC, date, datetime, timedelta, timezone
from itertools import pairwise
from pathlib import Path

import pytest
from playwright.sync_api import expect

from quizkit.revise import BANK_FOLDER, REVISE_CSS, REVISE_JS, SCHEDULE_JS
from tests.browser import quizpage as qp
from tests.browser.conftest import (
    ANSWER_ALL_JS,
    DESKTOP,
    PHONE,
    answer_all,
    axe_violations,
    keep_the_whole_unit,
    new_tab,
    open_context,
    quizzes_by_path,
    record_focus,
    squash,
    tab_walk,
    toggle_palette,
    visit_app,
    wait_until_saved,
)
from tests.browser.test_offline import offline_index, offline_zip  # noqa: F401 (fixtures)
from tests.browser.test_path import nav_order
from tests.browser.test_pwa import build_lists
from tests.browser.test_saved_work import load_file, save_file
from tests.browser.test_weight import (
    FIRST_VISIT_LIMIT,
    PAGE_REQUESTS_LIMIT,
    heaviest_lesson,
)
from tests.helpers.static_server import PUBLISHED, serve

pytestmark = pytest.mark.browser

IST = timezone(timedelta(hours=5, minutes=30))
DAY_ONE = datetime(2026, 12, 1, 19, 30, tzinfo=IST)  # an evening in Patna
REVISE = "revise/"
# The two self-checks met on day one, and the questions missed there (by place).
MISSED = {0: (1, 3), 1: (0, 2)}


def day(n: int) -> datetime:
    """The evening n days after day one."""
    return DAY_ONE + timedelta(days=n)


def local_date(n: int) -> date:
    return day(n).date()


@pytest.fixture
def phone(browser, site_url: str):
    """A phone (360x740, touch) in India's time zone, axe-core ready (with reduced motion, so
    colours are measured as they end, never half-way through a transition)."""
    context = open_context(browser, base=site_url, axe=True, viewport=PHONE, is_mobile=True,
                           has_touch=True, timezone_id="Asia/Kolkata", reduced_motion="reduce")
    yield context
    context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def self_checks() -> list[tuple[str, object]]:
    """(site path, Quiz) of the first two lessons' self-checks, in nav order."""
    order = nav_order()
    checks = sorted(((path, quiz) for path, quiz in quizzes_by_path().items()
                     if not quiz.written and quiz.lesson.startswith("lessons/")),
                    key=lambda item: order.index(item[0]))
    return checks[:2]


def questions_by_id() -> dict[str, object]:
    return {q.id: q for quiz in quizzes_by_path().values() for q in quiz.questions}


def lesson_of(question_id: str) -> str:
    """The lesson a question sends the student back to (a round is mixed by it)."""
    return questions_by_id()[question_id].review.partition("#")[0]


def meet_two_self_checks(page, url: str, prefix: str = "") -> tuple[list[str], list[str]]:
    """Day one's work: the first two self-checks answered, MISSED wrong. (missed ids, right
    ids). `prefix`: the pages' addresses as the site writes them (the zip: "x.html")."""
    missed, right = [], []
    for k, (path, quiz) in enumerate(self_checks()):
        page.goto(f"{url}/{path}" if not prefix else f"{url}/{path.rstrip('/')}{prefix}")
        answer_all(page, quiz, right=lambda n, k=k: n not in MISSED[k])
        for n, question in enumerate(quiz.questions):
            (missed if n in MISSED[k] else right).append(question.id)
    return missed, right


def round_ids(page) -> list[str]:
    """The question ids of the round on the Revise page, in order (once it is shown)."""
    page.locator(".ipt-revise-round .quiz").first.wait_for()
    return page.locator(".ipt-revise-round .quiz").evaluate_all(
        "l => l.map(q => q.dataset.iptId)")


def answer_round(page, right: Callable[[str], bool]) -> list[str]:
    """Answer every open question of the round through the page's own controls (one round
    trip; options by their value, as on the self-check), right or wrong as right(id) says;
    checks each is marked as planned and the record has the review. The ids answered."""
    by_id = questions_by_id()
    shown = page.locator(".ipt-revise-round .quiz").evaluate_all(
        "l => l.map(q => [Number(q.id.slice(5)), q.dataset.iptId, "
        "!q.querySelector('.quiz-feedback').classList.contains('hidden')])")
    plans, ids = [], []
    for n, qid, done in shown:
        if not done:
            plans.append(qp.plan(n, by_id[qid], right=right(qid)))
            ids.append(qid)
    marks = page.evaluate(ANSWER_ALL_JS, plans)
    for qid, shown_marks in zip(ids, marks, strict=True):
        assert shown_marks and all(shown_marks) == right(qid), (qid, shown_marks)
    # Each answer is kept once ts-fsrs has updated its card (a promise: wait for it).
    page.wait_for_function(
        "([k, ids]) => { const r = JSON.parse(localStorage.getItem(k)); const d = "
        "r.revise && r.revise.round && r.revise.round.done; return !!d && ids.every(i => d[i]); }",
        arg=[qp.RECORD_KEY, ids])
    return ids


def strip(page, where: str) -> list[int]:
    """The next seven days' counts, today first."""
    return [int(c) for c in page.locator(f"{where} .ipt-strip__count").all_inner_texts()]


def due_day(page, question_id: str) -> date:
    """The local day a question's card is due, from the record."""
    due = qp.saved(page)["questions"][question_id]["card"]["due"]
    return datetime.fromisoformat(due.replace("Z", "+00:00")).astimezone(IST).date()


def reread_state(page, question_id: str) -> str | None:
    """record.js's verdict for What to reread: "missed", "fixed" or None."""
    return page.evaluate("""id => {
      const q = iptRecord.quizzes().flatMap(z => z.questions).find(x => x.id === id);
      return iptRecord.rereadState(iptRecord.load(), q);
    }""", question_id)


def block_as_read(page, selector: str) -> dict:
    """A question block as a student reads it: the prompt, the options (sorted: they are
    shuffled), the feedback and explanation shown, and where its links lead."""
    return page.locator(selector).evaluate("""q => ({
      prompt: q.querySelector('.quiz-question').innerText.trim(),
      options: [...q.querySelectorAll('input[name="answer"]')]
        .map(i => i.parentElement.querySelector('label').innerText.trim()).sort(),
      feedback: q.querySelector('.quiz-feedback').innerText.trim(),
      explanation: q.querySelector('section.content').innerText.trim(),
      links: [...q.querySelectorAll('section.content a')].map(a => a.href),
    })""")


def small_targets(page) -> list[str]:
    """Visible controls of the Revise page under 44 px: buttons, links styled as buttons and
    fields by their box, an option by its whole row."""
    return page.evaluate("""() => [...document.querySelectorAll('#ipt-revise button, ' +
        '#ipt-revise a.md-button, #ipt-revise input')]
      .filter(e => e.getClientRects().length && !e.closest('[hidden]'))
      .map(e => {
        const target = e.matches('input[type=radio], input[type=checkbox]') ?
          e.parentElement : e;
        const r = target.getBoundingClientRect();
        return [r.width, r.height, (target.textContent || e.id || e.type).trim().slice(0, 30)];
      })
      .filter(([w, h]) => h < 44 || w < 44)
      .map(([w, h, name]) => `${name}: ${Math.round(w)}x${Math.round(h)}`)""")


def test_missed_questions_come_back_first_mixed_and_marked_as_in_their_self_check(
        phone, browser, site_url: str) -> None:
    page = new_tab(phone)
    page.clock.set_fixed_time(day(0))
    # Day one: two self-checks; what the first one's page shows for each missed question.
    (first_path, first_quiz), _ = self_checks()
    missed, right = meet_two_self_checks(page, site_url)
    expect(page.locator(".ipt-revise-link")).to_have_text("Revise: none due today")
    page.goto(f"{site_url}/{first_path}")
    on_self_check = {first_quiz.questions[n].id: block_as_read(page, f"#quiz-{n}")
                     for n in MISSED[0]}

    # The home page: nothing due today, the four misses tomorrow, the rest later.
    page.goto(f"{site_url}/")
    box = page.locator("#ipt-revise-home")
    expect(box.locator(".ipt-strip")).to_be_visible()
    assert squash(box.locator(".ipt-revise-home__due").inner_text()).startswith(
        "Nothing due today; next: 4 questions tomorrow.")
    week = strip(page, "#ipt-revise-home")
    assert week[:2] == [0, len(missed)] and sum(week[2:]) == len(right), week
    assert min(due_day(page, q) for q in right) > max(due_day(page, q) for q in missed)
    assert all(due_day(page, q) == local_date(1) for q in missed)

    # The next day: four due, and Revise brings back exactly those, misses first, mixed.
    page.clock.set_fixed_time(day(1))
    page.goto(f"{site_url}/")
    expect(box.locator(".ipt-revise-home__due")).to_contain_text("4 questions due today.")
    box.get_by_role("link", name="Revise now").click()
    page.wait_for_url(f"{site_url}/{REVISE}")
    ids = round_ids(page)
    assert sorted(ids) == sorted(missed)
    lessons = [lesson_of(q) for q in ids]
    assert all(a != b for a, b in pairwise(lessons)), lessons
    assert page.locator(".ipt-revise-status").inner_text() == (
        "This round: 0 of 4 questions answered.")

    # Each is its self-check's block: the same prompt, options, explanation and section to
    # reread; answered wrong with the same option, the same feedback.
    first_ids = [q for q in ids if q in on_self_check]
    right_now = {first_ids[0], next(q for q in ids if q not in on_self_check)}
    answer_round(page, right=lambda q: q in right_now)
    for qid in first_ids:
        n = ids.index(qid)
        shown = block_as_read(page, f"#quiz-{n}")
        before = on_self_check[qid]
        assert shown["prompt"] == before["prompt"] and shown["options"] == before["options"]
        assert shown["links"] == before["links"] and shown["explanation"] == before["explanation"]
        if qid not in right_now:
            assert shown["feedback"] == before["feedback"], qid
        else:
            assert shown["feedback"].startswith("Right."), shown["feedback"]
    said = page.locator(".ipt-revise-end__said")
    expect(said).to_contain_text("Round done: 2 of 4 right.")
    assert page.locator(".ipt-revise-end__list li").count() == 4

    # Answered once in the round: after a reload, still answered, the same results.
    page.reload()
    round_ids(page)
    assert all(qp.is_answered(page, n) for n in range(4))
    expect(said).to_contain_text("Round done: 2 of 4 right.")

    # A right answer comes back later than a wrong one; a miss here stays to reread, a right
    # answer on this later day clears it.
    wrong_now = [q for q in ids if q not in right_now]
    assert all(due_day(page, q) == local_date(2) for q in wrong_now)
    assert min(due_day(page, q) for q in right_now) > local_date(2)
    assert [reread_state(page, q) for q in wrong_now] == ["missed", "missed"]
    assert [reread_state(page, q) for q in right_now] == [None, None]

    # Asked for more (nothing else is due): a question right in its self-check, missed here,
    # brings its section back to What to reread.
    more = page.locator(".ipt-revise-more")
    expect(more).to_have_text(re.compile(r"^Practise \d+ questions not due yet$"))
    more.click()
    expect(page.locator(".ipt-revise-end")).to_be_hidden()
    extra = round_ids(page)
    assert set(extra) <= set(right) and len(extra) == min(10, len(right))
    assert not any(qp.is_answered(page, n) for n in range(len(extra))), "a new round is open"
    answer_round(page, right=lambda q: q != extra[0])
    assert reread_state(page, extra[0]) == "missed"
    for scheme in ("light", "dark"):  # (the page's content: the header is every page's)
        assert axe_violations(page, [".md-content"]) == [], scheme
        assert small_targets(page) == [], scheme
        toggle_palette(page)
    page.goto(f"{site_url}/")
    review = questions_by_id()[extra[0]].review
    listed = page.locator(".ipt-progress ol > li a").evaluate_all(
        "l => l.map(a => a.getAttribute('href'))")
    assert f"{review.partition('#')[0][:-3]}/#{review.partition('#')[2]}" in listed
    home_said = squash(box.inner_text())
    assert axe_violations(page, within=["#ipt-revise-home"]) == []

    # The progress file carries the schedule: a fresh browser shows the same.
    name, content = save_file(page)
    saved = json.loads(content)
    assert all("card" in saved["questions"][q] and "history" in saved["questions"][q]
               for q in missed + right)
    fresh = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                         timezone_id="Asia/Kolkata")
    try:
        other = new_tab(fresh)
        other.clock.set_fixed_time(day(1))
        other.on("dialog", lambda dialog: dialog.accept())
        other.goto(f"{site_url}/")
        for part, bad in (("card", {"due": 5}), ("history", [{"at": "x"}])):
            damaged = json.loads(content)
            damaged["questions"][missed[0]][part] = bad
            said = load_file(other, "damaged.json", json.dumps(damaged).encode())
            assert "damaged" in said and said.endswith("Nothing was changed."), (part, said)
        assert load_file(other, name, content).startswith(f"Loaded {name}")
        expect(other.locator("#ipt-revise-home .ipt-revise-home__due")).to_have_text(
            box.locator(".ipt-revise-home__due").inner_text())
        assert squash(other.locator("#ipt-revise-home").inner_text()) == home_said
        other.clock.set_fixed_time(day(2))
        other.goto(f"{site_url}/{REVISE}")
        assert sorted(round_ids(other)) == sorted([*wrong_now, extra[0]])
        assert other.js_errors == []
    finally:
        fresh.close()
    assert fresh.traffic.foreign == []
    assert page.js_errors == []


def test_an_exam_date_ten_days_away_brings_every_met_question_back_twice(phone,
                                                                         site_url: str) -> None:
    """Day one: two self-checks, then the date of the paper ten days on. Revising what is due
    each day (every round, right but for one miss a day), each met question comes back at
    least twice before the paper, by the day the page said."""
    page = new_tab(phone)
    page.clock.set_fixed_time(day(0))
    missed, right = meet_two_self_checks(page, site_url)
    met = set(missed + right)
    page.goto(f"{site_url}/{REVISE}")
    status = page.locator(".ipt-revise-exam__said")
    expect(status).to_contain_text("Give the date of your paper")
    paper = local_date(10)
    page.get_by_label("Date of your paper", exact=True).fill(paper.isoformat())
    page.get_by_label("Date of your paper", exact=True).press("Enter")
    words = f"{paper:%A}, {paper:%B} {paper.day}"
    expect(status).to_contain_text(f"Your paper: {words} (10 days away).")
    expect(status).to_contain_text("will have come back twice by")
    said = re.search(r"come back twice by (\w+, \w+ \d+)\.", status.inner_text())
    by = datetime.strptime(f"{said.group(1)} {paper.year}", "%A, %B %d %Y").date()
    assert local_date(0) < by < paper
    assert page.get_by_role("button", name="Remove the date").is_visible()

    shown: Counter[str] = Counter()
    second = {}  # question id -> the day it came back the second time
    for n in range(10):
        page.clock.set_fixed_time(day(n))
        page.goto(f"{site_url}/{REVISE}")
        page.locator(".ipt-revise-status").wait_for()
        while page.locator(".ipt-revise-round .quiz").count():
            ids = answer_round(page, right=lambda q, n=n: q != sorted(met)[n])
            for qid in ids:
                shown[qid] += 1
                if shown[qid] == 2:
                    second[qid] = local_date(n)
            more = page.locator(".ipt-revise-more")
            if not (more.is_visible() and more.inner_text().startswith("Revise ")):
                break
            more.click()
            expect(page.locator(".ipt-revise-end")).to_be_hidden()
    assert {q for q in met if shown[q] < 2} == set(), shown
    assert set(shown) <= met
    assert max(second.values()) <= by, (second, by)
    expect(status).to_contain_text("All revised")
    assert page.js_errors == []


def test_revise_by_keyboard_on_a_desktop(browser, site_url: str) -> None:
    """Tab from the top: the first question's options, Submit, then the date of the paper, each
    with a visible focus outline; an option chosen with the arrow keys, Enter submits."""
    context = open_context(browser, base=site_url, viewport=DESKTOP, timezone_id="Asia/Kolkata")
    try:
        record_focus(context)
        page = new_tab(context)
        page.clock.set_fixed_time(day(0))
        path, quiz = self_checks()[0]
        page.goto(f"{site_url}/{path}")
        answer_all(page, quiz, right=lambda n: n != 0)
        page.clock.set_fixed_time(day(1))
        page.goto(f"{site_url}/{REVISE}")
        assert round_ids(page) == [quiz.questions[0].id]
        walk = tab_walk(page)
        assert all(stop["visible"] for stop in walk), [s for s in walk if not s["visible"]]
        in_round = [stop for stop in walk if stop["quiz"] == "quiz-0"]
        assert in_round and in_round[-1]["text"] == "Submit"
        assert any(stop["id"] == "ipt-exam-date" for stop in walk)
        first = page.locator("#quiz-0 input[name='answer']").first
        first.focus()
        page.keyboard.press("Space")
        page.keyboard.press("Tab")
        while page.evaluate("() => document.activeElement.type") != "submit":
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        expect(page.locator("#quiz-0 .quiz-feedback")).to_be_visible()
        expect(page.locator(".ipt-revise-end")).to_be_visible()
        assert page.js_errors == []
    finally:
        context.close()
    assert context.traffic.foreign == []


def test_revise_works_from_the_offline_zip(browser, offline_index: Path) -> None:  # noqa: F811
    """From disk (file://, .html pages): a self-check answered one day, Revise the next shows
    the miss, marks it and keeps it; nothing is requested but files."""
    context = open_context(browser, base=None, viewport=PHONE, timezone_id="Asia/Kolkata")
    try:
        page = new_tab(context)
        page.clock.set_fixed_time(day(0))
        root = offline_index.parent.as_uri()
        path, quiz = self_checks()[0]
        page.goto(f"{root}/{path.rstrip('/')}.html")
        answer_all(page, quiz, right=lambda n: n != 1)
        page.clock.set_fixed_time(day(1))
        page.goto(f"{root}/revise.html")
        assert round_ids(page) == [quiz.questions[1].id]
        answer_round(page, right=lambda q: True)
        expect(page.locator(".ipt-revise-end__said")).to_contain_text("Round done: 1 of 1 right.")
        link = page.locator("#quiz-0 section.content a").last.evaluate("a => a.href")
        assert link.startswith(root) and ".html#" in link
        assert page.js_errors == []
        assert all(url.startswith(("file://", "data:", "blob:"))
                   for url in context.traffic.requests)
    finally:
        context.close()


def test_revise_works_offline_in_the_installed_app(browser, app_site: Path) -> None:
    """The published app: a self-check answered online, the whole unit kept, then offline the
    next day, Revise brings the misses back and marks them."""
    context = None
    with ExitStack() as running:
        url = running.enter_context(serve(app_site))
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True,
                               has_touch=True, timezone_id="Asia/Kolkata")
        try:
            page = new_tab(context)
            page.clock.set_fixed_time(day(0))
            visit_app(page, url)
            path, quiz = self_checks()[0]
            page.goto(f"{url}/{path}")
            answer_all(page, quiz, right=lambda n: n not in MISSED[0])
            page.goto(f"{url}/")
            keep_the_whole_unit(page)
            running.close()
            context.set_offline(True)
            page.clock.set_fixed_time(day(1))
            page.goto(f"{url}/{REVISE}")
            ids = round_ids(page)
            assert sorted(ids) == sorted(quiz.questions[n].id for n in MISSED[0])
            answer_round(page, right=lambda q: q == ids[0])
            expect(page.locator(".ipt-revise-end__said")).to_contain_text("Round done: 1 of 2")
            assert page.js_errors == []
        finally:
            context.close()
    assert context.traffic.foreign == []


def revise_later(site: Path) -> list[str]:
    """The files the Revise page's scripts may load at run time, as sw.js lists them."""
    return next(e["later"] for e in build_lists(site)["unit"] if e["url"] == REVISE)


def requested(page) -> list[str]:
    """Every URL the page asks for from now on (the worker's answers included), as a list that
    grows. (Not the page's performance entries: Playwright's clock leaves them empty.)"""
    urls: list[str] = []
    page.on("request", lambda request: urls.append(request.url))
    return urls


def loaded_later(urls: list[str], url: str, later: list[str]) -> list[str]:
    """The absolute URLs, among urls, of the files in later (addresses from the site root)."""
    return sorted({u for u in urls if u.removeprefix(f"{url}/") in later})


def offline_round(page, server: ExitStack, missed: list[str], right: Callable[[str], bool],
                  said: str) -> None:
    """Stop the server, take the phone offline, reload Revise: the round kept for the day is
    there (the missed questions), and answering it as right(id) says ends with `said`."""
    server.close()
    page.context.set_offline(True)
    page.reload()
    ids = round_ids(page)
    assert sorted(ids) == missed
    answer_round(page, right=lambda q: right(q, ids))
    expect(page.locator(".ipt-revise-end__said")).to_contain_text(said)
    assert page.js_errors == []


def test_revise_opened_online_once_works_offline_in_the_installed_app(browser,
                                                                      app_site: Path) -> None:
    """The published app, the whole unit never kept. A student opens Revise online the day
    after a self-check (its round shown), then offline the round comes back and is marked. A
    student whose answers were in the browser before the app was (her first page is Revise:
    the worker did not answer its requests) gets the same: the worker keeps the page and what
    it loaded for the round, from the browser's cache (nothing downloaded twice)."""
    later = revise_later(app_site)
    assert any(BANK_FOLDER in address for address in later), later
    assert all("?v=" in address for address in later), later  # by revision, as pages load
    path, quiz = self_checks()[0]
    missed = sorted(quiz.questions[n].id for n in MISSED[0])
    with ExitStack() as server:  # one student, reading online with her worker
        url = server.enter_context(serve(app_site))
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True,
                               has_touch=True, timezone_id="Asia/Kolkata")
        with closing(context):
            page = new_tab(context)
            page.clock.set_fixed_time(day(0))
            visit_app(page, url)
            page.goto(f"{url}/{path}")
            answer_all(page, quiz, right=lambda n: n not in MISSED[0])
            record_before = page.evaluate("k => localStorage.getItem(k)", qp.RECORD_KEY)
            page.clock.set_fixed_time(day(1))
            urls = requested(page)
            page.goto(f"{url}/{REVISE}")
            assert sorted(round_ids(page)) == missed
            loaded = loaded_later(urls, url, later)
            assert any(BANK_FOLDER in u for u in loaded) and any("ts-fsrs" in u for u in loaded)
            wait_until_saved(page, loaded)
            offline_round(page, server, missed, lambda q, ids: q == ids[0], "Round done: 1 of 2")
        assert context.traffic.foreign == []

    # The other student. No routes here (they turn the browser's cache off, and a real visit
    # has it): the server counts every request, served as GitHub Pages serves the files.
    sent: list[tuple[str, int]] = []
    with ExitStack() as server:
        url = server.enter_context(serve(app_site, use_gzip=True, cache_control=PUBLISHED,
                                         log=sent))
        context = browser.new_context(viewport=PHONE, is_mobile=True, timezone_id="Asia/Kolkata")
        with closing(context):
            key, value = json.dumps(qp.RECORD_KEY), json.dumps(record_before)
            context.add_init_script(f"if (!localStorage.getItem({key})) "
                                    f"localStorage.setItem({key}, {value});")
            page = new_tab(context)
            page.clock.set_fixed_time(day(1))
            urls = requested(page)
            page.goto(f"{url}/{REVISE}")
            assert sorted(round_ids(page)) == missed
            loaded = loaded_later(urls, url, later)
            assert any(BANK_FOLDER in u for u in loaded) and any("ts-fsrs" in u for u in loaded)
            wait_until_saved(page, [f"{url}/{REVISE}", *loaded])
            paths = [p for p, _ in sent]
            assert sorted(paths) == sorted(set(paths)), sent  # none twice
            offline_round(page, server, missed, lambda q, ids: True, "Round done: 2 of 2")


def test_the_revise_page_weighs_what_a_lesson_weighs(browser, app_site: Path) -> None:
    """The published app, served as GitHub Pages serves it: a first visit to Revise (the page,
    its files, the worker and its shell) costs what a first visit to the heaviest lesson costs,
    plus Revise's own two scripts and style sheet and nothing else (no question, no scheduler:
    nothing is due on a first visit), within a first visit's 150 KB, and the page loads at most
    10 files itself; a round then loads the blocks of the self-checks it draws on, and no
    other's."""
    lesson = heaviest_lesson(app_site)
    own = sum(len(gzip.compress((app_site / name).read_bytes()))
              for name in (REVISE_JS, SCHEDULE_JS, REVISE_CSS))

    def first_visit(path: str, clock: datetime) -> tuple[int, list[tuple[str, int]], object]:
        sent: list[tuple[str, int]] = []
        stack = ExitStack()
        url = stack.enter_context(serve(app_site, use_gzip=True, cache_control=PUBLISHED,
                                        log=sent))
        context = browser.new_context(viewport=PHONE, is_mobile=True, timezone_id="Asia/Kolkata")
        stack.callback(context.close)
        page = context.new_page()
        page.clock.set_fixed_time(clock)
        page.own = requested(page)  # type: ignore[attr-defined]
        visit_app(page, url, path)
        wait_until_saved(page, [f"{url}/{path}"])
        return sum(size for _, size in sent), sent, (stack, page, url)

    lesson_cost, _, (stack, _, _) = first_visit(lesson, day(0))
    stack.close()
    cost, sent, (stack, page, url) = first_visit(REVISE, day(0))
    with stack:
        assert cost <= lesson_cost + own, "\n".join(f"{p} {s}" for p, s in sent)
        assert cost < FIRST_VISIT_LIMIT, (cost, lesson_cost, own)  # a lesson's budget too
        # The page and what it loads itself (not its performance entries: Playwright's clock
        # leaves them empty).
        assert len(page.own) <= PAGE_REQUESTS_LIMIT, page.own
        assert not [p for p, _ in sent if BANK_FOLDER in p or "ts-fsrs" in p or "quiz" in p]

        path, quiz = self_checks()[0]
        page.goto(f"{url}/{path}")
        answer_all(page, quiz, right=lambda n: n != 0)
        page.clock.set_fixed_time(day(1))
        before = len(sent)
        page.goto(f"{url}/{REVISE}")
        round_ids(page)
        banks = {p for p, _ in sent[before:] if p.startswith(f"/{BANK_FOLDER}/")
                 and "mkdocs-quiz" not in p}
        assert [b.rsplit("/", 1)[1].split(".")[0] for b in banks] == [quiz.name], banks


def test_an_edited_question_starts_afresh(phone, site_url: str) -> None:
    """A question edited since it was answered (its fingerprint changed) is not met: it does
    not come back, and its old card is left alone; an answer kept before Revise existed (no
    history) gets its card from that answer."""
    page = new_tab(phone)
    page.clock.set_fixed_time(day(0))
    page.goto(f"{site_url}/{REVISE}")
    expect(page.locator(".ipt-revise-status")).to_contain_text("Nothing to revise yet")
    (_, quiz), _ = self_checks()
    kept, old, edited = (q.id for q in quiz.questions[:3])
    at = day(0).astimezone(UTC).isoformat().replace("+00:00", "Z")
    page.evaluate("""([key, at, kept, old, edited]) => {
      const q = {};
      iptRecord.quizzes().forEach(z => z.questions.forEach(x => { q[x.id] = x; }));
      const wrong = {correct: false, at: at, missed: at, answer: null};
      localStorage.setItem(key, JSON.stringify({format: 'ipt-progress', version: 2,
        updated: at, quizzes: {}, exam: {}, lastPage: null, questions: {
          [kept]: {...wrong, fp: q[kept].fp, history: [{at: at, ok: false, from: 'self-check'}]},
          [old]: {...wrong, fp: q[old].fp},
          [edited]: {...wrong, fp: '0123456789abcdef',
                     card: {due: at, stability: 1, difficulty: 5, reps: 1, lapses: 0,
                            state: 2, last_review: at}}}}));
    }""", [qp.RECORD_KEY, at, kept, old, edited])
    page.clock.set_fixed_time(day(1))
    page.goto(f"{site_url}/{REVISE}")
    assert sorted(round_ids(page)) == sorted([kept, old])
    record = qp.saved(page)["questions"]
    assert record[old]["history"] == [{"at": at, "ok": False, "from": "self-check"}]
    assert "card" in record[old] and record[edited]["card"]["stability"] == 1
    assert "history" not in record[edited]
    assert page.js_errors == []
