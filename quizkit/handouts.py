"""Printable handouts: worksheets and answer keys; a question book, question papers and their
marking schemes.

For each quiz and for the whole bank: a worksheet (no answers) and an answer key that opens
with a one-page marking grid (question -> answer letters) before the detailed key. Options are
lettered A, B, C… in the order every output shows them. When the bank has written questions:
a question book (every written question, its marks, suggested length and time, ruled space)
with its marking scheme, and each paper set in the YAML (`papers:`) in the university's layout
(header, time and full marks computed from the questions to be answered, groups with "Answer
any four of the following", marks at the right) with its marking scheme.

Each handout is one self-contained HTML file: styles inline, no scripts, no site navigation,
nothing fetched from elsewhere, laid out for A4. The documents are built with ElementTree, so
every text is escaped; Markdown from the YAML is rendered by quizkit.htmltext and parsed back
with its tolerant parser, so entities (&nbsp;, &mdash;) and any text the site accepts work.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from quizkit.htmltext import indent, markdown_element
from quizkit.marking import (
    BEYOND_SYLLABUS,
    OUTPUT_MARK,
    PARTIAL_CREDIT,
    correct_letters,
    extra_credit_text,
    letter,
    minutes,
    objective_text,
    review_label,
    suggested_words,
)
from quizkit.model import (
    BLANK_MARK,
    FILL_IN,
    MULTIPLE,
    SINGLE,
    WRITTEN,
    Paper,
    Question,
    Quiz,
)
from quizkit.pages import Page
from quizkit.render import question_count

WORKSHEET, ANSWER_KEY = "worksheet", "answer key"
QUESTION_BOOK, SCHEME, PAPER = "question book", "marking scheme", "question paper"

_CSS = """
@page { size: A4; margin: 18mm 16mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif;
       color: #000; background: #fff; max-width: 178mm; margin: 0 auto; padding: 8mm 0; }
h1 { font-size: 17pt; margin: 0 0 2mm; }
h2 { font-size: 13.5pt; margin: 7mm 0 2mm; border-bottom: 1px solid #444; break-after: avoid; }
p { margin: 1mm 0; }
.meta { color: #333; font-size: 9.5pt; }
.student { display: flex; gap: 8mm; margin: 4mm 0; }
.student span { flex: 1; border-bottom: 1px solid #000; padding-top: 6mm; font-size: 9.5pt; }
ol.questions { padding-left: 7mm; margin: 0; }
li.question { margin: 0 0 5mm; break-inside: avoid; page-break-inside: avoid; }
.kind { font-size: 9pt; font-style: italic; color: #333; }
ul.options { list-style: none; padding-left: 0; margin: 1.5mm 0; }
ul.options > li { margin: 1mm 0; padding-left: 12mm; text-indent: -12mm; }
.letter { display: inline-block; width: 6mm; font-weight: bold; text-indent: 0; }
.box { display: inline-block; width: 6mm; font-size: 12pt; text-indent: 0; }
.blank { display: inline-block; min-width: 32mm; border-bottom: 1px solid #000; }
.answer { font-weight: bold; text-decoration: underline; }
.feedback { margin: 0.5mm 0 0; color: #222; font-size: 10pt; text-indent: 0; }
.verdict { font-weight: bold; }
.explanation, .objective, .review, .rule { margin: 1.5mm 0; font-size: 10pt; }
.explanation { border-left: 2px solid #666; padding-left: 3mm; }
section.grid { break-after: page; page-break-after: always; }
ol.grid { columns: 3; column-gap: 8mm; padding-left: 9mm; margin: 2mm 0; font-size: 10pt; }
ol.grid li { break-inside: avoid; margin: 0 0 0.6mm; }
.paper-head { text-align: center; border-bottom: 2px solid #000; padding-bottom: 2mm; }
.paper-head p { margin: 0.5mm 0; }
.paper-facts { display: flex; justify-content: space-between; font-weight: bold;
               margin: 2mm 0; }
ol.instructions { font-size: 10pt; margin: 2mm 0 5mm; }
ol.paper > li { margin: 0 0 6mm; }
.prompt-row { display: flex; gap: 4mm; align-items: baseline; }
.prompt-row > div { flex: 1; }
.marks { font-weight: bold; white-space: nowrap; }
.line { border-bottom: 1px solid #777; height: 8.5mm; }
table.points { border-collapse: collapse; width: 100%; font-size: 10pt; margin: 2mm 0; }
table.points th, table.points td { border: 1px solid #555; padding: 1mm 2mm;
                                   text-align: left; vertical-align: top; }
.outline { border-left: 2px solid #666; padding-left: 3mm; font-size: 10pt; }
.extra { font-size: 10pt; font-style: italic; margin: 1.5mm 0; }
.beyond { font-style: italic; font-size: 9.5pt; }
.general { margin: 2mm 0 4mm; font-size: 10pt; font-style: italic; }
section.group { margin: 4mm 0 0; }
section.group h2 { text-align: center; border-bottom: none; margin: 5mm 0 1mm; }
.instruction { text-align: center; font-weight: bold; margin: 0 0 3mm; }
.paper-question { margin: 0 0 4mm; break-inside: avoid; page-break-inside: avoid; }
/* A long question's scheme may take more than a page: break between rows, never inside one,
   and never straight after a question's prompt. */
.marking-scheme .question { margin: 0 0 6mm; break-inside: auto; page-break-inside: auto; }
.marking-scheme .prompt-row, .marking-scheme thead { break-after: avoid; page-break-after: avoid; }
table.points tr { break-inside: avoid; page-break-inside: avoid; }
.number { font-weight: bold; min-width: 8mm; }
ol.topics { list-style: none; margin: 1mm 0 0 8mm; padding: 0; }
ol.topics li { margin: 0.5mm 0; }
ol.topics .letter { width: 8mm; }
a { color: inherit; }
@media print { body { padding: 0; } a { text-decoration: none; } }
"""

_BOXES = {SINGLE: "○", MULTIPLE: "☐"}
_INSTRUCTION = {SINGLE: "Choose one answer.", MULTIPLE: "Choose every correct answer.",
                FILL_IN: "Write the missing word or number on each line."}
_TITLE_SUFFIX = re.compile(r"\s*:?\s*check your understanding\W*$", re.IGNORECASE)
LINES_PER_MARK = 3  # ruled lines on the paper: about 30 words a mark, 10-12 words a line
SHORT_NOTE_MARKS = 5  # up to this many marks a question is a short note (section A)


def short_title(title: str) -> str:
    """'IPT compared with other therapies' for '…: check your understanding' (no doubling
    of 'check your understanding: worksheet' in a handout's title)."""
    return _TITLE_SUFFIX.sub("", title) or title


def self_checks(quiz: Quiz) -> list[Question]:
    """The questions worksheets and answer keys show (written ones go on the paper)."""
    return [q for q in quiz.questions if q.kind != WRITTEN]


def written(quizzes: list[Quiz]) -> list[tuple[Quiz, Question]]:
    return [(quiz, q) for quiz in quizzes for q in quiz.questions if q.kind == WRITTEN]


def _fill(element: ET.Element, marks: dict[str, ET.Element]) -> None:
    """Replace each mark (QZBLANKnQZ) in the text of element by a copy of marks[mark]."""
    pattern = re.compile("|".join(re.escape(m) for m in marks))

    def pieces(text: str) -> tuple[str, list[tuple[ET.Element, str]]]:
        parts = pattern.split(text)
        found = pattern.findall(text)
        inserted = []
        for mark, tail in zip(found, parts[1:], strict=True):
            copy = ET.fromstring(ET.tostring(marks[mark]))
            copy.tail = tail
            inserted.append((copy, tail))
        return parts[0], inserted

    for node in list(element.iter()):
        if node.text and pattern.search(node.text):
            node.text, inserted = pieces(node.text)
            for offset, (copy, _) in enumerate(inserted):
                node.insert(offset, copy)
        for child in list(node):
            if child.tail and pattern.search(child.tail):
                child.tail, inserted = pieces(child.tail)
                index = list(node).index(child) + 1
                for copy, _ in inserted:
                    node.insert(index, copy)
                    index += 1


class _Builder:
    def __init__(self, pages: dict[str, Page], site_url: str | None) -> None:
        self.pages, self.site_url = pages, site_url

    def markdown(self, quiz: Quiz, text: str, tag: str = "div", *, inline: bool = False,
                 **attributes: str) -> ET.Element:
        return markdown_element(text, tag, inline=inline, page_path=quiz.page_path,
                                site_url=self.site_url,
                                attributes={k.rstrip("_"): v for k, v in attributes.items()})

    def prompt(self, quiz: Quiz, question: Question, *, answers: bool) -> ET.Element:
        """The prompt; a fill-in's blanks become lines (worksheet) or the answers (key)."""
        element = self.markdown(quiz, question.marked_prompt, class_="prompt")
        fills = {}
        for i, blank in enumerate(question.blanks):
            # The answer goes in only on the key; a worksheet line carries no trace of it.
            if answers:
                fill = ET.Element("span", {"class": "answer"})
                fill.text = " / ".join(blank.answers)
            else:
                fill = ET.Element("span", {"class": "blank"})
                fill.text = "\u00a0"
            fills[BLANK_MARK.format(i)] = fill
        if fills:
            _fill(element, fills)
        return element

    def question(self, quiz: Quiz, question: Question, *, key: bool) -> ET.Element:
        item = ET.Element("li", {"class": "question", "id": f"q-{question.id}"})
        item.append(self.prompt(quiz, question, answers=key))
        kind = question.kind
        ET.SubElement(item, "p", {"class": "kind"}).text = _INSTRUCTION[kind]
        if question.options:
            options = ET.SubElement(item, "ul", {"class": "options"})
            for i, option in enumerate(question.options):
                row = ET.SubElement(options, "li", {"class": "option"})
                lettered = ET.SubElement(row, "span", {"class": "letter"})
                lettered.text, lettered.tail = letter(i), " "  # read and copied as "A ○ text"
                box = ET.SubElement(row, "span", {"class": "box"})
                box.tail = " "
                if key:
                    row.set("class", "option correct" if option.correct else "option wrong")
                    box.text = "✔" if option.correct else "✘"
                else:
                    box.text = _BOXES[kind]
                row.append(self.markdown(quiz, option.text, "span", inline=True))
                if key:
                    feedback = ET.SubElement(row, "div", {"class": "feedback"})
                    verdict = ET.SubElement(feedback, "span", {"class": "verdict"})
                    verdict.text = "Correct. " if option.correct else "Wrong. "
                    if option.feedback:
                        feedback.append(self.markdown(quiz, option.feedback))
        elif key:
            answers = ET.SubElement(item, "p", {"class": "answers"})
            answers.text = "Accepted: "
            for n, blank in enumerate(question.blanks):
                if n:
                    ET.SubElement(answers, "span").text = "; "
                ET.SubElement(answers, "span", {"class": "answer"}).text = " / ".join(
                    blank.answers)
            ET.SubElement(answers, "span").text = " (case and spaces are ignored)"
        if key:
            item.append(self.markdown(quiz, question.explanation, class_="explanation"))
            objective = ET.SubElement(item, "p", {"class": "objective"})
            ET.SubElement(objective, "strong").text = "Objective: "
            ET.SubElement(objective, "code").text = question.objective
            ET.SubElement(objective, "span").text = (
                f" {objective_text(question.objective, self.pages)}")
            review = ET.SubElement(item, "p", {"class": "review"})
            ET.SubElement(review, "strong").text = "Review: "
            ET.SubElement(review, "span").text = review_label(question.review, self.pages)
            ET.SubElement(review, "span", {"class": "meta"}).text = (
                f" · {question.review} · {quiz.source}:{question.line}")
        return item

    def grid(self, body: ET.Element, quizzes: list[Quiz]) -> None:
        """The one-page marking grid: question number -> answer letters (or words)."""
        section = ET.SubElement(body, "section", {"class": "grid"})
        ET.SubElement(section, "h2").text = "Marking grid"
        grid = ET.SubElement(section, "ol", {"class": "grid"})
        for quiz in quizzes:
            for question in self_checks(quiz):
                row = ET.SubElement(grid, "li", {"id": f"grid-{question.id}"})
                if question.options:
                    row.text = correct_letters(question)
                else:
                    row.text = "; ".join(" / ".join(b.answers) for b in question.blanks)
        rules = [PARTIAL_CREDIT] if any(q.kind == MULTIPLE for quiz in quizzes
                                        for q in quiz.questions) else []
        if any(q.kind == FILL_IN for quiz in quizzes for q in quiz.questions):
            rules.append("Fill-ins: every answer listed (separated by /) is accepted; case, "
                         "extra spaces and curly or straight quotes and dashes are ignored.")
        rules.append("Every question is worth 1 mark.")
        for rule in rules:
            ET.SubElement(section, "p", {"class": "rule"}).text = rule

    def document(self, title: str, quizzes: list[Quiz], kind: str, module_title: str) -> str:
        key = kind == ANSWER_KEY
        root, body = _page(f"{title}: {kind}", kind)
        count = sum(len(self_checks(q)) for q in quizzes)
        ET.SubElement(body, "p", {"class": "meta"}).text = (
            f"{module_title} · {question_count(count)}"
            + (" · For faculty: not for students." if key else ""))
        if key:
            self.grid(body, quizzes)
            ET.SubElement(body, "h2").text = "Detailed key"
        else:
            student = ET.SubElement(body, "div", {"class": "student"})
            for label in ("Name", "Date"):
                ET.SubElement(student, "span").text = label
        start = 1
        for quiz in quizzes:
            questions = self_checks(quiz)
            if not questions:
                continue
            if len(quizzes) > 1:
                ET.SubElement(body, "h2" if not key else "h3").text = short_title(quiz.title)
            lesson = self.pages[quiz.lesson]
            ET.SubElement(body, "p", {"class": "meta"}).text = (
                f"Lesson: {lesson.title or quiz.lesson}")
            listing = ET.SubElement(body, "ol", {"class": "questions", "start": str(start)})
            for question in questions:
                listing.append(self.question(quiz, question, key=key))
            start += len(questions)
        return _serialise(root)

    def book(self, title: str, chosen: list[tuple[Quiz, Question]], module_title: str) -> str:
        """The question book: every written question, with its marks, suggested length and
        time, and ruled space, for practice. Not a paper: no total time, no choice rule."""
        root, body = _page(f"{title}: {QUESTION_BOOK}", "question-book", heading=False)
        head = ET.SubElement(body, "div", {"class": "paper-head"})
        ET.SubElement(head, "h1").text = module_title
        ET.SubElement(head, "p").text = f"{title}: question book"
        student = ET.SubElement(body, "div", {"class": "student"})
        for label in ("Name", "Date"):
            ET.SubElement(student, "span").text = label
        total = sum(q.marks for _, q in chosen)
        ET.SubElement(body, "p").text = (
            f"Every written question of the bank ({question_count(len(chosen))}, {total} marks "
            "in all), to practise one at a time: this book is not an examination paper. Each "
            "question shows its marks in the margin, a suggested length and the time it "
            "deserves at the examination's pace (2½ minutes a mark). The papers in the "
            "university's format are separate handouts.")
        # Short notes first, then long answers, numbered throughout.
        short = [(quiz, q) for quiz, q in chosen if q.marks <= SHORT_NOTE_MARKS]
        long = [(quiz, q) for quiz, q in chosen if q.marks > SHORT_NOTE_MARKS]
        groups = [("", chosen)] if not short or not long else [
            (f"Short notes ({question_count(len(short))})", short),
            (f"Long answers ({question_count(len(long))})", long)]
        number = 1
        for heading, questions in groups:
            if heading:
                ET.SubElement(body, "h2").text = heading
            listing = ET.SubElement(body, "ol", {"class": "paper", "start": str(number)})
            number += len(questions)
            for quiz, question in questions:
                self.book_question(listing, quiz, question)
        return _serialise(root)

    def book_question(self, listing: ET.Element, quiz: Quiz, question: Question) -> None:
        """One question of the book: prompt, marks in the margin, ruled lines for the answer."""
        item = ET.SubElement(listing, "li", {"class": "question", "id": f"q-{question.id}"})
        row = ET.SubElement(item, "div", {"class": "prompt-row"})
        row.append(self.markdown(quiz, question.prompt, class_="prompt"))
        ET.SubElement(row, "span", {"class": "marks"}).text = f"[{question.marks}]"
        _beyond_label(item, question)
        ET.SubElement(item, "p", {"class": "kind"}).text = (
            f"About {suggested_words(question)} words, about "
            f"{minutes(question.marks)}.")
        space = ET.SubElement(item, "div", {"class": "space"})
        for _ in range(question.marks * LINES_PER_MARK):
            ET.SubElement(space, "div", {"class": "line"})

    def paper(self, quiz: Quiz, paper: Paper) -> str:
        """A paper in the university's layout: header, time and full marks, the general
        instruction, then each group's instruction and its numbered questions, marks at the
        right; a short-notes group is one question with lettered topics. No answer space: a
        candidate writes in an answer book."""
        root, body = _page(f"{paper.title}: {PAPER}", "paper", heading=False)
        head = ET.SubElement(body, "div", {"class": "paper-head"})
        for line, tag in ((paper.institution, "p"), (paper.course, "p"), (paper.title, "h1")):
            if line:
                head.append(self.markdown(quiz, line, tag, inline=True))
        ET.SubElement(head, "p", {"class": "meta"}).text = (
            "Practice paper for this unit, made from the module's questions")
        facts = ET.SubElement(body, "div", {"class": "paper-facts"})
        ET.SubElement(facts, "span").text = f"Time: {_duration(paper.minutes)}"
        ET.SubElement(facts, "span").text = f"Full marks: {paper.full_marks}"
        general = ET.SubElement(body, "div", {"class": "general"})
        for line in ("The figures in the right-hand margin indicate full marks.",
                     "Candidates are required to give their answers in their own words as far "
                     "as practicable.", paper.general_instruction):
            ET.SubElement(general, "p").text = line
        current = None
        for section, number, questions in paper.numbered():
            if section is not current:
                current = section
                group = ET.SubElement(body, "section", {"class": "group"})
                if section.heading:
                    ET.SubElement(group, "h2").text = section.heading
                if not section.short_notes:  # its one question says it
                    ET.SubElement(group, "p", {"class": "instruction"}).text = (
                        section.instruction)
                listing = ET.SubElement(group, "div", {"class": "paper-questions"})
            item = ET.SubElement(listing, "div", {"class": "question paper-question",
                                                  "id": f"q-{number}"})
            row = ET.SubElement(item, "div", {"class": "prompt-row"})
            ET.SubElement(row, "span", {"class": "number"}).text = f"{number}."
            if section.short_notes:
                ET.SubElement(row, "div", {"class": "prompt"}).text = (
                    section.instruction.removesuffix(".") + ":")
                ET.SubElement(row, "span", {"class": "marks"}).text = (
                    f"{section.marks_each} × {section.answer} = {section.full_marks}")
                topics = ET.SubElement(item, "ol", {"class": "topics"})
                for n, (question, topic) in enumerate(zip(questions, section.topics(),
                                                          strict=True)):
                    entry = ET.SubElement(topics, "li", {"id": f"q-{question.id}"})
                    lettered = ET.SubElement(entry, "span", {"class": "letter"})
                    lettered.text, lettered.tail = f"({letter(n).lower()})", " "
                    entry.append(self.markdown(quiz, topic, "span", inline=True))
                    _beyond_label(entry, question, inline=True)
                continue
            [question] = questions
            item.set("id", f"q-{question.id}")
            prompt = self.markdown(quiz, question.prompt, class_="prompt")
            row.append(prompt)
            ET.SubElement(row, "span", {"class": "marks"}).text = str(question.marks)
            _beyond_label(prompt, question)
        return _serialise(root)

    def scheme(self, title: str, chosen: list[tuple[Quiz, Question]], module_title: str) -> str:
        """The question book's marking scheme: each question's points with their marks, the
        credit as extra, then its outline."""
        root, body = _page(f"{title}: {SCHEME}", "marking-scheme")
        total = sum(q.marks for _, q in chosen)
        ET.SubElement(body, "p", {"class": "meta"}).text = (
            f"{module_title} · {len(chosen)} questions · {total} marks in all · "
            "For faculty: not for students.")
        ET.SubElement(body, "p", {"class": "rule"}).text = SYLLABUS_FIRST
        listing = ET.SubElement(body, "ol", {"class": "questions"})
        for quiz, question in chosen:
            item = ET.SubElement(listing, "li", {"class": "question", "id": f"q-{question.id}"})
            self.scheme_item(item, quiz, question)
        return _serialise(root)

    def paper_scheme(self, quiz: Quiz, paper: Paper) -> str:
        """A paper's marking scheme, numbered as the paper is."""
        root, body = _page(f"{paper.title}: {SCHEME}", "marking-scheme")
        ET.SubElement(body, "p", {"class": "meta"}).text = (
            f"Time: {_duration(paper.minutes)} · Full marks: {paper.full_marks} · "
            f"{quiz.source}:{paper.line} · For faculty: not for students.")
        ET.SubElement(body, "p", {"class": "rule"}).text = SYLLABUS_FIRST
        current = None
        for section, number, questions in paper.numbered():
            if section is not current:
                current = section
                ET.SubElement(body, "h2").text = " · ".join(
                    part for part in (section.heading, section.instruction) if part)
                listing = ET.SubElement(body, "div", {"class": "questions"})
            for n, question in enumerate(questions):
                label = f"{number}({letter(n).lower()})" if section.short_notes else number
                item = ET.SubElement(listing, "div", {"class": "question",
                                                      "id": f"q-{question.id}"})
                self.scheme_item(item, quiz, question, label)
        return _serialise(root)

    def scheme_item(self, item: ET.Element, quiz: Quiz, question: Question,
                    number: str = "") -> None:
        """One question of a marking scheme: prompt and marks, the points table (point, marks,
        the section that teaches it), the credit as extra, the outline, where it is in the YAML."""
        row = ET.SubElement(item, "div", {"class": "prompt-row"})
        if number:
            ET.SubElement(row, "span", {"class": "number"}).text = f"{number}."
        prompt = self.markdown(quiz, question.prompt, class_="prompt")
        row.append(prompt)
        ET.SubElement(row, "span", {"class": "marks"}).text = f"[{question.marks}]"
        _beyond_label(prompt, question)
        table = ET.SubElement(item, "table", {"class": "points"})
        header = ET.SubElement(ET.SubElement(table, "thead"), "tr")
        for label in ("Marking point", "Marks", "Taught in"):
            ET.SubElement(header, "th").text = label
        rows = ET.SubElement(table, "tbody")
        for point in question.marking_points:
            line = ET.SubElement(rows, "tr", {"class": "point"})
            line.append(self.markdown(quiz, point.text, "td", inline=True))
            ET.SubElement(line, "td", {"class": "point-marks"}).text = str(point.marks)
            ET.SubElement(line, "td").text = review_label(point.review, self.pages)
        if question.extra_credit:
            item.append(self.markdown(quiz, extra_credit_text(question), class_="extra"))
        ET.SubElement(item, "p").text = "Outline of a good answer:"
        item.append(self.markdown(quiz, question.outline, class_="outline"))
        ET.SubElement(item, "p", {"class": "meta"}).text = f"{quiz.source}:{question.line}"


SYLLABUS_FIRST = (
    "The marking points come from the lecture notes (the syllabus): an answer faithful to the "
    "notes earns full marks. Credit as extra, where a question gives it, rewards relevant "
    "material beyond the notes; it can make up for points missed but never lifts a question "
    "above its marks.")


def _beyond_label(parent: ET.Element, question: Question, *, inline: bool = False) -> None:
    """'Beyond the syllabus (optional)' after a question outside the notes."""
    if question.beyond_syllabus:
        label = ET.SubElement(parent, "span" if inline else "p", {"class": "beyond"})
        label.text = f" {BEYOND_SYLLABUS}" if inline else BEYOND_SYLLABUS


def _duration(minutes: int) -> str:
    hours, rest = divmod(minutes, 60)
    parts = [f"{hours} hour{'s' if hours != 1 else ''}"] if hours else []
    if rest or not hours:
        parts.append(f"{rest} minutes")
    return " ".join(parts)


def _page(title: str, kind: str, *, heading: bool = True) -> tuple[ET.Element, ET.Element]:
    """A handout's <html> with its head and style, and its <body> (the title as h1 if asked)."""
    root = ET.Element("html", {"lang": "en"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    ET.SubElement(head, "meta", {"name": "viewport", "content": "width=device-width"})
    ET.SubElement(head, "title").text = title
    ET.SubElement(head, "style").text = _CSS
    body = ET.SubElement(root, "body", {"class": kind.replace(" ", "-")})
    if heading:
        ET.SubElement(body, "h1").text = title
    return root, body


_STRUCTURAL = frozenset({"html", "head", "body", "ol", "ul", "table", "thead", "tbody", "tr",
                         "section", "div"})


def _structural(element: ET.Element) -> bool:
    """Elements holding only blocks, whose children can go on lines of their own."""
    return element.tag in _STRUCTURAL or (element.tag == "li"
                                          and "question" in element.get("class", ""))


def _serialise(root: ET.Element) -> str:
    indent(root, _structural)
    return ("<!DOCTYPE html>\n" + f"<!-- {OUTPUT_MARK}: edit the quiz YAML, not this file. -->\n"
            + ET.tostring(root, encoding="unicode", method="html") + "\n")


def handout(title: str, quizzes: list[Quiz], pages: dict[str, Page], kind: str, *,
            module_title: str, site_url: str | None = None) -> str:
    """One handout (WORKSHEET, ANSWER_KEY, QUESTION_BOOK or SCHEME) for the given quizzes."""
    builder = _Builder(pages, site_url)
    title = short_title(title)
    if kind == QUESTION_BOOK:
        return builder.book(title, written(quizzes), module_title)
    if kind == SCHEME:
        return builder.scheme(title, written(quizzes), module_title)
    return builder.document(title, quizzes, kind, module_title)


def paper_handout(quiz: Quiz, paper: Paper, pages: dict[str, Page], kind: str, *,
                  site_url: str | None = None) -> str:
    """A question paper (PAPER) of the quiz, or its marking scheme (SCHEME), as HTML."""
    builder = _Builder(pages, site_url)
    return builder.paper(quiz, paper) if kind == PAPER else builder.paper_scheme(quiz, paper)


def handout_files(quizzes: list[Quiz], pages: dict[str, Page], *, module_title: str,
                  site_url: str | None = None) -> dict[str, str]:
    """File name -> HTML for every handout: each quiz, then the whole bank; when the bank has
    written questions, the question book (every one of them) and its marking scheme, and each
    paper faculty set in YAML with its marking scheme; plus an index."""
    files: dict[str, str] = {}
    sets = [(quiz.name, short_title(quiz.title), [quiz]) for quiz in quizzes if self_checks(quiz)]
    sets.append(("all-quizzes", "All self-checks", quizzes))
    rows = []
    common = {"module_title": module_title, "site_url": site_url}
    for name, title, chosen in sets:
        pair = []
        for kind, suffix in ((WORKSHEET, "worksheet"), (ANSWER_KEY, "answer-key")):
            files[f"{name}-{suffix}.html"] = handout(title, chosen, pages, kind, **common)
            pair.append((suffix.replace("-", " "), f"{name}-{suffix}.html"))
        rows.append((title, pair))
    if written(quizzes):
        pair = []
        for kind, name in ((QUESTION_BOOK, "question-book"),
                           (SCHEME, "question-book-marking-scheme")):
            files[f"{name}.html"] = handout("Exam practice", quizzes, pages, kind, **common)
            pair.append((kind, f"{name}.html"))
        rows.append(("Exam practice: every written question", pair))
    for quiz in quizzes:
        for paper in quiz.papers:
            pair = []
            for kind, name in ((PAPER, f"paper-{paper.id}"),
                               (SCHEME, f"paper-{paper.id}-marking-scheme")):
                files[f"{name}.html"] = paper_handout(quiz, paper, pages, kind,
                                                      site_url=site_url)
                pair.append((kind, f"{name}.html"))
            rows.append((f"{paper.title} ({_duration(paper.minutes)}, full marks "
                         f"{paper.full_marks})", pair))
    files["index.html"] = _index(module_title, rows)
    return files


def _index(module_title: str, rows: list[tuple[str, list[tuple[str, str]]]]) -> str:
    root, body = _page(f"{module_title}: handouts", "index")
    ET.SubElement(body, "p").text = ("Open a handout and print it (A4). Worksheets, the "
                                     "question book and the question papers have no answers; "
                                     "answer keys and marking schemes are for faculty.")
    listing = ET.SubElement(body, "ul")
    for title, links in rows:
        row = ET.SubElement(listing, "li")
        row.text = f"{title}: "
        for n, (label, href) in enumerate(links):
            if n:
                ET.SubElement(row, "span").text = " · "
            ET.SubElement(row, "a", {"href": href}).text = label
    return _serialise(root)
