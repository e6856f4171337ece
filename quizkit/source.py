"""Read a YAML document and remember where every key and value came from.

Faculty need `file:line:col` on every message, so instead of `yaml.safe_load` (which forgets
positions and silently keeps the last of two duplicate keys) we compose PyYAML's node tree and
convert it ourselves, recording the 1-based position of each key and value by its path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from quizkit.problems import Problem
from quizkit.yamlhints import (
    alias_problem,
    character_problems,
    explain_syntax_error,
    quote_advice,
    shorten,
)

# libyaml's composer keeps the same marks and is several times faster; fall back if absent.
# The *Base* loader tags every scalar as text: we decide types ourselves (see _scalar), which
# is both faster and the YAML 1.2 reading that editors use.
_BaseLoader = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


_DEFAULT_TAGS = {yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
                 yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
                 yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG}


class _Loader(_BaseLoader):  # type: ignore[misc, valid-type]
    """The Base loader without its per-node Python bookkeeping: nothing here reads a node's
    tag or uses path resolvers, so every node gets its kind's default tag, as BaseResolver
    (which has no implicit or path resolvers) would give it anyway. Saves a third of parsing."""

    def descend_resolver(self, current_node: Any, current_index: Any) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass

    def resolve(self, kind: type, value: Any, implicit: Any) -> str:
        return _DEFAULT_TAGS[kind]
_NULLS = ("", "~", "null", "Null", "NULL")
_BOOLEANS = {"true": True, "True": True, "TRUE": True,
             "false": False, "False": False, "FALSE": False}

DocPath = tuple[str | int, ...]  # a path into the document: ("questions", 0, "prompt")

class Hint(NamedTuple):
    """What to do about a parser complaint, and the id of the rule broken."""

    rule: str
    text: str


# Hints for YAML's most common complaints, phrased for people who are not programmers. Keyed
# by a phrase of libyaml's (or PyYAML's) message, or by the character it stopped at. The causes
# quizkit.yamlhints can name exactly (a tab, a curly quote, a missing colon…) are tried first.
_SYNTAX_HINTS = {
    "mapping values are not allowed": Hint(
        rule="yaml-colon",
        text="a value contains ': ' (colon and space); put the whole text in double quotes"),
    "found undefined alias": Hint(
        rule="yaml-star", text="a value starts with '*'; put the whole text in double quotes"),
    "scanning an alias": Hint(  # `*bold*`: the parser's context, not its problem, says so
        rule="yaml-star", text="a value starts with '*'; put the whole text in double quotes"),
    "did not find expected key": Hint(
        rule="yaml-indent",
        text="check the indentation: keys of one question must line up exactly"),
    "expected <block end>": Hint(
        rule="yaml-indent",
        text="check the indentation: items of one list or mapping must line up exactly"),
    "found unexpected end of stream": Hint(
        rule="yaml-unclosed-quote", text="a quotation mark is opened but never closed"),
    "found unknown escape character": Hint(
        rule="yaml-backslash",
        text="inside double quotes a backslash starts an escape; use single quotes instead"),
}
_CHARACTER_HINTS = {
    "\t": Hint(rule="yaml-tab",
               text="indent with spaces, not tabs (set your editor to insert spaces)"),
    "@": Hint(rule="yaml-reserved-start",
              text="text cannot start with '@'; put the whole text in double quotes"),
    "`": Hint(rule="yaml-reserved-start",
              text="text cannot start with '`'; put the whole text in double quotes"),
    "%": Hint(rule="yaml-reserved-start",
              text="text cannot start with '%'; put the whole text in double quotes"),
}


def _syntax_hint(problem: str, text: str, mark: yaml.Mark | None,
                 context: str = "") -> Hint | None:
    """What to say about a parser complaint (its problem, or the context it names), when
    something is known."""
    for phrase, hint in _SYNTAX_HINTS.items():
        if phrase in problem or phrase in context:
            return hint
    if mark is not None and "cannot start any token" in problem:
        lines = text.splitlines()
        if mark.line < len(lines) and mark.column < len(lines[mark.line]):
            return _CHARACTER_HINTS.get(lines[mark.line][mark.column])
    return None


@dataclass
class Document:
    """A loaded YAML document: plain Python data plus where each piece was written."""

    path: str  # as shown in messages, e.g. "quizzes/time-limit.yml"
    data: Any
    values: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    keys: dict[DocPath, tuple[int, int]] = field(default_factory=dict)
    literal_blocks: set[DocPath] = field(default_factory=set)
    lines: list[str] = field(default_factory=list)  # the source text, for exact positions

    def at(self, path: DocPath, message: str, *, key: bool = False, rule: str = "") -> Problem:
        """A problem pointing at the value (or, with key=True, the key) found at `path`."""
        line, col = self.position(path, key=key)
        return Problem(self.path, line, col, message, rule=rule)

    def position(self, path: DocPath, *, key: bool = False) -> tuple[int, int]:
        """The 1-based position of `path`, or of its nearest recorded parent."""
        table = self.keys if key else self.values
        while path:
            if path in table:
                return table[path]
            if path in self.values:
                return self.values[path]
            path = path[:-1]
        return self.values.get((), (1, 1))

    def line_of(self, path: DocPath, text_line: int) -> tuple[int, int]:
        """Position of line `text_line` (0-based) of a text value, exact for `|` blocks."""
        line, col = self.position(path)
        if path in self.literal_blocks and line + text_line < len(self.lines):
            source = self.lines[line + text_line]  # 0-based index of the 1-based next line
            return line + 1 + text_line, len(source) - len(source.lstrip()) + 1
        return line, col


def _mark(node: yaml.Node | yaml.Token) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def decode(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    """Decode file bytes as UTF-8 (a byte-order mark is allowed), or explain where it fails."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in raw[:1024]:
        # UTF-16 (Notepad's "Unicode"), with or without its byte-order mark: every other
        # byte of English text is a NUL, which no text in UTF-8 contains
        return None, [Problem(shown, 1, 1, "this file is saved as UTF-16 (Notepad calls it "
                              "'Unicode'), not UTF-8; save it with the encoding UTF-8 (most "
                              "editors: File > Save with Encoding > UTF-8; Notepad: File > Save "
                              "As, Encoding: UTF-8)", rule="file-encoding")]
    try:
        return raw.decode("utf-8"), []
    except UnicodeDecodeError as error:
        before = raw[: error.start]
        line = before.count(b"\n") + 1
        col = error.start - (before.rfind(b"\n") + 1) + 1
        bad = raw[error.start : error.start + 1].hex()
        return None, [
            Problem(
                shown,
                line,
                col,
                f"this file is not UTF-8 (byte 0x{bad} cannot be read); save it with the "
                "encoding UTF-8 (most editors: File > Save with Encoding > UTF-8)",
                rule="file-encoding",
            )
        ]


def parse(text: str, shown: str, *,
          trailing_comments: bool = False) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text into a Document, reporting syntax errors and duplicate keys.

    Characters from Word or a phone (tabs, non-breaking spaces, en dashes where structure
    belongs) are reported first, one per line, since YAML would misread everything after them.
    A ` #` comment after a value is an error (the text after it would silently vanish) unless
    trailing_comments is set (mkdocs.yml, whose comments explain its settings).
    """
    lines = text.splitlines()
    problems = character_problems(lines, shown)
    if problems:
        return None, problems
    alias = find_alias(text, shown)
    if alias is not None:  # refused before composing: an alias bomb is never expanded
        return None, [alias]
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        return None, [_syntax_problem(error, text, lines, shown)]
    except yaml.YAMLError as error:  # reader errors: control characters and the like
        mark = getattr(error, "problem_mark", None) or getattr(error, "mark", None)
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        return None, [Problem(shown, line, col, f"YAML cannot read this file: {error}",
                              rule="yaml-characters")]
    if root is None:
        return None, [Problem(shown, 1, 1, "the file is empty", rule="file-empty")]
    document = Document(shown, None, lines=lines)
    document.data = _convert(root, (), document, problems)
    if not trailing_comments:
        comments = _comment_problems(root, lines, shown)
        if comments:  # what YAML read is not what was typed: nothing after it can be trusted
            return None, problems + comments
    return document, problems


def _syntax_problem(error: yaml.MarkedYAMLError, text: str, lines: list[str],
                    shown: str) -> Problem:
    """The parser's complaint, as the mistake behind it when that can be named."""
    mark = error.problem_mark or error.context_mark
    if mark and error.context_mark and mark.line >= len(lines):
        mark = error.context_mark  # "end of stream": point where the open item began
    problem = (error.problem or "cannot be read").strip()
    if mark is not None:
        context_line = error.context_mark.line if error.context_mark else None
        named = explain_syntax_error(lines, shown, problem, mark.line, context_line)
        if named is not None:
            return named
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    message = f"YAML syntax error: {problem}"
    if error.context:
        message += f" ({error.context.strip()})"
    hint = _syntax_hint(problem, text, mark, error.context or "")
    if hint is None:
        return Problem(shown, line, col, message, rule="yaml-syntax")
    advice = hint.text
    if hint.rule == "yaml-colon" and mark is not None and mark.line < len(lines):
        # "in double quotes" would break a text that holds double quotes itself (W6)
        advice = advice.replace("put the whole text in double quotes",
                                quote_advice(lines[mark.line]))
    return Problem(shown, line, col, f"{message}; hint: {advice}", rule=hint.rule)


# Where a YAML anchor (`&name`) could start: at the start of a line or after whitespace or a
# flow indicator, followed by a name character. Every alias needs an anchor before it, so a
# text with none of these (nearly all: "Q&A" and "**bold**" are not) has no alias either and
# is not scanned.
_MAYBE_ANCHOR = re.compile(r"(?:^|[\s\[{,:])&[^\s,\[\]{}]", re.MULTILINE)


def find_alias(text: str, shown: str) -> Problem | None:
    """The first YAML anchor or alias in the text (an alias first), or None.

    Found by libyaml's scanner, which reads tokens without building or expanding anything,
    so the time is linear in the file's size whatever the aliases would expand to.
    """
    if not _MAYBE_ANCHOR.search(text):
        return None
    found: list[yaml.Token] = []
    try:
        for token in yaml.scan(text, Loader=_Loader):
            if isinstance(token, yaml.AliasToken | yaml.AnchorToken):
                found.append(token)
    except yaml.MarkedYAMLError as error:
        context = error.context or ""
        if not found and error.context_mark and "scanning an a" in context:
            # `&nbsp;text` or `*text*`: a text starting with '&' or '*' read as a bad name
            mark = error.context_mark
            line, col = mark.line + 1, mark.column + 1
            rest = text.splitlines()[mark.line][mark.column + 1:]
            if "anchor" in context:
                return alias_problem(shown, line, col, "text-start", "&" + rest.strip(), 0)
        # otherwise a syntax error after them: composing reports it once they are gone
    if not found:
        return None
    aliases = [t for t in found if isinstance(t, yaml.AliasToken)]
    same = aliases or found  # report the first alias; an anchor only when nothing uses it
    line, col = _mark(same[0])
    return alias_problem(shown, line, col, "alias" if aliases else "anchor", same[0].value,
                         len(same) - 1)


_COMMENT_START = re.compile(r"(?:^|\s)#")


def _comment_problems(root: yaml.Node, lines: list[str], shown: str) -> list[Problem]:
    """A ' #' after a value on the same line: YAML drops it and all that follows, silently."""
    # YAML starts a comment only at a '#' after a space (or a line's start): review links'
    # "page.md#section" are not comments, and most quiz files have nothing to walk.
    hashes = {number for number, line in enumerate(lines)
              if "#" in line and _COMMENT_START.search(line)}
    if not hashes:
        return []
    problems = []
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, yaml.MappingNode):
            stack.extend(value for _, value in node.value)
            continue
        if isinstance(node, yaml.SequenceNode):
            stack.extend(node.value)
            continue
        if node.style in ("|", ">"):
            continue  # a '#' inside block text is text
        end = node.end_mark
        if end.line not in hashes:
            continue
        rest = lines[end.line][end.column:] if end.line < len(lines) else ""
        if not rest.lstrip(" ").startswith("#"):
            continue
        col = end.column + len(rest) - len(rest.lstrip(" "))
        lost = rest.lstrip(" ")
        if node.style:  # quoted: the text is safe, the comment after it is not published
            message = (f"the comment '{shorten(lost, 40)}' after this text is not published; "
                       "put it on a line of its own starting with '#', or delete it")
        else:
            message = (f"the text stops before ' #': YAML reads '{shorten(lost, 40)}' as a comment "
                       f"and would not publish it; {quote_advice(lines[end.line])}")
        problems.append(Problem(shown, end.line + 1, col + 1, message, rule="yaml-comment"))
    return problems


def _convert(node: yaml.Node, path: DocPath, doc: Document, problems: list[Problem]) -> Any:
    doc.values[path] = _mark(node)
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key_node)
            if key in result:
                first = doc.keys[(*path, key)]
                problems.append(
                    Problem(
                        doc.path,
                        *_mark(key_node),
                        f"duplicate key '{key}' (already set on line {first[0]}); "
                        "YAML would silently keep only the last one: delete or rename one of them",
                        rule="yaml-duplicate-key",
                    )
                )
                continue
            doc.keys[(*path, key)] = _mark(key_node)
            result[key] = _convert(value_node, (*path, key), doc, problems)
        return result
    if isinstance(node, yaml.SequenceNode):
        return [_convert(item, (*path, i), doc, problems) for i, item in enumerate(node.value)]
    if node.style == "|":
        doc.literal_blocks.add(path)
    return _scalar(node)


def _scalar(node: yaml.ScalarNode) -> Any:
    """A scalar's value as YAML 1.2 reads it, except that numbers stay as typed.

    Only unquoted true/false are booleans (so `text: Yes` stays text), an unquoted empty
    value or null is None, and `text: 12` stays the text "12" that a teacher meant.
    """
    if not node.style:  # plain, unquoted (libyaml says "", PyYAML None)
        if node.value in _BOOLEANS:
            return _BOOLEANS[node.value]
        if node.value in _NULLS:
            return None
    return node.value


def load(path: Path, shown: str) -> tuple[Document | None, list[Problem]]:
    """Read and parse one YAML file; every failure becomes a Problem, never an exception."""
    try:
        raw = path.read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, 1, f"cannot read this file: {error.strerror or error}",
                              rule="file-unreadable")]
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    return parse(text, shown)
