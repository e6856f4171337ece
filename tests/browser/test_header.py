"""The header as a student meets it (student walk-through 2, S7, S10, S20): the colours follow
the phone until the student picks light or dark, an arrow key on the colour button changes
nothing, "Skip to content" puts the keyboard at the page's title, and search forgives a
one-letter slip and shows the section a student asked for, with a clear button big enough to
tap."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import PHONE, SETTLED, open_context, palette, toggle_palette

pytestmark = pytest.mark.browser

LESSON = "lessons/transference/"
# Material keeps the colour choice by its place in mkdocs.yml's palette list.
STORED_CHOICE = "() => JSON.parse(localStorage.getItem(__md_scope.pathname + '.__palette'))"


def test_colours_follow_the_phone_until_the_student_picks(browser, site_url: str) -> None:
    """A daytime visit chooses nothing: when the phone turns dark that night, so does the site,
    on the next page and on a page loaded afresh. Once the student presses the button the
    choice holds whatever the phone does; the third press goes back to following the phone."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           color_scheme="light")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/{LESSON}")
        assert palette(page) == "default"
        page.emulate_media(color_scheme="dark")  # evening: the phone switches to dark
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
        page.goto(f"{site_url}/")
        assert palette(page) == "slate"

        toggle_palette(page)  # following the phone (dark) -> dark, chosen
        assert palette(page) == "slate"
        toggle_palette(page)  # -> light, chosen
        assert palette(page) == "default"
        page.reload()
        assert palette(page) == "default"  # chosen: the dark phone does not change it
        toggle_palette(page)  # -> the phone's setting again
        assert palette(page) == "slate"
        page.emulate_media(color_scheme="light")
        expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def test_a_student_who_chose_dark_keeps_dark(browser, site_url: str) -> None:
    """Dark chosen before the phone's setting became the first choice (Material stored it at
    place 1, which is dark in both lists) is still dark on a light phone."""
    context = open_context(browser, base=site_url, viewport=PHONE, color_scheme="light")
    try:
        page = context.new_page()
        page.goto(f"{site_url}/")
        page.evaluate("""() => localStorage.setItem(__md_scope.pathname + '.__palette',
            JSON.stringify({index: 1, color: {media: '(prefers-color-scheme: dark)',
                            scheme: 'slate', primary: 'indigo', accent: 'indigo'}}))""")
        page.reload()
        assert palette(page) == "slate"
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def test_keyboard_colour_button_and_skip_link(page, site_url: str) -> None:
    """Arrow keys on the colour button change nothing (it is one button, not a set of radio
    buttons); Space and Enter move to the next choice. "Skip to content" moves the focus to
    the page's title, and the next Tab goes on into the page (not to an unseen link back to
    the title)."""
    page.goto(f"{site_url}/{LESSON}")
    page.focus("#__palette_0")
    before = page.evaluate(STORED_CHOICE)
    for key in ("ArrowDown", "ArrowRight", "ArrowUp", "ArrowLeft"):
        page.keyboard.press(key)
    assert page.evaluate("document.activeElement.id") == "__palette_0"
    assert palette(page) == "default" and page.evaluate(STORED_CHOICE) == before
    page.keyboard.press(" ")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    assert page.evaluate("document.activeElement.id") == "__palette_1"
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")

    page.goto(f"{site_url}/{LESSON}")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className").startswith("md-skip")
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.activeElement.tagName === 'H1'")
    page.keyboard.press("Tab")
    after = page.evaluate("""() => { const e = document.activeElement;
        return {inTitle: !!e.closest('h1'), inPage: !!e.closest('.md-content')}; }""")
    assert after == {"inTitle": False, "inPage": True}, after
    page.wait_for_function("""() => { const e = document.activeElement,
        r = e.getBoundingClientRect();  // shown once its fade-in is over
        return r.width > 0 && r.height > 0 && getComputedStyle(e).opacity === '1'; }""")
    assert page.js_errors == []


SEARCH_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map(item => ({
  page: item.querySelector('h1').textContent.trim(),
  shown: [...item.querySelectorAll(':scope > a h2')].map(h => h.textContent.trim()),
  folded: [...item.querySelectorAll('details h2')].map(h => h.textContent.trim()),
}))"""


def _search(page, query: str) -> list[dict]:
    """Type the query as a student does (Material's search listens to keys) and read the
    results once they are for this query."""
    field = page.locator("input.md-search__input")
    field.fill("")  # an empty field empties the list: then no result shown is an older query's
    expect(page.locator(".md-search-result__item")).to_have_count(0)
    field.fill(query[:-1])
    field.press(query[-1])
    page.locator(".md-search-result__item").first.wait_for()
    return page.evaluate(SEARCH_RESULTS)


def test_search_forgives_a_slip_and_shows_the_section(browser, site_url: str) -> None:
    """On a phone: "transferance" (as a student may spell it) finds the transference lesson and
    the glossary entry; a section whose title matches is shown, not folded under its page's
    introduction; the back arrow and the clear "×" are at least 44 px to tap."""
    context = open_context(browser, base=site_url, viewport=PHONE, is_mobile=True,
                           has_touch=True)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/")
        page.locator('label[for="__search"]').first.click()
        results = _search(page, "transferance")
        assert results[0]["page"] == "Characteristic 3: transference", results[0]
        assert "What transference means" in results[0]["shown"], results[0]
        assert any(r["page"] == "Glossary" and "Transference" in r["shown"] for r in results)
        # The clear "×" grows in as the query appears (a transition): measure it at rest.
        page.wait_for_function(SETTLED)
        for icon in page.locator(".md-search__form .md-search__icon:visible").all():
            box = icon.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, box

        results = _search(page, "three characteristics of IPT")
        assert results[0]["page"] == "What is IPT?", results[0]
        assert results[0]["shown"][0] == "The three characteristics at a glance", results[0]
        results = _search(page, "transference")  # a word spelt right is searched as typed
        assert results[0]["page"] == "Characteristic 3: transference", results[0]
    finally:
        context.close()
    assert context.traffic.foreign == [], "requests to other hosts"

