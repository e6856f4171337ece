"""Printing: a lesson prints without site chrome, with whole tables and readable links, and
nothing cut off (one real PDF, read back); a quiz prints its questions and options as a blank
worksheet that reveals no answer."""

from __future__ import annotations

import io
import unicodedata

import pytest
from pypdf import PdfReader

from tests.browser.conftest import answer_all, open_context, quizzes_by_path
from tests.helpers import ROOT

pytestmark = pytest.mark.browser

# A4 portrait with the browser's default 1 cm margins, in CSS pixels (96 per inch).
PAPER = {"width": 718, "height": 1047}

CHROME = [".md-header", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
          ".md-footer", ".md-top", ".md-tabs"]

PRINTED_JS = """chrome => {
  const shown = e => {
    const s = getComputedStyle(e), r = e.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && r.width > 0 && r.height > 0;
  };
  const content = document.querySelector('.md-content').getBoundingClientRect();
  return {
    chrome: chrome.filter(sel => [...document.querySelectorAll(sel)].some(shown)),
    tables: [...document.querySelectorAll('.md-typeset table')].map(t => ({
      right: t.getBoundingClientRect().right, width: t.scrollWidth, room: content.right,
      box: t.parentElement.clientWidth})),
    links: [...document.querySelectorAll('.md-content a[href]')].filter(shown).map(a => ({
      href: a.getAttribute('href'),
      after: getComputedStyle(a, '::after').content,
      underline: getComputedStyle(a).textDecorationLine,
      color: getComputedStyle(a).color, text: getComputedStyle(a.parentElement).color})),
  };
}"""


def _print_view(browser, site_url: str, path: str, answer: bool = False):
    context = open_context(browser, base=site_url, viewport=PAPER)
    page = context.new_page()
    page.goto(f"{site_url}/{path}")
    if answer:  # marks, feedback, explanations: all must stay off the worksheet
        answer_all(page, quizzes_by_path()[path], right=lambda n: n % 2 == 0)
    page.emulate_media(media="print")
    return context, page


def test_lesson_prints_clean(browser, site_url: str, lesson_path: str) -> None:
    """No navigation, search or footer; tables within the paper; links underlined in the text
    colour, with the address printed after links to other sites."""
    context, page = _print_view(browser, site_url, lesson_path)
    try:
        printed = page.evaluate(PRINTED_JS, CHROME)
        assert printed["chrome"] == []
        for table in printed["tables"]:
            assert table["right"] <= PAPER["width"] + 1, table
            assert table["width"] <= table["box"] + 1, table
        for link in printed["links"]:
            assert link["underline"] == "underline" and link["color"] == link["text"], link
            if link["href"].startswith("http"):
                assert link["href"] in link["after"], link
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


LESSON_TEXT_JS = """() => ({
  title: document.querySelector('.md-content h1').textContent,
  headings: [...document.querySelectorAll('.md-content h2')].map(h => h.textContent),
  last: [...document.querySelector('.md-content article').children]
      .filter(e => e.getBoundingClientRect().height > 0 && e.textContent.trim()).pop().textContent,
})"""


def _words(text: str) -> str:
    """Text as a PDF reader gives it back, comparable: ligatures split, whitespace collapsed,
    Material's heading permalinks ("¶") dropped."""
    return " ".join(unicodedata.normalize("NFKC", text).replace("¶", " ").split())


def test_longest_lesson_prints_whole(browser, site_url: str) -> None:
    """The real printout (one PDF, A4, of the longest lesson, read back with a PDF reader):
    several pages, the title on the first, every section heading, and the end of the text on the
    last page: nothing is cut off by the print stylesheet."""
    lessons = sorted(ROOT.glob("docs/lessons/*.md"), key=lambda p: p.stat().st_size)
    longest = f"lessons/{lessons[-1].stem}/"
    context, page = _print_view(browser, site_url, longest)
    try:
        expected = page.evaluate(LESSON_TEXT_JS)
        pdf = page.pdf(format="A4", print_background=False)
    finally:
        context.close()
    pages = [_words(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert len(pages) >= 2, f"{longest} printed on {len(pages)} page(s)"
    assert _words(expected["title"]) in pages[0]
    everything = " ".join(pages)
    for heading in expected["headings"]:
        assert _words(heading) in everything, heading
    assert _words(expected["last"])[-60:] in pages[-1]
    assert context.traffic.foreign == [], "requests to other hosts"


WORKSHEET_JS = """() => [...document.querySelectorAll('.quiz')].map(q => {
  const shown = e => getComputedStyle(e).display !== 'none' && e.getBoundingClientRect().height > 0;
  const labels = [...q.querySelectorAll('fieldset label')];
  const look = e => { const s = getComputedStyle(e);
    return [s.color, s.fontWeight, s.textDecorationLine].join('|'); };
  const inputs = [...q.querySelectorAll('input')];
  return {
    id: q.id,
    question: shown(q.querySelector('.quiz-question')),
    options: labels.filter(shown).length, total: labels.length,
    looks: [...new Set(labels.map(look))].length,
    drawnEmpty: inputs.every(i => i.type === 'text'
        ? getComputedStyle(i).color === 'rgba(0, 0, 0, 0)'
          && getComputedStyle(i, '::placeholder').color === 'rgba(0, 0, 0, 0)'
        : getComputedStyle(i).appearance === 'none'),
    revealed: [...q.querySelectorAll(
        '.quiz-feedback, .answer-feedback, section.content, button, .quiz-header-link')]
        .filter(shown).map(e => e.className || e.tagName),
  };
})"""


def test_quiz_prints_as_worksheet(browser, site_url: str, quiz_path: str) -> None:
    """Even after answering (right and wrong), the printout shows every question and option,
    all options alike, boxes and blanks empty, and no feedback, explanation or button."""
    context, page = _print_view(browser, site_url, quiz_path, answer=True)
    try:
        for question in page.evaluate(WORKSHEET_JS):
            assert question["question"] and question["options"] == question["total"], question
            assert question["looks"] <= 1 and question["drawnEmpty"], question
            assert question["revealed"] == [], question
        hidden = page.evaluate("""() => ['.quiz-intro', '#quiz-results', '.md-header',
            '.md-sidebar--primary'].filter(s => { const e = document.querySelector(s);
            return e && getComputedStyle(e).display !== 'none'; })""")
        assert hidden == []
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
