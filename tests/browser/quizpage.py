"""Driving one mkdocs-quiz page as a student would: choose, type, submit, try again, read back.

Question N of a quiz (0-based) is the element #quiz-N; its options are in YAML order (the
generated pages never shuffle). Everything here acts through the page's own controls.
"""

from __future__ import annotations

from typing import Any

from quizkit.model import FILL_IN, Question

WRONG_TEXT = "not the answer"

# One snapshot of every question, for comparing before and after a reload.
STATE_JS = """() => [...document.querySelectorAll('.quiz')].map(q => ({
  id: q.id,
  checked: [...q.querySelectorAll('input[name="answer"]')].filter(i => i.checked).map(i => i.value),
  blanks: [...q.querySelectorAll('.quiz-blank-input')].map(i => i.value),
  marks: [...q.querySelectorAll('.quiz-feedback-item')].map(i => i.className),
  feedback: [...q.querySelectorAll('.quiz-feedback-item-content')].map(i => i.textContent.trim()),
  explained: !q.querySelector('section.content').classList.contains('hidden'),
}))"""


def box(page, index: int):
    """The question's element."""
    return page.locator(f"#quiz-{index}")


def options(page, index: int):
    """The question's option inputs, in order."""
    return box(page, index).locator('input[name="answer"]')


def try_again_if_answered(page, index: int) -> None:
    """Press "Try Again" when the question shows one, to answer afresh."""
    again = box(page, index).locator(".quiz-reset-button")
    if again.is_visible():
        again.click()


def choose(page, index: int, chosen: list[int]) -> None:
    """Leave exactly the options `chosen` selected (radio: click one; checkboxes: toggle)."""
    inputs = options(page, index)
    for i in range(inputs.count()):
        want = i in chosen
        if inputs.nth(i).is_checked() != want:
            inputs.nth(i).click()


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
    """Answer question `index` right or wrong (wrong: its first wrong option, or a wrong word)."""
    try_again_if_answered(page, index)
    if question.kind == FILL_IN:
        fill(page, index, [awkward(a, i) if right else WRONG_TEXT
                           for i, a in enumerate(question.blank_keys)])
    else:
        choose(page, index, correct_indices(question) if right else wrong_indices(question)[:1])
    submit(page, index)


def marks(page, index: int) -> list[str]:
    """The feedback boxes' kinds shown for a question: "correct" / "incorrect"."""
    items = box(page, index).locator(".quiz-feedback .quiz-feedback-item")
    return [("correct" if "correct" in (items.nth(i).get_attribute("class") or "").split()
             else "incorrect") for i in range(items.count())]


def results(page) -> dict[str, Any]:
    """What the results panel says."""
    return page.evaluate("""() => {
      const r = document.getElementById('quiz-results');
      const text = s => r.querySelector(s) ? r.querySelector(s).textContent.trim() : null;
      return {answered: text('.quiz-results-answered'), total: text('.quiz-results-total'),
              correct: text('.quiz-results-correct'), score: text('.quiz-results-score-value'),
              complete: !r.querySelector('.quiz-results-complete').classList.contains('hidden')};
    }""")


def state(page) -> list[dict[str, Any]]:
    return page.evaluate(STATE_JS)
