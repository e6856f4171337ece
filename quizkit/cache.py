"""Small answers remembered between runs in .cache/quizkit/, so `make check` stays instant.

Each cache is one JSON object (key -> value) in its own file, read at most once per process and
rewritten whole (atomically, by write_cache) by `flush_all`, which each compile
calls once at its end, when something was added. Keys are hashes of everything an answer
depends on, so a stale entry is never used, only aged out. Best effort: an unreadable or
unwritable cache only makes the run slower.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

CACHE_DIR = Path(__file__).resolve().parent.parent / ".cache" / "quizkit"

LIMIT = 4000  # entries kept per cache (old versions of texts and pages age out)


_caches: list[JsonCache] = []


def write_cache(path: Path, data: bytes) -> None:
    """Write a file of .cache/quizkit/ whole or not at all (best effort: never an error)."""
    import tempfile  # only when the cache changes: most runs never write

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=path.parent, delete=False,
                                         suffix=".tmp") as file:
            file.write(data)
        os.replace(file.name, path)  # atomic: two builds never see half a file
    except OSError:
        pass  # a read-only project still works, only more slowly


class JsonCache:
    """Key -> JSON value, kept in .cache/quizkit/NAME between runs."""

    def __init__(self, name: str) -> None:
        self.path = CACHE_DIR / name
        self.entries: dict[str, Any] | None = None
        self.changed = False
        _caches.append(self)

    def _load(self) -> dict[str, Any]:
        if self.entries is None:
            try:
                loaded = json.loads(self.path.read_text(encoding="utf-8"))
                self.entries = loaded if isinstance(loaded, dict) else {}
            except (OSError, ValueError):
                self.entries = {}
        return self.entries

    def get(self, key: str) -> Any:
        return self._load().get(key)

    def put(self, key: str, value: Any) -> None:
        entries = self._load()
        entries.pop(key, None)
        entries[key] = value
        for old in list(entries)[: max(0, len(entries) - LIMIT)]:
            del entries[old]
        self.changed = True

    def flush(self) -> None:
        """Write the file if anything was added since it was read or last written."""
        if self.changed and self.entries is not None:
            write_cache(self.path, json.dumps(self.entries).encode("utf-8"))
            self.changed = False


def flush_all() -> None:
    """Write every cache that changed (once per compile, not once per entry)."""
    for cache in _caches:
        cache.flush()
