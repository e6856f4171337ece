"""Pictures (faculty walk-through 2, W4): `make check` refuses a picture without alt text and
warns about one a student should not have to download, on the line that shows it, with the
fix; the app and the offline copy carry pictures like every other file."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from hooks.offline_app import kept_files, loaded_by
from quizkit.images import MAX_IMAGE_BYTES, image_problems
from quizkit.pages import Page
from tests.helpers import copy_project

PHOTO = "IMG_20250112_101522.JPG"  # as a phone names it: capital suffix


def docs_with(tmp_path: Path, files: dict[str, int]) -> Path:
    """A docs/ folder holding picture files of the given sizes (bytes)."""
    docs = tmp_path / "docs"
    for name, size in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_bytes(os.urandom(size))
    return docs


def lesson(body: str) -> dict[str, Page]:
    return {"lessons/a.md": Page("lessons/a.md", title="A", body=body, body_line=5)}


def messages(problems) -> list[str]:
    return [str(p) for p in problems]


def test_a_picture_without_alt_text_is_refused_on_its_line(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {"assets/images/phases.png": 2000})
    body = ("Text.\n\n![](../assets/images/phases.png)\n\nMore ![ ](../assets/images/phases.png)"
            "\n\n<img src=\"../assets/images/phases.png\">\n\n"
            "![The three phases of IPT](../assets/images/phases.png)\n")
    errors, warnings = image_problems(docs, lesson(body), {})
    assert messages(errors) == [
        f"docs/lessons/a.md:{line}:{col}: the picture '../assets/images/phases.png' has no alt "
        "text, so a student using a screen reader is told nothing about it; write what it "
        "shows between the brackets: ![A short description of the picture]"
        "(../assets/images/phases.png) [image-no-alt]"
        for line, col in ((7, 1), (9, 6), (11, 1))]
    assert warnings == []


def test_pictures_shown_as_examples_in_code_are_not_pictures(tmp_path: Path) -> None:
    body = "Write `![](x.png)` like this:\n\n```markdown\n![](x.png)\n```\n"
    assert image_problems(docs_with(tmp_path, {}), lesson(body), {}) == ([], [])


def test_a_phone_photo_gets_a_warning_with_the_fix(tmp_path: Path) -> None:
    docs = docs_with(tmp_path, {f"assets/images/{PHOTO}": 5_100_000,
                                "assets/images/small.jpg": MAX_IMAGE_BYTES,
                                "assets/images/unused-scan.png": 400_000})
    body = (f"![Meenakshi's session plan][plan]\n\n![A small one](../assets/images/small.jpg)\n"
            f"\n[plan]: ../assets/images/{PHOTO}\n")
    errors, warnings = image_problems(docs, lesson(body), {})
    assert errors == []
    assert [(w.path, w.line, w.col, w.rule) for w in warnings] == [
        ("docs/lessons/a.md", 5, 1, "image-too-large"),
        ("docs/assets/images/unused-scan.png", 1, 1, "image-too-large")]
    first, unused = messages(warnings)
    assert f"the picture 'docs/assets/images/{PHOTO}' is 5.1 MB; every student downloads" in first
    assert "shrink it to under 300 KB: open it in Paint" in first and "save it as JPEG" in first
    assert "this picture is 400 KB; no page shows it" in unused and "delete it" in unused


def test_a_quiz_picture_needs_alt_text_too(tmp_path: Path) -> None:
    quiz = tmp_path / "time-limit.yml"
    quiz.write_text("title: T\nquestions:\n  - prompt: \"Look: ![](../assets/images/x.png)\"\n",
                    encoding="utf-8")
    errors, _ = image_problems(docs_with(tmp_path, {}), {}, {"quizzes/time-limit.yml": quiz})
    assert [(e.path, e.line, e.col, e.rule) for e in errors] == [
        ("quizzes/time-limit.yml", 3, 20, "image-no-alt")]


def test_make_check_warns_about_a_5_mb_photo_in_a_lesson(tmp_path: Path) -> None:
    """As a teacher does it: the photo from the phone into docs/assets/images/, one line in a
    lesson; `make check` fails with one line that names the lesson's line and the fix."""
    project = copy_project(tmp_path)
    (project / "docs" / "assets" / "images" / PHOTO).write_bytes(os.urandom(5_000_000))
    page = project / "docs" / "lessons" / "time-limit.md"
    text = page.read_text(encoding="utf-8")
    marker = "\n## "
    at = text.index(marker, text.index("\n---", 4))
    page.write_text(text[:at] + f"\n\n![A session plan](../assets/images/{PHOTO})\n" + text[at:],
                    encoding="utf-8")
    line = text[:at].count("\n") + 3
    result = subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=project,
                            capture_output=True, text=True, check=False)
    assert result.returncode != 0
    found = [row for row in (result.stdout + result.stderr).splitlines() if "[image-" in row]
    assert len(found) == 1, result.stdout + result.stderr
    assert found[0].startswith(f"warning: docs/lessons/time-limit.md:{line}:1: the picture "
                               f"'docs/assets/images/{PHOTO}' is 5.0 MB;")
    assert found[0].endswith("[image-too-large]")


def test_the_app_keeps_a_lessons_pictures(tmp_path: Path) -> None:
    """The installed app keeps a page with the pictures it shows (a phone's .JPG included),
    and "Keep the whole unit" takes every picture (hooks/offline_app.py's lists)."""
    site = tmp_path / "site"
    (site / "lessons" / "a").mkdir(parents=True)
    (site / "assets" / "images").mkdir(parents=True)
    for name in (PHOTO, "diagram.png", "chart.webp"):
        (site / "assets" / "images" / name).write_bytes(b"picture")
    (site / "lessons" / "a" / "index.html").write_text(
        f'<p><img alt="A plan" src="../../assets/images/{PHOTO}"></p>', encoding="utf-8")
    assert loaded_by(site, "lessons/a/index.html") == {f"assets/images/{PHOTO}"}
    assert {f"assets/images/{name}" for name in (PHOTO, "diagram.png", "chart.webp")} <= set(
        kept_files(site))
