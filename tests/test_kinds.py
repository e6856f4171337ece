"""Adding a question kind means one entry per output module: each module that writes something
for a question keeps one table by kind, and every table names every kind of quizkit/model.py.
A kind added to the model fails here once per module that still needs its entry, naming it
(README, "How it works", lists the same files)."""

from __future__ import annotations

import pytest

from quizkit import (
    build,
    coverage,
    handouts,
    identity,
    marking,
    moodle,
    qti12,
    qti21,
    render,
    roundtrip,
    scaffold,
)
from quizkit.model import KINDS

# (what the table is for, the kinds it names). mkdocs-quiz renders only choice and fill-in
# questions: a kind it cannot render gets its own page (render.OWN_PAGE), as written questions
# have (quizkit/written.py), and is not read back from mkdocs-quiz's pages.
TABLES = {
    "render.py: the site's self-check pages, or a page of its own": {
        *render.QUIZ_MARKUP, *render.OWN_PAGE},
    "roundtrip.py: mkdocs-quiz's reading of the page, for what it renders": {
        *roundtrip.READ_BACK, *render.OWN_PAGE},
    "identity.py: the fingerprint and the page's data": set(identity.IDENTITY),
    "marking.py: marks and option shares": set(marking.MARKING),
    "moodle.py: Moodle XML": set(moodle.MOODLE),
    "qti21.py: QTI 2.1": set(qti21.QTI21_KINDS),
    "qti12.py: QTI 1.2": set(qti12.QTI12_KINDS),
    "handouts.py: worksheets and keys, or the question book": {
        *handouts.SHEETS, *handouts.BOOK},
    "coverage.py: the coverage page's columns": set(coverage.COVERAGE),
    "build.py: make check's figures": set(build.SUMMARY_GROUPS),
    "scaffold.py: make new-quiz's examples": set(scaffold.EXAMPLES),
}


@pytest.mark.parametrize("table", TABLES)
def test_every_kind_has_its_entry(table: str) -> None:
    assert TABLES[table] == set(KINDS), table


def test_mkdocs_quiz_pages_hold_only_what_it_renders() -> None:
    assert set(render.QUIZ_MARKUP) == set(roundtrip.READ_BACK)
    assert not set(render.QUIZ_MARKUP) & set(render.OWN_PAGE)
    assert not set(handouts.SHEETS) & set(handouts.BOOK)
