"""What `make check` says about the pages faculty write and about mkdocs.yml.

tests/fixtures/lessons/NAME.md     placed at docs/lessons/NAME.md beside the fixture lesson
                                   sample.md; must give exactly the lines in NAME.expected
tests/fixtures/mkdocs/NAME.yml     read as the site's mkdocs.yml; exactly NAME.expected

Adding a case means adding a file. To refresh expectations after an intended change of
wording: UPDATE_EXPECTED=1 pytest tests/test_lessons.py, then review the diff.
"""

from __future__ import annotations

import html.parser
import shutil
from pathlib import Path

import markdown
import pytest

from quizkit import anchors, sanitize
from quizkit.lessonend import lesson_quiz
from quizkit.lessons import content_problems, link_problems, unsafe_link_problems
from quizkit.model import Option, Question, Quiz
from quizkit.pages import read_pages
from quizkit.siteconfig import check_site_config
from tests.helpers import ROOT, check_against

FIXTURES = ROOT / "tests" / "fixtures"
LESSONS = sorted((FIXTURES / "lessons").glob("*.md"))
CONFIGS = sorted((FIXTURES / "mkdocs").glob("*.yml"))
SITE_CONFIG = anchors.site_markdown_config(ROOT / "mkdocs.yml")


def lesson_messages(fixture: Path, tmp_path: Path) -> list[str]:
    """Everything `make check` says about the lesson, as it prints it (notes included)."""
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "docs", docs)
    shutil.copy(fixture, docs / "lessons" / fixture.name)
    pages, problems = read_pages(docs)
    problems += link_problems(pages, set(pages), docs) + content_problems(pages, [])
    problems += [note for page in pages.values() for note in page.notes]
    problems += unsafe_link_problems(pages, sanitize.site_settings(ROOT / "mkdocs.yml"))
    shown = f"docs/lessons/{fixture.name}"
    return sorted(str(p) for p in problems if p.path == shown)


@pytest.mark.parametrize("fixture", LESSONS, ids=lambda p: p.stem)
def test_lesson_fixture_gives_exact_messages(fixture: Path, tmp_path: Path) -> None:
    messages = lesson_messages(fixture, tmp_path)
    assert messages, "a fixture here shows a mistake"
    check_against(fixture.with_suffix(".expected"), "".join(f"{m}\n" for m in messages))


def test_one_mistake_in_front_matter_is_one_message(tmp_path: Path) -> None:
    """An unquoted colon in the title: the title's line only, the objectives still read."""
    [message] = lesson_messages(FIXTURES / "lessons" / "title-colon.md", tmp_path)
    assert ":2:" in message and "[yaml-colon]" in message
    pages, _ = read_pages(tmp_path / "docs")
    assert list(pages["lessons/title-colon.md"].objectives) == ["t-first", "t-second"]


def test_a_lesson_without_mistakes_gives_no_message(tmp_path: Path) -> None:
    lesson = (FIXTURES / "lessons" / "link-missing-page.md").read_text(encoding="utf-8")
    body = ("See [the sample](sample.md#the-first-thing), [a section](#the-first-thing), "
            "[a site](https://example.org/x.md), `[code](nowhere.md)` and\n\n"
            "```text\n[a fenced link](nowhere.md)\n```\n")
    fixture = tmp_path / "fine.md"
    fixture.write_text(lesson.split("\nSee ")[0] + "\n" + body, encoding="utf-8")
    assert lesson_messages(fixture, tmp_path) == []


def test_an_objective_id_used_by_two_lessons(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "docs", docs)
    sample = (docs / "lessons" / "sample.md").read_text(encoding="utf-8")
    (docs / "lessons" / "zz-copy.md").write_text(sample, encoding="utf-8")
    _, problems = read_pages(docs)
    assert [str(p) for p in problems] == [
        "docs/lessons/zz-copy.md:4:3: objective id 's-first' is also declared in "
        "docs/lessons/sample.md; give each objective its own id [objective-duplicate-id]",
        "docs/lessons/zz-copy.md:5:3: objective id 's-second' is also declared in "
        "docs/lessons/sample.md; give each objective its own id [objective-duplicate-id]",
    ]


@pytest.mark.parametrize("config", CONFIGS, ids=lambda p: p.stem)
def test_site_config_fixture_gives_exact_messages(config: Path) -> None:
    errors, warnings = check_site_config(config, {"index.md", "lessons/sample.md",
                                                  "quizzes/sample.md"})
    lines = [str(p) for p in errors] + [f"warning: {p}" for p in warnings]
    check_against(config.with_suffix(".expected"), "".join(f"{line}\n" for line in lines))


def test_the_real_site_config_is_clean() -> None:
    errors, _ = check_site_config(ROOT / "mkdocs.yml")
    assert errors == []


# --- anchors: exactly the ids MkDocs gives the headings ------------------------------------------

TRICKY = """Intro text.

## foo_bar

!!! note "A box"
    ## Inside a box

Setext title
------------

## Intro

## Intro

## With an explicit id {#explicit}

## A [link](x.md), *emphasis* and `code`

## Ampersand & more

```text
## not a heading
```

??? tip "Closed box"
    ### Inside a closed box
"""


def full_markdown_anchors(text: str) -> list[str]:
    """Ids from Python-Markdown with every extension of the site's mkdocs.yml (no shortcut)."""
    names, options = [], {}
    for item in anchors.read_site_config(ROOT / "mkdocs.yml")["markdown_extensions"]:
        name, settings = next(iter(item.items())) if isinstance(item, dict) else (item, {})
        if name != "pymdownx.snippets":  # appends the glossary's abbreviations only
            names.append(name)
            options[name] = settings or {}
    converter = markdown.Markdown(extensions=names, extension_configs=options)
    converter.convert(text)
    found, stack = [], list(reversed(converter.toc_tokens))
    while stack:
        token = stack.pop()
        found.append(token["id"])
        stack.extend(reversed(token["children"]))
    return found


def test_anchors_are_toc_s_own() -> None:
    found = list(anchors.heading_anchors(TRICKY, config=SITE_CONFIG))
    assert found == full_markdown_anchors(TRICKY)
    assert found == ["foo_bar", "inside-a-box", "setext-title", "intro", "intro_1", "explicit",
                     "a-link-emphasis-and-code", "ampersand-more", "inside-a-closed-box"]


def test_a_heading_like_the_title_is_numbered_after_it() -> None:
    found = anchors.heading_anchors("## Intro\n", config=SITE_CONFIG, title="Intro")
    assert found == {"intro_1": "Intro"}


class _HeadingIds(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.ids: list[str] = []
        self.in_article = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "article":
            self.in_article = True
        elif self.in_article and tag in {"h1", "h2", "h3", "h4", "h5", "h6"} and values.get("id"):
            self.ids.append(values["id"] or "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "article":
            self.in_article = False


def test_anchors_match_the_built_site(built_site: Path, module) -> None:
    """Every page's headings, as `make check` reads them and as MkDocs built them (with the
    title and the "Check your understanding" section the build adds to a lesson)."""
    pages, _ = read_pages(ROOT / "docs")
    assert len(pages) > 5
    for path, page in pages.items():
        folder = "" if path == "index.md" else path.removesuffix(".md")
        parser = _HeadingIds()
        parser.feed((built_site / folder / "index.html").read_text(encoding="utf-8"))
        built = parser.ids[1:] if page.objectives else parser.ids  # the title the build adds
        if lesson_quiz(path, module.quizzes) and "check-your-understanding" not in page.anchors:
            built.remove("check-your-understanding")  # the lesson end the build adds
        assert list(page.anchors) == built, path


def test_unchanged_pages_are_not_converted_again(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(anchors, "CACHE_FILE", tmp_path / "anchors.json")
    monkeypatch.setattr(anchors, "_cache", anchors._Cache())
    converted = []
    real = anchors._convert
    monkeypatch.setattr(anchors, "_convert", lambda text, config: converted.append(text)
                        or real(text, config))
    first = anchors.heading_anchors(TRICKY, config=SITE_CONFIG)
    monkeypatch.setattr(anchors, "_cache", anchors._Cache())  # a new run reads the file
    assert anchors.heading_anchors(TRICKY, config=SITE_CONFIG) == first
    assert anchors.heading_anchors(TRICKY + "\n## New\n", config=SITE_CONFIG)["new"] == "New"
    assert len(converted) == 2  # the first page once, then only the changed text


# --- the content rules -----------------------------------------------------------------------


def question(qid: str, objective: str, review: str = "lessons/sample.md") -> Question:
    return Question(id=qid, objective=objective, prompt="Which?", explanation="Because.",
                    review=review, options=(Option("A", True, None), Option("B", False, "No.")),
                    line=5)


def test_content_rules(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    shutil.copytree(FIXTURES / "docs", docs)
    pages, _ = read_pages(docs)
    lesson_quiz = Quiz("quizzes/sample.yml", "sample", "Sample", "lessons/sample.md",
                       (question("a", "s-first"), question("b", "s-first"),
                        question("c", "s-second")))
    unit = Quiz("quizzes/unit.yml", "unit", "Unit", "index.md",
                (question("u", "x", review="glossary.md#terms"),))
    pages["index.md"] = pages["lessons/sample.md"].__class__("index.md")
    messages = [str(p) for p in content_problems(pages, [lesson_quiz, unit])]
    assert messages == [
        "docs/lessons/sample.md:7:1: this lesson has no box (admonition); add at least one, "
        "e.g. a line '!!! note \"Remember\"' followed by text indented by four spaces "
        "[lesson-no-admonition]",
        "quizzes/sample.yml:5:1: this quiz has 3 questions; a lesson's self-check needs at "
        "least 8: add 5 more [quiz-too-short]",
        "docs/lessons/sample.md:5:3: objective 's-second' is tested by only one question "
        "(quizzes/sample.yml:5); add a second question with 'objective: s-second' "
        "[objective-tested-once]",
        "quizzes/unit.yml:5:1: the unit self-check has no question on docs/lessons/sample.md "
        "(none has 'review: lessons/sample.md#…'); add one [unit-quiz-misses-lesson]",
    ]


def test_the_real_module_keeps_the_content_rules() -> None:
    from quizkit.build import compile_module

    module, problems = compile_module(ROOT / "docs", ROOT / "quizzes")
    assert problems == []
    assert module is not None and module.warnings == [], "\n".join(map(str, module.warnings))


@pytest.mark.parametrize("patterns", ["README.md", "README.md\n*.tmp", "drafts/old.md",
                                      "/lessons", "!lessons/sample.md\nlessons/*",
                                      "**/notes.md", "lessons/", "*.md\n!index.md"])
@pytest.mark.parametrize("page", ["README.md", "assets/javascripts/README.md", "index.md",
                                  "lessons/sample.md", "drafts/old.md", "x/notes.md", "a.tmp"])
def test_exclude_docs_reads_patterns_as_mkdocs_does(patterns: str, page: str) -> None:
    from pathspec.gitignore import GitIgnoreSpec  # what MkDocs uses

    from quizkit.siteconfig import excluded

    expected = GitIgnoreSpec.from_lines(patterns.splitlines()).match_file(page)
    assert excluded({"exclude_docs": patterns}, "exclude_docs", page) == expected
