"""The Revise page: spaced, mixed retrieval practice over the questions a student has met.

Students meet each self-check once, straight after its lesson. Revise brings those questions
back on the days a scheduler says they are about to be forgotten (FSRS, through the vendored
ts-fsrs), a round of about ten at a time, mixed across lessons, missed and overdue ones first.
Everything about a student happens in their browser (docs/assets/javascripts/schedule.js and
revise.js, the record's fields in README.md beside them); this module writes what the page
needs to know about the bank.

The page itself (`revise.md`, a generated page like the quiz pages) holds no question: each
question is shown by the very block its self-check page has (mkdocs-quiz's markup, with the
site's patches, checked like every page), which hooks/revise.py copies from the built
self-check pages into one small file per self-check and names here once the build has written
them (`FILES_ELEMENT`). So the page weighs what a lesson weighs, and a round loads only the
blocks of the self-checks it draws on.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from quizkit.identity import data_script
from quizkit.model import WRITTEN, Quiz

REVISE_PAGE = "revise.md"  # generated (build.py), listed in the nav of mkdocs.yml
TS_FSRS = "assets/javascripts/ts-fsrs-5.4.2/ts-fsrs.umd.js"  # vendored (its README)
SCHEDULE_JS = "assets/javascripts/schedule.js"  # the schedule: home, self-checks, Revise
REVISE_JS = "assets/javascripts/revise.js"  # the Revise page
REVISE_CSS = "assets/stylesheets/revise.css"
QUIZ_JS = "assets/javascripts/quiz.js"  # a question's behaviour, as on its self-check
QUIZ_CSS = "assets/stylesheets/quiz.css"
BANK_FOLDER = "assets/revise"  # the blocks, one file per self-check (hooks/revise.py)
DATA_ID = "ipt-revise-data"
FILES_ELEMENT = '<script type="application/json" id="ipt-revise-files">null</script>'
ROUND = 10  # questions in a round; the student can ask for more

INTRO = """\
Questions you have answered in the self-checks come back here, a few at a time, on the day you
are likely to be forgetting them: a question you missed comes back the next day, one you knew
after a longer and longer gap. Recalling an answer, spread over days and mixed across the
lessons, is what keeps the unit in your memory until the examination.
"""

HOW_IT_WORKS = """\
## How Revise works

- Each question is shown and marked exactly as in its self-check, with the same feedback and
  the same link to the section to reread. A question you miss here comes back to *What to
  reread* on the [home page](index.md#my-progress), and goes again once you answer it right on
  a later day.
- A round is about {round} questions: the ones you missed first, then those most overdue,
  mixed so that two questions in a row come from different lessons where possible. Each is
  answered once in a round; when it is done you can ask for more.
- Give the date of your paper and every question you have met comes back at least twice before
  it; the page says by when, or what is left.
- The days are worked out in your browser by FSRS, the Free Spaced Repetition Scheduler that
  the flashcard program Anki also uses, from your own answers (ts-fsrs, open source). Nothing
  is sent anywhere; the schedule is part of the progress you can save to a file on the home
  page.
- Written exam-practice questions are not scheduled here: practise them on
  [Exam practice]({exam}).
"""


def _self_checks(quizzes: Sequence[Quiz], nav_order: Sequence[str]) -> list[Quiz]:
    """The quizzes whose questions Revise brings back (not written ones), in nav order."""
    rank = {path: i for i, path in enumerate(nav_order)}
    return sorted((quiz for quiz in quizzes if not quiz.written),
                  key=lambda quiz: (rank.get(quiz.page_path, len(rank)), quiz.name))


def revise_data(quizzes: Sequence[Quiz], nav_order: Sequence[str]) -> dict[str, Any]:
    """What schedule.js and revise.js need beyond #ipt-quiz-data: each self-check's title, and
    for each question the lesson it sends the student back to (its review link's page: a unit
    question's too), by which a round is mixed."""
    checks = _self_checks(quizzes, nav_order)
    return {
        "round": ROUND,
        "titles": {quiz.page_path: quiz.title for quiz in checks},
        "lessons": {q.id: q.review.partition("#")[0] for quiz in checks for q in quiz.questions
                    if q.kind != WRITTEN},
    }


def data_element(value: dict[str, Any]) -> str:
    """JSON in a script element that never runs; `<` escaped, so no text can end it."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{DATA_ID}">{text}</script>'


def render_revise(quizzes: Sequence[Quiz], nav_order: Sequence[str], generated_mark: str) -> str:
    """The Revise page (Markdown), byte-identical for the same input."""
    checks = _self_checks(quizzes, nav_order)
    exam = next((quiz.page_path for quiz in quizzes if quiz.written), None)
    how = HOW_IT_WORKS.format(round=ROUND, exam=exam or "index.md")
    if exam is None:  # no written questions in this module: no exam-practice line
        how = how[:how.index("- Written exam-practice")].rstrip() + "\n"
    return "\n".join([
        "---",
        f"{generated_mark} from quizzes/*.yml: edit those, nothing here.",
        "title: Revise",
        "---",
        "",
        "# Revise",
        "",
        INTRO,
        # revise.js replaces what is inside (a page without JavaScript keeps the sentence).
        '<div class="ipt-revise" id="ipt-revise"><p>Revise needs JavaScript: it works out in '
        "your browser which questions are due.</p></div>",
        "",
        how,
        data_script(checks),
        "",
        data_element(revise_data(quizzes, nav_order)),
        "",
        FILES_ELEMENT,
        "",
    ])
