"""The one shape every message to a faculty member takes: `path:line:col: message`."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a source file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    # A stable id naming the rule broken (e.g. "yaml-tab", "longest-option"): the faculty
    # guide lists every rule by id, and a question's `allow:` names the warning it silences.
    rule: str = field(default="", compare=False)

    def __str__(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{self.path}:{self.line}:{self.col}: {self.message}{rule}"


def tagged(message: str, *, rule: str) -> str:
    """A message that is not about a place in a file, with its rule id as Problem shows it."""
    return f"{message} [{rule}]"


def report(problems: list[Problem]) -> str:
    """All problems, sorted by file and position, one per line, with a count at the end."""
    unique = sorted(set(problems))
    files = len({p.path for p in unique})
    noun = "problem" if len(unique) == 1 else "problems"
    where = "file" if files == 1 else "files"
    lines = [str(p) for p in unique]
    lines.append(f"{len(unique)} {noun} in {files} {where}; nothing was built or changed.")
    return "\n".join(lines)


class QtiMismatch(Exception):
    """A QTI package does not give back the questions of its YAML file (a bug: say where)."""
