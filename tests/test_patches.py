"""Every row of PATCHES in hooks/student_experience.py applies to the real site exactly as
expected, and renaming any text a row relies on fails the strict build, naming the row (so a
Material or mkdocs-quiz upgrade that moves something is reviewed, never silently dropped)."""

from __future__ import annotations

import logging
import re
from functools import cache
from pathlib import Path

import pytest

from hooks import student_experience as hook
from quizkit.build import compile_module
from tests.helpers import ROOT, copy_project, run_mkdocs_build

HOOKS = "hooks:\n"
MODULE_SETTINGS = "  module:\n"


def damage(text: str, patch) -> str:
    """The text as an upstream change might leave it: each occurrence of what the patch expects
    renamed (one character inserted), or, for a "must not occur" row, one occurrence added."""
    if patch.count == 0:
        return text + patch.old
    if isinstance(patch.old, re.Pattern):
        return patch.old.sub(lambda m: m.group(0)[0] + "X" + m.group(0)[1:], text)
    return text.replace(patch.old, patch.old[0] + "X" + patch.old[1:])


def _config(project: Path, old: str, new: str) -> None:
    """mkdocs.yml of the project with its text `old` (which it must have) replaced by `new`."""
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert old in text
    config.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.fixture(scope="module")
def unpatched(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site built without the patches: Material's and mkdocs-quiz's own output."""
    project = copy_project(tmp_path_factory.mktemp("unpatched"))
    _config(project, MODULE_SETTINGS, MODULE_SETTINGS + "    patches: false\n")
    result = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert result.returncode == 0, result.stderr
    return project / "site"


def _samples(site: Path) -> dict[str, tuple[str, str, set[str]]]:
    """scope -> (where, text, scopes) of one real page or file in that scope."""
    quiz = site / sorted(_self_check_pages())[0]
    page_scopes = {hook.EVERY_PAGE, hook.ONLINE_PAGES}
    bundle = next(iter(site.glob("assets/javascripts/bundle.*.min.js")))
    home = ("index.html", (site / "index.html").read_text("utf-8"), page_scopes)
    return {
        hook.EVERY_PAGE: home, hook.ONLINE_PAGES: home,
        hook.QUIZ_PAGES: (quiz.as_posix(), quiz.read_text("utf-8"),
                          page_scopes | {hook.QUIZ_PAGES}),
        hook.BUNDLE: (bundle.name, bundle.read_text("utf-8"), {hook.BUNDLE}),
    }


@cache
def _self_check_pages() -> frozenset[str]:
    """Where mkdocs-quiz runs: every quiz page but the written (exam practice) ones (compiled
    once: every row's test asks)."""
    module, problems = compile_module(ROOT / "docs", ROOT / "quizzes")
    assert module is not None, problems
    return frozenset(f"quizzes/{quiz.name}/index.html" for quiz in module.quizzes
                     if not quiz.written)


def test_every_patch_applies_to_every_real_page(unpatched: Path, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.student_experience")
    applied = set()
    self_checks = _self_check_pages()
    for index in sorted(unpatched.rglob("index.html")):
        rel = index.relative_to(unpatched).as_posix()
        if rel.startswith("print_page/"):
            continue  # written by mkdocs-print-site-plugin after the build: no page hook runs
        scopes = {hook.EVERY_PAGE, hook.ONLINE_PAGES}
        if rel in self_checks:  # from the quiz files, not from the output under test
            scopes.add(hook.QUIZ_PAGES)
        before = index.read_text("utf-8")
        after = hook.apply_patches(before, rel, scopes, "../../")
        applied |= {p.name for p in hook.PATCHES if p.new and p.scope in scopes}
        assert after != before, rel
    bundle = next(iter(unpatched.glob("assets/javascripts/bundle.*.min.js")))
    hook.apply_patches(bundle.read_text("utf-8"), bundle.name, {hook.BUNDLE})
    assert caplog.records == []
    assert applied == {p.name for p in hook.PATCHES if p.new}


@pytest.mark.parametrize("patch", hook.PATCHES, ids=lambda p: p.name)
def test_renaming_what_a_patch_expects_is_a_warning(unpatched: Path, patch, caplog) -> None:
    caplog.set_level(logging.WARNING, logger="mkdocs.plugins.student_experience")
    where, text, scopes = _samples(unpatched)[patch.scope]
    hook.apply_patches(text, where, scopes, "../../")
    assert caplog.records == [], "the real text must pass before it is damaged"
    hook.apply_patches(damage(text, patch), where, scopes, "../../")
    messages = [r.getMessage() for r in caplog.records]
    assert any(repr(patch.name) in m and "no longer applies" in m for m in messages), messages


RENAME_HOOK = '''"""Test only: rename, in the built output, every text a PATCHES row expects."""
import sys
from pathlib import Path

sys.path.insert(0, {root!r})
from tests.test_patches import damage, hook  # noqa: E402


def on_post_page(output, page, config):
    for patch in hook.PATCHES:
        if patch.scope != hook.BUNDLE:
            output = damage(output, patch)
    return output


def on_post_build(config):
    for bundle in Path(config.site_dir, "assets", "javascripts").glob("bundle.*.min.js"):
        text = bundle.read_text("utf-8")
        for patch in hook.PATCHES:
            if patch.scope == hook.BUNDLE:
                text = damage(text, patch)
        bundle.write_text(text, "utf-8")
'''


def test_renamed_upstream_text_fails_the_strict_build(tmp_path: Path) -> None:
    """A real `mkdocs build --strict` with every expected text renamed (by a hook that runs
    before the rows are applied, last of all) fails, and says which rows no longer apply."""
    project = copy_project(tmp_path)
    (project / "hooks" / "rename_upstream.py").write_text(
        RENAME_HOOK.format(root=str(ROOT)), encoding="utf-8")
    _config(project, HOOKS, HOOKS + "  - hooks/rename_upstream.py\n")
    result = run_mkdocs_build(project / "site", project / "mkdocs.yml")
    assert result.returncode != 0
    for patch in hook.PATCHES:
        assert repr(patch.name) in result.stderr, patch.name
