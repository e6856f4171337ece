"""The exam-practice page (quizkit/written.py) and the home page's My progress data, from the
fixture bank tests/fixtures/written/exam-practice.yml, rendered with the site's own Markdown
extensions (read from mkdocs.yml) as MkDocs renders them."""

from __future__ import annotations

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
    PROGRESS_MARK,
    SECONDS_PER_MARK,
    WORDS_PER_MARK,
    add_revision_sheet,
    attr,
    minutes,
    page_extras,
    progress_data,
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


def test_the_page_is_the_same_every_build() -> None:
    quiz, pages = bank()
    assert render_written(quiz, pages) == render_written(quiz, pages)


@pytest.mark.parametrize(("marks", "shown"), [(1, "2½ minutes"), (4, "10 minutes"),
                                              (5, "12½ minutes"), (10, "25 minutes")])
def test_time_at_the_examination_pace(marks: int, shown: str) -> None:
    assert minutes(marks) == shown


def test_attribute_values_are_escaped() -> None:
    assert attr('a" onmouseover="x & <y>') == "a&quot; onmouseover=&quot;x &amp; &lt;y&gt;"


def test_my_progress_lists_each_question_and_each_section_once() -> None:
    quiz, pages = bank()
    data = site_html(progress_data([quiz], pages, "index.md"))
    exam = re.findall(r'<a data-ipt-points="([\d ]+)" data-ipt-written="([^"]+)" '
                      r'href="([^"]+)">(.*?)</a>', data)
    assert [(qid, href) for _, qid, href, _ in exam] == [
        (q.id, f"quizzes/exam-practice.md#{q.id}") for q in quiz.questions]
    reread = re.findall(r'<a data-ipt-reread="([^"]+)" href="([^"]+)">', data)
    reviews = {p.review for q in quiz.questions for p in q.marking_points}
    assert sorted(href for _, href in reread) == sorted(reviews)  # one link per section
    tokens = {token: href for tokens, href in reread for token in tokens.split()}
    for question in quiz.questions:
        for i, point in enumerate(question.marking_points):
            assert tokens[f"w:{question.id}/{i}"] == point.review


def test_assets_only_on_the_pages_that_use_them() -> None:
    quiz, pages = bank()
    args = ([quiz], pages, [], True)
    exam = page_extras("# Exam", quiz.page_path, "quizzes/exam-practice/", *args)
    assert '<script src="../../assets/javascripts/exam.js" defer></script>' in exam
    assert '<link rel="stylesheet" href="../../assets/stylesheets/exam.css">' in exam
    assert exam.count(data_script([quiz])) == 1  # the identities of its questions
    home = page_extras(f"# Home\n\n{PROGRESS_MARK}\n", "index.md", "", *args)
    assert '<script src="assets/javascripts/progress.js" defer></script>' in home
    assert home.count(data_script([quiz], every_quiz=True)) == 1
    assert 'href="print_page/"' in home and PROGRESS_MARK not in home
    offline = page_extras(f"{PROGRESS_MARK}\n", "index.md", "index.html", [quiz], pages, [], False)
    assert 'href="print_page.html"' in offline
    lesson = "# Lesson\n\nText."
    assert page_extras(lesson, "lessons/time-limit.md", "lessons/time-limit/", *args) == lesson


# progress.js also fills the home page's card, folds what is not started, keeps "fixed on
# retake" sections apart and works out where "Continue" leads (student walk-through 2, S2, S9,
# S12; on the home page only, so every lesson is lighter than with it in record.js): 7.2 KB
# gzipped, comments and all.
@pytest.mark.parametrize(("name", "budget"), [("exam.js", 4096), ("progress.js", 8192)])
def test_scripts_are_small(name: str, budget: int) -> None:
    import gzip

    source = (ROOT / "docs" / "assets" / "javascripts" / name).read_bytes()
    assert len(gzip.compress(source, 9)) < budget


def test_style_is_small() -> None:
    import gzip

    source = (ROOT / "docs" / "assets" / "stylesheets" / "exam.css").read_bytes()
    assert len(gzip.compress(source, 9)) < 4096


PRINT_PAGE = """<div id="print-site-page"><section class="print-page"><h1>Contents</h1></section>
<section class="print-page" id="lessons-a" heading-number="1"><h1 id="lessons-a-x">Lesson A<a
 class="headerlink" href="#lessons-a-x">&para;</a></h1><p>Body.</p>
<h2 id="lessons-a-key-points">Key points</h2>
<ul><li id="lessons-a-p">First <a href="#lessons-a-x">point</a>.</li></ul>
<h2 id="lessons-a-references">References</h2><p>Not a key point.</p></section>
<section class="print-page" id="lessons-b" heading-number="2"><h1 id="lessons-b-y">Lesson B</h1>
<h2 id="lessons-b-key-points">Key points</h2><ol><li>Last.</li></ol></section>
<section class="print-page" id="lessons-c"><h1>Lesson C, no key points</h1></section>
</div>"""


def test_revision_sheet_ends_the_printable_unit() -> None:
    page, lessons = add_revision_sheet(PRINT_PAGE)
    assert lessons == 2
    sheet = page[page.index('<section class="print-page" id="revision-sheet">'):]
    assert sheet.endswith("</section>\n</div>"), "after the last lesson, inside the print page"
    assert text_of(sheet) == ("Revision sheet: the key points of every lesson Lesson A "
                              "First point. Lesson B Last.")
    assert 'id="lessons-a-p"' not in sheet, "copied ids would be doubled"
    assert '<a href="#lessons-a-x">point</a>' in sheet, "links inside the page still work"
    assert add_revision_sheet("<p>No lessons</p>") == ("<p>No lessons</p>", 0)


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
