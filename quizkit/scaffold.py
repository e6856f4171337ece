"""Start a new quiz file for a lesson: `make new-quiz LESSON=lessons/NAME.md`.

The file has the schema modeline, the lesson's path, and one commented-out example of each
question kind, tagged with the lesson's real objective ids and pointing at a real heading, so
that uncommenting an example is enough for `make check` to pass.
"""

from __future__ import annotations

from pathlib import Path

from quizkit.model import FILL_IN, MULTIPLE, SINGLE, WRITTEN
from quizkit.pages import Page, read_page
from quizkit.render import yaml_string

MODELINE = "# yaml-language-server: $schema=schema.json"

# One commented example of each kind of question, in this order: a new quiz file shows them
# all. Each is (which of the lesson's objectives it tags: 0 the first, 1 the second…, counted
# round when the lesson has fewer; the text, with {name}, the quiz file's stem, {objective} and
# {review}, a section of the lesson).
EXAMPLES: dict[str, tuple[int, str]] = {
    SINGLE: (0, """\
  # Single choice: exactly one option has 'correct: true'; every other option says why it
  # is wrong in 'feedback:'.
  # - id: {name}-example-single
  #   objective: {objective}
  #   level: recall
  #   prompt: Write the question here. Which option is right?
  #   options:
  #     - text: The right answer
  #       correct: true
  #     - text: A tempting wrong answer
  #       feedback: Why this is wrong, and what is right instead.
  #     - text: Another tempting wrong answer
  #       feedback: Why this one is wrong.
  #   explanation: |
  #     Teach the point in a sentence or two: do not just repeat the answer.
  #   review: {review}

"""),
    MULTIPLE: (1, """\
  # Multiple answer: 'multiple: true', and two or more options have 'correct: true'.
  # Students get checkboxes and must pick them all.
  # - id: {name}-example-multiple
  #   objective: {objective}
  #   level: understand
  #   multiple: true
  #   prompt: Which statements are correct? Select all that apply.
  #   options:
  #     - text: A true statement
  #       correct: true
  #     - text: Another true statement
  #       correct: true
  #     - text: A false statement
  #       feedback: Why this statement is false.
  #   explanation: |
  #     Say why the right statements are right.
  #   review: {review}

"""),
    FILL_IN: (2, """\
  # Fill in: no options; write each expected answer in double brackets in the prompt, with
  # every other right answer after a '|': [[contract|agreement]]. Keep answers to one word or
  # number (they are matched ignoring case, spaces, and phone dashes and quotes).
  # - id: {name}-example-fill-in
  #   objective: {objective}
  #   level: recall
  #   prompt: A sentence with the missing [[word]] written in double brackets.
  #   explanation: |
  #     Explain the answer in a sentence or two.
  #   review: {review}

"""),
    WRITTEN: (0, """\
# Written (exam) questions are not part of a self-check: they go in
# quizzes/exam-practice.yml, where students write an answer and mark it against the points.
# Their shape, for copying there (the points' marks add up to the question's marks):
#  - id: ex-{name}-example
#    objective: {objective}
#    level: analyse
#    prompt: Write a short note on the main idea of this lesson.
#    marks: 5
#    marking_points:
#      - text: What a good answer says first
#        marks: 3
#        review: {review}
#      - text: What else it says, with an example
#        marks: 2
#        review: {review}
#    outline: |
#      1. Definition.
#      2. Example.
"""),
}


class ScaffoldError(Exception):
    """Why no quiz file was made, in one line a faculty member can act on, with its rule id."""

    def __init__(self, message: str, rule: str) -> None:
        super().__init__(message)
        self.rule = rule


def lesson_path(argument: str) -> str:
    """'lessons/x.md', 'docs/lessons/x.md' or './docs/lessons/x.md' -> 'lessons/x.md'."""
    path = argument.strip().replace("\\", "/")
    while path.startswith("./"):
        path = path[2:]
    return path.removeprefix("docs/")


def scaffold_text(page: Page, name: str) -> str:
    """The new quiz file's text, for the lesson `page`, with question ids starting `name-`."""
    ids = list(page.objectives)
    first_anchor = next(iter(page.anchors), "")
    review = page.path + (f"#{first_anchor}" if first_anchor else "")
    title = f"{page.title or name}: check your understanding"
    objectives = "\n".join(f"#   {oid}: {sentence}" for oid, sentence in page.objectives.items())
    headings = "\n".join(f"#   {page.path}#{anchor}   ({text})"
                         for anchor, text in page.anchors.items()) or "#   (none)"
    examples = "".join(text.format(name=name, objective=ids[which % len(ids)], review=review)
                       for which, text in EXAMPLES.values())
    return f"""{MODELINE}
# A new quiz for docs/{page.path}, started by `make new-quiz`.
#
# Next steps (docs/faculty/editing.md, "Starting a new quiz", has the details):
#   1. Uncomment the examples you want (delete the '# ' at the start of their lines, keeping
#      the two spaces before '- id:') and rewrite them. `make check` fails until the quiz has
#      at least one question.
#   2. Copy an example for each further question. Every id must be new across all quizzes.
#   3. Add quizzes/{name}.md to the nav in mkdocs.yml, on the line after its lesson.
#   4. Run `make check`, then `make serve` and open the quiz page.
#
# The objectives of this lesson (test each one with at least one question):
{objectives}
# Sections a question can send students back to with 'review:':
{headings}

title: {yaml_string(title)}
lesson: {page.path}
questions:
  # Options may be written in any order: students see them shuffled. Avoid the cues the
  # compiler warns about (a right option much longer than the others; 'always', 'never',
  # 'only'… in wrong options only; 'all of the above').
{examples}"""


def new_quiz(docs_dir: Path, quizzes_dir: Path, argument: str) -> Path:
    """Write quizzes/NAME.yml for the lesson named by `argument`; never overwrites a file."""
    if not argument.strip():
        raise ScaffoldError("say which lesson the quiz is for: make new-quiz "
                            "LESSON=lessons/NAME.md", rule="new-quiz-no-lesson")
    rel = lesson_path(argument)
    docs = docs_dir.resolve()
    if not (docs / rel).resolve().is_relative_to(docs):
        raise ScaffoldError(f"LESSON={argument} is outside docs/: give the path of a lesson "
                            "under docs/, e.g. LESSON=lessons/time-limit.md",
                            rule="new-quiz-outside-docs")
    if not rel.endswith(".md"):
        raise ScaffoldError(f"LESSON={argument} is not a lesson page: give the page's path "
                            "under docs/, e.g. LESSON=lessons/time-limit.md",
                            rule="new-quiz-not-a-page")
    if not (docs_dir / rel).is_file():
        raise ScaffoldError(f"docs/{rel} does not exist; give the path of an existing lesson, "
                            "e.g. LESSON=lessons/time-limit.md", rule="new-quiz-missing-lesson")
    page, problems = read_page(docs_dir, rel)
    if problems or page is None:
        first = problems[0] if problems else f"docs/{rel}: cannot read this page"
        raise ScaffoldError(f"fix the lesson's front matter first: {first}",
                            rule="new-quiz-lesson-problem")
    if not page.objectives:
        raise ScaffoldError(f"docs/{rel} declares no objectives in its front matter; add "
                            "them first (questions are tagged with objective ids)",
                            rule="new-quiz-no-objectives")
    name = Path(rel).stem
    target = quizzes_dir / f"{name}.yml"
    if target.exists():
        raise ScaffoldError(f"quizzes/{target.name} already exists; edit it, or delete it "
                            "first to start again", rule="new-quiz-exists")
    try:
        with target.open("x", encoding="utf-8", newline="\n") as file:  # "x": never overwrite
            file.write(scaffold_text(page, name))
    except OSError as error:
        raise ScaffoldError(f"quizzes/{target.name}: cannot write it: "
                            f"{error.strerror or error}", rule="new-quiz-unwritable") from error
    return target
