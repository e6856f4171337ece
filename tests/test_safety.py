"""Nothing a quiz file says can run in a student's browser (issue 11, section 1).

Three layers, each tested from outside:
* every attack of engineering reviews 1 and 2 (and more), put in a quiz of a copy of the
  project, makes `mkdocs build --strict` refuse to build, naming the file, line and rule
  (one build for all of them: the hook reports every problem at once);
* whatever gets past those checks into a page is stopped by the build's check of the HTML
  itself (hooks/page_checks.py), naming the page and the element;
* the real site, built once for the whole test run, has no script that carries quiz text, no
  event attribute and no javascript:/data:/vbscript: address on any page (mkdocs-quiz's form
  attributes are patched away), and every page has a Content-Security-Policy that allows
  exactly its own inline scripts.
"""

from __future__ import annotations

import html
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from quizkit.pages import read_pages
from quizkit.sanitize import link_scheme
from tests.helpers import ROOT, copy_project, run_mkdocs_build

CHOICE = """\
title: {title}
lesson: {lesson}
questions:
  - id: attack-{n}
    objective: {objective}
    level: recall
    prompt: {prompt}
    options:
      - text: {option}
        correct: true
      - text: A wrong option here
        feedback: {feedback}
      - text: Another wrong option
        feedback: Also wrong.
    explanation: {explanation}
"""
WRITTEN = """\
title: {title}
lesson: index.md
questions:
  - id: attack-{n}
    objective: {objective}
    level: understand
    prompt: {prompt}
    marks: 1
    marking_points:
      - text: {point}
        marks: 1
        review: {lesson}
    outline: {outline}
"""
SAFE = {"title": "A quiz", "prompt": "Which one?", "option": "The right one",
        "feedback": "Wrong.", "explanation": "Because.", "point": "A point.",
        "outline": "An outline."}

# (field, attack, rule the compiler must name). Review 1, section 1 first, then our own.
ATTACKS = [
    ("title", "Evil <img src=x onerror=alert(1)>", "raw-html"),
    ("title", "Evil\n\n<script>alert(6)</script>\n\n<quiz>\nExtra?\n- [x] yes\n</quiz>",
     "raw-html"),
    ("prompt", "Which <svg/onload=alert(2)> one?", "raw-html"),
    ("option", "<svg/onload=alert(3)>", "raw-html"),
    ("explanation", "A picture <img src=x\nonerror=alert(5)> here.", "raw-html"),
    ("feedback", "[click me](javascript:alert(4))", "unsafe-link"),
    ("feedback", "[x](jav&#x61;script:alert(1))", "unsafe-link"),
    ("explanation", "[read more](JAVASCRIPT:alert(1))", "unsafe-link"),
    ("explanation", "See [this](java\nscript:alert(1)).", "unsafe-link"),
    ("explanation", "Visible <!-- hidden --> visible.", "raw-html"),
    ("prompt", "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+) Which?",
     "unsafe-link"),
    ("explanation", "See [the notes][n].\n\n[n]: vbscript:msgbox(1)", "unsafe-link"),
    ("explanation", "Or <javascript:alert(1)>.", "unsafe-link"),
    ("option", "**Bold**{: onmouseover=alert(1) }", "unsafe-attribute"),
    ("explanation", "Ends early.\n</quiz>\n\n<quiz>\nInjected?\n- [x] yes\n</quiz>",
     "quiz-markup"),
    ("outline", 'Read <a href="javascript:alert(1)">this</a>.', "raw-html"),
    ("point", "Names it <b onclick=alert(1)>here</b>.", "raw-html"),
    # Engineering review 2, E1: reference definitions wherever Markdown honours them.
    ("explanation", "Read [again][ab].\n\n> [ab]: javascript:alert(document.domain)",
     "unsafe-link"),
    ("feedback", "Read [here][cd].\n\n- [cd]: javascript:alert(2)", "unsafe-link"),
    ("explanation", "1. one [x]\n\n    [x]: javascript:alert(1)", "unsafe-link"),
    ("explanation", "Read [there][ef].\n\n!!! note\n    [ef]: javascript:alert(3)",
     "unsafe-link"),
    ("explanation", "??? note\n    Read [this][y].\n\n    [y]: javascript:alert(1)",
     "unsafe-link"),
    ("explanation", "Click [][].\n\n[]: javascript:alert(1)", "unsafe-link"),
    ("outline", "- Point, [read][r].\n\n    [r]: data:text/html,x", "unsafe-link"),
    ("point", "As [the notes](FILE:///etc/passwd) say.", "unsafe-link"),
    ("explanation", "See ![x](https://example.org/pixel.png).", "remote-image"),
]


def attack_quiz(n: int, field: str, attack: str, lesson: str, objective: str) -> str:
    values = {k: json.dumps(v) for k, v in SAFE.items()}  # JSON strings are YAML strings
    values[field] = json.dumps(attack)
    template = WRITTEN if field in ("outline", "point") else CHOICE
    return template.format(n=n, lesson=lesson, objective=objective, **values)


@pytest.fixture(scope="module")
def lesson_and_objective() -> tuple[str, str]:
    """A real lesson of the module and its first objective (the bank may be rewritten)."""
    pages, _ = read_pages(ROOT / "docs")
    page = next(p for path, p in sorted(pages.items()) if path.startswith("lessons/")
                and p.objectives)
    return page.path, next(iter(page.objectives))


def test_every_attack_is_refused_by_check_build_and_exports(tmp_path: Path,
                                                           lesson_and_objective) -> None:
    """`make check`, the strict build, `make lms` and `make handouts` each refuse every attack
    with the same lines, naming the file, line and rule, and write nothing."""
    import subprocess
    import sys

    project = copy_project(tmp_path)
    lesson, objective = lesson_and_objective
    for n, (field, attack, _) in enumerate(ATTACKS, 1):
        (project / "quizzes" / f"attack-{n}.yml").write_text(
            attack_quiz(n, field, attack, lesson, objective), encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(site, project / "mkdocs.yml")
    assert result.returncode == 1
    assert "the site was not rebuilt" in result.stderr
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    for n, (_, attack, rule) in enumerate(ATTACKS, 1):
        ours = [line for line in lines if line.startswith(f"quizzes/attack-{n}.yml:")]
        assert any(line.endswith(f"[{rule}]") for line in ours), (attack, ours)
        assert all(re.match(rf"quizzes/attack-{n}\.yml:\d+:\d+: ", line) for line in ours)
    assert not (site / "index.html").exists(), "a refused build must not write the site"
    located = {line for line in lines if line.startswith("quizzes/attack-")}
    for command in (["--check"], ["--lms", "dist/lms"], ["--handouts", "dist/handouts"]):
        run = subprocess.run([sys.executable, "build_quiz.py", *command], cwd=project,
                             capture_output=True, text=True, check=False)
        assert run.returncode == 1 and "Traceback" not in run.stderr, command
        said = {line for line in run.stderr.splitlines() if line.startswith("quizzes/attack-")}
        assert said == located, command
    assert not (project / "dist").exists()




class _Scan(HTMLParser):
    """Scripts (inline text), event attributes and dangerous addresses in one HTML file."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.scripts: list[str] = []  # executable ones (JSON data blocks are not)
        self.events: list[str] = []
        self.addresses: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "script" and (dict(attrs).get("type") or "text/javascript") in (
                "text/javascript", "module", "application/javascript"):
            self._in_script = True
            self.scripts.append("")
        for name, value in attrs:
            if name.startswith("on"):
                self.events.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action", "formaction", "xlink:href", "srcset") \
                    and link_scheme(value or "") in ("javascript", "data", "vbscript"):
                self.addresses.append(f"<{tag} {name}={(value or '')[:60]!r}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts[-1] += data


_STRING_LITERAL = re.compile(r'"(?:\\.|[^"\\\n])*"|\'(?:\\.|[^\'\\\n])*\'')


def scan(text: str) -> _Scan:
    scanner = _Scan()
    scanner.feed(text)
    scanner.close()
    return scanner


def quiz_phrases() -> set[str]:
    """Distinctive runs of quiz text: the first 24 characters of every text field (Markdown
    marks removed) that long, from every quiz file."""
    import yaml

    phrases = set()

    def walk(value: object) -> None:
        if isinstance(value, dict):
            for key, item in value.items():
                if key not in ("id", "objective", "lesson", "review", "level"):
                    walk(item)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, str):
            plain = " ".join(re.sub(r"[*_`\[\]>#|]", "", value).split())
            if len(plain) >= 24:
                phrases.add(plain[:24])

    for path in (ROOT / "quizzes").glob("*.yml"):
        walk(yaml.safe_load(path.read_text(encoding="utf-8")))
    return phrases


def test_the_scan_finds_what_it_looks_for() -> None:
    """Guard the guard: each kind of danger in a page is found."""
    found = scan('<p><img src=x onerror="alert(1)"><a href="jav&#x61;script:x">a</a>'
                 '<img src="data:image/svg+xml,x"><form action="javascript:void(0);" '
                 'onsubmit="return false;"></form>'
                 "<script>alert('The time limit');The time limit</script></p>")
    assert found.events == ["<img onerror='alert(1)'>", "<form onsubmit='return false;'>"]
    assert len(found.addresses) == 3
    assert found.scripts == ["alert('The time limit');The time limit"]
    assert _STRING_LITERAL.sub('""', found.scripts[0]) == 'alert("");The time limit'


def test_the_built_site_has_no_script_event_or_dangerous_link_from_quizzes(built_site: Path
                                                                          ) -> None:
    phrases = quiz_phrases()
    assert len(phrases) > 50, "the quiz text scan found too little to be a check"
    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    problems = []
    for page in pages:
        found = scan(page.read_text(encoding="utf-8"))
        where = page.relative_to(built_site).as_posix()
        problems += [f"{where}: event attribute {e}" for e in found.events]
        problems += [f"{where}: dangerous address {a}" for a in found.addresses]
        for script in found.scripts:
            # Quiz text may be data in a script (a page title in a JSON string), never code:
            # look for it outside the script's string literals.
            code = " ".join(_STRING_LITERAL.sub('""', html.unescape(script)).split())
            problems += [f"{where}: quiz text in a script: {p!r}" for p in phrases if p in code]
    assert problems == [], "\n".join(problems[:20])


# --- YAML aliases: an "alias bomb" is refused at once (engineering review 2, E4) --------------

BOMB = (ROOT / "tests" / "fixtures" / "invalid" / "yaml-alias-bomb.yml").read_text(
    encoding="utf-8")


def test_an_alias_bomb_is_one_line_and_never_expanded(tmp_path: Path) -> None:
    """The same bomb in a quiz, in a lesson's front matter and in mkdocs.yml: `make check`
    answers with one yaml-alias line for each. Expanding any of them would take hours (9^9
    texts), so the subprocess's time limit is a safety net: a missing check hangs, it does
    not merely run slow."""
    import subprocess
    import sys

    project = copy_project(tmp_path)
    (project / "quizzes" / "bomb.yml").write_text(BOMB, encoding="utf-8")
    lesson = next((project / "docs" / "lessons").glob("*.md"))
    lesson.write_text(f"---\n{BOMB}---\n\nText.\n", encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nextra_bomb:\n"
                      + "".join(f"  {line}\n" for line in BOMB.splitlines()[3:]),
                      encoding="utf-8")
    result = subprocess.run([sys.executable, "build_quiz.py", "--check"], cwd=project,
                            capture_output=True, text=True, timeout=10, check=False)
    assert result.returncode == 1
    aliases = [line for line in result.stderr.splitlines() if line.endswith("[yaml-alias]")]
    assert [line.split(":")[0] for line in aliases] == [
        f"docs/lessons/{lesson.name}", "mkdocs.yml", "quizzes/bomb.yml"], result.stderr
    assert all("'*a' repeats the text marked '&a'" in line for line in aliases)
    assert "Traceback" not in result.stderr


# --- the check of the HTML, and the Content-Security-Policy --------------------------------------

INJECT_HOOK = '''"""Test only: put into pages what the checks of the text should have stopped."""


def on_page_content(html, page, config, files):
    if page.file.src_uri == "quizzes/time-limit.md":
        return html + '<p><a href="javascript:alert(1)">x</a><iframe src="x.html"></iframe></p>'
    if page.file.src_uri.startswith("lessons/"):
        return html + '<p><span onclick="alert(2)">y</span></p>'
    return html
'''


def test_a_page_holding_what_the_text_checks_missed_stops_the_build(tmp_path: Path) -> None:
    """As if quiz text had got past its check (say, two fields combining into a link): the
    build's check of the HTML names the page and each element, writes a stand-in instead of
    the page, and fails."""
    project = copy_project(tmp_path)
    (project / "hooks" / "inject.py").write_text(INJECT_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace("hooks:\n", "hooks:\n  - hooks/inject.py\n", 1),
                      encoding="utf-8")
    site = tmp_path / "site"
    result = run_mkdocs_build(site, config)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.endswith("[unsafe-output]")]
    assert any("quizzes/time-limit.md: <a href=\"javascript:alert(1)\">" in line for line in lines)
    assert any("quizzes/time-limit.md: <iframe src=\"x.html\">" in line for line in lines)
    assert any("lessons/" in line and '<span onclick="alert(2)">' in line for line in lines)
    for page in [site / "quizzes" / "time-limit" / "index.html",
                 *(site / "lessons").glob("*/index.html")]:
        written = page.read_text(encoding="utf-8")
        assert "alert(" not in written and "This page was not built" in written, page


def _inline_scripts(html_text: str) -> list[str]:
    """The text of every inline script a browser runs (no src, a JavaScript type)."""
    class Scripts(HTMLParser):
        def __init__(self) -> None:
            super().__init__(convert_charrefs=False)
            self.found: list[str] = []
            self.inside = False

        def handle_starttag(self, tag: str, attrs: list) -> None:
            values = dict(attrs)
            self.inside = tag == "script" and "src" not in values and (
                values.get("type") or "text/javascript") in ("text/javascript", "module")
            if self.inside:
                self.found.append("")

        def handle_endtag(self, tag: str) -> None:
            self.inside = False

        def handle_data(self, data: str) -> None:
            if self.inside:
                self.found[-1] += data

    parser = Scripts()
    parser.feed(html_text)
    return parser.found


def test_every_page_allows_exactly_its_own_inline_scripts(built_site: Path) -> None:
    """The policy is the first thing in <head> after the character set, and its script hashes
    are those of the page's inline scripts: no more (a script added later), no fewer."""
    import base64
    import hashlib

    pages = sorted(built_site.rglob("*.html"))
    assert len(pages) > 10
    for page in pages:
        text = page.read_text(encoding="utf-8")
        where = page.relative_to(built_site).as_posix()
        head = re.search(r"<head>\s*<meta charset=\"utf-8\">(<meta [^>]*>)", text)
        assert head, where
        policy = re.fullmatch(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">',
                              head.group(1))
        assert policy and text.count("Content-Security-Policy") == 1, where
        directives = dict(d.strip().split(" ", 1) for d in policy.group(1).split(";"))
        assert directives["default-src"] == "'self'" and directives["object-src"] == "'none'"
        allowed = set(directives["script-src"].split()) - {"'self'"}
        own = {"'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
               for s in _inline_scripts(text)}
        assert allowed == own, where
        assert "'unsafe-inline'" not in directives["script-src"], where


def test_the_policy_is_replaced_not_added_and_never_counts_data_blocks() -> None:
    import hooks.page_checks as hook

    page = ('<!doctype html><html><head><meta charset="utf-8"><title>t</title>'
            '<script>a()</script><script type="application/json">{"b": 1}</script>'
            '<script src="c.js"></script></head><body><script type="module">d()</script>'
            '</body></html>')
    once = hook.with_policy(page)
    assert hook.with_policy(once) == once
    assert once.count("Content-Security-Policy") == 1
    assert len(hook.inline_script_hashes(once)) == 2
    assert once.index("Content-Security-Policy") < once.index("<title>")


# --- the exports are checked as written ----------------------------------------------------------

def test_an_export_that_would_carry_script_is_not_written(tmp_path: Path, monkeypatch) -> None:
    """As if a text had got past its checks into the Moodle XML, a QTI 2.1 item or a handout:
    the command names the file and the element, and writes no file at all."""
    import quizkit.handouts
    import quizkit.moodle
    import quizkit.qti21
    from quizkit.build import UnsafeExport, compile_module, write_handouts, write_lms
    from quizkit.siteconfig import read_site_config

    module, problems = compile_module(ROOT / "docs", ROOT / "quizzes")
    assert problems == []
    config = read_site_config(ROOT / "mkdocs.yml")
    moodle, qti21 = quizkit.moodle.moodle_xml, quizkit.qti21.qti21_files
    monkeypatch.setattr(quizkit.moodle, "moodle_xml", lambda *a, **k: moodle(*a, **k).replace(
        b"</questiontext>", b"</questiontext><generalfeedback><text>"
        b"&lt;a href=\"jav&amp;#x61;script:alert(1)\"&gt;x&lt;/a&gt;</text></generalfeedback>", 1))

    def tampered_qti21(*args: object, **kwargs: object) -> dict[str, str]:
        files = qti21(*args, **kwargs)
        name = next(n for n in files if n.startswith("items/"))
        files[name] = files[name].replace("</itemBody>", '<p><a href="vbscript:x">y</a></p>'
                                          "</itemBody>", 1)
        return files

    monkeypatch.setattr(quizkit.qti21, "qti21_files", tampered_qti21)
    with pytest.raises(UnsafeExport) as refused:
        write_lms(module, tmp_path / "lms", config)
    assert any("moodle-question-bank.xml: <a href=\"javascript:alert(1)\">" in line
               for line in refused.value.lines), refused.value.lines
    assert any("qti-2.1.zip:" in line and '<a href="vbscript:x">' in line
               for line in refused.value.lines), refused.value.lines
    assert all(line.endswith("[unsafe-output]") for line in refused.value.lines)
    assert not (tmp_path / "lms").exists() or not any((tmp_path / "lms").iterdir())

    handouts = quizkit.handouts.handout_files
    monkeypatch.setattr(quizkit.handouts, "handout_files", lambda *a, **k: {
        name: text.replace("</body>", '<img src="x" onerror="alert(2)"></body>', 1)
        for name, text in handouts(*a, **k).items()})
    with pytest.raises(UnsafeExport) as refused:
        write_handouts(module, tmp_path / "handouts", config)
    assert any('index.html: <img onerror="alert(2)">' in line for line in refused.value.lines)
    assert not (tmp_path / "handouts").exists() or not any((tmp_path / "handouts").iterdir())


def test_a_text_field_added_to_the_format_later_is_checked_too(tmp_path: Path) -> None:
    """The texts checked are every string of the document, not a list of known fields: a
    field the schema does not know yet (here a made-up `study_notes:`) is still read for
    what could reach a page, besides being an unknown key."""
    from quizkit.pages import read_pages
    from quizkit.validate import validate_file

    fixtures = ROOT / "tests" / "fixtures"
    source = (fixtures / "valid" / "written.yml").read_text(encoding="utf-8")
    (tmp_path / "q.yml").write_text(source.replace(
        "    outline:", "    study_notes:\n      - text: '[more](javascript:alert(1))'\n"
        "    outline:", 1), encoding="utf-8")
    pages, _ = read_pages(fixtures / "docs")
    _, _, problems, _ = validate_file(tmp_path / "q.yml", "quizzes/q.yml", pages,
                                      ROOT / "quizzes" / "schema.json")
    rules = {p.rule for p in problems}
    assert {"unknown-key", "unsafe-link"} <= rules, problems


# Disguises tried as an attacker would (each refused, once), and look-alikes that are harmless
# on the page (passed: a check that refuses them would only teach faculty to ignore it).
DISGUISES = [
    ("[x][r]\n\n[r]: <javascript:alert(1)>", ["unsafe-link"]),
    ("[x](<javascript:alert(1)>)", ["unsafe-link"]),
    ("[x](javascript&#58;alert(1))", ["unsafe-link"]),
    ("[x]( javascript:alert(1))", ["unsafe-link"]),
    ("[x](java&Tab;script:alert(1))", ["unsafe-link"]),
    ("[x](javascript\\:alert(1))", ["unsafe-link"]),
    ("Note[^1]\n\n[^1]: [y](javascript:x)", ["unsafe-link"]),
    ("Term\n:   [t](vbscript:x)", ["unsafe-link"]),
    ("| a |\n|---|\n| [t][c] |\n\n[c]: data:text/html,x", ["unsafe-link"]),
    ("[x](https://ok)\n\n> > [y]: javascript:deep", ["unsafe-link"]),
    ("[x][]\n\n[x]:\n  javascript:next-line", ["unsafe-link"]),
    ("[x]\n\n[X]: JAVASCRIPT:case", ["unsafe-link"]),
    ("[x](feed:javascript:alert(1))", ["unsafe-link"]),
    ("[a](https://x){: href=javascript:x}", ["unsafe-link"]),
    ("```{.python onclick=\"alert(1)\"}\nx\n```", ["unsafe-attribute"]),
    ("Para\n{: style=\"background:url(javascript:alert(1))\" }", ["unsafe-attribute"]),
    ("![a](x.png){: onerror=alert(1) }", ["unsafe-attribute"]),
    ("![x](//tracker.example/p.png)", ["remote-image"]),
    ("!!! note \"<img src=x onerror=alert(1)>\"\n    text", ["raw-html"]),
    ("[x](https://a \"\\\" onmouseover=\\\"alert(1)\")", []),  # a title, escaped
    ("    [z]: javascript:in-a-code-block", []),
    ("`[z]: javascript:in-code`", []),
    ("[x](javascript%3Aalert(1))", []),  # a relative address: browsers keep %3A
    ("**Bold** text{: onmouseover=alert(1) }", []),  # not an attribute list: plain text
]


@pytest.mark.parametrize(("text", "rules"), DISGUISES, ids=lambda v: repr(v)[:40])
def test_disguises_are_refused_once_and_look_alikes_pass(text: str, rules: list[str]) -> None:
    from quizkit import sanitize

    settings = sanitize.site_settings(ROOT / "mkdocs.yml")
    assert [u.rule for u in sanitize.check(text, settings)] == rules
