"""The teaching content: every lesson complete, every objective tested, nothing orphaned.

Each rule a faculty edit can break is a check of `make check` (quizkit/lessons.py,
quizkit/content.py, quizkit/validate.py), with a rule id the faculty guide explains; the tests
here break each one on purpose in a scratch copy and assert its one line, and assert that the
real module breaks none. What only a person can judge (accuracy, clarity) is for reviewers.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest

from quizkit import content
from quizkit.build import compile_module
from quizkit.model import WRITTEN
from quizkit.pages import split_front_matter
from quizkit.problems import Problem
from quizkit.siteconfig import nav_pages, read_site_config
from tests.helpers import ROOT, copy_project

DOCS = ROOT / "docs"
LESSONS = sorted((DOCS / "lessons").glob("*.md"))
OPTIONAL = {"beyond-the-unit"}  # marked as beyond the syllabus: no quiz of its own


def body(path: Path) -> str:
    return split_front_matter(path.read_text(encoding="utf-8"))[1]


def test_the_real_module_breaks_no_content_rule(module) -> None:
    """`make check`'s warnings (lesson sections, boxes, objectives tested twice, glossary,
    citations, patients, level mix, cases, exam practice, contact details…): none."""
    assert [str(w) for w in module.warnings] == []


@pytest.mark.parametrize("lesson", [p for p in LESSONS if p.stem not in OPTIONAL],
                         ids=lambda p: p.stem)
def test_every_lesson_has_its_own_quiz_of_eight_or_more(lesson: Path, module) -> None:
    quizzes = {quiz.name: quiz for quiz in module.quizzes}
    quiz = quizzes.get(lesson.stem)
    assert quiz is not None, f"quizzes/{lesson.stem}.yml"
    assert quiz.lesson == f"lessons/{lesson.name}"
    assert len(quiz.questions) >= 8


# --- each rule, broken on purpose in a scratch copy: one line, naming the place ---------------
# One copy takes every ordinary edit below (each in its own place) and is compiled once: each
# test finds its rule's one line, and the copy gives no line but these.

def check(project: Path, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every line `make check` gives for the copy (errors, else warnings), as it prints them
    from the project folder."""
    monkeypatch.chdir(project)
    built, problems = compile_module(project / "docs", project / "quizzes")
    return [str(p) for p in sorted(problems if built is None else built.warnings)]


def edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in the file with `new`; the 1-based line where `new` starts."""
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    at = text.index(old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return text.count("\n", 0, at) + 1


CONTACT = ("would be published; the module never publishes anyone's contact details (the "
           "lecturer's included): delete it, and point students to the department or the "
           "university's website instead [contact-details]")


@pytest.fixture(scope="module")
def broken(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[str], dict[str, list[str]]]:
    """(what `make check` says of the copy, {rule: the lines each edit should give})."""
    project = copy_project(tmp_path_factory.mktemp("broken"))
    docs, quizzes = project / "docs", project / "quizzes"
    expected: dict[str, list[str]] = {}
    # A new tooltip, without its glossary entry.
    line = edit(project / "includes" / "abbreviations.md", "*[IPT]:",
                "*[tapering]: Making sessions less frequent step by step.\n*[IPT]:")
    expected["glossary-entry-missing"] = [
        f"includes/abbreviations.md:{line}:3: the tooltip 'tapering' has no entry on the "
        "glossary page; add a heading '## Tapering' with its definition to docs/glossary.md "
        "(in alphabetical order), or delete this line [glossary-entry-missing]"]
    # A citation of a work the references page does not list.
    line = edit(docs / "lessons" / "what-is-ipt.md", "## Key points",
                "Sharma et al. (2019) tried it in Patna clinics.\n\n## Key points")
    expected["citation-not-in-references"] = [
        f"docs/lessons/what-is-ipt.md:{line}:1: Sharma et al. (2019) is cited here but is not "
        "on the references page; add its APA entry to docs/references.md ('- Author, A. "
        "(Year). Title…', in alphabetical order), or correct the author or year "
        "[citation-not-in-references]"]
    # A listed work cited in a lesson whose own References lack it; contact details; a
    # renamed 'Key points' and a one-hash heading.
    lesson = docs / "lessons" / "time-limit.md"
    line = edit(lesson, "## Key points", "Effects are read by Cohen's (1988) rough guide.\n\n"
                "Questions? Write to lecturer@example.ac.in or call +91 98765 43210.\n\n"
                "## Summary")
    expected["lesson-reference-missing"] = [
        f"docs/lessons/time-limit.md:{line}:21: Cohen (1988) is cited here but is not in this "
        "lesson's own '## References' list; copy its entry from docs/references.md into that "
        "list [lesson-reference-missing]"]
    expected["contact-details"] = [
        f"docs/lessons/time-limit.md:{line + 2}:21: an e-mail address (lecturer@example.ac.in) "
        f"{CONTACT}",
        f"docs/lessons/time-limit.md:{line + 2}:52: a phone number (+91 98765 43210) {CONTACT}"]
    line = edit(lesson, "## Why a fixed end point helps", "# Why a fixed end point helps")
    expected["lesson-heading-1"] = [
        f"docs/lessons/time-limit.md:{line}:1: a '# ' heading (one hash) in a lesson would be "
        "a second title: the title comes from 'title:' in the front matter; make this a "
        "section, '## Why a fixed end point helps' [lesson-heading-1]"]
    last = len(lesson.read_text(encoding="utf-8").splitlines())
    expected["lesson-section-missing"] = [
        f"docs/lessons/time-limit.md:{last}:1: this lesson has no '## Key points' section; "
        "every lesson ends with '## Key points' (a short summary) and then '## References' "
        "(the works it cites, in APA style): add a line '## Key points' and its text "
        "[lesson-section-missing]"]
    # A reference no page cites.
    references = docs / "references.md"
    text = references.read_text(encoding="utf-8")
    references.write_text(text + "- Zeller, A. (2001). *An uncited book*. Publisher.\n",
                          encoding="utf-8")
    expected["reference-not-cited"] = [
        f"docs/references.md:{text.count(chr(10)) + 1}:1: 'Zeller, A. (2001).…' is on the "
        "references page but no page cites it; cite it where the lesson uses it (e.g. 'Author "
        "(Year)'), or delete the entry [reference-not-cited]"]
    # A known patient's name with another age.
    quiz = quizzes / "time-limit.yml"
    line = edit(quiz, "According to the lecture notes, how long",
                "For Arjun, 38, according to the lecture notes, how long")
    expected["patient-two-ages"] = [
        f"quizzes/time-limit.yml:{line}:17: 'Arjun, 38' here, but Arjun is 24 at "
        "docs/lessons/what-is-ipt.md:78; one name is one patient: give this patient another "
        "name, or the same age [patient-two-ages]"]
    # A question without review: (its first); a blank of two words, which is fine.
    edit(quiz, "    review: lessons/time-limit.md#number-and-spacing-of-sessions\n", "")
    expected["review-missing"] = [
        "quizzes/time-limit.yml:5:1: question tl-acute-length has no 'review:'; add the "
        "section a student who gets it wrong should reread, e.g. 'review: "
        "lessons/time-limit.md#time-limited-in-the-acute-phase' [review-missing]"]
    edit(quiz, "treatment [[contract|agreement]]", "treatment [[contract|here and now]]")
    with pytest.MonkeyPatch.context() as monkeypatch:
        return check(project, monkeypatch), expected


RULES_BROKEN = ["glossary-entry-missing", "citation-not-in-references",
                "lesson-reference-missing", "reference-not-cited", "contact-details",
                "lesson-heading-1", "lesson-section-missing", "patient-two-ages",
                "review-missing"]


@pytest.mark.parametrize("rule", RULES_BROKEN)
def test_an_ordinary_edit_breaking_a_rule_gets_its_one_line(rule: str, broken) -> None:
    said, expected = broken
    assert [line for line in said if line.endswith(f"[{rule}]")] == expected[rule]


def test_the_edits_give_no_other_line(broken) -> None:
    """Nothing else: in particular a blank of two words ('here and now') passes, as the site
    accepts it (matching ignores case and extra spaces; 'hereandnow' is rightly wrong)."""
    said, expected = broken
    assert sorted(said) == sorted(line for lines in expected.values() for line in lines)


def test_a_review_without_its_section(project_copy: Path, monkeypatch) -> None:
    quiz = project_copy / "quizzes" / "time-limit.yml"
    line = edit(quiz, "    review: lessons/time-limit.md#number-and-spacing-of-sessions",
                "    review: lessons/time-limit.md")
    [problem] = check(project_copy, monkeypatch)
    assert problem.startswith(
        f"quizzes/time-limit.yml:{line}:13: 'review: lessons/time-limit.md' names the page but "
        "not the section to reread; add '#' and the section's anchor, e.g. "
        "'lessons/time-limit.md#time-limited-in-the-acute-phase' (sections there: ")
    assert problem.endswith(" [review-no-section]")


# --- rules over the whole bank, on the real quizzes changed in memory -----------------------

def changed(module, name: str, **values) -> list:
    """The real quizzes, with every question of quiz `name` changed as `values` say (a value
    may be a function of the question)."""
    def change(question):
        return dataclasses.replace(question, **{key: value(question) if callable(value)
                                                else value for key, value in values.items()})
    return [dataclasses.replace(quiz, questions=tuple(map(change, quiz.questions)))
            if quiz.name == name else quiz for quiz in module.quizzes]


def lines(problems: list[Problem]) -> list[str]:
    return [str(p) for p in problems]


def test_the_bank_asks_more_than_recall(module) -> None:
    """Making two quizzes all recall tips the mix: one line, on the quiz with the most recall
    questions, at its first."""
    quizzes = changed(module, "time-limit", level="recall")
    quizzes = changed(dataclasses.replace(module, quizzes=quizzes), "transference",
                      level="recall")
    quiz = max((q for q in quizzes if q.name in ("time-limit", "transference")),
               key=lambda q: (len(q.questions), q.name == "time-limit"))
    self_check = [q for qz in quizzes for q in qz.questions if q.kind != WRITTEN]
    higher = sum(q.level in ("apply", "analyse") for q in self_check)
    recall = sum(q.level == "recall" for q in self_check)
    assert higher / len(self_check) < content.APPLY_ANALYSE_AIM
    [line] = lines(content.level_mix_problems(quizzes))
    assert line.startswith(f"quizzes/time-limit.yml:{quiz.questions[0].line}:1: the "
                           f"{len(self_check)} self-check questions are apply or analyse "
                           f"{round(100 * higher / len(self_check))}% (aim: at least 45%), "
                           f"recall {round(100 * recall / len(self_check))}% (aim: at most 35%);")
    assert line.endswith("[level-mix]")
    assert content.level_mix_problems(module.quizzes) == []


def test_each_lesson_quiz_has_four_cases_and_one_evidence_question_at_most(module) -> None:
    quizzes = changed(module, "time-limit", prompt=lambda q: q.prompt.replace("**Case.**", ""))
    quiz = next(q for q in quizzes if q.name == "time-limit")
    assert lines(content.lesson_quiz_problems(quizzes)) == [
        f"quizzes/time-limit.yml:{quiz.questions[-1].line}:1: this self-check has 0 case "
        "questions; a lesson's self-check needs at least 4: add 4 (a prompt that opens "
        "'**Case.**' with a new short vignette, not the lesson's own patient) [cases-too-few]"]
    quizzes = changed(module, "time-limit",
                      prompt=lambda q: q.prompt + " (Stuart (2006) agrees.)")
    quiz = next(q for q in quizzes if q.name == "time-limit")
    found = lines(content.lesson_quiz_problems(quizzes))
    assert len(found) == len(quiz.questions) - 1
    assert found[0] == (
        f"quizzes/time-limit.yml:{quiz.questions[1].line}:1: question {quiz.questions[1].id} "
        f"cites a study in its prompt, and so does {quiz.questions[0].id}; a self-check asks "
        "at most 1 evidence question: ask about the idea without the citation, or move the "
        "question elsewhere [evidence-too-many]")


def test_exam_practice_keeps_its_minimums(module) -> None:
    exam = next(q for q in module.quizzes if q.name == "exam-practice")
    short = [q for q in exam.questions if q.marks == 5]
    kept = tuple(q for q in exam.questions if q not in short[1:])  # one short note left
    quizzes = [dataclasses.replace(q, questions=kept) if q is exam else q
               for q in module.quizzes]
    found = lines(content.exam_practice_problems(module.pages, quizzes))
    assert found[0] == (f"quizzes/exam-practice.yml:{kept[-1].line}:1: exam practice has 1 "
                        "short notes (5 marks); it needs at least 6: add 5 (or restore one you "
                        "removed) [exam-practice-too-few]")
    assert all(line.endswith("[exam-practice-misses-lesson]") for line in found[1:])


def test_the_bank_keeps_its_promised_size(module) -> None:
    unit = next(q for q in module.quizzes if q.name == "unit-self-assessment")
    quizzes = [dataclasses.replace(q, questions=q.questions[:10]) if q is unit else q
               for q in module.quizzes]
    assert lines(content.bank_size_problems(quizzes)) == [
        f"quizzes/unit-self-assessment.yml:{unit.questions[9].line}:1: the unit self-check has "
        "10 questions; it needs at least 15: add 5 [bank-too-small]"]


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


def test_the_home_page_credits_the_notes_and_explains_privacy() -> None:
    home = body(DOCS / "index.md")
    assert "Priyamvada" in home
    assert "Patna University" in home
    privacy = " ".join(home.split()).lower()  # what the student is told about their answers
    assert "only in this browser" in privacy and "nothing is sent" in privacy


def test_citation_parser_reads_every_form_the_site_uses() -> None:
    text = ("Stuart (2006) and Cohen's (1988) view; Stuart and Robertson (2003, Chapter 15); "
            "Klerman et al. (1984); (Stuart & Robertson, 2012; Beck et al., 1979); "
            "(American Psychiatric Association, 2013, 2022); The ISIPT (n.d.) says; "
            "(International Society for Interpersonal Psychotherapy [ISIPT],\n n.d.). "
            "World Health Organization and Columbia University (2016) adapted it.")
    found = content.citations(
        text, {"ISIPT": "International Society for Interpersonal Psychotherapy"})
    assert {(c.author, c.year) for c in found} == {
        ("Stuart", "2006"), ("Cohen", "1988"), ("Stuart and Robertson", "2003"),
        ("Klerman et al.", "1984"), ("Stuart & Robertson", "2012"), ("Beck et al.", "1979"),
        ("American Psychiatric Association", "2013"), ("American Psychiatric Association", "2022"),
        ("International Society for Interpersonal Psychotherapy", "n.d."),
        ("World Health Organization and Columbia University", "2016")}
    at = {(c.author, c.year): c.offset for c in found}
    assert text[at[("Beck et al.", "1979")]:].startswith("Beck et al., 1979")
    assert text[at[("Klerman et al.", "1984")]:].startswith("Klerman et al. (1984)")
    assert content.entry_authors("Stuart, S., & Robertson, M.") == ["Stuart", "Robertson"]
    authors = content.entry_authors("Howard, L. M., Molyneaux, E., Dennis, C.-L., & Milgrom, J.")
    assert authors[2] == "Dennis"
    assert content.in_text_forms(["World Health Organization", "Columbia University"]) == {
        "World Health Organization & Columbia University",
        "World Health Organization and Columbia University"}


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


