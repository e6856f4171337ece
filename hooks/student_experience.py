"""MkDocs hook: small fixes for what students get in the browser, that CSS alone cannot make.

* Offline build (the `offline` plugin switched on by OFFLINE=true, see `make offline`): the
  plugin adds a <script> for the iframe-worker shim from a CDN; point it at the copy vendored
  in docs/assets/javascripts/iframe-worker/ instead, so the zip makes no request at all.
* Every page (online build): the search index is by far the largest download (60 KB gzipped,
  more than Material's CSS and JavaScript together), and Material fetches it on every first
  visit, whether or not the student ever searches. A small script, placed before Material's,
  holds that one request back until the search field gets focus (every way of opening search
  focuses it), so a lesson costs students on metered connections about 40 % less.
* Every page: Material's search box is a role="dialog" with no accessible name (Lighthouse's
  aria-dialog-name audit); name it "Search".
* Every page but the print page: mkdocs-print-site-plugin adds its script and two style
  sheets to every page (three requests more per lesson); they are needed only on print_page/,
  which the plugin renders itself after the build (on_post_page never sees it), so they are
  removed here from every other page.
* Quiz pages: each question's "Question N" heading is an <h4> straight under the page's <h1>
  (a skipped heading level for screen-reader users, Lighthouse's heading-order audit); make it
  an <h2>, styled as before in extra.css.
* Quiz pages: two patches to mkdocs-quiz 1.7.1's inline script.
  - Its "Reset quiz" (resetAllQuiz) assumes every question has a <fieldset>; a fill-in-blank
    question has none, so the reset stopped with a TypeError at the first blank and every
    question after it still showed its old answer until the page was reloaded.
  - Completing a quiz scrolls to the results with behavior "smooth" even for students whose
    system asks for reduced motion; honour prefers-reduced-motion there.
  Each patch must find the exact text it replaces: a warning (an error under --strict) says when
  an mkdocs-quiz upgrade changed it, so the patch is reviewed rather than silently dropped.
"""

from __future__ import annotations

import logging
import re

from mkdocs.plugins import event_priority

log = logging.getLogger("mkdocs.plugins.student_experience")  # under mkdocs.*: --strict applies

SHIM = "assets/javascripts/iframe-worker/shim.js"

# (what mkdocs-quiz 1.7.1 has, what we want instead, why) for quiz pages.
QUIZ_PATCHES: tuple[tuple[str, str, str], ...] = (
    (
        'const fieldset = form.querySelector("fieldset");',
        'const fieldset = form.querySelector("fieldset") || form;'
        ' quiz.querySelectorAll(".quiz-blank-input").forEach((blank) => {'
        ' blank.value = ""; blank.disabled = false;'
        ' blank.classList.remove("correct", "wrong"); blank.placeholder = ""; });',
        "Reset quiz stops at the first fill-in-blank question",
    ),
    (
        'resultsDiv.scrollIntoView({ behavior: "smooth", block: "center" });',
        'resultsDiv.scrollIntoView({ behavior: window.matchMedia('
        '"(prefers-reduced-motion: reduce)").matches ? "auto" : "smooth", block: "center" });',
        "the scroll to the results ignores prefers-reduced-motion",
    ),
)
# Runs before Material's bundle: defer the XMLHttpRequest for search/search_index.json until
# the search field is focused. Everything else goes through untouched.
DEFER_SEARCH_INDEX = r"""<script>(function(){var P=XMLHttpRequest.prototype,open=P.open,send=P.send,
ready=false,waiting=[];function go(){if(ready)return;ready=true;
waiting.splice(0).forEach(function(w){send.apply(w[0],w[1])})}
document.addEventListener("focusin",function(e){if(e.target&&e.target.matches&&
e.target.matches("input[data-md-component=search-query]"))go()});
P.open=function(m,u){this.__ipt_index=/\/search\/search_index\.json$/.test(String(u));
return open.apply(this,arguments)};P.send=function(){if(!this.__ipt_index||ready)
return send.apply(this,arguments);waiting.push([this,arguments])}})()</script>
""".replace("\n", "")

SEARCH_DIALOG = '<div class="md-search" data-md-component="search" role="dialog">'
QUESTION_HEADING = re.compile(r'<h4 class="quiz-number">(.*?)</h4>', re.DOTALL)

PRINT_SITE_ASSET = re.compile(
    r'<(?:link rel="stylesheet" href="[^"]*css/print-site[^"]*\.css"|script src="[^"]*js/print-site\.js")'
    r'[^>]*>(?:</script>)?\n?')
QUIZ_MARK = "const STORAGE_KEY_PREFIX = \"quiz_progress_\";"  # only in mkdocs-quiz's script


@event_priority(-100)  # after Material's offline plugin has added its polyfill
def on_config(config):
    """Serve the iframe-worker shim from the site in the offline build."""
    polyfills = config.extra.get("polyfills") or []
    config.extra["polyfills"] = [
        SHIM if "iframe-worker" in str(url) and "://" in str(url) else url for url in polyfills
    ]
    return config


def patch_quiz_script(html: str, where: str) -> str:
    """Apply QUIZ_PATCHES to a page carrying mkdocs-quiz's script; other pages pass unchanged."""
    if QUIZ_MARK not in html:
        return html
    for old, new, why in QUIZ_PATCHES:
        if html.count(old) != 1:
            log.warning("%s: mkdocs-quiz's script changed; cannot fix: %s "
                        "(see hooks/student_experience.py)", where, why)
            continue
        html = html.replace(old, new)
    return html


def defer_search_index(html: str, where: str, offline: bool) -> str:
    """Put DEFER_SEARCH_INDEX before Material's bundle (the offline build inlines the index
    as a script instead: nothing to defer there)."""
    if offline:
        return html
    bundle = html.find("assets/javascripts/bundle.")
    if bundle == -1:
        log.warning("%s: Material's bundle.js not found; search index not deferred", where)
        return html
    start = html.rfind("<script", 0, bundle)
    return html[:start] + DEFER_SEARCH_INDEX + html[start:]


def name_search_dialog(html: str, where: str) -> str:
    """Give Material's search dialog an accessible name."""
    if html.count(SEARCH_DIALOG) != 1:
        log.warning("%s: Material's search dialog changed; not named", where)
        return html
    return html.replace(SEARCH_DIALOG, SEARCH_DIALOG[:-1] + ' aria-label="Search">')


def question_headings(html: str) -> str:
    """Quiz pages: "Question N" headings one level under the page title."""
    return QUESTION_HEADING.sub(r'<h2 class="quiz-number">\1</h2>', html)


def on_post_page(output: str, page, config) -> str:
    """Every page: defer the search index, name the search dialog. Quiz pages: question
    headings, mkdocs-quiz script fixes."""
    where = page.file.src_uri
    offline = any("iframe-worker" in str(url) for url in config.extra.get("polyfills") or [])
    output = name_search_dialog(defer_search_index(output, where, offline), where)
    output = PRINT_SITE_ASSET.sub("", output)
    if QUIZ_MARK not in output:
        return output
    return patch_quiz_script(question_headings(output), where)
