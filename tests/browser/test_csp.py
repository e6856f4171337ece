"""The Content-Security-Policy in a real browser: a script slipped into a page does not run,
while everything the site does still works (hooks/page_checks.py writes the policy).

The run's one build is copied and a self-check page gets what an attacker would add after the
build: an inline script and an inline event handler. The policy names the page's own inline
scripts by hash, so those run and the added ones are refused (and reported), on the page where
the site's own scripts must also be working: the quiz answers, search finds a lesson.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.browser import quizpage as qp
from tests.browser.conftest import DESKTOP, open_context, quizzes_by_path
from tests.helpers.static_server import serve

pytestmark = pytest.mark.browser

INJECTED = ('<script>window.__injected = "inline script ran";</script>'
            '<img src="missing.png" onerror="window.__handler = \'event handler ran\'">')
# Before any page script: record every violation the browser reports.
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e =>
  window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def tampered_site(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the built site whose first self-check page carries INJECTED."""
    site = tmp_path_factory.mktemp("tampered") / "site"
    shutil.copytree(built_site, site)
    page = site / sorted(quizzes_by_path())[0] / "index.html"
    html = page.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html
    page.write_text(html.replace("</body>", INJECTED + "</body>", 1), encoding="utf-8")
    return site


def test_an_injected_script_does_not_run_and_the_site_still_works(browser,
                                                                  tampered_site: Path) -> None:
    quiz_path = sorted(quizzes_by_path())[0]
    quiz = quizzes_by_path()[quiz_path]
    with serve(tampered_site) as url:
        context = open_context(browser, base=url, viewport=DESKTOP)
        try:
            context.add_init_script(script=LISTEN)
            page = context.new_page()
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.goto(f"{url}/{quiz_path}")
            # The site's own inline scripts ran (Material's, mkdocs-quiz's numbering) ...
            page.wait_for_function("document.querySelector('article.quiz-auto-number')")
            assert page.evaluate("typeof __md_scope") == "object"
            # ... and the added ones did not, each reported as a violation of script-src.
            page.wait_for_function("window.__violations.length >= 2")
            assert page.evaluate("[window.__injected, window.__handler]") == [None, None]
            violations = page.evaluate("window.__violations")
            assert all(v.startswith("script-src") for v in violations), violations

            # The quiz works: an answer is marked and kept across a reload.
            qp.answer(page, 0, quiz.questions[0], right=True)
            assert qp.marks(page, 0) == ["correct"]
            page.reload()
            assert qp.marks(page, 0) == ["correct"]

            # Search (a worker and an XMLHttpRequest) finds a lesson from this page.
            search = page.locator("input.md-search__input")
            search.click()
            search.fill("interpersona")
            search.press("l")
            page.locator(".md-search-result__item").first.wait_for()
            assert errors == []
            assert context.traffic.foreign == []
        finally:
            context.close()


@pytest.mark.parametrize("path", ["", "lessons/what-is-ipt/", "glossary/",
                                  "quizzes/exam-practice/", "faculty/coverage/", "print_page/"])
def test_pages_with_their_own_scripts_run_without_a_violation(browser, site_url: str,
                                                              path: str) -> None:
    """Each kind of page under the policy: the home page (My progress, the start button), a
    lesson, the glossary (tooltips), exam practice (exam.js), the coverage report and the
    printable unit (the print plugin's inline script): no violation, no error."""
    context = open_context(browser, base=site_url, viewport=DESKTOP)
    try:
        context.add_init_script(script=LISTEN)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.goto(f"{site_url}/{path}", wait_until="load")
        page.wait_for_function("document.readyState === 'complete'")
        assert page.evaluate("window.__violations") == []
        assert errors == []
    finally:
        context.close()
