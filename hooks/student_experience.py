"""Every change this site makes to Material's and mkdocs-quiz's output, in one table: PATCHES.

Each row names what it changes, where (every page, quiz pages, Material's JavaScript bundle), the
exact text it expects and how many times, and why. A row whose text is not found exactly as
expected logs a warning naming the row; `mkdocs build --strict` (make build, CI) turns it into a
failed build, so an upgrade of Material or mkdocs-quiz that moves or renames something is
reviewed, never silently dropped. tests/test_patches.py renames each expected text in turn and
checks the build fails. The module's plugin (hooks/module_plugin.py) applies the rows to every
page, last of all (patch_page), and checks the bundle after the build (check_bundle); why the
table and not a fork or a vendored copy: DECISIONS.md.

Quiz pages are recognised by their front matter (`quiz: enabled: true`, written by
quizkit/render.py), not by anything in mkdocs-quiz's output, so a quiz page whose mkdocs-quiz
script changed is reported rather than skipped. (The site's own quiz script and stylesheet,
docs/assets/javascripts/quiz.js and docs/assets/stylesheets/quiz.css, come through the theme's
blocks: overrides/main.html, quizkit/assets.py.)

mkdocs-quiz's own words ("Correct answer!" and the like) are not patched: they are set in
hooks/mkdocs-quiz.en.po, which mkdocs.yml gives the plugin as `custom_translations`; two
check-only rows below fail the build if that stops working.

Every page but the print page loses mkdocs-print-site-plugin's script and style sheets.
Other pages: the offline build (OFFLINE=true, `make offline`) points the offline plugin's
iframe-worker shim at the copy vendored in docs/assets/javascripts/iframe-worker/
(serve_shim_from_the_site). The last check of every page and its Content-Security-Policy:
hooks/page_checks.py.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.utils import get_relative_url

if TYPE_CHECKING:  # MkDocs' types
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.student_experience")  # under mkdocs.*: --strict applies

SHIM = "assets/javascripts/iframe-worker/shim.js"

EVERY_PAGE, ONLINE_PAGES, QUIZ_PAGES, BUNDLE = ("every page", "every page (online build)",
                                                "quiz pages", "Material's bundle.js")
PER_QUESTION = -1  # `count`: once for each question on the page

# The module's page script, on every page just before Material's bundle: search (its worker
# and its index) waits until it is used online, forgives a one-letter slip and ranks sections;
# the light/dark button and "Skip to content" suit the keyboard; definitions stay on screen;
# and the installable app in the published build (see the file). What it relies on in
# Material's bundle is checked by the BUNDLE rows.
SITE_JS = "assets/javascripts/site.js"


@dataclass(frozen=True)
class Patch:
    """One change to upstream output. `old` must occur exactly `count` times (PER_QUESTION:
    once per question; 0: must not occur at all) in each page of `scope`; `new` replaces it
    (None: a check only). In `new`, {root} is the relative path to the site's root."""

    name: str
    scope: str
    old: str | re.Pattern[str]
    new: str | None
    why: str
    count: int = 1


def _escaped(expression: str) -> str:
    """JavaScript for `expression` as text safe inside innerHTML."""
    return f'String({expression}).replace(/[&<>"\']/g, (c) => "&#" + c.charCodeAt(0) + ";")'


PATCHES: tuple[Patch, ...] = (
    Patch("search dialog name", EVERY_PAGE,
          '<div class="md-search" data-md-component="search" role="dialog">',
          '<div class="md-search" data-md-component="search" role="dialog" aria-label="Search">',
          "Material's search dialog has no accessible name (Lighthouse aria-dialog-name)"),
    Patch("the page script before the bundle", EVERY_PAGE,
          re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js">'),
          '<script src="{root}' + SITE_JS + r'"></script>\g<0>',
          "site.js, run before the bundle, holds back the 60 KB search index and the 12 KB "
          "search worker until search is used, hands the worker a forgiving query and an index "
          "that ranks sections (it must wrap the worker's postMessage before the bundle starts "
          "it), and is the installable app's page script"),
    Patch("search worker address in the page's configuration", ONLINE_PAGES,
          re.compile(r'"search": "[^"]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js"'),
          None, "site.js recognises the search worker by this address"),
    Patch("search worker started with new Worker", BUNDLE, "new Worker(", None,
          "site.js stands in for the search worker until search is used; the search worker "
          "must stay the bundle's one Worker"),
    Patch("search worker spoken to by postMessage", BUNDLE, ".postMessage(", None,
          "site.js's stand-in keeps what the bundle posts until the real worker starts"),
    Patch("search worker heard by its message events", BUNDLE, '"message"', None,
          "site.js's stand-in passes the real worker's message events on"),
    Patch("search worker messages", BUNDLE, re.compile(r"\{type:[02],data:"), None,
          "site.js recognises Material's messages to its search worker as {type: 0 (setup) "
          "or 2 (query), data}", count=2),
    Patch("search index loaded with XMLHttpRequest", BUNDLE, "new XMLHttpRequest", None,
          "site.js wraps XMLHttpRequest; it must stay the bundle's only way to load the index"),
    Patch("search index URL in the bundle", BUNDLE, '"search/search_index.json"', None,
          "site.js recognises the index by this URL"),
    Patch("no fetch() in the bundle", BUNDLE, "fetch(", None,
          "a fetch() would load the index past site.js", count=0),
    Patch("search highlight from ?h=", BUNDLE, 'searchParams.get("h")', None,
          "a page opened from a search result highlights the words searched for with the "
          "index: site.js releases the index at once on such a page", count=2),
    Patch("print-site assets only on the print page", EVERY_PAGE,
          re.compile(r'<(?:link rel="stylesheet" href="[^"]*css/print-site[^"]*\.css"'
                     r'|script src="[^"]*js/print-site\.js")[^>]*>(?:</script>)?\n?'),
          "",
          "mkdocs-print-site-plugin adds its script and two style sheets to every page (three "
          "requests more per lesson); only print_page/ needs them, and the plugin renders that "
          "page itself after the build, so this hook never sees it", count=3),
    Patch("quiz page mark", QUIZ_PAGES, 'const STORAGE_KEY_PREFIX = "quiz_progress_";', None,
          "mkdocs-quiz's script (and its quiz_progress_ storage, read by quiz.js) is on the page"),
    Patch("question headings", QUIZ_PAGES,
          re.compile(r'<h4 class="quiz-number">(.*?)</h4>', re.DOTALL),
          r'<h2 class="quiz-number">\1</h2>',
          "each question's heading sits straight under the page's <h1> (heading-order); "
          "styled as before in extra.css", count=PER_QUESTION),
    Patch("question links out of the tab order", QUIZ_PAGES,
          re.compile(r'<a href="#(quiz-\d+)" class="quiz-header-link">#</a>'),
          r'<a href="#\1" class="quiz-header-link" tabindex="-1"'
          r' aria-label="Link to this question">#</a>',
          "mkdocs-quiz's '#' link to each question shows only on hover (a mouse's way to copy "
          "the question's address); as a tab stop it was one more Tab before every question "
          "(student walk-through)", count=PER_QUESTION),
    Patch("progress box: answered of all", QUIZ_PAGES,
          'Answered: <span class="quiz-progress-answered">0</span> / '
          '<span class="quiz-progress-total">0</span>',
          'Answered: <span class="quiz-progress-answered">0</span> of '
          '<span class="quiz-progress-total">0</span>',
          "the progress box (desktop and phone) showed two fractions with different totals, "
          "'Answered 1/10' and 'Correct 0/1' (student walk-through): each now says what it "
          "counts", count=2),
    Patch("progress box: right of those answered", QUIZ_PAGES,
          'Right: <span class="quiz-progress-score">0</span> / '
          '<span class="quiz-progress-score-total">0</span>',
          'Right: <span class="quiz-progress-score">0</span> of the '
          '<span class="quiz-progress-score-total">0</span> answered',
          "the same: the second total is the questions answered so far, not the quiz's (the "
          "word 'Right:' itself comes from hooks/mkdocs-quiz.en.po)", count=2),
    Patch("question forms without inline script", QUIZ_PAGES,
          '<form action="javascript:void(0);" onsubmit="return false;">',
          '<form method="dialog">',
          "mkdocs-quiz's forms stop a submission with an inline handler and a javascript: "
          "address, both of which the Content-Security-Policy forbids (and the page scan "
          "refuses); a dialog-method form outside a dialog never leaves the page, and "
          "mkdocs-quiz's own submit handler does the rest", count=PER_QUESTION),
    Patch("reset all with fill-in blanks", QUIZ_PAGES,
          'const fieldset = form.querySelector("fieldset");',
          'const fieldset = form.querySelector("fieldset") || form;'
          ' quiz.querySelectorAll(".quiz-blank-input").forEach((blank) => {'
          ' blank.value = ""; blank.disabled = false;'
          ' blank.classList.remove("correct", "wrong"); blank.placeholder = ""; });',
          "Reset quiz stops with a TypeError at the first fill-in-blank question (no fieldset)"),
    Patch("fill-in answers: alternatives, dashes, quotes, near misses", QUIZ_PAGES,
          "if (userAnswer === correctAnswer) {",
          "if (window.iptQuiz ? window.iptQuiz.accepts(input)"
          " : userAnswer === correctAnswer) {",
          "mkdocs-quiz compares one string; quiz.js accepts every [[a|b]] alternative",
          count=2),
    Patch("fill-in feedback escaped (on Submit)", QUIZ_PAGES,
          '"<li><del>" + (userAnswer || "(empty)") + "</del> \\u2192 " + correctAnswer + "</li>"',
          '"<li><del>" + ' + _escaped('userAnswer || "(empty)"') + ' + "</del> \\u2192 " + '
          + _escaped("correctAnswer") + ' + "</li>"',
          "mkdocs-quiz writes the typed text and the quiz file's answer into innerHTML (quiz.js "
          "then replaces that feedback, but the markup has been parsed by then)"),
    Patch("fill-in feedback escaped (on reload)", QUIZ_PAGES,
          '"<li><del>" + (userAnswer || t("(empty)")) + "</del> \\u2192 " + correctAnswer'
          ' + "</li>"',
          '"<li><del>" + ' + _escaped('userAnswer || t("(empty)")') + ' + "</del> \\u2192 " + '
          + _escaped("correctAnswer") + ' + "</li>"',
          "the same, when saved answers are shown again after a reload"),
    Patch("feedback words asked for", QUIZ_PAGES,
          re.compile(r'return t\("Correct answer!"\);|: t\("Incorrect answer\."\);'), None,
          "mkdocs-quiz's default feedback comes from its translations; hooks/mkdocs-quiz.en.po "
          "words it 'Right.' / 'Not quite.' (quiz.js uses the same words)", count=2),
    Patch("feedback words from hooks/mkdocs-quiz.en.po", QUIZ_PAGES,
          re.compile(r'"Correct answer!": "Right\.".*"Incorrect answer\.": "Not quite\."'),
          None, "custom_translations in mkdocs.yml reaches the page: one voice in feedback "
          "(student walk-through 2, S18)"),
    Patch("set up on demand (Revise)", QUIZ_PAGES, "  // Run initialization when DOM is ready\n",
          "  window.iptQuizSetUp = function () { cleanup(); initializePage(); };\n"
          "  if (window.iptQuizLater) return;\n"
          "  // Run initialization when DOM is ready\n",
          "the Revise page (hooks/revise.py copies this script for it) puts each round's "
          "questions in the page after it has loaded: it sets iptQuizLater and calls "
          "iptQuizSetUp once they are there, as Material's instant navigation would; "
          "self-check pages set up as before"),
    Patch("option label never cut", QUIZ_PAGES, "var maxBadgeLen = 30;",
          "var maxBadgeLen = Infinity;",
          "the wrong-option label cut the option's text after 30 characters"),
)

_QUESTION = re.compile(r'\bid="quiz-\d+"')


def _found(old: str | re.Pattern[str], text: str) -> int:
    return len(old.findall(text)) if isinstance(old, re.Pattern) else text.count(old)


def apply_patches(text: str, where: str, scopes: set[str], root: str = "") -> str:
    """Apply every row of PATCHES whose scope is in `scopes`; warn (naming the row) about each
    row whose text is not found as expected, and leave the text as it was for that row."""
    questions = len(_QUESTION.findall(text))
    for patch in PATCHES:
        if patch.scope not in scopes:
            continue
        expected = questions if patch.count == PER_QUESTION else patch.count
        found = _found(patch.old, text)
        if found != expected or (patch.count == PER_QUESTION and not questions):
            log.warning("%s: patch %r no longer applies: expected %d of %r, found %d. It was "
                        "there because: %s. Review PATCHES in hooks/student_experience.py.",
                        where, patch.name, expected, getattr(patch.old, "pattern", patch.old),
                        found, patch.why)
            continue
        if patch.new is None:
            continue
        new = patch.new.replace("{root}", root)
        if isinstance(patch.old, re.Pattern):
            text = patch.old.sub(new, text)
        else:
            text = text.replace(patch.old, new)
    return text


def is_quiz_page(page) -> bool:
    """A page generated by quizkit/render.py with mkdocs-quiz switched on."""
    meta = page.meta.get("quiz")
    return isinstance(meta, dict) and meta.get("enabled") is True


def is_offline_build(config) -> bool:
    """The offline zip's build: Material's offline plugin has added its iframe-worker polyfill."""
    return any("iframe-worker" in str(url) for url in config.extra.get("polyfills") or [])


def serve_shim_from_the_site(config: MkDocsConfig) -> None:
    """The offline build's iframe-worker shim from the copy in the site, not from a CDN (run
    after Material's offline plugin has added its polyfill)."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [
        SHIM if "iframe-worker" in str(url) and "://" in str(url) else url for url in polyfills
    ]


def patch_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """A page with the rows of PATCHES for it (every page, online pages, quiz pages)."""
    scopes = {EVERY_PAGE} | (set() if is_offline_build(config) else {ONLINE_PAGES})
    if is_quiz_page(page):
        scopes.add(QUIZ_PAGES)
    root = get_relative_url(".", page.url).rstrip("/") + "/"
    return apply_patches(output, page.file.src_uri, scopes, "" if root == "./" else root)


def check_bundle(config: MkDocsConfig) -> None:
    """Material's bundle still starts search (its worker and index) the way site.js expects."""
    if is_offline_build(config):
        return  # the offline build inlines the index; nothing is deferred there
    bundles = sorted(Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        log.warning("Material's bundle.*.min.js not found once in assets/javascripts (found "
                    "%d); cannot check the search index deferral", len(bundles))
        return
    apply_patches(bundles[0].read_text("utf-8"), f"assets/javascripts/{bundles[0].name}",
                  {BUNDLE})
