"""Pictures: every picture a page or a quiz shows has alt text, and none weighs more than
students should download.

A student on a phone downloads every picture of a page with it, the offline zip carries every
picture under docs/, and the installed app keeps them: a 5 MB phone photo made a lesson 5 MB
(faculty walk-through 2, W4). A picture without alt text says nothing to a student using a
screen reader (WCAG 2.1, 1.1.1). So `make check`, the preview and the build report:

* `image-no-alt` (an error): a picture in a page (`![](…)`, `![ ](…)`, `<img>` without `alt`)
  or in a quiz's text with no words between the brackets;
* `image-too-large` (a warning): a picture file under docs/ over MAX_IMAGE_BYTES, on each line
  that shows it, or on the file itself when no page does (it is published all the same).

Python's standard library only.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote

from quizkit.pages import Page
from quizkit.problems import Problem

# "About 300 KB": a phone photo shrunk to 1200 px wide and saved as JPEG is 150-300 KB.
MAX_IMAGE_BYTES = 300 * 1024
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".svg")
HOW_TO_SHRINK = ("shrink it to under 300 KB: open it in Paint (Windows: Resize, 1200 pixels "
                 "wide) or Preview (Mac: Tools > Adjust Size, width 1200), save it as JPEG "
                 "(quality about 80; a diagram: PNG), replace the file and check again")

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_ALT_TEXT = r"((?:[^\[\]]|\[[^\]]*\])*)"  # the words between ![ and ], one level of [] inside
_INLINE = re.compile(r"!\[" + _ALT_TEXT +
                     r"\]\(\s*<?([^()\s<>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
_BY_REFERENCE = re.compile(r"!\[" + _ALT_TEXT + r"\]\[([^\]]*)\]")
_DEFINITION = re.compile(r"^[ \t>]*\[([^\]^][^\]]*)\]:\s*<?(\S+?)>?(?:\s|$)")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.IGNORECASE)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:|^//")


def _attribute(pattern: re.Pattern[str], tag: str) -> str | None:
    match = pattern.search(tag)
    return None if match is None else next(g for g in match.groups() if g is not None)


def _visible_lines(lines: list[str]) -> Iterator[tuple[int, str]]:
    """(index, line) outside fenced code, with code spans blanked (columns kept): a picture
    shown as an example in `code` is not a picture."""
    fence: str | None = None
    for index, text in enumerate(lines):
        opener = _FENCE.match(text)
        if opener:
            marker = opener.group(1)[0]
            fence = None if fence == marker else (fence or marker)
            continue
        if not fence:
            yield index, _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)


def pictures(lines: list[str]) -> Iterator[tuple[int, int, str, str | None]]:
    """(index of the line, column, alt text, src or None if not found) of every picture."""
    visible = list(_visible_lines(lines))
    definitions = {m.group(1).strip().lower(): m.group(2)
                   for _, text in visible if (m := _DEFINITION.match(text))}
    for index, text in visible:
        found = [(m.start() + 1, m.group(1), m.group(2)) for m in _INLINE.finditer(text)]
        for m in _BY_REFERENCE.finditer(text):  # ![alt][ref], or ![alt][] naming itself
            label = (m.group(2) or m.group(1)).strip().lower()
            found.append((m.start() + 1, m.group(1), definitions.get(label)))
        for m in _IMG_TAG.finditer(text):
            found.append((m.start() + 1, _attribute(_ALT, m.group(0)) or "",
                          _attribute(_SRC, m.group(0))))
        for column, alt, src in sorted(found, key=lambda item: item[0]):
            yield index, column, alt, src


def _target(folder: str, src: str | None) -> str | None:
    """The file under docs/ a picture's src names (relative to the page's folder), or None
    for another site's address, a data: URL or a path outside docs/."""
    if not src or _SCHEME.match(src) or src.startswith("/"):
        return None
    path = posixpath.normpath(posixpath.join(folder, unquote(src.split("#")[0].split("?")[0])))
    return None if path.startswith("..") else path


def _size(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB" if size >= 1_000_000 else f"{round(size / 1000)} KB"


def image_problems(docs_dir: Path, pages: dict[str, Page],
                   quiz_sources: dict[str, Path]) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) about the pictures of the pages and of the quizzes' texts.

    quiz_sources: a quiz's path as messages name it ("quizzes/time-limit.yml") -> its file;
    its pictures are seen from its page, docs/quizzes/."""
    texts = [(f"docs/{page.path}", posixpath.dirname(page.path), page.body_line,
              page.body.splitlines()) for page in pages.values()]
    for shown_path, file in quiz_sources.items():
        try:
            lines = file.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            continue  # the quiz's own checks report a file that cannot be read
        texts.append((shown_path, "quizzes", 1, lines))
    errors: list[Problem] = []
    warnings: list[Problem] = []
    shown: set[str] = set()
    for where, folder, first_line, lines in texts:
        for index, column, alt, src in pictures(lines):
            line = first_line + index
            name = src or "?"
            if not " ".join(alt.split()):
                errors.append(Problem(
                    where, line, column, f"the picture '{name}' has no alt text, so a student "
                    "using a screen reader is told nothing about it; write what it shows "
                    f"between the brackets: ![A short description of the picture]({name})",
                    rule="image-no-alt"))
            target = _target(folder, src)
            if target is None:
                continue
            shown.add(target)
            file = docs_dir / target
            size = file.stat().st_size if file.is_file() else 0
            if size > MAX_IMAGE_BYTES:
                warnings.append(Problem(
                    where, line, column, f"the picture 'docs/{target}' is {_size(size)}; every "
                    f"student downloads all of it with this page (and with the offline copy), "
                    f"so {HOW_TO_SHRINK}", rule="image-too-large"))
    for file in sorted(docs_dir.rglob("*")):
        path = file.relative_to(docs_dir).as_posix()
        if (file.suffix.lower() in IMAGE_SUFFIXES and path not in shown and file.is_file()
                and (size := file.stat().st_size) > MAX_IMAGE_BYTES):
            warnings.append(Problem(
                f"docs/{path}", 1, 1, f"this picture is {_size(size)}; no page shows it, but "
                "everything under docs/ is published and goes into the offline copy: delete "
                f"it if it is not needed, or {HOW_TO_SHRINK}", rule="image-too-large"))
    return errors, warnings
