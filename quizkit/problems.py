"""The one shape every message to a faculty member takes: `path:line:col: message [rule-id]`,
the id one of quizkit/rules.py's registry."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from quizkit.rules import RULES

# QUIZ_ANNOTATIONS=github (the publishing workflow sets it) adds a GitHub workflow command for
# every problem, so GitHub shows the message on the offending line of the file. Off by default.
# The command line reads it here; a build reads it as the module plugin's `annotations` option
# (mkdocs.yml, `extra: module:`).
ANNOTATIONS = "QUIZ_ANNOTATIONS"


@dataclass(frozen=True, order=True)
class Problem:
    """Something wrong in a source file, at a 1-based line and column."""

    path: str
    line: int
    col: int
    message: str
    # A stable id naming the rule broken (e.g. "yaml-tab", "longest-option"), one of
    # quizkit/rules.py RULES: the faculty guide lists every rule by id, and a question's
    # `allow:` names the warning it silences.
    rule: str = field(default="", compare=False)

    def __post_init__(self) -> None:
        known(self.rule)

    def __str__(self) -> str:
        rule = f" [{self.rule}]"
        return f"{self.path}:{self.line}:{self.col}: {self.message}{rule}"


def known(rule: str) -> str:
    """The rule id, if quizkit/rules.py registers it; a ValueError (a mistake in the tools,
    never a faculty member's) if it does not."""
    if rule not in RULES:
        raise ValueError(f"rule id {rule!r} is not in quizkit/rules.py RULES: register it "
                         "there and explain it in the faculty guide")
    return rule


def tagged(message: str, *, rule: str) -> str:
    """A message that is not about a place in a file, with its rule id as Problem shows it."""
    return f"{message} [{known(rule)}]"


def report(problems: list[Problem], *, annotations: bool | None = None) -> str:
    """All problems, sorted by file and position, one per line, with a count at the end
    (and, with annotations, one GitHub annotation per problem; None: as QUIZ_ANNOTATIONS says)."""
    unique = sorted(set(problems))
    files = len({p.path for p in unique})
    noun = "problem" if len(unique) == 1 else "problems"
    where = "file" if files == 1 else "files"
    lines = [str(p) for p in unique]
    lines.append(f"{len(unique)} {noun} in {files} {where}; nothing was built or changed.")
    if annotations_on() if annotations is None else annotations:
        lines += [github_annotation(p, "error") for p in unique]
    return "\n".join(lines)


def announce(problem: Problem, level: str = "warning", *, annotations: bool | None = None) -> str:
    """'warning: path:line:col: message', and its GitHub annotation when they are on (None: as
    QUIZ_ANNOTATIONS says)."""
    text = f"{level}: {problem}"
    wanted = annotations_on() if annotations is None else annotations
    return text + "\n" + github_annotation(problem, level) if wanted else text


def annotations_on() -> bool:
    return os.environ.get(ANNOTATIONS, "").strip().lower() == "github"


def github_annotation(problem: Problem, level: str) -> str:
    """GitHub's workflow command, e.g. '::error file=quizzes/x.yml,line=3,col=5,title=yaml-tab::…'
    (level: error, warning or notice); values escaped as the runner expects."""

    def data(value: str) -> str:
        return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")

    def prop(value: str) -> str:
        return data(value).replace(":", "%3A").replace(",", "%2C")

    title = f",title={prop(problem.rule)}"
    return (f"::{level} file={prop(problem.path)},line={problem.line},col={problem.col}"
            f"{title}::{data(problem.message)}")


def closest(value: str, choices: Iterable[str], *, cutoff: float = 0.6) -> str | None:
    """The one of `choices` (in the order given) that `value` most likely misspells, or None
    (difflib, as every "did you mean" of the tools decides it)."""
    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=cutoff)
    return close[0] if close else None


def suggest(value: str, choices: Iterable[str], *, cutoff: float = 0.6,
            shown: Callable[[str], str] = str, otherwise: str = "check the spelling") -> str:
    """The "did you mean …?" hint every message uses: the closest of `choices` (closest), as
    `shown` writes it, or `otherwise` when nothing is close."""
    close = closest(value, choices, cutoff=cutoff)
    return f"did you mean '{shown(close)}'?" if close is not None else otherwise
