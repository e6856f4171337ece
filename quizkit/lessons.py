"""The checks of the pages faculty write, beyond their front matter: links, and the content rules.

Both are warnings: the preview shows them and carries on (a link to a page about to be
written is normal while working), while `make check` and the strict build (`make build`,
publishing) fail until they are fixed. Each names its line, with a "did you mean" when a
close match exists.
"""

from __future__ import annotations

import posixpath
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from urllib.parse import unquote

from quizkit import sanitize
from quizkit.coverage import COVERAGE_PAGE
from quizkit.model import Quiz, missing_quiz_page
from quizkit.pages import LESSONS_DIR, Page
from quizkit.problems import Problem, suggest
from quizkit.revise import REVISE_PAGE
from quizkit.siteconfig import CONFIG_FILE, check_site_config
from quizkit.validate import quiz_files

MIN_QUESTIONS = 8  # a lesson's self-check
MIN_TESTS_PER_OBJECTIVE = 2
HOME_PAGE = "index.md"  # a quiz for the home page is the unit self-check

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_INLINE_LINK = re.compile(  # [text](target "title"), ![alt](src): the target is group 1
    r"!?\[(?:[^\[\]]|\[[^\]]*\])*\]\(\s*<?([^()\s<>]+)>?(?:\s+[\"'][^\"']*[\"'])?\s*\)")
# A reference definition, also inside a quote, a list item or a box (indented): Markdown
# honours it there too. Not a footnote ([^1]:).
_REFERENCE = re.compile(
    r"^[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)?\[(?!\^)[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
_ADMONITION = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s*[\w-]+", re.MULTILINE)
# The sections every lesson ends with: (anchor, heading).
LESSON_SECTIONS = (("key-points", "## Key points"), ("references", "## References"))


def site_checks(docs_dir: Path, quizzes_dir: Path, pages: dict[str, Page],
                quizzes: Sequence[Quiz] = ()) -> tuple[list[Problem], list[Problem]]:
    """(errors, warnings) of mkdocs.yml and of the links in the pages.

    The pages the site will have are the written ones, a page per quiz file (valid or not, so
    a broken quiz does not also break the links to it), the mock-paper page of each valid
    quiz of written questions (`quizzes`), the coverage page and the Revise page.
    """
    site_pages = {*pages, COVERAGE_PAGE, REVISE_PAGE,
                  *(f"quizzes/{file.stem}.md" for file in quiz_files(quizzes_dir)),
                  *(quiz.paper_page_path for quiz in quizzes if quiz.written)}
    config_file = quizzes_dir.parent / CONFIG_FILE
    errors, warnings = (check_site_config(config_file, site_pages) if config_file.is_file()
                        else ([], []))
    markdown = sanitize.site_settings(config_file) if config_file.is_file() else sanitize.BROAD
    errors += unsafe_link_problems(pages, markdown)
    return errors, (warnings + link_problems(pages, site_pages, docs_dir)
                    + time_mark_problems(pages, quizzes))


def unsafe_link_problems(pages: dict[str, Page],
                         markdown: sanitize.MarkdownSettings) -> list[Problem]:
    """Links, images and event attributes in the pages that could run code or load from
    another site: the check quiz text gets (quizkit.sanitize), on what Markdown makes of the
    page, so a definition in a quote or a list counts too. Errors: nothing is built."""
    problems = []
    for page in pages.values():
        for unsafe in sanitize.check_page(page.body, markdown):
            line = page.body_line + page.body.count("\n", 0, unsafe.offset)
            col = unsafe.offset - (page.body.rfind("\n", 0, unsafe.offset) + 1) + 1
            at = (f"docs/{page.path}", line, col)
            if unsafe.rule == "unsafe-link":
                problems.append(Problem(*at, (
                    f"the link {unsafe.found!r} in this page uses '{unsafe.detail}:', which can "
                    "run code or hide content in a page; link only to pages of this module "
                    "(lessons/page.md#anchor) or to http, https or mailto addresses"),
                    rule="unsafe-link"))
            elif unsafe.rule == "remote-image":
                problems.append(Problem(*at, (
                    f"the image {unsafe.found!r} in this page comes from another site; the "
                    "module loads nothing from other sites (students' privacy, and it must work "
                    "offline): put the picture under docs/assets/ and link to it there"),
                    rule="remote-image"))
            else:
                problems.append(Problem(*at, (
                    f"'{unsafe.detail}' in this page ({unsafe.found!r}) runs a script when the "
                    "reader clicks or loads something, which the site does not allow (and the "
                    "browser would block); remove it"), rule="unsafe-attribute"))
    return problems


def time_mark_problems(pages: dict[str, Page], quizzes: Sequence[Quiz]) -> list[Problem]:
    """Time markers (`<!-- ipt:time PATH -->`, quizkit/timing.py) naming a page that has no
    time: not a lesson, nor a self-check's page."""
    from quizkit.timing import time_marks, timed

    problems = []
    choices = sorted([*(p for p in pages if p.startswith(LESSONS_DIR)),
                      *(q.page_path for q in quizzes if not q.written)])
    for page in pages.values():
        for offset, _, path in time_marks(page.body):
            if timed(path, pages, quizzes):
                continue
            line = page.body_line + page.body.count("\n", 0, offset)
            col = offset - (page.body.rfind("\n", 0, offset) + 1) + 1
            problems.append(Problem(
                f"docs/{page.path}", line, col, f"'<!-- ipt:time {path} -->' names no lesson "
                f"or self-check, so it would show no time; {suggest(path, choices)}",
                rule="time-mark-page"))
    return problems


def links(page: Page) -> list[tuple[int, int, str]]:
    """(line, column, target) of every link and image in a page's Markdown, outside code."""
    found = []
    fence: str | None = None
    for index, text in enumerate(page.body.splitlines()):
        opener = _FENCE.match(text)
        if opener:
            marker = opener.group(1)[0]
            fence = None if fence == marker else (fence or marker)
            continue
        if fence:
            continue
        # Blank out code spans, keeping columns: a link inside `code` is not a link.
        visible = _CODE_SPAN.sub(lambda m: " " * len(m.group(0)), text)
        matches = [*_INLINE_LINK.finditer(visible), *_REFERENCE.finditer(visible)]
        for match in sorted(matches, key=lambda m: m.start(1)):
            found.append((page.body_line + index, match.start(1) + 1, match.group(1)))
    return found


def link_problems(pages: dict[str, Page], site_pages: set[str], docs_dir: Path) -> list[Problem]:
    """Links in the pages to pages, files or headings that do not exist."""
    problems = []
    for page in pages.values():
        for line, col, target in links(page):
            problem = _broken((f"docs/{page.path}", line, col), page, target, pages,
                              site_pages, docs_dir)
            if problem is not None:
                problems.append(problem)
    return problems


def _broken(at: tuple[str, int, int], page: Page, target: str, pages: dict[str, Page],
            site_pages: set[str], docs_dir: Path) -> Problem | None:
    """The problem with one link (at its path, line and column), or None when it works."""
    if _SCHEME.match(target) or target.startswith("/"):
        return None  # another site, e-mail, or a site-absolute link MkDocs itself checks
    path, _, anchor = target.partition("#")
    path = unquote(path)
    folder = posixpath.dirname(page.path)
    resolved = posixpath.normpath(posixpath.join(folder, path)) if path else page.path
    if path.endswith("/"):
        return None  # a folder's address: MkDocs' strict build checks it
    if path and (resolved.startswith("../") or resolved == ".."):
        return Problem(*at, f"the link to '{target}' leaves the docs/ folder; link to a page "
                       "under docs/ (or give a full address starting https://)",
                       rule="link-missing-page")
    if resolved.endswith(".md") and resolved not in site_pages:
        quiz = missing_quiz_page(resolved, site_pages)
        if quiz is not None:  # a deleted quiz file: its page is what the link misses
            return Problem(*at, f"the link to '{target}' goes nowhere: {quiz}",
                           rule="link-missing-page")
        # never "did you mean" the page the link is on: a link to itself is no fix
        hint = suggest(resolved, sorted(site_pages - {page.path}),
                       shown=lambda page: posixpath.relpath(page, folder or "."))
        return Problem(*at, f"the link to '{target}' goes nowhere: docs/{resolved} does not "
                       f"exist; {hint}", rule="link-missing-page")
    if path and not resolved.endswith(".md") and not (docs_dir / resolved).exists():
        return Problem(*at, f"the link to '{target}' goes nowhere: docs/{resolved} does not "
                       "exist; check the spelling", rule="link-missing-page")
    linked = pages.get(resolved)
    if anchor and linked is not None and anchor not in linked.anchors:
        hint = suggest(anchor, linked.anchors, cutoff=0.5, shown=lambda a: f"#{a}",
                       otherwise="headings there: " + ", ".join(f"#{a}" for a in linked.anchors))
        return Problem(*at, f"'#{anchor}' is not a heading on docs/{resolved}; {hint}",
                       rule="link-missing-anchor")
    return None


def content_problems(pages: dict[str, Page], quizzes: list[Quiz]) -> list[Problem]:
    """The module's content rules: full lessons, long enough quizzes, objectives tested twice,
    and a unit self-check that draws on every lesson with a quiz."""
    problems = []
    for page in pages.values():
        if page.path.startswith(LESSONS_DIR) and not _ADMONITION.search(page.body):
            problems.append(Problem(f"docs/{page.path}", page.body_line, 1, "this lesson has "
                                    "no box (admonition); add at least one, e.g. a line "
                                    "'!!! note \"Remember\"' followed by text indented by four "
                                    "spaces", rule="lesson-no-admonition"))
    # Objective ids are unique in the module: a question in any quiz (a lesson's, the unit
    # self-check, exam practice) counts for the objective it names.
    tested = Counter(q.objective for quiz in quizzes for q in quiz.questions)
    first_test = {q.objective: f"{quiz.source}:{q.line}"
                  for quiz in reversed(quizzes) for q in reversed(quiz.questions)}
    for quiz in quizzes:
        if quiz.lesson.startswith(LESSONS_DIR) and not quiz.written \
                and 0 < len(quiz.questions) < MIN_QUESTIONS:
            count = len(quiz.questions)
            problems.append(Problem(quiz.source, quiz.questions[-1].line, 1, f"this quiz has "
                                    f"{count} question{'s' * (count != 1)}; a lesson's "
                                    f"self-check needs at least {MIN_QUESTIONS}: add "
                                    f"{MIN_QUESTIONS - count} more", rule="quiz-too-short"))
    quizzed = {quiz.lesson for quiz in quizzes}
    for path in sorted(quizzed & set(pages)):
        page = pages[path]
        for objective in page.objectives:
            if 0 < tested[objective] < MIN_TESTS_PER_OBJECTIVE:
                line, col = page.objective_positions.get(objective, (1, 1))
                problems.append(Problem(f"docs/{path}", line, col, f"objective '{objective}' "
                                        f"is tested by only one question "
                                        f"({first_test[objective]}); add a second "
                                        f"question with 'objective: {objective}'",
                                        rule="objective-tested-once"))
    lessons_with_quiz = {quiz.lesson for quiz in quizzes
                         if quiz.lesson.startswith(LESSONS_DIR) and not quiz.written}
    for quiz in quizzes:
        if quiz.lesson != HOME_PAGE or quiz.written or not quiz.questions:
            continue
        reviewed = {q.review.partition("#")[0] for q in quiz.questions}
        for path in sorted(lessons_with_quiz - reviewed):
            problems.append(Problem(quiz.source, quiz.questions[-1].line, 1, f"the unit "
                                    f"self-check has no question on docs/{path} (none has "
                                    f"'review: {path}#…'); add one",
                                    rule="unit-quiz-misses-lesson"))
    return problems


def lesson_shape_problems(page: Page) -> list[Problem]:
    """A lesson ends with '## Key points' and '## References', and has no '# ' heading of
    its own (its title, from the front matter, is the page's one top heading)."""
    problems = []
    end = page.body_line + max(len(page.body.splitlines()) - 1, 0)  # its last line
    for anchor, heading in LESSON_SECTIONS:
        if anchor not in page.anchors:
            problems.append(Problem(f"docs/{page.path}", end, 1, (
                f"this lesson has no '{heading}' section; every lesson ends with '## Key "
                "points' (a short summary) and then '## References' (the works it cites, in "
                f"APA style): add a line '{heading}' and its text"),
                rule="lesson-section-missing"))
    fence: str | None = None
    for index, text in enumerate(page.body.splitlines()):
        opener = _FENCE.match(text)
        if opener:
            marker = opener.group(1)[0]
            fence = None if fence == marker else (fence or marker)
        elif fence is None and text.startswith("# "):
            problems.append(Problem(f"docs/{page.path}", page.body_line + index, 1, (
                "a '# ' heading (one hash) in a lesson would be a second title: the title "
                "comes from 'title:' in the front matter; make this a section, '## "
                f"{text[2:].strip()}'"), rule="lesson-heading-1"))
    return problems
