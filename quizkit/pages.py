"""What the quiz compiler needs to know about the Markdown pages in docs/.

A lesson describes itself in its front matter (title, minutes, objectives); quizzes refer to
its objectives and to its headings' anchors, so both are read here, with positions for errors.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from markdown.extensions.toc import slugify

from quizkit.problems import Problem
from quizkit.source import Document, decode, parse

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MIN_OBJECTIVES, MAX_OBJECTIVES = 2, 4
LESSONS_DIR = "lessons/"  # every page in here must describe itself fully

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*#*\s*$")
_EXPLICIT_ID = re.compile(r"\s*\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MARKUP = re.compile(r"[*_`]|<[^>]+>")


@dataclass
class Page:
    """A page under docs/: its front matter facts and the anchors of its headings."""

    path: str  # relative to docs/, with forward slashes: "lessons/time-limit.md"
    title: str | None = None
    minutes: int | None = None
    objectives: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)  # anchor -> heading text
    objective_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    meta: dict = field(default_factory=dict)


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return (front matter YAML or None, body) for MkDocs-style `---` front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    return None, text


def heading_anchors(body: str) -> dict[str, str]:
    """Anchor -> heading text for every Markdown heading, as the `toc` extension makes them."""
    anchors: dict[str, str] = {}
    fence: str | None = None
    for line in body.splitlines():
        opener = _FENCE.match(line)
        if opener:
            marker = opener.group(1)[0]
            fence = None if fence == marker else (fence or marker)
            continue
        match = None if fence else _HEADING.match(line)
        if not match:
            continue
        text = match.group(2)
        explicit = _EXPLICIT_ID.search(text)
        if explicit:
            text = text[: explicit.start()]
            anchor = explicit.group(1)
        else:
            anchor = slugify(_MARKUP.sub("", _LINK.sub(r"\1", text)), "-")
            base, n = anchor, 0
            while anchor in anchors:  # toc numbers repeated headings: intro, intro_1, ...
                n += 1
                anchor = f"{base}_{n}"
        anchors[anchor] = _MARKUP.sub("", _LINK.sub(r"\1", text)).strip()
    return anchors


def read_page(docs_dir: Path, rel: str) -> tuple[Page | None, list[Problem]]:
    """Read docs/<rel>, checking its front matter; never raises for a bad file."""
    shown = f"docs/{rel}"
    try:
        raw = (docs_dir / rel).read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, 1, f"cannot read this file: {error.strerror or error}")]
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    front, body = split_front_matter(text)
    page = Page(rel, anchors=heading_anchors(body))
    if front is None:
        if rel.startswith(LESSONS_DIR):
            problems.append(
                Problem(shown, 1, 1, "a lesson must start with front matter between '---' lines "
                        "giving title, minutes and objectives")
            )
        return page, problems
    # A leading newline stands in for the opening '---', so YAML line numbers match the file.
    doc, yaml_problems = parse("\n" + front, shown)
    problems += yaml_problems
    if doc is None:
        return page, problems
    if not isinstance(doc.data, dict):
        problems.append(doc.at((), "front matter must be 'key: value' lines"))
        return page, problems
    page.meta = doc.data
    problems += _check_front_matter(page, doc)
    return page, problems


def _check_front_matter(page: Page, doc: Document) -> list[Problem]:
    """Fill in title, minutes and objectives from the front matter, reporting what is wrong."""
    meta = doc.data
    problems: list[Problem] = []
    is_lesson = page.path.startswith(LESSONS_DIR)
    required = ("title", "minutes", "objectives") if is_lesson else ()
    for key in required:
        if key not in meta:
            problems.append(doc.at((), f"a lesson's front matter needs '{key}:'"))

    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        page.title = title.strip()
    elif "title" in meta:
        problems.append(doc.at(("title",), "title must be text, e.g. 'title: The time limit'"))

    minutes = meta.get("minutes")
    if "minutes" in meta:
        if isinstance(minutes, str) and minutes.isdigit():
            minutes = int(minutes)  # numbers arrive as the text typed; see source._convert
        if isinstance(minutes, int) and not isinstance(minutes, bool) and 0 < minutes <= 600:
            page.minutes = minutes
        else:
            problems.append(
                doc.at(("minutes",), f"minutes must be a whole number of minutes, e.g. "
                       f"'minutes: 15' (found {minutes!r})")
            )

    objectives = meta.get("objectives")
    if "objectives" not in meta:
        return problems
    if not isinstance(objectives, dict):
        problems.append(
            doc.at(("objectives",), "objectives must be 'id: sentence' lines indented under "
                   "'objectives:', e.g. '  tl-length: Describe how long the acute phase lasts.'")
        )
        return problems
    count = len(objectives)
    if not MIN_OBJECTIVES <= count <= MAX_OBJECTIVES:
        problems.append(
            doc.at(("objectives",), f"a page declares {MIN_OBJECTIVES} to {MAX_OBJECTIVES} "
                   f"objectives; this one has {count}", key=True)
        )
    for objective_id, sentence in objectives.items():
        where = ("objectives", objective_id)
        if not ID_PATTERN.match(objective_id):
            problems.append(
                doc.at(where, f"objective id '{objective_id}' may use only lowercase letters, "
                       "digits and single hyphens, e.g. 'tl-length'", key=True)
            )
        elif not isinstance(sentence, str) or not sentence.strip() or "\n" in sentence.strip():
            problems.append(
                doc.at(where, f"objective '{objective_id}' needs one sentence saying what the "
                       "student will be able to do")
            )
        else:
            page.objectives[objective_id] = sentence.strip()
            page.objective_positions[objective_id] = doc.position(where, key=True)
    return problems


def read_pages(docs_dir: Path) -> tuple[dict[str, Page], list[Problem]]:
    """Every Markdown page under docs_dir, keyed by its path relative to docs/."""
    pages: dict[str, Page] = {}
    problems: list[Problem] = []
    for file in sorted(docs_dir.rglob("*.md")):
        rel = file.relative_to(docs_dir).as_posix()
        page, page_problems = read_page(docs_dir, rel)
        problems += page_problems
        if page is not None:
            pages[rel] = page
    # Objective ids name one thing each across the module (the coverage report relies on it).
    seen: dict[str, str] = {}
    for page in pages.values():
        for objective_id in page.objectives:
            if objective_id in seen:
                line, col = page.objective_positions[objective_id]
                problems.append(
                    Problem(f"docs/{page.path}", line, col, f"objective id '{objective_id}' is "
                            f"also declared in docs/{seen[objective_id]}; give each objective "
                            "its own id")
                )
            seen.setdefault(objective_id, page.path)
    return pages, problems
