"""The student's path through the module, and search kept on what students read (functions the
module's plugin, hooks/module_plugin.py, calls; it keeps the build's nav facts).

* Search: every page a plugin or hook generates (the quiz pages and the faculty "Quiz coverage"
  page from build_quiz.py, a print page) and every page for faculty (docs/faculty/) is left
  out of the search index, as if its front matter said `search: exclude: true`, so a search
  for "transference" finds the lesson and the glossary, not ten quiz questions or a faculty
  table. Any other page can say `search: exclude: true` in its own front matter.
* The student's record: the home page and every lesson and self-check page load
  docs/assets/javascripts/record.js (the one script that keeps what a student saves in this
  browser, README.md beside it; quizkit/assets.py), with a small JSON element saying which page
  this is (page_data). Lesson and self-check pages are remembered as the last page visited.
* Home page: a "Start lesson 1" button right under the title, above the objectives box, so a
  student on a phone sees where to begin on the first screen. Once anything is saved
  (a page visited, a quiz answered) progress.js makes it "Continue where you left off" and leads
  there (a half-done self-check at its first unanswered question; after a finished one, the
  next step not yet done: the home page's data lists the path's pages in nav order). Lesson 1
  is the first lesson in the nav, so reordering the nav moves the button with it. Under the
  button, an empty card that progress.js fills for a returning student (self-checks done,
  exam answers written, sections to reread).

No script of the project's own is inline (a Content-Security-Policy can forbid them): the
JSON elements never run (type application/json), and record.js reads them.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

from quizkit.revise import REVISE_PAGE

if TYPE_CHECKING:  # MkDocs' types
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

PATH_SECTIONS = ("lessons/", "quizzes/")  # the pages of the path (not home, glossary, faculty)
START_ID = "ipt-continue"
CARD_ID = "ipt-home-card"  # the returning student's summary under the button (progress.js)
PAGE_DATA_ID = "ipt-page"
# Not on the path, but reading and writing the record: the Revise page (quizkit/revise.py). It
# is not remembered as the last page ("Continue" leads on along the path).
RECORD_PAGES = (REVISE_PAGE,)

# The top of a page as build_quiz.py writes it from front matter: the title, then an optional
# "*About N minutes.*" line (quizkit/render.py render_objectives); the button goes after them.
_TITLE_BLOCK = re.compile(r"\A# [^\n]*\n+(?:\*About [^\n]*\*\n+)?")


FACULTY_SECTION = "faculty/"


def exclude_from_search(page) -> None:
    """Mark a generated page (a virtual file, not one in docs/) or a faculty page as excluded
    from search."""
    if page.file.generated_by or page.file.src_uri.startswith(FACULTY_SECTION):
        page.meta.setdefault("search", {})["exclude"] = True


def first_lesson(pages) -> str | None:
    """The docs path of the first lesson among pages (the nav's pages, in reading order)."""
    return next((p.file.src_uri for p in pages if p.file.src_uri.startswith("lessons/")), None)


def path_pages(pages) -> list[Page]:
    """The path's pages (lessons and quizzes) among pages, in their order."""
    return [p for p in pages if p.file.src_uri.startswith(PATH_SECTIONS)]


def path_steps(pages) -> list[dict[str, str]]:
    """The path as the home page's "Continue" needs it: each lesson and quiz page in nav
    order, by docs path, with its title as the nav shows it. (By on_post_page every page's
    title is known: MkDocs reads all pages before it renders any.)"""
    return [{"page": p.file.src_uri, "title": p.title or p.file.src_uri} for p in pages]


def add_start_button(markdown: str, lesson: str) -> str:
    """The home page's Markdown with the start button under its title block (progress.js turns
    it into "Continue where you left off" once anything is saved), and the card's place."""
    button = (f"[Start lesson 1]({lesson}){{ .md-button .md-button--primary #{START_ID} }}\n\n"
              f'<div class="ipt-home-card" id="{CARD_ID}" hidden></div>\n\n')
    title = _TITLE_BLOCK.match(markdown)
    at = title.end() if title else 0
    return markdown[:at] + button + markdown[at:]


def page_data(page: str, title: str, root: str, directory_urls: bool, remember: bool,
              path: list[dict[str, str]] | None = None) -> str:
    """The #ipt-page element record.js reads: this page's docs path and title (the title comes
    from quiz YAML or front matter: JSON-encoded with "<" escaped, it cannot end the element),
    the way to the site's root and how MkDocs writes page URLs (so a saved page, kept by its
    docs path, is found online, in the offline zip and from a progress file alike); on the
    home page, the path's pages (path_steps)."""
    value: dict[str, object] = {"page": page, "title": title, "root": root,
                                "directoryUrls": directory_urls, "remember": remember}
    if path is not None:
        value["path"] = path
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":")).replace("<", "\\u003c")
    return f'<script type="application/json" id="{PAGE_DATA_ID}">{text}</script>'


def with_start(markdown: str, page: Page, lesson: str | None) -> str:
    """A page's Markdown as the path wants it: generated and faculty pages out of search (in
    page.meta, before Material's search plugin reads it), and the home page's start button
    (after the title build_quiz puts on top)."""
    exclude_from_search(page)
    if page.is_homepage and lesson:
        return add_start_button(markdown, lesson)
    return markdown


def page_data_of(page: Page, config: MkDocsConfig, path: list[Page]) -> str | None:
    """The #ipt-page element of a home, lesson or self-check page (and RECORD_PAGES; None for
    other pages), which the theme override (overrides/main.html) writes into <head> before
    record.js."""
    remember = page.file.src_uri.startswith(PATH_SECTIONS)
    if not (remember or page.is_homepage or page.file.src_uri in RECORD_PAGES):
        return None
    root = get_relative_url(".", page.url).rstrip("/") + "/"
    return page_data(page.file.src_uri, page.title or "", root, bool(config.use_directory_urls),
                     remember, path_steps(path) if page.is_homepage else None)
