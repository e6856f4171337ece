"""Turn a validated Quiz into an mkdocs-quiz Markdown page. Pure string building.

The page layout, top to bottom: title, a link back to the lesson, how the self-check works, one
<quiz> block per question, the "Your results" panel (every question linked to itself and to its
review section, the retry buttons, "Continue" to the next step on the student path, "Revise"
when the site has the Revise page), the link
back again, and the page's data for docs/assets/javascripts/quiz.js. Per mkdocs-quiz's syntax
an incorrect option's feedback is a `>` block directly under it (no blank line), and everything
after the last option is the "content" shown once the student has answered: our explanation
plus a "Review:" link.
"""

from __future__ import annotations

import functools
import json
import posixpath
from collections.abc import Callable, Sequence

from quizkit.identity import data_script
from quizkit.marking import review_label
from quizkit.model import FILL_IN, MULTIPLE, SINGLE, WRITTEN, Question, Quiz
from quizkit.pages import Page
from quizkit.revise import REVISE_PAGE

# Per-page mkdocs-quiz settings, in the generated front matter (the plugin is off elsewhere).
# auto_submit is off so that arrow keys move between radio buttons without answering:
# keyboard users choose, then press Submit. disable_after_submit is on: each question is
# answered once per attempt, so the score is the first-try score; a new attempt is a
# deliberate action (the results panel's buttons, run by quiz.js). shuffle_answers reorders the
# options on every visit (quiz.js keeps the author's order for `shuffle: false` questions);
# saved answers follow the options, as mkdocs-quiz saves each option's fixed value, not its
# place on screen.
QUIZ_SETTINGS = {
    "enabled": True,
    "auto_number": True,
    "auto_submit": False,
    "disable_after_submit": True,
    "show_correct": True,
    "shuffle_answers": True,
    "show_progress": True,
}

HOW_IT_WORKS = (
    "{count}. Choose your answer, then press **Submit**. Each question counts once, so your "
    "score shows what you knew the first time. A wrong answer tells you why it is wrong and "
    "links to the section to reread. At the end you can retry the questions you missed or try "
    "the whole quiz again (it asks first); your first, latest and best scores are kept in this "
    "browser, for My progress on the home page."
)

HOME = "index.md"  # the unit overview
EXAM_PRACTICE = "quizzes/exam-practice.md"
# Under every self-check's results: the written practice the university examination asks for.
EXAM_LINK = ("For the written examination, practise short notes and long answers on "
             "[Exam practice]({link}): write, then mark your answer against the marking points.")


@functools.cache
def relative_path(path: str, start: str) -> str:
    """posixpath.relpath, remembered: the same few pairs of pages recur for every question
    (relpath makes both absolute first, so the working folder does not change the answer)."""
    return posixpath.relpath(path, start)


def page_link(from_page: str, target: str) -> str:
    """A relative Markdown link target from one page under docs/ to another (anchor kept)."""
    path, sep, anchor = target.partition("#")
    relative = relative_path(path, posixpath.dirname(from_page) or ".")
    return relative + sep + anchor


def yaml_string(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # JSON strings are valid YAML strings


def _review_target(quiz: Quiz, question: Question, pages: dict[str, Page]) -> tuple[str, str]:
    """(label, link) of the section a question sends the student back to."""
    return review_label(question.review, pages), page_link(quiz.page_path, question.review)


def _review_line(quiz: Quiz, question: Question, pages: dict[str, Page]) -> str:
    label, link = _review_target(quiz, question, pages)
    return f"**Review:** [{label}]({link})"


def _options(question: Question) -> list[str]:
    """A choice question's answer lines: `- [x]` right, `- [ ]` wrong, each wrong one's
    feedback as a `>` block directly under it."""
    lines = []
    for option in question.options:
        lines.append(f"- [{'x' if option.correct else ' '}] {option.text}")
        if option.feedback:
            lines += [f"> {line}".rstrip() for line in option.feedback.strip().splitlines()]
    return lines


def _blanks(question: Question) -> list[str]:
    """A fill-in: its [[blanks]] are in the prompt; `---` ends the prompt."""
    return ["---"]


# What each kind of question is in mkdocs-quiz's syntax: the lines between the prompt and the
# explanation. mkdocs-quiz renders only choice and fill-in questions; a kind it cannot render
# gets its own page and script (as written questions have: OWN_PAGE).
QUIZ_MARKUP: dict[str, Callable[[Question], list[str]]] = {
    SINGLE: _options,
    MULTIPLE: _options,
    FILL_IN: _blanks,
}
OWN_PAGE = {WRITTEN: "quizkit/written.py"}  # the exam-practice page and its mock paper


def render_question(quiz: Quiz, question: Question, pages: dict[str, Page]) -> str:
    """One <quiz> block."""
    lines = ["<quiz>", question.prompt, *QUIZ_MARKUP[question.kind](question)]
    lines += ["", question.explanation, "", _review_line(quiz, question, pages), "</quiz>"]
    return "\n".join(lines)


def is_home(path: str) -> bool:
    return path == HOME


def back_link(quiz: Quiz, pages: dict[str, Page]) -> str:
    """The link back to what the quiz checks, saying where it goes."""
    if is_home(quiz.lesson):
        return f"[Back to the unit overview]({page_link(quiz.page_path, quiz.lesson)})"
    title = pages[quiz.lesson].title or quiz.lesson
    return f"[Back to the lesson: {title}]({page_link(quiz.page_path, quiz.lesson)})"


def next_step(quiz: Quiz, pages: dict[str, Page], nav: Sequence[str],
              unit_quizzes: dict[str, str] | None = None) -> tuple[str, str]:
    """(label, page path) of the step after this quiz on the student's path.

    A lesson's self-check leads to what follows it in the nav: the next lesson, or a unit-level
    quiz (unit_quizzes: page path -> title of the quizzes whose lesson is the home page) that
    comes first. When the nav lists lessons and quizzes apart (the quiz does not follow its
    lesson), to the lesson after its own. The unit self-assessment leads to exam practice when
    the nav has it; anything with no step after it leads home.
    """
    unit_quizzes = unit_quizzes or {}
    lessons = [p for p in nav if p.startswith("lessons/") and p in pages]
    here = nav.index(quiz.page_path) if quiz.page_path in nav else -1
    if not is_home(quiz.lesson) and quiz.lesson in lessons:
        if here > 0 and nav[here - 1] == quiz.lesson:  # the student path: lesson, its quiz, …
            after = [p for p in nav[here + 1:] if p in lessons or p in unit_quizzes]
        else:
            after = lessons[lessons.index(quiz.lesson) + 1:]
        if after and after[0] in unit_quizzes:
            return f"Continue to the {unit_quizzes[after[0]]}", after[0]
        if after:
            title = pages[after[0]].title or after[0]
            return f"Continue to lesson {lessons.index(after[0]) + 1}: {title}", after[0]
    if is_home(quiz.lesson) and EXAM_PRACTICE in nav and quiz.page_path != EXAM_PRACTICE:
        return "Continue to exam practice", EXAM_PRACTICE
    return "Continue to the unit overview", HOME


def question_count(count: int) -> str:
    """"1 question", "12 questions": how every page and handout counts questions."""
    return f"{count} question" if count == 1 else f"{count} questions"


def results_label(quiz: Quiz, question: Question, pages: dict[str, Page]) -> str:
    """A question's section to reread in the results list: "The two aims of IPT" for a section
    of the quiz's own lesson (its name would repeat on every line), "Weekly sessions (The time
    limit)" for a section of another lesson (the unit self-assessment's)."""
    path, _, anchor = question.review.partition("#")
    if path == quiz.lesson and anchor:
        return pages[path].anchors[anchor]
    return review_label(question.review, pages)


def render_results(quiz: Quiz, pages: dict[str, Page], nav: Sequence[str],
                   unit_quizzes: dict[str, str] | None = None) -> str:
    """The "Your results" panel: static links (checked by the strict build) that quiz.js marks
    right or wrong and completes with the score and the retry buttons."""
    lines = ['<div class="ipt-results" id="ipt-results" markdown>', "", "## Your results", "",
             '<p class="ipt-results-status">Answer every question to see your '
             "score.</p>", ""]
    for n, question in enumerate(quiz.questions):
        label = results_label(quiz, question, pages)
        link = page_link(quiz.page_path, question.review)
        lines.append(f"{n + 1}. [Question {n + 1}](#quiz-{n}) · Review: [{label}]({link})")
    continue_label, target = next_step(quiz, pages, nav, unit_quizzes)
    # The Revise page, when the site has it: schedule.js says how many questions are due.
    revise = ([f"[Revise]({page_link(quiz.page_path, REVISE_PAGE)})"
               "{ .md-button .ipt-revise-link }", ""] if REVISE_PAGE in nav else [])
    lines += [
        "",
        '<div class="ipt-results-actions" markdown>',
        '<button type="button" class="md-button ipt-retry-missed" hidden>'
        "Retry the ones I missed</button>",
        '<button type="button" class="md-button ipt-try-again" hidden>'
        "Try the quiz again</button>",
        "",
        f"[{continue_label}]({page_link(quiz.page_path, target)})"
        "{ .md-button .md-button--primary .ipt-continue }",
        "",
        *revise,
        "</div>",
        "",
        "</div>",
    ]
    return "\n".join(lines)


def page_data(quiz: Quiz) -> str:
    """What quiz.js and record.js need to know about each question, as JSON in the page: its
    identity, its flags, its options' ids (quizkit/identity.py)."""
    return data_script([quiz])


def render_quiz(quiz: Quiz, pages: dict[str, Page], nav: Sequence[str] = (),
                unit_quizzes: dict[str, str] | None = None) -> str:
    """The whole generated page for one quiz, byte-identical for the same input.

    nav: every page path in the site's nav order, unit_quizzes: page path -> title of the
    unit-level quizzes (both for "Continue", see next_step). Written (exam-practice) quizzes
    have their own renderer.
    """
    if quiz.written:
        raise ValueError(f"{quiz.source}: a written quiz is not an mkdocs-quiz page")
    back = back_link(quiz, pages)
    settings = "\n".join(f"  {k}: {str(v).lower()}" for k, v in QUIZ_SETTINGS.items())
    parts = [
        "---",
        f"# Generated by build_quiz.py from {quiz.source}: edit that file, not this page.",
        f"title: {yaml_string(quiz.title)}",
        f"quiz:\n{settings}",
        "---",
        "",
        f"# {quiz.title}",
        "",
        back,
        "",
        HOW_IT_WORKS.format(count=question_count(len(quiz.questions))),
        "",
    ]
    for question in quiz.questions:
        parts += [render_question(quiz, question, pages), ""]
    parts += [render_results(quiz, pages, nav, unit_quizzes), ""]
    if EXAM_PRACTICE in nav:
        parts += [EXAM_LINK.format(link=page_link(quiz.page_path, EXAM_PRACTICE)), ""]
    parts += [back, "", page_data(quiz), ""]
    return "\n".join(parts)


def render_objectives(page: Page, time: str | None = None) -> str:
    """The title, the time line (quizkit/timing.py: worked out from the page's words and
    questions) and the "In this lesson you will…" box a lesson gets from its front matter
    (declared once there, never typed again in the body)."""
    scope = "lesson" if page.path.startswith("lessons/") else "unit"
    lines = [f"# {page.title or ''}".rstrip(), ""]
    if time:
        lines += [f"*{time}*", ""]
    lines.append(f'!!! abstract "In this {scope} you will…"')
    lines.append("")
    for sentence in page.objectives.values():
        # "Describe how…" reads on from "you will…" as "describe how…" (keep "IPT …" as is).
        if len(sentence) > 1 and sentence[1].islower():
            sentence = sentence[0].lower() + sentence[1:]
        lines.append(f"    - {sentence}")
    return "\n".join(lines) + "\n\n"
