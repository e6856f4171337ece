"""The module's content rules that look across files, so `make check` enforces them (not only
the tests): tooltips and the glossary, citations and the references, one age per patient name,
the self-check bank's level mix, the new cases and evidence questions of each lesson quiz, what
exam practice must hold, and no contact details anywhere.

All are warnings (quizkit/rules.py, "The module's content rules"): the preview carries on while
a teacher works, and `make check`, `make build` and publishing fail until each is fixed. Each
names the line to change and says how. tests/test_content.py breaks each one on purpose.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quizkit.lessons import lesson_shape_problems
from quizkit.model import FILL_IN, MULTIPLE, WRITTEN, Quiz
from quizkit.pages import LESSONS_DIR, Page
from quizkit.problems import Problem
from quizkit.source import decode
from quizkit.validate import quiz_files

# The bank's aim for its self-check questions (choice and fill in): higher-order questions
# outnumber recall. `make check` reports the figures against it and warns below it.
APPLY_ANALYSE_AIM = 0.45
RECALL_AIM = 0.35
MIN_CASES = 4  # new short cases ('**Case.**') in each lesson's self-check
MAX_EVIDENCE = 1  # questions citing a study, per lesson self-check
# Exam practice (the written quiz of the unit): short notes (5 marks) and long answers.
SHORT_MARKS, LONG_MARKS = 5, range(10, 16)
MIN_SHORT, MIN_LONG = 6, 4
# What the bank promises students: self-check questions in all, multiple-answer and fill-in
# ones among them, and questions in the unit self-check.
MIN_BANK = {"self-check": 60, MULTIPLE: 10, FILL_IN: 8}
MIN_UNIT = 15

ABBREVIATIONS = "includes/abbreviations.md"  # the tooltips, appended to every page
GLOSSARY_PAGE = "glossary.md"
REFERENCES_PAGE = "references.md"
HOME_PAGE = "index.md"

_TOOLTIP = re.compile(r"^\*\[([^\]]+)\]:\s*(.+)$", re.MULTILINE)
_HEADING_2 = re.compile(r"^## (.+?)\s*$", re.MULTILINE)
_REFERENCES_HEADING = re.compile(r"^## References\s*$", re.MULTILINE)
CASE = re.compile(r"(?:\*Beyond the notes\.\*\s+)?\*\*Case\.\*\*")
EVIDENCE = re.compile(r"\b[A-Z][\w'’-]+(?: et al\.)? \((?:19|20)\d\d\)")
# "Arjun, 24": a fictional patient's name and age. The words are journal names before a volume.
_PATIENT = re.compile(r"\b([A-Z][a-z]+), (\d\d)\b")
_NOT_NAMES = {"Annals", "Psychiatry", "Review", "Research", "Health"}
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]*\w")
# An Indian mobile number, also as "+91 98765 43210" or "98765-43210".
_PHONE = re.compile(r"(?<![\d-])(?:\+91[\s-]?)?[6-9]\d{4}[ -]?\d{5}(?![\d-])")


@dataclass(frozen=True)
class Source:
    """A file's text as a check reads it, and where that text starts in the file."""

    shown: str  # how messages name the file: "docs/lessons/x.md", "quizzes/x.yml"
    text: str
    first_line: int = 1

    def at(self, offset: int) -> tuple[int, int]:
        """The file's (line, column), 1-based, of text[offset]."""
        line = self.first_line + self.text.count("\n", 0, offset)
        return line, offset - (self.text.rfind("\n", 0, offset) + 1) + 1

    def problem(self, offset: int, message: str, rule: str) -> Problem:
        return Problem(self.shown, *self.at(offset), message, rule=rule)


def page_source(page: Page) -> Source:
    return Source(f"docs/{page.path}", page.body, page.body_line)


def read_source(path: Path, shown: str) -> Source | None:
    """A file read as UTF-8 (None if unreadable: the file's own check reports it)."""
    try:
        text, _ = decode(path.read_bytes(), shown)
    except OSError:
        return None
    return Source(shown, text) if text is not None else None


def content_rule_problems(project: Path, docs_dir: Path, quizzes_dir: Path, quizzes_shown: str,
                          pages: dict[str, Page], quizzes: list[Quiz]) -> list[Problem]:
    """Every cross-file content rule's warnings, for a module whose files are otherwise valid."""
    quiz_sources = [source for file in quiz_files(quizzes_dir)
                    if (source := read_source(file, f"{quizzes_shown}/{file.name}"))]
    tooltips = read_source(project / ABBREVIATIONS, ABBREVIATIONS)
    others = [s for s in (tooltips, read_source(project / "mkdocs.yml", "mkdocs.yml")) if s]
    return [*(problem for path, page in sorted(pages.items()) if path.startswith(LESSONS_DIR)
              for problem in lesson_shape_problems(page)),
            *review_problems(pages, quizzes),
            *glossary_problems(tooltips, pages),
            *citation_problems(pages, quiz_sources),
            *patient_problems(pages, quiz_sources),
            *bank_size_problems(quizzes),
            *level_mix_problems(quizzes),
            *lesson_quiz_problems(quizzes),
            *exam_practice_problems(pages, quizzes),
            *contact_problems([*map(page_source, pages.values()), *quiz_sources, *others])]


# --- review links -------------------------------------------------------------------------------

def review_problems(pages: dict[str, Page], quizzes: list[Quiz]) -> list[Problem]:
    """Every choice and fill-in question says which section to reread (`review:`): without
    it the site falls back to the top of the quiz's lesson. (A `review:` written without its
    '#section' is an error of the quiz itself, review-no-section.)"""
    problems = []
    for quiz in quizzes:
        for question in quiz.questions:
            page = pages.get(question.review)
            if question.kind != WRITTEN and page is not None and page.anchors:
                problems.append(Problem(quiz.source, question.line, 1, (
                    f"question {question.id} has no 'review:'; add the section a student who "
                    "gets it wrong should reread, e.g. 'review: "
                    f"{question.review}#{next(iter(page.anchors))}'"), rule="review-missing"))
    return problems


# --- tooltips and the glossary -----------------------------------------------------------------

def glossary_entries(glossary: Page) -> set[str]:
    """The glossary's terms, lower case: a level-2 heading "## Term" or "## Term (long form)"."""
    return {re.sub(r"\s*\(.*\)$", "", heading).lower()
            for heading in _HEADING_2.findall(glossary.body)}


def glossary_problems(tooltips: Source | None, pages: dict[str, Page]) -> list[Problem]:
    """A tooltip term (`*[term]: definition`) with no entry of that word on the glossary page
    (its singular or plural counts: '## Defence mechanism' serves 'defence mechanisms')."""
    glossary = pages.get(GLOSSARY_PAGE)
    if tooltips is None or glossary is None:
        return []
    entries = glossary_entries(glossary)
    problems = []
    for match in _TOOLTIP.finditer(tooltips.text):
        word = match.group(1).lower()
        if not {word, word.removesuffix("s"), word + "s"} & entries:
            heading = match.group(1)[:1].upper() + match.group(1)[1:]
            problems.append(tooltips.problem(match.start(1), (
                f"the tooltip '{match.group(1)}' has no entry on the glossary page; add a "
                f"heading '## {heading}' with its definition to docs/{GLOSSARY_PAGE} (in "
                "alphabetical order), or delete this line"), rule="glossary-entry-missing"))
    return problems


# --- citations and references (APA 7) ---------------------------------------------------------
# The forms the site uses:
#   narrative      Stuart (2006), Cohen's (1988), Stuart and Robertson (2003, Chapter 15),
#                  Klerman et al. (1984), The ISIPT (n.d.), World Health Organization and
#                  Columbia University (2016)
#   parenthetical  (Stuart & Robertson, 2012), (Beck et al., 1979; Stuart, 2006),
#                  (American Psychiatric Association, 2013, 2022), (ISIPT, n.d.),
#                  (International Society for Interpersonal Psychotherapy [ISIPT], n.d.)
# A reference list entry: "- Author, A. A., & Author, B. (Year). Title…".

YEAR = r"(?:(?:19|20)\d\d|n\.d\.)"
ENTRY = re.compile(rf"^- (?P<authors>.+?)\.? \((?P<year>{YEAR})\)\.", flags=re.MULTILINE)
_INITIALS = re.compile(r"^[A-Z]\.?(?:[ -]?[A-Z]\.?)*$")


@dataclass(frozen=True)
class Citation:
    author: str  # the in-text form: "Stuart & Robertson", "Klerman et al."
    year: str
    offset: int  # where it is in the text read


def entry_authors(authors: str) -> list[str]:
    """'Stuart, S., & Robertson, M.' -> ['Stuart', 'Robertson']; a group author stays whole:
    'World Health Organization & Columbia University' -> ['World Health Organization',
    'Columbia University']."""
    parts = [p.strip() for p in re.split(r",\s+(?:&\s+)?|\s+&\s+", authors.strip().rstrip("."))]
    names, i = [], 0
    while i < len(parts):
        names.append(parts[i])
        i += 2 if i + 1 < len(parts) and _INITIALS.match(parts[i + 1]) else 1
    return names


def in_text_forms(names: list[str]) -> set[str]:
    """How APA 7 cites a work by these authors in running text and in parentheses."""
    if len(names) == 1:
        return {names[0]}
    if len(names) == 2:
        return {f"{names[0]} & {names[1]}", f"{names[0]} and {names[1]}"}
    return {f"{names[0]} et al."}


def reference_entries(text: str) -> dict[tuple[str, str], tuple[int, str]]:
    """{(in-text form, year): (offset, the entry's opening)} for each '- Author. (Year). …'."""
    keys = {}
    for match in ENTRY.finditer(text):
        for form in in_text_forms(entry_authors(match["authors"])):
            keys[(form, match["year"])] = (match.start(), match.group(0))
    return keys


def group_abbreviations(texts: Iterable[str], groups: set[str]) -> dict[str, str]:
    """'International Society for Interpersonal Psychotherapy (ISIPT, n.d.)' or '… [ISIPT]'
    defines ISIPT as short for that group author."""
    found = {}
    for text in texts:
        text = re.sub(r"\s+", " ", text)
        for full, short in re.findall(r"([A-Z][A-Za-z ]+?) [\[(]([A-Z]{2,})[\],)]", text):
            for group in groups:
                if full.endswith(group):
                    found[short] = group
    return found


def without_reference_list(text: str) -> str:
    """A lesson's own '## References' list is its bibliography, not citations."""
    return _REFERENCES_HEADING.split(text, maxsplit=1)[0]


def _flattened(text: str) -> tuple[str, list[int]]:
    """The text with each run of white space as one space (a citation may break across
    lines), and for each of its characters the offset it came from."""
    parts, offsets = [], []
    for match in re.finditer(r"\s+|\S+", text):
        if match.group().isspace():
            parts.append(" ")
            offsets.append(match.start())
        else:
            parts.append(match.group())
            offsets.extend(range(match.start(), match.end()))
    return "".join(parts), offsets


def citations(text: str, abbreviations: dict[str, str]) -> list[Citation]:
    """Every citation in the text, in the forms above."""
    found: list[Citation] = []
    flat, offsets = _flattened(text)

    def expand(author: str) -> str:
        author = re.sub(r"\s*\[[A-Z]{2,}\]", "", author.strip())  # "Society … [ISIPT]"
        author = re.sub(r"^(?:see|e\.g\.,|[Tt]he)\s+", "", author)
        return abbreviations.get(author, author)

    # Parenthetical: "(A, 2001; B & C, 2002, 2003; D et al., 2004, Chapter 15)"
    for group in re.finditer(r"\(([^()]*\b" + YEAR + r"[^()]*)\)", flat):
        start = group.start(1)
        for part in group.group(1).split(";"):
            m = re.match(rf"^\s*(?P<author>[^,]*?(?:\[[A-Z]+\])?(?:\s+et al\.)?),\s*"
                         rf"(?P<years>{YEAR}(?:,\s*{YEAR})*)(?:,.*)?$", part)
            if m and re.search(r"[A-Z]", m["author"]):
                at = offsets[start + len(part) - len(part.lstrip())]
                found += [Citation(expand(m["author"]), year, at)
                          for year in re.findall(YEAR, m["years"])]
            start += len(part) + 1
    # Narrative: "… Author (2001)", "… Author's (2001, Chapter 15)": the words before each
    # "(year)", up to 120 characters back and never past a bracket or an earlier citation.
    # (Found from the year backwards: a pattern that tried every length at every position
    # took a second of each build.)
    done = 0
    for m in re.finditer(rf"(?:'s|’s)?\s\((?P<years>{YEAR}(?:,\s*{YEAR})*)(?:,[^)]*)?\)",
                         flat):
        start = max(m.start() - 120, done, *(flat.rfind(c, 0, m.start()) + 1 for c in "()"))
        before = flat[start:m.start()]
        if not before:
            continue
        done = m.end()
        words = re.search(r"[A-Z][\w'’-]*(?:\s+(?:and|&|for|of|et al\.|[A-Z][\w'’-]*))*"
                          r"(?:\s+et al\.)?$", before.strip())
        if words:
            at = offsets[start + len(before) - len(before.lstrip()) + words.start()]
            found += [Citation(expand(words.group()), year, at)
                      for year in re.findall(YEAR, m["years"])]
    return found


def match_citation(citation: Citation,
                   keys: dict[tuple[str, str], tuple[int, str]]) -> tuple[str, str] | None:
    """The entry (its key) a citation refers to: the longest in-text form ending the words."""
    author = citation.author
    candidates = [key for key in keys if key[1] == citation.year
                  and (author == key[0] or author.endswith(" " + key[0]))]
    return max(candidates, key=lambda key: len(key[0])) if candidates else None


def citing_pages(pages: dict[str, Page]) -> list[Page]:
    """The pages whose citations the references page serves: the lessons, the glossary and
    the home page (the faculty guide cites its own sources)."""
    return [page for path, page in sorted(pages.items())
            if path.startswith(LESSONS_DIR) or path in (GLOSSARY_PAGE, HOME_PAGE)]


def citation_problems(pages: dict[str, Page], quiz_sources: list[Source]) -> list[Problem]:
    """Every citation in the pages and quizzes has an entry on the references page; every
    entry there is cited on a page; each lesson lists in its own References what it cites."""
    references = pages.get(REFERENCES_PAGE)
    if references is None:
        return []
    keys = reference_entries(references.body)
    if not keys:
        return []
    groups = {form for form, _ in keys if " " in form and "et al." not in form
              and " & " not in form and " and " not in form}
    sources = [(page, Source(f"docs/{page.path}", without_reference_list(page.body),
                             page.body_line)) for page in citing_pages(pages)]
    sources += [(None, source) for source in quiz_sources]
    abbreviations = group_abbreviations([s.text for _, s in sources], groups)
    problems, cited = [], set()
    for page, source in sources:
        own = None
        if page is not None and page.path.startswith(LESSONS_DIR):
            parts = _REFERENCES_HEADING.split(page.body, maxsplit=1)
            own = reference_entries(parts[1]) if len(parts) == 2 else {}
        for citation in citations(source.text, abbreviations):
            named = f"{citation.author} ({citation.year})"
            key = match_citation(citation, keys)
            if key is None:
                problems.append(source.problem(citation.offset, (
                    f"{named} is cited here but is not on the references page; add its APA "
                    f"entry to docs/{REFERENCES_PAGE} ('- Author, A. (Year). Title…', in "
                    "alphabetical order), or correct the author or year"),
                    rule="citation-not-in-references"))
                continue
            if page is not None:
                cited.add(key)
            if own is not None and match_citation(citation, own) is None:
                problems.append(source.problem(citation.offset, (
                    f"{named} is cited here but is not in this lesson's own '## References' "
                    f"list; copy its entry from docs/{REFERENCES_PAGE} into that list"),
                    rule="lesson-reference-missing"))
    listed = page_source(references)
    for offset, entry in sorted({keys[key] for key in keys} - {keys[key] for key in cited}):
        problems.append(listed.problem(offset, (
            f"'{entry[2:60]}…' is on the references page but no page cites it; cite it where "
            "the lesson uses it (e.g. 'Author (Year)'), or delete the entry"),
            rule="reference-not-cited"))
    return problems


# --- fictional patients --------------------------------------------------------------------

def patient_problems(pages: dict[str, Page], quiz_sources: list[Source]) -> list[Problem]:
    """'Arjun, 24' in one place and 'Arjun, 38' in another are two stories for one name: each
    mention whose age differs from the name's first mention (lessons first, then quizzes)."""
    sources = [Source(f"docs/{page.path}", without_reference_list(page.body), page.body_line)
               for path, page in sorted(pages.items()) if path.startswith(LESSONS_DIR)]
    first: dict[str, tuple[str, str]] = {}  # name -> (age, where)
    problems = []
    for source in [*sources, *quiz_sources]:
        for match in _PATIENT.finditer(source.text):
            name, age = match.groups()
            if name in _NOT_NAMES:
                continue
            line, col = source.at(match.start())
            if name not in first:
                first[name] = (age, f"{source.shown}:{line}")
            elif first[name][0] != age:
                problems.append(Problem(source.shown, line, col, (
                    f"'{name}, {age}' here, but {name} is {first[name][0]} at {first[name][1]}; "
                    f"one name is one patient: give this patient another name, or the same "
                    "age"), rule="patient-two-ages"))
    return problems


# --- the bank's size and level mix ---------------------------------------------------------

def bank_size_problems(quizzes: list[Quiz]) -> list[Problem]:
    """The self-check bank keeps the size it promises: 60 questions, 10 multiple-answer and 8
    fill-in among them (reported on the shortest lesson self-check, where one is most
    welcome), and 15 in the unit self-check (reported there)."""
    self_check = [q for quiz in quizzes for q in quiz.questions if q.kind != WRITTEN]
    lesson_quizzes = [quiz for quiz in quizzes if quiz.lesson.startswith(LESSONS_DIR)
                      and not quiz.written and quiz.questions]
    problems = []
    if lesson_quizzes:
        shortest = min(lesson_quizzes, key=lambda quiz: len(quiz.questions))
        counts = {"self-check": len(self_check),
                  **Counter(q.kind for q in self_check)}
        for kind, least in MIN_BANK.items():
            if counts.get(kind, 0) < least:
                problems.append(Problem(shortest.source, shortest.questions[-1].line, 1, (
                    f"the bank has {counts.get(kind, 0)} {kind} questions; the module "
                    f"promises at least {least}: add {least - counts.get(kind, 0)} (to this "
                    "self-check, the shortest, or any other)"), rule="bank-too-small"))
    for quiz in quizzes:
        if quiz.lesson == HOME_PAGE and not quiz.written and 0 < len(quiz.questions) < MIN_UNIT:
            problems.append(Problem(quiz.source, quiz.questions[-1].line, 1, (
                f"the unit self-check has {len(quiz.questions)} questions; it needs at least "
                f"{MIN_UNIT}: add {MIN_UNIT - len(quiz.questions)}"), rule="bank-too-small"))
    return problems


def level_mix_problems(quizzes: list[Quiz]) -> list[Problem]:
    """At least 45% of the self-check questions (choice and fill in) apply or analyse, at most
    35% recall; reported on the quiz with the most recall questions, at its first one."""
    self_check = [(quiz, q) for quiz in quizzes for q in quiz.questions if q.kind != WRITTEN]
    if not self_check:
        return []
    total = len(self_check)
    higher = sum(q.level in ("apply", "analyse") for _, q in self_check)
    recall = [(quiz, q) for quiz, q in self_check if q.level == "recall"]
    short_of_higher = math.ceil(APPLY_ANALYSE_AIM * total - higher - 1e-9)
    over_recall = math.ceil(len(recall) - RECALL_AIM * total - 1e-9)
    if short_of_higher <= 0 and over_recall <= 0:
        return []
    per_quiz = Counter(quiz.source for quiz, _ in recall)
    where = (max(recall, key=lambda pair: (per_quiz[pair[0].source], -quizzes.index(pair[0])))
             if recall else self_check[-1])
    figures = (f"apply or analyse {round(100 * higher / total)}% (aim: at least "
               f"{round(APPLY_ANALYSE_AIM * 100)}%), recall {round(100 * len(recall) / total)}%"
               f" (aim: at most {round(RECALL_AIM * 100)}%)")
    change = max(short_of_higher, over_recall, 0)
    return [Problem(where[0].source, where[1].line, 1, (
        f"the {total} self-check questions are {figures}; rewrite {change} recall "
        f"question{'s' * (change != 1)} (this quiz has the most) as apply or analyse questions, "
        "e.g. a short '**Case.**' the student must reason about, with 'level: apply'"),
        rule="level-mix")]


# --- each lesson's self-check: new cases, few evidence questions ---------------------------

def lesson_quiz_problems(quizzes: list[Quiz]) -> list[Problem]:
    """A lesson's self-check has at least four new short cases (a prompt opening '**Case.**',
    after '*Beyond the notes.*' when its key rests on material outside the notes) and at most
    one evidence question (a prompt citing a study: 'Author (Year)')."""
    problems = []
    for quiz in quizzes:
        if not quiz.lesson.startswith(LESSONS_DIR) or quiz.written or not quiz.questions:
            continue
        cases = [q for q in quiz.questions if CASE.match(q.prompt.lstrip())]
        if len(cases) < MIN_CASES:
            need = MIN_CASES - len(cases)
            problems.append(Problem(quiz.source, quiz.questions[-1].line, 1, (
                f"this self-check has {len(cases)} case question{'s' * (len(cases) != 1)}; a "
                f"lesson's self-check needs at least {MIN_CASES}: add {need} (a prompt that "
                "opens '**Case.**' with a new short vignette, not the lesson's own patient)"),
                rule="cases-too-few"))
        evidence = [q for q in quiz.questions if EVIDENCE.search(q.prompt)]
        for question in evidence[MAX_EVIDENCE:]:
            problems.append(Problem(quiz.source, question.line, 1, (
                f"question {question.id} cites a study in its prompt, and so does "
                f"{evidence[0].id}; a self-check asks at most {MAX_EVIDENCE} evidence question: "
                "ask about the idea without the citation, or move the question elsewhere"),
                rule="evidence-too-many"))
    return problems


# --- exam practice ---------------------------------------------------------------------------

def exam_practice_problems(pages: dict[str, Page], quizzes: list[Quiz]) -> list[Problem]:
    """Exam practice (a written quiz of the unit, `lesson: index.md`) has at least six short
    notes (5 marks) and four long answers (10 to 15 marks), and draws on every lesson that
    has a self-check (by its questions' objectives or its marking points' review links)."""
    objective_page = {oid: path for path, page in pages.items() for oid in page.objectives}
    lessons = {quiz.lesson for quiz in quizzes
               if quiz.lesson.startswith(LESSONS_DIR) and not quiz.written}
    problems = []
    for quiz in quizzes:
        if quiz.lesson != HOME_PAGE or not quiz.written or not quiz.questions:
            continue
        short = sum(q.marks == SHORT_MARKS for q in quiz.questions)
        long = sum(q.marks in LONG_MARKS for q in quiz.questions)
        at = (quiz.source, quiz.questions[-1].line, 1)
        for count, least, kind in ((short, MIN_SHORT, f"short notes ({SHORT_MARKS} marks)"),
                                   (long, MIN_LONG, f"long answers ({LONG_MARKS.start} to "
                                                    f"{LONG_MARKS.stop - 1} marks)")):
            if count < least:
                problems.append(Problem(*at, (
                    f"exam practice has {count} {kind}; it needs at least {least}: add "
                    f"{least - count} (or restore one you removed)"),
                    rule="exam-practice-too-few"))
        covered = {objective_page.get(q.objective) for q in quiz.questions}
        covered |= {point.review.partition("#")[0]
                    for q in quiz.questions for point in q.marking_points}
        for path in sorted(lessons - covered):
            problems.append(Problem(*at, (
                f"exam practice has no question on docs/{path}; add one with an objective of "
                f"that lesson, or a marking point whose 'review:' points at it"),
                rule="exam-practice-misses-lesson"))
    return problems


# --- contact details ---------------------------------------------------------------------------

def contact_problems(sources: list[Source]) -> list[Problem]:
    """No e-mail address or (Indian) phone number in any page, quiz or setting: the lecture
    notes' author is credited, never her contact details, and no one else's are published."""
    problems = []
    for source in sources:
        for pattern, what in ((_EMAIL, "an e-mail address"), (_PHONE, "a phone number")):
            for match in pattern.finditer(source.text):
                problems.append(source.problem(match.start(), (
                    f"{what} ({match.group()}) would be published; the module never publishes "
                    "anyone's contact details (the lecturer's included): delete it, and point "
                    "students to the department or the university's website instead"),
                    rule="contact-details"))
    return problems
