"""End to end: the real quizzes through the CLI, the MkDocs hook and mkdocs-quiz's own parser."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import urllib.request
from pathlib import Path

import pytest
from mkdocs_quiz.qti.extractor import extract_quizzes_from_file

from quizkit.model import FILL_IN
from tests.helpers import ROOT, run_mkdocs_build

BROKEN_QUESTION = """
  - id: broken-{name}
    objective: no-such-objective
    level: recall
    promt: A question with a typo in a key
    explanation: Two mistakes above, one line each.
"""



def run_cli(*args: str, cwd: Path = ROOT, seed: str | None = None,
            ) -> subprocess.CompletedProcess:
    """build_quiz.py as a process (with PYTHONHASHSEED=seed when given)."""
    env = {**os.environ, **({"PYTHONHASHSEED": seed} if seed else {})}
    return subprocess.run([sys.executable, str(ROOT / "build_quiz.py"), *args], cwd=cwd,
                          env=env, capture_output=True, text=True, check=False)



def break_quiz(project: Path, name: str = "time-limit.yml") -> None:
    quiz = project / "quizzes" / name
    broken = BROKEN_QUESTION.format(name=quiz.stem)
    quiz.write_text(quiz.read_text(encoding="utf-8") + broken, encoding="utf-8")


def snapshot(folder: Path) -> dict[str, bytes]:
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_check_passes_on_the_real_bank() -> None:
    result = run_cli("--check")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("OK: ")


def test_round_trip_through_mkdocs_quiz_parser(module, tmp_path: Path) -> None:
    """The generated pages, read back by mkdocs-quiz's own extractor, say what the YAML says."""
    result = run_cli("--out", str(tmp_path))
    assert result.returncode == 0, result.stderr
    for quiz in module.quizzes:
        if quiz.written:
            continue  # exam practice is not an mkdocs-quiz page: tests/test_written.py
        extracted = extract_quizzes_from_file(tmp_path / quiz.page_path)
        assert len(extracted) == len(quiz.questions), quiz.source
        for question, parsed in zip(quiz.questions, extracted, strict=True):
            if question.kind == FILL_IN:
                # mkdocs-quiz reads a blank's alternatives as one string, "a|b".
                assert [b.correct_answer.split("|") for b in parsed.blanks] == [
                    list(blank.answers) for blank in question.blanks]
                assert parsed.answers == []
                continue
            assert parsed.question == question.prompt
            assert [(a.text, a.is_correct, a.feedback) for a in parsed.answers] == [
                (o.text, o.correct, o.feedback.strip() if o.feedback else None)
                for o in question.options
            ], question.id
            assert question.explanation.splitlines()[0] in (parsed.content or "")


def test_out_is_deterministic_and_skips_unchanged_pages(tmp_path: Path) -> None:
    """Two processes with different hash seeds (set and dict order) write the same bytes; the
    second writes nothing."""
    assert run_cli("--out", str(tmp_path), seed="1").returncode == 0
    first = snapshot(tmp_path)
    second_run = run_cli("--out", str(tmp_path), seed="2")
    assert second_run.returncode == 0
    assert "wrote 0 changed pages" in second_run.stdout
    assert snapshot(tmp_path) == first


def test_a_rejected_quiz_leaves_earlier_out_files_alone(project_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    assert run_cli("--out", str(out), cwd=project_copy).returncode == 0
    before = snapshot(out)
    break_quiz(project_copy)
    result = subprocess.run([sys.executable, "build_quiz.py", "--out", str(out)],
                            cwd=project_copy, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert snapshot(out) == before


def test_cli_reports_every_problem_once_with_positions(project_copy: Path) -> None:
    break_quiz(project_copy)
    break_quiz(project_copy, "transference.yml")
    result = subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=project_copy,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert "Traceback" not in result.stderr
    assert lines[-1] == "4 problems in 2 files; nothing was built or changed."
    for name in ("time-limit.yml", "transference.yml"):
        ours = [line for line in lines if line.startswith(f"quizzes/{name}:")]
        assert len(ours) == 2, lines
        assert any("unknown key 'promt'" in line and "did you mean 'prompt'?" in line
                   for line in ours)
        assert any("objective 'no-such-objective' is not declared" in line for line in ours)


def test_cli_survives_an_unreadable_file(project_copy: Path) -> None:
    (project_copy / "quizzes" / "binary.yml").write_bytes(b"\x00\xff\xfe garbage")
    result = subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=project_copy,
                            capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert result.stderr.startswith("quizzes/binary.yml:1:")
    assert "Traceback" not in result.stderr


def test_strict_build_of_the_real_site(built_site: Path) -> None:
    page = (built_site / "quizzes" / "time-limit" / "index.html").read_text(encoding="utf-8")
    assert page.count('class="quiz') >= 8
    assert "confetti: false" in page  # self-checks, not exams
    lesson = (built_site / "lessons" / "time-limit" / "index.html").read_text(encoding="utf-8")
    assert "In this lesson you will" in lesson
    # mkdocs-quiz's CSS and JavaScript are only on quiz pages.
    assert "quiz_progress_" in page
    assert "quiz_progress_" not in lesson


def test_a_broken_quiz_fails_the_build_and_keeps_the_last_good_site(
        project_copy: Path, built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)  # the last good site (the run's one build)
    before = snapshot(site)
    break_quiz(project_copy)
    result = run_mkdocs_build(site, project_copy / "mkdocs.yml")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "quizzes/time-limit.yml:" in result.stderr
    assert "did you mean 'prompt'?" in result.stderr
    assert snapshot(site) == before


def test_site_build_is_byte_identical_and_leaves_the_sources_alone(
        project_copy: Path, built_site: Path, tmp_path: Path) -> None:
    """A second build, in another process with another hash seed and from a copy of the
    project, gives the run's build byte for byte; the build writes nothing into docs/ or
    quizzes/ (the quiz pages are virtual files)."""
    sources = {name: snapshot(project_copy / name) for name in ("docs", "quizzes")}
    again = tmp_path / "again"
    assert run_mkdocs_build(again, project_copy / "mkdocs.yml", seed="2").returncode == 0
    assert snapshot(again) == snapshot(built_site)
    assert {name: snapshot(project_copy / name) for name in sources} == sources


# --- faculty commands: make build, make serve, make publish ---------------------------------


def check_copy(project: Path) -> subprocess.CompletedProcess:
    """`make check` in a copy of the project."""
    return subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=project,
                          capture_output=True, text=True, check=False)


def test_lesson_mistake_is_one_message_named_as_a_page_problem(project_copy: Path,
                                                                tmp_path: Path) -> None:
    """An unquoted colon in a lesson's title: one line, not also 'declares no objectives' for
    its quiz, and not announced as a quiz problem."""
    lesson = project_copy / "docs" / "lessons" / "time-limit.md"
    text = lesson.read_text(encoding="utf-8")
    title = next(line for line in text.splitlines() if line.startswith("title:"))
    lesson.write_text(text.replace(title, "title: Characteristic 2: the time limit", 1),
                      encoding="utf-8")
    check = check_copy(project_copy)
    assert check.returncode == 1
    assert check.stderr.splitlines() == [
        "docs/lessons/time-limit.md:2:24: YAML syntax error: mapping values are not allowed in "
        "this context; hint: a value contains ': ' (colon and space); put the whole text in "
        "double quotes [yaml-colon]",
        "1 problem in 1 file; nothing was built or changed.",
    ]
    build = run_mkdocs_build(tmp_path / "site", project_copy / "mkdocs.yml")
    assert build.returncode == 1
    assert "Problems in the pages; the site was not rebuilt:" in build.stderr
    assert "quizzes" not in build.stderr.split("Problems in")[1].split("\n")[0]
    assert "declares no objectives" not in build.stderr
    assert "Traceback" not in build.stderr


def test_a_broken_lesson_link_fails_check_with_its_line(project_copy: Path) -> None:
    lesson = project_copy / "docs" / "lessons" / "time-limit.md"
    lines = lesson.read_text(encoding="utf-8").splitlines(keepends=True)
    lines.append("\nSee the [glossary](../glosary.md#transference).\n")
    lesson.write_text("".join(lines), encoding="utf-8")
    result = check_copy(project_copy)
    assert result.returncode == 1
    assert (f"warning: docs/lessons/time-limit.md:{len(lines) + 1}:20: the link to "
            "'../glosary.md#transference' goes nowhere: docs/glosary.md does not exist; did you "
            "mean '../glossary.md'? [link-missing-page]") in result.stderr.splitlines()
    assert result.stderr.strip().splitlines()[-1].startswith("1 warning in 1 file")


def safe_build(project: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(project / "tools" / "safe_build.py"), *args],
                          cwd=project, capture_output=True, text=True, check=False)


def test_a_failed_build_leaves_site_as_it_was(project_copy: Path, built_site: Path) -> None:
    # The last good build, as `make build` leaves it: the run's own (a build less to wait for).
    shutil.copytree(built_site, project_copy / "site")
    before = snapshot(project_copy / "site")
    assert "lessons/time-limit/index.html" in before
    lesson = project_copy / "docs" / "lessons" / "time-limit.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\n[broken](nowhere.md)\n",
                      encoding="utf-8")
    second = safe_build(project_copy)
    assert second.returncode == 1
    assert "nowhere.md" in second.stderr  # MkDocs' own strict-mode complaint
    assert second.stderr.strip().splitlines()[-1] == (
        "make build: the build failed (see above); site/ was left as it was, the last good "
        "build.")
    assert snapshot(project_copy / "site") == before
    leftovers = [p.name for p in project_copy.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_a_broken_mkdocs_yml_is_named_with_its_line(project_copy: Path) -> None:
    """A nav line one space out: mkdocs.yml's line and column, never MkDocs' raw message."""
    config = project_copy / "mkdocs.yml"
    lines = config.read_text(encoding="utf-8").splitlines(keepends=True)
    number = next(i for i, line in enumerate(lines)  # its nav line: '- "2 · …": lessons/…'
                  if line.strip().startswith("- ")
                  and line.strip().endswith("lessons/interpersonal-focus.md"))
    lines[number] = lines[number][1:]  # one space less than the lines around it
    config.write_text("".join(lines), encoding="utf-8")
    result = safe_build(project_copy)
    assert result.returncode == 1
    first = result.stderr.splitlines()[0]
    assert first.startswith(f"mkdocs.yml:{number + 1}:") and first.endswith("[yaml-indent]"), first
    assert "is not lined up with the one on line" in first
    assert "/tmp" not in result.stderr and "Traceback" not in result.stderr
    assert not (project_copy / "site").exists()


def test_publish_without_a_git_remote_is_one_line(project_copy: Path,
                                                  monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    sys.path.insert(0, str(ROOT / "tools"))
    import safe_build as tool

    monkeypatch.setattr(tool, "safe_build", lambda root: True)  # the build is tested above
    assert tool.git_remote(project_copy) is None  # a copy without .git
    assert tool.publish(project_copy) == 1
    assert capsys.readouterr().err.splitlines() == [
        "make publish: this folder has no git remote 'origin' to publish to, so nothing was "
        "published; share the offline zip (make offline) instead, or ask whoever looks after "
        "the module's repository [publish-no-remote]"]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_serve_on_a_busy_port_is_one_line() -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = subprocess.run(["make", "-s", "serve", f"PORT={port}"], cwd=ROOT,
                                capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode != 0
    lines = [line for line in result.stderr.splitlines() if not line.startswith("make: ***")]
    assert lines == [
        f"make serve: the preview is already running at http://127.0.0.1:{port}/ (or another "
        f"program uses port {port}): open that address, or start a second preview with: make "
        f"serve PORT={port + 1} [preview-port-busy]"]


def fetch(url: str, timeout: float) -> bytes:
    with urllib.request.urlopen(url, timeout=timeout) as response:
        return response.read()


def article(page: bytes) -> bytes:
    return page[page.find(b"<article"):page.find(b"</article>")]


class _Output:
    """The lines a background process writes, collected by a thread, waited on by the test."""

    def __init__(self, stream) -> None:
        self.lines: list[str] = []
        self.changed = threading.Condition()
        self.reader = threading.Thread(target=self._read, args=(stream,), daemon=True)
        self.reader.start()

    def _read(self, stream) -> None:
        for line in stream:
            with self.changed:
                self.lines.append(line)
                self.changed.notify_all()

    def wait_for(self, text: str, count: int = 1, timeout: float = 90) -> None:
        with self.changed:
            found = self.changed.wait_for(
                lambda: sum(text in line for line in self.lines) >= count, timeout)
        assert found, f"no {count}x '{text}' in:\n{''.join(self.lines)}"


def test_preview_lists_the_problems_at_every_save_and_keeps_the_last_good_site(
        project_copy: Path) -> None:
    """The terminal lists the problems at every save; every page shows them in a banner until
    the next good save (W3); a broken link is one line, not also MkDocs' own (W15)."""
    lesson = project_copy / "docs" / "lessons" / "time-limit.md"
    lesson.write_text(lesson.read_text(encoding="utf-8") + "\nSee [this](transferance.md).\n",
                      encoding="utf-8")
    port = free_port()
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}",
         "--livereload"],
        cwd=project_copy, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        text=True, start_new_session=True)
    output = _Output(server.stderr)
    try:
        output.wait_for("Serving on")
        said = "".join(output.lines)
        assert "the link to 'transferance.md' goes nowhere" in said
        assert "contains a link 'transferance.md'" not in said  # MkDocs' second line
        page = f"http://127.0.0.1:{port}/lessons/time-limit/"
        good = fetch(page, timeout=30)
        assert b'id="ipt-preview-problems"' not in good
        quiz = project_copy / "quizzes" / "time-limit.yml"
        before = quiz.read_text(encoding="utf-8")
        break_quiz(project_copy)
        output.wait_for("Problems in the quizzes; the site was not rebuilt:")
        quiz.write_text(quiz.read_text(encoding="utf-8") + "# saved again\n", encoding="utf-8")
        output.wait_for("Problems in the quizzes; the site was not rebuilt:", count=2)
        output.wait_for("did you mean 'prompt'?", count=2)
        output.wait_for("The preview keeps showing the last good version", count=2)
        # The browser is not left waiting: the last good page comes back at once (the same
        # article; only the live-reload script's counter differs).
        again = fetch(page, timeout=10)
        assert article(again) == article(good) and b"<article" in good
        # Every page says why, in the terminal's words (escaped: they quote the quiz's text).
        for url in (page, f"http://127.0.0.1:{port}/"):
            banner = fetch(url, timeout=10).decode().split('id="ipt-preview-problems"')[1]
            banner = banner.split("</details>")[0]
            assert "Your last save was not built: 2 problems." in banner
            assert ("<code>quizzes/time-limit.yml:" in banner
                    and "did you mean &#x27;prompt&#x27;? [unknown-key]" in banner)
        built = sum("Documentation built in" in line for line in output.lines)
        quiz.write_text(before, encoding="utf-8")  # a good save
        output.wait_for("Documentation built in", count=built + 1)
        assert b'id="ipt-preview-problems"' not in fetch(page, timeout=10)
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=30)
        output.reader.join(timeout=30)  # the pipe is at its end once the server has stopped
        server.stderr.close()


def test_ci_installs_the_browser_the_tests_look_for_first(monkeypatch) -> None:
    """.ci/run installs Debian's package whose program the browser tests try first (the
    headless shell); with only the full browser installed they use that, and Lighthouse always
    asks for the full one."""
    from tests.browser import conftest as browser

    ci_run = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    install = next(line for line in ci_run.splitlines() if line.startswith("apt-get install"))
    assert browser.HEADLESS_SHELL[0] in install.split()

    def which(installed: set[str]):
        return lambda name: f"/usr/bin/{name}" if name in installed else None

    monkeypatch.setattr(browser.shutil, "which", which({"chromium", "chromium-headless-shell"}))
    assert browser.chromium_executable() == "/usr/bin/chromium-headless-shell"
    assert browser.chromium_executable(full=True) == "/usr/bin/chromium"
    monkeypatch.setattr(browser.shutil, "which", which({"chromium"}))
    assert browser.chromium_executable() == "/usr/bin/chromium"
    monkeypatch.setattr(browser.shutil, "which", which(set()))
    assert browser.chromium_executable() is None  # Playwright's own, if it has one
