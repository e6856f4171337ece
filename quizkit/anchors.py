"""The anchors of a page's headings, made by Markdown's own `toc` extension as MkDocs makes them.

Quiz `review:` links and lesson links name headings by anchor, so the anchors must be exactly
the ones the site will have: `foo_bar`, headings inside admonitions, setext headings and
`{#explicit}` ids included. Rather than a copy of the slug rules, the page is run through
Python-Markdown with the site's own `toc` settings and the extensions that decide what is a
heading (admonitions, details, fences, attribute lists, Markdown inside HTML).

To stay fast (`make check` reads every page and should answer at once), only headings keep
their text for the inline step (every other element's text is dropped before inline
processing, which cannot change a heading's id), and the anchors of each page are cached in
.cache/quizkit/anchors.json, keyed by the page's text, the settings and the versions of
Markdown and its extensions: an unchanged page is not converted again, and Markdown is only
imported when a page changed.
"""

from __future__ import annotations

import functools
import hashlib
import html
import importlib
import importlib.util
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizkit.cache import CACHE_DIR, write_cache
from quizkit.siteconfig import read_site_config

if TYPE_CHECKING:
    import markdown

CACHE_FILE = CACHE_DIR / "anchors.json"
CACHE_LIMIT = 2000  # entries kept (a page's old versions age out)

# Extensions of mkdocs.yml that cannot make, hide or rename a heading: left out for speed.
# (pymdownx.snippets only appends the glossary's abbreviations here.)
HEADING_NEUTRAL = frozenset({
    "abbr", "tables", "footnotes", "def_list", "pymdownx.snippets", "pymdownx.highlight",
    "pymdownx.inlinehilite", "pymdownx.emoji", "pymdownx.keys", "pymdownx.mark",
    "pymdownx.caret", "pymdownx.tilde", "pymdownx.critic", "pymdownx.smartsymbols",
    "pymdownx.betterem", "pymdownx.magiclink", "pymdownx.tasklist", "pymdownx.escapeall",
})
_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# What MkDocs itself adds to every site (toc and its defaults), used when there is no mkdocs.yml.
DEFAULT_EXTENSIONS: tuple = (("toc", ()), ("attr_list", ()))


def _frozen(value: Any) -> Any:
    """A hashable copy of a YAML value, so a configuration can key a cache."""
    if isinstance(value, dict):
        return tuple((k, _frozen(v)) for k, v in value.items())
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def site_markdown_config(config_file: Path) -> tuple:
    """The heading-relevant Markdown extensions of a mkdocs.yml, as ((name, options), ...)."""
    listed = read_site_config(config_file).get("markdown_extensions")
    if not isinstance(listed, list):
        return DEFAULT_EXTENSIONS
    found: list[tuple[str, tuple]] = []
    for item in listed:
        name, options = (next(iter(item.items())) if isinstance(item, dict) and item
                         else (item, None))
        if isinstance(name, str) and name not in HEADING_NEUTRAL:
            found.append((name, _frozen(options if isinstance(options, dict) else {})))
    if not any(name == "toc" for name, _ in found):  # MkDocs always adds toc
        found.insert(0, ("toc", ()))
    return tuple(found)


def _thawed(value: Any) -> Any:
    if isinstance(value, tuple) and all(isinstance(v, tuple) and len(v) == 2 for v in value):
        return {k: _thawed(v) for k, v in value}
    return value


@functools.cache
def _converter(config: tuple) -> markdown.Markdown:
    """A Markdown instance with the given extensions (built as Markdown builds them by name,
    without its entry-point scan, which costs more than reading every page)."""
    import markdown
    from markdown.treeprocessors import Treeprocessor

    class KeepOnlyHeadingText(Treeprocessor):
        """Drop the text of everything but headings before the (slow) inline step."""

        def run(self, root: Any) -> None:
            for element in root.iter():
                # Text with '{' may be an attribute list giving an element an id, which toc
                # avoids when numbering repeated headings: keep it.
                if element.tag not in _HEADINGS and element.text and "{" not in element.text:
                    element.text = None
                if element.tail and "{" not in element.tail:
                    element.tail = None

    class HeadingsOnly(markdown.Extension):
        def extendMarkdown(self, md: markdown.Markdown) -> None:
            md.treeprocessors.register(KeepOnlyHeadingText(md), "quizkit-headings-only", 25)

    extensions: list[markdown.Extension] = []
    for name, options in config:
        module = importlib.import_module(name if "." in name else f"markdown.extensions.{name}")
        settings = {k: v for k, v in (_thawed(options) if options else {}).items()
                    if v is not None}
        extensions.append(module.makeExtension(**settings))
    return markdown.Markdown(extensions=[*extensions, HeadingsOnly()])


@functools.cache
def _config_for(docs_dir: Path) -> tuple:
    config_file = docs_dir.parent / "mkdocs.yml"
    return site_markdown_config(config_file) if config_file.is_file() else DEFAULT_EXTENSIONS


@functools.cache
def _versions(config: tuple) -> str:
    """What the anchors depend on besides the text: the settings and the installed code."""
    stamps = [repr(config)]
    for name in sorted({"markdown", *(n.split(".")[0] for n, _ in config if "." in n)}):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec and spec.origin else ""
        stamps.append(f"{name}:{os.stat(origin).st_mtime_ns if origin else 0}")
    return "\n".join(stamps)


class _Cache:
    """Page text -> anchors, kept in CACHE_FILE between runs (best effort: never an error)."""

    def __init__(self) -> None:
        self.entries: dict[str, list[list[str]]] | None = None

    def _load(self) -> dict[str, list[list[str]]]:
        if self.entries is None:
            try:
                loaded = json.loads(CACHE_FILE.read_text(encoding="utf-8"))
                self.entries = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.entries = {}
        return self.entries

    def get(self, key: str) -> list[list[str]] | None:
        return self._load().get(key)

    def put(self, key: str, value: list[list[str]]) -> None:
        entries = self._load()
        entries.pop(key, None)
        entries[key] = value
        for old in list(entries)[: max(0, len(entries) - CACHE_LIMIT)]:
            del entries[old]
        write_cache(CACHE_FILE, json.dumps(entries).encode("utf-8"))


_cache = _Cache()


def heading_anchors(body: str, docs_dir: Path | None = None, config: tuple | None = None,
                    title: str | None = None) -> dict[str, str]:
    """Anchor -> heading text for every heading of a page body, in order, as the site has them.

    config: from site_markdown_config; None reads the mkdocs.yml beside docs_dir.
    title: the `# title` the build puts above the body (build_quiz.py's hook does, for a page
    with objectives); it is not listed, but a body heading with the same text is numbered
    after it (`…_1`), as on the site.
    """
    if config is None:
        config = _config_for(docs_dir.resolve()) if docs_dir else DEFAULT_EXTENSIONS
    text = f"# {title}\n\n{body}" if title else body
    key = hashlib.sha256(f"{_versions(config)}\n\n{text}".encode()).hexdigest()
    cached = _cache.get(key)
    if cached is None:
        cached = _convert(text, config)
        _cache.put(key, cached)
    return dict(cached[1:] if title else cached)  # type: ignore[arg-type]  (JSON lists)


def _convert(body: str, config: tuple) -> list[list[str]]:
    """[[anchor, heading text], ...] from Markdown's toc extension, in page order."""
    converter = _converter(config)
    converter.reset()
    converter.convert(body)
    found: list[list[str]] = []
    stack = list(reversed(getattr(converter, "toc_tokens", [])))
    while stack:
        token = stack.pop()
        found.append([token["id"], html.unescape(token["name"]).strip()])
        stack.extend(reversed(token.get("children", [])))
    return found
