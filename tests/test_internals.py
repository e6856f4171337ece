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
from tests.helpers import copy_project, run_mkdocs_build


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
