"""The site marks a typed answer exactly as the Python rule does (quizkit/marking.py
TYPED_ANSWERS), which the LMS exports expand: every case of tests/helpers/typed_answers.py run
through the matcher a self-check page uses (record.js's, with the rule from the page's data)."""

from __future__ import annotations

import pytest

from quizkit.marking import match
from tests.browser.conftest import discovered_pages, page_kind
from tests.helpers.typed_answers import CASES

pytestmark = pytest.mark.browser

MATCH_ALL = """(cases) => cases.map(([typed, accepted, typos]) => {
  const result = window.iptRecord.match(typed, accepted, typos);
  return [result.ok, result.exact, result.expected];
})"""


def test_the_site_and_the_python_rule_mark_every_case_alike(page, site_url: str) -> None:
    quiz_path = next(p for p in discovered_pages() if page_kind(p) == "quiz")
    page.goto(f"{site_url}/{quiz_path}")
    page.wait_for_function("() => window.iptRecord && window.iptQuiz")
    cases = [[typed, accepted, typos] for typed, accepted, typos, _, _ in CASES]
    site = page.evaluate(MATCH_ALL, cases)
    python = [list(match(typed, accepted, typos).__dict__.values()) for typed, accepted, typos
              in cases]
    assert [list(verdict) for verdict in site] == python
    assert page.js_errors == []
