"""One check for every quiz text that reaches a page: nothing in it may become live HTML.

Quiz files are untrusted text (teaching assistants and students send corrections), and every
field is rendered as Markdown into the site, the handouts and the LMS exports. Python-Markdown
passes raw HTML through, keeps any link scheme, resolves reference definitions wherever they
stand (in a quote, a list, an admonition) and, with attr_list, lets `{ onclick=... }` set any
attribute. Guessing from the source which of these Markdown will honour cannot be complete, so
the decision is taken on what Markdown *produces*:

1. The text is rendered with the site's own Markdown extensions (read from mkdocs.yml, as
   MkDocs and mkdocs-quiz use them), and the HTML is walked: every element must be one
   Markdown makes (TAGS) with the attributes Markdown gives it (ATTRIBUTES), every address
   (`href`, `src`, and every reference definition, used or not: another field may use it)
   must be relative or http, https or mailto, read as a browser reads it (entities decoded,
   `java\\nscript:` joined, letter case ignored: `link_scheme`), and an image must come from
   the module itself (the site loads nothing from other hosts).
2. The source is also read for what must never be there whatever Markdown does with it: raw
   HTML (anything an HTML tokenizer would start a tag, comment or declaration at: a `<`
   followed by a letter, `/`, `!` or `?`, read whole by Python's HTMLParser so a message can
   name the tag, even split over lines) and mkdocs-quiz's own markup (`<quiz>`, a line of only
   `---`, a `--8<--` snippet line).

What is found is reported once, where it is in the source: the address or attribute list as
written, located among the text's link-like places (`](`, `]:`, `<…>`, `{…}`); a problem
inside a raw HTML tag is that tag's problem.

Rendering costs about 0.2 ms a text, so only texts that could produce anything step 1 looks
at are rendered: links, images, references and autolinks need `[` or `<`, attribute lists
`{`, raw HTML `<`, a fenced block's options a fence; every other Markdown construct of the
known extensions (KNOWN_EXTENSIONS) yields only allowed elements with fixed attributes. With
an extension outside that list every text is rendered. Results for rendered texts are kept in
.cache/quizkit/ (keyed by the text, the settings and the installed Markdown), so an unchanged
bank renders nothing.
"""

from __future__ import annotations

import functools
import hashlib
import html
import importlib
import importlib.util
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from quizkit.cache import JsonCache

SAFE_SCHEMES = ("http", "https", "mailto")

# What Python-Markdown and the known extensions make (plus harmless inline formatting that
# other extensions make), and the attributes they set. Everything else came from raw HTML or
# an attribute list.
TAGS = frozenset({
    "p", "br", "hr", "em", "strong", "b", "i", "u", "s", "del", "ins", "mark", "small", "sub",
    "sup", "code", "pre", "kbd", "samp", "var", "cite", "q", "dfn", "abbr", "span", "div",
    "a", "img", "blockquote", "ul", "ol", "li", "dl", "dt", "dd", "h1", "h2", "h3", "h4", "h5",
    "h6", "table", "caption", "thead", "tbody", "tfoot", "tr", "th", "td", "details",
    "summary",
})
ATTRIBUTES: dict[str, frozenset[str]] = {
    "*": frozenset({"id", "class", "title"}),  # attr_list's #id and .class; titles, abbr
    "a": frozenset({"href"}),
    "img": frozenset({"src", "alt"}),
    "th": frozenset({"style", "align"}),  # the tables extension's column alignment
    "td": frozenset({"style", "align"}),
    "details": frozenset({"open"}),  # `???+`
    "ol": frozenset({"start"}),
}
_ALIGNMENT = re.compile(r"^\s*text-align:\s*(left|right|center)\s*;?\s*$")
ADDRESS_ATTRIBUTES = frozenset({"href", "src", "action", "formaction", "xlink:href", "srcset",
                                "poster", "data", "cite", "background", "ping", "manifest",
                                "icon", "codebase", "longdesc", "usemap", "lowsrc", "dynsrc"})

# Extensions whose syntax the pre-filter below accounts for (MkDocs always adds toc, tables
# and fenced_code). pymdownx.snippets is never run: its lines are refused as quiz markup.
KNOWN_EXTENSIONS = frozenset({
    "abbr", "admonition", "attr_list", "def_list", "fenced_code", "footnotes", "md_in_html",
    "sane_lists", "tables", "toc", "pymdownx.details", "pymdownx.superfences",
    "pymdownx.highlight", "pymdownx.inlinehilite", "pymdownx.snippets",
})
NOT_RENDERED = frozenset({"pymdownx.snippets"})
MKDOCS_BUILTINS = ("toc", "tables", "fenced_code")
# A text without these cannot produce a link, image, attribute or raw HTML with the known
# extensions (blanks [[…]] are masked first: mkdocs-quiz turns them into inputs).
_MAY_PRODUCE = re.compile(r"[<\[{]|`{3}|~{3}")

# A `<` that starts markup in a browser; see the module docstring.
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
# Autolinks: Python-Markdown's (markdown.inlinepatterns AUTOLINK_RE, AUTOMAIL_RE, narrowed:
# no quotes, no spaces) plus any other `<scheme:...>`, so a dangerous one is named as a link.
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s\"'`]*|[\w.+\-]+@[\w.\-]+)>")
# Where an address may be written: after `](` (inline link or image), `]:` (a reference
# definition, at any depth), inside `<…>` (autolink), in `{…}` (attribute list).
_INLINE_LINK = re.compile(r"\]\(")
_REFERENCE = re.compile(r"\]:[ \t]*(?:\n[ \t>]*)?(\S+)")
_ATTR_LIST = re.compile(r"\{\:?[ ]*([^\}\n ][^\n]*?)\}")
_HTML_ADDRESS = re.compile(r"(?<![\w-])(?:href|src)\s*=\s*([\"']?)([^\"'\s>]+)", re.IGNORECASE)
_RULE_LINE = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)
_SNIPPET = re.compile(r"^[ \t]*;?-{1,}8<-{1,}", re.MULTILINE)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Text without any of these has nothing the source checks look for (most texts).
_MAYBE_MARKUP = re.compile(r"<|8<|^[ \t]*---[ \t]*$", re.MULTILINE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")
_BLANK = re.compile(r"\[\[([^\]]*)\]\]")  # quizkit.model.BLANK (not imported: a light module)


@dataclass(frozen=True)
class Unsafe:
    """One thing in a text that could reach a page as live markup."""

    # raw-html | unsafe-link | unsafe-attribute | remote-image | quiz-markup
    rule: str
    offset: int  # where it starts in the text
    found: str  # the text concerned, shortened for a message
    detail: str = ""  # the tag, scheme or attribute named in the message


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def link_scheme(address: str) -> str | None:
    """The scheme a browser would see in a link address (lowercase), or None if relative."""
    match = _SCHEME.match(_normalised(address))
    return match.group(1) if match else None


def _normalised(address: str) -> str:
    """An address as a browser compares it: entities decoded (fully: &amp;#106; decodes twice
    in some pipelines), backslash escapes, invisible characters and <> dropped, lowercase."""
    previous = None
    while previous != address:
        previous, address = address, html.unescape(address)
    return _INVISIBLE.sub("", address.replace("\\", "")).strip("<>").lower()


# --- the site's Markdown -------------------------------------------------------------------------


@dataclass(frozen=True)
class MarkdownSettings:
    """The Markdown extensions quiz text is rendered with, and their options."""

    extensions: tuple[str, ...]
    key: str  # extensions and options as text: what a cached result depends on
    options: dict[str, dict[str, Any]] = field(default_factory=dict, compare=False,
                                                hash=False)

    @property
    def prefilter(self) -> bool:
        """Whether texts without `_MAY_PRODUCE` may be left unrendered (see the docstring)."""
        return all(name in KNOWN_EXTENSIONS for name in self.extensions)


def _settings(listed: list[Any]) -> MarkdownSettings:
    names: list[str] = []
    options: dict[str, dict[str, Any]] = {}
    for item in listed:
        name, config = (next(iter(item.items())) if isinstance(item, dict) and item
                        else (item, None))
        if not isinstance(name, str):
            continue
        name = name.removeprefix("markdown.extensions.")
        if name in NOT_RENDERED or name in names:
            continue
        names.append(name)
        options[name] = {k: v for k, v in (config or {}).items() if v is not None} \
            if isinstance(config, dict) else {}
    for name in MKDOCS_BUILTINS:
        if name not in names:
            names.append(name)
            options[name] = {}
    return MarkdownSettings(tuple(names), repr(_stable(options)), options)


def _stable(value: Any) -> Any:
    """Options as text that is the same in every process (a toc `slugify` function from
    `!!python/name:` by its name, not its address in memory), for the cache's keys."""
    if isinstance(value, dict):
        return sorted((str(k), _stable(v)) for k, v in value.items())
    if isinstance(value, list | tuple):
        return [_stable(v) for v in value]
    if callable(value):
        return f"{getattr(value, '__module__', '')}.{getattr(value, '__qualname__', '')}"
    return value


# Without a mkdocs.yml: every known extension, so nothing one of them would make is missed.
BROAD = _settings(sorted(KNOWN_EXTENSIONS - NOT_RENDERED))


def site_settings(config_file: Path) -> MarkdownSettings:
    """The Markdown extensions of a mkdocs.yml (BROAD when it is missing or lists none)."""
    from quizkit.siteconfig import read_site_config

    listed = read_site_config(config_file).get("markdown_extensions")
    return _settings(listed) if isinstance(listed, list) else BROAD


@functools.lru_cache(maxsize=4)
def _converter(settings: MarkdownSettings) -> Any:
    """A Markdown instance with the settings' extensions (imported by name, as Markdown does,
    without its entry-point scan)."""
    import markdown

    extensions = []
    for name in settings.extensions:
        module = importlib.import_module(name if "." in name else f"markdown.extensions.{name}")
        extensions.append(module.makeExtension(**settings.options.get(name, {})))
    return markdown.Markdown(extensions=extensions)


@functools.cache
def _versions() -> str:
    """What a rendered check depends on besides the text and settings: the installed Markdown
    and this module's own code."""
    stamps = [f"{__file__}:{os.stat(__file__).st_mtime_ns}"]
    for name in ("markdown", "pymdownx"):
        spec = importlib.util.find_spec(name)
        origin = spec.origin if spec and spec.origin else ""
        stamps.append(f"{name}:{os.stat(origin).st_mtime_ns if origin else 0}")
    return "\n".join(stamps)


_cache = JsonCache("safe-text.json")


# --- what Markdown produced ----------------------------------------------------------------------


@dataclass
class Found:
    """Elements, attributes and addresses of an HTML text outside the allow-lists."""

    tags: list[str] = field(default_factory=list)  # "<tag …>" as found
    attributes: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value)
    addresses: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, name, value)
    images: list[str] = field(default_factory=list)  # src of images from another host
    comments: int = 0


class _Walk(HTMLParser):
    """Everything in an HTML text outside TAGS and ATTRIBUTES (`tags`, `attributes`: None
    skips that check), and every dangerous address, event attribute or remote image."""

    def __init__(self, tags: frozenset[str] | None,
                 attributes: dict[str, frozenset[str]] | None) -> None:
        super().__init__(convert_charrefs=True)
        self.allowed_tags = tags
        self.allowed_attributes = attributes
        self.found = Found()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = self.found
        if self.allowed_tags is not None and tag not in self.allowed_tags:
            scheme = _SCHEME.match(tag)  # `<javascript:x>`: Markdown passes it on as a tag
            if scheme and ":" in tag:
                found.addresses.append(("", "", tag))
            else:
                found.tags.append(self.get_starttag_text() or f"<{tag}>")
            return
        for name, value in attrs:
            value = value or ""
            if name in ADDRESS_ATTRIBUTES:
                scheme = link_scheme(value)
                if scheme is not None and scheme not in SAFE_SCHEMES:
                    found.addresses.append((tag, name, value))
                    continue
                if tag == "img" and name == "src" and (scheme or value.startswith("//")):
                    found.images.append(value)
                    continue
            if name.startswith("on") or (self.allowed_attributes is not None
                                         and not self._allowed(tag, name, value)):
                found.attributes.append((tag, name, value))

    handle_startendtag = handle_starttag

    def _allowed(self, tag: str, name: str, value: str) -> bool:
        table = self.allowed_attributes or {}
        if name in table.get("*", ()):
            return True
        if name not in table.get(tag, ()):
            return False
        return name != "style" or bool(_ALIGNMENT.match(value))

    def handle_comment(self, data: str) -> None:
        self.found.comments += 1

    def handle_decl(self, decl: str) -> None:
        self.found.comments += 1

    handle_pi = unknown_decl = handle_decl


def walk(html_text: str, tags: frozenset[str] | None = TAGS,
         attributes: dict[str, frozenset[str]] | None = ATTRIBUTES) -> Found:
    """What in an HTML text is outside the allow-lists (the site's pages and the exports use
    this with their own lists; None leaves that check out)."""
    walker = _Walk(tags, attributes)
    walker.feed(html_text)
    walker.close()
    return walker.found


# --- the source ----------------------------------------------------------------------------------


class _Markup(HTMLParser):
    """Every tag, comment and declaration HTMLParser finds, with its offset in the text."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = text
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.found: list[tuple[int, str]] = []  # (offset, tag name or "" for other markup)
        self.text_lt: list[int] = []  # offsets of a '<' HTMLParser left as text

    def _offset(self) -> int:
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.found.append((self._offset(), tag))

    handle_startendtag = handle_starttag

    def handle_endtag(self, tag: str) -> None:
        self.found.append((self._offset(), "/" + tag))

    def handle_comment(self, data: str) -> None:
        self.found.append((self._offset(), ""))

    def handle_decl(self, decl: str) -> None:
        self.found.append((self._offset(), ""))

    handle_pi = unknown_decl = handle_decl

    def handle_data(self, data: str) -> None:
        if data.startswith("<"):
            self.text_lt.append(self._offset())


def _raw_html(text: str) -> list[tuple[Unsafe, int]]:
    """(problem, end offset) of every tag, comment and declaration in the text (autolinks,
    which are links, left out)."""
    blanked = _AUTOLINK.sub(lambda m: " " * len(m.group(0)), text)
    if not _MARKUP_START.search(blanked):
        return []
    parser = _Markup(blanked)
    parser.feed(blanked)
    parser.close()
    found = []
    opened = any(not tag.startswith("/") for _, tag in parser.found)
    for offset, tag in parser.found:
        end = blanked.find(">", offset)
        end = end + 1 if end >= 0 else len(text)
        if tag.startswith("/") and opened:
            found.append((Unsafe("", offset, ""), end))  # `<b>…</b>` is one problem
            continue
        rule = "quiz-markup" if tag.lstrip("/") == "quiz" else "raw-html"
        found.append((Unsafe(rule, offset, _shorten(text[offset:end]), tag), end))
    for offset in parser.text_lt:  # an unclosed tag or comment is still markup to a browser
        if _MARKUP_START.match(blanked, offset):
            found.append((Unsafe("raw-html", offset, _shorten(text[offset: offset + 30])),
                          len(text)))
    return found


def _quiz_markup(text: str) -> list[Unsafe]:
    found = [Unsafe("quiz-markup", m.start(), "---", "---") for m in _RULE_LINE.finditer(text)]
    found += [Unsafe("quiz-markup", m.start(), _shorten(m.group(0)), "--8<--")
              for m in _SNIPPET.finditer(text)]
    return found


def _address_after(text: str, start: int) -> str:
    """The address of an inline link that starts at `start`: up to its closing parenthesis
    (nested ones balanced) or the quote of a title. Spaces and newlines inside are kept (and
    then ignored by link_scheme), as a browser drops them from `java\\nscript:`."""
    depth, end = 0, start
    while end < len(text):
        char = text[end]
        if char == "(":
            depth += 1
        elif char == ")":
            if depth == 0:
                break
            depth -= 1
        elif char in "\"'" and text[start:end].strip():
            break  # the address ends where a title ("…") begins
        end += 1
    return text[start:end]


def _written_addresses(text: str) -> list[tuple[int, str]]:
    """(offset, address as written) of every place in the text an address may be written."""
    found = [(m.end(), _address_after(text, m.end())) for m in _INLINE_LINK.finditer(text)]
    found += [(m.start(1), m.group(1)) for m in _REFERENCE.finditer(text)]
    found += [(m.start(), m.group(1)) for m in _AUTOLINK.finditer(text)]
    lists = _written_attribute_lists(text)
    found += [(offset, value) for offset, _, attrs in lists for value in attrs.values()]
    found += [(m.start(2), m.group(2)) for m in _HTML_ADDRESS.finditer(text)  # pages' HTML
              if not any(o <= m.start() < o + len(t) for o, t, _ in lists)]
    first = {}  # `[r]: <x>` and `](<x>)` are also autolinks: one place each
    for offset, address in sorted(found):
        first.setdefault(offset, address)
    return sorted(first.items())


def _written_attribute_lists(text: str) -> list[tuple[int, str, dict[str, str]]]:
    """(offset, text, attributes) of every attribute list in the text."""
    found = []
    for match in _ATTR_LIST.finditer(text):
        if "=" not in match.group(1):
            continue  # only #id and .class tokens
        from markdown.extensions.attr_list import get_attrs_and_remainder

        attrs, _ = get_attrs_and_remainder(match.group(1))
        found.append((match.start(), match.group(0), {k: v or "" for k, v in attrs}))
    return found


# --- the check -----------------------------------------------------------------------------------


def check(text: str, settings: MarkdownSettings = BROAD) -> list[Unsafe]:
    """Everything in a quiz text that could reach a page as live markup, in text order."""
    masked = _BLANK.sub(lambda m: "x" * len(m.group(0)), text) if "[[" in text else text
    render = not settings.prefilter or bool(_MAY_PRODUCE.search(masked))
    if not render and not _MAYBE_MARKUP.search(text):
        return []  # nearly every text
    raw = _raw_html(text)
    found = [unsafe for unsafe, _ in raw if unsafe.rule] + _quiz_markup(text)
    if render:
        spans = [(unsafe.offset, end) for unsafe, end in raw]
        found += [unsafe for unsafe in _rendered(masked, text, settings)
                  if not any(start <= unsafe.offset < end for start, end in spans)
                  and not (unsafe.rule == "raw-html" and raw)]
    return sorted(set(found), key=lambda u: (u.offset, u.rule))


def _rendered(masked: str, text: str, settings: MarkdownSettings) -> list[Unsafe]:
    """What rendering the text finds (remembered in the cache by text and settings)."""
    key = hashlib.sha256(f"{_versions()}\n{settings.key}\n{masked}".encode()).hexdigest()
    cached = _cache.get(key)
    if cached is None:
        cached = [[u.rule, u.offset, u.found, u.detail] for u in _render_check(masked, text,
                                                                              settings)]
        _cache.put(key, cached)
    return [Unsafe(*entry) for entry in cached]


def _render_check(masked: str, text: str, settings: MarkdownSettings,
                  tags: frozenset[str] | None = TAGS,
                  attributes: dict[str, frozenset[str]] | None = ATTRIBUTES) -> list[Unsafe]:
    converter = _converter(settings)
    html_text = converter.reset().convert(masked)
    found = walk(html_text, tags, attributes)
    bad = {_normalised(value): value for _, _, value in found.addresses}
    for url, _ in getattr(converter, "references", {}).values():  # used or not
        scheme = link_scheme(url)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            bad.setdefault(_normalised(url), url)
    unsafe: list[Unsafe] = []
    written = _written_addresses(text)
    for normal, value in bad.items():
        scheme = link_scheme(value) or ""
        places = [(o, a) for o, a in written if _normalised(a) == normal]
        for offset, address in places or [(_first(text, "[<{"), value)]:
            unsafe.append(Unsafe("unsafe-link", offset, _shorten(address), scheme))
    images = {_normalised(src): src for src in found.images}
    for normal, src in images.items():
        places = [(o, a) for o, a in written if _normalised(a) == normal]
        for offset, address in places or [(_first(text, "[<{"), src)]:
            unsafe.append(Unsafe("remote-image", offset, _shorten(address), "img"))
    lists = _written_attribute_lists(text)
    for _, name, value in found.attributes:
        places = [(o, t) for o, t, attrs in lists if name in attrs]
        if not places:  # in raw HTML (a page's): at the attribute itself
            written_at = re.search(rf"(?<![\w-]){re.escape(name)}\s*=", text)
            places = [(written_at.start() if written_at else _first(text, "{<"),
                       f"{name}={value}")]
        for offset, written_list in places:
            unsafe.append(Unsafe("unsafe-attribute", offset, _shorten(written_list), name))
    for tag in found.tags:
        unsafe.append(Unsafe("raw-html", _first(text, "<"), _shorten(tag)))
    if found.comments and tags is not None:  # pages may hold comments
        unsafe.append(Unsafe("raw-html", _first(text, "<"), "<!--"))
    return unsafe


def _first(text: str, characters: str) -> int:
    """The offset of the first of `characters` in the text (0 if none)."""
    offsets = [text.find(c) for c in characters if c in text]
    return min(offsets) if offsets else 0


# --- pages faculty write -------------------------------------------------------------------------


def check_page(body: str, settings: MarkdownSettings = BROAD) -> list[Unsafe]:
    """A lesson's links checked as quiz text is (every address Markdown makes, references at
    any depth included, relative or http, https, mailto; images the module's own; no event
    attribute), but not its elements: faculty pages may hold HTML (boxes, buttons)."""
    key = hashlib.sha256(f"page\n{_versions()}\n{settings.key}\n{body}".encode()).hexdigest()
    cached = _cache.get(key)
    if cached is None:
        cached = [[u.rule, u.offset, u.found, u.detail]
                  for u in _render_check(body, body, settings, tags=None, attributes=None)]
        _cache.put(key, cached)
    return [Unsafe(*entry) for entry in cached]


# --- what the outputs hold ----------------------------------------------------------------------

# A whole HTML document (a handout) has these around Markdown's elements.
DOCUMENT_TAGS = frozenset({"html", "head", "body", "meta", "title", "style", "section",
                           "header", "footer", "main", "article"})
# Elements no export needs that could run code or embed another document.
_ACTIVE_ELEMENTS = frozenset({"script", "iframe", "frame", "frameset", "object", "embed",
                              "applet", "base", "form", "svg", "math", "link", "meta"})


def describe(found: Found) -> list[str]:
    """Each element of `found` as it would be written, shortened, for a one-line message."""
    elements = [f'<{tag} {name}="{value[:60]}">' for tag, name, value in found.attributes]
    elements += [f'<{tag} {name}="{value[:60]}">' if tag else f"<{value[:60]}>"
                 for tag, name, value in found.addresses]
    elements += [f'<img src="{src[:60]}">' for src in found.images]
    elements += [tag[:80] for tag in found.tags]
    return elements


def unsafe_in_html(text: str, tags: frozenset[str] = TAGS | DOCUMENT_TAGS) -> list[str]:
    """What in an HTML document or fragment (a handout, an exported question's text) could
    run code or load from another host, or is not an element Markdown makes."""
    return describe(walk(text, tags, attributes=None))


def unsafe_in_xml(data: bytes) -> list[str]:
    """The same for an LMS export's XML: its HTML texts (Moodle's <text>, QTI 1.2's
    <mattext>) as HTML, and in QTI 2.1's XHTML every element and attribute."""
    import xml.etree.ElementTree as ET

    found: list[str] = []
    for element in ET.fromstring(data).iter():
        name = str(element.tag).rsplit("}", 1)[-1]
        if name in _ACTIVE_ELEMENTS:
            found.append(f"<{name}>")
        for key, value in element.attrib.items():
            key = key.rsplit("}", 1)[-1]
            scheme = link_scheme(value) if key in ADDRESS_ATTRIBUTES else None
            if key.startswith("on") or (scheme is not None and scheme not in SAFE_SCHEMES):
                found.append(f'<{name} {key}="{value[:60]}">')
            elif name == "img" and key == "src" and scheme is not None:
                found.append(f'<img src="{value[:60]}">')
        if name in ("text", "mattext") and element.text and "<" in element.text:
            found += unsafe_in_html(element.text, TAGS)
    return found
