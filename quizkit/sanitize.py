"""One check for every quiz text that reaches a page: nothing in it may become live HTML.

Quiz files are untrusted text (teaching assistants and students send corrections), and every
field is rendered as Markdown into the site, the handouts and the LMS exports. Python-Markdown
passes raw HTML through, keeps any link scheme, and (with attr_list, which the site enables)
lets `{ onclick=... }` set any attribute. So a text is refused, not cleaned, when it has:

* `raw-html`: anything an HTML tokenizer would start a tag, comment or declaration at: a `<`
  followed by a letter, `/`, `!` or `?` (WHATWG HTML, "tag open state"). Python's HTMLParser
  reads the complete ones (so a message can name the tag, even split over lines); a `<` of
  that kind it leaves as text (an unclosed `<img src=x`) is refused too. Markdown autolinks
  (`<https://…>`, `<name@host>`) are links, not HTML, and are checked as links.
* `unsafe-link`: a link or image whose address has a scheme other than http, https or mailto
  (`javascript:`, `data:`, `vbscript:`…), in an inline link, a reference definition, an
  autolink or an attribute list. The address is read as a browser would: HTML entities decoded
  (`jav&#x61;script:`), backslash escapes removed, and tabs, newlines and spaces dropped
  (`java\nscript:`), letter case ignored.
* `unsafe-attribute`: an attribute list (`{: … }`) setting anything but an #id or a .class.
* `quiz-markup`: a `<quiz>` or `</quiz>` tag (it would open or close a question block), a line
  of only `---` (it ends a fill-in question, or opens front matter), or a `--8<--` snippet
  line (it would paste another file into the page).

`check` returns what it found with offsets into the text; quizkit.validate turns each into a
`file:line:col` message.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from html.parser import HTMLParser

SAFE_SCHEMES = ("http", "https", "mailto")

# A `<` that starts markup in a browser; see the module docstring.
_MARKUP_START = re.compile(r"<[A-Za-z/!?]")
# Autolinks: Python-Markdown's (markdown.inlinepatterns AUTOLINK_RE, AUTOMAIL_RE, narrowed:
# no quotes, no spaces) plus any other `<scheme:...>`, so a dangerous one is named as a link.
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]*:[^<>\s\"'`]*|[\w.+\-]+@[\w.\-]+)>")
# Where a Markdown link's address starts: `](` of an inline link or image, `]:` of a
# reference definition at the start of a line.
_INLINE_LINK = re.compile(r"\]\(")
_REFERENCE = re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:", re.MULTILINE)  # not a [^footnote]:
# attr_list's own pattern (markdown.extensions.attr_list.AttrListTreeprocessor.BASE_RE).
_ATTR_LIST = re.compile(r"\{\:?[ ]*([^\}\n ][^\n]*?)\}")
_RULE_LINE = re.compile(r"^[ \t]*---[ \t]*$", re.MULTILINE)
_SNIPPET = re.compile(r"^[ \t]*;?-{1,}8<-{1,}", re.MULTILINE)
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")
# Text without any of these cannot hold what `check` looks for (most texts: checked at once).
_MAYBE = re.compile(r"[<{]|\]\(|\]:|8<|^[ \t]*---[ \t]*$", re.MULTILINE)
_INVISIBLE = re.compile(r"[\x00-\x20\x7f\u00a0\u1680\u2000-\u200f\u2028-\u202f\u205f\u3000\ufeff]")


@dataclass(frozen=True)
class Unsafe:
    """One thing in a text that could reach a page as live markup."""

    rule: str  # raw-html | unsafe-link | unsafe-attribute | quiz-markup
    offset: int  # where it starts in the text
    found: str  # the text concerned, shortened for a message
    detail: str = ""  # the tag, scheme or attribute named in the message


def _shorten(text: str, limit: int = 40) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


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


def _raw_html(text: str, blanked: str) -> list[Unsafe]:
    """Tags, comments and declarations in `blanked` (the text with autolinks blanked out)."""
    if not _MARKUP_START.search(blanked):
        return []
    parser = _Markup(blanked)
    parser.feed(blanked)
    parser.close()
    found = []
    opened = any(not tag.startswith("/") for _, tag in parser.found)
    for offset, tag in parser.found:
        if tag.startswith("/") and opened:
            continue  # `<b>…</b>` is one problem: name the opening tag only
        end = blanked.find(">", offset)
        snippet = text[offset: end + 1 if end >= 0 else None]
        rule = "quiz-markup" if tag.lstrip("/") == "quiz" else "raw-html"
        found.append(Unsafe(rule, offset, _shorten(snippet), tag))
    for offset in parser.text_lt:  # an unclosed tag or comment is still markup to a browser
        if _MARKUP_START.match(blanked, offset):
            found.append(Unsafe("raw-html", offset, _shorten(text[offset: offset + 30])))
    return found


def link_scheme(address: str) -> str | None:
    """The scheme a browser would see in a link address (lowercase), or None if relative."""
    previous = None
    while previous != address:  # &amp;#106; decodes twice in some pipelines: decode fully
        previous, address = address, html.unescape(address)
    address = _INVISIBLE.sub("", address.replace("\\", "")).lstrip("<").lower()
    match = _SCHEME.match(address)
    return match.group(1) if match else None


def _address_after(text: str, start: int) -> str:
    """The address of an inline link that starts at `start`: up to its closing parenthesis
    (nested ones balanced) or the quote of a title. Spaces and newlines inside are kept (and
    then ignored by link_scheme), as a browser drops them from `java\nscript:`."""
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


def _links(text: str) -> list[Unsafe]:
    found = []
    addresses = [(m.end(), _address_after(text, m.end())) for m in _INLINE_LINK.finditer(text)]
    for match in _REFERENCE.finditer(text):
        rest = text[match.end():]
        word = re.match(r"\s*(\S+)", rest)
        if word:
            addresses.append((match.end() + word.start(1), word.group(1)))
    addresses += [(m.start(), m.group(1)) for m in _AUTOLINK.finditer(text)]
    for offset, address in addresses:
        scheme = link_scheme(address)
        if scheme is not None and scheme not in SAFE_SCHEMES:
            found.append(Unsafe("unsafe-link", offset, _shorten(address), scheme))
    return found


def _attribute_lists(text: str) -> list[Unsafe]:
    found = []
    for match in _ATTR_LIST.finditer(text):
        if "=" not in match.group(1):
            continue  # only #id and .class tokens (or not an attribute list at all)
        # attr_list's own parser, imported only here: most texts have no attribute list.
        from markdown.extensions.attr_list import get_attrs_and_remainder

        attrs, _ = get_attrs_and_remainder(match.group(1))
        for key, value in attrs:
            if key in ("id", "class"):
                continue
            scheme = link_scheme(value or "")
            if key in ("href", "src") and scheme is not None and scheme not in SAFE_SCHEMES:
                found.append(Unsafe("unsafe-link", match.start(), _shorten(value or ""), scheme))
            else:
                found.append(Unsafe("unsafe-attribute", match.start(),
                                    _shorten(match.group(0)), key))
            break  # one message per attribute list
    return found


def _quiz_markup(text: str) -> list[Unsafe]:
    found = [Unsafe("quiz-markup", m.start(), "---", "---") for m in _RULE_LINE.finditer(text)]
    found += [Unsafe("quiz-markup", m.start(), _shorten(m.group(0)), "--8<--")
              for m in _SNIPPET.finditer(text)]
    return found


def check(text: str) -> list[Unsafe]:
    """Everything in a quiz text that could reach a page as live markup, in text order."""
    if not _MAYBE.search(text):
        return []
    blanked = text
    for match in _AUTOLINK.finditer(text):  # a link, not HTML (_links checks its scheme)
        blanked = blanked[: match.start()] + " " * len(match.group(0)) + blanked[match.end():]
    found = _raw_html(text, blanked) + _links(text) + _attribute_lists(text) + _quiz_markup(text)
    return sorted(set(found), key=lambda u: (u.offset, u.rule))
