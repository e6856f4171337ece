"""Every use the module makes of MkDocs' internals, one function each.

These are not MkDocs' documented plugin API; each function fails with a PluginError naming
itself if the internal it relies on is gone, and tests/test_internals.py checks each one on the
installed MkDocs, so an upgrade that moves one fails the tests, never a student's build
quietly.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.pages import Page


def _gone(what: str) -> Exception:
    from mkdocs.exceptions import PluginError

    return PluginError(f"{what} is not in this MkDocs any more (was it upgraded?); update "
                       "hooks/internals.py (see tests/test_internals.py)")


def wrap_rebuild(server: LiveReloadServer,
                 wrapper: Callable[[Callable[[], None]], Callable[[], None]]) -> None:
    """Replace the preview's rebuild function with wrapper(rebuild): MkDocs' LiveReloadServer
    keeps it in its `builder` attribute (mkdocs serve has no event around a rebuild)."""
    if not callable(getattr(server, "builder", None)):
        raise _gone("LiveReloadServer.builder")
    server.builder = wrapper(server.builder)


def add_anchor_ids(page: Page, ids: Iterable[str]) -> None:
    """Count ids as anchors of the page for `validation: anchors` (MkDocs 1.6 collects them in
    Page.present_anchor_ids while rendering; ids added after that are not seen otherwise)."""
    present = getattr(page, "present_anchor_ids", _MISSING)
    if present is _MISSING:
        raise _gone("Page.present_anchor_ids")
    if present is not None:
        present.update(ids)


_MISSING = object()
