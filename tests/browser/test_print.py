"""Printing: a lesson prints without site chrome, with whole tables and readable links, and
nothing cut off (one real PDF, read back); a quiz prints its questions and options as a blank
worksheet that reveals no answer; the whole unit on one page has its title and print buttons,
and its revision sheet, two taps from the home page, prints alone (another real PDF)."""

from __future__ import annotations

import io
import unicodedata

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from tests.browser.conftest import PHONE, answer_all, open_context, quizzes_by_path
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
      href: a.getAttribute('href'), shows: a.textContent,
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
    colour, with the address printed after links to other sites (once: not after a DOI that
    is its own link text)."""
    context, page = _print_view(browser, site_url, lesson_path)
    try:
        printed = page.evaluate(PRINTED_JS, CHROME)
        assert printed["chrome"] == []
        for table in printed["tables"]:
            assert table["right"] <= PAPER["width"] + 1, table
            assert table["width"] <= table["box"] + 1, table
        for link in printed["links"]:
            assert link["underline"] == "underline" and link["color"] == link["text"], link
            if link["href"].startswith("http"):  # printed after it, unless it is the text
                assert link["href"] in link["after"] or link["shows"] == link["href"], link
                assert link["href"] not in link["after"] or link["shows"] != link["href"], link
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


# --- The night before: the whole unit on one page, and its revision sheet (S4) ----------------

# Installed before the page's scripts: window.print() records what would print (the whole unit,
# or the sheet alone) instead of opening the browser's dialog.
RECORD_PRINT = """window.print = () => { (window.__printed = window.__printed || []).push(
  document.body.classList.contains('ipt-print-sheet') ? 'sheet' : 'all'); };"""

SEEN_JS = """sel => { const e = document.querySelector(sel); if (!e) return null;
  const r = e.getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, width: r.width, height: r.height,
          shown: getComputedStyle(e).display !== 'none' && r.height > 0}; }"""


def test_revision_sheet_two_taps_from_home(browser, site_url: str) -> None:
    """On a phone: the home page's "just the revision sheet" link opens the sheet on screen,
    with its print button in view; that button prints the sheet alone: its title first, every
    lesson's key points, no lesson text, a few pages, nothing else (the real PDF, read back)."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           has_touch=True)
    context.add_init_script(script=RECORD_PRINT)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/")
        page.locator(".md-content").get_by_role("link", name="just the revision sheet",
                                                exact=True).first.click()
        page.wait_for_url("**/print_page/#revision-sheet")
        button = page.locator("#revision-sheet").get_by_role(
            "button", name="Print just the revision sheet")
        expect(button).to_be_in_viewport()
        box = button.bounding_box()
        assert box["height"] >= 44 and box["width"] >= 44, box
        button.click()
        assert page.evaluate("window.__printed") == ["sheet"]
        titles = page.locator("#revision-sheet h2").all_inner_texts()
        pdf = page.pdf(format="A4")
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
    # (Each page starts with its number, "Page 1": mkdocs-print-site-plugin's page footer.)
    pages = [_words(p.extract_text()) for p in PdfReader(io.BytesIO(pdf)).pages]
    assert pages[0].startswith("Page 1 Revision sheet: the key points of every lesson"), (
        pages[0][:80])
    everything = " ".join(pages)
    assert len(titles) >= 6 and all(_words(title) in everything for title in titles)
    assert "In this lesson you will" not in everything and "Contents" not in everything
    assert "Print just the revision sheet" not in everything
    assert len(pages) <= 5, len(pages)


def test_whole_unit_page_title_buttons_and_paper(browser, site_url: str) -> None:
    """The whole unit on a phone starts with its title, what it holds, a Print / Save as PDF
    button (44 px, it prints the whole unit) and a line on saving a PDF on Android; the
    contents list the revision sheet. On paper: no button or how-to line, no faculty page,
    body text of about 11 pt."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           has_touch=True)
    context.add_init_script(script=RECORD_PRINT)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/print_page/")
        title = page.evaluate(SEEN_JS, ".ipt-print-intro h1")
        assert title["shown"] and title["top"] < PHONE["height"] / 2, title
        assert "the whole unit" in page.locator(".ipt-print-intro h1").inner_text()
        button = page.get_by_role("button", name="Print / Save as PDF")
        expect(button).to_be_in_viewport()
        assert button.bounding_box()["height"] >= 44
        assert "Android" in page.locator(".ipt-print-how").inner_text()
        contents = page.locator("#print-page-toc").get_by_role("link").all_inner_texts()
        assert contents[-1].startswith("Revision sheet"), contents
        button.click()
        assert page.evaluate("window.__printed") == ["all"]

        page.emulate_media(media="print")
        printed = page.evaluate("""() => ({
          buttons: [...document.querySelectorAll('.md-content .md-button, .ipt-print-how')]
            .filter(e => getComputedStyle(e).display !== 'none' && e.offsetParent !== null)
            .map(e => e.textContent.trim()),
          faculty: [...document.querySelectorAll('#print-site-page h1')]
            .filter(h => /faculty/i.test(h.textContent)).length,
          px: parseFloat(getComputedStyle(document.querySelector(
            '#print-site-page section[id^="lessons-"] p')).fontSize),
        })""")
        assert printed["buttons"] == [] and printed["faculty"] == 0, printed
        assert 14.5 <= printed["px"] <= 15.5, printed  # 11 pt is 14.7 px
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
