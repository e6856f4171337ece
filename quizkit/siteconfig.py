"""The two facts the command line needs from mkdocs.yml: the nav order and the site address.

Inside a MkDocs build the hook gets them from MkDocs itself; on the command line (make lms,
make handouts, make check) they are read here, without importing MkDocs' config machinery.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class _TolerantLoader(yaml.SafeLoader):
    """SafeLoader that reads MkDocs tags (e.g. !!python/name:..., !ENV) as plain nothing."""


_TolerantLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_site_config(path: Path) -> dict[str, Any]:
    """mkdocs.yml as plain data ({} when it is missing or unreadable: the callers have defaults)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_TolerantLoader)  # noqa: S506
    except (OSError, yaml.YAMLError):
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
