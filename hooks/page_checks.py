"""The last check of every page, on the HTML as written, and its Content-Security-Policy.

Quiz and page text is checked field by field before anything is built (quizkit/sanitize.py);
this is the safety net. Every page (and, after the build, every HTML file, those plugins write
after the pages included) is read for anything that could run code or load from another site:
a hit stops the build, naming the page and the element, and the page is written as a stand-in
(NOT_BUILT), never as it was. Every page of the published site then gets a
Content-Security-Policy naming its own inline scripts by hash (README "Security").

Functions only: the module's plugin (hooks/module_plugin.py) calls them and keeps the build's
state (which pages were refused, whether this is the preview).
"""

from __future__ import annotations

import logging
import re
from pathlib import Path
from types import ModuleType

log = logging.getLogger("mkdocs.plugins.page_checks")  # under mkdocs.*: --strict applies


# --- What may reach a page: the last check, on the HTML itself ---------------------------------

# Quiz text is checked field by field before anything is built (quizkit/sanitize.py). This is
# the safety net on the pages as written, whatever combined the fields: no event attribute
# (mkdocs-quiz's `onsubmit` is patched away above), no address but a relative, http, https or
# mailto one, no image from another host, anywhere on any page; and in the content of a page
# generated from quiz files only the elements Markdown and mkdocs-quiz make.
GENERATED_EXTRA_TAGS = frozenset({  # what mkdocs-quiz adds to Markdown's (its questions are
    "article", "form", "fieldset", "input", "label", "button", "section", "nav", "script",
    "style", "link",  # forms; its progress box a nav; its scripts and styles inline)
    "wbr"})  # hooks/reading.py: where a written-out address may wrap (no attributes, no text)
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


# What a refused page is written as (the plugin's on_post_page writes it instead, so nothing
# unsafe is ever written, and the build goes on to report every page; on_post_build stops it).
NOT_BUILT = ("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Not built"
             "</title></head><body><p>This page was not built: it held something that could "
             "run code. The build log names it.</p></body></html>")


def report_unsafe(where: str, elements: list[str]) -> None:
    """One line per element (a gap in the checks of the text: report it)."""
    from quizkit.problems import tagged  # (importable once _sanitize has run)

    for element in elements:
        log.error(tagged(f"{where}: {element} would reach the page, where it could run code or "
                         "load from another site; the site was not built. The checks of quiz "
                         "and page text should have stopped it first: report this line to "
                         "whoever looks after the module's tools", rule="unsafe-output"))


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
