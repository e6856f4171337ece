"""Exam practice: the page of written questions, and the data the home page's My progress needs.

Everything a student reads comes from the quiz YAML as Markdown and is rendered by MkDocs like
any other page (the quiz sanitizer has already rejected raw HTML in it). The few HTML elements
built here carry only numbers and ids (slugs), escaped all the same.

Without JavaScript the page still reads as a question paper: each question with its marks,
the marking points and the outline in <details>. docs/assets/javascripts/exam.js adds the answer
box (saved in this browser as the student types), the word count, the timer, the checklist and
the self-mark. The assets are linked only on the pages that use them (`page_extras`).

The examination pace assumed: the university's papers give 3 hours for 70-80 marks, which is
about 2.5 minutes per mark; the suggested length is about 30 words per mark.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

from quizkit.identity import data_script
from quizkit.marking import (
    BEYOND_SYLLABUS,
    WORDS_PER_MARK,
    extra_credit_text,
    minutes,
    review_label,
)
from quizkit.model import SECONDS_PER_MARK, WRITTEN, Question, Quiz, short_note_topic
from quizkit.pages import Page
from quizkit.render import page_link, yaml_string

# In docs/index.md, where the home page's My progress data goes (replaced at build time).
PROGRESS_MARK = "<!-- ipt:progress-data -->"
PRINT_LINK = """

To revise, print <a href="{url}">the whole unit on one page</a>: every lesson in order, then the
key points of each lesson.
"""
EXAM_ASSETS = ("assets/stylesheets/exam.css", "assets/javascripts/exam.js")
PROGRESS_ASSETS = ("assets/stylesheets/exam.css", "assets/javascripts/progress.js")

HOW_TO_PRACTISE = """\
These are questions in the style of the university examination: short notes (usually 5 marks)
and long answers (usually 15 marks). Practise the way you will be marked:

1. **Write** your answer in the box, as you would in the examination. It is kept in this
   browser as you type, so you can stop and come back later; it is never sent anywhere.
   The suggested length is about {words} words per mark.
2. If you like, start the **timer**. It runs at the examination's pace: about 2½ minutes per
   mark (3 hours for 70 to 80 marks), so 37½ minutes for a 15-mark answer.
3. Then **compare with the marking points**: tick each point your answer covered and see your
   mark. Each point you missed links to the section to reread. The points come from the
   lecture notes, so an answer faithful to the notes can earn full marks; where a question
   gives **credit as extra** for material beyond the notes, it can make up for a point you
   missed, never take you past the question's marks.
4. Last, read the **outline** of a good answer: a structure to learn from, not an essay to
   memorise.

You can print this page with your answers, or clear an answer to start it again. Your results
also appear under *My progress* on the [home page]({home}).
"""


def attr(value: object) -> str:
    """A value made safe inside a double-quoted HTML (or attr_list) attribute."""
    return html.escape(str(value), quote=True)


def _review_link(from_page: str, review: str, pages: dict[str, Page]) -> str:
    """`[Section (Lesson)](relative#anchor)` for a marking point's review target."""
    return f"[{review_label(review, pages)}]({page_link(from_page, review)})"


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def render_written_question(quiz: Quiz, question: Question, number: int,
                            pages: dict[str, Page]) -> str:
    """One question: heading, prompt, marks and suggested length, the points, the outline."""
    marks = question.marks
    words = marks * WORDS_PER_MARK
    unit = "mark" if marks == 1 else "marks"
    points = " ".join(str(point.marks) for point in question.marking_points)
    extra = (f' data-extra="{question.extra_credit.marks}"' if question.extra_credit else "")
    optional = ", optional" if question.beyond_syllabus else ""
    lines = [
        f"## Question {number} ({marks} {unit}{optional}) {{ #{attr(question.id)} }}",
        "",
        f'<div class="ipt-written" markdown="1" data-question="{attr(question.id)}" '
        f'data-marks="{marks}" data-words="{words}" '
        f'data-seconds="{marks * SECONDS_PER_MARK}" data-points="{attr(points)}"{extra}>',
        "",
    ]
    if question.beyond_syllabus:
        lines += [f"**{BEYOND_SYLLABUS}.** This question goes past the lecture notes (the "
                  "unit's syllabus): practise it if you like; nothing else in the module "
                  "depends on it.",
                  "{: .ipt-beyond }", ""]
    lines += [
        question.prompt,
        "",
        f"*{marks} {unit}. Suggested length: about {words} words, about {minutes(marks)} "
        "at the examination's pace.*",
        "",
        '??? ipt-points "Compare with the marking points"',
        "",
    ]
    for point in question.marking_points:
        text = " ".join(point.text.split())  # one line: it is a list item
        point_unit = "mark" if point.marks == 1 else "marks"
        lines.append(f"    - {text} (**{point.marks} {point_unit}**) <span class=\"ipt-reread\">"
                     f"Reread: {_review_link(quiz.page_path, point.review, pages)}</span>")
    if question.extra_credit:
        lines += ["", _indent(extra_credit_text(question)), "    {: .ipt-extra }"]
    lines += ["", '??? ipt-outline "Outline of a good answer"', "", _indent(question.outline),
              "", "</div>"]
    return "\n".join(lines)


def render_written(quiz: Quiz, pages: dict[str, Page]) -> str:
    """The whole exam-practice page, byte-identical for the same input."""
    total = sum(q.marks for q in quiz.questions)
    home = page_link(quiz.page_path, "index.md")
    optional = [n for n, q in enumerate(quiz.questions, start=1) if q.beyond_syllabus]
    beyond = ""
    if optional:
        numbers = ", ".join(str(n) for n in optional)
        beyond = (f" Question{'s' * (len(optional) > 1)} {numbers} "
                  f"{'go' if len(optional) > 1 else 'goes'} beyond the syllabus (the lecture "
                  "notes) and " + ("are" if len(optional) > 1 else "is") + " optional.")
    parts = [
        "---",
        f"# Generated by build_quiz.py from {quiz.source}: edit that file, not this page.",
        f"title: {yaml_string(quiz.title)}",
        "---",
        "",
        f"# {quiz.title}",
        "",
        HOW_TO_PRACTISE.format(words=WORDS_PER_MARK, home=home),
        f"{len(quiz.questions)} questions, {total} marks in all.{beyond}",
        "",
    ]
    for number, question in enumerate(quiz.questions, start=1):
        parts += [render_written_question(quiz, question, number, pages), ""]
    return "\n".join(parts)


# --- the home page: My progress ------------------------------------------------------------------

TOPIC_CHARACTERS = 100  # a topic longer than this is cut at a word
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
_MARKDOWN_LINK_TEXT = re.compile(r"([\[\]\\`*_])")


def exam_topic(question: Question) -> str:
    """What a written question is about, as My progress names it (student walk-through 2,
    S12: "Question 3 (5 marks)" said nothing): a short note's topic ("Short note: The treatment
    contract in IPT"), else the task, the first sentence of the prompt's last paragraph (a case
    comes first, the task last), cut at a word ("Long answer: Compare IPT with …")."""
    topic = short_note_topic(question.prompt)
    kind = "Short note" if topic else "Long answer" if question.marks >= 10 else "Question"
    if not topic:
        paragraphs = [p for p in re.split(r"\n\s*\n", question.prompt.strip()) if p.strip()]
        topic = _SENTENCE_END.split(" ".join(paragraphs[-1].split()), maxsplit=1)[0]
        topic = topic.rstrip(".")
    if len(topic) > TOPIC_CHARACTERS:
        topic = topic[:TOPIC_CHARACTERS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"{kind}: {topic}"


def progress_data(quizzes: Iterable[Quiz], pages: dict[str, Page], from_page: str) -> str:
    """The Markdown that tells progress.js what to show and where to send the student.

    A list of every self-check (data-ipt-page: the key of its attempts in the browser's record),
    every exam-practice question, then a hidden list of the sections to reread, each link
    naming the questions and marking points behind it. Tokens: q:tl-contract is question
    tl-contract, w:ex-contract/2 marking point 2 (in this build's order) of written question
    ex-contract (ids are slugs); no other quiz text is in them. What the student saved is
    matched to them by identity (the page's #ipt-quiz-data, quizkit/identity.py).
    """
    checks, exam, reread = [], [], {}
    for quiz in quizzes:
        link = page_link(from_page, quiz.page_path)
        if quiz.written:
            for number, question in enumerate(quiz.questions, start=1):
                points = " ".join(str(p.marks) for p in question.marking_points)
                qid = attr(question.id)
                optional = ", optional" if question.beyond_syllabus else ""
                # The topic is quiz text (already through the sanitizer): Markdown's own
                # link and emphasis characters are escaped so it stays one plain link label.
                label = _MARKDOWN_LINK_TEXT.sub(r"\\\1", exam_topic(question))
                exam.append(f"- [{label} (question {number}, {question.marks} "
                            f"marks{optional})]({link}#{qid})"
                            f'{{ data-ipt-written="{qid}" data-ipt-points="{attr(points)}" }}')
                for p_index, point in enumerate(question.marking_points):
                    reread.setdefault(point.review, []).append(f"w:{question.id}/{p_index}")
            continue
        choice = [q for q in quiz.questions if q.kind != WRITTEN]
        checks.append(f'- [{quiz.title}]({link}){{ data-ipt-page="{attr(quiz.page_path)}" '
                      f'data-ipt-count="{len(choice)}" }}')
        for question in choice:
            reread.setdefault(question.review, []).append(f"q:{question.id}")
    lines = ['<div class="ipt-progress-data" markdown="1">', "", "**Self-checks**", ""]
    lines += checks
    if exam:
        lines += ["", "**Exam practice**", "", *exam]
    lines += ["", "</div>", "", '<div class="ipt-reread-data" hidden markdown="1">', ""]
    for review, tokens in reread.items():
        lines.append(f"- {_review_link(from_page, review, pages)}"
                     f"{{ data-ipt-reread=\"{attr(' '.join(tokens))}\" }}")
    lines += ["", "</div>"]
    return "\n".join(lines)


def _tags(page_url: str, assets: tuple[str, ...]) -> str:
    """<link>/<script> elements for assets, relative to the page (works from file:// too)."""
    tags = []
    for asset in assets:
        url = attr(_relative_url(asset, page_url))
        tags.append(f'<link rel="stylesheet" href="{url}">' if asset.endswith(".css")
                    else f'<script src="{url}" defer></script>')
    return "\n".join(tags)


def _relative_url(target: str, page_url: str) -> str:
    """MkDocs' own relative-URL rule, imported here: only the hook needs it, and importing
    mkdocs costs `build_quiz.py --check` more than the whole check."""
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, page_url)


def page_extras(markdown: str, src_uri: str, page_url: str, quizzes: list[Quiz],
                pages: dict[str, Page], nav_order: list[str], directory_urls: bool) -> str:
    """The exam page gets exam.css, exam.js and its questions' identities; a page with
    PROGRESS_MARK (the home page) gets the My progress data and every quiz's identities
    (quizzes in nav order) and progress.js. Other pages pass unchanged. (record.js, which both
    scripts use, is added by hooks/student_path.py.)"""
    exam = [quiz for quiz in quizzes if quiz.written and quiz.page_path == src_uri]
    if exam:
        return markdown + "\n\n" + data_script(exam) + "\n\n" + _tags(page_url, EXAM_ASSETS) + "\n"
    if PROGRESS_MARK not in markdown:
        return markdown
    rank = {path: i for i, path in enumerate(nav_order)}
    ordered = sorted(quizzes, key=lambda q: (rank.get(q.page_path, len(rank)), q.name))
    data = progress_data(ordered, pages, src_uri)
    # The print page is made by mkdocs-print-site-plugin after the build, not a page MkDocs can
    # check a Markdown link to: link it as HTML, relative to this page.
    printed = _relative_url("print_page/" if directory_urls else "print_page.html", page_url)
    data += PRINT_LINK.format(url=attr(printed))
    return (markdown.replace(PROGRESS_MARK, data, 1) + "\n\n"
            + data_script(ordered, every_quiz=True) + "\n\n"
            + _tags(page_url, PROGRESS_ASSETS) + "\n")


# --- the printable unit: a revision sheet after the lessons ------------------------------------

_PRINT_SECTION = re.compile(
    r'<section class="print-page" id="(lessons-[^"]+)"[^>]*>(.*?)</section>', re.DOTALL)
_TITLE = re.compile(r"<h1[^>]*>(.*?)</h1>", re.DOTALL)
_HEADERLINK = re.compile(r'<a\s+class="headerlink"[^>]*>.*?</a>', re.DOTALL)
_ID = re.compile(r'\sid="[^"]*"')
REVISION_ID = "revision-sheet"


def _key_points(section_id: str, body: str) -> str | None:
    """The HTML under a lesson's "Key points" heading, up to the next heading of that level."""
    start = re.search(rf'<h2 id="{re.escape(section_id)}-key-points"[^>]*>.*?</h2>', body,
                      re.DOTALL)
    if not start:
        return None
    end = re.search(r"<h2[\s>]", body[start.end():])
    return body[start.end():start.end() + end.start() if end else len(body)].strip()


def add_revision_sheet(print_html: str) -> tuple[str, int]:
    """mkdocs-print-site-plugin's page with a last section: every lesson's key points, under the
    lesson's title, in the order the lessons appear. Returns (the page, lessons found).

    The key points are copied from the page itself (already rendered, links already pointing
    inside it), ids removed so none is doubled.
    """
    parts = []
    for section_id, body in _PRINT_SECTION.findall(print_html):
        points = _key_points(section_id, body)
        title = _TITLE.search(body)
        if points is None or title is None:
            continue
        heading = _HEADERLINK.sub("", title.group(1)).strip()
        parts.append(f'<h2 id="{REVISION_ID}-{section_id}">{heading}</h2>\n'
                     f"{_ID.sub('', points)}")
    if not parts:
        return print_html, 0
    sheet = (f'<section class="print-page" id="{REVISION_ID}">\n<h1 id="{REVISION_ID}-title">'
             "Revision sheet: the key points of every lesson</h1>\n" + "\n".join(parts)
             + "\n</section>")
    last = print_html.rfind("</section>") + len("</section>")
    return print_html[:last] + "\n" + sheet + print_html[last:], len(parts)
