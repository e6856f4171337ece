"""make lms: the Moodle XML and the QTI packages say exactly what the YAML says, every time.

Every question of the real bank and of the export fixture bank (tests/fixtures/exports:
written questions, alternatives, shuffle: false, entities) is checked against the YAML model:
which options are right, what each is worth, which feedback belongs to which option, every
accepted answer. Texts are compared by what a reader sees, worked out in
tests/helpers/export_bank.py, not with the exporters' own Markdown helper. Every file of the
QTI 2.1 package is validated against IMS's XSDs (tests/vendor/qti-xsd, offline).
"""

from __future__ import annotations

import copy
import html
import io
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import replace
from pathlib import Path

import pytest
from lxml import etree

from quizkit.build import (
    MOODLE_FILE,
    MOODLE_QUIZ_FOLDER,
    QTI_FILES,
    compile_module,
    write_lms,
)
from quizkit.handouts import ANSWER_KEY, WORKSHEET, handout
from quizkit.marking import OUTPUT_MARK, extra_credit_text, normalise
from quizkit.model import FILL_IN, MULTIPLE, SINGLE, WRITTEN, Question, Quiz
from quizkit.moodle import category_path, cloze_answer, fraction, moodle_xml, short_answer
from quizkit.qti12 import qti12_files
from quizkit.qti21 import qti21_files
from quizkit.siteconfig import nav_pages, read_site_config
from tests.helpers import ROOT
from tests.helpers.export_bank import element_text, load, visible_html, visible_markdown

MODULE, _ = compile_module(ROOT / "docs", ROOT / "quizzes")
assert MODULE is not None, "the real bank must compile"
FIXTURE_QUIZZES, FIXTURE_PAGES = load()
SITE = "https://example.org/ipt/"
# `make lms` writes the quizzes in the order of the site's nav.
NAV = nav_pages(read_site_config(ROOT / "mkdocs.yml").get("nav"))
REAL = sorted(MODULE.quizzes, key=lambda quiz: NAV.index(quiz.page_path))
BANKS = {"real": (REAL, MODULE.pages), "fixture": (FIXTURE_QUIZZES, FIXTURE_PAGES)}
CASES = [(bank, quiz.name, q.id) for bank, (quizzes, _) in BANKS.items()
         for quiz in quizzes for q in quiz.questions]
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
QTI12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
XSD = ROOT / "tests" / "vendor" / "qti-xsd"
LETTERS = "ABCDEFGHIJ"


def find(bank: str, quiz_name: str, qid: str) -> tuple[Quiz, Question]:
    quiz = next(q for q in BANKS[bank][0] if q.name == quiz_name)
    return quiz, next(q for q in quiz.questions if q.id == qid)


def expected_shares(question: Question) -> list[float]:
    """The marking rule, written out here from the guide: a single-choice key earns the mark;
    in a multiple-answer question each right option earns 1/right, each wrong one costs
    1/wrong (the total is floored at 0 by the LMS)."""
    right = sum(o.correct for o in question.options)
    wrong = len(question.options) - right
    if question.kind == SINGLE:
        return [1.0 if o.correct else 0.0 for o in question.options]
    return [1 / right if o.correct else -1 / wrong for o in question.options]


def listed_for(answers: tuple[str, ...], listed: list[str]) -> None:
    """An LMS lists every accepted answer of a blank first-hand, and nothing the site would not
    accept as one of them: the others are its ways of writing the same dashes and quotes, each
    once, in any letter case."""
    for answer in answers:
        assert answer in listed
    wanted = {normalise(answer) for answer in answers}
    assert all(normalise(item) in wanted for item in listed), listed
    assert len({item.lower() for item in listed}) == len(listed), "an answer listed twice"


def review_url(review: str) -> str:
    page, _, anchor = review.partition("#")
    path = re.sub(r"(^|/)index\.md$|\.md$", r"\1", page)
    return SITE + path + ("/" if path and not path.endswith("/") else "") + (
        f"#{anchor}" if anchor else "")


# --- Moodle --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """dist/lms/ as `make lms` writes it (a separate process), and what the command printed."""
    out = tmp_path_factory.mktemp("lms")
    result = subprocess.run([sys.executable, str(ROOT / "build_quiz.py"), "--lms", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out, result.stdout


def moodle_questions(xml: bytes) -> dict[str, ET.Element]:
    """Question id -> its <question> element (the id is the Moodle idnumber)."""
    root = ET.fromstring(xml)
    assert root.tag == "quiz"
    found: dict[str, ET.Element] = {}
    for element in root.findall("question"):
        if element.get("type") != "category":
            idnumber = element.findtext("idnumber")
            assert idnumber not in found, f"{idnumber} twice"
            found[idnumber] = element
    return found


@pytest.fixture(scope="module")
def moodle(lms) -> dict[str, dict[str, ET.Element]]:
    """bank -> question id -> <question>; the fixture bank exported with a site_url."""
    fixture = moodle_xml(FIXTURE_QUIZZES, FIXTURE_PAGES, module_title="Fixture", site_url=SITE)
    return {"real": moodle_questions((lms[0] / MOODLE_FILE).read_bytes()),
            "fixture": moodle_questions(fixture)}


def test_one_moodle_question_per_yaml_question(moodle) -> None:
    for bank, (quizzes, _) in BANKS.items():
        assert sorted(moodle[bank]) == sorted(q.id for quiz in quizzes for q in quiz.questions)


def test_one_category_per_quiz_before_its_questions(lms) -> None:
    root = ET.parse(lms[0] / MOODLE_FILE).getroot()
    current, seen = None, {}
    for element in root.findall("question"):
        if element.get("type") == "category":
            current = element.findtext("category/text")
            seen[current] = []
        else:
            seen[current].append(element.findtext("idnumber"))
    expected = {category_path("Interpersonal Psychotherapy (IPT)", quiz):
                [q.id for q in quiz.questions] for quiz in MODULE.quizzes}
    assert seen == expected


@pytest.mark.parametrize(("bank", "quiz_name", "qid"), CASES)
def test_moodle_question_says_what_the_yaml_says(moodle, bank: str, quiz_name: str,
                                                 qid: str) -> None:
    _, question = find(bank, quiz_name, qid)
    element = moodle[bank][qid]
    assert element.findtext("name/text").startswith(f"{qid}: ")
    text = element.findtext("questiontext/text")
    general = element.findtext("generalfeedback/text")
    grade = element.findtext("defaultgrade")
    if question.kind == WRITTEN:
        assert element.get("type") == "essay"
        assert grade == str(question.marks)
        assert visible_markdown(question.prompt) in visible_html(text)
        assert element.findtext("responsetemplate/text") in ("", None)  # template off
        grader = visible_html(element.findtext("graderinfo/text"))
        for point in question.marking_points:
            assert f"{visible_markdown(point.text)} ({point.marks} mark" in grader
        assert visible_markdown(question.outline) in grader
        extra = visible_markdown(extra_credit_text(question)) or "Credit as extra"
        assert (extra in grader) == bool(question.extra_credit)
        return
    # The explanation, then where to reread it; a link when site_url is known.
    assert visible_html(general).startswith(visible_markdown(question.explanation))
    assert "Review:" in visible_html(general)
    if bank == "fixture":
        assert f'href="{review_url(question.review)}"' in general
    else:
        assert "<a " not in general  # no site_url in mkdocs.yml: no dead link in Moodle
    if question.kind == FILL_IN:
        assert "[[" not in text
        if len(question.blanks) == 1:
            assert element.get("type") == "shortanswer"
            assert grade == "1"
            answers = [(a.get("fraction"), a.findtext("text")) for a in element.findall("answer")]
            assert {fraction for fraction, _ in answers} == {"100"}
            # Moodle reads `*` as "any text": a star of the answer's own is written \*.
            listed_for(question.blanks[0].answers,
                       [text.replace("\\*", "*") for _, text in answers])
            assert all("*" not in text.replace("\\*", "") for _, text in answers)
            # The whole prompt, with a line for the blank and no trace of the answer.
            assert " ".join(visible_html(text).replace("_", "").split()) == visible_markdown(
                question.prompt_with(lambda b: ""))
        else:
            # Cloze: Moodle makes the mark the number of blanks, and the file says so.
            assert element.get("type") == "multianswer"
            assert grade == str(len(question.blanks))
            blanks = re.findall(r"\{1:SHORTANSWER:((?:\\.|[^\\}])*)\}", text)
            assert len(blanks) == len(question.blanks)
            for found, blank in zip(blanks, question.blanks, strict=True):
                alternatives = re.split(r"(?<!\\)~", found)
                assert all(a.startswith("=") for a in alternatives)
                assert "*" not in re.sub(r"\\.", "", found), "a wildcard Moodle would read"
                listed_for(blank.answers, [cloze_text(a[1:]) for a in alternatives])
        return
    assert element.get("type") == "multichoice"
    assert grade == "1"
    assert element.findtext("single") == ("true" if question.kind == SINGLE else "false")
    assert element.findtext("shuffleanswers") == ("true" if question.shuffle else "false")
    answers = element.findall("answer")
    assert [visible_html(a.findtext("text")) for a in answers] == [
        visible_markdown(o.text) for o in question.options]
    for answer, option, share in zip(answers, question.options, expected_shares(question),
                                     strict=True):
        assert float(answer.get("fraction")) == pytest.approx(100 * share, abs=0.00001)
        feedback = answer.findtext("feedback/text") or ""
        assert visible_html(feedback) == visible_markdown(option.feedback or "")


def test_every_question_is_worth_one_mark_but_cloze_and_written(moodle) -> None:
    """What a teacher building a Moodle quiz gets: 1 each, a Cloze 1 per blank, an essay its
    marks; and `make lms` names the Cloze questions (see the guide's 'Marks')."""
    for bank, (quizzes, _) in BANKS.items():
        for quiz in quizzes:
            for question in quiz.questions:
                grade = int(moodle[bank][question.id].findtext("defaultgrade"))
                if question.kind == WRITTEN:
                    assert grade == question.marks
                elif question.kind == FILL_IN and len(question.blanks) > 1:
                    assert grade == len(question.blanks)
                else:
                    assert grade == 1


def test_make_lms_says_what_faculty_must_know(lms) -> None:
    _, stdout = lms
    cloze = [q.id for quiz in MODULE.quizzes for q in quiz.questions
             if q.kind == FILL_IN and len(q.blanks) > 1]
    note = next((line for line in stdout.splitlines() if "Cloze" in line), "")
    for qid in cloze:
        assert qid in note
    assert "site_url is not set in mkdocs.yml" in stdout  # the real mkdocs.yml has none
    for version, name, systems in QTI_FILES:
        assert f"{name}: " in stdout and f"QTI {version} ({systems})" in stdout


@pytest.mark.parametrize(("value", "expected"), [
    (100, "100"), (50, "50"), (100 / 3, "33.33333"), (100 / 7, "14.28571"),
    (-100 / 6, "-16.66667"), (12.5, "12.5"), (0, "0"), (-0.0, "0"),
])
def test_fractions_are_written_as_moodle_writes_them(value: float, expected: str) -> None:
    assert fraction(value) == expected


@pytest.mark.parametrize(("answer", "expected"), [
    ("contract", "contract"), ("6", "6"), ("a}b", "a\\}b"), ("x#y~z", "x\\#y\\~z"),
    ("1/2", "1\\/2"), ("A&B", "A&amp;B"), ("x*y", "x\\*y"),
])
def test_cloze_answers_escape_moodles_special_characters(answer: str, expected: str) -> None:
    assert cloze_answer(answer) == expected


@pytest.mark.parametrize(("answer", "expected"), [("x*y", "x\\*y"), ("**", "\\*\\*"),
                                                  ("contract", "contract")])
def test_short_answers_escape_moodles_wildcard(answer: str, expected: str) -> None:
    """A star in an accepted answer is a star, not Moodle's "any text"."""
    assert short_answer(answer) == expected


def cloze_text(escaped: str) -> str:
    """What a Cloze answer written as cloze_answer writes it says: entities read, and each
    backslash-escaped special character (Moodle's } # ~ / " \\ and the wildcard *) itself."""
    return re.sub(r"\\([}#~/\"\\*])", r"\1", html.unescape(escaped))


def test_text_that_looks_like_markup_is_escaped(moodle) -> None:
    """Angle brackets, ampersands, quotes and entities arrive as plain text."""
    choice = moodle["fixture"]["tr-choice"]
    shown = visible_html(choice.findtext("questiontext/text"))
    assert shown == 'Is 1 < 2 && 3 > 2? Say "yes" — and use emphasis.'
    assert "Because < and & are just text here." in visible_html(
        choice.findtext("generalfeedback/text"))
    root = ET.fromstring(moodle_xml(FIXTURE_QUIZZES, FIXTURE_PAGES, module_title="A/B & <C>"))
    assert root.find("question/category/text").text.startswith("$course$/top/A//B & <C>/")


def moodle_reads(xml: bytes) -> dict[tuple[str, ...], str]:
    """Every text of a Moodle XML file as Moodle's importer reads it, by its path of tags.

    Moodle (lib/xmlize.php, core_xml_parser) is PHP's libxml2 SAX parser: its character-data
    handler gets the text in pieces, one per entity reference and one per run of plain text,
    and keeps only the pieces that are not all whitespace; a CDATA section is one piece. Then
    qformat_xml::getpath trims the text. lxml's parser target gets libxml2's very pieces."""

    class Reader:
        def __init__(self) -> None:
            self.path: list[str] = []
            self.seen: dict[str, int] = {}
            self.texts: dict[tuple[str, ...], str] = {}

        def start(self, tag: str, attrib: dict) -> None:
            self.path.append(tag)

        def end(self, tag: str) -> None:
            key = "/".join(self.path)
            self.seen[key] = self.seen.get(key, 0) + 1
            self.path.pop()

        def data(self, piece: str) -> None:
            if piece == "0" or piece.strip():  # `trim($data) != ""`, as Moodle tests it
                where = (*self.path, str(self.seen.get("/".join(self.path), 0)))
                self.texts[where] = self.texts.get(where, "") + piece

        def close(self) -> dict[tuple[str, ...], str]:
            return {key: text.strip() for key, text in self.texts.items()}

    return etree.fromstring(xml, etree.XMLParser(target=Reader(), strip_cdata=False))


def written_texts(xml: bytes) -> dict[tuple[str, ...], str]:
    """The same paths, each with the text the file holds (an XML parser's whole text)."""
    texts: dict[tuple[str, ...], str] = {}
    seen: dict[str, int] = {}

    def walk(element: ET.Element, path: tuple[str, ...]) -> None:
        here = (*path, element.tag)
        for child in element:
            walk(child, here)
        key = "/".join(here)
        if (element.text or "").strip() and not len(element):
            texts[(*here, str(seen.get(key, 0)))] = element.text.strip()
        seen[key] = seen.get(key, 0) + 1

    walk(ET.fromstring(xml), ())
    return texts


def test_the_moodle_reader_loses_a_space_between_escaped_tags() -> None:
    """Guard the oracle: it reproduces what a reviewer saw in Moodle 4.5 and 5.1 before the
    texts were written in CDATA ("Review:The…")."""
    escaped = b"<text>&lt;strong&gt;Review:&lt;/strong&gt; &lt;a&gt;The aims&lt;/a&gt;</text>"
    assert moodle_reads(escaped) == {("text", "0"): "<strong>Review:</strong><a>The aims</a>"}
    kept = b"<text><![CDATA[<strong>Review:</strong> <a>The aims</a>]]></text>"
    assert moodle_reads(kept) == {("text", "0"): "<strong>Review:</strong> <a>The aims</a>"}


@pytest.mark.parametrize("bank", sorted(BANKS))
def test_moodle_reads_every_text_as_written(bank: str) -> None:
    """With site_url set (Review lines are links), every text of every question reaches Moodle
    whole: no space between two tags is lost, and "Review: " keeps its space."""
    quizzes, pages = BANKS[bank]
    xml = moodle_xml(quizzes, pages, module_title="Interpersonal Psychotherapy (IPT)",
                     site_url=SITE)
    read = moodle_reads(xml)
    assert read == written_texts(xml)
    reviews = [text for path, text in read.items() if path[-3:-1] == ("generalfeedback", "text")
               and "Review:" in text]
    assert reviews and all("<strong>Review:</strong> <a href=" in text for text in reviews)
    assert all(re.search(r"Review: \S", visible_html(text)) for text in reviews)


# The response box sizes Moodle's essay edit form offers (qtype_essay::response_sizes, 4.5 and
# 5.1): any other number is saved as 2 lines when a teacher opens the question and saves it.
MOODLE_ESSAY_LINES = {2, 3, *range(5, 41, 5)}


def test_essay_response_boxes_are_sizes_moodles_form_offers(moodle) -> None:
    for bank, (quizzes, _) in BANKS.items():
        for question in (q for quiz in quizzes for q in quiz.questions if q.kind == WRITTEN):
            lines = int(moodle[bank][question.id].findtext("responsefieldlines"))
            assert lines in MOODLE_ESSAY_LINES, (question.id, lines)
            assert lines >= min(40, 3 * question.marks), (question.id, lines)  # 3 a mark


def untailed(element: ET.Element) -> bytes:
    """An element's XML without the whitespace that follows it in its parent."""
    alone = copy.copy(element)
    alone.tail = None
    return ET.tostring(alone)


def test_each_quiz_has_its_own_moodle_file(lms) -> None:
    """dist/lms/moodle-quizzes/NAME.xml: one quiz's category and questions, exactly as in the
    whole bank, so a teacher can import or update one quiz alone."""
    out, stdout = lms
    whole = ET.parse(out / MOODLE_FILE).getroot()
    files = sorted(p.name for p in (out / MOODLE_QUIZ_FOLDER).iterdir())
    assert files == sorted(f"{quiz.name}.xml" for quiz in REAL)
    assert f"{MOODLE_QUIZ_FOLDER}/: one Moodle XML file per quiz ({len(REAL)})" in stdout
    elements = list(whole)
    for quiz in REAL:
        data = (out / MOODLE_QUIZ_FOLDER / f"{quiz.name}.xml").read_bytes()
        assert OUTPUT_MARK.encode() in data[:400]
        own = list(ET.fromstring(data))
        start = next(i for i, e in enumerate(elements)
                     if e.findtext("category/text") == category_path(
                         "Interpersonal Psychotherapy (IPT)", quiz))
        expected = elements[start:start + 1 + len(quiz.questions)]
        assert [untailed(e) for e in own] == [untailed(e) for e in expected]


def test_a_quiz_gone_from_the_bank_leaves_no_moodle_file(tmp_path: Path) -> None:
    """A renamed or deleted quiz's old file goes; a teacher's own file in the folder stays."""
    folder = tmp_path / MOODLE_QUIZ_FOLDER
    folder.mkdir()
    (folder / "old-name.xml").write_text(f"<!-- {OUTPUT_MARK} --><quiz/>", encoding="utf-8")
    (folder / "my-notes.xml").write_text("<notes/>", encoding="utf-8")
    write_lms(MODULE, tmp_path, read_site_config(ROOT / "mkdocs.yml"))
    names = sorted(p.name for p in folder.iterdir())
    assert names == sorted(["my-notes.xml", *(f"{quiz.name}.xml" for quiz in REAL)])


# --- QTI 2.1 -------------------------------------------------------------------------------------


class _Offline(etree.Resolver):
    """Schemas are read from tests/vendor only: any other address fails the test."""

    def resolve(self, url, pubid, context):
        if url and "://" in url and not url.startswith("file:"):
            raise AssertionError(f"the schema check tried to fetch {url}")
        return None


def _schema(path: Path) -> etree.XMLSchema:
    parser = etree.XMLParser(no_network=True)
    parser.resolvers.add(_Offline())
    return etree.XMLSchema(etree.parse(str(path), parser))


@pytest.fixture(scope="module")
def schemas() -> dict[str, etree.XMLSchema]:
    return {"qti": _schema(XSD / "qtiv2p1" / "imsqti_v2p1.xsd"),
            "cp": _schema(XSD / "imscp_v1p1.xsd")}


def unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.testzip() is None
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        return {name: archive.read(name) for name in archive.namelist()}


@pytest.fixture(scope="module")
def qti21(lms) -> dict[str, dict[str, bytes]]:
    """bank -> file name -> bytes of the QTI 2.1 package (fixture bank with a site_url)."""
    fixture = qti21_files(FIXTURE_QUIZZES, FIXTURE_PAGES, title="Fixture", site_url=SITE)
    return {"real": unzip((lms[0] / "qti-2.1.zip").read_bytes()),
            "fixture": {name: text.encode("utf-8") for name, text in fixture.items()}}


@pytest.mark.parametrize("bank", sorted(BANKS))
def test_every_qti21_file_is_valid_against_the_ims_schemas(qti21, schemas, bank: str) -> None:
    files = qti21[bank]
    quizzes = BANKS[bank][0]
    items = [f"items/item-{q.id}.xml" for quiz in quizzes for q in quiz.questions]
    assert list(files) == ["imsmanifest.xml", "assessment.xml", *items]
    for name, data in files.items():
        schema = schemas["cp" if name == "imsmanifest.xml" else "qti"]
        document = etree.fromstring(data)
        assert schema.validate(document), f"{name}: {schema.error_log.last_error}"
    manifest = etree.fromstring(files["imsmanifest.xml"])
    hrefs = {r.get("href") for r in manifest.iter("{*}resource")}
    assert hrefs == {"assessment.xml", *items}
    test = etree.fromstring(files["assessment.xml"])
    sections = test.findall(f".//{QTI}assessmentSection")
    assert [s.get("title") for s in sections] == [quiz.title for quiz in quizzes]
    assert [r.get("href") for r in test.iter(f"{QTI}assessmentItemRef")] == items


def test_qti21_rejects_what_the_schema_forbids(schemas) -> None:
    """Guard the guard: an item whose response processing is misspelt fails validation."""
    quiz = MODULE.quizzes[0]
    text = qti21_files([quiz], MODULE.pages, title="T")[f"items/item-{quiz.questions[0].id}.xml"]
    broken = text.replace("<responseProcessing>", "<responseProcesing>").replace(
        "</responseProcessing>", "</responseProcesing>")
    assert not schemas["qti"].validate(etree.fromstring(broken.encode("utf-8")))


_HTML_AS_TEXT = re.compile(r"</?(p|strong|em|a|ul|ol|li|code|br)\b[^>]*>|&lt;/?(p|strong|em)\b")


@pytest.mark.parametrize(("bank", "quiz_name", "qid"), CASES)
def test_qti21_item_says_what_the_yaml_says(qti21, bank: str, quiz_name: str, qid: str) -> None:
    _, question = find(bank, quiz_name, qid)
    item = etree.fromstring(qti21[bank][f"items/item-{qid}.xml"])
    # Formatted text is XHTML in the QTI namespace, never HTML tags as text (or CDATA).
    for node in item.iter():
        for text in (node.text, node.tail):
            assert not _HTML_AS_TEXT.search(text or ""), (qid, text)
    body = item.find(f"{QTI}itemBody")
    maximum = item.find(f"{QTI}outcomeDeclaration[@identifier='MAXSCORE']")
    if question.kind == WRITTEN:
        assert float(element_text(maximum)) == question.marks
        assert body.find(f"{QTI}extendedTextInteraction") is not None
        rubric = body.find(f"{QTI}rubricBlock")
        assert rubric.get("view") == "scorer"
        shown = element_text(rubric)
        for point in question.marking_points:
            assert f"{visible_markdown(point.text)} ({point.marks} mark" in shown
        assert visible_markdown(question.outline) in shown
        extra = visible_markdown(extra_credit_text(question)) or "Credit as extra"
        assert (extra in shown) == bool(question.extra_credit)
        assert visible_markdown(question.prompt) in element_text(body)
        return
    assert float(element_text(maximum)) == 1
    # The response processing sets FEEDBACK, so modalFeedback can ever be shown.
    processing = item.find(f"{QTI}responseProcessing")
    sets = {s.get("identifier") for s in processing.iter(f"{QTI}setOutcomeValue")}
    assert sets == {"SCORE", "FEEDBACK"}
    feedback = {f.get("identifier"): f for f in item.findall(f"{QTI}modalFeedback")}
    assert all(f.get("outcomeIdentifier") == "FEEDBACK" for f in feedback.values())
    explanation = element_text(feedback.pop("EXPLANATION"))
    assert explanation.startswith(visible_markdown(question.explanation))
    assert "Review:" in explanation
    if question.kind == FILL_IN:
        entries = body.findall(f".//{QTI}textEntryInteraction")
        assert len(entries) == len(question.blanks)
        # The prompt with an entry box for each blank, and no trace of the answers.
        assert element_text(body) == visible_markdown(question.prompt_with(lambda b: ""))
        for blank, entry in zip(question.blanks, entries, strict=True):
            declaration = item.find(f"{QTI}responseDeclaration[@identifier="
                                    f"'{entry.get('responseIdentifier')}']")
            entries = list(declaration.iter(f"{QTI}mapEntry"))
            assert {(float(e.get("mappedValue")), e.get("caseSensitive")) for e in entries} == {
                (1.0, "false")}
            listed_for(blank.answers, [e.get("mapKey") for e in entries])
        assert feedback == {}
        return
    choices = body.findall(f".//{QTI}simpleChoice")
    assert [element_text(c) for c in choices] == [visible_markdown(o.text)
                                                  for o in question.options]
    identifiers = [c.get("identifier") for c in choices]
    interaction = body.find(f"{QTI}choiceInteraction")
    assert interaction.get("shuffle") == ("true" if question.shuffle else "false")
    assert interaction.get("maxChoices") == ("1" if question.kind == SINGLE else "0")
    declaration = item.find(f"{QTI}responseDeclaration")
    correct = [element_text(v) for v in declaration.iter(f"{QTI}value")]
    assert correct == [i for i, o in zip(identifiers, question.options, strict=True)
                       if o.correct]
    if question.kind == MULTIPLE:  # the same partial-credit rule as Moodle
        mapping = declaration.find(f"{QTI}mapping")
        assert (mapping.get("lowerBound"), mapping.get("upperBound")) == ("0", "1")
        shares = {e.get("mapKey"): float(e.get("mappedValue"))
                  for e in mapping.iter(f"{QTI}mapEntry")}
        assert shares == pytest.approx(dict(zip(identifiers, expected_shares(question),
                                                strict=True)), abs=0.00001)
    # Each option's feedback is keyed to that option, and only options with feedback have one.
    assert feedback.keys() == {i for i, o in zip(identifiers, question.options, strict=True)
                               if o.feedback}
    for identifier, option in zip(identifiers, question.options, strict=True):
        if option.feedback:
            assert element_text(feedback[identifier]) == visible_markdown(option.feedback)


def test_qti21_links_go_to_the_published_lesson_when_site_url_is_set(qti21) -> None:
    item = etree.fromstring(qti21["fixture"]["items/item-tr-choice.xml"])
    links = [a.get("href") for a in item.iter(f"{QTI}a")]
    assert links == [review_url("lessons/sample.md#second")]


def qti21_score(item: etree._Element, chosen: set[str]) -> float:
    """SCORE after the item's responseProcessing for a multiple-answer response, evaluated as
    a QTI 2.1 player does (the operators these items use), in double precision."""
    declaration = item.find(f"{QTI}responseDeclaration")
    correct = {element_text(v) for v in declaration.iter(f"{QTI}value")}
    mapping = declaration.find(f"{QTI}mapping")

    def expression(node: etree._Element) -> float | bool:
        tag = etree.QName(node).localname
        if tag == "baseValue":
            return float(node.text)
        if tag == "match":
            return chosen == correct
        if tag == "mapResponse":  # each chosen key once, then the bounds
            total = sum(float(e.get("mappedValue")) for e in mapping.iter(f"{QTI}mapEntry")
                        if e.get("mapKey") in chosen)
            return min(max(total, float(mapping.get("lowerBound"))),
                       float(mapping.get("upperBound")))
        raise AssertionError(f"an operator this evaluator does not know: {tag}")

    score = 0.0

    def run(rules: etree._Element) -> None:
        nonlocal score
        for rule in rules:
            tag = etree.QName(rule).localname
            if tag == "setOutcomeValue" and rule.get("identifier") == "SCORE":
                score = float(expression(rule[0]))
            elif tag == "responseCondition":
                branch = rule.find(f"{QTI}responseIf")
                if not expression(branch[0]):
                    branch = rule.find(f"{QTI}responseElse")
                    run(branch if branch is not None else [])
                else:
                    run(branch[1:])

    run(item.find(f"{QTI}responseProcessing"))
    return score


@pytest.mark.parametrize("bank", sorted(BANKS))
def test_qti21_a_full_answer_scores_exactly_the_mark(qti21, bank: str) -> None:
    """Every right option (three of them too: shares of 0.333333 add up to 0.999999) scores
    exactly the maximum; other answers score the partial-credit rule."""
    multiple = [q for quiz in BANKS[bank][0] for q in quiz.questions if q.kind == MULTIPLE]
    assert any(sum(o.correct for o in q.options) == 3 for q in multiple) or bank == "fixture"
    for question in multiple:
        item = etree.fromstring(qti21[bank][f"items/item-{question.id}.xml"])
        maximum = float(item.find(f"{QTI}outcomeDeclaration[@identifier='MAXSCORE']")
                        .findtext(f".//{QTI}value"))
        right = {LETTERS[i] for i, o in enumerate(question.options) if o.correct}
        assert qti21_score(item, right) == maximum == 1.0, question.id
        shares = expected_shares(question)
        for i in range(len(question.options)):
            assert qti21_score(item, {LETTERS[i]}) == pytest.approx(max(0.0, shares[i]),
                                                                    abs=1e-5)
        assert qti21_score(item, set(LETTERS[:len(question.options)])) == 0.0


# --- QTI 1.2 -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def qti12(lms) -> dict[str, etree._Element]:
    """bank -> the QTI 1.2 assessment (well formed: parsing it is the first check)."""
    real = unzip((lms[0] / "qti-1.2.zip").read_bytes())
    assert list(real) == ["imsmanifest.xml", "assessment.xml"]
    manifest = etree.fromstring(real["imsmanifest.xml"])
    assert [r.get("href") for r in manifest.iter("{*}resource")] == ["assessment.xml"]
    fixture = qti12_files(FIXTURE_QUIZZES, FIXTURE_PAGES, title="Fixture", site_url=SITE)
    return {"real": etree.fromstring(real["assessment.xml"]),
            "fixture": etree.fromstring(fixture["assessment.xml"].encode("utf-8"))}


@pytest.mark.parametrize(("bank", "quiz_name", "qid"), CASES)
def test_qti12_item_says_what_the_yaml_says(qti12, bank: str, quiz_name: str, qid: str) -> None:
    """No XSD for QTI 1.2 is vendored (IMS published a DTD), so the structure is checked here."""
    quiz, question = find(bank, quiz_name, qid)
    section = qti12[bank].find(f".//{QTI12}section[@ident='section-{quiz.name}']")
    assert section.get("title") == quiz.title
    item = section.find(f"{QTI12}item[@ident='item-{qid}']")
    fields = {f.findtext(f"{QTI12}fieldlabel"): f.findtext(f"{QTI12}fieldentry")
              for f in item.iter(f"{QTI12}qtimetadatafield")}
    feedback = {f.get("ident"): visible_html(element_text_html(f))
                for f in item.findall(f"{QTI12}itemfeedback")}
    rules = item.findall(f"{QTI12}resprocessing/{QTI12}respcondition")
    decvar = item.find(f"{QTI12}resprocessing/{QTI12}outcomes/{QTI12}decvar")
    assert (decvar.get("minvalue"), decvar.get("maxvalue")) == ("0", "100")
    if question.kind == WRITTEN:
        assert fields == {"question_type": "essay_question",
                          "points_possible": str(question.marks)}
        rubric = visible_html(element_text_html(item.find(f"{QTI12}rubric")))
        for point in question.marking_points:
            assert f"{visible_markdown(point.text)} ({point.marks} mark" in rubric
        extra = visible_markdown(extra_credit_text(question)) or "Credit as extra"
        assert (extra in rubric) == bool(question.extra_credit)
        assert item.find(f".//{QTI12}response_str") is not None
        return
    assert fields["points_possible"] == "1"
    assert feedback.pop("general_fb").startswith(visible_markdown(question.explanation))
    scores: dict[str, float] = {}
    shown: dict[str, str] = {}
    for rule in rules:
        equal = rule.find(f"{QTI12}conditionvar/{QTI12}varequal")
        if equal is None:
            continue
        setvar = rule.find(f"{QTI12}setvar")
        if setvar is not None:
            scores[equal.text] = float(setvar.text)
        display = rule.find(f"{QTI12}displayfeedback")
        if display is not None:
            shown[equal.text] = display.get("linkrefid")
    if question.kind == FILL_IN:
        assert fields["question_type"] == ("short_answer_question" if len(question.blanks) == 1
                                           else "fill_in_multiple_blanks_question")
        by_blank: dict[str, list[str]] = {}
        for rule in item.iter(f"{QTI12}respcondition"):
            equal = rule.find(f"{QTI12}conditionvar/{QTI12}varequal")
            if equal is not None:
                by_blank.setdefault(equal.get("respident"), []).append(equal.text)
        assert len(by_blank) == len(question.blanks)
        for n, blank in enumerate(question.blanks, 1):
            listed_for(blank.answers, by_blank[f"RESPONSE_{n}"])
            for answer in by_blank[f"RESPONSE_{n}"]:
                assert scores[answer] == pytest.approx(100 / len(question.blanks))
        assert len(item.findall(f".//{QTI12}response_str")) == len(question.blanks)
        return
    labels = item.findall(f".//{QTI12}response_label")
    idents = [label.get("ident") for label in labels]
    assert [visible_html(element_text_html(label)) for label in labels] == [
        visible_markdown(o.text) for o in question.options]
    expected = {i: 100 * s for i, s in zip(idents, expected_shares(question), strict=True) if s}
    assert scores == pytest.approx(expected, abs=0.0001)
    for ident, option in zip(idents, question.options, strict=True):
        if option.feedback:
            assert feedback[shown[ident]] == visible_markdown(option.feedback)
        else:
            assert ident not in shown
    assert len(feedback) == sum(1 for o in question.options if o.feedback)


def element_text_html(element: etree._Element) -> str:
    """The HTML held as text in the mattext elements under element."""
    return " ".join(m.text or "" for m in element.iter(f"{QTI12}mattext"))


# --- the packages as a whole ---------------------------------------------------------------------


def test_lms_export_is_byte_identical_across_processes(lms, tmp_path: Path) -> None:
    """This process's export equals the `make lms` process's: no uuid, date or hash order."""
    write_lms(MODULE, tmp_path, read_site_config(ROOT / "mkdocs.yml"))
    names = sorted(p.relative_to(tmp_path).as_posix() for p in tmp_path.rglob("*")
                   if p.is_file())
    assert names == sorted([MOODLE_FILE, *(name for _, name, _ in QTI_FILES),
                            *(f"{MOODLE_QUIZ_FOLDER}/{quiz.name}.xml" for quiz in REAL)])
    for name in names:
        assert (tmp_path / name).read_bytes() == (lms[0] / name).read_bytes(), name


def test_the_guide_and_the_command_agree_on_which_package_suits_which_lms() -> None:
    guide = (ROOT / "docs" / "faculty" / "lms.md").read_text(encoding="utf-8")
    for _, name, systems in QTI_FILES:
        assert re.search(rf"^\| `{re.escape(name)}` \| {re.escape(systems)}", guide, re.M), name
    assert "Moodle 3.x" not in guide


# --- faculty commands never destroy work ---------------------------------------------------------


def run(*args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "build_quiz.py"), *args], cwd=cwd,
                          capture_output=True, text=True, check=False)


def listing(target: str) -> list[list[str]]:
    """The names in the project folder and in the target's top folder (none if missing)."""
    folders = [ROOT, ROOT / Path(target).parts[0]] if Path(target).parts else [ROOT]
    return [sorted(p.name for p in f.iterdir()) if f.is_dir() else [] for f in folders]


@pytest.mark.parametrize(("flag", "target"), [
    ("--handouts", "site"), ("--lms", "."), ("--out", "docs"), ("--lms", "quizzes"),
    ("--handouts", "docs/handouts"), ("--out", "site/quizzes"),
])
def test_project_folders_are_refused_as_output(flag: str, target: str) -> None:
    before = listing(target)
    result = run(flag, target)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "cannot write there" in lines[0], result.stderr
    assert listing(target) == before  # nothing written, nothing removed


def test_a_file_of_the_same_name_not_written_by_us_is_never_replaced(tmp_path: Path) -> None:
    mine = tmp_path / MOODLE_FILE
    mine.write_text("my own notes", encoding="utf-8")
    result = run("--lms", str(tmp_path))
    assert result.returncode == 1
    assert f"{MOODLE_FILE} is already there and was not written by build_quiz.py" in result.stderr
    assert mine.read_text(encoding="utf-8") == "my own notes"


ODD_TEXTS = [
    "&nbsp;&mdash;&hellip; &amp;&lt;&gt; &#8212; &#x2014; &copy",  # entities, one unterminated
    "a < b > c & d \"q\" 'r' `code` *em* **strong** _u_",
    "Line one\n\nLine two\n\n- item\n- item two\n\n1. first\n2. second",
    "| a | b |\n| --- | --- |\n| 1 | 2 |",  # a Markdown table
    "Tabs\tand  spaces, zero\u200bwidth, non\u00a0breaking, emoji 🙂, Devanagari हिन्दी",
    "Back\\slash {braces} #hash ~tilde /slash %percent",
    "[a link](https://example.org/x?a=1&b=2) and [a lesson](../lessons/sample.md#second)",
]


@pytest.mark.parametrize("text", ODD_TEXTS)
def test_any_text_the_site_accepts_exports_without_error(text: str, schemas) -> None:
    """Every output takes any text: no exception, QTI 2.1 still valid, and the words arrive."""
    [quiz] = [q for q in FIXTURE_QUIZZES if q.name == "tricky"]
    choice = replace(quiz.questions[0], prompt=text, explanation=text, options=tuple(
        replace(o, feedback=text if o.feedback else None) for o in quiz.questions[0].options))
    odd = replace(quiz, questions=(choice,))
    moodle_xml([odd], FIXTURE_PAGES, module_title="T", site_url=SITE)
    for name, content in qti21_files([odd], FIXTURE_PAGES, title="T", site_url=SITE).items():
        schema = schemas["cp" if name == "imsmanifest.xml" else "qti"]
        assert schema.validate(etree.fromstring(content.encode("utf-8"))), (
            name, schema.error_log.last_error)
    etree.fromstring(qti12_files([odd], FIXTURE_PAGES, title="T")["assessment.xml"].encode())
    for kind in (WORKSHEET, ANSWER_KEY):
        page = handout("T", [odd], FIXTURE_PAGES, kind, module_title="T")
        assert "Traceback" not in page
    words = [w for w in visible_markdown(text).split() if w.isalpha() and len(w) > 3]
    item = qti21_files([odd], FIXTURE_PAGES, title="T")[f"items/item-{choice.id}.xml"]
    shown = element_text(etree.fromstring(item.encode("utf-8")))
    for word in words:
        assert word in shown, word
