"""Driving one quiz page as a student would: choose, type, submit, start again, read back.

Question N of a quiz (0-based) is the element #quiz-N. Its options are shuffled on every visit,
but each keeps its value: the option's place in the compiled order (question.options[i] has
value "i"), so the helpers find options by value. Each question is answered once per attempt;
answering one again goes through the results panel's "Retry the ones I missed" or "Try the
quiz again", as a student would. Everything here acts through the page's own controls.
"""

from __future__ import annotations

from typing import Any

from quizkit.model import FILL_IN, Question
from tests.browser.conftest import ANSWER_ALL_JS

WRONG_TEXT = "not the answer"
RECORD_KEY = "ipt:progress"  # the student's record (docs/assets/javascripts/README.md)

# One snapshot of every question, for comparing before and after a reload (sorted where the
# order on screen follows the shuffle).
STATE_JS = """() => [...document.querySelectorAll('.quiz')].map(q => ({
  id: q.id,
  checked: [...q.querySelectorAll('input[name="answer"]')].filter(i => i.checked)
    .map(i => i.value).sort(),
  blanks: [...q.querySelectorAll('.quiz-blank-input')].map(i => i.value),
  marks: [...q.querySelectorAll('.quiz-feedback-item')].map(i => i.className).sort(),
  feedback: [...q.querySelectorAll('.quiz-feedback-item-content')]
    .map(i => i.textContent.trim()).sort(),
  explained: !q.querySelector('section.content').classList.contains('hidden'),
}))"""


def box(page, index: int):
    """The question's element."""
    return page.locator(f"#quiz-{index}")


def options(page, index: int):
    """The question's option inputs, in the order on screen."""
    return box(page, index).locator('input[name="answer"]')


def option(page, index: int, i: int):
    """Option i of the compiled order (question.options[i]), wherever it is on screen."""
    return box(page, index).locator(f'input[name="answer"][value="{i}"]')


def row(page, index: int, i: int):
    """The whole row (input, label, hidden feedback) of option i."""
    return option(page, index, i).locator("xpath=..")


def on_screen_order(page, index: int) -> list[int]:
    """The compiled indices of the question's options, top to bottom."""
    return [int(v) for v in options(page, index).evaluate_all("l => l.map(i => i.value)")]


def is_answered(page, index: int) -> bool:
    return box(page, index).locator(".quiz-feedback").evaluate(
        "f => !f.classList.contains('hidden')")


def panel_button(page, name: str):
    """A results panel button: "retry-missed", "try-again", or the confirmation's
    "confirm-yes" ("Yes, clear my answers") and "confirm-no" ("Keep my answers")."""
    return page.locator(f"#ipt-results .ipt-{name}")


def try_again(page) -> None:
    """Press "Try the quiz again", then "Yes, clear my answers" when it asks."""
    panel_button(page, "try-again").click()
    panel_button(page, "confirm-yes").click()


def reopen(page, index: int) -> None:
    """Make an answered question answerable again, as a student can: retry the missed ones
    (when it is one of them) or try the whole quiz again."""
    if not is_answered(page, index):
        return
    if panel_button(page, "retry-missed").is_visible():
        panel_button(page, "retry-missed").click()
        if not is_answered(page, index):
            return
    if panel_button(page, "try-again").is_visible():
        try_again(page)
        if not is_answered(page, index):
            return
    raise AssertionError(f"question {index} is answered and nothing offers to answer it again")


def choose(page, index: int, chosen: list[int]) -> None:
    """Leave exactly the options `chosen` (compiled indices) selected."""
    count = options(page, index).count()
    for i in range(count):
        want = i in chosen
        if option(page, index, i).is_checked() != want:
            option(page, index, i).click()


def fill(page, index: int, values: list[str]) -> None:
    """Type values into the question's blanks, in order."""
    blanks = box(page, index).locator(".quiz-blank-input")
    for i, value in enumerate(values):
        blanks.nth(i).fill(value)


def submit(page, index: int) -> None:
    """Press the question's Submit button."""
    box(page, index).locator('button[type="submit"]').click()


def correct_indices(question: Question) -> list[int]:
    return [i for i, option in enumerate(question.options) if option.correct]


def wrong_indices(question: Question) -> list[int]:
    return [i for i, option in enumerate(question.options) if not option.correct]


def awkward(answer: str, n: int) -> str:
    """The right answer as a student might type it: odd letter case and stray spaces."""
    cased = answer.upper() if n % 2 == 0 else answer.swapcase()
    return f"  {cased} \t"


def answer(page, index: int, question: Question, *, right: bool) -> None:
    """Answer question `index` right or wrong (wrong: its first wrong option, or a wrong word),
    reopening it first if it was answered in this attempt."""
    act(page, plan(index, question, right=right))


def marks(page, index: int) -> list[str]:
    """The feedback boxes' kinds shown for a question: "correct" / "incorrect"."""
    items = box(page, index).locator(".quiz-feedback .quiz-feedback-item")
    return [("correct" if "correct" in (items.nth(i).get_attribute("class") or "").split()
             else "incorrect") for i in range(items.count())]


# What the "Your results" panel says (see results()).
RESULTS_JS = """() => {
  const r = document.getElementById('ipt-results');
  const rows = [...r.querySelectorAll('ol > li')].map(li => {
    const m = li.querySelector('.ipt-mark');
    return m ? m.className.replace(/.*ipt-mark--/, '') : null;
  });
  const status = r.querySelector('.ipt-results-status').textContent.trim();
  const score = status.match(/\\((\\d+%)\\)/);
  const shown = s => { const e = r.querySelector(s); return !!e && e.offsetParent !== null; };
  return {answered: String(rows.filter(m => ['right', 'wrong', 'fixed'].includes(m)).length),
          correct: String(rows.filter(m => m === 'right').length),
          total: String(rows.length), rows, status,
          complete: status.startsWith('Your score'), score: score ? score[1] : null,
          retryMissed: shown('.ipt-retry-missed'), tryAgain: shown('.ipt-try-again')};
}"""


def results(page) -> dict[str, Any]:
    """What the "Your results" panel says: counts of questions marked answered and right this
    attempt (strings, as shown), the status line, each row's mark ("right", "wrong", "fixed":
    wrong, right on retry, "open"), and the buttons shown."""
    return page.evaluate(RESULTS_JS)


# What a student sees of question n after answering it, as read() returns it (innerText, as
# Playwright's inner_text reads it; "visible" as Playwright's is_visible decides it).
READ_JS = """n => {
  const q = document.getElementById('quiz-' + n);
  const text = e => e ? e.innerText : null;
  const visible = e => {
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0 && getComputedStyle(e).visibility !== 'hidden';
  };
  const explanation = q.querySelector('section.content');
  const submit = q.querySelector('button[type="submit"]');
  return {
    marks: [...q.querySelectorAll('.quiz-feedback .quiz-feedback-item')]
      .map(i => i.classList.contains('correct') ? 'correct' : 'incorrect'),
    items: [...q.querySelectorAll('.quiz-feedback-item')].map(i => ({
      text: text(i), content: text(i.querySelector('.quiz-feedback-item-content')),
      badge: text(i.querySelector('.quiz-feedback-badge'))})),
    feedback: text(q.querySelector('.quiz-feedback')),
    explanation: text(explanation), explained: visible(explanation),
    rows: Object.fromEntries([...q.querySelectorAll('input[name="answer"]')]
      .map(i => [i.value, [...i.parentElement.classList]])),
    disabled: [...q.querySelectorAll('input[name="answer"]')].map(i => i.disabled),
    blanks: [...q.querySelectorAll('.quiz-blank-input')]
      .map(i => ({classes: [...i.classList], disabled: i.disabled})),
    submitShown: !!submit && visible(submit),
  };
}"""

# Answer each plan's question through the page's own controls (conftest.ANSWER_ALL_JS) and
# read it back, with the results panel, right after: one round trip for many questions.
ANSWER_AND_READ_JS = f"""plans => plans.map(p => {{
  ({ANSWER_ALL_JS})([p]);
  return {{question: ({READ_JS})(p.n), results: ({RESULTS_JS})()}};
}})"""


def read(page, index: int) -> dict[str, Any]:
    """Question `index` as shown now (READ_JS) and the results panel, as ANSWER_AND_READ_JS
    returns them."""
    return page.evaluate(f"n => ({{question: ({READ_JS})(n), results: ({RESULTS_JS})()}})",
                         index)


def plan(index: int, question: Question, *, right: bool = True,
         wrong_option: int | None = None) -> dict[str, Any]:
    """How to answer question `index` (for ANSWER_ALL_JS, or act()): right (blanks in odd
    case with spaces), or wrong: option `wrong_option` alone (default: the first wrong one),
    or a wrong word in every blank."""
    if question.kind == FILL_IN:
        return {"n": index, "blanks": [awkward(a, i) if right else WRONG_TEXT
                                       for i, a in enumerate(question.blank_keys)]}
    if right:
        return {"n": index, "chosen": correct_indices(question)}
    wrong = wrong_indices(question)[0] if wrong_option is None else wrong_option
    return {"n": index, "chosen": [wrong]}


def act(page, question_plan: dict[str, Any]) -> None:
    """Carry out a plan() with real clicks and typing, as answer() does."""
    index = question_plan["n"]
    reopen(page, index)
    if "blanks" in question_plan:
        fill(page, index, question_plan["blanks"])
    else:
        choose(page, index, question_plan["chosen"])
    submit(page, index)


def saved(page) -> dict[str, Any] | None:
    """The student's whole record, as the browser keeps it (docs/assets/javascripts/README.md)."""
    return page.evaluate("k => JSON.parse(localStorage.getItem(k))", RECORD_KEY)


def attempts(page, quiz_page_path: str) -> dict[str, Any] | None:
    """The record's attempts at one quiz, by its page path under docs/ (quizzes/x.md)."""
    record = saved(page)
    return (record or {}).get("quizzes", {}).get(quiz_page_path)


def fingerprints(page) -> list[str]:
    """The fingerprint of each question on the page, in page order (its #ipt-quiz-data)."""
    return page.evaluate("""() => JSON.parse(document.getElementById('ipt-quiz-data')
      .textContent).quizzes[0].questions.map(q => q.fp)""")


def state(page) -> list[dict[str, Any]]:
    return page.evaluate(STATE_JS)
