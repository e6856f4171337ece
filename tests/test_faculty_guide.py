"""The faculty guide explains every message the tools can give, and the README points to it.

Every message ends with a rule id (`path:line:col: message [rule-id]`), and every rule id is one
entry of one registry, quizkit/rules.py RULES (a Problem or a tagged line with any other id is
refused). The guide's "Every message explained" (its own page, docs/faculty/messages.md) has
exactly one bullet per registered rule, in
the form "- `rule-id` (error|warning|note): the message, what it means. **Fix:** how to fix
it.", under the section the registry names, at the registry's level; and lists no other id.
Adding a rule means one entry in RULES and its bullet.
"""

from __future__ import annotations

import re

import pytest

from quizkit.anchors import heading_anchors
from quizkit.problems import Problem, tagged
from quizkit.rules import RULES, WARNING
from quizkit.schema import ALLOWABLE
from tests.helpers import ROOT

GUIDE = ROOT / "docs" / "faculty" / "editing.md"
MESSAGES = ROOT / "docs" / "faculty" / "messages.md"  # "Every message explained"
RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# A rule id written into the tools' code: `rule="…"` (Problem, Document.at, tagged, Hint,
# ScaffoldError, fail…), or `rule = "…"`.
RULE_LITERAL = re.compile(r"""\brule\s*=\s*["']([^"']+)["']""")
SOURCES = sorted({*ROOT.glob("quizkit/*.py"), ROOT / "build_quiz.py", *ROOT.glob("tools/*.py"),
                  *ROOT.glob("hooks/*.py"), ROOT / "tasks.py"})


def guide_rules() -> dict[str, tuple[str, str, str]]:
    """rule id -> (level, section, text) of each bullet of the guide's message list."""
    section = MESSAGES.read_text(encoding="utf-8")
    rules: dict[str, tuple[str, str, str]] = {}
    heading = ""
    for block in re.split(r"\n(?=- |#|\n)", section):
        title = re.match(r"## (.+)", block.strip())
        if title:
            heading = title.group(1).strip()
            continue
        match = re.match(r"- `([^`]+)` \((error|warning|note)\): ", block)
        if match:
            assert match.group(1) not in rules, f"the guide lists '{match.group(1)}' twice"
            rules[match.group(1)] = (match.group(2), heading, " ".join(block.split()))
    return rules


def test_every_registered_rule_is_explained_in_its_section_at_its_level() -> None:
    documented = guide_rules()
    for rule, entry in RULES.items():
        assert RULE_ID.match(rule), f"rule id '{rule}' is not kebab-case"
        assert rule in documented, (
            f"[{rule}] is registered, but docs/faculty/messages.md does not list it; add "
            f"'- `{rule}` ({entry.level}): the message. What it means. **Fix:** …' under "
            f"'## {entry.section}'")
        level, section, text = documented[rule]
        assert (level, section) == (entry.level, entry.section), rule
        assert "**Fix:**" in text, f"the guide's entry for {rule} has no '**Fix:**'"


def test_the_guide_explains_only_registered_rules() -> None:
    unknown = sorted(set(guide_rules()) - set(RULES))
    assert unknown == [], f"the guide lists rule ids quizkit/rules.py does not register: {unknown}"


def test_every_rule_id_in_the_code_is_registered() -> None:
    """A mistyped id in a path no test runs would still be refused when it is reported:
    found here first."""
    written = {(path.relative_to(ROOT).as_posix(), rule) for path in SOURCES
               for rule in RULE_LITERAL.findall(path.read_text(encoding="utf-8"))}
    assert len(written) > 100  # guard the guard: the scan sees the code's ids
    assert sorted(f"{path}: {rule}" for path, rule in written if rule not in RULES) == []


def test_the_warnings_a_question_may_allow_are_registered_warnings() -> None:
    assert all(RULES[rule].level == WARNING for rule in ALLOWABLE)


def test_an_unregistered_rule_id_is_refused() -> None:
    with pytest.raises(ValueError, match=r"quizkit/rules\.py"):
        Problem("quizzes/a.yml", 1, 1, "x", rule="no-such-rule")
    with pytest.raises(ValueError, match=r"quizkit/rules\.py"):
        tagged("x", rule="no-such-rule")
    assert str(Problem("quizzes/a.yml", 3, 5, "a tab", rule="yaml-tab")) == \
        "quizzes/a.yml:3:5: a tab [yaml-tab]"


def test_a_rule_named_in_the_how_to_part_links_to_its_explanation() -> None:
    """Wherever the guide names a rule id, it is a link to the section of "Every message
    explained" that explains it, written [`rule-id`](messages.md#anchor-of-its-section), so a
    teacher reading about a rule reaches its fix in one click (a bullet has no anchor of its
    own: the section's heading is the target)."""
    text = GUIDE.read_text(encoding="utf-8")
    anchors = {title: anchor for anchor, title in heading_anchors(
        MESSAGES.read_text(encoding="utf-8").split("---", 2)[2], ROOT / "docs").items()}
    how_to = text
    # Code blocks show the message itself, with its id in square brackets: not a link.
    how_to = re.sub(r"^```.*?^```", lambda m: "\n" * m.group().count("\n"), how_to,
                    flags=re.DOTALL | re.MULTILINE)
    named = 0
    for match in re.finditer(r"(\[)?`([a-z0-9-]+)`(\]\(messages\.md#[^)]*\))?", how_to):
        rule = match.group(2)
        if rule not in RULES:
            continue
        named += 1
        wanted = f"[`{rule}`](messages.md#{anchors[RULES[rule].section.replace('`', '')]})"
        line = how_to.count("\n", 0, match.start()) + 1
        assert match.group() == wanted, (
            f"docs/faculty/editing.md:{line}: write the rule id as a link to its explanation: "
            f"{wanted}")
    assert named >= 5  # guard the guard: the how-to part names rules, and they were found


def test_guide_has_the_sections_the_site_links_to() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: Editing this module\n---\n")
    assert "objectives:" not in text.split("---")[1]
    assert re.search(r"^## Reading the coverage page$", text, re.MULTILINE)


def test_readme_links_the_guide() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "docs/faculty/editing.md" in text
    for target in ("make lms", "make handouts", "make new-quiz"):
        assert target in text
