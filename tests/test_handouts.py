"""make handouts: worksheets carry no answers; answer keys carry every one, a marking grid first;
the question book has every written question; a paper is laid out as the university sets it;
every marking scheme has every point, its marks and the credit as extra.

Checked for every question of the real bank and of the export fixture bank (written
questions, alternatives, entities such as &nbsp; and &mdash;), against the YAML model; texts
are compared by what a reader sees (tests/helpers/export_bank.py), not with the handouts' own
helper.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from lxml import html as lxml_html

from quizkit.build import compile_module, write_handouts
from quizkit.handouts import (
    ANSWER_KEY,
    PAPER,
    QUESTION_BOOK,
    SCHEME,
    WORKSHEET,
    handout,
    handout_files,
    paper_handout,
)
from quizkit.marking import extra_credit_text, minutes
from quizkit.model import MULTIPLE, WRITTEN, Question, Quiz
from quizkit.pages import read_pages
from quizkit.siteconfig import read_site_config
from quizkit.validate import validate_file
from tests.helpers import ROOT
from tests.helpers.export_bank import element_text, load, visible_markdown

MODULE, _ = compile_module(ROOT / "docs", ROOT / "quizzes")
assert MODULE is not None, "the real bank must compile"
FIXTURE_QUIZZES, FIXTURE_PAGES = load()
BANKS = {"real": (MODULE.quizzes, MODULE.pages), "fixture": (FIXTURE_QUIZZES, FIXTURE_PAGES)}
SETS = [(bank, quiz.name) for bank, (quizzes, _) in BANKS.items() for quiz in quizzes
        if any(q.kind != WRITTEN for q in quiz.questions)]
LETTERS = "ABCDEFGHIJ"


def quiz_of(bank: str, name: str) -> Quiz:
    return next(q for q in BANKS[bank][0] if q.name == name)


def sheets(bank: str, name: str):
    quiz = quiz_of(bank, name)
    pages = BANKS[bank][1]
    return tuple(lxml_html.fromstring(handout(quiz.title, [quiz], pages, kind,
                                              module_title="IPT"))
                 for kind in (WORKSHEET, ANSWER_KEY))


def self_checks(quiz: Quiz) -> list[Question]:
    return [q for q in quiz.questions if q.kind != WRITTEN]


def block(document, question: Question):
    [found] = document.xpath(f"//*[@id='q-{question.id}']")
    return found


def answer_text(question: Question) -> str:
    """What the key shows for a fill-in: every accepted answer of every blank."""
    return "; ".join(" / ".join(blank.answers) for blank in question.blanks)


@pytest.mark.parametrize(("bank", "name"), SETS)
def test_worksheet_has_every_question_and_lettered_option_but_no_answer(bank: str,
                                                                        name: str) -> None:
    worksheet, _ = sheets(bank, name)
    seen = element_text(worksheet.body)
    for question in self_checks(quiz_of(bank, name)):
        item = block(worksheet, question)
        [prompt] = item.xpath("div[@class='prompt']")
        # The whole prompt as the student reads it, each blank a line with no answer on it.
        assert element_text(prompt) == visible_markdown(question.prompt_with(lambda b: ""))
        assert len(prompt.xpath(".//span[@class='blank']")) == len(question.blanks)
        rows = item.xpath("ul[@class='options']/li")
        assert [element_text(r) for r in rows] == [
            f"{LETTERS[i]} {'☐' if question.kind == MULTIPLE else '○'} "
            f"{visible_markdown(o.text)}" for i, o in enumerate(question.options)]
        for option in question.options:
            if option.feedback:
                assert visible_markdown(option.feedback) not in seen
        assert visible_markdown(question.explanation) not in seen
    for marker in ("✔", "✘", "Objective:", "Review:", "Marking grid"):
        assert marker not in seen, marker
    assert not worksheet.xpath("//*[contains(@class, 'answer') or contains(@class, 'correct')"
                               " or contains(@class, 'feedback') or @class='explanation']")


@pytest.mark.parametrize(("bank", "name"), SETS)
def test_answer_key_opens_with_the_marking_grid_then_every_answer(bank: str, name: str) -> None:
    _, key = sheets(bank, name)
    quiz = quiz_of(bank, name)
    questions = self_checks(quiz)
    # The grid comes first: question number -> the letters of the right options (or words).
    [grid] = key.xpath("//section[@class='grid']")
    [detail] = key.xpath("//h2[.='Detailed key']")
    assert grid.getparent().index(grid) < detail.getparent().index(detail)
    expected = [", ".join(LETTERS[i] for i, o in enumerate(q.options) if o.correct)
                if q.options else answer_text(q) for q in questions]
    assert [element_text(li) for li in grid.xpath("ol/li")] == expected
    rules = element_text(grid)
    assert ("each wrong option ticked loses an equal share" in rules) == any(
        q.kind == MULTIPLE for q in questions)
    for question in questions:
        item = block(key, question)
        text = element_text(item)
        assert visible_markdown(question.explanation) in text
        # The objective's sentence, from the page that declares it (a unit quiz tests any page's).
        [sentence] = [page.objectives[question.objective] for page in BANKS[bank][1].values()
                      if question.objective in page.objectives]
        assert f"Objective: {question.objective} {sentence}" in text
        rows = item.xpath("ul[@class='options']/li")
        assert [r.get("class") for r in rows] == [
            "option correct" if o.correct else "option wrong" for o in question.options]
        for i, (row, option) in enumerate(zip(rows, question.options, strict=True)):
            verdict = "Correct." if option.correct else "Wrong."
            feedback = f" {visible_markdown(option.feedback)}" if option.feedback else ""
            assert element_text(row) == (f"{LETTERS[i]} {'✔' if option.correct else '✘'} "
                                         f"{visible_markdown(option.text)} {verdict}{feedback}")
        if question.blanks:
            [answers] = item.xpath("p[@class='answers']")
            assert element_text(answers).startswith(f"Accepted: {answer_text(question)}")


@pytest.mark.parametrize(("bank", "name"), SETS)
def test_titles_do_not_double_check_your_understanding(bank: str, name: str) -> None:
    for document in sheets(bank, name):
        for title in (document.findtext(".//title"), document.findtext(".//h1")):
            assert "check your understanding:" not in title.lower(), title
            assert title.endswith((": worksheet", ": answer key"))


def test_entities_and_markup_like_text_print_as_typed() -> None:
    """&nbsp;, &mdash; and '<', '&' in quiz text: no crash, and the reader sees the characters."""
    _, key = sheets("fixture", "tricky")
    text = element_text(key.body)
    assert 'Is 1 < 2 && 3 > 2? Say "yes" — and use emphasis.' in text
    assert "Wrong — a < b here." in text


# --- the question book, the papers and their marking schemes -------------------------------------


WRITTEN_QUESTIONS = [q for quiz in FIXTURE_QUIZZES for q in quiz.questions if q.kind == WRITTEN]


def written_fixture() -> tuple[Quiz, dict]:
    """tests/fixtures/written/exam-practice.yml (a paper, extra credit, a question beyond the
    syllabus), checked against the real lessons."""
    pages, problems = read_pages(ROOT / "docs")
    assert not problems
    quiz, _, problems, _ = validate_file(ROOT / "tests" / "fixtures" / "written" /
                                         "exam-practice.yml", "exam-practice.yml", pages,
                                         ROOT / "quizzes" / "schema.json")
    assert quiz is not None, [str(p) for p in problems]
    return quiz, pages


def test_question_book_has_every_written_question_with_room_to_write() -> None:
    book = lxml_html.fromstring(handout("Exam practice", FIXTURE_QUIZZES, FIXTURE_PAGES,
                                        QUESTION_BOOK, module_title="IPT"))
    text = element_text(book.body)
    assert book.findtext(".//title") == "Exam practice: question book"
    assert "this book is not an examination paper" in text
    assert "Time:" not in text and "Full marks:" not in text and "Answer all" not in text
    # Short notes (5 marks or fewer) first, then long answers, numbered on.
    assert [element_text(h) for h in book.xpath("//h2")] == ["Short notes (1 question)",
                                                            "Long answers (1 question)"]
    assert [ol.get("start") for ol in book.xpath("//ol[@class='paper']")] == ["1", "2"]
    items = book.xpath("//ol[@class='paper']/li")
    assert [i.get("id") for i in items] == [f"q-{q.id}" for q in WRITTEN_QUESTIONS]
    for item, question in zip(items, WRITTEN_QUESTIONS, strict=True):
        assert element_text(item.xpath(".//div[@class='prompt']")[0]) == visible_markdown(
            question.prompt)
        assert element_text(item.xpath(".//span[@class='marks']")[0]) == f"[{question.marks}]"
        assert element_text(item.xpath(".//p[@class='kind']")[0]) == (
            f"About {30 * question.marks} words, about {minutes(question.marks)}.")
        # Ruled space sized to the marks: three lines a mark (about 30 words).
        assert len(item.xpath(".//div[@class='line']")) == 3 * question.marks
        for point in question.marking_points:  # no answers in the book
            assert visible_markdown(point.text) not in text
        assert visible_markdown(question.outline) not in text
        assert "Credit as extra" not in text


def test_question_book_marking_scheme_has_every_point_its_marks_the_extra_and_outline() -> None:
    scheme = lxml_html.fromstring(handout("Exam practice", FIXTURE_QUIZZES, FIXTURE_PAGES,
                                          SCHEME, module_title="IPT"))
    assert "an answer faithful to the notes earns full marks" in element_text(scheme.body)
    assert any(q.extra_credit for q in WRITTEN_QUESTIONS)
    for question in WRITTEN_QUESTIONS:
        item = block(scheme, question)
        check_scheme_item(item, question, FIXTURE_PAGES)


def check_scheme_item(item, question: Question, pages) -> None:
    """A marking scheme's question: every point with its marks and the section teaching it,
    the credit as extra (only if the question gives it), the outline."""
    rows = [[element_text(td) for td in tr.xpath("td")]
            for tr in item.xpath(".//tr[@class='point']")]
    assert rows == [[visible_markdown(p.text), str(p.marks),
                     f"{pages[p.review.partition('#')[0]].anchors[p.review.partition('#')[2]]}"
                     f" ({pages[p.review.partition('#')[0]].title})"]
                    for p in question.marking_points]
    assert sum(int(r[1]) for r in rows) == question.marks
    extra = item.xpath(".//div[@class='extra']")
    if question.extra_credit:
        assert [element_text(e) for e in extra] == [
            visible_markdown(extra_credit_text(question))]
    else:
        assert extra == []
    assert visible_markdown(question.outline) in element_text(item)
    assert bool(item.xpath(".//*[@class='beyond']")) == question.beyond_syllabus


def test_a_paper_is_laid_out_as_the_university_sets_it() -> None:
    quiz, pages = written_fixture()
    [paper] = quiz.papers
    document = lxml_html.fromstring(paper_handout(quiz, paper, pages, PAPER))
    text = element_text(document.body)
    # Header, then the computed time and full marks: 10 (all of group A) + 5 × 2 short notes,
    # 50 minutes at 2½ minutes a mark, rounded up to the half hour.
    assert [element_text(e) for e in document.xpath("//div[@class='paper-head']/*")] == [
        "A university", "A course, semester II", "Paper VII: a mock paper",
        "Practice paper for this unit, made from the module's questions"]
    assert (paper.full_marks, paper.minutes) == (20, 60)
    assert [element_text(s) for s in document.xpath("//div[@class='paper-facts']/span")] == [
        "Time: 1 hour", "Full marks: 20"]
    assert [element_text(p) for p in document.xpath("//div[@class='general']/p")] == [
        "The figures in the right-hand margin indicate full marks.",
        "Candidates are required to give their answers in their own words as far as "
        "practicable.",
        "Answer the question of Group A and two short notes from Group B.",
        # The paper's own instructions (its YAML), Markdown made safe text.
        "Do not repeat material; where a point is already made, refer to it.",
        "Draw a diagram where it helps & label it."]
    assert document.xpath("//div[@class='general']/p[last()]//em/text()") == ["diagram"]
    groups = document.xpath("//section[@class='group']")
    assert [element_text(g.find("h2")) for g in groups] == ["Group A", "Group B"]
    assert [element_text(p) for p in groups[0].xpath("p[@class='instruction']")] == [
        "Answer the following question."]
    [first] = groups[0].xpath(".//div[@class='prompt-row']")
    assert element_text(first) == (
        "1. Describe the three characteristic features of IPT, with an example of each. 10")
    # Short notes: one numbered question, its topics lettered, marks as "5 × 2 = 10".
    [notes] = groups[1].xpath(".//div[@class='prompt-row']")
    assert element_text(notes) == "2. Write short notes on any two of the following: 5 × 2 = 10"
    assert [element_text(li) for li in groups[1].xpath(".//ol[@class='topics']/li")] == [
        "(a) The treatment contract in IPT", "(b) IPT compared with cognitive therapy",
        "(c) The evidence for IPT in postpartum depression Beyond the syllabus (optional)"]
    # A question paper: no answers, no ruled space (candidates write in an answer book).
    for question in paper.questions:
        for point in question.marking_points:
            assert visible_markdown(point.text) not in text
        assert visible_markdown(question.outline) not in text
    assert not document.xpath("//div[@class='line']") and "Credit as extra" not in text


def test_a_papers_marking_scheme_is_numbered_as_the_paper() -> None:
    quiz, pages = written_fixture()
    [paper] = quiz.papers
    scheme = lxml_html.fromstring(paper_handout(quiz, paper, pages, SCHEME))
    text = element_text(scheme.body)
    assert "Time: 1 hour · Full marks: 20 · exam-practice.yml:" in text
    assert [element_text(h) for h in scheme.xpath("//h2")] == [
        "Group A · Answer the following question.",
        "Group B · Write short notes on any two of the following."]
    numbers = [element_text(n) for n in scheme.xpath("//span[@class='number']")]
    assert numbers == ["1.", "2(a).", "2(b).", "2(c)."]
    for question in paper.questions:
        check_scheme_item(block(scheme, question), question, pages)


def test_the_ready_paper_is_a_unit_iv_practice_set() -> None:
    """quizzes/exam-practice.yml's paper is a Unit IV practice set, not a full Paper VII paper
    (review 3, E4; its title reads as a paper's header, review 4, L3): two long answers of
    three and two short notes of three, 40 marks in 2 hours, every question in the syllabus."""
    [exam] = [quiz for quiz in MODULE.quizzes if quiz.papers]
    [paper] = exam.papers
    assert paper.title == "Unit IV practice set: Interpersonal Psychotherapy"
    assert (paper.full_marks, paper.minutes) == (40, 120)
    assert [(len(s.questions), s.answer, s.marks_each, s.short_notes)
            for s in paper.sections] == [(3, 2, 15, False), (3, 2, 5, True)]
    assert not any(q.beyond_syllabus for q in paper.questions)
    document = lxml_html.fromstring(paper_handout(exam, paper, MODULE.pages, PAPER))
    assert element_text(document.xpath("//div[@class='paper-head']/p[@class='meta']")[0]) == (
        "Practice paper for this unit, made from the module's questions")
    assert [element_text(s) for s in document.xpath("//div[@class='paper-facts']/span")] == [
        "Time: 2 hours", "Full marks: 40"]
    assert [element_text(p) for p in document.xpath("//p[@class='instruction']")] == [
        "Answer any two of the following."]
    # The examination's rubric line (content review 4, E1): a point is paid once.
    assert element_text(document.xpath("//div[@class='general']/p")[-1]) == (
        "Do not repeat material; where a point is already made, refer to it.")
    assert element_text(document.xpath("//div[@class='prompt-row']")[-1]).endswith(
        "Write short notes on any two of the following: 5 × 2 = 10")


def test_questions_a_candidate_may_pick_together_overlap_little() -> None:
    """A candidate who picks two overlapping questions writes one answer twice and is paid for
    it once, so a setter keeps such overlap small (review 3, E4; in a one-unit set some is
    left, review 4, E1). Measured by the marking
    points: at most 30% of either question's marks may rest on lesson sections that the other
    question's points also send the student to. (The bank itself holds such pairs, for
    practice one at a time: ex-sn-contract lies inside ex-la-time-transference.)"""
    [exam] = [quiz for quiz in MODULE.quizzes if quiz.papers]
    [paper] = exam.papers

    def shared(a: Question, b: Question) -> float:
        sections = {point.review for point in b.marking_points}
        return sum(p.marks for p in a.marking_points if p.review in sections) / a.marks

    questions = paper.questions
    overlaps = {f"{a.id} / {b.id}": round(max(shared(a, b), shared(b, a)), 2)
                for i, a in enumerate(questions) for b in questions[i + 1:]}
    assert {pair: share for pair, share in overlaps.items() if share > 0.3} == {}


# --- the files -----------------------------------------------------------------------------------


def test_handouts_cover_each_quiz_and_the_bank_and_stand_alone(tmp_path: Path) -> None:
    lines = write_handouts(MODULE, tmp_path, read_site_config(ROOT / "mkdocs.yml"))
    assert lines
    names = [q.name for q in MODULE.quizzes if self_checks(q)]  # not a written-only quiz
    expected = {f"{n}-{kind}.html" for n in [*names, "all-quizzes"]
                for kind in ("worksheet", "answer-key")} | {"index.html"}
    if any(q.kind == WRITTEN for quiz in MODULE.quizzes for q in quiz.questions):
        expected |= {"question-book.html", "question-book-marking-scheme.html"}
    expected |= {f"paper-{paper.id}{suffix}.html" for quiz in MODULE.quizzes
                 for paper in quiz.papers for suffix in ("", "-marking-scheme")}
    assert {p.name for p in tmp_path.iterdir()} == expected
    whole = (tmp_path / "all-quizzes-answer-key.html").read_text(encoding="utf-8")
    for quiz in MODULE.quizzes:
        for question in self_checks(quiz):
            assert f'id="q-{question.id}"' in whole
    for page in tmp_path.iterdir():
        text = page.read_text(encoding="utf-8")
        assert text.startswith("<!DOCTYPE html>")
        assert "@page { size: A4" in text
        # Self-contained: no scripts, no stylesheets or images fetched from anywhere.
        assert "<script" not in text and "<link" not in text and "<img" not in text
        assert 'class="md-' not in text  # no site chrome


def test_the_fixture_banks_get_a_question_book_papers_and_schemes_in_the_index() -> None:
    files = handout_files(FIXTURE_QUIZZES, FIXTURE_PAGES, module_title="IPT")
    assert {"question-book.html", "question-book-marking-scheme.html"} <= set(files)
    assert "exam-practice-worksheet.html" not in files  # a written-only quiz has no worksheet
    index = lxml_html.fromstring(files["index.html"])
    assert set(index.xpath("//a/@href")) == set(files) - {"index.html"}
    quiz, pages = written_fixture()
    files = handout_files([quiz], pages, module_title="IPT")
    assert {"paper-fx-paper.html", "paper-fx-paper-marking-scheme.html"} <= set(files)
    index = lxml_html.fromstring(files["index.html"])
    assert "Paper VII: a mock paper (1 hour, full marks 20): question paper · marking scheme" \
        in element_text(index.body)


def test_handouts_replace_only_their_own_files(tmp_path: Path) -> None:
    """A faculty member's own file in the folder survives; a stale handout goes; a file of
    the same name as a handout that we did not write stops the command untouched."""
    config = read_site_config(ROOT / "mkdocs.yml")
    notes = tmp_path / "my-notes.html"
    notes.write_text("<p>my notes</p>", encoding="utf-8")
    write_handouts(MODULE, tmp_path, config)
    stale = tmp_path / "renamed-quiz-worksheet.html"
    stale.write_bytes((tmp_path / "index.html").read_bytes())  # an earlier run's handout
    write_handouts(MODULE, tmp_path, config)
    assert not stale.exists()
    assert notes.read_text(encoding="utf-8") == "<p>my notes</p>"
    (tmp_path / "index.html").write_text("<p>my index</p>", encoding="utf-8")
    with pytest.raises(OSError, match=r"index\.html is already there and was not written"):
        write_handouts(MODULE, tmp_path, config)
    assert (tmp_path / "index.html").read_text(encoding="utf-8") == "<p>my index</p>"
    assert notes.exists()
