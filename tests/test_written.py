"""The exam-practice page (quizkit/written.py) and the home page's My progress data, from the
fixture bank tests/fixtures/written/exam-practice.yml, rendered with the site's own Markdown
extensions (read from mkdocs.yml) as MkDocs renders them."""

from __future__ import annotations

import dataclasses
import html
import posixpath
import re
from functools import cache
from pathlib import Path

import markdown
import pytest

from quizkit.identity import data_script
from quizkit.marking import extra_credit_text
from quizkit.model import MarkingPoint, Paper, PaperSection, Question, Quiz
from quizkit.pages import Page, read_pages
from quizkit.siteconfig import read_site_config
from quizkit.validate import validate_file, validate_quizzes
from quizkit.written import (
    MIN_WORDS,
    PROGRESS_MARK,
    SECONDS_PER_MARK,
    WORDS_PER_MARK,
    minutes,
    page_extras,
    progress_data,
    question_topic,
    render_mock_paper,
    render_written,
)

ROOT = Path(__file__).resolve().parent.parent
BANK = ROOT / "tests" / "fixtures" / "written"  # its lesson and reviews are the real docs/


@cache
def bank() -> tuple[Quiz, dict[str, Page]]:
    pages, problems = read_pages(ROOT / "docs")
    assert not problems
    quiz, _, problems, _ = validate_file(BANK / "exam-practice.yml", "exam-practice.yml", pages,
                                         ROOT / "quizzes" / "schema.json")
    assert quiz is not None and quiz.written, [str(p) for p in problems]
    return quiz, pages


def site_html(text: str) -> str:
    """Markdown -> HTML with mkdocs.yml's markdown_extensions (front matter dropped)."""
    config = read_site_config(ROOT / "mkdocs.yml")
    names, options = [], {}
    for entry in config["markdown_extensions"]:
        name, settings = next(iter(entry.items())) if isinstance(entry, dict) else (entry, {})
        if name == "pymdownx.snippets":
            continue  # glossary tooltips: not what is tested here
        names.append(name)
        options[name] = settings or {}
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return markdown.markdown(body, extensions=names, extension_configs=options)


def text_of(fragment: str) -> str:
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", "", fragment))).strip()


def question_blocks(page: str) -> dict[str, str]:
    """Each question's <div class="ipt-written"> HTML, by question id."""
    found = re.findall(r'(<div class="ipt-written"[^>]*data-question="([^"]+)".*?</div>\s*)'
                       r'(?=<h2|$)', page, re.DOTALL)
    return {qid: block for block, qid in found}


def test_every_question_with_its_marks_prompt_points_and_outline() -> None:
    quiz, pages = bank()
    page = site_html(render_written(quiz, pages))
    blocks = question_blocks(page)
    assert list(blocks) == [q.id for q in quiz.questions]
    for number, question in enumerate(quiz.questions, start=1):
        heading = re.search(rf'<h2 id="{question.id}">(.*?)</h2>', page)
        assert heading and text_of(heading.group(1)).rstrip("¶") == (
            f"Question {number} ({question.marks} marks"
            f"{', optional' if question.beyond_syllabus else ''})")
        block = blocks[question.id]
        assert text_of(markdown.markdown(question.prompt)) in text_of(block)
        words, seconds = question.marks * WORDS_PER_MARK, question.marks * SECONDS_PER_MARK
        assert f'data-marks="{question.marks}"' in block and f'data-words="{words}"' in block
        assert f'data-seconds="{seconds}"' in block
        assert f"about {words} words, about {minutes(question.marks)}" in text_of(block)
        points = re.search(r'<details class="ipt-points">\s*<summary>Compare with the marking '
                           r'points</summary>\s*<ul>(.*?)</ul>', block, re.DOTALL)
        assert points, "the marking points are in a <details>, readable without JavaScript"
        items = re.findall(r"<li>(.*?)</li>", points.group(1), re.DOTALL)
        assert len(items) == len(question.marking_points)
        marks = [int(m) for m in re.search(r'data-points="([\d ]+)"', block).group(1).split()]
        assert marks == [p.marks for p in question.marking_points]
        for item, point in zip(items, question.marking_points, strict=True):
            assert text_of(item).startswith(f"{text_of(markdown.markdown(point.text))} "
                                            f"({point.marks} marks) Reread:")
        outline = re.search(r'<details class="ipt-outline">\s*<summary>Outline of a good answer'
                            r'</summary>(.*?)</details>', block, re.DOTALL)
        assert outline and text_of(site_html(question.outline)) == text_of(outline.group(1))


def test_every_reread_link_reaches_the_section_that_teaches_the_point() -> None:
    quiz, pages = bank()
    page = site_html(render_written(quiz, pages))
    for question in quiz.questions:
        links = re.findall(r'<span class="ipt-reread">Reread: <a href="([^"]+)">(.*?)</a>',
                           question_blocks(page)[question.id])
        assert len(links) == len(question.marking_points)
        for (href, label), point in zip(links, question.marking_points, strict=True):
            path, _, anchor = href.partition("#")
            target = posixpath.normpath(posixpath.join(posixpath.dirname(quiz.page_path), path))
            assert f"{target}#{anchor}" == point.review
            assert anchor in pages[target].anchors
            assert text_of(label) == f"{pages[target].anchors[anchor]} ({pages[target].title})"


def test_the_page_says_how_to_practise_and_the_pace() -> None:
    quiz, pages = bank()
    intro = text_of(site_html(render_written(quiz, pages)).split("<h2", 1)[0])
    assert "2½ minutes per mark (3 hours for 70 to 80 marks)" in intro
    assert f"about {WORDS_PER_MARK} words per mark" in intro
    assert "never sent anywhere" in intro
    assert f"{len(quiz.questions)} questions, {sum(q.marks for q in quiz.questions)} marks" in intro
    # A peek is not a mark, and the minimum that makes an answer markable is said.
    assert f"at least {MIN_WORDS} words in the box, or is written on paper" in intro
    assert "I wrote this answer on paper" in intro
    assert 'take a <a href="exam-practice/mock-paper.md">mock paper</a>' in site_html(
        render_written(quiz, pages)).split("<h2", 1)[0]


def test_credit_as_extra_and_the_beyond_the_syllabus_label() -> None:
    """Extra credit is said under the marking points (and given to exam.js as data-extra); a
    question outside the notes is labelled optional at its top and in the page's count."""
    quiz, pages = bank()
    assert any(q.extra_credit for q in quiz.questions), "the fixture must have extra credit"
    assert any(q.beyond_syllabus for q in quiz.questions), "and a question beyond the syllabus"
    page = site_html(render_written(quiz, pages))
    blocks = question_blocks(page)
    for number, question in enumerate(quiz.questions, start=1):
        block = blocks[question.id]
        points = re.search(r'<details class="ipt-points">(.*?)</details>', block, re.DOTALL)
        extra = re.search(r'<p class="ipt-extra">(.*?)</p>', points.group(1), re.DOTALL)
        if question.extra_credit:
            assert f'data-extra="{question.extra_credit.marks}"' in block
            assert extra and text_of(extra.group(1)) == text_of(
                markdown.markdown(extra_credit_text(question)))
            assert text_of(extra.group(1)).startswith(
                f"Credit as extra: up to {question.extra_credit.marks} marks")
            assert f"never exceeds {question.marks}" in text_of(extra.group(1))
        else:
            assert extra is None and "data-extra" not in block
        label = re.search(r'<p class="ipt-beyond">(.*?)</p>', block, re.DOTALL)
        assert bool(label) == question.beyond_syllabus, question.id
        if label:
            assert text_of(label.group(1)).startswith("Beyond the syllabus (optional).")
            assert block.index("ipt-beyond") < block.index(
                text_of(markdown.markdown(question.prompt))[:20]), "the label comes first"
            intro = text_of(page.split("<h2", 1)[0])
            assert f"Question {number} goes beyond the syllabus" in intro


@pytest.mark.parametrize(("marks", "shown"), [(1, "2½ minutes"), (4, "10 minutes"),
                                              (5, "12½ minutes"), (10, "25 minutes")])
def test_time_at_the_examination_pace(marks: int, shown: str) -> None:
    assert minutes(marks) == shown


def test_my_progress_lists_each_question_by_topic_and_each_section_once() -> None:
    """Each exam question is named by its topic, with its marks; its link carries what
    progress.js needs to add up a self-mark as the exam page does (point marks, the question's
    marks, credit as extra). Then a line per mock paper, and the sections to reread."""
    quiz, pages = bank()
    data = site_html(progress_data([quiz], pages, "index.md"))
    exam = re.findall(r'<li><a data-ipt-extra="(\d+)" data-ipt-marks="(\d+)" '
                      r'data-ipt-points="([\d ]+)" data-ipt-written="([^"]+)" href="([^"]+)">'
                      r'(.*?)</a> \((\d+) marks(, optional)?\)</li>', data)
    assert [(qid, href) for *_, qid, href, _, _, _ in exam] == [
        (q.id, f"quizzes/exam-practice.md#{q.id}") for q in quiz.questions]
    for (extra, marks, points, _, _, text, shown, optional), q in zip(exam, quiz.questions,
                                                                     strict=True):
        assert text_of(text) == question_topic(q)
        assert int(marks) == int(shown) == q.marks
        assert points.split() == [str(p.marks) for p in q.marking_points]
        assert int(extra) == (q.extra_credit.marks if q.extra_credit else 0)
        assert bool(optional) == q.beyond_syllabus
    mocks = re.findall(r'<li><a data-ipt-paper="([^"]+)" href="([^"]+)">(.*?)</a>(.*?)</li>',
                       data)
    paper = quiz.papers[0]
    assert mocks == [
        ("exam-practice/fx-paper", "quizzes/exam-practice/mock-paper.md",
         f"Mock paper: {paper.title}", f" ({paper.full_marks} marks, 1 hour)"),
        ("exam-practice/any_questions", "quizzes/exam-practice/mock-paper.md",
         "Mock paper: any four questions", ""),
    ]
    reread = re.findall(r'<a data-ipt-reread="([^"]+)" href="([^"]+)">', data)
    reviews = {p.review for q in quiz.questions for p in q.marking_points}
    assert sorted(href for _, href in reread) == sorted(reviews)  # one link per section
    tokens = {token: href for tokens, href in reread for token in tokens.split()}
    for question in quiz.questions:
        for i, point in enumerate(question.marking_points):
            assert tokens[f"w:{question.id}/{i}"] == point.review


@pytest.mark.parametrize(("prompt", "marks", "topic"), [
    ("Write a short note on the treatment contract in IPT.", 5,
     "Short note: the treatment contract in IPT"),
    ('Short note: IPT as a "dynamically informed" psychotherapy.', 5,
     'Short note: IPT as a "dynamically informed" psychotherapy'),
    ("Write a short note on the evidence for IPT in postpartum depression, and on what that "
     "evidence can and cannot show.", 5,
     "Short note: the evidence for IPT in postpartum depression"),
    ("Compare *IPT* with [cognitive therapy](../lessons/comparison.md).", 15,
     "Long answer: compare IPT with cognitive therapy"),
    # A case first: the task is the sentence that starts with a task word, up to its comma.
    ("Roshni, 24, moved to Patna. She cries when alone.\n\nDiscuss how an IPT therapist "
     "would plan and conduct her treatment, with reference to the three characteristics.", 15,
     "Long answer: discuss how an IPT therapist would plan and conduct her treatment"),
    ("Discuss how the time limit and the treatment contract keep IPT focused on here-and-now "
     "problems rather than on the past or the transference.", 15,
     "Long answer: discuss how the time limit and the treatment contract keep IPT focused on…"),
    ("Explain the interpersonal focus of IPT. Then show how its two foci guide treatment.", 4,
     "Question: explain the interpersonal focus of IPT"),
])
def test_a_written_question_is_named_by_its_topic(prompt: str, marks: int, topic: str) -> None:
    assert question_topic(_written("q", marks, prompt)) == topic


def _attrs(tag: str) -> dict[str, str]:
    return dict(re.findall(r'([\w-]+)="([^"]*)"', tag))


def test_the_mock_paper_sets_each_paper_then_the_rest_of_the_bank() -> None:
    """The paper in the university's layout (title, header, time and full marks computed, the
    instruction, groups with how many to answer), every question the exam page's block,
    numbered as printed, a short note by its topic; each question of the bank once on the page
    (the rest of the bank after the papers, for "any five"). Reread links work from the page."""
    quiz, pages = bank()
    page = site_html(render_mock_paper(quiz, pages))
    paper = quiz.papers[0]
    container = _attrs(re.search(r'<div class="ipt-paper"[^>]*>', page).group(0))
    assert container == {"class": "ipt-paper", "data-paper": f"exam-practice/{paper.id}",
                         "data-seconds": str(paper.minutes * 60),
                         "data-marks": str(paper.full_marks)}
    text = text_of(page)
    for line in (paper.title, paper.institution, paper.course, paper.general_instruction,
                 f"Time: 1 hour. Full marks: {paper.full_marks}.",
                 "Do not repeat material; where a point is already made, refer to it.",
                 "Draw a diagram where it helps & label it."):
        assert line in text
    assert "<em>diagram</em>" in page  # Markdown
    assert re.findall(r'<div class="ipt-paper-section" data-answer="(\d+)">', page) == [
        str(section.answer) for section in paper.sections]
    blocks = [_attrs(tag) for tag in re.findall(r'<div class="ipt-written"[^>]*>', page)]
    assert [b["data-question"] for b in blocks] == [q.id for q in paper.questions]
    assert [b["data-label"] for b in blocks] == [
        "question 1", "question 2 (a)", "question 2 (b)", "question 2 (c)"]
    assert [html.unescape(b["data-topic"]) for b in blocks] == [
        question_topic(q) for q in paper.questions]
    for number in ("1", "2 (a)", "2 (b)", "2 (c)"):
        assert f"Question {number} (" in text
    start = page.index('data-question="fx-contract"')
    contract = page[page.index(">", start) + 1:page.index('class="ipt-written"', start)]
    assert "The treatment contract in IPT" in text_of(contract)
    assert "Short note:" not in text_of(contract).split("5 marks.")[0], "the topic alone"
    for href in re.findall(r'<span class="ipt-reread">Reread: <a href="([^"]+)"', page):
        path, _, anchor = href.partition("#")
        target = posixpath.normpath(posixpath.join("quizzes/exam-practice", path))
        assert anchor in pages[target].anchors
    bank_tag = _attrs(re.search(r'<div class="ipt-bank"[^>]*>', page).group(0))
    assert bank_tag["data-paper"] == "exam-practice/any_questions"
    assert bank_tag["data-count"] == str(len(quiz.questions))  # fewer than five here
    assert bank_tag["data-seconds-per-mark"] == str(SECONDS_PER_MARK)
    # Without papers, every question is in the bank, each once, under its topic.
    alone = site_html(render_mock_paper(dataclasses.replace(quiz, papers=()), pages))
    assert re.findall(r'data-question="([^"]+)"', alone) == [q.id for q in quiz.questions]
    assert "ipt-paper" not in alone.replace("ipt-paper-", "")
    for question in quiz.questions:
        assert text_of(markdown.markdown(question.prompt)) in text_of(alone)
        assert question_topic(question) in text_of(alone)
    assert render_mock_paper(quiz, pages) == render_mock_paper(quiz, pages)


def test_data_only_on_the_pages_that_use_it() -> None:
    """The exam page and its mock paper carry their questions' identities, the home page every
    quiz's and My progress (their files: quizkit/assets.py, tests/test_assets.py)."""
    quiz, pages = bank()
    args = ([quiz], pages, [], True)
    exam = page_extras("# Exam", quiz.page_path, "quizzes/exam-practice/", *args)
    assert exam.count(data_script([quiz])) == 1  # the identities of its questions
    home = page_extras(f"# Home\n\n{PROGRESS_MARK}\n", "index.md", "", *args)
    assert home.count(data_script([quiz], every_quiz=True)) == 1
    assert 'href="print_page/"' in home and PROGRESS_MARK not in home
    offline = page_extras(f"{PROGRESS_MARK}\n", "index.md", "index.html", [quiz], pages, [], False)
    assert 'href="print_page.html"' in offline
    mock = page_extras("# Mock", quiz.paper_page_path, "quizzes/exam-practice/mock-paper/",
                       *args)
    assert mock.count(data_script([quiz])) == 1
    assert "<script src=" not in exam + home + mock and "<link" not in exam + home + mock
    lesson = "# Lesson\n\nText."
    assert page_extras(lesson, "lessons/time-limit.md", "lessons/time-limit/", *args) == lesson


# Gzipped bytes. exam.js carries the marking rule, partial credit and the timer; paper.js the
# mock paper; progress.js the self-checks (first try beside latest and best, "fixed on
# retake"), exam answers, mock papers, progress files, the home page's card, what is not
# started folded away and where "Continue" leads (on the home page only, so every lesson is
# lighter than with it in record.js).
@pytest.mark.parametrize(("name", "most"), [("exam.js", 7168), ("paper.js", 7168),
                                            ("progress.js", 9216)])
def test_scripts_are_small(name: str, most: int) -> None:
    import gzip

    source = (ROOT / "docs" / "assets" / "javascripts" / name).read_bytes()
    assert len(gzip.compress(source, 9)) < most


def test_style_is_small() -> None:
    import gzip

    source = (ROOT / "docs" / "assets" / "stylesheets" / "exam.css").read_bytes()
    assert len(gzip.compress(source, 9)) < 4096


# --- the papers' data (quizkit.model.Paper): what the handouts and a mock-paper view read ------


def _written(qid: str, marks: int, prompt: str = "Describe it.") -> Question:
    point = MarkingPoint("A point.", marks, "lessons/time-limit.md#the-treatment-contract")
    return Question(id=qid, objective="tl-contract", prompt=prompt, explanation="",
                    review="index.md", options=(), line=1, level="understand", marks=marks,
                    marking_points=(point,), outline="An outline.")


@pytest.mark.parametrize(("long_marks", "answer", "full", "minutes_allowed"), [
    (15, 4, 70, 180),   # 175 minutes at 2½ a mark: a 3-hour paper
    (15, 5, 85, 240),   # 212½ minutes: more than 3½ hours, so 4 hours
    (10, 1, 20, 60),
])
def test_a_papers_full_marks_and_time_are_computed(long_marks: int, answer: int, full: int,
                                                    minutes_allowed: int) -> None:
    long = tuple(_written(f"la-{n}", long_marks) for n in range(6))
    notes = tuple(_written(f"sn-{n}", 5, f"Write a short note on topic {n}.") for n in range(5))
    paper = Paper("p", "A paper", (PaperSection("Group A", answer, long),
                                   PaperSection("Group B", 2, notes, short_notes=True)))
    assert (paper.full_marks, paper.minutes) == (full, minutes_allowed)
    assert paper.questions == long + notes
    # Numbered as printed: one number per long question, one for the short notes.
    assert [(number, [q.id for q in qs]) for _, number, qs in paper.numbered()] == [
        *((str(n + 1), [f"la-{n}"]) for n in range(6)), ("7", [f"sn-{n}" for n in range(5)])]
    assert paper.sections[1].topics() == [f"Topic {n}" for n in range(5)]
    assert paper.sections[1].instruction == "Write short notes on any two of the following."
    words = {4: "four", 5: "five", 1: "one"}
    noun = "question" if answer == 1 else "questions"
    assert paper.general_instruction == (
        f"Answer {words[answer]} {noun} from Group A and two short notes from Group B.")


def test_a_section_whose_questions_are_all_answered_adds_their_marks() -> None:
    section = PaperSection("", 2, (_written("a", 10), _written("b", 5)))
    assert section.full_marks == 15 and section.instruction == "Answer all of the following."
    assert PaperSection("", 1, (_written("a", 10),)).instruction == (
        "Answer the following question.")
    assert PaperSection("", 3, tuple(_written(f"q{n}", 5) for n in range(8))).instruction == (
        "Answer any three of the following.")


def test_my_progress_names_self_check_questions_by_id() -> None:
    """Each self-check question is behind its review section's link as q:<id> (what the student
    saved is matched by identity, not by the question's place on its page)."""
    pages, _ = read_pages(ROOT / "docs")
    quizzes, problems = validate_quizzes(ROOT / "quizzes", pages)
    assert not problems
    data = site_html(progress_data(quizzes, pages, "index.md"))
    checks = re.findall(r'<a data-ipt-count="(\d+)" data-ipt-page="([^"]+)"', data)
    assert checks == [(str(len(q.questions)), q.page_path) for q in quizzes if not q.written]
    tokens = {token: href for tokens, href in re.findall(
        r'<a data-ipt-reread="([^"]+)" href="([^"]+)">', data) for token in tokens.split()}
    for quiz in quizzes:
        for question in ([] if quiz.written else quiz.questions):
            assert tokens.pop(f"q:{question.id}") == question.review
    assert all(token.startswith("w:") for token in tokens)
