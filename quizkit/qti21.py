"""The question bank as a QTI 2.1 package (for systems that import QTI 2.1), checked against
IMS's XSDs in tests/vendor/qti-xsd: prompts, options, feedback and explanations are XHTML
elements in the QTI namespace (quizkit/xhtml.py; never HTML inside CDATA); response processing
sets SCORE and FEEDBACK, so the explanation (modalFeedback EXPLANATION) and the feedback of the
chosen option (modalFeedback keyed to its identifier) are shown; a blank maps every accepted
alternative (with the dash and quote variants the site accepts, quizkit.marking.lms_answers)
to full marks; a written question is an extendedTextInteraction with its marking points and
outline as a rubric for scorers. What both packages share: quizkit/qti.py.
"""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass

from quizkit.htmltext import markdown_element
from quizkit.marking import (
    extra_credit_text,
    letter,
    lms_answers,
    marks,
    option_shares,
    review_label,
    suggested_words,
)
from quizkit.model import FILL_IN, MULTIPLE, SINGLE, WRITTEN, Question, Quiz
from quizkit.pages import Page
from quizkit.qti import QTI21, QTI21_XSD, XSI, item_title, manifest, number, value, xml
from quizkit.render import page_link
from quizkit.xhtml import blanks_to, blocks, qti_content

EXPLANATION = "EXPLANATION"  # the modalFeedback shown after every answer


def share_number(share: float) -> str:
    """A share of the mark with six decimals, a right option's rounded down and a wrong one's
    up (-1/3: -0.333334), so ticking every box never scores above 0 (the rule says 0); a
    full answer scores the mark by its own rule (_mapped_score)."""
    millionths = round(abs(share) * 1_000_000, 6)  # 0.3 * 1e6 is 299999.99999999994
    rounded = math.floor(millionths) if share >= 0 else -math.ceil(millionths)
    return number(rounded / 1_000_000)


class _Item21:
    """One QTI 2.1 assessmentItem for one question."""

    def __init__(self, quiz: Quiz, pages: dict[str, Page], site_url: str | None) -> None:
        self.quiz, self.pages, self.site_url = quiz, pages, site_url

    def xhtml(self, markdown_text: str, tag: str, *, inline: bool = False,
              attributes: dict[str, str] | None = None) -> ET.Element:
        source = markdown_element(markdown_text, inline=inline, page_path=self.quiz.page_path,
                                  site_url=self.site_url)
        target = ET.Element(tag, attributes or {})
        qti_content(source, target)
        return target

    def review(self, review: str) -> str:
        link = page_link(self.quiz.page_path, review)  # as the quiz page links it
        return f"**Review:** [{review_label(review, self.pages)}]({link})"

    def build(self, question: Question) -> ET.Element:
        item = ET.Element("assessmentItem", {
            "xmlns": QTI21, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI21} {QTI21_XSD}",
            "identifier": f"item-{question.id}", "title": item_title(question),
            "adaptive": "false", "timeDependent": "false"})
        kind = QTI21_KINDS[question.kind]
        kind.declare(self, item, question)
        self._outcomes(item, question, feedback=kind.score is not None)
        kind.body(self, ET.SubElement(item, "itemBody"), question)
        if kind.score is None:
            return item  # marked by a person: no response processing, no automatic feedback
        processing = ET.SubElement(item, "responseProcessing")
        kind.score(self, processing, question)
        self._feedback(processing, question)
        for i, option in enumerate(question.options):
            if option.feedback:
                feedback = self.xhtml(option.feedback, "modalFeedback", attributes={
                    "outcomeIdentifier": "FEEDBACK", "identifier": letter(i),
                    "showHide": "show", "title": f"Option {letter(i)}"})
                blocks(feedback)
                item.append(feedback)
        explanation = self.xhtml(question.explanation + "\n\n" + self.review(question.review),
                                 "modalFeedback", attributes={
                                     "outcomeIdentifier": "FEEDBACK", "identifier": EXPLANATION,
                                     "showHide": "show", "title": "Explanation"})
        item.append(blocks(explanation))
        return item

    # --- the parts that differ by kind (QTI21_KINDS) ----------------------------------------

    def _choice_declarations(self, item: ET.Element, question: Question) -> None:
        multiple = question.kind == MULTIPLE
        declaration = ET.SubElement(item, "responseDeclaration", {
            "identifier": "RESPONSE", "cardinality": "multiple" if multiple else "single",
            "baseType": "identifier"})
        correct = ET.SubElement(declaration, "correctResponse")
        for i, option in enumerate(question.options):
            if option.correct:
                value(correct, letter(i))
        if multiple:  # the partial-credit rule of quizkit.marking, floored at 0
            mapping = ET.SubElement(declaration, "mapping", {
                "lowerBound": "0", "upperBound": "1", "defaultValue": "0"})
            for i, share in enumerate(option_shares(question)):
                ET.SubElement(mapping, "mapEntry", {"mapKey": letter(i),
                                                    "mappedValue": share_number(share)})

    def _blank_declarations(self, item: ET.Element, question: Question) -> None:
        for n, blank in enumerate(question.blanks, 1):
            declaration = ET.SubElement(item, "responseDeclaration", {
                "identifier": f"RESPONSE_{n}", "cardinality": "single", "baseType": "string"})
            value(ET.SubElement(declaration, "correctResponse"), blank.answer)
            mapping = ET.SubElement(declaration, "mapping", {"defaultValue": "0"})
            # Every alternative scores, with the dash and quote variants the site accepts;
            # case is ignored.
            for accepted in lms_answers(blank.answers):
                ET.SubElement(mapping, "mapEntry", {
                    "mapKey": accepted, "mappedValue": "1", "caseSensitive": "false"})

    def _text_declaration(self, item: ET.Element, question: Question) -> None:
        ET.SubElement(item, "responseDeclaration", {
            "identifier": "RESPONSE", "cardinality": "single", "baseType": "string"})

    def _choice_body(self, body: ET.Element, question: Question) -> None:
        body.extend(blocks(self.xhtml(question.prompt, "div")))
        interaction = ET.SubElement(body, "choiceInteraction", {
            "responseIdentifier": "RESPONSE",
            "shuffle": "true" if question.shuffle else "false",
            "maxChoices": "1" if question.kind == SINGLE else "0"})
        for i, option in enumerate(question.options):
            interaction.append(self.xhtml(option.text, "simpleChoice", inline=True,
                                          attributes={"identifier": letter(i)}))

    def _blank_body(self, body: ET.Element, question: Question) -> None:
        prompt = self.xhtml(question.marked_prompt, "div")
        blanks_to(prompt, lambda n: ET.Element("textEntryInteraction", {
            "responseIdentifier": f"RESPONSE_{n + 1}",
            "expectedLength": str(max(12, *(len(a) for a in question.blanks[n].answers)))}))
        body.extend(blocks(prompt))

    def _key_scores(self, processing: ET.Element, question: Question) -> None:
        """The key scores 1; anything else, or nothing chosen (match() is NULL), scores 0."""
        rule = ET.SubElement(processing, "responseCondition")
        when = ET.SubElement(rule, "responseIf")
        condition = ET.SubElement(when, "match")
        ET.SubElement(condition, "variable", {"identifier": "RESPONSE"})
        ET.SubElement(condition, "correct", {"identifier": "RESPONSE"})
        for branch, score in ((when, "1"), (ET.SubElement(rule, "responseElse"), "0")):
            value(ET.SubElement(branch, "setOutcomeValue", {"identifier": "SCORE"}),
                  score, "baseValue").set("baseType", "float")

    def _mapped_score(self, processing: ET.Element, question: Question) -> None:
        """Every right option and nothing else scores the mark exactly; any other answer, the
        mapping's partial-credit rule. (Three shares written 0.333333 add up to 0.999999, so
        a full answer mapped would fall short of the mark.)"""
        rule = ET.SubElement(processing, "responseCondition")
        when = ET.SubElement(rule, "responseIf")
        condition = ET.SubElement(when, "match")
        ET.SubElement(condition, "variable", {"identifier": "RESPONSE"})
        ET.SubElement(condition, "correct", {"identifier": "RESPONSE"})
        value(ET.SubElement(when, "setOutcomeValue", {"identifier": "SCORE"}),
              number(marks(question)), "baseValue").set("baseType", "float")
        otherwise = ET.SubElement(ET.SubElement(rule, "responseElse"), "setOutcomeValue",
                                  {"identifier": "SCORE"})
        ET.SubElement(otherwise, "mapResponse", {"identifier": "RESPONSE"})

    def _blank_score(self, processing: ET.Element, question: Question) -> None:
        """Each blank an equal share of the mark."""
        set_score = ET.SubElement(processing, "setOutcomeValue", {"identifier": "SCORE"})
        if len(question.blanks) == 1:
            ET.SubElement(set_score, "mapResponse", {"identifier": "RESPONSE_1"})
            return
        total = ET.SubElement(set_score, "divide")
        terms = ET.SubElement(total, "sum")
        for n in range(1, len(question.blanks) + 1):
            ET.SubElement(terms, "mapResponse", {"identifier": f"RESPONSE_{n}"})
        value(total, str(len(question.blanks)), "baseValue").set("baseType", "float")

    # --- what every kind has -----------------------------------------------------------------

    def _outcomes(self, item: ET.Element, question: Question, *, feedback: bool) -> None:
        worth = number(marks(question))
        score = ET.SubElement(item, "outcomeDeclaration", {
            "identifier": "SCORE", "cardinality": "single", "baseType": "float",
            "normalMinimum": "0", "normalMaximum": worth})
        value(ET.SubElement(score, "defaultValue"), "0")
        maximum = ET.SubElement(item, "outcomeDeclaration", {
            "identifier": "MAXSCORE", "cardinality": "single", "baseType": "float"})
        value(ET.SubElement(maximum, "defaultValue"), worth)
        if feedback:
            ET.SubElement(item, "outcomeDeclaration", {
                "identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"})

    def _feedback(self, processing: ET.Element, question: Question) -> None:
        """FEEDBACK = the chosen options (their feedback) + EXPLANATION, after every answer, so
        modalFeedback is shown."""
        feedback = ET.SubElement(processing, "setOutcomeValue", {"identifier": "FEEDBACK"})
        chosen = ET.SubElement(feedback, "multiple")
        if question.options:
            ET.SubElement(chosen, "variable", {"identifier": "RESPONSE"})
        value(chosen, EXPLANATION, "baseValue").set("baseType", "identifier")

    def _written_body(self, body: ET.Element, question: Question) -> None:
        rubric = ET.SubElement(body, "rubricBlock", {"view": "scorer"})
        heading = ET.SubElement(rubric, "p")
        ET.SubElement(heading, "strong").text = f"Marking points ({question.marks} marks)"
        points = ET.SubElement(rubric, "ul")
        for point in question.marking_points:
            row = self.xhtml(f"{point.text} (**{point.marks} mark"
                             f"{'s' if point.marks != 1 else ''}**; "
                             f"{self.review(point.review).replace('**Review:**', 'review:')})",
                             "li", inline=True)
            points.append(row)
        if question.extra_credit:
            rubric.extend(blocks(self.xhtml(extra_credit_text(question), "div")))
        outline = ET.SubElement(rubric, "p")
        ET.SubElement(outline, "strong").text = "Outline of a good answer"
        rubric.extend(blocks(self.xhtml(question.outline, "div")))
        body.extend(blocks(self.xhtml(question.prompt, "div")))
        ET.SubElement(body, "p").text = (f"{question.marks} marks. Suggested length: about "
                                         f"{suggested_words(question)} words.")
        ET.SubElement(body, "extendedTextInteraction", {
            "responseIdentifier": "RESPONSE",
            "expectedLength": str(suggested_words(question) * 6),  # characters
            "expectedLines": str(max(5, question.marks * 3))})


@dataclass(frozen=True)
class Item21Kind:
    """What a kind of question is in QTI 2.1: its response declaration(s), its item body, and
    how it is scored (None: marked by a person, so no response processing and no feedback)."""

    declare: Callable[[_Item21, ET.Element, Question], None]
    body: Callable[[_Item21, ET.Element, Question], None]
    score: Callable[[_Item21, ET.Element, Question], None] | None


QTI21_KINDS: dict[str, Item21Kind] = {
    SINGLE: Item21Kind(_Item21._choice_declarations, _Item21._choice_body, _Item21._key_scores),
    MULTIPLE: Item21Kind(_Item21._choice_declarations, _Item21._choice_body,
                         _Item21._mapped_score),
    FILL_IN: Item21Kind(_Item21._blank_declarations, _Item21._blank_body, _Item21._blank_score),
    WRITTEN: Item21Kind(_Item21._text_declaration, _Item21._written_body, None),
}


def qti21_files(quizzes: list[Quiz], pages: dict[str, Page], *, title: str,
                site_url: str | None = None) -> dict[str, str]:
    """Every file of the QTI 2.1 package: manifest, assessmentTest, one item per question."""
    items: dict[str, str] = {}
    test = ET.Element("assessmentTest", {
        "xmlns": QTI21, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI21} {QTI21_XSD}",
        "identifier": "question-bank", "title": title})
    part = ET.SubElement(test, "testPart", {"identifier": "self-checks",
                                            "navigationMode": "nonlinear",
                                            "submissionMode": "individual"})
    for quiz in quizzes:
        section = ET.SubElement(part, "assessmentSection", {
            "identifier": f"section-{quiz.name}", "title": quiz.title, "visible": "true"})
        writer = _Item21(quiz, pages, site_url)
        for question in quiz.questions:
            href = f"items/item-{question.id}.xml"
            ET.SubElement(section, "assessmentItemRef", {"identifier": f"item-{question.id}",
                                                         "href": href})
            items[href] = xml(writer.build(question))
    ids = [f"item-{q.id}" for quiz in quizzes for q in quiz.questions]
    resources = [("assessment", "imsqti_test_xmlv2p1", "assessment.xml", ids)]
    resources += [(ident, "imsqti_item_xmlv2p1", f"items/{ident}.xml", []) for ident in ids]
    return {"imsmanifest.xml": manifest("question-bank-package", resources,
                                         "QTIv2.1 Package", "1.0.0"),
            "assessment.xml": xml(test), **items}
