"""make lms: the Moodle XML and the QTI packages say exactly what the YAML says, every time."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from quizkit.build import MOODLE_FILE, compile_module, write_lms
from conftest import ROOT
from quizkit.htmltext import to_html
from quizkit.moodle import category_path, cloze_answer, fraction, moodle_xml
from quizkit.pages import read_pages
from quizkit.siteconfig import read_site_config
from quizkit.model import FILL_IN, MULTIPLE, SINGLE
from quizkit.validate import validate_quizzes

MODULE, _ = compile_module(ROOT / "docs", ROOT / "quizzes")
assert MODULE is not None, "the real bank must compile"
QUESTIONS = {q.id: (quiz, q) for quiz in MODULE.quizzes for q in quiz.questions}
KINDS = {SINGLE: "multichoice", MULTIPLE: "multichoice"}


@pytest.fixture(scope="module")
def lms(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """dist/lms/ as `make lms` writes it, into a scratch folder."""
    out = tmp_path_factory.mktemp("lms")
    result = subprocess.run([sys.executable, str(ROOT / "build_quiz.py"), "--lms", str(out)],
                            capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    return out


@pytest.fixture(scope="module")
def moodle(lms: Path) -> dict[str, ET.Element]:
    """Question id -> its <question> element (the id is the Moodle idnumber)."""
    root = ET.parse(lms / MOODLE_FILE).getroot()
    assert root.tag == "quiz"
    found = {}
    for element in root.findall("question"):
        if element.get("type") != "category":
            idnumber = element.findtext("idnumber")
            assert idnumber not in found, f"{idnumber} twice"
            found[idnumber] = element
    return found


def test_one_moodle_question_per_yaml_question(moodle) -> None:
    assert sorted(moodle) == sorted(QUESTIONS)


def test_one_category_per_quiz_before_its_questions(lms: Path) -> None:
    root = ET.parse(lms / MOODLE_FILE).getroot()
    current, seen = None, {}
    for element in root.findall("question"):
        if element.get("type") == "category":
            current = element.findtext("category/text")
            seen[current] = []
        else:
            seen[current].append(element.findtext("idnumber"))
    expected = {category_path("Interpersonal Psychotherapy (IPT)", quiz): [q.id for q in quiz.questions]
                for quiz in MODULE.quizzes}
    assert seen == expected


@pytest.mark.parametrize("qid", sorted(QUESTIONS))
def test_moodle_question_says_what_the_yaml_says(moodle, qid: str) -> None:
    quiz, question = QUESTIONS[qid]
    element = moodle[qid]
    assert element.findtext("name/text").startswith(f"{qid}: ")
    general = element.findtext("generalfeedback/text")
    assert general.startswith(to_html(question.explanation))
    assert "Review:" in general
    if question.kind == FILL_IN:
        text = element.findtext("questiontext/text")
        assert "[[" not in text
        if len(question.blank_keys) == 1:
            assert element.get("type") == "shortanswer"
            answers = element.findall("answer")
            assert [(a.get("fraction"), a.findtext("text")) for a in answers] == [
                ("100", question.blank_keys[0])]
            assert answers[0].findtext("text") not in text  # the answer is not shown
        else:
            assert element.get("type") == "multianswer"
            for answer in question.blank_keys:
                assert f"{{1:SHORTANSWER:={cloze_answer(answer)}}}" in text
            assert text.count("{1:SHORTANSWER:") == len(question.blank_keys)
        return
    assert element.get("type") == "multichoice"
    assert element.findtext("single") == ("true" if question.kind == SINGLE else "false")
    answers = element.findall("answer")
    assert [a.findtext("text") for a in answers] == [to_html(o.text, inline=True)
                                                     for o in question.options]
    for answer, option in zip(answers, question.options, strict=True):
        assert answer.findtext("feedback/text") == (to_html(option.feedback)
                                                    if option.feedback else "")
    fractions = [float(a.get("fraction")) for a in answers]
    right = [f for f, o in zip(fractions, question.options, strict=True) if o.correct]
    wrong = [f for f, o in zip(fractions, question.options, strict=True) if not o.correct]
    assert sum(right) == pytest.approx(100, abs=0.001)
    assert all(f > 0 for f in right)
    if question.kind == SINGLE:
        assert wrong and all(f == 0 for f in wrong)
    else:
        assert all(f < 0 for f in wrong) and sum(wrong) == pytest.approx(-100, abs=0.001)


@pytest.mark.parametrize(("value", "expected"), [
    (100, "100"), (50, "50"), (100 / 3, "33.33333"), (100 / 7, "14.28571"),
    (-100 / 6, "-16.66667"), (12.5, "12.5"), (0, "0"), (-0.0, "0"),
])
def test_fractions_are_written_as_moodle_writes_them(value: float, expected: str) -> None:
    assert fraction(value) == expected


@pytest.mark.parametrize(("answer", "expected"), [
    ("contract", "contract"), ("6", "6"), ("a}b", "a\\}b"), ("x#y~z", "x\\#y\\~z"),
    ("1/2", "1\\/2"), ("A&B", "A&amp;B"),
])
def test_cloze_answers_escape_moodles_special_characters(answer: str, expected: str) -> None:
    assert cloze_answer(answer) == expected


TRICKY = """\
title: "Escaping: a<b & c>d \\"quotes\\" ]]>"
lesson: lessons/sample.md
questions:
  - id: tricky-choice
    objective: s-first
    prompt: "Is 1 < 2 && 3 > 2? Say \\"yes\\" and use *emphasis*."
    options:
      - text: "Yes, 1 < 2 & 3 > 2"
        correct: true
      - text: "No: \\"never\\""
        feedback: "Wrong & a < b."
    explanation: "Because < and & are just text here."
  - id: tricky-cloze
    objective: s-second
    prompt: "Cloze with [[a}b]] and [[#1]] blanks."
    explanation: Two blanks with cloze specials.
"""


def test_text_that_looks_like_markup_is_escaped(tmp_path: Path) -> None:
    """Quotes, angle brackets, ampersands and a CDATA terminator survive as plain text."""
    fixtures = ROOT / "tests" / "fixtures"
    pages, problems = read_pages(fixtures / "docs")
    assert problems == []
    (tmp_path / "tricky.yml").write_text(TRICKY, encoding="utf-8")
    (tmp_path / "schema.json").write_bytes((ROOT / "quizzes" / "schema.json").read_bytes())
    quizzes, problems = validate_quizzes(tmp_path, pages)
    assert problems == []
    root = ET.fromstring(moodle_xml(quizzes, pages, module_title="A/B & <C>"))
    category = root.find("question/category/text").text
    assert category == '$course$/top/A//B & <C>/Escaping: a<b & c>d "quotes" ]]>'
    choice, cloze = root.findall("question")[1:]
    assert choice.findtext("questiontext/text") == to_html(quizzes[0].questions[0].prompt)
    assert "1 &lt; 2 &amp;&amp; 3 &gt; 2" in choice.findtext("questiontext/text")
    assert choice.find("answer").findtext("text") == "Yes, 1 &lt; 2 &amp; 3 &gt; 2"
    assert choice.findall("answer")[1].findtext("feedback/text") == "<p>Wrong &amp; a &lt; b.</p>"
    assert "{1:SHORTANSWER:=a\\}b}" in cloze.findtext("questiontext/text")
    assert "{1:SHORTANSWER:=\\#1}" in cloze.findtext("questiontext/text")


def test_lms_export_is_byte_identical(tmp_path: Path) -> None:
    """Two exports of the same bank (uuid4 ids and zip dates would differ) give equal bytes."""
    config = read_site_config(ROOT / "mkdocs.yml")
    first, second = tmp_path / "a", tmp_path / "b"
    write_lms(MODULE, first, config)
    write_lms(MODULE, second, config)
    names = sorted(p.name for p in first.iterdir())
    assert names == [MOODLE_FILE, "qti-1.2.zip", "qti-2.1.zip"]
    assert names == sorted(p.name for p in second.iterdir())
    for name in names:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name


@pytest.mark.parametrize("name", ["qti-1.2.zip", "qti-2.1.zip"])
def test_qti_package_has_a_manifest_and_one_item_per_question(lms: Path, name: str) -> None:
    with zipfile.ZipFile(lms / name) as archive:
        assert archive.testzip() is None
        members = archive.namelist()
        assert members[:2] == ["imsmanifest.xml", "assessment.xml"]
        items = [m for m in members if m.startswith("items/")]
        assert sorted(items) == sorted(f"items/item-{qid}.xml" for qid in QUESTIONS)
        manifest = archive.read("imsmanifest.xml").decode("utf-8")
        ET.fromstring(manifest)  # well formed
        for item in items:
            assert f'href="{item}"' in manifest
            text = archive.read(item).decode("utf-8")
            ET.fromstring(text)  # well formed, whatever the question says
            qid = item.removeprefix("items/item-").removesuffix(".xml")
            _, question = QUESTIONS[qid]
            for option in question.options:
                assert to_html(option.text, inline=True) in text, (qid, option.text)
            for answer in question.blank_keys:
                assert f">{answer}<" in text, (qid, answer)
        assert {i.date_time for i in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
