"""The teaching content: every lesson complete, every objective tested, nothing orphaned.

These are the quality bars of the content issue that a machine can check. Accuracy and
clarity are for people to review; these tests make sure nothing structural slips.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from quizkit.build import compile_module
from conftest import ROOT
from quizkit.pages import split_front_matter
from quizkit.siteconfig import nav_pages, read_site_config
from quizkit.model import FILL_IN, MULTIPLE

DOCS = ROOT / "docs"
LESSONS = sorted((DOCS / "lessons").glob("*.md"))
OPTIONAL = {"beyond-the-unit"}  # marked as beyond the syllabus: no quiz of its own
UNIT_QUIZ = "unit-self-assessment"


@pytest.fixture(scope="module")
def module():
    built, problems = compile_module(DOCS, ROOT / "quizzes")
    assert problems == [], "\n".join(map(str, problems))
    return built


def body(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8"))[1]


def abbreviations() -> dict[str, str]:
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", text, flags=re.MULTILINE))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_is_complete(lesson: Path, module) -> None:
    page = module.pages[f"lessons/{lesson.name}"]
    text = body(lesson)
    assert page.title and page.minutes, "front matter needs title and minutes"
    assert 2 <= len(page.objectives) <= 4
    assert "key-points" in page.anchors, "a '## Key points' summary"
    assert "references" in page.anchors, "a '## References' section"
    assert re.search(r"^!!! \w+", text, flags=re.MULTILINE), "at least one admonition"
    assert not re.search(r"^# ", text, flags=re.MULTILINE), "no H1: the title comes from front matter"
    if lesson.stem not in OPTIONAL:
        assert "check-your-understanding" in page.anchors
        assert f"(../quizzes/{lesson.stem}.md)" in text, "links to its own quiz"


@pytest.mark.parametrize("lesson", [p for p in LESSONS if p.stem not in OPTIONAL],
                         ids=lambda p: p.stem)
def test_every_lesson_has_its_own_quiz_of_eight_or_more(lesson: Path, module) -> None:
    quizzes = {quiz.name: quiz for quiz in module.quizzes}
    quiz = quizzes.get(lesson.stem)
    assert quiz is not None, f"quizzes/{lesson.stem}.yml"
    assert quiz.lesson == f"lessons/{lesson.name}"
    assert len(quiz.questions) >= 8


def test_every_objective_is_tested_at_least_twice(module) -> None:
    tested = Counter((quiz.lesson, q.objective) for quiz in module.quizzes for q in quiz.questions)
    quizzed = {quiz.lesson for quiz in module.quizzes}
    untested = [f"{path}: {objective} ({tested[(path, objective)]}x)"
                for path, page in module.pages.items() if path in quizzed
                for objective in page.objectives if tested[(path, objective)] < 2]
    assert untested == []


def test_the_bank_has_the_promised_size_and_mix(module) -> None:
    questions = [q for quiz in module.quizzes for q in quiz.questions]
    kinds = Counter(q.kind for q in questions)
    assert len(questions) >= 60
    assert kinds[MULTIPLE] >= 10
    assert kinds[FILL_IN] >= 8
    unit = next(quiz for quiz in module.quizzes if quiz.name == UNIT_QUIZ)
    assert unit.lesson == "index.md"
    assert len(unit.questions) >= 15
    reviewed = {q.review.partition("#")[0] for q in unit.questions}
    lessons_with_quiz = {f"lessons/{p.name}" for p in LESSONS if p.stem not in OPTIONAL}
    assert lessons_with_quiz <= reviewed, "the unit self-check draws on every lesson"


def test_every_question_sends_the_student_to_a_section(module) -> None:
    """A wrong answer should lead to the exact paragraph, not just the top of a page."""
    vague = [q.id for quiz in module.quizzes for q in quiz.questions if "#" not in q.review]
    assert vague == []


def test_every_glossary_term_has_a_tooltip_a_glossary_entry_and_a_use() -> None:
    required = {"IPT", "CBT", "transference", "ego strength", "defence mechanism",
                "social support", "role transition", "perinatal", "postpartum depression",
                "acute phase", "treatment contract", "here-and-now", "dynamically informed"}
    terms = abbreviations()
    assert required <= set(terms)
    glossary = (DOCS / "glossary.md").read_text(encoding="utf-8").lower()
    lessons = "\n".join(body(p) for p in LESSONS)
    for term in terms:
        assert term.lower() in glossary, f"glossary page lacks '{term}'"
    for term in required:  # used as written, so the tooltip appears in the lessons
        assert re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", lessons), \
            f"no lesson uses '{term}'"


def test_every_page_is_in_the_navigation(module) -> None:
    nav = set(nav_pages(read_site_config(ROOT / "mkdocs.yml").get("nav")))
    pages = set(module.pages) | set(module.rendered)
    assert pages - nav == set()
    assert nav - pages == set(), "nav names a page that does not exist"


def test_navigation_follows_the_students_path(module) -> None:
    """Home first; each lesson's self-check right after it (so the footer's Next goes lesson,
    self-check, lesson); the optional page marked so; faculty pages last, in their own section."""
    config = read_site_config(ROOT / "mkdocs.yml")
    order = nav_pages(config.get("nav"))
    assert order[0] == "index.md"
    lesson_quizzes = [q for q in module.quizzes if q.lesson.startswith("lessons/")]
    assert lesson_quizzes
    for quiz in lesson_quizzes:
        assert order.index(quiz.page_path) == order.index(quiz.lesson) + 1, quiz.page_path
    faculty = [path for path in order if path.startswith("faculty/")]
    assert faculty and order[-len(faculty):] == faculty
    sections = {next(iter(item)): item for item in config["nav"] if isinstance(item, dict)}
    assert set(nav_pages(sections["For faculty"]["For faculty"])) == set(faculty)
    optional = [title for item in config["nav"] if isinstance(item, dict)
                for title, path in item.items() if path == "lessons/beyond-the-unit.md"]
    assert optional and "optional" in optional[0].lower()


def test_no_contact_details_are_published() -> None:
    """The lecture notes' author is credited, never her e-mail address or phone number."""
    for path in [*DOCS.rglob("*.md"), *(ROOT / "quizzes").glob("*.yml")]:
        text = path.read_text(encoding="utf-8")
        assert not re.search(r"[\w.+-]+@[\w-]+\.[\w.]+", text), path
        assert not re.search(r"(?<!\d)(?:\+91[\s-]?)?[6-9]\d{9}(?!\d)", text), path


def test_the_home_page_credits_the_notes_and_explains_privacy() -> None:
    home = body(DOCS / "index.md")
    assert "Priyamvada" in home
    assert "Patna University" in home
    assert re.search(r"browser", home, flags=re.IGNORECASE)


CITATION = re.compile(  # "Stuart (2006)", "(Stuart, 2006)", "Stuart and Robertson (2012)", ...
    r"([A-Z][A-Za-z'’-]+)(?:,?\s+(?:&|and)\s+[A-Z][A-Za-z'’-]+|\s+et\s+al\.)?,?\s+\(?"
    r"((?:19|20)\d\d|n\.d\.)"
)


def test_every_citation_is_in_the_references() -> None:
    """Each 'Author (Year)' or '(Author, Year)' in a page matches an entry on the references
    page (APA 7), so a student can always find the source."""
    references = (DOCS / "references.md").read_text(encoding="utf-8")
    entries = [line for line in references.splitlines() if re.search(r"\((?:19|20)\d\d|n\.d\.", line)]
    missing = set()
    for path in DOCS.rglob("*.md"):
        if path.name == "references.md":
            continue
        for author, year in CITATION.findall(body(path)):
            if author.isupper():  # an abbreviation (ISIPT) defined beside its full citation
                continue
            if not any(author in line.split(f"({year}")[0] for line in entries
                       if f"({year}" in line):
                missing.add(f"{path.relative_to(DOCS)}: {author} ({year})")
    assert missing == set()


def test_the_learning_path_shows_each_lessons_own_minutes(module) -> None:
    """The home page's table repeats each lesson's `minutes:`; keep the two in step."""
    rows = re.findall(r"^\|[^|]*\|\s*\[[^\]]+\]\((lessons/[\w-]+\.md)\)[^|]*\|"
                      r"(?:.*\|)?\s*(\d+)\s*\|\s*$",
                      body(DOCS / "index.md"), flags=re.MULTILINE)
    assert rows, "the learning path table links the lessons"
    for path, minutes in rows:
        assert int(minutes) == module.pages[path].minutes, path
