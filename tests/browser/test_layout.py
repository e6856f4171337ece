"""Phones: at 360×740 no page scrolls sideways (quiz pages also with feedback shown), tables and
boxes stay readable (tables a student reads as cards, even at 125 % text), fill-in blanks look
like places to type, a definition near the bottom of the screen stays on it, long addresses
wrap, "Back to top" keeps out of the text. (The light/dark toggle is checked in
test_privacy.py's one visit per page and test_header.py.)"""

from __future__ import annotations

import pytest

from quizkit.model import FILL_IN
from tests.browser.conftest import (
    PHONE,
    answer_all,
    axe_in_both_palettes,
    open_context,
    page_kind,
    quizzes_by_path,
    show_palette,
)

pytestmark = pytest.mark.browser

MIN_TABLE_FONT_PX = 14  # smaller than this is hard to read on a phone

OVERFLOW_JS = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [...document.querySelectorAll('body *')].filter(e => {
    const r = e.getBoundingClientRect();
    if (r.width === 0 || r.height === 0) return false;
    for (let p = e.parentElement; p; p = p.parentElement) {   // inside a scroll box is fine
      const o = getComputedStyle(p).overflowX;
      if (o === 'auto' || o === 'scroll' || o === 'hidden') return false;
    }
    return r.right > width + 1 || r.left < -1;
  }).slice(0, 5).map(e => e.tagName + '.' + e.className);
  return {scroll: document.documentElement.scrollWidth, width, wide};
}"""

TABLES_JS = """() => {
  const ctx = document.createElement('canvas').getContext('2d');
  // A cell is cramped when a word in it is wider than the cell's text box: the word breaks.
  const cramped = c => {
    const s = getComputedStyle(c);
    ctx.font = s.font;
    const room = c.clientWidth - parseFloat(s.paddingLeft) - parseFloat(s.paddingRight);
    const words = c.textContent.split(/\\s+/).filter(Boolean);
    return words.some(w => ctx.measureText(w).width > room + 1);
  };
  return [...document.querySelectorAll('.md-typeset table')].map(t => {
    const cells = [...t.querySelectorAll('th, td')];
    const box = t.closest('.md-typeset__scrollwrap') || t.parentElement;
    const r = box.getBoundingClientRect();
    return {
      font: Math.min(...cells.map(c => parseFloat(getComputedStyle(c).fontSize))),
      cramped: cells.filter(cramped).map(c => c.textContent.trim().slice(0, 40)),
      clipped: cells.filter(c => c.scrollWidth > c.clientWidth + 1).length,
      boxInside: r.left >= -1 && r.right <= document.documentElement.clientWidth + 1,
      fits: t.getBoundingClientRect().width <= r.width + 1,
      scrollable: ['auto', 'scroll'].includes(getComputedStyle(box).overflowX),
    };
  });
}"""


def test_phone_no_sideways_scroll(browser, site_url: str, page_path: str) -> None:
    """At 360×740, the page is never wider than the screen; tables are readable."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           has_touch=True, device_scale_factor=2)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{page_path}")
        states = {"as loaded": page.evaluate(OVERFLOW_JS)}
        if page_kind(page_path) == "quiz":
            # feedback boxes and badges, right and wrong
            answer_all(page, quizzes_by_path()[page_path], right=lambda n: n % 2 == 1)
            states["answered"] = page.evaluate(OVERFLOW_JS)
        for state, found in states.items():
            assert found["scroll"] <= found["width"] and not found["wide"], (state, found)
        for table in page.evaluate(TABLES_JS):
            assert table["font"] >= MIN_TABLE_FONT_PX, table
            assert table["cramped"] == [], table
            assert table["clipped"] == 0 and table["boxInside"], table
            assert table["fits"] or table["scrollable"], table
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


# The reviewer's 125 % text: Material's root size (125 % of the browser's) made 25 % larger.
LARGER_TEXT = "() => { document.documentElement.style.fontSize = '156.25%'; }"

CARDS_JS = """() => [...document.querySelectorAll('.md-typeset table')].map(t => {
  const width = document.documentElement.clientWidth;
  const cells = [...t.querySelectorAll('td')];
  return {
    cards: t.hasAttribute('data-ipt-cards') && getComputedStyle(t).display === 'block',
    font: Math.min(...cells.map(c => parseFloat(getComputedStyle(c).fontSize))),
    outside: cells.filter(c => { const r = c.getBoundingClientRect();
      return r.left < -1 || r.right > width + 1 || c.scrollWidth > c.clientWidth + 1; })
      .map(c => c.textContent.trim().slice(0, 30)),
    labelled: cells.filter(c => getComputedStyle(c, '::before').content
      === '"' + c.dataset.label + ': "').length,
    cells: cells.length,
  };
})"""


@pytest.mark.parametrize("path", ["lessons/comparison/", ""])
def test_tables_are_cards_at_larger_text(browser, site_url: str, path: str) -> None:
    """At 360 px with the text 25 % larger, the comparison lesson's table (IPT, cognitive and
    analytic therapy side by side, the one the "compare" question needs) and the home page's
    learning path are cards: every cell on the screen, whole, at 15 px or more, with its
    column's name."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{path}")
        page.evaluate(LARGER_TEXT)
        tables = page.evaluate(CARDS_JS)
        assert tables, "the page has a table"
        for table in tables:
            assert table["cards"] and table["outside"] == [], table
            assert table["font"] >= 15 and table["labelled"] == table["cells"], table
        assert page.evaluate(OVERFLOW_JS)["wide"] == []
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


BLANKS_JS = """() => {
  const rgb = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  const over = (fg, bg) => { const [r, g, b, a = 1] = rgb(fg), back = rgb(bg);
    return [r, g, b].map((v, i) => v * a + back[i] * (1 - a)); };
  const ratio = (a, b) => { const [l1, l2] = [lum(a), lum(b)].sort((x, y) => y - x);
    return (l1 + 0.05) / (l2 + 0.05); };
  const page = getComputedStyle(document.querySelector('.quiz')).backgroundColor;
  const bg = rgb(page).length === 4 && rgb(page)[3] === 0
    ? getComputedStyle(document.body).backgroundColor : page;
  return [...document.querySelectorAll('.quiz')].filter(q => q.querySelector('.quiz-blank-input'))
    .map(q => {
      const inputs = [...q.querySelectorAll('.quiz-blank-input')];
      return {id: q.id, blanks: inputs.map(i => {
        const s = getComputedStyle(i), r = i.getBoundingClientRect();
        // The sentence's own text just after the blank: on the blank's line, within its box.
        const range = document.createRange();
        const next = i.nextSibling;
        let after = null;
        if (next && next.nodeType === 3 && next.textContent.trim()) {
          range.setStart(next, next.textContent.search(/\\S/));
          range.setEnd(next, next.textContent.search(/\\S/) + 1);
          const t = range.getBoundingClientRect();
          // (Unless the line wraps right after the blank.)
          if (t.left >= r.right - 1) after = t.top >= r.top - 1 && t.bottom <= r.bottom + 1;
        }
        return {
          sides: ['Top', 'Right', 'Bottom', 'Left'].every(side => s['border' + side + 'Style']
            === 'solid' && parseFloat(s['border' + side + 'Width']) >= 1),
          contrast: ratio(over(s.borderTopColor, bg), rgb(bg)),
          filled: s.backgroundColor !== bg && rgb(s.backgroundColor)[3] !== 0,
          numeric: i.inputMode === 'numeric', width: r.width, top: r.top, after,
          height: r.height,
        };
      })};
    });
}"""


def test_blanks_look_like_fields(browser, site_url: str) -> None:
    """Every fill-in blank on a phone is a field, in both palettes: a light fill and a 1 px
    border all round, the border at least 3:1 against the page; the sentence's next word sits
    on the blank's line; a number's blank is narrow and a word's wider, so the two blanks of
    one question share a line (never two rules) and a blank is at least 44 px tall to tap."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           has_touch=True, color_scheme="light")
    found = []
    try:
        page = context.new_page()
        for path, quiz in quizzes_by_path().items():
            if not any(q.kind == FILL_IN for q in quiz.questions):
                continue
            page.goto(f"{site_url}/{path}")
            for scheme in ("default", "slate"):
                show_palette(page, scheme)
                found += [{**question, "palette": scheme}
                          for question in page.evaluate(BLANKS_JS)]
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
    assert found, "the quizzes have fill-in questions"
    for question in found:
        for blank in question["blanks"]:
            assert blank["sides"] and blank["filled"] and blank["contrast"] >= 3, question
            assert blank["after"] in (None, True) and blank["height"] >= 44, question
            assert blank["width"] <= (80 if blank["numeric"] else 200), question
        if len(question["blanks"]) > 1 and all(b["numeric"] for b in question["blanks"]):
            assert len({round(b["top"]) for b in question["blanks"]}) == 1, question


def test_phone_layouts_pass_axe(browser, site_url: str) -> None:
    """What only a phone shows passes axe-core, in both palettes: tables as cards (home page,
    comparison lesson), fill-in fields (a self-check with two number blanks), the whole unit's
    title and print buttons. (Every page at desktop width: test_accessibility.py.)"""
    context = open_context(browser, base=site_url, axe=True, viewport=PHONE, is_mobile=True,
                           color_scheme="light", reduced_motion="reduce")
    found = {}
    try:
        page = context.new_page()
        for path in ("", "lessons/comparison/", "quizzes/time-limit/", "print_page/"):
            page.goto(f"{site_url}/{path}")
            within = [".ipt-print-intro", "#revision-sheet"] if path == "print_page/" else None
            for scheme, lines in axe_in_both_palettes(page, within).items():
                found[f"{path or 'home'}, {scheme}"] = lines
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
    assert len(found) == 8 and {where: lines for where, lines in found.items() if lines} == {}


TOOLTIP_JS = """() => { const t = document.querySelector('.md-tooltip2--active');
  if (!t) return null;
  const r = t.querySelector('.md-tooltip2__inner').getBoundingClientRect();
  return {top: r.top, bottom: r.bottom, height: innerHeight,
          px: parseFloat(getComputedStyle(t.querySelector('.md-tooltip2__inner')).fontSize)}; }"""


def test_definition_near_the_bottom_stays_on_screen(browser, site_url: str) -> None:
    """A glossary term tapped on the last line of the screen shows its definition above it,
    whole and at 14 px; and a long address (a DOI) in the references wraps inside the
    screen."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/lessons/transference/")
        term = page.locator(".md-content abbr:visible").nth(2)
        term.evaluate("e => window.scrollBy(0, e.getBoundingClientRect().bottom - innerHeight "
                      "+ 8)")  # the term's line at the foot of the screen
        term.click()
        page.locator(".md-tooltip2--active").wait_for()
        page.wait_for_function(f"() => ({TOOLTIP_JS})().bottom <= innerHeight")
        shown = page.evaluate(TOOLTIP_JS)
        assert shown["top"] >= 0 and shown["px"] >= 14, shown

        page.goto(f"{site_url}/references/")
        widths = page.evaluate("""() => [...document.querySelectorAll('a.ipt-url')].map(a =>
            [...a.getClientRects()].every(r => r.right <= document.documentElement.clientWidth))""")
        assert widths and all(widths)
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


MIN_BOX_TEXT_PX = 15  # objectives, cases, misconceptions: teaching text, not footnotes
MIN_TITLE_CONTRAST = 7.0  # a page title is the strongest text on the page (AAA for body text)

READING_JS = """() => {
  const rgba = c => (c.match(/[\\d.]+/g) || []).map(Number);
  const lum = ([r, g, b]) => {
    const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
  };
  let bg = [255, 255, 255];
  for (const e of [document.body, document.querySelector('.md-main')]) {
    const c = rgba(getComputedStyle(e).backgroundColor);
    if (c.length === 3 || c[3] > 0) bg = c.slice(0, 3);
  }
  const h1 = document.querySelector('article h1');
  const s = getComputedStyle(h1);
  const [r, g, b, a = 1] = rgba(s.color);
  const fg = [r, g, b].map((v, i) => v * a + bg[i] * (1 - a));
  const [l1, l2] = [lum(fg), lum(bg)].sort((x, y) => y - x);
  const boxText = [...document.querySelectorAll(
      'article .admonition p, article .admonition li, article details p, article details li')]
    .filter(e => e.textContent.trim())
    .map(e => ({text: e.textContent.trim().slice(0, 40),
                px: parseFloat(getComputedStyle(e).fontSize)}));
  const underline = e => getComputedStyle(e).borderBottomStyle;
  const terms = [...document.querySelectorAll('article abbr[title]')];
  return {titleWeight: Number(s.fontWeight), titleContrast: (l1 + 0.05) / (l2 + 0.05), boxText,
          iptLines: terms.filter(e => e.textContent === 'IPT').map(underline),
          termLines: terms.filter(e => e.textContent !== 'IPT').map(underline)};
}"""


def test_phone_reading_sizes(browser, site_url: str, lesson_path: str) -> None:
    """At 360 px every box's text is at least 15 px; the page title is bold and dark (light
    in the dark palette), not Material's pale light-weight grey; "IPT" is not underlined.
    Both palettes (the header's toggle, same visit)."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           color_scheme="light")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{lesson_path}")
        for scheme in ("default", "slate"):
            show_palette(page, scheme)
            found = page.evaluate(READING_JS)
            assert found["boxText"], "a lesson has boxes (at least its objectives)"
            small = [b for b in found["boxText"] if b["px"] < MIN_BOX_TEXT_PX]
            assert small == [], (scheme, small[:3])
            assert found["titleWeight"] >= 600, (scheme, found)
            assert found["titleContrast"] >= MIN_TITLE_CONTRAST, (scheme, found)
            # "IPT", on every line of a module about it, has no dotted line; other terms keep
            # one (it says "tap for the definition").
            assert found["iptLines"] and set(found["iptLines"]) == {"none"}, scheme
            assert set(found["termLines"]) <= {"dotted"}, scheme
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def test_phone_back_to_top_keeps_out_of_the_text(browser, site_url: str) -> None:
    """Scrolling up a long lesson on a phone shows "Back to top" as a small round button in
    the bottom corner (not a pill across the line being read), still big enough to tap."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/lessons/what-is-ipt/")
        page.mouse.wheel(0, 3000)
        page.wait_for_function("() => window.scrollY > 1000")  # scrolled down, then up
        page.mouse.wheel(0, -400)
        top = page.locator(".md-top")
        top.wait_for(state="visible")
        page.wait_for_function("() => !document.querySelector('.md-top').hidden")
        box = top.bounding_box()
        assert box["width"] >= 44 and box["height"] >= 44, box
        assert box["width"] <= 56, box
        assert box["y"] > PHONE["height"] / 2, box
        assert box["x"] + box["width"] <= PHONE["width"] and box["x"] > PHONE["width"] / 2, box
        assert top.evaluate("e => e.textContent.trim()") == "Back to top"  # still named
        top.click()
        page.wait_for_function("() => window.scrollY < 5")
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
