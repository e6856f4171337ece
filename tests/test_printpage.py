"""The printable unit's finishing (quizkit/printpage.py), on a page shaped as
mkdocs-print-site-plugin writes it: a title and print buttons with the contents, the revision
sheet after the lessons, the sheet in the contents; nothing doubled, nothing else changed.
(The real page, printed: tests/browser/test_print.py.)"""

from __future__ import annotations

import html.parser
import re
from pathlib import Path

from quizkit.printpage import REVISION_ID, finish_print_page, read, without_ids
from quizkit.siteconfig import nav_pages, read_site_config
from tests.helpers import ROOT

TOC = """<nav class="md-nav md-nav--secondary"><ul class="md-nav__list" data-md-component="toc">
<li class="md-nav__item"><a href="#lessons-a" class="md-nav__link">Lesson A</a></li>
</ul></nav>"""
PRINT_PAGE = """<html><head><script>if (a < b && c > d) {}</script></head><body>""" + TOC + """
<div id="print-site-page"><section class="print-page"><div id="print-page-toc"></div></section>
<section class="print-page" id="lessons-a" heading-number="1"><h1 id="lessons-a-x">Lesson A<a
 class="headerlink" href="#lessons-a-x">&para;</a></h1><p>Body.<br>More.</p>
<h2 id="lessons-a-key-points">Key points</h2>
<ul><li id="lessons-a-p">First <a href="#lessons-a-x">point</a>&nbsp;&amp; more.</li></ul>
<h2 id="lessons-a-references">References</h2><p>Not a key point.</p></section>
<section class="print-page" id="lessons-b" heading-number="2"><h1 id="lessons-b-y">Lesson B</h1>
<h2 id="lessons-b-key-points">Key points</h2><ol><li>Last.</li></ol></section>
<section class="print-page" id="lessons-c"><h1>Lesson C, no key points</h1></section>
</div></body></html>"""


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []
        self.ids: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.ids += [v for k, v in attrs if k == "id"]

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _read(fragment: str) -> _Text:
    reader = _Text()
    reader.feed(fragment)
    return reader


def _text(fragment: str) -> str:
    return " ".join("".join(_read(fragment).parts).split())


def test_revision_sheet_title_buttons_and_contents() -> None:
    page, lessons = finish_print_page(PRINT_PAGE, "The whole unit")
    assert lessons == 2
    start = page.index(f'<section class="print-page" id="{REVISION_ID}">')
    sheet = page[start:page.index("</section>", start) + len("</section>")]
    assert page[start + len(sheet):].startswith("\n</div></body>"), "after the last lesson"
    assert _text(sheet) == ("Revision sheet: the key points of every lesson Print just the "
                            "revision sheet Lesson A First point & more. Lesson B Last.")
    assert '<a href="#lessons-a-x">point</a>' in sheet, "links inside the page still work"
    ids = _read(page).ids
    assert len(ids) == len(set(ids)), "no id doubled"
    # The title, what the page is, and the buttons, in the contents' section (one paper page).
    intro = page[page.index('<section class="print-page">'):page.index('id="print-page-toc"')]
    assert _text(intro).startswith("The whole unit Every lesson of the unit in order")
    assert 'data-ipt-print="all"' in intro and 'data-ipt-print="sheet"' in intro
    assert "Android" in _text(intro) and "data-ipt-waiting" in intro  # JavaScript shows them
    toc = page[page.index('data-md-component="toc"'):page.index("</ul>")]
    assert f'href="#{REVISION_ID}"' in toc and toc.index("#lessons-a") < toc.index(REVISION_ID)
    # Nothing else changed: the page minus what was inserted is the page as it came.
    assert page.count("<script>if (a < b && c > d) {}</script>") == 1


def test_a_page_without_key_points_is_left_alone() -> None:
    for page in ("<p>No lessons</p>", PRINT_PAGE.replace("key-points", "summary")):
        assert finish_print_page(page, "Title") == (page, 0)


def test_elements_and_their_places() -> None:
    """read() pairs every element with its end, void elements and an unclosed one included."""
    text = '<div id="a"><p>One<br>two</p><img src="x"><p>Three</div><span>After</span>'
    root = read(text)
    div, span = root.children
    assert text[div.start:div.end] == '<div id="a"><p>One<br>two</p><img src="x"><p>Three</div>'
    assert [c.tag for c in div.children] == ["p", "img", "p"]
    assert text[div.children[2].inner:div.children[2].close] == "Three"
    assert text[span.inner:span.close] == "After"
    assert without_ids(text).startswith("<div><p>One")
    assert without_ids('<a id="x" href="a&amp;b" title="&quot;q&quot;">') == (
        '<a href="a&amp;b" title="&quot;q&quot;">')


def test_the_real_printable_unit_holds_the_lessons_and_the_revision_sheet_only(
        built_site: Path) -> None:
    """What a student prints the night before: every lesson, in the menu's order, then the
    revision sheet; no page to use rather than read (Revise, a self-check, the home page) and
    none of their scripts, which would also be files the page loads for nothing."""
    page = (built_site / "print_page" / "index.html").read_text(encoding="utf-8")
    sections = re.findall(r'<section class="print-page" id="([^"]+)"', page)
    lessons = [path.removesuffix(".md").replace("/", "-") for path in nav_pages(
        read_site_config(ROOT / "mkdocs.yml").get("nav", [])) if path.startswith("lessons/")]
    assert sections == [*lessons, REVISION_ID], sections
    for script in ("revise.js", "schedule.js", "quiz.js", "progress.js"):
        assert script not in page, script
    # The contents are in the page as it comes (not copied in at load, which pushed the first
    # lesson down on a phone): every lesson and the sheet, and no call left to copy them again.
    box = page[page.index('id="print-page-toc"'):page.index(f'id="{sections[0]}"')]
    assert [f"#{section}" for section in sections] == re.findall(r'href="(#[^"]+)"', box)
    assert "generate_toc();" not in page
