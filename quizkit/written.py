"""Exam practice: the page of written questions, and the data the home page's My progress needs.

Everything a student reads comes from the quiz YAML as Markdown and is rendered by MkDocs like
any other page (the quiz sanitizer has already rejected raw HTML in it). The few HTML elements
built here carry only numbers and ids (slugs), escaped all the same.

Without JavaScript the page still reads as a question paper: each question with its marks,
the marking points and the outline in <details>. docs/assets/javascripts/exam.js adds the answer
box (saved in this browser as the student types), the word count, the timer, the checklist and
the self-mark. The assets are linked only on the pages that use them (`page_extras`).

The mock-paper page (quizzes/NAME/mock-paper.md, after exam practice in the nav) sets each paper
of the file's `papers:` in the university's layout, and every other question of the bank for
"any five"; each question is the same block as on the exam-practice page (`written_block`), so
exam.js marks it the same way, and docs/assets/javascripts/paper.js turns the page into a
sitting: the paper chosen, one clock, then the marking.

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
    duration,
    extra_credit_text,
    minutes,
    review_label,
)
from quizkit.model import (
    SECONDS_PER_MARK,
    WRITTEN,
    Paper,
    PaperSection,
    Question,
    Quiz,
    number_word,
    short_note_topic,
)
from quizkit.pages import Page
from quizkit.render import page_link, yaml_string

# In docs/index.md, where the home page's My progress data goes (replaced at build time).
PROGRESS_MARK = "<!-- ipt:progress-data -->"
PRINT_LINK = """

To revise, print <a href="{url}">the whole unit on one page</a>: every lesson in order, then a
revision sheet of their key points. Or
<a href="{url}#revision-sheet">print just the revision sheet</a>.
"""
# In any page (the home page's learning path), where the links to the printable unit go: it is
# made after the build (quizkit/printpage.py), so MkDocs cannot check a Markdown link to it.
REVISION_MARK = "<!-- ipt:revision-links -->"
REVISION_LINKS = ('**The night before:** <a href="{url}">the whole unit, printable</a> (every '
                  "lesson, then a revision sheet of their key points), or "
                  '<a href="{url}#revision-sheet">just the revision sheet</a>, to read or print.')
MIN_WORDS = 20  # an answer in the box this long can be self-marked (exam.js: MIN_WORDS)
# The record's key for "any five" (with an underscore: never a paper's id, which is a slug).
ANY_KEY = "any_questions"
ANY_COUNT = 5
LONG_ANSWER_MARKS = 10  # a question of this many marks or more is a long answer

HOW_TO_PRACTISE = """\
These are questions in the style of the university examination: short notes (usually 5 marks)
and long answers (usually 15 marks). Practise the way you will be marked:

1. **Write** your answer in the box, as you would in the examination. It is kept in this
   browser as you type, so you can stop and come back later; it is never sent anywhere.
   The suggested length is about {words} words per mark. Writing by hand, as in the hall?
   Write on paper and tick **I wrote this answer on paper**.
2. If you like, start the **timer**. It runs at the examination's pace: about 2½ minutes per
   mark (3 hours for 70 to 80 marks), so 37½ minutes for a 15-mark answer.
3. Then **compare with the marking points**: tick each point your answer covered (a point
   worth more than 1 mark can earn part of its marks) and see your mark. Each point you
   missed links to the section to reread. The points come from the lecture notes, so an
   answer faithful to the notes can earn full marks; where a question gives **credit as
   extra** for material beyond the notes, it can make up for a point you missed, never take
   you past the question's marks. You mark an answer once it has at least {least} words in
   the box, or is written on paper; opening the points before that only shows them (My
   progress says "marking points viewed", not a mark).
4. Last, read the **outline** of a good answer: a structure to learn from, not an essay to
   memorise.

You can print this page with your answers, or clear an answer to start it again. Your results
also appear under *My progress* on the [home page]({home}). To sit a whole paper against one
clock, as in the examination hall, take a [mock paper]({mock}).
"""

MOCK_INTRO = """\
Sit a whole paper against one clock, as in the examination hall, then mark each answer against
its marking points. Your answers and marks stay in this browser (never sent anywhere) and
appear under *My progress* on the [home page]({home}).

To practise one question at a time, with its own timer, use [exam practice]({practice}).
"""


_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_MARKS = re.compile(r"[*`]+|(?<!\w)_+|_+(?!\w)")
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>])")
_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
# The words a university question's task starts with (its topic for a list line).
TASK_WORDS = frozenset({
    "analyse", "compare", "contrast", "critically", "define", "describe", "differentiate",
    "discuss", "distinguish", "elaborate", "enumerate", "evaluate", "examine", "explain",
    "how", "illustrate", "outline", "state", "what", "why", "write"})


def attr(value: object) -> str:
    """A value made safe inside a double-quoted HTML (or attr_list) attribute."""
    return html.escape(str(value), quote=True)


def _review_link(from_page: str, review: str, pages: dict[str, Page]) -> str:
    """`[Section (Lesson)](relative#anchor)` for a marking point's review target."""
    return f"[{review_label(review, pages)}]({page_link(from_page, review)})"


def _indent(text: str, prefix: str = "    ") -> str:
    return "\n".join(prefix + line if line.strip() else "" for line in text.splitlines())


def _plain(markdown_text: str) -> str:
    """Markdown as read, roughly: links to their text, emphasis and code marks dropped."""
    text = _MD_LINK.sub(r"\1", markdown_text)
    return " ".join(_MD_MARKS.sub("", text).split())


def _lower_first(text: str) -> str:
    """'the treatment contract' for 'The treatment contract'; 'IPT as a…' stays as it is."""
    if len(text) > 1 and text[0].isupper() and text[1].islower():
        return text[0].lower() + text[1:]
    return text


def _shorten(text: str, most: int = 80) -> str:
    """A task sentence short enough for a list line: up to its first comma when that leaves a
    phrase, else cut at a word with an ellipsis."""
    text = text.rstrip(" .?!:;")
    if len(text) > most and text.find(", ") >= 25:
        text = text[:text.find(", ")]
    if len(text) > most:
        text = text[:text.rfind(" ", 0, most - 1)].rstrip(" ,;:") + "…"
    return text


def question_topic(question: Question) -> str:
    """How My progress and the mock paper name a written question: "Short note: the treatment
    contract in IPT", or "Long answer: compare IPT with cognitive therapy and…" (the prompt's
    task sentence, the one starting with Describe, Discuss…, not a case's first line)."""
    topic = short_note_topic(question.prompt)
    if topic:
        return f"Short note: {_lower_first(_shorten(_plain(topic)))}"
    sentences = [s for part in question.prompt.split("\n\n")
                 for s in _SENTENCE_END.split(_plain(part)) if s]
    task = next((s for s in sentences if s.split()[0].lower().strip(",") in TASK_WORDS),
                sentences[0] if sentences else question.id)
    kind = "Long answer" if question.marks >= LONG_ANSWER_MARKS else "Question"
    return f"{kind}: {_lower_first(_shorten(task))}"


def _markdown_text(text: str) -> str:
    """Plain text made literal inside Markdown (link text): its Markdown punctuation escaped."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def written_block(quiz: Quiz, question: Question, pages: dict[str, Page], from_page: str,
                  label: str, prompt: str | None = None) -> list[str]:
    """One question's <div class="ipt-written"> (Markdown lines): the beyond-the-syllabus label,
    the prompt (or `prompt`, as a paper prints a short note's topic), marks and suggested
    length, the marking points with their reread links (relative to from_page), credit as
    extra and the outline. The exam-practice page and the mock paper show the same block;
    exam.js enhances it. `label` ("question 7 (a)") names the answer box."""
    marks = question.marks
    words = marks * WORDS_PER_MARK
    unit = "mark" if marks == 1 else "marks"
    points = " ".join(str(point.marks) for point in question.marking_points)
    extra = (f' data-extra="{question.extra_credit.marks}"' if question.extra_credit else "")
    lines = [
        f'<div class="ipt-written" markdown="1" data-question="{attr(question.id)}" '
        f'data-marks="{marks}" data-words="{words}" '
        f'data-seconds="{marks * SECONDS_PER_MARK}" data-points="{attr(points)}"{extra} '
        f'data-label="{attr(label)}" data-topic="{attr(question_topic(question))}">',
        "",
    ]
    if question.beyond_syllabus:
        lines += [f"**{BEYOND_SYLLABUS}.** This question goes past the lecture notes (the "
                  "unit's syllabus): practise it if you like; nothing else in the module "
                  "depends on it.",
                  "{: .ipt-beyond }", ""]
    lines += [
        question.prompt if prompt is None else prompt,
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
                     f"Reread: {_review_link(from_page, point.review, pages)}</span>")
    if question.extra_credit:
        lines += ["", _indent(extra_credit_text(question)), "    {: .ipt-extra }"]
    lines += ["", '??? ipt-outline "Outline of a good answer"', "", _indent(question.outline),
              "", "</div>"]
    return lines


def render_written_question(quiz: Quiz, question: Question, number: int,
                            pages: dict[str, Page]) -> str:
    """One question: heading, prompt, marks and suggested length, the points, the outline."""
    unit = "mark" if question.marks == 1 else "marks"
    optional = ", optional" if question.beyond_syllabus else ""
    return "\n".join([
        f"## Question {number} ({question.marks} {unit}{optional}) {{ #{attr(question.id)} }}",
        "",
        *written_block(quiz, question, pages, quiz.page_path, f"question {number}"),
    ])


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
        HOW_TO_PRACTISE.format(words=WORDS_PER_MARK, home=home, least=MIN_WORDS,
                               mock=page_link(quiz.page_path, quiz.paper_page_path)),
        f"{len(quiz.questions)} questions, {total} marks in all.{beyond}",
        "",
    ]
    for number, question in enumerate(quiz.questions, start=1):
        parts += [render_written_question(quiz, question, number, pages), ""]
    return "\n".join(parts)


# --- the mock paper ------------------------------------------------------------------------------


def paper_key(quiz: Quiz, paper_id: str) -> str:
    """The record's key of a paper's sitting: "exam-practice/unit-iv", "exam-practice/any_five"."""
    return f"{quiz.name}/{paper_id}"


def _paper_section(section: PaperSection) -> list[str]:
    """The opening of a paper's group: its heading and instruction (with the marks)."""
    each = section.marks_each
    marks = f"{each} mark{'s' * (each != 1)} each" if len(section.questions) > 1 else (
        f"{each} mark{'s' * (each != 1)}")
    lines = [f'<div class="ipt-paper-section" markdown="1" data-answer="{section.answer}">', ""]
    if section.heading:
        lines += [f"### {section.heading}", ""]
    lines += [f"*{section.instruction} {marks[:1].upper()}{marks[1:]}.*", ""]
    return lines


def _paper(quiz: Quiz, paper: Paper, pages: dict[str, Page]) -> list[str]:
    """A paper in the university's layout: title, header lines, time and full marks, the general
    instruction, then its groups, every question a block as on the exam-practice page."""
    path = quiz.paper_page_path
    lines = [
        f'<div class="ipt-paper" markdown="1" data-paper="{attr(paper_key(quiz, paper.id))}" '
        f'data-seconds="{paper.minutes * 60}" data-marks="{paper.full_marks}">',
        "",
        f"## {paper.title}",
        "",
    ]
    head = [line for line in (paper.institution, paper.course) if line]
    if head:
        lines += ["  \n".join(" ".join(line.split()) for line in head), "{: .ipt-paper-head }",
                  ""]
    lines += [f"**Time: {duration(paper.minutes)}. Full marks: {paper.full_marks}.**",
              "{: .ipt-paper-facts }", "", f"*{paper.general_instruction}*", ""]
    lines += [line for instruction in paper.instructions for line in (instruction, "")]
    current = None
    for section, number, questions in paper.numbered():
        if section is not current:
            if current is not None:
                lines += ["</div>", ""]
            lines += _paper_section(section)
            current = section
        if section.short_notes:
            lines += [f"Question {number}.", "{: .ipt-paper-number }", ""]
            for letter, (question, topic) in zip("abcdefghijklmnopqrstuvwxyz",
                                                 zip(questions, section.topics(), strict=True),
                                                 strict=False):
                label = f"question {number} ({letter})"
                lines += [f"#### Question {number} ({letter}) ({question.marks} marks)", "",
                          *written_block(quiz, question, pages, path, label, topic), ""]
            continue
        question = questions[0]
        lines += [f"#### Question {number} ({question.marks} marks)", "",
                  *written_block(quiz, question, pages, path, f"question {number}"), ""]
    lines += ["</div>", "", "</div>", ""]
    return lines


def render_mock_paper(quiz: Quiz, pages: dict[str, Page]) -> str:
    """The mock-paper page of a written quiz: each paper of `papers:`, then the questions that
    are in no paper (for "any five"), each question's block once. Without JavaScript it reads
    as the papers and the rest of the bank; paper.js makes it a sitting."""
    path = quiz.paper_page_path
    in_papers = {q.id for paper in quiz.papers for q in paper.questions}
    rest = [q for q in quiz.questions if q.id not in in_papers]
    count = min(ANY_COUNT, len(quiz.questions))
    parts = [
        "---",
        f"# Generated by build_quiz.py from {quiz.source}: edit that file, not this page.",
        "title: Mock paper",
        "hide:",
        "  - toc",
        "---",
        "",
        "# Mock paper",
        "",
        MOCK_INTRO.format(home=page_link(path, "index.md"),
                          practice=page_link(path, quiz.page_path)),
    ]
    for paper in quiz.papers:
        parts += _paper(quiz, paper, pages)
    words = number_word(count)
    parts += [
        f'<div class="ipt-bank" markdown="1" data-paper="{attr(paper_key(quiz, ANY_KEY))}" '
        f'data-count="{count}" data-seconds-per-mark="{SECONDS_PER_MARK}">',
        "",
        f"## Any {words} questions",
        "",
        f"Choose any {words} of the {len(quiz.questions)} questions of exam practice and sit "
        "them as one paper, with the time they deserve at the examination's pace (2½ minutes "
        "a mark).",
        "",
    ]
    if rest:
        parts += ["The questions that are in no paper above:" if quiz.papers else "", ""]
        for question in rest:
            optional = ", optional" if question.beyond_syllabus else ""
            parts += [f"#### {_markdown_text(question_topic(question))} ({question.marks} "
                      f"marks{optional})", "",
                      *written_block(quiz, question, pages, path, "this question"), ""]
    parts += ["</div>", ""]
    return "\n".join(parts)


# --- the home page: My progress ------------------------------------------------------------------

def progress_data(quizzes: Iterable[Quiz], pages: dict[str, Page], from_page: str) -> str:
    """The Markdown that tells progress.js what to show and where to send the student.

    A list of every self-check (data-ipt-page: the key of its attempts in the browser's record),
    every exam-practice question, then a hidden list of the sections to reread, each link
    naming the questions and marking points behind it. Tokens: q:tl-contract is question
    tl-contract, w:ex-contract/2 marking point 2 (in this build's order) of written question
    ex-contract (ids are slugs); no other quiz text is in them. What the student saved is
    matched to them by identity (the page's #ipt-quiz-data, quizkit/identity.py).
    """
    checks, exam, mocks, reread = [], [], [], {}
    for quiz in quizzes:
        link = page_link(from_page, quiz.page_path)
        if quiz.written:
            for question in quiz.questions:
                points = " ".join(str(p.marks) for p in question.marking_points)
                qid = attr(question.id)
                optional = ", optional" if question.beyond_syllabus else ""
                extra = question.extra_credit.marks if question.extra_credit else 0
                exam.append(f"- [{_markdown_text(question_topic(question))}]({link}#{qid})"
                            f'{{ data-ipt-written="{qid}" data-ipt-points="{attr(points)}" '
                            f'data-ipt-marks="{question.marks}" data-ipt-extra="{extra}" }} '
                            f"({question.marks} marks{optional})")
                for p_index, point in enumerate(question.marking_points):
                    reread.setdefault(point.review, []).append(f"w:{question.id}/{p_index}")
            mock = page_link(from_page, quiz.paper_page_path)
            for paper in quiz.papers:
                mocks.append(f"- [Mock paper: {paper.title}]({mock})"
                             f'{{ data-ipt-paper="{attr(paper_key(quiz, paper.id))}" }} '
                             f"({paper.full_marks} marks, {duration(paper.minutes)})")
            words = number_word(min(ANY_COUNT, len(quiz.questions)))
            mocks.append(f"- [Mock paper: any {words} questions]({mock})"
                         f'{{ data-ipt-paper="{attr(paper_key(quiz, ANY_KEY))}" }}')
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
    if mocks:
        lines += ["", "**Mock papers**", "", *mocks]
    lines += ["", "</div>", "", '<div class="ipt-reread-data" hidden markdown="1">', ""]
    for review, tokens in reread.items():
        lines.append(f"- {_review_link(from_page, review, pages)}"
                     f"{{ data-ipt-reread=\"{attr(' '.join(tokens))}\" }}")
    lines += ["", "</div>"]
    return "\n".join(lines)


def _relative_url(target: str, page_url: str) -> str:
    """MkDocs' own relative-URL rule, imported here: only the hook needs it, and importing
    mkdocs costs `build_quiz.py --check` more than the whole check."""
    from mkdocs.utils import get_relative_url

    return get_relative_url(target, page_url)


def page_extras(markdown: str, src_uri: str, page_url: str, quizzes: list[Quiz],
                pages: dict[str, Page], nav_order: list[str], directory_urls: bool) -> str:
    """REVISION_MARK becomes the links to the printable unit and its revision sheet. The exam
    page and its mock-paper page get their questions' identities; a page with PROGRESS_MARK
    (the home page) gets the My progress data and every quiz's identities (quizzes in nav
    order). Other pages pass unchanged. (Their stylesheets and scripts: quizkit/assets.py.)"""
    # The print page is made by mkdocs-print-site-plugin after the build, not a page MkDocs can
    # check a Markdown link to: link it as HTML, relative to this page.
    printed = attr(_relative_url("print_page/" if directory_urls else "print_page.html",
                                 page_url))
    markdown = markdown.replace(REVISION_MARK, REVISION_LINKS.format(url=printed))
    exam = [quiz for quiz in quizzes if quiz.written and quiz.page_path == src_uri]
    if exam:
        return markdown + "\n\n" + data_script(exam) + "\n"
    mock = [quiz for quiz in quizzes if quiz.written and quiz.paper_page_path == src_uri]
    if mock:
        return markdown + "\n\n" + data_script(mock) + "\n"
    if PROGRESS_MARK not in markdown:
        return markdown
    rank = {path: i for i, path in enumerate(nav_order)}
    ordered = sorted(quizzes, key=lambda q: (rank.get(q.page_path, len(rank)), q.name))
    data = progress_data(ordered, pages, src_uri) + PRINT_LINK.format(url=printed)
    return (markdown.replace(PROGRESS_MARK, data, 1) + "\n\n"
            + data_script(ordered, every_quiz=True) + "\n")
