"""What the command line needs from mkdocs.yml (nav order, site address, Markdown settings),
and the check of mkdocs.yml itself that `make check` runs.

Inside a MkDocs build the hook gets the settings from MkDocs itself; on the command line (make
lms, make handouts, make check) they are read here, without importing MkDocs' config machinery.
"""

from __future__ import annotations

import copy
import fnmatch
import functools
import importlib
from pathlib import Path
from typing import Any

import yaml

from quizkit.model import missing_quiz_page
from quizkit.problems import Problem, closest, suggest
from quizkit.source import decode, find_alias, parse

CONFIG_FILE = "mkdocs.yml"


def _python_name(loader: yaml.SafeLoader, suffix: str, node: yaml.Node) -> Any:
    """`!!python/name:module.attr`, as MkDocs reads it (e.g. a toc slugify function)."""
    module, _, attribute = suffix.rpartition(".")
    try:
        return getattr(importlib.import_module(module), attribute)
    except (ImportError, AttributeError, ValueError):
        return None


class _TolerantLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # libyaml: 10x faster
    """SafeLoader that reads MkDocs tags (!ENV and the like) as nothing, !!python/name as MkDocs."""


_TolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/name:", _python_name)
_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data ({} when it is missing or unreadable: the callers have defaults)."""
    try:
        data = _read_site_config(path.resolve(), path.stat().st_mtime_ns)
    except OSError:
        return {}
    return copy.deepcopy(data)  # callers may change what they get


@functools.lru_cache(maxsize=8)
def _read_site_config(path: Path, mtime: int) -> dict[str, Any]:
    """Read once per process and version of the file (a check reads it for several reasons)."""
    try:
        text = path.read_text(encoding="utf-8")
        if find_alias(text, CONFIG_FILE) is not None:
            return {}  # check_site_config reports it; an alias bomb is never expanded here
        data = yaml.load(text, Loader=_TolerantLoader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return {}
    return data if isinstance(data, dict) else {}


def nav_pages(nav: Any) -> list[str]:
    """Every page path in a MkDocs nav, in reading order (links to other sites skipped)."""
    found: list[str] = []

    def walk(item: Any) -> None:
        if isinstance(item, str):
            if item.endswith(".md"):
                found.append(item)
        elif isinstance(item, list):
            for child in item:
                walk(child)
        elif isinstance(item, dict):
            for child in item.values():
                walk(child)

    walk(nav)
    return found


def check_site_config(config_file: Path,
                      pages: set[str] | None = None) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) in mkdocs.yml: YAML mistakes, and nav lines naming no page.

    `pages` are the page paths under docs/ the site will have (written and generated); None
    checks the YAML only (before MkDocs reads the file, whose own messages name no line). The
    nav's mistakes are warnings: MkDocs' strict build (make build) fails on them.
    """
    shown = CONFIG_FILE
    try:
        raw = config_file.read_bytes()
    except OSError as error:
        return [Problem(shown, 1, 1, f"cannot read this file: {error.strerror or error}",
                        rule="file-unreadable")], []
    text, problems = decode(raw, shown)
    if text is None:
        return problems, []
    doc, problems = parse(text, shown, trailing_comments=True)
    if doc is None or problems:
        return problems, []
    if pages is None or not isinstance(doc.data, dict) or "nav" not in doc.data:
        return [], []
    warnings: list[Problem] = []
    listed: set[str] = set()
    pages = {page for page in pages if not excluded(doc.data, "exclude_docs", page)}
    for path, page in _nav_entries(doc.data["nav"], ("nav",)):
        listed.add(page)
        if page not in pages:
            quiz = missing_quiz_page(page, pages, "remove this line from the nav")
            if quiz is not None:  # a deleted quiz file: say which, and how to get it back
                warnings.append(doc.at(path, f"the nav lists '{page}', which is not built: "
                                       f"{quiz}", rule="nav-missing-page"))
                continue
            close = closest(page, sorted(pages))
            if close is not None:  # a misspelt page is one mistake: not also "not in the nav"
                listed.add(close)
            hint = suggest(page, sorted(pages))
            warnings.append(doc.at(path, f"the nav lists '{page}', which is not a page under "
                                 f"docs/; {hint}", rule="nav-missing-page"))
    warnings += [doc.at(("nav",), f"docs/{page} is not in the nav, so students cannot reach "
                        f"it from the menu; add '- {page}' under 'nav:'", key=True,
                        rule="nav-omitted-page")
                 for page in sorted(pages - listed)
                 if not excluded(doc.data, "not_in_nav", page)]
    return [], warnings


def _nav_entries(nav: Any, path: tuple) -> list[tuple[tuple, str]]:
    """(position path in the Document, page) for every page a nav names, in order."""
    found: list[tuple[tuple, str]] = []
    if isinstance(nav, str):
        if nav.endswith(".md") and "://" not in nav:
            found.append((path, nav))
    elif isinstance(nav, list):
        for i, child in enumerate(nav):
            found += _nav_entries(child, (*path, i))
    elif isinstance(nav, dict):
        for key, child in nav.items():
            found += _nav_entries(child, (*path, key))
    return found





def excluded(config: dict[str, Any], key: str, page: str) -> bool:
    """Whether mkdocs.yml's `exclude_docs` or `not_in_nav` (gitignore-style lines) names page."""
    patterns = config.get(key)
    if not isinstance(patterns, str) or not patterns.strip():
        return False
    lines = [line.strip() for line in patterns.splitlines()
             if line.strip() and not line.strip().startswith("#")]
    if all(_plain_pattern(line) for line in lines):
        # Names and plain paths (the usual `README.md`): matched here, because importing
        # pathspec costs more than the rest of `make check`.
        parts = page.split("/")
        return any(fnmatch.fnmatchcase(part, line) for line in lines if "/" not in line
                   for part in parts) or any(
            page == line.lstrip("/") or page.startswith(line.lstrip("/") + "/")
            for line in lines if "/" in line)
    return _spec(patterns).match_file(page)


def _plain_pattern(line: str) -> bool:
    """A gitignore line with no negation, no `**`, no trailing `/`, and wildcards only in a
    pattern without `/` (which then matches any one part of a path)."""
    if line.startswith("!") or "**" in line or line.endswith("/") or "\\" in line:
        return False
    return "/" not in line or not any(c in line for c in "*?[")


@functools.lru_cache(maxsize=4)
def _spec(patterns: str) -> Any:
    from pathspec.gitignore import GitIgnoreSpec  # MkDocs' own reading of these settings

    return GitIgnoreSpec.from_lines(patterns.splitlines())
