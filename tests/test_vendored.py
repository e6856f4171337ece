"""Vendored third-party scripts (served from the site, never from a CDN) are byte for byte the
released files: each folder's SHA256SUMS lists every file in it (its README and the list
itself aside) with the checksum of the npm package's copy."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from hooks.offline_app import WORKBOX
from quizkit.revise import TS_FSRS
from tests.helpers import ROOT

JAVASCRIPTS = ROOT / "docs" / "assets" / "javascripts"
VENDORED = sorted(path.parent for path in JAVASCRIPTS.glob("*/SHA256SUMS"))
NOT_LISTED = {"SHA256SUMS", "README.md"}


def checksums(folder: Path) -> dict[str, str]:
    """SHA256SUMS as `sha256sum` writes it: "<hex>  <name>" per line."""
    listed = {}
    for line in (folder / "SHA256SUMS").read_text(encoding="utf-8").splitlines():
        digest, name = line.split(maxsplit=1)
        listed[name.lstrip("*")] = digest
    return listed


def test_the_vendored_folders_are_found() -> None:
    """Guard the guard: the Workbox runtime, the iframe-worker shim and ts-fsrs (the Revise
    page's scheduler) are all checked."""
    assert {folder.name for folder in VENDORED} == {Path(WORKBOX).name, "iframe-worker",
                                                    Path(TS_FSRS).parent.name}


@pytest.mark.parametrize("folder", VENDORED, ids=[folder.name for folder in VENDORED])
def test_vendored_files_match_their_checksums(folder: Path) -> None:
    listed = checksums(folder)
    present = {p.name for p in folder.iterdir() if p.is_file() and p.name not in NOT_LISTED}
    assert present == set(listed), "a file without a checksum, or a listed file missing"
    for name, digest in listed.items():
        assert hashlib.sha256((folder / name).read_bytes()).hexdigest() == digest, name
    assert "LICENSE" in listed


def test_the_worker_loads_every_module_it_uses_from_the_vendored_folder() -> None:
    """workbox-sw.js fetches `workbox-<module>.prod.js` for each module the worker names."""
    folder = ROOT / "docs" / WORKBOX
    template = (ROOT / "tools" / "service-worker.js").read_text(encoding="utf-8")
    used = template.split("const { ", 1)[1].split(" }", 1)[0].split(", ")
    assert set(used) == {"core", "precaching", "routing", "strategies"}
    for module in used:
        assert (folder / f"workbox-{module}.prod.js").is_file(), module
    version = Path(WORKBOX).name.removeprefix("workbox-v")
    assert f'self["workbox:sw:{version}"]' in (folder / "workbox-sw.js").read_text("utf-8")
