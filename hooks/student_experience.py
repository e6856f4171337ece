"""MkDocs hook: every change this site makes to Material's and mkdocs-quiz's output, in one table.

Each row of PATCHES names what it changes, where (every page, quiz pages, Material's JavaScript
bundle), the exact text it expects and how many times, and why. A row whose text is not found
exactly as expected logs a warning naming the row; `mkdocs build --strict` (make build, CI)
turns it into a failed build, so an upgrade of Material or mkdocs-quiz that moves or renames
something is reviewed, never silently dropped. tests/test_patches.py renames each expected
text in turn and checks the build fails.

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
iframe-worker shim at the copy vendored in docs/assets/javascripts/iframe-worker/.

Last of all, on the HTML as written: every page is checked for anything that could run code or
load from another site (a hit stops the build, naming the page and the element), and every
page of the published site gets a Content-Security-Policy naming its own inline scripts by
hash (see "Content-Security-Policy" below; README "Security").
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.utils import get_relative_url

if TYPE_CHECKING:  # MkDocs' types, for the hook functions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.student_experience")  # under mkdocs.*: --strict applies

SHIM = "assets/javascripts/iframe-worker/shim.js"

EVERY_PAGE, ONLINE_PAGES, QUIZ_PAGES, BUNDLE = ("every page", "every page (online build)",
                                                "quiz pages", "Material's bundle.js")
PER_QUESTION = -1  # `count`: once for each question on the page

# Runs before Material's bundle: holds the search index back until search is used (see the
# file). Material's bundle must keep loading the index with XMLHttpRequest (the BUNDLE rows).
SEARCH_DEFER_JS = "assets/javascripts/search-defer.js"


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
    Patch("search index deferral", ONLINE_PAGES,
          re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js">'),
          '<script src="{root}' + SEARCH_DEFER_JS + r'"></script>\g<0>',
          "hold the 60 KB search index back until search is used (search-defer.js, run "
          "before the bundle)"),
    Patch("search index loaded with XMLHttpRequest", BUNDLE, "new XMLHttpRequest", None,
          "search-defer.js wraps XMLHttpRequest; it must stay the bundle's only way to load"),
    Patch("search index URL in the bundle", BUNDLE, '"search/search_index.json"', None,
          "search-defer.js recognises the index by this URL"),
    Patch("no fetch() in the bundle", BUNDLE, "fetch(", None,
          "a fetch() would load the index past search-defer.js", count=0),
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
          'Correct: <span class="quiz-progress-score">0</span> / '
          '<span class="quiz-progress-score-total">0</span>',
          'Right: <span class="quiz-progress-score">0</span> of the '
          '<span class="quiz-progress-score-total">0</span> answered',
          "the same: the second total is the questions answered so far, not the quiz's",
          count=2),
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


def _offline(config) -> bool:
    return any("iframe-worker" in str(url) for url in config.extra.get("polyfills") or [])


@event_priority(-100)  # after Material's offline plugin has added its polyfill
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Serve the iframe-worker shim from the site in the offline build."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [
        SHIM if "iframe-worker" in str(url) and "://" in str(url) else url for url in polyfills
    ]
    return config


# --- What may reach a page: the last check, on the HTML itself ---------------------------------

# Quiz text is checked field by field before anything is built (quizkit/sanitize.py). This is
# the safety net on the pages as written, whatever combined the fields: no event attribute
# (mkdocs-quiz's `onsubmit` is patched away above), no address but a relative, http, https or
# mailto one, no image from another host, anywhere on any page; and in the content of a page
# generated from quiz files only the elements Markdown and mkdocs-quiz make.
GENERATED_EXTRA_TAGS = frozenset({  # what mkdocs-quiz adds to Markdown's (its questions are
    "article", "form", "fieldset", "input", "label", "button", "section", "nav", "script",
    "style", "link"})  # forms; its progress box a nav; its scripts and styles inline)
_ARTICLE = re.compile(r"<article\b[^>]*>(.*)</article>", re.DOTALL)


def _sanitize() -> ModuleType:
    """quizkit.sanitize, imported from the project beside this hook (MkDocs puts only the
    hook's own folder on the path, and only while loading it)."""
    import sys

    root = str(Path(__file__).resolve().parent.parent)
    if root not in sys.path:
        sys.path.insert(0, root)
    from quizkit import sanitize

    return sanitize


def unsafe_elements(html: str, generated: bool = False) -> list[str]:
    """Every element of a page that could run code or load from another host (and, in the
    content of a generated page, every element neither Markdown nor mkdocs-quiz makes), as
    written in the page."""
    sanitize = _sanitize()
    elements = sanitize.describe(sanitize.walk(html, tags=None, attributes=None))
    article = _ARTICLE.search(html) if generated else None
    if article:
        content = sanitize.walk(article.group(1), tags=sanitize.TAGS | GENERATED_EXTRA_TAGS,
                                attributes=None)
        elements += [tag[:80] for tag in content.tags]
    return elements


# The pages refused in this build (on_post_page writes a stand-in instead, so nothing unsafe
# is ever written, and the build goes on to report every page; on_post_build then stops it).
_refused: list[str] = []
NOT_BUILT = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built"
             "</title></head><body><p>This page was not built: it held something that could "
             "run code. The build log names it.</p></body></html>")


def _report(where: str, elements: list[str]) -> None:
    """One line per element (a gap in the checks of the text: report it)."""
    from quizkit.problems import tagged  # (importable once _sanitize has run)

    for element in elements:
        log.error(tagged(f"{where}: {element} would reach the page, where it could run code or "
                         "load from another site; the site was not built. The checks of quiz "
                         "and page text should have stopped it first: report this line to "
                         "whoever looks after the module's tools", rule="unsafe-output"))
    _refused.append(where)


# --- Content-Security-Policy ---------------------------------------------------------------------

# Scripts only from the site itself, plus the inline scripts the page has when it is built
# (Material's, mkdocs-quiz's), by hash: an inline script added to a page afterwards, or any
# that got past the checks above, does not run. Styles may be inline (Material and mkdocs-quiz
# set style attributes), images may be data: URIs (Material's icons in its CSS).
POLICY = ("default-src 'self'; script-src {scripts}; style-src 'self' 'unsafe-inline'; "
          "img-src 'self' data:; font-src 'self' data:; connect-src 'self'; "
          "worker-src 'self'; manifest-src 'self'; object-src 'none'; base-uri 'self'; "
          "form-action 'self'")
_CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy"[^>]*>\n?')
_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_EXECUTED = {"", "text/javascript", "application/javascript", "module", "text/ecmascript"}
# Where the policy goes: first in <head>, after the character set (which must stay in the first
# 1024 bytes, and loads nothing), so it covers every script and style the page has.
_HEAD_START = re.compile(r"<head\b[^>]*>\s*(?:<meta charset=[^>]*>)?", re.IGNORECASE)


def inline_script_hashes(html: str) -> list[str]:
    """'sha256-…' of every inline script a browser would run (not JSON data blocks)."""
    import base64
    import hashlib

    hashes = set()
    for attributes, body in _SCRIPT.findall(html):
        kind = _TYPE.search(attributes)
        if _SRC.search(attributes) or (kind.group(1).lower() if kind else "") not in _EXECUTED:
            continue
        digest = hashlib.sha256(body.encode("utf-8")).digest()
        hashes.add("sha256-" + base64.b64encode(digest).decode("ascii"))
    return sorted(hashes)


def with_policy(html: str) -> str:
    """The page with its Content-Security-Policy <meta> (replacing one it had)."""
    html = _CSP_META.sub("", html)
    head = _HEAD_START.search(html)
    if head is None:
        return html
    scripts = " ".join(["'self'", *(f"'{h}'" for h in inline_script_hashes(html))])
    meta = ('<meta http-equiv="Content-Security-Policy" content="'
            + POLICY.format(scripts=scripts) + '">')
    return html[:head.end()] + meta + html[head.end():]


_command = "build"  # what MkDocs was asked to do (on_startup): no policy under `mkdocs serve`


def on_startup(command: str, dirty: bool) -> None:
    """Remember the command: `mkdocs serve` injects its live-reload script inline into every
    page it serves, which a policy would block."""
    global _command
    _command = command


def on_pre_build(config: MkDocsConfig) -> None:
    """A build (each save in the preview is one) starts with no page refused."""
    _refused.clear()


def _policy_wanted(config) -> bool:
    """The published site's builds: not the preview (live reload), not the offline zip
    (file:// pages have no origin for 'self' to name the same way in every browser)."""
    return _command != "serve" and not _offline(config)


# --- The hook's events ---------------------------------------------------------------------------


@event_priority(-100)  # last: other hooks' changes to the page are in it
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Every page, and quiz pages: the rows of PATCHES for them; then the page is checked."""
    scopes = {EVERY_PAGE} | (set() if _offline(config) else {ONLINE_PAGES})
    if is_quiz_page(page):
        scopes.add(QUIZ_PAGES)
    root = get_relative_url(".", page.url).rstrip("/") + "/"
    output = apply_patches(output, page.file.src_uri, scopes, "" if root == "./" else root)
    unsafe = unsafe_elements(output, generated=page.file.generated_by is not None)
    if unsafe:
        _report(page.file.src_uri, unsafe)
        return NOT_BUILT
    return output


@event_priority(-100)  # after every plugin and hook that writes or changes pages
def on_post_build(config: MkDocsConfig) -> None:
    """Every HTML file as finally written (pages plugins and hooks write after the build, such
    as the printable unit, included): checked, and given its Content-Security-Policy; and
    Material's bundle still loads the search index the way search-defer.js expects."""
    from mkdocs.exceptions import PluginError

    site = Path(config.site_dir)
    policy = _policy_wanted(config)
    for path in sorted(site.rglob("*.html")):
        html = path.read_text(encoding="utf-8")
        unsafe = unsafe_elements(html)
        if unsafe:
            _report(path.relative_to(site).as_posix(), unsafe)
            path.write_text(NOT_BUILT, encoding="utf-8")
        elif policy:
            with_csp = with_policy(html)
            if with_csp != html:
                path.write_text(with_csp, encoding="utf-8")
    _check_bundle(config)
    if _refused:
        refused, _refused[:] = ", ".join(_refused), []
        raise PluginError(f"unsafe content in {refused}; the site was not built")


def _check_bundle(config: MkDocsConfig) -> None:
    """Material's bundle still loads the search index the way search-defer.js expects."""
    if _offline(config):
        return  # the offline build inlines the index; nothing is deferred there
    bundles = sorted(Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"))
    if len(bundles) != 1:
        log.warning("Material's bundle.*.min.js not found once in assets/javascripts (found "
                    "%d); cannot check the search index deferral", len(bundles))
        return
    apply_patches(bundles[0].read_text("utf-8"), f"assets/javascripts/{bundles[0].name}",
                  {BUNDLE})
