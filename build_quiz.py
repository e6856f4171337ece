"""Compile the YAML quizzes in quizzes/ into mkdocs-quiz pages.

Two ways in, one pipeline (load -> validate -> render, in the quizkit package beside this file):

* command line:  python build_quiz.py --check       validate every quiz and lesson front matter
                 python build_quiz.py --out DIR     ...and write the generated pages into DIR
                 python build_quiz.py --lms DIR     ...and write Moodle XML and QTI packages
                 python build_quiz.py --handouts DIR   ...and write printable worksheets and keys
                 python build_quiz.py --new-quiz lessons/NAME.md   start quizzes/NAME.yml
* MkDocs hook:   listed under `hooks:` in mkdocs.yml. It validates before MkDocs cleans site/
                 (so a broken quiz leaves the last good site alone), adds the quiz pages as
                 virtual files (nothing generated is written into docs/), with the faculty
                 "Quiz coverage" page, and puts each lesson's title and objectives box at its top.

Every problem is reported as `path:line:col: message`; never as a Python traceback.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from quizkit.assets import ASSETS, page_kind
from quizkit.build import (
    Module,
    UnsafeExport,
    compile_module,
    shown,
    summary,
    write_handouts,
    write_lms,
    write_pages,
)
from quizkit.problems import announce, report, tagged
from quizkit.render import render_objectives
from quizkit.siteconfig import nav_pages, read_site_config
from quizkit.written import add_revision_sheet, page_extras

if TYPE_CHECKING:  # MkDocs' types, for the hook functions (the command never imports MkDocs)
    import logging
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page as MkDocsPage

ROOT = Path(__file__).resolve().parent


def _log() -> logging.Logger:
    """The hook's logger, under mkdocs.* so that --strict applies. Imported here, not at the
    top: the command line does not log, and logging costs its start-up 10 ms."""
    import logging

    return logging.getLogger("mkdocs.plugins.build_quiz")


def _config_path(args: argparse.Namespace) -> Path:
    return args.quizzes.resolve().parent / "mkdocs.yml"


def _new_quiz(docs_dir: Path, quizzes_dir: Path, lesson: str) -> int:
    from quizkit.scaffold import ScaffoldError, new_quiz  # here: only make new-quiz needs it

    try:
        target = new_quiz(docs_dir, quizzes_dir, lesson)
    except ScaffoldError as error:
        print(tagged(f"make new-quiz: {error}", rule=error.rule), file=sys.stderr)
        return 1
    print(f"wrote {shown(target)}: uncomment and edit its examples, add "
          f"quizzes/{target.stem}.md to the nav in mkdocs.yml, then run make check")
    return 0


def main(argv: list[str] | None = None) -> int:
    """The command line. Exit 0 when everything is valid, 1 when anything is not."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    action = parser.add_mutually_exclusive_group(required=True)
    action.add_argument("--check", action="store_true", help="validate, write nothing")
    action.add_argument("--out", type=Path, metavar="DIR", help="validate, then write pages here")
    action.add_argument("--lms", type=Path, metavar="DIR",
                        help="validate, then write Moodle XML and QTI packages here")
    action.add_argument("--handouts", type=Path, metavar="DIR",
                        help="validate, then write printable worksheets and answer keys here")
    action.add_argument("--new-quiz", metavar="LESSON",
                        help="start quizzes/NAME.yml for the lesson docs/LESSON (lessons/NAME.md)")
    parser.add_argument("--docs", type=Path, default=ROOT / "docs", help=argparse.SUPPRESS)
    parser.add_argument("--quizzes", type=Path, default=ROOT / "quizzes", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.new_quiz is not None:
        return _new_quiz(args.docs, args.quizzes, args.new_quiz)
    module, problems = compile_module(args.docs, args.quizzes)
    if module is None:
        print(report(problems), file=sys.stderr)
        return 1
    target = args.out or args.lms or args.handouts
    try:
        if args.out:
            written = write_pages(module, args.out)
            print(f"wrote {len(written)} changed pages under {shown(args.out)}/")
        elif args.lms:
            for line in write_lms(module, args.lms, read_site_config(_config_path(args))):
                print(line)
        elif args.handouts:
            for line in write_handouts(module, args.handouts,
                                       read_site_config(_config_path(args))):
                print(line)
    except OSError as error:
        print(tagged(f"{shown(target)}: cannot write there: {error.strerror or error}",
                     rule="output-unwritable"), file=sys.stderr)
        return 1
    except UnsafeExport as error:  # a gap in the text checks: nothing was written
        print("\n".join(error.lines), file=sys.stderr)
        return 1
    # Warnings and notes go to stderr (stdout stays the one OK line). The preview carries on
    # with warnings; `make check` fails on them, as the strict build (make build) does.
    for problem in module.warnings:
        print(announce(problem), file=sys.stderr)  # + a GitHub annotation if QUIZ_ANNOTATIONS
    for problem in module.notes:
        print(f"note: {problem}", file=sys.stderr)
    if args.check and module.warnings:
        figures = summary(module).splitlines()[1:]  # the bank's figures, without "OK: ..."
        print("\n".join([*figures, warning_summary(module.warnings)]), file=sys.stderr)
        return 1
    print(summary(module))
    return 0


def warning_summary(warnings: list) -> str:
    """The last line of a check that found only warnings."""
    files = len({w.path for w in warnings})
    return (f"{len(warnings)} warning{'s' * (len(warnings) != 1)} in {files} "
            f"file{'s' * (files != 1)}: the preview still works, but make build (and so "
            "publishing) fails until they are fixed.")


def problem_heading(problems: list) -> str:
    """What the preview and the build say above the list: which kind of file to look at."""
    kinds = {"quizzes" if p.path.startswith("quizzes/") else
             "mkdocs.yml" if p.path == "mkdocs.yml" else "pages" for p in problems}
    named = " and ".join(name if name == "mkdocs.yml" else f"the {name}"
                         for name in ("pages", "quizzes", "mkdocs.yml") if name in kinds)
    return f"Problems in {named}; the site was not rebuilt:"


# --- MkDocs hook: thin glue around compile_module ------------------------------------------------

_QUIZ_ID = re.compile(r'\bid="(quiz-\d+)"')
_current: Module | None = None  # the build in progress (one MkDocs process builds one at a time)


def on_pre_build(config: MkDocsConfig) -> None:
    """Validate before MkDocs touches site/: a rejected quiz leaves the last good site intact."""
    from logging import DEBUG  # both loaded already: MkDocs is running

    from mkdocs.exceptions import PluginError

    global _current
    quizzes_dir = Path(config.config_file_path).resolve().parent / "quizzes"
    module, problems = compile_module(Path(config.docs_dir), quizzes_dir,
                                      nav_pages(config.nav or []))
    if module is None:
        _current = None
        # Logged here, every time: MkDocs prints an error message only once per process, so
        # a second save with the same mistake would otherwise show only "Aborted".
        _log().error(problem_heading(problems) + "\n" + report(problems))
        raise PluginError("the site was not rebuilt; fix the problems listed above")
    _current = module
    log = _log()
    if log.isEnabledFor(DEBUG):  # `mkdocs build -v`: the bank's figures, worked out only then
        log.debug(summary(module))
    for problem in module.warnings:
        log.warning(announce(problem).removeprefix("warning: "))  # --strict: a failed build
    for problem in module.notes:
        log.info(str(problem))


def on_serve(server: LiveReloadServer, config: MkDocsConfig,
             builder: Callable[[], None]) -> LiveReloadServer:
    """While the preview has a problem, keep serving the last good site.

    MkDocs' live-reload server makes every page request wait until a rebuild succeeds, so the
    browser tab would hang; a failed rebuild (its problems already listed) is instead treated
    as done, and the browser keeps showing the last good site until the next save.
    """
    from mkdocs.exceptions import Abort

    rebuild = server.builder

    def rebuild_or_keep_last_good() -> None:
        try:
            rebuild()
        except Abort:
            _log().error("The preview keeps showing the last good version; fix the "
                         "problems above and save again.")

    server.builder = rebuild_or_keep_last_good
    return server


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Add every generated page (the quizzes, the coverage report) as a virtual file."""
    from mkdocs.structure.files import File

    for path, markdown in (_current.rendered.items() if _current else ()):
        files.append(File.generated(config, path, content=markdown))
    return files


def on_page_content(html: str, page: MkDocsPage, config: MkDocsConfig, files: Files) -> str:
    """Let links to single questions (the coverage page's) be checked like any other anchor.

    mkdocs-quiz gives each question block the id quiz-N, but only after MkDocs has collected a
    page's anchors; hooks run after plugins, so the ids are in the HTML by now. Registering
    them keeps `validation: anchors` honest: a link to a question that is gone still fails.
    """
    if _current and page.file.src_uri in _current.rendered and page.present_anchor_ids is not None:
        page.present_anchor_ids.update(_QUIZ_ID.findall(html))
    return html


def on_page_markdown(markdown: str, page: MkDocsPage, config: MkDocsConfig,
                     files: Files) -> str:
    """Give a page with objectives its title and "In this lesson you will…" box, a lesson its
    "Check yourself" button; the exam page and the home page's My progress their data and
    assets (quizkit.written)."""
    from quizkit.lessonend import add_lesson_end  # the lesson-end button (site builds only)

    markdown = add_lesson_end(markdown, page.file.src_uri, _current.quizzes if _current else ())
    if _current:
        markdown = page_extras(markdown, page.file.src_uri, page.url, _current.quizzes,
                               _current.pages, nav_pages(config.nav or []),
                               config.use_directory_urls)
    info = _current.pages.get(page.file.src_uri) if _current else None
    if info is None or not info.objectives:
        return markdown
    return render_objectives(info) + markdown


def on_page_context(context: dict, page: MkDocsPage, config: MkDocsConfig,
                    nav: Navigation) -> dict:
    """Which of the module's stylesheets and scripts the page loads (quizkit/assets.py), for
    the theme override (overrides/main.html)."""
    quizzes = _current.quizzes if _current else []
    kind = page_kind(page.file.src_uri, is_homepage=page.is_homepage,
                     self_checks={q.page_path for q in quizzes if not q.written},
                     exam_pages={q.page_path for q in quizzes if q.written},
                     mock_papers={q.paper_page_path for q in quizzes if q.written})
    if kind is not None:
        page.meta["ipt_assets"] = ASSETS[kind]
    return context


def on_post_build(config: MkDocsConfig) -> None:
    """The printable unit (mkdocs-print-site-plugin, which writes it in its own on_post_build,
    before hooks run) ends with a revision sheet: every lesson's key points."""
    if "print-site" not in config.plugins:
        return
    name = "print_page/index.html" if config.use_directory_urls else "print_page.html"
    target = Path(config.site_dir) / name
    if not target.exists():
        _log().warning("%s: the print page is missing; no revision sheet added", name)
        return
    page, lessons = add_revision_sheet(target.read_text(encoding="utf-8"))
    if not lessons:
        _log().warning("%s: no lesson has a 'Key points' section; no revision sheet", name)
        return
    target.write_text(page, encoding="utf-8")


if __name__ == "__main__":
    sys.exit(main())
