"""Messages that used to mislead a faculty member (faculty walk-through 2, W5-W9, W15): each
mistake gets one line naming its own line and the fix. Most cases are fixtures
(tests/fixtures/invalid, lessons, mkdocs); these are the ones a fixture file cannot hold."""

from __future__ import annotations

import json

from quizkit import yamlhints
from quizkit.source import parse
from tests.helpers import ROOT


def _schema_keys(node: object) -> set[str]:
    if isinstance(node, dict):
        found = set(node.get("properties", {}))
        for value in node.values():
            found |= _schema_keys(value)
        return found
    if isinstance(node, list):
        return set().union(*map(_schema_keys, node)) if node else set()
    return set()


def test_every_key_of_the_format_is_known_to_the_missing_space_check() -> None:
    """`feedback:This` is named for every key the format has (rules' names under `allow:`
    are not keys a teacher types at a line's start)."""
    schema = json.loads((ROOT / "quizzes" / "schema.json").read_text(encoding="utf-8"))
    keys = {k for k in _schema_keys(schema) if "-" not in k}
    assert keys <= yamlhints.KNOWN_KEYS, keys - yamlhints.KNOWN_KEYS


def test_a_glued_value_that_is_not_a_key_is_left_alone() -> None:
    """Addresses and a colon inside a text are not a key without its space."""
    doc, problems = parse("extra_css:\n  - https://example.org/x.css\n  - mailto:a\n"
                          "title: Time 10:30 sharp\n", "mkdocs.yml")
    assert problems == [] and doc is not None


def test_a_quoted_key_is_not_taken_for_text_after_a_closing_quote() -> None:
    doc, problems = parse('"title": A quiz\nlesson: "lessons/a.md" # the lesson\n', "q.yml",
                          trailing_comments=True)
    assert problems == [] and doc is not None and doc.data["title"] == "A quiz"
