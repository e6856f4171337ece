"""Each page of the built site loads the module's own stylesheets and scripts of its kind, and
nothing else of them (quizkit/assets.py, through the theme's blocks in overrides/main.html):
record.js first, in <head>, where a page uses it; each file once; scripts deferred, in order."""

from __future__ import annotations

import re
from pathlib import Path

from quizkit.assets import ASSETS, EXAM_PRACTICE, HOME, LESSON, MOCK_PAPER, REVISE, SELF_CHECK

OWN = re.compile(r'<(?:script src|link rel="stylesheet" href)="(?:\.\./)*(?:\./)?'
                 r'(assets/(?:javascripts|stylesheets)/(?:record|quiz|exam|paper|progress)'
                 r'\.(?:js|css))"( defer)?')


def _kind(where: str) -> str | None:
    if where == ".":
        return HOME
    if where == "quizzes/exam-practice":
        return EXAM_PRACTICE
    if where == "quizzes/exam-practice/mock-paper":
        return MOCK_PAPER
    if where == "revise":
        return REVISE
    if where.startswith("quizzes/"):
        return SELF_CHECK
    return LESSON if where.startswith("lessons/") else None


def test_every_page_loads_the_files_of_its_kind(built_site: Path) -> None:
    kinds = set()
    for index in sorted(built_site.rglob("index.html")):
        where = index.parent.relative_to(built_site).as_posix()
        html = index.read_text(encoding="utf-8")
        head, body = html.split("</head>", 1)
        kind = _kind(where)
        kinds.add(kind)
        assets = ASSETS[kind] if kind else None
        in_head = [(m.group(1), bool(m.group(2))) for m in OWN.finditer(head)]
        in_body = [(m.group(1), bool(m.group(2))) for m in OWN.finditer(body)]
        if assets is None:
            assert in_head == in_body == [], where
            continue
        assert in_head == [(path, True) for path in assets.head_js] + [
            (path, False) for path in assets.css], where
        assert in_body == [(path, True) for path in assets.js], where
    assert {HOME, LESSON, SELF_CHECK, EXAM_PRACTICE, MOCK_PAPER, REVISE} <= kinds
