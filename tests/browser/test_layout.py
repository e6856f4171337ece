"""Phones: at 360×740 no page scrolls sideways (quiz pages also with feedback shown) and tables
stay readable. (The light/dark toggle is checked in test_privacy.py's one visit per page.)"""

from __future__ import annotations

import pytest

from tests.browser.conftest import (
    PHONE,
    answer_all,
    open_context,
    page_kind,
    quizzes_by_path,
)

pytestmark = pytest.mark.browser

MIN_TABLE_FONT_PX = 12  # smaller than this is hard to read on a phone

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


def test_comparison_table_fits_a_phone(browser, site_url: str) -> None:
    """The lesson comparing IPT with other therapies: its table fits the screen at 360 px,
    so all four columns can be read side by side without scrolling."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/lessons/comparison/")
        tables = page.evaluate(TABLES_JS)
        assert tables, "the comparison lesson has a table"
        for table in tables:
            assert table["fits"] and table["clipped"] == 0 and table["cramped"] == [], table
            assert table["font"] >= MIN_TABLE_FONT_PX, table
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
