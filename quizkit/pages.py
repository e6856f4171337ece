"""What the quiz compiler needs to know about the Markdown pages in docs/.

A lesson describes itself in its front matter (title, objectives); quizzes refer to its
objectives and to its headings' anchors, so both are read here, with positions for errors.
How long a page takes is worked out from its words and questions (quizkit/timing.py): a
`minutes:` line left in front matter is not read, and a note says so.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from quizkit.anchors import heading_anchors
from quizkit.problems import Problem
from quizkit.source import Document, decode, parse

ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
MIN_OBJECTIVES, MAX_OBJECTIVES = 2, 4
LESSONS_DIR = "lessons/"  # every page in here must describe itself fully

_TOP_KEY = re.compile(r"^([A-Za-z_][\w-]*)[ ]*:")
_OBJECTIVE_LINE = re.compile(r"^[ ]+([a-z0-9]+(?:-[a-z0-9]+)*)[ ]*:")


@dataclass
class Page:
    """A page under docs/: its front matter facts and the anchors of its headings."""

    path: str  # relative to docs/, with forward slashes: "lessons/time-limit.md"
    title: str | None = None
    objectives: dict[str, str] = field(default_factory=dict)
    anchors: dict[str, str] = field(default_factory=dict)  # anchor -> heading text
    objective_positions: dict[str, tuple[int, int]] = field(default_factory=dict)
    body: str = ""  # the Markdown after the front matter
    body_line: int = 1  # the file's line number of the body's first line
    # Notes about the page (a `minutes:` line no longer read): reported, never failing a build.
    notes: list[Problem] = field(default_factory=list)
    # `quiz: none` in the front matter: the page has no quiz on purpose (no lesson-no-quiz note)
    no_quiz: bool = False


def split_front_matter(text: str) -> tuple[str | None, str]:
    """Return (front matter YAML or None, body) for MkDocs-style `---` front matter."""
    lines = text.splitlines(keepends=True)
    if not lines or lines[0].rstrip() != "---":
        return None, text
    for i in range(1, len(lines)):
        if lines[i].rstrip() in ("---", "..."):
            return "".join(lines[1:i]), "".join(lines[i + 1 :])
    return None, text


def read_page(docs_dir: Path, rel: str,
              markdown_config: tuple | None = None) -> tuple[Page | None, list[Problem]]:
    """Read docs/<rel>, checking its front matter; never raises for a bad file.

    markdown_config: the site's Markdown extensions (see quizkit.anchors); None reads them
    from the mkdocs.yml beside docs_dir.
    """
    shown = f"docs/{rel}"
    try:
        raw = (docs_dir / rel).read_bytes()
    except OSError as error:
        return None, [Problem(shown, 1, 1, f"cannot read this file: {error.strerror or error}",
                              rule="file-unreadable")]
    text, problems = decode(raw, shown)
    if text is None:
        return None, problems
    front, body = split_front_matter(text)
    body_line = 1 if front is None else front.count("\n") + 3
    page = Page(rel, body=body, body_line=body_line)
    problems += _read_front_matter(page, front, shown)
    # As on the site: a page with objectives gets its title as a heading above the body.
    title = page.title if page.objectives else None
    page.anchors = heading_anchors(body, docs_dir, markdown_config, title=title)
    return page, problems


def _read_front_matter(page: Page, front: str | None, shown: str) -> list[Problem]:
    """Fill in the page's title and objectives; the problems found on the way."""
    rel = page.path
    problems: list[Problem] = []
    if front is None:
        if rel.startswith(LESSONS_DIR):
            problems.append(
                Problem(shown, 1, 1, "a lesson must start with front matter between '---' lines "
                        "giving title and objectives", rule="lesson-front-matter")
            )
        return problems
    # A leading newline stands in for the opening '---', so YAML line numbers match the file.
    doc, yaml_problems = parse("\n" + front, shown)
    unread: set[str] = set()
    if doc is None and any(p.rule == "yaml-alias" for p in yaml_problems):
        return yaml_problems  # the whole front matter is refused, not read key by key
    if doc is None:  # read each top-level key alone: one mistake hides nothing else
        doc, yaml_problems, unread = _parse_by_key(front, shown)
        page.objectives.update(_salvaged_objectives(front) if "objectives" in unread else {})
    problems += yaml_problems
    if doc is None:
        return problems
    if not isinstance(doc.data, dict):
        problems.append(doc.at((), "front matter must be 'key: value' lines",
                               rule="front-matter-shape"))
        return problems
    problems += _check_front_matter(page, doc, unread)
    return problems


def _parse_by_key(front: str, shown: str) -> tuple[Document | None, list[Problem], set[str]]:
    """Front matter whose YAML fails as a whole, read one top-level key at a time.

    Returns a Document of the keys that could be read, the problem of each that could not,
    and the names of those keys (so they are not also reported as missing).
    """
    lines = front.splitlines()
    starts = [i for i, line in enumerate(lines) if _TOP_KEY.match(line)]
    if not starts or starts[0] != next((i for i, line in enumerate(lines)
                                        if line.strip() and not line.startswith("#")), None):
        _, problems = parse("\n" + front, shown)
        return None, problems, set()
    document = Document(shown, {})
    problems: list[Problem] = []
    unread: set[str] = set()
    for start, end in zip(starts, [*starts[1:], len(lines)], strict=True):
        key = _TOP_KEY.match(lines[start]).group(1)  # type: ignore[union-attr]
        # Blank lines keep each key's line numbers those of the file.
        chunk = "\n" * (start + 1) + "\n".join(lines[start:end]) + "\n"
        part, part_problems = parse(chunk, shown)
        problems += part_problems
        if part is None or not isinstance(part.data, dict) or part_problems:
            unread.add(key)
            continue
        document.data.update(part.data)
        document.values.update({k: v for k, v in part.values.items() if k})
        document.keys.update(part.keys)
        document.literal_blocks |= part.literal_blocks
    document.values[()] = (2, 1)
    return document, problems, unread


def _salvaged_objectives(front: str) -> dict[str, str]:
    """The objective ids of an `objectives:` block YAML cannot read (the problem is reported)."""
    found: dict[str, str] = {}
    inside = False
    for line in front.splitlines():
        if _TOP_KEY.match(line):
            inside = line.startswith("objectives")
        elif inside and (match := _OBJECTIVE_LINE.match(line)):
            found[match.group(1)] = ""
    return found


def _check_front_matter(page: Page, doc: Document, unread: set[str]) -> list[Problem]:
    """Fill in title and objectives from the front matter, reporting what is wrong.

    Keys in `unread` had a YAML problem, already reported: they are not reported as missing.
    """
    meta = doc.data
    problems: list[Problem] = []
    is_lesson = page.path.startswith(LESSONS_DIR)
    required = ("title", "objectives") if is_lesson else ()
    for key in required:
        if key not in meta and key not in unread:
            problems.append(doc.at((), f"a lesson's front matter needs '{key}:'",
                                   rule="front-matter-missing-key"))

    title = meta.get("title")
    if isinstance(title, str) and title.strip():
        page.title = title.strip()
    elif "title" in meta:
        problems.append(doc.at(("title",), "title must be text, e.g. 'title: The time limit'",
                               rule="lesson-title"))

    if "minutes" in meta:
        page.notes.append(doc.at(("minutes",), "'minutes:' is no longer read: the time shown is "
                                 "worked out from the page's words and its self-check's "
                                 "questions; delete this line", key=True,
                                 rule="minutes-not-used"))

    if "quiz" in meta:  # mkdocs-quiz reads a mapping here (its options); text is ours
        if meta["quiz"] == "none":
            page.no_quiz = True
        elif not isinstance(meta["quiz"], dict):
            problems.append(doc.at(("quiz",), "'quiz:' in front matter takes only 'none' (this "
                                   "page has no quiz, on purpose); write 'quiz: none' or delete "
                                   "the line", rule="front-matter-quiz"))

    objectives = meta.get("objectives")
    if "objectives" not in meta:
        return problems
    if not isinstance(objectives, dict):
        problems.append(
            doc.at(("objectives",), "objectives must be 'id: sentence' lines indented under "
                   "'objectives:', e.g. '  tl-length: Describe how long the acute phase lasts.'",
                   rule="objectives-shape")
        )
        return problems
    count = len(objectives)
    if not MIN_OBJECTIVES <= count <= MAX_OBJECTIVES:
        problems.append(
            doc.at(("objectives",), f"a page declares {MIN_OBJECTIVES} to {MAX_OBJECTIVES} "
                   f"objectives; this one has {count}", key=True, rule="objective-count")
        )
    for objective_id, sentence in objectives.items():
        where = ("objectives", objective_id)
        if not ID_PATTERN.match(objective_id):
            problems.append(
                doc.at(where, f"objective id '{objective_id}' may use only lowercase letters, "
                       "digits and single hyphens, e.g. 'tl-length'", key=True,
                       rule="objective-id")
            )
        elif not isinstance(sentence, str) or not sentence.strip() or "\n" in sentence.strip():
            problems.append(
                doc.at(where, f"objective '{objective_id}' needs one sentence saying what the "
                       "student will be able to do", rule="objective-sentence")
            )
        else:
            page.objectives[objective_id] = sentence.strip()
            page.objective_positions[objective_id] = doc.position(where, key=True)
    return problems


def read_pages(docs_dir: Path,
               markdown_config: tuple | None = None) -> tuple[dict[str, Page], list[Problem]]:
    """Every Markdown page under docs_dir, keyed by its path relative to docs/."""
    pages: dict[str, Page] = {}
    problems: list[Problem] = []
    for file in sorted(docs_dir.rglob("*.md")):
        if file.name == "README.md":  # notes for developers, not pages (exclude_docs, mkdocs.yml)
            continue
        rel = file.relative_to(docs_dir).as_posix()
        page, page_problems = read_page(docs_dir, rel, markdown_config)
        problems += page_problems
        if page is not None:
            pages[rel] = page
    # Objective ids name one thing each across the module (the coverage report relies on it).
    seen: dict[str, str] = {}
    for page in pages.values():
        for objective_id in page.objectives:
            if objective_id in seen:
                line, col = page.objective_positions.get(objective_id, (1, 1))
                problems.append(
                    Problem(f"docs/{page.path}", line, col, f"objective id '{objective_id}' is "
                            f"also declared in docs/{seen[objective_id]}; give each objective "
                            "its own id", rule="objective-duplicate-id")
                )
            seen.setdefault(objective_id, page.path)
    return pages, problems
