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

from quizkit.model import Quiz
from quizkit.pages import Page, read_pages
from quizkit.siteconfig import read_site_config
from quizkit.validate import validate_file
from quizkit.written import (
    PROGRESS_MARK,
    SECONDS_PER_MARK,
    WORDS_PER_MARK,
    add_revision_sheet,
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
            f"Question {number} ({question.marks} marks)")
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


@pytest.mark.parametrize(("marks", "shown"), [(1, "2½ minutes"), (4, "10 minutes"),
                                              (5, "12½ minutes"), (10, "25 minutes")])
def test_time_at_the_examination_pace(marks: int, shown: str) -> None:
    assert minutes(marks) == shown


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
    home = page_extras(f"# Home\n\n{PROGRESS_MARK}\n", "index.md", "", *args)
    assert '<script src="assets/javascripts/progress.js" defer></script>' in home
    assert 'href="print_page/"' in home and PROGRESS_MARK not in home
    offline = page_extras(f"{PROGRESS_MARK}\n", "index.md", "index.html", [quiz], pages, [], False)
    assert 'href="print_page.html"' in offline
    lesson = "# Lesson\n\nText."
    assert page_extras(lesson, "lessons/time-limit.md", "lessons/time-limit/", *args) == lesson


@pytest.mark.parametrize("name", ["exam.js", "progress.js"])
def test_scripts_are_small(name: str) -> None:
    import gzip

    source = (ROOT / "docs" / "assets" / "javascripts" / name).read_bytes()
    assert len(gzip.compress(source, 9)) < 4096


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
