"""Every rule id the tools can report, in one registry: RULES.

Every message to a faculty member ends with the id of the rule it reports
(`path:line:col: message [rule-id]`); a question's `allow:` names the warning it silences. A
Problem or a tagged line with an id not in RULES is refused (quizkit/problems.py), and the
faculty page "Every message explained" (docs/faculty/messages.md) lists exactly these ids,
each under its section with its level (tests/test_faculty_guide.py checks both ways). Adding a
rule: one entry here and one bullet on that page. Python's standard library only (tasks.py
reports with it before anything is installed).
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR, WARNING, NOTE = "error", "warning", "note"

# The sections of "Every message explained" (docs/faculty/messages.md), where each rule is
# explained.
READING = "Reading the file"
CHARACTERS = "Characters from Word or a phone"
YAML_SYNTAX = "YAML syntax"
FRONT_MATTER = "Lesson front matter"
LESSON_LINKS = "Links in lessons"
PICTURES = "Pictures"
CONTENT_RULES = "The module's content rules"
SITE_SETTINGS = "The site's settings (mkdocs.yml)"
QUIZ_FORMAT = "Quiz format"
QUESTION_SETTINGS = "Levels, written questions, `shuffle`, `typos` and `allow`"
PAPERS = "Question papers (`papers:`)"
QUIZ_RULES = "Quiz rules (checked against the lessons and the other quizzes)"
FAIRNESS = "Fair questions"
SAFE_TEXT = "Text that could reach a page as HTML or script"
COVERAGE = "Coverage"
NEW_QUIZ = "Starting a new quiz (`make new-quiz`)"
PUBLISHING = "Previewing and publishing (`make serve`, `make build`, `make publish`)"
SETUP = "Setting up (the first `make …` or `py tasks.py …`)"
EXPORTS = "Exports (`make lms`, `make handouts`, `build_quiz.py --out`)"


@dataclass(frozen=True)
class Rule:
    """A rule: its level (an error stops the build; a warning fails `make check`, `make build`
    and `make publish` but not the preview; a note only informs) and the section of the guide
    that explains it and says how to fix it."""

    level: str
    section: str


RULES: dict[str, Rule] = {
    # Reading the file
    "file-encoding": Rule(ERROR, READING),
    "file-unreadable": Rule(ERROR, READING),
    "file-empty": Rule(ERROR, READING),
    "yaml-characters": Rule(ERROR, READING),
    "yaml-duplicate-key": Rule(ERROR, READING),
    # Characters from Word or a phone
    "yaml-tab": Rule(ERROR, CHARACTERS),
    "yaml-nbsp": Rule(ERROR, CHARACTERS),
    "yaml-dash": Rule(ERROR, CHARACTERS),
    "yaml-curly-quote": Rule(ERROR, CHARACTERS),
    "yaml-apostrophe": Rule(ERROR, CHARACTERS),
    # YAML syntax
    "yaml-comment": Rule(ERROR, YAML_SYNTAX),
    "yaml-missing-colon": Rule(ERROR, YAML_SYNTAX),
    "yaml-missing-space": Rule(ERROR, YAML_SYNTAX),
    "yaml-inner-quote": Rule(ERROR, YAML_SYNTAX),
    "yaml-indent": Rule(ERROR, YAML_SYNTAX),
    "yaml-missing-dash": Rule(ERROR, YAML_SYNTAX),
    "yaml-colon": Rule(ERROR, YAML_SYNTAX),
    "yaml-star": Rule(ERROR, YAML_SYNTAX),
    "yaml-alias": Rule(ERROR, YAML_SYNTAX),
    "yaml-reserved-start": Rule(ERROR, YAML_SYNTAX),
    "yaml-unclosed-quote": Rule(ERROR, YAML_SYNTAX),
    "yaml-backslash": Rule(ERROR, YAML_SYNTAX),
    "yaml-syntax": Rule(ERROR, YAML_SYNTAX),
    # Lesson front matter
    "lesson-front-matter": Rule(ERROR, FRONT_MATTER),
    "front-matter-shape": Rule(ERROR, FRONT_MATTER),
    "front-matter-missing-key": Rule(ERROR, FRONT_MATTER),
    "lesson-title": Rule(ERROR, FRONT_MATTER),
    "minutes-not-used": Rule(NOTE, FRONT_MATTER),
    "front-matter-quiz": Rule(ERROR, FRONT_MATTER),
    "objectives-shape": Rule(ERROR, FRONT_MATTER),
    "objective-count": Rule(ERROR, FRONT_MATTER),
    "objective-id": Rule(ERROR, FRONT_MATTER),
    "objective-sentence": Rule(ERROR, FRONT_MATTER),
    "objective-duplicate-id": Rule(ERROR, FRONT_MATTER),
    # Links in lessons
    "link-missing-page": Rule(WARNING, LESSON_LINKS),
    "link-missing-anchor": Rule(WARNING, LESSON_LINKS),
    "time-mark-page": Rule(WARNING, LESSON_LINKS),
    # Pictures
    "image-no-alt": Rule(ERROR, PICTURES),
    "image-too-large": Rule(WARNING, PICTURES),
    # The module's content rules
    "quiz-too-short": Rule(WARNING, CONTENT_RULES),
    "objective-tested-once": Rule(WARNING, CONTENT_RULES),
    "lesson-no-admonition": Rule(WARNING, CONTENT_RULES),
    "unit-quiz-misses-lesson": Rule(WARNING, CONTENT_RULES),
    "review-missing": Rule(WARNING, CONTENT_RULES),
    "lesson-section-missing": Rule(WARNING, CONTENT_RULES),
    "lesson-heading-1": Rule(WARNING, CONTENT_RULES),
    "glossary-entry-missing": Rule(WARNING, CONTENT_RULES),
    "citation-not-in-references": Rule(WARNING, CONTENT_RULES),
    "reference-not-cited": Rule(WARNING, CONTENT_RULES),
    "lesson-reference-missing": Rule(WARNING, CONTENT_RULES),
    "patient-two-ages": Rule(WARNING, CONTENT_RULES),
    "bank-too-small": Rule(WARNING, CONTENT_RULES),
    "level-mix": Rule(WARNING, CONTENT_RULES),
    "cases-too-few": Rule(WARNING, CONTENT_RULES),
    "evidence-too-many": Rule(WARNING, CONTENT_RULES),
    "exam-practice-too-few": Rule(WARNING, CONTENT_RULES),
    "exam-practice-misses-lesson": Rule(WARNING, CONTENT_RULES),
    "contact-details": Rule(WARNING, CONTENT_RULES),
    # The site's settings (mkdocs.yml)
    "nav-missing-page": Rule(WARNING, SITE_SETTINGS),
    "nav-omitted-page": Rule(WARNING, SITE_SETTINGS),
    "module-setting": Rule(ERROR, SITE_SETTINGS),
    # Quiz format
    "wrong-type": Rule(ERROR, QUIZ_FORMAT),
    "unknown-key": Rule(ERROR, QUIZ_FORMAT),
    "missing-key": Rule(ERROR, QUIZ_FORMAT),
    "option-without-feedback": Rule(ERROR, QUIZ_FORMAT),
    "no-correct-option": Rule(ERROR, QUIZ_FORMAT),
    "multiple-not-declared": Rule(ERROR, QUIZ_FORMAT),
    "multiple-one-correct": Rule(ERROR, QUIZ_FORMAT),
    "option-count": Rule(ERROR, QUIZ_FORMAT),
    "no-questions": Rule(ERROR, QUIZ_FORMAT),
    "empty-text": Rule(ERROR, QUIZ_FORMAT),
    "options-and-blank": Rule(ERROR, QUIZ_FORMAT),
    "no-options-no-blank": Rule(ERROR, QUIZ_FORMAT),
    "bad-id": Rule(ERROR, QUIZ_FORMAT),
    "text-multiline": Rule(ERROR, QUIZ_FORMAT),
    "bad-page-path": Rule(ERROR, QUIZ_FORMAT),
    "schema-rule": Rule(ERROR, QUIZ_FORMAT),
    # Levels, written questions, `shuffle`, `typos` and `allow`
    "level-missing": Rule(ERROR, QUESTION_SETTINGS),
    "level-unknown": Rule(ERROR, QUESTION_SETTINGS),
    "not-true-false": Rule(ERROR, QUESTION_SETTINGS),
    "key-not-applicable": Rule(ERROR, QUESTION_SETTINGS),
    "allow-unknown-rule": Rule(ERROR, QUESTION_SETTINGS),
    "allow-no-reason": Rule(ERROR, QUESTION_SETTINGS),
    "allow-not-mapping": Rule(ERROR, QUESTION_SETTINGS),
    "written-incomplete": Rule(ERROR, QUESTION_SETTINGS),
    "written-with-options": Rule(ERROR, QUESTION_SETTINGS),
    "written-in-self-check": Rule(ERROR, QUESTION_SETTINGS),
    "written-with-blank": Rule(ERROR, QUESTION_SETTINGS),
    "marks-number": Rule(ERROR, QUESTION_SETTINGS),
    "extra-credit-too-many": Rule(ERROR, QUESTION_SETTINGS),
    "marks-total": Rule(ERROR, QUESTION_SETTINGS),
    "empty-alternative": Rule(ERROR, QUESTION_SETTINGS),
    # Question papers (`papers:`)
    "papers-not-written": Rule(ERROR, PAPERS),
    "paper-duplicate-id": Rule(ERROR, PAPERS),
    "paper-question-id": Rule(ERROR, PAPERS),
    "paper-unknown-question": Rule(ERROR, PAPERS),
    "paper-repeated-question": Rule(ERROR, PAPERS),
    "paper-answer-number": Rule(ERROR, PAPERS),
    "paper-answer-too-many": Rule(ERROR, PAPERS),
    "paper-unequal-marks": Rule(ERROR, PAPERS),
    "paper-short-note-prompt": Rule(ERROR, PAPERS),
    "paper-beyond-syllabus": Rule(ERROR, PAPERS),
    # Quiz rules (checked against the lessons and the other quizzes)
    "revise-page-collision": Rule(ERROR, QUIZ_RULES),
    "lesson-missing": Rule(ERROR, QUIZ_RULES),
    "lesson-no-objectives": Rule(ERROR, QUIZ_RULES),
    "objective-undeclared": Rule(ERROR, QUIZ_RULES),
    "review-page-missing": Rule(ERROR, QUIZ_RULES),
    "review-anchor-missing": Rule(ERROR, QUIZ_RULES),
    "review-no-section": Rule(ERROR, QUIZ_RULES),
    "duplicate-id": Rule(ERROR, QUIZ_RULES),
    "answer-line": Rule(ERROR, QUIZ_RULES),
    "brackets-outside-prompt": Rule(ERROR, QUIZ_RULES),
    "empty-blank": Rule(ERROR, QUIZ_RULES),
    "explanation-quote": Rule(ERROR, QUIZ_RULES),
    "page-collision": Rule(ERROR, QUIZ_RULES),
    "coverage-page-collision": Rule(ERROR, QUIZ_RULES),
    # Fair questions
    "all-of-the-above": Rule(ERROR, FAIRNESS),
    "duplicate-option": Rule(ERROR, FAIRNESS),
    "longest-option": Rule(WARNING, FAIRNESS),
    "absolute-word": Rule(WARNING, FAIRNESS),
    "few-options": Rule(WARNING, FAIRNESS),
    "option-refers-to-others": Rule(ERROR, FAIRNESS),
    "count-in-stem": Rule(WARNING, FAIRNESS),
    "stem-word-in-key": Rule(WARNING, FAIRNESS),
    "allow-unused": Rule(WARNING, FAIRNESS),
    # Text that could reach a page as HTML or script
    "raw-html": Rule(ERROR, SAFE_TEXT),
    "unsafe-link": Rule(ERROR, SAFE_TEXT),
    "unsafe-attribute": Rule(ERROR, SAFE_TEXT),
    "remote-image": Rule(ERROR, SAFE_TEXT),
    "quiz-roundtrip": Rule(ERROR, SAFE_TEXT),
    "quiz-markup": Rule(ERROR, SAFE_TEXT),
    "title-one-line": Rule(ERROR, SAFE_TEXT),
    # Coverage
    "untested-objective": Rule(WARNING, COVERAGE),
    "lesson-no-quiz": Rule(NOTE, COVERAGE),
    # Starting a new quiz (`make new-quiz`)
    "new-quiz-no-lesson": Rule(ERROR, NEW_QUIZ),
    "new-quiz-outside-docs": Rule(ERROR, NEW_QUIZ),
    "new-quiz-not-a-page": Rule(ERROR, NEW_QUIZ),
    "new-quiz-missing-lesson": Rule(ERROR, NEW_QUIZ),
    "new-quiz-lesson-problem": Rule(ERROR, NEW_QUIZ),
    "new-quiz-no-objectives": Rule(ERROR, NEW_QUIZ),
    "new-quiz-exists": Rule(ERROR, NEW_QUIZ),
    "new-quiz-unwritable": Rule(ERROR, NEW_QUIZ),
    # Previewing and publishing (`make serve`, `make build`, `make publish`)
    "revise-no-questions": Rule(WARNING, PUBLISHING),
    "preview-port-busy": Rule(ERROR, PUBLISHING),
    "publish-no-remote": Rule(ERROR, PUBLISHING),
    "publish-not-github": Rule(ERROR, PUBLISHING),
    "publish-no-site-url": Rule(WARNING, PUBLISHING),
    "unsafe-output": Rule(ERROR, PUBLISHING),
    "app-keep-unit-mark": Rule(WARNING, PUBLISHING),
    # Setting up (the first `make …` or `py tasks.py …`)
    "setup-python-too-old": Rule(ERROR, SETUP),
    "setup-no-venv": Rule(ERROR, SETUP),
    "setup-install-failed": Rule(ERROR, SETUP),
    "setup-lock-stale": Rule(ERROR, SETUP),
    # Exports (`make lms`, `make handouts`, `build_quiz.py --out`)
    "output-unwritable": Rule(ERROR, EXPORTS),
}
