"""The question bank as a QTI 1.2 package (the format Canvas and Blackboard import): one
assessment.xml holding every item, HTML as text/html mattext, per-option and general feedback as
itemfeedback shown by displayfeedback, the same scores and partial-credit rule
(quizkit.marking), each blank's accepted answers with their dash and quote variants, written
questions as essay questions with a scorer's rubric. IMS published no XSD for 1.2 that the tests
can vendor, so the tests check its structure, not a schema. What both packages share:
quizkit/qti.py.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from quizkit.htmltext import export_html
from quizkit.marking import (
    PARTIAL_CREDIT,
    extra_credit_text,
    letter,
    lms_answers,
    marks,
    option_shares,
    review_label,
    suggested_words,
)
from quizkit.model import BLANK_MARKS, FILL_IN, MULTIPLE, SINGLE, WRITTEN, Question, Quiz
from quizkit.pages import Page
from quizkit.qti import QTI12, item_title, manifest, number, xml
from quizkit.render import page_link


class _Item12:
    """One QTI 1.2 <item> (Canvas's and Blackboard's dialect of the format)."""

    def __init__(self, quiz: Quiz, pages: dict[str, Page], site_url: str | None) -> None:
        self.quiz, self.pages, self.site_url = quiz, pages, site_url

    def html(self, markdown_text: str, *, inline: bool = False) -> str:
        return export_html(markdown_text, self.quiz.page_path, self.site_url, inline=inline)

    def review(self, review: str) -> str:
        link = page_link(self.quiz.page_path, review)  # as the quiz page links it
        return f"**Review:** [{review_label(review, self.pages)}]({link})"

    def material(self, parent: ET.Element, html_text: str, tag: str = "material") -> None:
        material = ET.SubElement(parent, tag)
        ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = html_text

    def feedback(self, item: ET.Element, ident: str, html_text: str) -> None:
        feedback = ET.SubElement(item, "itemfeedback", {"ident": ident})
        flow = ET.SubElement(feedback, "flow_mat")
        self.material(flow, html_text)

    def build(self, question: Question) -> ET.Element:
        item = ET.Element("item", {"ident": f"item-{question.id}", "title": item_title(question)})
        kind = QTI12_KINDS[question.kind]
        metadata = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
        for label, entry in (("question_type", kind.question_type(question)),
                             ("points_possible", str(marks(question)))):
            field = ET.SubElement(metadata, "qtimetadatafield")
            ET.SubElement(field, "fieldlabel").text = label
            ET.SubElement(field, "fieldentry").text = entry
        if kind.rubric is not None:
            kind.rubric(self, item, question)
        presentation = ET.SubElement(item, "presentation")
        processing_rules: list[ET.Element] = []
        kind.presentation(self, presentation, question, processing_rules)
        processing = ET.SubElement(item, "resprocessing")
        outcomes = ET.SubElement(processing, "outcomes")
        ET.SubElement(outcomes, "decvar", {"varname": "SCORE", "vartype": "Decimal",
                                           "minvalue": "0", "maxvalue": "100"})
        processing.extend(processing_rules)
        shown = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
        ET.SubElement(ET.SubElement(shown, "conditionvar"), "other")
        ET.SubElement(shown, "displayfeedback", {"feedbacktype": "Response",
                                                 "linkrefid": "general_fb"})
        self.feedback(item, "general_fb", self.html(kind.general(self, question)))
        for i, option in enumerate(question.options):
            if option.feedback:
                self.feedback(item, f"{letter(i)}_fb", self.html(option.feedback))
        return item

    # --- the parts that differ by kind (QTI12_KINDS) ----------------------------------------

    def explained(self, question: Question) -> str:
        return question.explanation + "\n\n" + self.review(question.review)

    def essay_reviews(self, question: Question) -> str:
        reviews = dict.fromkeys(p.review for p in question.marking_points)
        return "\n\n".join(self.review(r) for r in reviews)

    def _choice_presentation(self, presentation: ET.Element, question: Question,
                             rules: list[ET.Element]) -> None:
        self.material(presentation, self.html(question.prompt))
        self._choices(presentation, question, rules)

    def _essay_presentation(self, presentation: ET.Element, question: Question,
                            rules: list[ET.Element]) -> None:
        self.material(presentation, self.html(
            f"{question.prompt}\n\n*{question.marks} marks. Suggested length: about "
            f"{suggested_words(question)} words.*"))
        response = ET.SubElement(presentation, "response_str",
                                 {"ident": "RESPONSE", "rcardinality": "Single"})
        ET.SubElement(ET.SubElement(response, "render_fib", {
            "fibtype": "String", "rows": str(max(5, question.marks * 3)),
            "columns": "80"}), "response_label", {"ident": "answer"})

    def _choices(self, presentation: ET.Element, question: Question,
                 rules: list[ET.Element]) -> None:
        response = ET.SubElement(presentation, "response_lid", {
            "ident": "RESPONSE",
            "rcardinality": "Multiple" if question.kind == MULTIPLE else "Single"})
        render = ET.SubElement(response, "render_choice",
                               {"shuffle": "Yes" if question.shuffle else "No"})
        for i, option in enumerate(question.options):
            label = ET.SubElement(render, "response_label", {"ident": letter(i)})
            self.material(label, self.html(option.text, inline=True))
        for i, (option, share) in enumerate(zip(question.options, option_shares(question),
                                                strict=True)):
            rule = ET.Element("respcondition", {"continue": "Yes"})
            ET.SubElement(ET.SubElement(rule, "conditionvar"), "varequal",
                          {"respident": "RESPONSE"}).text = letter(i)
            if share:
                action = "Set" if question.kind == SINGLE else "Add"
                ET.SubElement(rule, "setvar", {"action": action, "varname": "SCORE"}
                              ).text = number(100 * share)
            if option.feedback:
                ET.SubElement(rule, "displayfeedback", {"feedbacktype": "Response",
                                                        "linkrefid": f"{letter(i)}_fb"})
            if len(rule) > 1:
                rules.append(rule)

    def _blanks(self, presentation: ET.Element, question: Question,
                rules: list[ET.Element]) -> None:
        """Text and a response_str per blank, in reading order; each alternative scores."""
        html_text = self.html(question.marked_prompt, inline=True)
        parts = BLANK_MARKS.split(html_text)
        share = 100 / len(question.blanks)
        for i, part in enumerate(parts):
            if i % 2 == 0:
                if part.strip():
                    self.material(presentation, part)
                continue
            n = int(part) + 1
            response = ET.SubElement(presentation, "response_str",
                                     {"ident": f"RESPONSE_{n}", "rcardinality": "Single"})
            ET.SubElement(ET.SubElement(response, "render_fib", {"fibtype": "String"}),
                          "response_label", {"ident": f"blank{n}"})
            # One per accepted answer and variant (lms_answers: never two a response could
            # both match, so the score is added once).
            for accepted in lms_answers(question.blanks[n - 1].answers):
                rule = ET.Element("respcondition", {"continue": "Yes"})
                ET.SubElement(ET.SubElement(rule, "conditionvar"), "varequal", {
                    "respident": f"RESPONSE_{n}", "case": "No"}).text = accepted
                ET.SubElement(rule, "setvar", {"action": "Add", "varname": "SCORE"}
                              ).text = number(share)
                rules.append(rule)

    def _rubric(self, item: ET.Element, question: Question) -> None:
        points = "\n".join(
            f"- {p.text} (**{p.marks} mark{'s' if p.marks != 1 else ''}**; review: "
            f"[{review_label(p.review, self.pages)}]({page_link(self.quiz.page_path, p.review)}))"
            for p in question.marking_points)
        extra = extra_credit_text(question)
        rubric = ET.SubElement(item, "rubric", {"view": "Scorer"})
        self.material(rubric, self.html(
            f"**Marking points ({question.marks} marks):**\n\n{points}\n\n"
            + (f"{extra}\n\n" if extra else "")
            + f"**Outline of a good answer:**\n\n{question.outline}"))


@dataclass(frozen=True)
class Item12Kind:
    """What a kind of question is in QTI 1.2 (Canvas's question types): its question type, a
    scorer's rubric (written questions), its presentation and scoring rules, and the general
    feedback shown after an answer."""

    question_type: Callable[[Question], str]
    rubric: Callable[[_Item12, ET.Element, Question], None] | None
    presentation: Callable[[_Item12, ET.Element, Question, list[ET.Element]], None]
    general: Callable[[_Item12, Question], str]


QTI12_KINDS: dict[str, Item12Kind] = {
    SINGLE: Item12Kind(lambda q: "multiple_choice_question", None,
                       _Item12._choice_presentation, _Item12.explained),
    MULTIPLE: Item12Kind(lambda q: "multiple_answers_question", None,
                         _Item12._choice_presentation, _Item12.explained),
    FILL_IN: Item12Kind(lambda q: ("short_answer_question" if len(q.blanks) == 1
                                   else "fill_in_multiple_blanks_question"), None,
                        _Item12._blanks, _Item12.explained),
    WRITTEN: Item12Kind(lambda q: "essay_question", _Item12._rubric,
                        _Item12._essay_presentation, _Item12.essay_reviews),
}


def qti12_files(quizzes: list[Quiz], pages: dict[str, Page], *, title: str,
                site_url: str | None = None) -> dict[str, str]:
    """The QTI 1.2 package: a manifest and one assessment.xml holding every item."""
    root = ET.Element("questestinterop", {"xmlns": QTI12})
    assessment = ET.SubElement(root, "assessment", {"ident": "question-bank", "title": title})
    metadata = ET.SubElement(assessment, "qtimetadata")
    field = ET.SubElement(metadata, "qtimetadatafield")
    ET.SubElement(field, "fieldlabel").text = "qmd_assessmenttype"
    ET.SubElement(field, "fieldentry").text = "Assessment"
    rubric = ET.SubElement(assessment, "rubric", {"view": "Scorer"})
    ET.SubElement(ET.SubElement(rubric, "material"), "mattext").text = PARTIAL_CREDIT
    for quiz in quizzes:
        section = ET.SubElement(assessment, "section", {"ident": f"section-{quiz.name}",
                                                        "title": quiz.title})
        writer = _Item12(quiz, pages, site_url)
        for question in quiz.questions:
            section.append(writer.build(question))
    resources = [("question-bank", "imsqti_xmlv1p2", "assessment.xml", [])]
    return {"imsmanifest.xml": manifest("question-bank-package", resources,
                                         "IMS Content", "1.1.3"),
            "assessment.xml": xml(root)}
