"""The teaching content: every lesson complete, every objective tested, nothing orphaned.

These are the quality bars of the content issue that a machine can check. Accuracy and
clarity are for people to review; these tests make sure nothing structural slips.
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from quizkit.build import APPLY_ANALYSE_AIM, RECALL_AIM
from quizkit.model import FILL_IN, LEVELS, MULTIPLE, WRITTEN
from quizkit.pages import split_front_matter
from quizkit.siteconfig import nav_pages, read_site_config
from tests.helpers import ROOT

DOCS = ROOT / "docs"
LESSONS = sorted((DOCS / "lessons").glob("*.md"))
OPTIONAL = {"beyond-the-unit"}  # marked as beyond the syllabus: no quiz of its own
UNIT_QUIZ = "unit-self-assessment"



def body(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8"))[1]


def abbreviations() -> dict[str, str]:
    text = (ROOT / "includes" / "abbreviations.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^\*\[([^\]]+)\]:\s*(.+)$", text, flags=re.MULTILINE))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_every_lesson_is_complete(lesson: Path, module) -> None:
    page = module.pages[f"lessons/{lesson.name}"]
    text = body(lesson)
    assert page.title, "front matter needs a title"
    assert page.notes == [], "no left-over 'minutes:' (the time is worked out, timing.py)"
    assert 2 <= len(page.objectives) <= 4
    assert "key-points" in page.anchors, "a '## Key points' summary"
    assert "references" in page.anchors, "a '## References' section"
    assert re.search(r"^!!! \w+", text, flags=re.MULTILINE), "at least one admonition"
    assert not re.search(r"^# ", text, flags=re.MULTILINE), \
        "no H1: the title comes from front matter"


@pytest.mark.parametrize("lesson", [p for p in LESSONS if p.stem not in OPTIONAL],
                         ids=lambda p: p.stem)
def test_every_lesson_has_its_own_quiz_of_eight_or_more(lesson: Path, module) -> None:
    quizzes = {quiz.name: quiz for quiz in module.quizzes}
    quiz = quizzes.get(lesson.stem)
    assert quiz is not None, f"quizzes/{lesson.stem}.yml"
    assert quiz.lesson == f"lessons/{lesson.name}"
    assert len(quiz.questions) >= 8


def test_every_objective_is_tested_at_least_twice(module) -> None:
    """Objective ids are unique in the module, so a question anywhere (a lesson quiz, the unit
    self-assessment or exam practice) counts for the objective it names."""
    tested = Counter(q.objective for quiz in module.quizzes for q in quiz.questions)
    quizzed = {quiz.lesson for quiz in module.quizzes}
    untested = [f"{path}: {objective} ({tested[objective]}x)"
                for path, page in module.pages.items() if path in quizzed
                for objective in page.objectives if tested[objective] < 2]
    assert untested == []


def test_the_bank_has_the_promised_size_and_mix(module) -> None:
    questions = [q for quiz in module.quizzes for q in quiz.questions if q.kind != WRITTEN]
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
    vague = [q.id for quiz in module.quizzes for q in quiz.questions
             if q.kind != WRITTEN and "#" not in q.review]
    vague += [f"{q.id}: {point.text[:40]}" for quiz in module.quizzes for q in quiz.questions
              for point in q.marking_points if "#" not in point.review]
    assert vague == []


def lesson_quizzes(module) -> list:
    return [quiz for quiz in module.quizzes
            if quiz.lesson.startswith("lessons/") and not quiz.written]


def test_the_bank_asks_more_than_recall(module) -> None:
    """Every question has a level; across the choice and fill-in bank at least 45% ask the
    student to apply or analyse, and at most 35% are recall (the aims `make check` reports)."""
    questions = [q for quiz in module.quizzes for q in quiz.questions if q.kind != WRITTEN]
    assert all(q.level in LEVELS for q in questions)
    levels = Counter(q.level for q in questions)
    assert (levels["apply"] + levels["analyse"]) / len(questions) >= APPLY_ANALYSE_AIM, levels
    assert levels["recall"] / len(questions) <= RECALL_AIM, levels


CASE = re.compile(r"(?:\*Beyond the notes\.\*\s+)?\*\*Case\.\*\*")


def test_each_lesson_quiz_has_new_cases_and_at_most_one_evidence_question(module) -> None:
    """A new short case (not the lesson's own) opens with '**Case.**' (after '*Beyond the
    notes.*' when its key rests on material outside the lecture notes); an evidence question
    cites a study in its prompt."""
    for quiz in lesson_quizzes(module):
        cases = [q.id for q in quiz.questions if CASE.match(q.prompt.lstrip())]
        assert len(cases) >= 4, f"{quiz.name}: {cases}"
        evidence = [q.id for q in quiz.questions
                    if re.search(r"\b[A-Z][\w'’-]+(?: et al\.)? \((?:19|20)\d\d\)", q.prompt)]
        assert len(evidence) <= 1, f"{quiz.name}: {evidence}"


def test_each_fictional_patient_has_one_name_and_one_story() -> None:
    """'Arjun, 24' in one place and 'Arjun, 38' in another would be two stories for one name."""
    ages: dict[str, set[str]] = {}
    for path in [*LESSONS, *(ROOT / "quizzes").glob("*.yml")]:
        for name, age in re.findall(r"\b([A-Z][a-z]+), (\d\d)\b", path.read_text(encoding="utf-8")):
            if name not in {"Annals", "Psychiatry", "Review", "Research", "Health"}:
                ages.setdefault(name, set()).add(age)
    assert {name: sorted(a) for name, a in ages.items() if len(a) > 1} == {}


def test_exam_practice_covers_every_lesson_with_university_style_questions(module) -> None:
    exam = next(quiz for quiz in module.quizzes if quiz.name == "exam-practice")
    assert exam.lesson == "index.md" and exam.written
    short = [q for q in exam.questions if q.marks == 5]
    long = [q for q in exam.questions if 10 <= q.marks <= 15]
    assert len(short) >= 6 and len(long) >= 4
    for q in exam.questions:
        assert sum(point.marks for point in q.marking_points) == q.marks, q.id
        for point in q.marking_points:
            path, _, anchor = point.review.partition("#")
            assert anchor in module.pages[path].anchors, f"{q.id}: {point.review}"
    objective_page = {oid: path for path, page in module.pages.items() for oid in page.objectives}
    covered = {objective_page[q.objective] for q in exam.questions}
    covered |= {point.review.partition("#")[0]
                for q in exam.questions for point in q.marking_points}
    lessons = {f"lessons/{p.name}" for p in LESSONS if p.stem not in OPTIONAL}
    assert lessons <= covered


def test_every_glossary_term_has_a_tooltip_a_glossary_entry_and_a_use() -> None:
    required = {"IPT", "CBT", "transference", "ego strength", "defence mechanism",
                "social support", "role transition", "perinatal", "postpartum depression",
                "acute phase", "treatment contract", "here-and-now", "dynamically informed",
                "automatic thoughts", "thought record", "free association", "clinical management",
                "effect size", "countertransference", "corollary", "tapered"}
    terms = abbreviations()
    assert required <= set(terms)
    # An entry is a level-2 heading: "## Term" or "## Term (what it stands for)".
    entries = {re.sub(r"\s*\(.*\)$", "", h).lower() for h in re.findall(
        r"^## (.+?)\s*$", (DOCS / "glossary.md").read_text(encoding="utf-8"), re.MULTILINE)}
    lessons = "\n".join(body(p) for p in LESSONS)
    for term in terms:  # singular and plural share an entry ("defence mechanisms")
        word = term.lower()
        assert {word, word.removesuffix("s"), word + "s"} & entries, \
            f"glossary page has no '## {term}' entry"
    flat = re.sub(r"\s+", " ", (DOCS / "glossary.md").read_text(encoding="utf-8").lower())
    for term in ("role transition", "treatment contract"):  # the review found these differing
        first = re.split(r"[;.](?: |$)", terms[term])[0].lower()
        assert first in flat, f"tooltip and glossary differ on '{term}'"
    for term in required:  # used as written, so the tooltip appears in the lessons
        assert re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", lessons), \
            f"no lesson uses '{term}'"


def test_every_page_is_in_the_navigation(module) -> None:
    """Every student page is in the menu; the faculty pages are published but not in it
    (not_in_nav), and the home page links them."""
    config = read_site_config(ROOT / "mkdocs.yml")
    nav = set(nav_pages(config.get("nav")))
    pages = set(module.pages) | set(module.rendered)
    # exclude_docs: not published
    pages = {path for path in pages if Path(path).name != "README.md"}
    faculty = {path for path in pages if path.startswith("faculty/")}
    assert faculty and config.get("not_in_nav", "").split() == ["/faculty/"]
    assert pages - nav == faculty
    assert nav - pages == set(), "nav names a page that does not exist"
    home = (DOCS / "index.md").read_text(encoding="utf-8")
    assert all(f"]({path})" in home for path in faculty), "the home page links them"


def test_navigation_follows_the_students_path(module) -> None:
    """Home first; each lesson's self-check right after it (so the footer's Next goes lesson,
    self-check, lesson); the optional page marked so; no faculty page in the students' menu."""
    config = read_site_config(ROOT / "mkdocs.yml")
    order = nav_pages(config.get("nav"))
    assert order[0] == "index.md"
    lesson_quizzes = [q for q in module.quizzes if q.lesson.startswith("lessons/")]
    assert lesson_quizzes
    for quiz in lesson_quizzes:
        assert order.index(quiz.page_path) == order.index(quiz.lesson) + 1, quiz.page_path
    assert not [path for path in order if path.startswith("faculty/")]
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
    privacy = " ".join(home.split()).lower()  # what the student is told about their answers
    assert "only in this browser" in privacy and "nothing is sent" in privacy


# ----- Citations: every in-text citation has an APA entry on the references page, and every
# entry there is cited somewhere. The forms the site uses (APA 7):
#   narrative      Stuart (2006), Cohen's (1988), Stuart and Robertson (2003, Chapter 15),
#                  Klerman et al. (1984), The ISIPT (n.d.), World Health Organization and
#                  Columbia University (2016)
#   parenthetical  (Stuart & Robertson, 2012), (Beck et al., 1979; Stuart, 2006),
#                  (American Psychiatric Association, 2013, 2022), (ISIPT, n.d.),
#                  (International Society for Interpersonal Psychotherapy [ISIPT], n.d.)

YEAR = r"(?:(?:19|20)\d\d|n\.d\.)"
ENTRY = re.compile(rf"^- (?P<authors>.+?)\.? \((?P<year>{YEAR})\)\.", flags=re.MULTILINE)
INITIALS = re.compile(r"^[A-Z]\.?(?:[ -]?[A-Z]\.?)*$")


def entry_authors(authors: str) -> list[str]:
    """'Stuart, S., & Robertson, M.' -> ['Stuart', 'Robertson']; a group author stays whole:
    'World Health Organization & Columbia University' -> ['World Health Organization',
    'Columbia University']."""
    parts = [p.strip() for p in re.split(r",\s+(?:&\s+)?|\s+&\s+", authors.strip().rstrip("."))]
    names, i = [], 0
    while i < len(parts):
        if i + 1 < len(parts) and INITIALS.match(parts[i + 1]):
            names.append(parts[i])
            i += 2
        else:
            names.append(parts[i])
            i += 1
    return names


def in_text_forms(names: list[str]) -> set[str]:
    """How APA 7 cites a work by these authors in running text and in parentheses."""
    if len(names) == 1:
        return {names[0]}
    if len(names) == 2:
        return {f"{names[0]} & {names[1]}", f"{names[0]} and {names[1]}"}
    return {f"{names[0]} et al."}


def reference_entries(text: str) -> dict[tuple[str, str], str]:
    """{(in-text form, year): the entry's line} for each '- Author. (Year). …' line."""
    keys = {}
    for match in ENTRY.finditer(text):
        for form in in_text_forms(entry_authors(match["authors"])):
            keys[(form, match["year"])] = match.group(0)
    return keys


def abbreviations_of_authors(texts: list[str], groups: set[str]) -> dict[str, str]:
    """'International Society for Interpersonal Psychotherapy (ISIPT, n.d.)' or '… [ISIPT]'
    defines ISIPT as short for that group author."""
    found = {}
    for text in texts:
        text = re.sub(r"\s+", " ", text)
        for full, short in re.findall(r"([A-Z][A-Za-z ]+?) [\[(]([A-Z]{2,})[\],)]", text):
            for group in groups:
                if full.endswith(group):
                    found[short] = group
    return found


def without_reference_lists(text: str) -> str:
    """A lesson's own '## References' list is the bibliography, not citations."""
    return re.split(r"^## References\s*$", text, maxsplit=1, flags=re.MULTILINE)[0]


def citations(text: str, abbreviations: dict[str, str]) -> list[tuple[str, str]]:
    """Every (in-text author form, year) cited in the text: the parser of the forms above."""
    found: list[tuple[str, str]] = []
    text = re.sub(r"\s+", " ", text)

    def expand(author: str) -> str:
        author = re.sub(r"\s*\[[A-Z]{2,}\]", "", author.strip())  # "Society … [ISIPT]"
        author = re.sub(r"^(?:see|e\.g\.,|[Tt]he)\s+", "", author)
        return abbreviations.get(author, author)

    # Parenthetical: "(A, 2001; B & C, 2002, 2003; D et al., 2004, Chapter 15)"
    for group in re.findall(r"\(([^()]*\b" + YEAR + r"[^()]*)\)", text):
        for part in group.split(";"):
            m = re.match(rf"^\s*(?P<author>[^,]*?(?:\[[A-Z]+\])?(?:\s+et al\.)?),\s*"
                         rf"(?P<years>{YEAR}(?:,\s*{YEAR})*)(?:,.*)?$", part)
            if m and re.search(r"[A-Z]", m["author"]):
                for year in re.findall(YEAR, m["years"]):
                    found.append((expand(m["author"]), year))
    # Narrative: "… Author (2001)", "… Author's (2001, Chapter 15)"
    for m in re.finditer(rf"(?P<before>[^\n()]{{1,120}}?)(?:'s|’s)?\s"
                         rf"\((?P<years>{YEAR}(?:,\s*{YEAR})*)(?:,[^)]*)?\)",
                         text):
        words = re.findall(r"[A-Z][\w'’-]*(?:\s+(?:and|&|for|of|et al\.|[A-Z][\w'’-]*))*"
                           r"(?:\s+et al\.)?$",
                           m["before"].strip())
        if words:
            for year in re.findall(YEAR, m["years"]):
                found.append((expand(words[-1]), year))
    return found


def match_citation(author: str, year: str, keys: dict[tuple[str, str], str]) -> str | None:
    """The entry a citation refers to: the longest in-text form that ends the cited words."""
    candidates = [(form, line) for (form, y), line in keys.items() if y == year
                  and (author == form or author.endswith(" " + form))]
    return max(candidates, key=lambda c: len(c[0]))[1] if candidates else None


CITING_PAGES = [*sorted((DOCS / "lessons").glob("*.md")), DOCS / "glossary.md", DOCS / "index.md"]


def test_citation_parser_reads_every_form_the_site_uses() -> None:
    text = ("Stuart (2006) and Cohen's (1988) view; Stuart and Robertson (2003, Chapter 15); "
            "Klerman et al. (1984); (Stuart & Robertson, 2012; Beck et al., 1979); "
            "(American Psychiatric Association, 2013, 2022); The ISIPT (n.d.) says; "
            "(International Society for Interpersonal Psychotherapy [ISIPT], n.d.). "
            "World Health Organization and Columbia University (2016) adapted it.")
    got = citations(text, {"ISIPT": "International Society for Interpersonal Psychotherapy"})
    assert set(got) == {
        ("Stuart", "2006"), ("Cohen", "1988"), ("Stuart and Robertson", "2003"),
        ("Klerman et al.", "1984"), ("Stuart & Robertson", "2012"), ("Beck et al.", "1979"),
        ("American Psychiatric Association", "2013"), ("American Psychiatric Association", "2022"),
        ("International Society for Interpersonal Psychotherapy", "n.d."),
        ("World Health Organization and Columbia University", "2016")}
    assert entry_authors("Stuart, S., & Robertson, M.") == ["Stuart", "Robertson"]
    authors = entry_authors("Howard, L. M., Molyneaux, E., Dennis, C.-L., & Milgrom, J.")
    assert authors[2] == "Dennis"
    assert in_text_forms(["World Health Organization", "Columbia University"]) == {
        "World Health Organization & Columbia University",
        "World Health Organization and Columbia University"}


def test_every_citation_has_a_reference_and_every_reference_is_cited() -> None:
    """Each in-text citation in the lessons, glossary, home page and quizzes matches an APA
    entry on the references page, and each entry there is cited on some page, so a student
    can always find the source and the list carries nothing unused."""
    references = (DOCS / "references.md").read_text(encoding="utf-8")
    keys = reference_entries(references)
    assert keys, "the references page lists entries as '- Author. (Year). …'"
    groups = {form for form, _ in keys if " " in form and "et al." not in form
              and " & " not in form and " and " not in form}
    sources = {path: without_reference_lists(body(path)) for path in CITING_PAGES}
    sources.update({path: path.read_text(encoding="utf-8")
                    for path in sorted((ROOT / "quizzes").glob("*.yml"))})
    abbreviations = abbreviations_of_authors(list(sources.values()), groups)
    missing, cited = set(), set()
    for path, text in sources.items():
        for author, year in citations(text, abbreviations):
            entry = match_citation(author, year, keys)
            if entry is None:
                missing.add(f"{path.relative_to(ROOT)}: {author} ({year})")
            elif path.suffix == ".md":
                cited.add(entry)
    assert missing == set(), "cited but not on the references page"
    uncited = set(keys.values()) - cited
    assert uncited == set(), "on the references page but cited on no page"


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda p: p.stem)
def test_each_lesson_lists_the_works_it_cites(lesson: Path) -> None:
    text = body(lesson)
    own = reference_entries(text.split("## References", 1)[1])
    keys = reference_entries((DOCS / "references.md").read_text(encoding="utf-8"))
    abbreviations = abbreviations_of_authors([text], {f for f, _ in keys})
    unlisted = {f"{author} ({year})"
                for author, year in citations(without_reference_lists(text), abbreviations)
                if match_citation(author, year, own) is None}
    assert unlisted == set()


def test_the_learning_path_times_are_worked_out(module) -> None:
    """The home page's table types no time: each row of a lesson or a self-check has the time
    marker of its page (quizkit/timing.py fills it in), so a lesson's time is never typed
    twice, and the filled-in table says reading and self-check."""
    from quizkit.timing import fill_time_marks

    table = [line for line in body(DOCS / "index.md").splitlines() if line.startswith("| ")]
    rows = [[cell.strip() for cell in line.strip("|").split("|")] for line in table[1:]]
    timed = 0
    for cells in rows:
        page = re.search(r"\]\(((?:lessons|quizzes)/[\w-]+\.md)\)", " ".join(cells[1:3]))
        if page and not page.group(1).startswith("quizzes/exam"):
            lesson = re.search(r"\]\((lessons/[\w-]+\.md)\)", cells[1])
            expected = lesson.group(1) if lesson else page.group(1)
            assert cells[-1] == f"<!-- ipt:time {expected} -->", cells
            timed += 1
        if "ipt:time" not in cells[-1]:
            assert not re.search(r"\d", cells[-1]), f"a time typed by hand: {cells}"
    assert timed >= 8
    filled = fill_time_marks("\n".join(table), module.pages, module.quizzes)
    assert "ipt:time" not in filled
    assert filled.count("Reading about") >= 7 and filled.count("Self-check about") >= 7


