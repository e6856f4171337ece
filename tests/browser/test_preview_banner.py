"""The preview tells the browser (W3): while the last save has problems, the page a teacher
has open in `mkdocs serve` reloads by itself and shows them in a banner, readable and usable
with the keyboard, in light and dark mode; the next good save reloads it without the banner."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import expect

from tests.browser.conftest import DESKTOP, axe_violations, open_context, toggle_palette
from tests.test_pipeline import _Output, free_port

BANNER = "#ipt-preview-problems"


def test_a_failed_save_shows_its_problems_on_the_open_page_until_a_good_save(
        browser, project_copy: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"],
        cwd=project_copy, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, start_new_session=True)
    output = _Output(server.stderr)
    base = f"http://127.0.0.1:{port}"
    context = open_context(browser, base=base, axe=True, viewport=DESKTOP, color_scheme="light")
    try:
        output.wait_for("Serving on")
        page = context.new_page()
        page.goto(f"{base}/lessons/time-limit/")
        expect(page.locator("article h1")).to_be_visible()
        expect(page.locator(BANNER)).to_have_count(0)

        quiz = project_copy / "quizzes" / "time-limit.yml"
        good = quiz.read_text(encoding="utf-8")
        line = next(n for n, text in enumerate(good.splitlines(), 1)
                    if text.strip().startswith("feedback: "))
        quiz.write_text(good.replace("feedback: ", "feedback:", 1), encoding="utf-8")
        # The page reloads by itself (live reload), now with the banner: the terminal's line.
        banner = page.locator(BANNER)
        expect(banner).to_be_visible(timeout=90_000)
        expect(banner).to_have_attribute("role", "alert")
        expect(banner.locator("summary")).to_contain_text("Your last save was not built: "
                                                          "1 problem.")
        expect(banner.locator("li")).to_contain_text(
            f"quizzes/time-limit.yml:{line}:18: put a space after 'feedback:'")
        expect(banner.locator("li")).to_contain_text("[yaml-missing-space]")
        summary = banner.locator("summary").bounding_box()
        assert summary is not None and summary["height"] >= 44
        assert axe_violations(page, within=[BANNER]) == []
        toggle_palette(page)
        assert axe_violations(page, within=[BANNER]) == []
        # The keyboard reaches it first on a fresh load, and folds the list away to read the
        # page behind it.
        page.reload()
        expect(banner).to_be_visible()
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY"
        page.keyboard.press("Enter")
        expect(banner.locator("li")).to_be_hidden()

        quiz.write_text(good, encoding="utf-8")  # a good save: the banner goes
        expect(page.locator(BANNER)).to_have_count(0, timeout=90_000)
        expect(page.locator("article h1")).to_be_visible()
    finally:
        context.close()
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        output.reader.join(timeout=30)
        server.stderr.close()
    assert context.traffic.foreign == [], "requests to other hosts"
