"""The printable unit: mkdocs-print-site-plugin's page (print_page/), finished for the night
before the examination (student walk-through 2, S4).

The plugin writes the page after the build, so it is finished as HTML, read with the standard
library's html.parser (as Material's own plugins read pages; no regular expressions on HTML,
engineering review 2, E25): the page's elements are found with their exact places in the
text, and the text is changed only by inserting at those places. What is added:

* at the top (with the contents, so paper gets no page of its own for it): a visible title and
  what the page holds, a "Print / Save as PDF" button and a "Print just the revision sheet"
  button (print-page.js makes them work; they keep their place but stay invisible and out of
  the tab order until it has run, so nothing moves when they appear, and never print), and one
  line on saving a PDF on an Android phone;
* after the lessons, the revision sheet: every lesson's "Key points" under the lesson's title,
  copied from the page itself (so its links already point inside it), ids dropped so none is
  doubled, with its own "Print just the revision sheet" button for a student who comes from
  the home page's link (print_page/#revision-sheet);
* the sheet in the page's contents (the sidebar's list), and that list copied into the page's
  own "Contents" here, as the plugin's script would copy it at load (its call is taken out of
  the page's inline script): copied while the page loads, the list pushed the first lesson down
  (a layout shift of 0.3 on a phone, Lighthouse performance 0.73).
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field
from html.parser import HTMLParser

REVISION_ID = "revision-sheet"
REVISION_TITLE = "Revision sheet: the key points of every lesson"
INTRO_CLASS = "ipt-print-intro"
LESSON_SECTION = "lessons-"  # the plugin's id of a lesson's section: lessons-<page name>
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta",
                  "source", "track", "wbr"})

PRINT_BUTTONS = (
    '<p class="ipt-print-actions" data-ipt-waiting>'
    '<button type="button" class="md-button md-button--primary" data-ipt-print="all">'
    "Print / Save as PDF</button> "
    '<button type="button" class="md-button" data-ipt-print="sheet">'
    "Print just the revision sheet</button></p>")
SHEET_BUTTON = (
    '<p class="ipt-print-actions" data-ipt-waiting>'
    '<button type="button" class="md-button md-button--primary" data-ipt-print="sheet">'
    "Print just the revision sheet</button></p>")
GENERATE_TOC = "generate_toc();"  # the plugin's call, in its inline script, to copy the contents
ANDROID = ('<p class="ipt-print-how">On an Android phone: tap <strong>Print / Save as PDF'
           "</strong>, choose <strong>Save as PDF</strong> as the printer at the top, then "
           "tap the round PDF button and pick where to keep it.</p>")


@dataclass
class Element:
    """An element of the page and where it is in the text: `start` is where its start tag
    begins, `inner` where its content begins, `close` where its end tag begins (`inner` for a
    void element), `end` just after its end tag."""

    tag: str
    attrs: dict[str, str]
    start: int
    inner: int
    close: int = -1
    end: int = -1
    children: list[Element] = field(default_factory=list)

    def classes(self) -> set[str]:
        return set(self.attrs.get("class", "").split())

    def walk(self):
        """This element and every element inside it, in document order."""
        yield self
        for child in self.children:
            yield from child.walk()

    def find(self, test) -> Element | None:
        return next((e for e in self.walk() if e is not self and test(e)), None)


class _Reader(HTMLParser):
    """Builds the tree of Elements with their places (an end tag closes the nearest open
    element of its name, as browsers do for the tags Markdown and Material write)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.lines = [0]
        for at, char in enumerate(text):
            if char == "\n":
                self.lines.append(at + 1)
        self.root = Element("#document", {}, 0, 0, len(text), len(text))
        self.open = [self.root]

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.lines[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self._offset()
        raw = self.get_starttag_text() or ""
        element = Element(tag, {k: v or "" for k, v in attrs}, start, start + len(raw))
        self.open[-1].children.append(element)
        if tag in VOID:
            element.close = element.end = element.inner
        else:
            self.open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID:  # <div/> in HTML opens a div; a self-closed one is closed here
            element = self.open.pop()
            element.close = element.end = element.inner

    def handle_endtag(self, tag: str) -> None:
        start = self._offset()
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                end = self.text.index(">", start) + 1
                for element in self.open[depth:]:  # unclosed ones end here too
                    element.close, element.end = start, end
                del self.open[depth:]
                return


def read(text: str) -> Element:
    """The page's elements, with their places in `text`."""
    reader = _Reader(text)
    reader.feed(text)
    reader.close()
    for element in reader.open[1:]:  # never closed: they run to the end
        element.close = element.end = len(text)
    return reader.root


def _start_tag(element: Element, drop: str) -> str:
    attrs = "".join(f' {k}="{html.escape(v)}"' for k, v in element.attrs.items() if k != drop)
    return f"<{element.tag}{attrs}>"


def _splice(text: str, edits: list[tuple[int, int, str]]) -> str:
    """text with each (start, end, new) applied (non-overlapping)."""
    for start, end, new in sorted(edits, reverse=True):
        text = text[:start] + new + text[end:]
    return text


def without_ids(fragment: str) -> str:
    """An HTML fragment with every id attribute removed (a copy must not double an id)."""
    edits = [(e.start, e.inner, _start_tag(e, "id")) for e in read(fragment).walk()
             if e.tag != "#document" and "id" in e.attrs]
    return _splice(fragment, edits)


def _heading_text(text: str, heading: Element) -> str:
    """A heading's content as HTML, without its permalink."""
    links = [(c.start, c.end, "") for c in heading.children
             if c.tag == "a" and "headerlink" in c.classes()]
    return _splice(text[heading.inner:heading.close], [
        (start - heading.inner, end - heading.inner, new) for start, end, new in links]).strip()


def _key_points(text: str, section: Element) -> str | None:
    """The HTML after a lesson's "Key points" heading, up to its next heading of that level."""
    section_id = section.attrs.get("id", "")
    headings = [e for e in section.walk() if e.tag == "h2"]
    for i, heading in enumerate(headings):
        if heading.attrs.get("id") == f"{section_id}-key-points":
            stop = headings[i + 1].start if i + 1 < len(headings) else section.close
            return text[heading.end:stop].strip()
    return None


def revision_sheet(text: str, root: Element) -> tuple[str, int]:
    """The revision sheet's section, and the number of lessons in it (0: no sheet)."""
    parts = []
    for section in root.walk():
        section_id = section.attrs.get("id", "")
        if section.tag != "section" or not section_id.startswith(LESSON_SECTION):
            continue
        title = section.find(lambda e: e.tag == "h1")
        points = _key_points(text, section)
        if title is None or points is None:
            continue
        parts.append(f'<h2 id="{REVISION_ID}-{html.escape(section_id)}">'
                     f"{_heading_text(text, title)}</h2>\n{without_ids(points)}")
    if not parts:
        return "", 0
    return (f'<section class="print-page" id="{REVISION_ID}">\n'
            f'<h1 id="{REVISION_ID}-title">{REVISION_TITLE}</h1>\n{SHEET_BUTTON}\n'
            + "\n".join(parts) + "\n</section>"), len(parts)


def finish_print_page(text: str, title: str) -> tuple[str, int]:
    """The plugin's page with its title, buttons, revision sheet and contents entry. Returns
    (the page, lessons on the revision sheet); a page without the plugin's layout, or without
    any lesson's key points, comes back unchanged with 0."""
    root = read(text)
    page = root.find(lambda e: e.attrs.get("id") == "print-site-page")
    sheet, lessons = revision_sheet(text, root)
    if page is None or not lessons:
        return text, 0
    sections = [c for c in page.children if c.tag == "section"]
    intro = (f'<div class="{INTRO_CLASS}">\n<h1 id="the-whole-unit">{html.escape(title)}</h1>\n'
             "<p>Every lesson of the unit in order, then a revision sheet of their key points. "
             "Print it, or save it as a PDF to read without a connection.</p>\n"
             f"{PRINT_BUTTONS}\n{ANDROID}\n</div>\n")
    edits = [(sections[0].inner, sections[0].inner, intro) if sections else
             (page.inner, page.inner, intro),
             (page.close, page.close, sheet + "\n")]
    toc = root.find(lambda e: e.tag == "ul" and e.attrs.get("data-md-component") == "toc")
    if toc is not None:
        entry = (f'<li class="md-nav__item"><a href="#{REVISION_ID}" class="md-nav__link">'
                 f'<span class="md-ellipsis">{REVISION_TITLE}</span></a></li>\n')
        edits.append((toc.close, toc.close, entry))
        edits += _contents_at_build(text, root, text[toc.inner:toc.close] + entry)
    return _splice(text, edits), lessons


def _contents_at_build(text: str, root: Element, items: str) -> list[tuple[int, int, str]]:
    """The edits that put the contents list into the plugin's "Contents" box now and take the
    plugin's call that would copy it at load (generate_toc) out of its inline script; none if
    the page is not laid out as expected (then the plugin's script copies it, as before)."""
    box = root.find(lambda e: e.attrs.get("id") == "print-page-toc")
    nav = box.find(lambda e: e.tag == "nav") if box is not None else None
    calls = [e for e in root.walk() if e.tag == "script"
             and GENERATE_TOC in text[e.inner:e.close]]
    if nav is None or len(calls) != 1:
        return []
    call = text.index(GENERATE_TOC, calls[0].inner)
    return [(nav.close, nav.close, f'<ul class="md-nav__list">{items}</ul>\n'),
            (call, call + len(GENERATE_TOC), "")]
