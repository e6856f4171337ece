"""Compile the YAML quizzes in quizzes/ into mkdocs-quiz pages.

The command line; one pipeline (load -> validate -> render, in the quizkit package beside this
file) for it and for the site build:

* command line:  python build_quiz.py --check       validate every quiz and lesson front matter
                 python build_quiz.py --out DIR     ...and write the generated pages into DIR
                 python build_quiz.py --lms DIR     ...and write Moodle XML and QTI packages
                 python build_quiz.py --handouts DIR   ...and write printable worksheets and keys
                 python build_quiz.py --new-quiz lessons/NAME.md   start quizzes/NAME.yml
* a site build:  the module's MkDocs plugin (hooks/module_plugin.py) runs the same pipeline in
                 every build: it validates before MkDocs cleans site/ (so a broken quiz leaves
                 the last good site alone), adds the quiz pages as virtual files (nothing
                 generated is written into docs/), with the faculty "Quiz coverage" page, and
                 puts each lesson's title and objectives box at its top.

Every problem is reported as `path:line:col: message`; never as a Python traceback.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from quizkit.build import (
    UnsafeExport,
    compile_module,
    shown,
    summary,
    write_handouts,
    write_lms,
    write_pages,
)
from quizkit.problems import announce, report, tagged
from quizkit.siteconfig import read_site_config

ROOT = Path(__file__).resolve().parent


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
            f"publishing) fails until {'it is' if len(warnings) == 1 else 'they are'} fixed.")


if __name__ == "__main__":
    sys.exit(main())
