"""Validate quiz files against the format and the module; a valid file becomes a Quiz.

Two layers, in this order:
1. quizzes/schema.json, the single statement of the format (editors use it too); each
   schema error is translated into a sentence a teacher can act on, at the key or value
   concerned (quizkit/schema.py);
2. the rules a schema cannot state (here): objectives and review anchors exist in the lessons,
   question ids are unique across files, marking points add up, no text can reach a page as
   HTML or script or break mkdocs-quiz's markup (quizkit/sanitize.py, one check for every text
   field), and no option gives the answer away (quizkit/fairness.py, which words its own
   messages): errors, and warnings a question may `allow:` with a reason.

A file with no problem becomes a Quiz (quizkit/model.py quiz_from_document).

Every message added since rule ids exist carries one (`[rule-id]` at the end of the line); the
faculty guide lists them all.
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from quizkit import sanitize
from quizkit.fairness import fairness_errors, fairness_warnings
from quizkit.model import (
    ALTERNATIVES,
    BLANK,
    Blank,
    Quiz,
    quiz_from_document,
    short_note_topic,
)
from quizkit.pages import Page
from quizkit.problems import Problem, suggest
from quizkit.schema import WRITTEN_KEYS, describe, schema_errors, schema_problems
from quizkit.source import DocPath, Document, load

QUIZ_SUFFIXES = (".yml", ".yaml")
SCHEMA_FILE = "schema.json"

_DOUBLE_BRACKET = re.compile(r"\[\[|\]\]")
_ANSWER_LINE = re.compile(r"^\s*[-*+]\s*\[.?\]")

UNIT_PAGE = "index.md"  # a quiz of the whole unit may test an objective of any page


def quiz_files(quizzes_dir: Path) -> list[Path]:
    """The quiz sources, in a stable order."""
    return sorted(p for p in quizzes_dir.iterdir() if p.suffix in QUIZ_SUFFIXES and p.is_file())


# --- layer 2: rules a schema cannot state -------------------------------------------------------


def _text_fields(question: dict[str, Any], index: int) -> list[tuple[DocPath, str]]:
    """Every text of a question that reaches a page, with its path in the document."""
    base: DocPath = ("questions", index)
    fields = [((*base, k), question[k]) for k in ("prompt", "explanation", "outline")
              if k in question]
    for key, keys in (("options", ("text", "feedback")), ("marking_points", ("text",))):
        items = question.get(key)
        for j, item in enumerate(items if isinstance(items, list) else []):
            if isinstance(item, dict):
                fields += [((*base, key, j, k), item[k]) for k in keys if k in item]
    allow = question.get("allow")
    if isinstance(allow, dict):
        fields += [((*base, "allow", rule), reason) for rule, reason in allow.items()]
    extra = question.get("extra_credit")
    if isinstance(extra, dict) and "for" in extra:
        fields.append(((*base, "extra_credit", "for"), extra["for"]))
    return [(p, v) for p, v in fields if isinstance(v, str)]


def _field_name(path: DocPath) -> str:
    """'prompt', 'feedback', 'text', or "reason for 'allow: longest-option'"."""
    if len(path) >= 2 and path[-2] == "allow":
        return f"reason for 'allow: {path[-1]}'"
    if path[-1] == "for":
        return "'for:' text"
    if len(path) >= 2 and path[-2] == "instructions":  # a paper's, one line each
        return f"instruction {path[-1] + 1}"
    return str(path[-1])


def _position(doc: Document, path: DocPath, text: str, offset: int) -> tuple[int, int]:
    """The file position of text[offset]: exact in a `|` block, else where the value starts."""
    line, col = doc.line_of(path, text.count("\n", 0, offset))
    if path in doc.literal_blocks:
        return line, col + offset - (text.rfind("\n", 0, offset) + 1)
    if "\n" not in text[:offset] and line <= len(doc.lines):  # a one-line value, maybe quoted
        source = doc.lines[line - 1]
        start = col if source[col - 1: col] in ("'", '"') else col - 1
        if source[start + offset: start + offset + 8] == text[offset: offset + 8]:
            return line, start + offset + 1
    return line, col


def _texts(value: Any, path: DocPath = ()) -> list[tuple[DocPath, str]]:
    """Every text in a quiz document, with its path: the one list of fields checked for what
    could reach a page. Every value is taken, not a list of known keys, so a field added to
    the format later (and ids, page paths: they are checked all the same) cannot be
    forgotten."""
    if isinstance(value, str):
        return [(path, value)]
    if isinstance(value, dict):
        return [found for key, item in value.items() for found in _texts(item, (*path, key))]
    if isinstance(value, list):
        return [found for i, item in enumerate(value) for found in _texts(item, (*path, i))]
    return []


def _safe_text_problems(doc: Document, markdown: sanitize.MarkdownSettings) -> list[Problem]:
    """Every text of the file that could reach a page as live HTML or script."""
    return [problem for path, text in _texts(doc.data)
            for problem in _unsafe_problems(doc, path, text, markdown)]


def _unsafe_problems(doc: Document, path: DocPath, text: str,
                     markdown: sanitize.MarkdownSettings = sanitize.BROAD) -> list[Problem]:
    """Anything in a text that could reach a page as live HTML or script (quizkit.sanitize;
    `markdown`: the site's extensions, BROAD when not known: every extension the check knows,
    so nothing one of them would make is missed). _safe_text_problems calls this for every
    text of a file: a field needs no call of its own."""
    found_all = sanitize.check(text, markdown)
    if not found_all:  # nearly every text: no need to name its owner
        return []
    name = _field_name(path)
    owner = describe(doc, path)
    problems = []
    for unsafe in found_all:
        found = unsafe.found
        where = _position(doc, path, text, unsafe.offset)
        if unsafe.rule == "raw-html":
            problems.append(Problem(doc.path, *where, (
                f"raw HTML in the {name} of {owner} ({found!r}); use Markdown instead (e.g. "
                "**bold**, *italic*, [link](page.md)); to show a '<' before a letter, write "
                "'&lt;'"), rule="raw-html"))
        elif unsafe.rule == "unsafe-link":
            problems.append(Problem(doc.path, *where, (
                f"the link {found!r} in the {name} of {owner} uses '{unsafe.detail}:', which "
                "can run code or hide content in a page; link only to pages of this module "
                "(lessons/page.md#anchor) or to http, https or mailto addresses"),
                rule="unsafe-link"))
        elif unsafe.rule == "remote-image":
            problems.append(Problem(doc.path, *where, (
                f"the image {found!r} in the {name} of {owner} comes from another site; the "
                "module loads nothing from other sites (students' privacy, and it must work "
                "offline): put the picture under docs/assets/ and link to it there"),
                rule="remote-image"))
        elif unsafe.rule == "unsafe-attribute":
            problems.append(Problem(doc.path, *where, (
                f"the attribute list {found!r} in the {name} of {owner} sets "
                f"'{unsafe.detail}'; only an #id or a .class may be set with {{ }} after "
                "Markdown: remove it"), rule="unsafe-attribute"))
        elif unsafe.detail == "---":
            problems.append(Problem(doc.path, *where, (
                f"a line with only '---' in the {name} of {owner} would end the question or "
                "start front matter; remove it"), rule="quiz-markup"))
        elif unsafe.detail == "--8<--":
            problems.append(Problem(doc.path, *where, (
                f"'--8<--' in the {name} of {owner} would paste another file into the page; "
                "remove it"), rule="quiz-markup"))
        else:
            problems.append(Problem(doc.path, *where, (
                f"{found!r} in the {name} of {owner} would open or close a quiz block; "
                "remove it"), rule="quiz-markup"))
    return problems


def _markup_problems(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """Text that would break the generated mkdocs-quiz page, pointed at the exact line."""
    problems = []
    is_fill_in = "options" not in question
    for path, text in _text_fields(question, index):
        name = _field_name(path)
        # Both line checks need a bracket: most texts have none and skip the loop.
        for n, line in enumerate(text.splitlines() if "[" in text or "]" in text else ()):
            answer_like = _ANSWER_LINE.match(line)
            # (A choice question's prompt with a blank is reported by the schema.)
            brackets = name != "prompt" and _DOUBLE_BRACKET.search(line)
            if not answer_like and not brackets:
                continue
            field_owner = describe(doc, path)
            where = doc.line_of(path, n)
            if answer_like:
                problems.append(Problem(doc.path, *where, (
                    f"a line of the {name} of {field_owner} looks like a quiz answer ('- [ ]'); "
                    "write it as plain text or a numbered list"), rule="answer-line"))
            if brackets:
                problems.append(Problem(doc.path, *where, (
                    f"'[[' or ']]' in the {name} of {field_owner}; double brackets mark fill-in "
                    "blanks and may appear only in a fill-in question's prompt"),
                    rule="brackets-outside-prompt"))
        if name == "prompt" and is_fill_in:
            for match in BLANK.finditer(text):
                empty = not match.group(1).strip()
                if not empty and all(Blank.parse(match.group(1)).answers):
                    continue  # a good blank (nearly all): no need to name the question
                owner = describe(doc, ("questions", index))
                where = _position(doc, path, text, match.start())
                if empty:
                    problems.append(Problem(doc.path, *where,
                                            f"empty blank [[ ]] in the prompt of {owner}; "
                                            "write the expected answer inside the brackets",
                                            rule="empty-blank"))
                else:  # an empty alternative: [[contract|]]
                    problems.append(Problem(
                        doc.path, *where,
                        f"the blank {match.group(0)} in the prompt of {owner} has an empty "
                        f"answer beside a '{ALTERNATIVES}'; list only real answers, e.g. "
                        "[[contract|agreement]]", rule="empty-alternative"))
        if name == "explanation" and text.lstrip().startswith(">"):
            owner = describe(doc, ("questions", index))
            problems.append(Problem(doc.path, *doc.line_of(path, 0),
                                    f"the explanation of {owner} starts with '>' (a quote); "
                                    "mkdocs-quiz would read it as answer feedback: start with "
                                    "a sentence", rule="explanation-quote"))
    return problems


def _module_problems(doc: Document, pages: dict[str, Page]) -> list[Problem]:
    """The lesson, objectives and review links must exist in docs/.

    A quiz of the unit (`lesson: index.md`) may test the objective of any page: objective ids
    are unique across the module (quizkit/pages.py checks that), so the id names its page.
    """
    data = doc.data
    lesson_path = data.get("lesson")
    lesson = pages.get(lesson_path) if isinstance(lesson_path, str) else None
    unit = lesson_path == UNIT_PAGE
    problems = []
    if isinstance(lesson_path, str) and lesson is None:
        problems.append(doc.at(("lesson",), f"lesson '{lesson_path}' does not exist under docs/; "
                                            f"{suggest(lesson_path, sorted(pages))}",
                               rule="lesson-missing"))
    elif lesson is not None and not lesson.objectives and not unit:
        problems.append(doc.at(("lesson",), f"docs/{lesson_path} declares no objectives in its "
                                            "front matter, so questions have nothing to test",
                                  rule="lesson-no-objectives"))
    if unit:
        declared = {oid: page.path for page in pages.values() for oid in page.objectives}
        where = "on any page of the module (this quiz's lesson is the unit, index.md)"
    else:
        declared = dict.fromkeys(lesson.objectives if lesson else {}, lesson_path)
        where = f"in docs/{lesson_path}"
    for i, question in enumerate(data.get("questions") or []):
        if not isinstance(question, dict):
            continue
        objective = question.get("objective")
        if lesson is not None and declared and isinstance(objective, str) \
                and objective not in declared:
            hint = suggest(objective, sorted(declared),
                           otherwise=f"declared: {', '.join(sorted(declared))}")
            problems.append(doc.at(("questions", i, "objective"),
                                   f"objective '{objective}' is not declared {where}; {hint}",
                                   rule="objective-undeclared"))
        review = question.get("review")
        if isinstance(review, str):
            problems += _review_problems(doc, ("questions", i, "review"), review, pages)
        points = question.get("marking_points")
        for j, point in enumerate(points if isinstance(points, list) else []):
            review = point.get("review") if isinstance(point, dict) else None
            if isinstance(review, str):
                problems += _review_problems(doc, ("questions", i, "marking_points", j, "review"),
                                             review, pages)
    return problems


def _marks_problems(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """A written question's marking points must add up to its marks."""
    points = question.get("marking_points")
    if not isinstance(points, list):
        return []
    marks = [_whole_number(p.get("marks")) if isinstance(p, dict) else None for p in points]
    total = _whole_number(question.get("marks"))
    if total is None or any(m is None for m in marks):
        return []  # a missing or bad number is reported by the schema
    added = sum(m for m in marks if m is not None)
    if added == total:
        return []
    owner = describe(doc, ("questions", index))
    return [doc.at(("questions", index, "marks"),
                              f"marking points of {owner} add up to {added} "
                              f"mark{'s' * (added != 1)} but the question is worth {total}; "
                              "make them equal", rule="marks-total")]


def _whole_number(value: Any) -> int | None:
    """marks: 5 (read as text "5" by quizkit.source, or 5 by other YAML readers) -> 5."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if value >= 1 else None
    if isinstance(value, str) and re.fullmatch(r"[1-9][0-9]*", value):
        return int(value)
    return None


def _review_problems(doc: Document, path: DocPath, review: str,
                     pages: dict[str, Page]) -> list[Problem]:
    page_path, _, anchor = review.partition("#")
    page = pages.get(page_path)
    if page is None:
        return [doc.at(path, f"review page '{page_path}' does not exist under docs/; "
                             f"{suggest(page_path, sorted(pages))}",
                       rule="review-page-missing")]
    if anchor and anchor not in page.anchors:
        hint = suggest(anchor, sorted(page.anchors), cutoff=0.5, shown=lambda a: f"#{a}",
                       otherwise="headings there: " + ", ".join(f"#{a}" for a in page.anchors))
        return [doc.at(path, f"'#{anchor}' is not a heading on docs/{page_path}; {hint}",
                       rule="review-anchor-missing")]
    if not anchor and page.anchors:  # a wrong answer leads to the paragraph, not the page
        sections = ", ".join(f"#{a}" for a in page.anchors)
        return [doc.at(path, f"'review: {review}' names the page but not the section to "
                             f"reread; add '#' and the section's anchor, e.g. "
                             f"'{page_path}#{next(iter(page.anchors))}' (sections there: "
                             f"{sections})", rule="review-no-section")]
    return []


# --- written questions: credit as extra, and question papers ------------------------------------


def _extra_credit_problems(doc: Document, question: dict[str, Any], index: int) -> list[Problem]:
    """Credit as extra stays extra: at most a quarter of the question's marks, so the notes'
    own points always carry most of the mark (the syllabus first)."""
    extra = question.get("extra_credit")
    marks = _whole_number(question.get("marks"))
    extra_marks = _whole_number(extra.get("marks")) if isinstance(extra, dict) else None
    if marks is None or extra_marks is None or extra_marks <= marks // 4:
        return []
    limit = marks // 4
    owner = describe(doc, ("questions", index))
    allowed = (f"at most {limit} for a {marks}-mark question" if limit
               else f"none for a {marks}-mark question: remove 'extra_credit:'")
    return [doc.at(("questions", index, "extra_credit", "marks"), (
        f"the extra credit of {owner} is worth up to {extra_marks} marks; extra material may "
        f"earn at most a quarter of the question's marks ({allowed}), so that the notes' own "
        "points carry the mark: lower it"), rule="extra-credit-too-many")]


def _papers_problems(doc: Document) -> list[Problem]:
    """A paper's sections must name written questions of this file, each once, ask for no more
    answers than they offer, and let full marks and a full-marks answer be reached from the
    syllabus alone: equal marks when the candidate chooses, enough questions in the syllabus."""
    data = doc.data
    papers = data.get("papers")
    if papers is None:
        return []
    questions = [q for q in data.get("questions") or [] if isinstance(q, dict)]
    written = {str(q["id"]): q for q in questions
               if "id" in q and any(k in q for k in WRITTEN_KEYS)}
    if len(written) < len(questions):
        return [doc.at(("papers",), (
            "'papers:' is in a quiz of self-check questions; a paper is made of written "
            "questions (with 'marks:' and 'marking_points:'): move it to a quiz of written "
            "questions, such as quizzes/exam-practice.yml"), key=True, rule="papers-not-written")]
    problems: list[Problem] = []
    seen_ids: dict[str, int] = {}
    for i, paper in enumerate(papers if isinstance(papers, list) else []):
        if not isinstance(paper, dict):
            continue
        pid = paper.get("id")
        if isinstance(pid, str) and pid in seen_ids:
            problems.append(doc.at(("papers", i, "id"), (
                f"paper id '{pid}' is already used by paper {seen_ids[pid] + 1}; each paper "
                "needs its own id (it names the paper's handout files)"),
                rule="paper-duplicate-id"))
        elif isinstance(pid, str):
            seen_ids[pid] = i
        # (A paper's title, institution and course are checked with every other text of the
        # file, by _safe_text_problems.)
        used: dict[str, str] = {}
        sections = paper.get("sections")
        for j, section in enumerate(sections if isinstance(sections, list) else []):
            if isinstance(section, dict):
                problems += _section_problems(doc, (i, j), section, written, used)
    return problems


def _section_problems(doc: Document, where: tuple[int, int], section: dict[str, Any],
                      written: dict[str, dict[str, Any]], used: dict[str, str]) -> list[Problem]:
    """One section of a paper (see _papers_problems); `used` maps the ids already in the
    paper to the section that offers them."""
    base: DocPath = ("papers", where[0], "sections", where[1])
    owner = describe(doc, base)
    problems = []
    if isinstance(section.get("heading"), str):
        problems += _unsafe_problems(doc, (*base, "heading"), section["heading"])
    ids = section.get("questions")
    offered: list[dict[str, Any]] = []
    for k, qid in enumerate(ids if isinstance(ids, list) else []):
        if qid is None or isinstance(qid, (list, dict)):
            continue  # the schema reports it
        qid = str(qid)
        at = (*base, "questions", k)
        if qid not in written:
            hint = suggest(qid, sorted(written),
                           otherwise="the written questions here: " + ", ".join(written))
            problems.append(doc.at(at, (
                f"'{qid}' in {owner} is not a written question of this file; {hint}"),
                rule="paper-unknown-question"))
            continue
        if qid in used:
            problems.append(doc.at(at, (
                f"'{qid}' in {owner} is already in {used[qid]} of this paper; a question "
                "appears once in a paper: remove one of them"), rule="paper-repeated-question"))
            continue
        used[qid] = f"section {where[1] + 1}"
        offered.append(written[qid])
        if section.get("short_notes") is True and not short_note_topic(
                str(written[qid].get("prompt", ""))):
            problems.append(doc.at(at, (
                f"'{qid}' is in {owner}, a short-notes section, but its prompt does not start "
                "'Write a short note on …', so the paper cannot print its topic; reword the "
                "prompt, e.g. 'Write a short note on the treatment contract in IPT.'"),
                rule="paper-short-note-prompt"))
    answer = _whole_number(section.get("answer"))
    if answer is None or not offered or len(offered) < len(ids or []):
        return problems  # a bad number or question is reported above, or by the schema
    if answer > len(offered):
        problems.append(doc.at((*base, "answer"), (
            f"{owner} asks for {answer} answers but offers {len(offered)} question"
            f"{'s' * (len(offered) != 1)}; offer more questions or lower 'answer:'"),
            rule="paper-answer-too-many"))
        return problems
    marks = {str(q["id"]): _whole_number(q.get("marks")) for q in offered}
    if answer < len(offered) and len(set(marks.values())) > 1:
        by_marks: dict[int | None, list[str]] = {}
        for qid, mark in marks.items():
            by_marks.setdefault(mark, []).append(qid)
        listed = "; ".join(f"{mark} marks: {', '.join(qids)}" for mark, qids in by_marks.items())
        problems.append(doc.at((*base, "questions"), (
            f"the questions of {owner} carry different marks ({listed}); when a candidate "
            f"answers {answer} of {len(offered)}, full marks would depend on the choice: give "
            "them equal marks, or put them in separate sections"), key=True,
            rule="paper-unequal-marks"))
    in_syllabus = sum(q.get("beyond_syllabus") is not True for q in offered)
    if in_syllabus < answer:
        problems.append(doc.at((*base, "answer"), (
            f"{owner} asks for {answer} answers but only {in_syllabus} of its questions "
            f"{'is' if in_syllabus == 1 else 'are'} in the syllabus (the others say "
            "'beyond_syllabus: true'); a candidate must be able to reach full marks from the "
            "notes alone: offer more questions from the notes or lower 'answer:'"),
            rule="paper-beyond-syllabus"))
    return problems


# --- one file, then the whole folder -----------------------------------------------------------


def _written_mix_problems(doc: Document) -> list[Problem]:
    """Written questions are answered on the exam-practice page, not inside a self-check: a
    quiz holds either kind, never both."""
    questions = [q for q in doc.data.get("questions") or [] if isinstance(q, dict)]
    written = [i for i, q in enumerate(questions) if "marking_points" in q or "marks" in q]
    if not written or len(written) == len(questions):
        return []
    return [doc.at(("questions", i), (
        f"{describe(doc, ('questions', i))} is a written question, but the other questions of "
        "this quiz are self-check questions; a quiz holds one kind: move it to a quiz of "
        "written questions, such as quizzes/exam-practice.yml"), rule="written-in-self-check")
        for i in written]


@dataclass
class Checked:
    """What validating one file or the whole folder gives."""

    quizzes: list[Quiz] = dataclasses.field(default_factory=list)
    problems: list[Problem] = dataclasses.field(default_factory=list)  # errors: nothing is built
    # Warnings fail a strict build, not --check.
    warnings: list[Problem] = dataclasses.field(default_factory=list)


def validate_file(file: Path, shown: str, pages: dict[str, Page], schema_path: Path,
                  markdown: sanitize.MarkdownSettings = sanitize.BROAD,
                  ) -> tuple[Quiz | None, Document | None, list[Problem], list[Problem]]:
    """Load and check one quiz file: (Quiz or None, document, errors, warnings). `markdown`:
    the site's Markdown extensions, which quiz text is rendered with to check it."""
    doc, problems = load(file, shown)
    if doc is None:
        return None, None, problems, []
    warnings: list[Problem] = []
    for error in schema_errors(doc.data, schema_path):
        problems += schema_problems(doc, error)
    if isinstance(doc.data, dict):
        problems += _module_problems(doc, pages)
        problems += _safe_text_problems(doc, markdown)
        for i, question in enumerate(doc.data.get("questions") or []):
            if isinstance(question, dict):
                problems += _markup_problems(doc, question, i)
                problems += _marks_problems(doc, question, i)
                problems += _extra_credit_problems(doc, question, i)
                problems += fairness_errors(doc, question, i)
                warnings += fairness_warnings(doc, question, i)
        problems += _written_mix_problems(doc)
        problems += _papers_problems(doc)
    if problems:  # two layers may say the same thing; say it once
        return None, doc, sorted(set(problems)), sorted(set(warnings))
    return quiz_from_document(doc, file), doc, [], sorted(set(warnings))


def validate_bank(quizzes_dir: Path, pages: dict[str, Page],
                  shown_dir: str = "quizzes") -> Checked:
    """Every quiz in the folder: errors and warnings from all files, ids checked across files."""
    schema_path = quizzes_dir / SCHEMA_FILE
    config_file = quizzes_dir.parent / "mkdocs.yml"
    markdown = sanitize.site_settings(config_file) if config_file.is_file() else sanitize.BROAD
    checked = Checked()
    uses: dict[str, list[tuple[Path, Document, int]]] = {}  # id -> (file, doc, index), in order
    for file in quiz_files(quizzes_dir):
        shown = f"{shown_dir}/{file.name}"
        quiz, doc, file_problems, file_warnings = validate_file(file, shown, pages, schema_path,
                                                                markdown)
        checked.problems += file_problems
        checked.warnings += file_warnings
        if quiz is not None:
            checked.quizzes.append(quiz)
        if doc is None or not isinstance(doc.data, dict):
            continue
        for i, question in enumerate(doc.data.get("questions") or []):
            qid = question.get("id") if isinstance(question, dict) else None
            if isinstance(qid, str):
                uses.setdefault(qid, []).append((file, doc, i))
    committed: dict[Path, set[str] | None] = {}
    for qid, where in uses.items():
        if len(where) > 1:
            checked.problems += _duplicate_id_problems(qid, where, committed)
    return checked


def _duplicate_id_problems(qid: str, where: list[tuple[Path, Document, int]],
                           committed: dict[Path, set[str] | None]) -> list[Problem]:
    """An id used twice is reported on the new copy, never on the established question: a
    teacher renames the question the message points at, and renaming an id in use detaches its
    Moodle ID number and students' saved answers. The established one is the first, in file
    order, whose file had the id at the last commit (git); without git, the first in file order.
    """
    def established(file: Path) -> bool:
        if file not in committed:
            committed[file] = _committed_ids(file)
        return qid in (committed[file] or ())

    kept = next((use for use in where if established(use[0])), where[0])
    place = f"{kept[1].path}:{kept[1].position(('questions', kept[2], 'id'))[0]}"
    return [doc.at(("questions", i, "id"), f"question id '{qid}' is already used at {place}; "
                   "ids must be unique across all quizzes: rename this new copy (the id in use "
                   "there is tied to Moodle's ID number and to students' saved answers)",
                   rule="duplicate-id")
            for _, doc, i in (use for use in where if use is not kept)]


_ID_LINE = re.compile(r"^[ ]*(?:-[ ]+)?id:[ ]*['\"]?([^'\"#\s]+)", re.MULTILINE)


def _committed_ids(file: Path) -> set[str] | None:
    """The question ids in the file as last committed (git), or None when that cannot be
    known (no git, not a repository, a new file)."""
    import subprocess  # only when an id is used twice

    try:
        shown = subprocess.run(["git", "show", f"HEAD:./{file.name}"], cwd=file.parent,
                               capture_output=True, text=True, timeout=10, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    if shown.returncode != 0:
        return None
    return set(_ID_LINE.findall(shown.stdout))


def validate_quizzes(quizzes_dir: Path, pages: dict[str, Page],
                     shown_dir: str = "quizzes") -> tuple[list[Quiz], list[Problem]]:
    """The valid quizzes and every error (warnings left out: see validate_bank)."""
    checked = validate_bank(quizzes_dir, pages, shown_dir)
    return checked.quizzes, checked.problems
