"""The MkDocs internals the module relies on (hooks/internals.py) are still there and still
behave as relied on: an upgrade of MkDocs that moves one fails here, naming it. And the module
plugin's typed settings (hooks/module_plugin.py) refuse a value they cannot take."""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from hooks import internals
from tests.helpers import ROOT, copy_project, run_mkdocs_build


def test_the_preview_rebuild_can_be_wrapped(tmp_path: Path) -> None:
    calls: list[str] = []
    server = LiveReloadServer(builder=lambda: calls.append("built"), host="127.0.0.1", port=0,
                              root=str(tmp_path))
    try:
        def wrapper(rebuild):
            def wrapped() -> None:
                calls.append("before")
                rebuild()
            return wrapped

        internals.wrap_rebuild(server, wrapper)
        server.builder()
    finally:
        server.server_close()
    assert calls == ["before", "built"]


def test_anchor_ids_added_after_rendering_count_for_validation(tmp_path: Path) -> None:
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path)})
    errors, _ = config.validate()
    assert errors == []
    (tmp_path / "a.md").write_text("# A\n\n## Section\n", encoding="utf-8")
    file = File("a.md", str(tmp_path), str(tmp_path / "site"), use_directory_urls=True)
    page = Page(None, file, config)
    page.read_source(config)
    page.render(config, Files([file]))
    assert "section" in page.present_anchor_ids
    internals.add_anchor_ids(page, ["quiz-0"])
    assert {"section", "quiz-0"} <= page.present_anchor_ids


def test_a_wrong_setting_of_the_module_plugin_is_one_line(tmp_path: Path) -> None:
    """The plugin's settings are typed: a value it cannot take stops the build in one line,
    with its rule id, before anything is built."""
    project = copy_project(tmp_path)
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        'annotations: !ENV [QUIZ_ANNOTATIONS, ""]', "annotations: gitlab", 1), encoding="utf-8")
    result = run_mkdocs_build(tmp_path / "site", config)
    assert result.returncode == 1 and "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if "[module-setting]" in line]
    assert len(lines) == 1 and "annotations" in lines[0] and "gitlab" in lines[0], result.stderr
    assert not (tmp_path / "site").exists()


def test_each_build_starts_with_nothing_of_the_last_one(tmp_path: Path) -> None:
    """The plugin's state is made afresh in on_config, as every build and every `mkdocs serve`
    rebuild starts (MkDocs keeps one plugin object for the whole process)."""
    from hooks.module_plugin import ModulePlugin

    plugin = ModulePlugin()
    assert {"on_config", "on_pre_build", "on_post_page", "on_post_build"} <= set(plugin.events())
    config = MkDocsConfig()
    config.load_dict({"site_name": "Test", "docs_dir": str(tmp_path),
                      "extra": {"module": {"annotations": "github"}}})
    assert config.validate()[0] == []
    plugin.module, plugin.first_lesson, plugin.refused = object(), "lessons/a.md", ["x.md"]
    plugin.on_config(config)
    assert (plugin.module, plugin.first_lesson, plugin.path, plugin.refused) == (None, None, [], [])
    assert plugin.config.annotations == "github" and plugin.config.patches is True


def test_no_module_of_the_build_keeps_state_in_a_global() -> None:
    """Build state belongs to the plugin object: no `global` statement in the MkDocs glue."""
    import ast

    sources = [*sorted((ROOT / "hooks").glob("*.py")), ROOT / "build_quiz.py"]
    found = [f"{path.relative_to(ROOT)}:{node.lineno}" for path in sources
             for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
             if isinstance(node, ast.Global)]
    assert found == []
