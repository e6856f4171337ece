"""hooks/student_path.py on the built site: the home page and every lesson and self-check page
load record.js before any other script of theirs, with their page data as JSON that never runs;
so does the Revise page (not remembered as the last page); no other page loads it; no script of
the hook is inline (a Content-Security-Policy may forbid them)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from hooks.student_path import page_data

SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.DOTALL)
PAGE = re.compile(r'<script type="application/json" id="ipt-page">(.*?)</script>')


def _pages(site: Path) -> dict[str, str]:
    return {index.parent.relative_to(site).as_posix(): index.read_text("utf-8")
            for index in sorted(site.rglob("index.html"))}


def test_path_pages_load_the_record_first(built_site: Path) -> None:
    for where, html in _pages(built_site).items():
        on_path = where == "." or where.startswith(("lessons/", "quizzes/"))
        revise = where == "revise"  # not on the path, but it reads and writes the record
        assert ("assets/javascripts/record.js" in html) == (on_path or revise), where
        if revise:
            info = json.loads(PAGE.search(html[:html.index("</head>")]).group(1))
            assert info["remember"] is False and info["page"] == "revise.md"
        if not on_path:
            continue
        head = html[:html.index("</head>")]
        data = PAGE.search(head)
        assert data, where
        info = json.loads(data.group(1))
        assert info["remember"] == (where != ".") and info["directoryUrls"] is True, where
        assert info["page"] == ("index.md" if where == "." else f"{where}.md"), where
        # record.js is the page's first deferred script (quiz.js, exam.js, progress.js use it)
        deferred = re.findall(r'<script src="([^"]+)" defer>', html)
        assert deferred[0].endswith("assets/javascripts/record.js"), (where, deferred)


def test_no_inline_script_of_the_hook(built_site: Path) -> None:
    """The scripts the hook used to inline (the continue button, remembering the page) are in
    record.js: no inline script on any page mentions the module's storage."""
    for where, html in _pages(built_site).items():
        for attributes, body in SCRIPT.findall(html):
            if "src=" in attributes or 'type="application/json"' in attributes:
                continue
            assert "ipt:" not in body and "ipt-continue" not in body, where


def test_page_data_cannot_end_its_element() -> None:
    element = page_data("lessons/a.md", "A </script><script>alert(1)</script>", "../", True, True)
    body = element.split(">", 1)[1].removesuffix("</script>")
    assert "<" not in body
    assert json.loads(body)["title"] == "A </script><script>alert(1)</script>"
