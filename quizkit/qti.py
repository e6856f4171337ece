"""QTI packages (IMS Question and Test Interoperability) of the question bank: 2.1 and 1.2.

mkdocs-quiz has a QTI exporter, but it cannot say what this bank says (per-option feedback,
accepted alternatives, written questions, a FEEDBACK outcome that is ever set, formatted text
a player can show), so the packages are written here with ElementTree, as the Moodle file is.
mkdocs-quiz's parser reads the quiz pages back in every compile (quizkit/roundtrip.py), so the
pages the site is built from say what the YAML says.

QTI 2.1 (checked against IMS's XSDs in tests/vendor/qti-xsd): prompts, options, feedback and
explanations are XHTML elements in the QTI namespace (never HTML inside CDATA); response
processing sets SCORE and FEEDBACK, so the explanation (modalFeedback EXPLANATION) and the
feedback of the chosen option (modalFeedback keyed to its identifier) are shown; a blank maps
every accepted alternative (with the dash and quote variants the site accepts,
quizkit.marking.lms_answers) to full marks; a written question is an extendedTextInteraction
with its marking points and outline as a rubric for scorers.

QTI 1.2 (the format Canvas and Blackboard import): one assessment.xml holding every item, HTML
as text/html mattext, per-option and general feedback as itemfeedback shown by
displayfeedback, the same scores and partial-credit rule (quizkit.marking), written questions
as essay questions with a scorer's rubric. IMS published no XSD for 1.2 that the tests can
vendor, so the tests check its structure, not a schema.

Identifiers come from the question ids, option letters (A, B, …) from the order every output
shows; the zip has fixed dates and order: the same bank gives the same bytes.
"""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from typing import ClassVar

from quizkit.htmltext import absolute_links, indent, markdown_element, plain_text, to_html
from quizkit.marking import (
    OUTPUT_MARK,
    PARTIAL_CREDIT,
    extra_credit_text,
    letter,
    lms_answers,
    marks,
    option_shares,
    review_label,
    suggested_words,
)
from quizkit.model import BLANK, BLANK_MARKS, FILL_IN, MULTIPLE, SINGLE, WRITTEN, Question, Quiz
from quizkit.pages import Page

QTI21 = "http://www.imsglobal.org/xsd/imsqti_v2p1"
QTI21_XSD = "http://www.imsglobal.org/xsd/qti/qtiv2p1/imsqti_v2p1.xsd"
QTI12 = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
QTI12_XSD = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2p1.xsd"
IMSCP = "http://www.imsglobal.org/xsd/imscp_v1p1"
IMSCP_XSD = "http://www.imsglobal.org/xsd/imscp_v1p1.xsd"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
EXPLANATION = "EXPLANATION"  # the modalFeedback shown after every answer
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)  # the earliest date a zip can hold: "no date"

# XHTML that QTI 2.1's content model allows, with the attributes it allows (the subset that
# Python-Markdown produces). Any other element is unwrapped (its text kept); other attributes
# (e.g. the tables extension's style="text-align: …") are dropped.
_XHTML = {
    **dict.fromkeys(("p", "ul", "ol", "li", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
                     "h6", "table", "thead", "tbody", "tfoot", "tr", "div", "dl", "dt", "dd",
                     "strong", "em", "code", "b", "i", "span", "sub", "sup", "abbr", "kbd",
                     "q", "samp", "var", "cite", "dfn", "acronym", "big", "small", "tt",
                     "address"), ()),
    "th": ("colspan", "rowspan"), "td": ("colspan", "rowspan"),
    "a": ("href",), "img": ("src", "alt", "width", "height"), "br": (), "hr": (),
}


# --- XHTML in the QTI 2.1 namespace --------------------------------------------------------------


def _qti_content(source: ET.Element, target: ET.Element) -> None:
    """Copy source's children (HTML from Markdown) into target, keeping only QTI's XHTML."""

    def add_text(parent: ET.Element, text: str | None) -> None:
        if not text:
            return
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + text
        else:
            parent.text = (parent.text or "") + text

    add_text(target, source.text)
    for child in source:
        if child.tag in _XHTML:
            keep = _XHTML[child.tag]
            copy = ET.SubElement(target, child.tag,
                                 {k: v for k, v in child.attrib.items() if k in keep})
            if child.tag == "img":
                copy.set("alt", child.get("alt", ""))
            _qti_content(child, copy)
        else:
            _qti_content(child, target)  # unwrap an element QTI does not know, keep its words
        add_text(target, child.tail)


_BLOCK_TAGS = frozenset({"p", "ul", "ol", "blockquote", "pre", "h1", "h2", "h3", "h4", "h5",
                         "h6", "table", "div", "dl", "hr", "address"})


def _blocks(element: ET.Element) -> ET.Element:
    """element with its loose text and inline children gathered into <p>s, as QTI's block
    context (itemBody, modalFeedback, rubricBlock) needs; blocks stay as they are."""
    pieces: list[str | ET.Element] = [element.text or ""]
    for child in element:
        pieces += [child, child.tail or ""]
        child.tail = None
    element.text = None
    for child in list(element):
        element.remove(child)
    paragraph: ET.Element | None = None
    for piece in pieces:
        if isinstance(piece, str):
            if paragraph is None:
                if not piece.strip():
                    continue  # the line breaks between blocks
                paragraph = ET.SubElement(element, "p")
            if len(paragraph):
                paragraph[-1].tail = (paragraph[-1].tail or "") + piece
            else:
                paragraph.text = (paragraph.text or "") + piece
        elif piece.tag in _BLOCK_TAGS:
            element.append(piece)
            paragraph = None
        else:
            if paragraph is None:
                paragraph = ET.SubElement(element, "p")
            paragraph.append(piece)
    return element


def _blanks_to(element: ET.Element, make: Callable[[int], ET.Element]) -> None:
    """Replace each QZBLANKnQZ mark in the text of element by make(n), in place."""
    for node in list(element.iter()):
        if node.text and BLANK_MARKS.search(node.text):
            parts = BLANK_MARKS.split(node.text)
            node.text = parts[0]
            for offset, i in enumerate(range(1, len(parts), 2)):
                blank = make(int(parts[i]))
                blank.tail = parts[i + 1]
                node.insert(offset, blank)
        for child in list(node):
            if child.tail and BLANK_MARKS.search(child.tail):
                parts = BLANK_MARKS.split(child.tail)
                child.tail = parts[0]
                index = list(node).index(child) + 1
                for i in range(1, len(parts), 2):
                    blank = make(int(parts[i]))
                    blank.tail = parts[i + 1]
                    node.insert(index, blank)
                    index += 1


def _title(question: Question) -> str:
    """'wi-aims: What are the two main aims of IPT?' (plain text, at most about 80 chars)."""
    text = plain_text(markdown_element(BLANK.sub("…", question.prompt)))
    text = text if len(text) <= 70 else text[:69].rstrip() + "…"
    return f"{question.id}: {text}"


def _value(parent: ET.Element, text: str, tag: str = "value") -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _number(n: float) -> str:
    """A score as QTI writes it: '1', '0.5', '-0.333333'."""
    text = f"{n:.6f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


class _Item21:
    """One QTI 2.1 assessmentItem for one question."""

    def __init__(self, quiz: Quiz, pages: dict[str, Page], site_url: str | None) -> None:
        self.quiz, self.pages, self.site_url = quiz, pages, site_url

    def xhtml(self, markdown_text: str, tag: str, *, inline: bool = False,
              attributes: dict[str, str] | None = None) -> ET.Element:
        source = markdown_element(markdown_text, inline=inline, page_path=self.quiz.page_path,
                                  site_url=self.site_url)
        target = ET.Element(tag, attributes or {})
        _qti_content(source, target)
        return target

    def review(self, review: str) -> str:
        return f"**Review:** [{review_label(review, self.pages)}](../{review})"

    def build(self, question: Question) -> ET.Element:
        item = ET.Element("assessmentItem", {
            "xmlns": QTI21, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{QTI21} {QTI21_XSD}",
            "identifier": f"item-{question.id}", "title": _title(question),
            "adaptive": "false", "timeDependent": "false"})
        kind = question.kind
        if kind in (SINGLE, MULTIPLE):
            self._choice_declarations(item, question)
        elif kind == FILL_IN:
            self._blank_declarations(item, question)
        else:
            ET.SubElement(item, "responseDeclaration", {
                "identifier": "RESPONSE", "cardinality": "single", "baseType": "string"})
        self._outcomes(item, question)
        body = ET.SubElement(item, "itemBody")
        if kind == WRITTEN:
            self._written_body(body, question)
            return item  # marked by a person: no response processing, no automatic feedback
        if kind == FILL_IN:
            prompt = self.xhtml(question.marked_prompt, "div")
            _blanks_to(prompt, lambda n: ET.Element("textEntryInteraction", {
                "responseIdentifier": f"RESPONSE_{n + 1}",
                "expectedLength": str(max(12, *(len(a) for a in question.blanks[n].answers)))}))
            body.extend(_blocks(prompt))
        else:
            body.extend(_blocks(self.xhtml(question.prompt, "div")))
            interaction = ET.SubElement(body, "choiceInteraction", {
                "responseIdentifier": "RESPONSE",
                "shuffle": "true" if question.shuffle else "false",
                "maxChoices": "1" if kind == SINGLE else "0"})
            for i, option in enumerate(question.options):
                interaction.append(self.xhtml(option.text, "simpleChoice", inline=True,
                                              attributes={"identifier": letter(i)}))
        self._processing(item, question)
        for i, option in enumerate(question.options):
            if option.feedback:
                feedback = self.xhtml(option.feedback, "modalFeedback", attributes={
                    "outcomeIdentifier": "FEEDBACK", "identifier": letter(i),
                    "showHide": "show", "title": f"Option {letter(i)}"})
                _blocks(feedback)
                item.append(feedback)
        explanation = self.xhtml(question.explanation + "\n\n" + self.review(question.review),
                                 "modalFeedback", attributes={
                                     "outcomeIdentifier": "FEEDBACK", "identifier": EXPLANATION,
                                     "showHide": "show", "title": "Explanation"})
        item.append(_blocks(explanation))
        return item

    def _choice_declarations(self, item: ET.Element, question: Question) -> None:
        multiple = question.kind == MULTIPLE
        declaration = ET.SubElement(item, "responseDeclaration", {
            "identifier": "RESPONSE", "cardinality": "multiple" if multiple else "single",
            "baseType": "identifier"})
        correct = ET.SubElement(declaration, "correctResponse")
        for i, option in enumerate(question.options):
            if option.correct:
                _value(correct, letter(i))
        if multiple:  # the partial-credit rule of quizkit.marking, floored at 0
            mapping = ET.SubElement(declaration, "mapping", {
                "lowerBound": "0", "upperBound": "1", "defaultValue": "0"})
            for i, share in enumerate(option_shares(question)):
                ET.SubElement(mapping, "mapEntry", {"mapKey": letter(i),
                                                    "mappedValue": _number(share)})

    def _blank_declarations(self, item: ET.Element, question: Question) -> None:
        for n, blank in enumerate(question.blanks, 1):
            declaration = ET.SubElement(item, "responseDeclaration", {
                "identifier": f"RESPONSE_{n}", "cardinality": "single", "baseType": "string"})
            _value(ET.SubElement(declaration, "correctResponse"), blank.answer)
            mapping = ET.SubElement(declaration, "mapping", {"defaultValue": "0"})
            # Every alternative scores, with the dash and quote variants the site accepts;
            # case is ignored.
            for accepted in lms_answers(blank.answers):
                ET.SubElement(mapping, "mapEntry", {
                    "mapKey": accepted, "mappedValue": "1", "caseSensitive": "false"})

    def _outcomes(self, item: ET.Element, question: Question) -> None:
        worth = _number(marks(question))
        score = ET.SubElement(item, "outcomeDeclaration", {
            "identifier": "SCORE", "cardinality": "single", "baseType": "float",
            "normalMinimum": "0", "normalMaximum": worth})
        _value(ET.SubElement(score, "defaultValue"), "0")
        maximum = ET.SubElement(item, "outcomeDeclaration", {
            "identifier": "MAXSCORE", "cardinality": "single", "baseType": "float"})
        _value(ET.SubElement(maximum, "defaultValue"), worth)
        if question.kind != WRITTEN:
            ET.SubElement(item, "outcomeDeclaration", {
                "identifier": "FEEDBACK", "cardinality": "multiple", "baseType": "identifier"})

    def _processing(self, item: ET.Element, question: Question) -> None:
        """SCORE by the rules of quizkit.marking; FEEDBACK, so modalFeedback is shown."""
        processing = ET.SubElement(item, "responseProcessing")
        if question.kind == SINGLE:
            # The key scores 1; anything else, or nothing chosen (match() is NULL), scores 0.
            rule = ET.SubElement(processing, "responseCondition")
            when = ET.SubElement(rule, "responseIf")
            condition = ET.SubElement(when, "match")
            ET.SubElement(condition, "variable", {"identifier": "RESPONSE"})
            ET.SubElement(condition, "correct", {"identifier": "RESPONSE"})
            for branch, score in ((when, "1"), (ET.SubElement(rule, "responseElse"), "0")):
                _value(ET.SubElement(branch, "setOutcomeValue", {"identifier": "SCORE"}),
                       score, "baseValue").set("baseType", "float")
        else:
            set_score = ET.SubElement(processing, "setOutcomeValue", {"identifier": "SCORE"})
            if question.kind == MULTIPLE:  # the mapping holds the partial-credit rule
                ET.SubElement(set_score, "mapResponse", {"identifier": "RESPONSE"})
            elif len(question.blanks) == 1:
                ET.SubElement(set_score, "mapResponse", {"identifier": "RESPONSE_1"})
            else:  # each blank an equal share of the mark
                total = ET.SubElement(set_score, "divide")
                terms = ET.SubElement(total, "sum")
                for n in range(1, len(question.blanks) + 1):
                    ET.SubElement(terms, "mapResponse", {"identifier": f"RESPONSE_{n}"})
                _value(total, str(len(question.blanks)), "baseValue").set("baseType", "float")
        # FEEDBACK = the chosen options (their feedback) + EXPLANATION, after every answer.
        feedback = ET.SubElement(processing, "setOutcomeValue", {"identifier": "FEEDBACK"})
        chosen = ET.SubElement(feedback, "multiple")
        if question.options:
            ET.SubElement(chosen, "variable", {"identifier": "RESPONSE"})
        _value(chosen, EXPLANATION, "baseValue").set("baseType", "identifier")

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
            rubric.extend(_blocks(self.xhtml(extra_credit_text(question), "div")))
        outline = ET.SubElement(rubric, "p")
        ET.SubElement(outline, "strong").text = "Outline of a good answer"
        rubric.extend(_blocks(self.xhtml(question.outline, "div")))
        body.extend(_blocks(self.xhtml(question.prompt, "div")))
        ET.SubElement(body, "p").text = (f"{question.marks} marks. Suggested length: about "
                                         f"{suggested_words(question)} words.")
        ET.SubElement(body, "extendedTextInteraction", {
            "responseIdentifier": "RESPONSE",
            "expectedLength": str(suggested_words(question) * 6),  # characters
            "expectedLines": str(max(5, question.marks * 3))})


# Elements whose children may go on lines of their own: whitespace between them means nothing.
# Everything else holds text (a paragraph, an option) where added whitespace would show.
_STRUCTURAL = frozenset({"ul", "ol", "table", "thead", "tbody", "tfoot", "tr", "blockquote",
                         "dl", "div"})


def _structural(element: ET.Element) -> bool:
    if element.tag == "simpleChoice":
        return False
    return element.tag not in _XHTML or element.tag in _STRUCTURAL


def _xml(root: ET.Element) -> str:
    indent(root, _structural)
    return ('<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<!-- {OUTPUT_MARK} from the quiz YAML; edit the YAML, not this file. -->\n"
            + ET.tostring(root, encoding="unicode") + "\n")


def _manifest(identifier: str, resources: list[tuple[str, str, str, list[str]]],
              schema: str, version: str) -> str:
    """imsmanifest.xml (IMS Content Packaging 1.1): (identifier, type, href, dependencies)."""
    manifest = ET.Element("manifest", {
        "xmlns": IMSCP, "xmlns:xsi": XSI, "xsi:schemaLocation": f"{IMSCP} {IMSCP_XSD}",
        "identifier": identifier})
    metadata = ET.SubElement(manifest, "metadata")
    ET.SubElement(metadata, "schema").text = schema
    ET.SubElement(metadata, "schemaversion").text = version
    ET.SubElement(manifest, "organizations")
    listed = ET.SubElement(manifest, "resources")
    for ident, kind, href, dependencies in resources:
        resource = ET.SubElement(listed, "resource", {"identifier": ident, "type": kind,
                                                      "href": href})
        ET.SubElement(resource, "file", {"href": href})
        for dependency in dependencies:
            ET.SubElement(resource, "dependency", {"identifierref": dependency})
    return _xml(manifest)


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
            items[href] = _xml(writer.build(question))
    ids = [f"item-{q.id}" for quiz in quizzes for q in quiz.questions]
    resources = [("assessment", "imsqti_test_xmlv2p1", "assessment.xml", ids)]
    resources += [(ident, "imsqti_item_xmlv2p1", f"items/{ident}.xml", []) for ident in ids]
    return {"imsmanifest.xml": _manifest("question-bank-package", resources,
                                         "QTIv2.1 Package", "1.0.0"),
            "assessment.xml": _xml(test), **items}


# --- QTI 1.2 -------------------------------------------------------------------------------------


class _Item12:
    """One QTI 1.2 <item> (Canvas's and Blackboard's dialect of the format)."""

    QUESTION_TYPE: ClassVar[dict[str, str]] = {
        SINGLE: "multiple_choice_question", MULTIPLE: "multiple_answers_question",
        WRITTEN: "essay_question"}

    def __init__(self, quiz: Quiz, pages: dict[str, Page], site_url: str | None) -> None:
        self.quiz, self.pages, self.site_url = quiz, pages, site_url

    def html(self, markdown_text: str, *, inline: bool = False) -> str:
        return absolute_links(to_html(markdown_text, inline=inline), self.quiz.page_path,
                              self.site_url)

    def material(self, parent: ET.Element, html_text: str, tag: str = "material") -> None:
        material = ET.SubElement(parent, tag)
        ET.SubElement(material, "mattext", {"texttype": "text/html"}).text = html_text

    def feedback(self, item: ET.Element, ident: str, html_text: str) -> None:
        feedback = ET.SubElement(item, "itemfeedback", {"ident": ident})
        flow = ET.SubElement(feedback, "flow_mat")
        self.material(flow, html_text)

    def build(self, question: Question) -> ET.Element:
        item = ET.Element("item", {"ident": f"item-{question.id}", "title": _title(question)})
        kind = question.kind
        if kind == FILL_IN:
            question_type = ("short_answer_question" if len(question.blanks) == 1
                             else "fill_in_multiple_blanks_question")
        else:
            question_type = self.QUESTION_TYPE[kind]
        metadata = ET.SubElement(ET.SubElement(item, "itemmetadata"), "qtimetadata")
        for label, entry in (("question_type", question_type),
                             ("points_possible", str(marks(question)))):
            field = ET.SubElement(metadata, "qtimetadatafield")
            ET.SubElement(field, "fieldlabel").text = label
            ET.SubElement(field, "fieldentry").text = entry
        if kind == WRITTEN:
            self._rubric(item, question)
        presentation = ET.SubElement(item, "presentation")
        processing_rules: list[ET.Element] = []
        if kind == FILL_IN:
            self._blanks(presentation, question, processing_rules)
        else:
            prompt = question.prompt
            if kind == WRITTEN:
                prompt += (f"\n\n*{question.marks} marks. Suggested length: about "
                           f"{suggested_words(question)} words.*")
            self.material(presentation, self.html(prompt))
        if kind in (SINGLE, MULTIPLE):
            self._choices(presentation, question, processing_rules)
        elif kind == WRITTEN:
            response = ET.SubElement(presentation, "response_str",
                                     {"ident": "RESPONSE", "rcardinality": "Single"})
            ET.SubElement(ET.SubElement(response, "render_fib", {
                "fibtype": "String", "rows": str(max(5, question.marks * 3)),
                "columns": "80"}), "response_label", {"ident": "answer"})
        processing = ET.SubElement(item, "resprocessing")
        outcomes = ET.SubElement(processing, "outcomes")
        ET.SubElement(outcomes, "decvar", {"varname": "SCORE", "vartype": "Decimal",
                                           "minvalue": "0", "maxvalue": "100"})
        processing.extend(processing_rules)
        if kind == WRITTEN:
            reviews = dict.fromkeys(p.review for p in question.marking_points)
            general = "\n\n".join(f"**Review:** [{review_label(r, self.pages)}](../{r})"
                                  for r in reviews)
        else:
            general = (question.explanation + "\n\n**Review:** "
                       f"[{review_label(question.review, self.pages)}](../{question.review})")
        shown = ET.SubElement(processing, "respcondition", {"continue": "Yes"})
        ET.SubElement(ET.SubElement(shown, "conditionvar"), "other")
        ET.SubElement(shown, "displayfeedback", {"feedbacktype": "Response",
                                                 "linkrefid": "general_fb"})
        self.feedback(item, "general_fb", self.html(general))
        for i, option in enumerate(question.options):
            if option.feedback:
                self.feedback(item, f"{letter(i)}_fb", self.html(option.feedback))
        return item

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
                              ).text = _number(100 * share)
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
                              ).text = _number(share)
                rules.append(rule)

    def _rubric(self, item: ET.Element, question: Question) -> None:
        points = "\n".join(
            f"- {p.text} (**{p.marks} mark{'s' if p.marks != 1 else ''}**; review: "
            f"[{review_label(p.review, self.pages)}](../{p.review}))"
            for p in question.marking_points)
        extra = extra_credit_text(question)
        rubric = ET.SubElement(item, "rubric", {"view": "Scorer"})
        self.material(rubric, self.html(
            f"**Marking points ({question.marks} marks):**\n\n{points}\n\n"
            + (f"{extra}\n\n" if extra else "")
            + f"**Outline of a good answer:**\n\n{question.outline}"))


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
    return {"imsmanifest.xml": _manifest("question-bank-package", resources,
                                         "IMS Content", "1.1.3"),
            "assessment.xml": _xml(root)}


def qti_zip(files: dict[str, str]) -> bytes:
    """A QTI package as bytes: the files in the given order, fixed dates, a generator comment."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.comment = OUTPUT_MARK.encode("utf-8")
        for name, content in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16  # a plain readable file on every unzip tool
            archive.writestr(info, content.encode("utf-8"))
    return buffer.getvalue()
