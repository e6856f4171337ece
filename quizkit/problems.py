"""The one shape every message to a faculty member takes: `path:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a source file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}: {self.message}"


def report(problems: list[Problem]) -> str:
    """All problems, sorted by file and position, one per line, with a count at the end."""
    unique = sorted(set(problems))
    files = len({p.path for p in unique})
    noun = "problem" if len(unique) == 1 else "problems"
    where = "file" if files == 1 else "files"
    lines = [str(p) for p in unique]
    lines.append(f"{len(unique)} {noun} in {files} {where}; nothing was built or changed.")
    return "\n".join(lines)
