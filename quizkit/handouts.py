"""Printable handouts: a worksheet (no answers) and an answer key, per quiz and for the bank.

Each handout is one self-contained HTML file: styles inline, no scripts, no site navigation,
nothing fetched from elsewhere, laid out for A4. Open it in a browser and print (or save as
PDF). The documents are built with ElementTree, so every text is escaped; Markdown from the
YAML is rendered by quizkit.htmltext and parsed back in as elements.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from quizkit.htmltext import absolute_links, to_html
from quizkit.pages import Page
from quizkit.model import BLANK, FILL_IN, MULTIPLE, SINGLE, Question, Quiz

WORKSHEET, ANSWER_KEY = "worksheet", "answer key"

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
ul.options > li { margin: 1mm 0; padding-left: 7mm; text-indent: -7mm; }
.box { display: inline-block; width: 5mm; font-size: 12pt; text-indent: 0; }
.blank { display: inline-block; min-width: 32mm; border-bottom: 1px solid #000; }
.answer { font-weight: bold; text-decoration: underline; }
.feedback { margin: 0.5mm 0 0; color: #222; font-size: 10pt; text-indent: 0; }
.verdict { font-weight: bold; }
.explanation, .objective, .review { margin: 1.5mm 0; font-size: 10pt; }
.explanation { border-left: 2px solid #666; padding-left: 3mm; }
a { color: inherit; }
@media print { body { padding: 0; } a { text-decoration: none; } }
"""

_BOXES = {SINGLE: "○", MULTIPLE: "☐"}
_INSTRUCTION = {SINGLE: "Choose one answer.", MULTIPLE: "Choose every correct answer.",
                FILL_IN: "Write the missing word or number on each line."}
_BLANK_MARK = "QZBLANK{}QZ"
_VOID = re.compile(r"<(br|hr|img|input)([^>]*?)\s*/?>")


def _fragment(html_text: str, tag: str = "div", **attributes: str) -> ET.Element:
    """An HTML fragment (from Markdown) as an element; Python-Markdown's output is well formed
    once void elements are closed."""
    closed = _VOID.sub(r"<\1\2 />", html_text)
    wrapper = ET.fromstring(f"<{tag}>{closed}</{tag}>")
    wrapper.attrib.update({k.rstrip("_"): v for k, v in attributes.items()})
    return wrapper


class _Builder:
    def __init__(self, pages: dict[str, Page], site_url: str | None) -> None:
        self.pages, self.site_url = pages, site_url

    def html(self, quiz: Quiz, markdown_text: str, *, inline: bool = False) -> str:
        return absolute_links(to_html(markdown_text, inline=inline), quiz.page_path,
                              self.site_url)

    def prompt(self, quiz: Quiz, question: Question, *, answers: bool) -> ET.Element:
        """The prompt; a fill-in's blanks become lines (worksheet) or the answers (key)."""
        blanks = question.blank_keys
        counter = iter(range(len(blanks)))
        marked = BLANK.sub(lambda m: _BLANK_MARK.format(next(counter)), question.prompt)
        rendered = self.html(quiz, marked)
        for i, answer in enumerate(blanks):
            # The answer goes in only on the key; a worksheet line carries no trace of it.
            fill = (f'<span class="answer">{_escape(answer)}</span>' if answers
                    else '<span class="blank">\u00a0</span>')
            rendered = rendered.replace(_BLANK_MARK.format(i), fill, 1)
        return _fragment(rendered, class_="prompt")

    def question(self, quiz: Quiz, question: Question, *, key: bool) -> ET.Element:
        item = ET.Element("li", {"class": "question", "id": f"q-{question.id}"})
        item.append(self.prompt(quiz, question, answers=key))
        kind = question.kind
        ET.SubElement(item, "p", {"class": "kind"}).text = _INSTRUCTION[kind]
        if question.options:
            options = ET.SubElement(item, "ul", {"class": "options"})
            for option in question.options:
                row = ET.SubElement(options, "li", {"class": "option"})
                box = ET.SubElement(row, "span", {"class": "box"})
                if key:
                    row.set("class", "option correct" if option.correct else "option wrong")
                    box.text = "✔" if option.correct else "✘"
                else:
                    box.text = _BOXES[kind]
                text = _fragment(self.html(quiz, option.text, inline=True), "span")
                row.append(text)
                if key:
                    feedback = ET.SubElement(row, "div", {"class": "feedback"})
                    verdict = ET.SubElement(feedback, "span", {"class": "verdict"})
                    verdict.text = "Correct. " if option.correct else "Wrong. "
                    if option.feedback:
                        feedback.append(_fragment(self.html(quiz, option.feedback), "div"))
        elif key:
            answers = ET.SubElement(item, "p", {"class": "answers"})
            answers.text = "Answer" + ("s: " if len(question.blank_keys) > 1 else ": ")
            ET.SubElement(answers, "span", {"class": "answer"}).text = "; ".join(question.blank_keys)
            ET.SubElement(answers, "span").text = " (case and spaces are ignored)"
        if key:
            item.append(_fragment(self.html(quiz, question.explanation), class_="explanation"))
            lesson = self.pages[quiz.lesson]
            objective = ET.SubElement(item, "p", {"class": "objective"})
            ET.SubElement(objective, "strong").text = "Objective: "
            ET.SubElement(objective, "code").text = question.objective
            ET.SubElement(objective, "span").text = (
                f" {lesson.objectives.get(question.objective, '')}")
            review = ET.SubElement(item, "p", {"class": "review"})
            ET.SubElement(review, "strong").text = "Review: "
            page_path, _, anchor = question.review.partition("#")
            page = self.pages[page_path]
            label = page.title or page_path
            ET.SubElement(review, "span").text = (
                f"{page.anchors[anchor]} ({label})" if anchor else label)
            ET.SubElement(review, "span", {"class": "meta"}).text = (
                f" · {question.review} · {quiz.source}:{question.line}")
        return item

    def document(self, title: str, quizzes: list[Quiz], kind: str, module_title: str) -> str:
        key = kind == ANSWER_KEY
        root = ET.Element("html", {"lang": "en"})
        head = ET.SubElement(root, "head")
        ET.SubElement(head, "meta", {"charset": "utf-8"})
        ET.SubElement(head, "meta", {"name": "viewport", "content": "width=device-width"})
        heading = f"{title}: {'answer key' if key else 'worksheet'}"
        ET.SubElement(head, "title").text = heading
        ET.SubElement(head, "style").text = _CSS
        body = ET.SubElement(root, "body", {"class": kind.replace(" ", "-")})
        ET.SubElement(body, "h1").text = heading
        count = sum(len(q.questions) for q in quizzes)
        ET.SubElement(body, "p", {"class": "meta"}).text = (
            f"{module_title} · {count} question{'s' if count != 1 else ''}"
            + (" · For faculty: not for students." if key else ""))
        if not key:
            student = ET.SubElement(body, "div", {"class": "student"})
            for label in ("Name", "Date"):
                ET.SubElement(student, "span").text = label
        for quiz in quizzes:
            if len(quizzes) > 1:
                ET.SubElement(body, "h2").text = quiz.title
            lesson = self.pages[quiz.lesson]
            ET.SubElement(body, "p", {"class": "meta"}).text = (
                f"Lesson: {lesson.title or quiz.lesson}")
            questions = ET.SubElement(body, "ol", {"class": "questions"})
            for question in quiz.questions:
                questions.append(self.question(quiz, question, key=key))
        ET.indent(root, space=" ")
        return "<!DOCTYPE html>\n" + ET.tostring(root, encoding="unicode", method="html") + "\n"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def handout(title: str, quizzes: list[Quiz], pages: dict[str, Page], kind: str, *,
            module_title: str, site_url: str | None = None) -> str:
    """One handout (WORKSHEET or ANSWER_KEY) for the given quizzes, as an HTML document."""
    return _Builder(pages, site_url).document(title, quizzes, kind, module_title)


def handout_files(quizzes: list[Quiz], pages: dict[str, Page], *, module_title: str,
                  site_url: str | None = None) -> dict[str, str]:
    """File name -> HTML for every handout: each quiz, then the whole bank, plus an index."""
    files: dict[str, str] = {}
    sets = [(quiz.name, quiz.title, [quiz]) for quiz in quizzes]
    sets.append(("all-quizzes", f"{module_title}: all self-checks", quizzes))
    index_rows = []
    for name, title, chosen in sets:
        for kind, suffix in ((WORKSHEET, "worksheet"), (ANSWER_KEY, "answer-key")):
            files[f"{name}-{suffix}.html"] = handout(title, chosen, pages, kind,
                                                     module_title=module_title,
                                                     site_url=site_url)
        index_rows.append((title, f"{name}-worksheet.html", f"{name}-answer-key.html"))
    files["index.html"] = _index(module_title, index_rows)
    return files


def _index(module_title: str, rows: list[tuple[str, str, str]]) -> str:
    root = ET.Element("html", {"lang": "en"})
    head = ET.SubElement(root, "head")
    ET.SubElement(head, "meta", {"charset": "utf-8"})
    ET.SubElement(head, "title").text = f"{module_title}: handouts"
    ET.SubElement(head, "style").text = _CSS
    body = ET.SubElement(root, "body")
    ET.SubElement(body, "h1").text = f"{module_title}: handouts"
    ET.SubElement(body, "p").text = ("Open a handout and print it (A4). Worksheets have no "
                                     "answers; answer keys are for faculty.")
    table = ET.SubElement(body, "ul")
    for title, worksheet, key in rows:
        row = ET.SubElement(table, "li")
        row.text = f"{title}: "
        ET.SubElement(row, "a", {"href": worksheet}).text = "worksheet"
        ET.SubElement(row, "span").text = " · "
        ET.SubElement(row, "a", {"href": key}).text = "answer key"
    ET.indent(root, space=" ")
    return "<!DOCTYPE html>\n" + ET.tostring(root, encoding="unicode", method="html") + "\n"
