"""The module's own MkDocs plugin: one object that owns what each build knows.

MkDocs loads it through the one-line hook hooks/module.py (listed first under `hooks:` in
mkdocs.yml), so it works from a plain checkout with nothing installed but the locked packages.
Its settings are typed (ModuleConfig) and read from mkdocs.yml `extra: module:`, where a Make
variable sets one with `!ENV`. Everything a build learns (the compiled quiz bank, the nav's
first lesson and path, the pages refused, whether this is the preview) is an attribute of the
plugin, created afresh in on_config, so every build and every `mkdocs serve` rebuild starts
clean, as Material's own plugins do; no module holds build state.

What it does, by event (the work itself is in quizkit/ and the function modules beside this
file):

* the quiz compiler (quizkit.build): validate every quiz and lesson before MkDocs cleans site/
  (a rejected quiz leaves the last good site alone), add the quiz pages and the coverage page as
  virtual files, a lesson's title, objectives box and "Check yourself" button, the exam and
  home pages' data, the printable unit's revision sheet;
* the student's path (student_path.py): search kept on what students read, the home page's
  start button, each page's data for record.js;
* each page's own stylesheets and scripts (quizkit/assets.py, written by overrides/main.html);
* last of all on every page: the rows of PATCHES (student_experience.py), then the check of the
  HTML as written and the Content-Security-Policy (page_checks.py).
"""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # MkDocs puts only hooks/ on the path, and only while loading
    sys.path.insert(0, str(ROOT))

from hooks import internals, page_checks, student_experience, student_path  # noqa: E402
from quizkit.assets import ASSETS, page_kind  # noqa: E402
from quizkit.build import Module, compile_module, summary  # noqa: E402
from quizkit.problems import announce, report, tagged  # noqa: E402
from quizkit.render import render_objectives  # noqa: E402
from quizkit.siteconfig import nav_pages  # noqa: E402
from quizkit.written import page_extras  # noqa: E402

if TYPE_CHECKING:  # MkDocs' types, for the events
    from collections.abc import Callable

    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.livereload import LiveReloadServer
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.build_quiz")  # under mkdocs.*: --strict applies

_QUIZ_ID = re.compile(r'\bid="(quiz-\d+)"')


class AlreadySaid(logging.Filter):
    """Drops MkDocs' own warning about a broken link, anchor or nav entry that the module's check
    has already reported with its line and fix, so each mistake is one line (W15). Only those:
    anything MkDocs finds that the check did not still shows (and still fails a strict build,
    which the check's own warning fails anyway)."""

    _OURS = (("link", re.compile(r"the link to '(.+?)' (?:goes nowhere|leaves the docs/)")),
             ("anchor", re.compile(r"^'#(.+?)' is not a heading on ")),
             ("nav", re.compile(r"^the nav lists '(.+?)'")))
    _THEIRS = (("link", re.compile(r"^Doc file '(.+?)' contains a link '(.+?)', but the target")),
               ("anchor", re.compile(r"^Doc file '(.+?)' contains a link '.+?', but the doc "
                                     r"'.+?' does not contain an anchor '#(.+?)'\.")),
               ("nav", re.compile(r"^A reference to '(.+?)' is included in the 'nav' "
                                  r"configuration, which is not found")))

    def __init__(self) -> None:
        super().__init__()
        self.said: set[tuple[str, ...]] = set()

    def remember(self, problems: list) -> None:
        """The module's warnings of this build: what MkDocs need not say again."""
        self.said = set()
        for problem in problems:
            for kind, pattern in self._OURS:
                found = pattern.search(problem.message)
                if found is None:
                    continue
                page = problem.path.removeprefix("docs/")
                self.said.add((kind, found.group(1)) if kind == "nav"
                              else (kind, page, found.group(1)))

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.said or record.levelno != logging.WARNING:
            return True
        message = record.getMessage()
        for kind, pattern in self._THEIRS:
            found = pattern.match(message)
            if found is not None:
                return (kind, *found.groups()) not in self.said
        return True


class FailedSave:
    """What the preview's last save could not build, for the banner (W3). One for the process:
    `mkdocs serve` loads its configuration, and so this plugin, afresh for every rebuild, while
    the rebuild function on_serve wraps is the first one's."""

    def __init__(self) -> None:
        self.problems: list = []  # the last failed build's problems (Problem), [] if unknown


FAILED_SAVE = FailedSave()

BANNER_ID = "ipt-preview-problems"
# Only in the preview: white on dark red (contrast 9:1) in light and dark mode alike, fixed at
# the foot of the window so it is seen wherever the page is scrolled to; its summary line (at
# least 44 px tall) folds the list away to read the page behind it.
_BANNER_STYLE = f"""<style>
#{BANNER_ID}{{position:fixed;left:0;right:0;bottom:0;z-index:10000;max-height:50vh;
overflow:auto;background:#8b0000;color:#fff;font:16px/1.45 system-ui,sans-serif;
box-shadow:0 -2px 8px rgba(0,0,0,.4)}}
#{BANNER_ID} summary{{min-height:44px;box-sizing:border-box;padding:10px 16px;cursor:pointer;
font-weight:700}}
#{BANNER_ID} summary:focus-visible{{outline:3px solid #fff;outline-offset:-5px}}
#{BANNER_ID} ul{{margin:0;padding:0 16px 12px 36px}}
#{BANNER_ID} li{{margin:4px 0;overflow-wrap:anywhere}}
#{BANNER_ID} code{{color:#fff;background:none;font-size:inherit;font-weight:700}}
</style>"""
_BODY = re.compile(r"<body\b[^>]*>")


def problem_banner(problems: list) -> str:
    """The banner every preview page shows while the last save has problems: each problem as
    the terminal gives it (file:line:col, message, rule), escaped, since the messages quote
    the faculty's own text."""
    from html import escape

    if problems:
        count = len(problems)
        them = "it" if count == 1 else "them"
        summary = (f"Your last save was not built: {count} problem{'s' * (count != 1)}. This page "
                   f"is the last good version; fix {them} and save again.")
        items = "".join(f"<li><code>{escape(f'{p.path}:{p.line}:{p.col}')}</code>: "
                        f"{escape(p.message)} [{escape(p.rule)}]</li>" for p in problems)
    else:
        summary = ("Your last save was not built. This page is the last good version; the "
                   "terminal running make serve says why.")
        items = ""
    body = f"<ul>{items}</ul>" if items else ""
    return (f'{_BANNER_STYLE}<div id="{BANNER_ID}" role="alert"><details open>'
            f"<summary>{escape(summary)}</summary>{body}</details></div>")


def show_banner(site_dir: Path, problems: list) -> int:
    """Put the banner at the top of every page of the preview's site (the last good build,
    which the next good save replaces whole); the number of pages changed."""
    banner = problem_banner(problems)
    changed = 0
    for path in site_dir.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        html = re.sub(rf'<style>\n#{BANNER_ID}.*?</details></div>', "", html, count=1,
                      flags=re.DOTALL)  # a banner of an earlier failed save
        with_banner, found = _BODY.subn(lambda m: m.group(0) + banner, html, count=1)
        if found:
            path.write_text(with_banner, encoding="utf-8")
            changed += 1
    return changed


# One for the process (MkDocs' loggers outlive a rebuild's plugin object), on the two loggers
# that report links and the nav.
ALREADY_SAID = AlreadySaid()
for _name in ("mkdocs.structure.pages", "mkdocs.structure.nav"):
    if ALREADY_SAID not in logging.getLogger(_name).filters:
        logging.getLogger(_name).addFilter(ALREADY_SAID)


class ModuleConfig(base.Config):
    """The plugin's settings (mkdocs.yml `extra: module:`)."""

    # The quiz files, beside mkdocs.yml.
    quizzes_dir = c.Type(str, default="quizzes")
    # "github": each problem also as a GitHub annotation on its line (the publishing workflow
    # sets QUIZ_ANNOTATIONS=github).
    annotations = c.Choice(("", "github"), default="")
    # false: leave Material's and mkdocs-quiz's output as they make it: no row of PATCHES, and so
    # no check of the pages as written (mkdocs-quiz's own forms carry inline handlers the check
    # refuses) and no security policy. Only tests/test_patches.py builds so, to see upstream's
    # output; never set it for a site students use.
    patches = c.Type(bool, default=True)


class ModulePlugin(BasePlugin[ModuleConfig]):
    """The module's build: see the module docstring."""

    def __init__(self) -> None:
        super().__init__()
        self.command = "build"  # what MkDocs was asked to do (on_startup): serve, build, gh-deploy
        self._fresh()

    def _fresh(self) -> None:
        """What one build learns, none of it known yet."""
        self.module: Module | None = None
        self.first_lesson: str | None = None
        self.path: list[Page] = []
        self.refused: list[str] = []  # pages written as a stand-in (page_checks.NOT_BUILT)

    def events(self) -> dict[str, Callable]:
        """The plugin's event handlers by name, bound to this object (what hooks/module.py
        gives MkDocs)."""
        return {name: getattr(self, name) for name in vars(type(self)) if name.startswith("on_")}

    # --- Start, settings, state --------------------------------------------------------------

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command: `mkdocs serve` injects its live-reload script inline into every
        page it serves, which a Content-Security-Policy would block."""
        self.command = command

    @event_priority(-100)  # after Material's offline plugin has added its polyfill
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """Read the settings, start the build's state afresh, serve the offline build's
        iframe-worker shim from the site."""
        errors, warnings = self.load_config(dict(config.extra.get("module") or {}),
                                            config.config_file_path)
        for key, warning in warnings:
            log.warning(tagged(f"mkdocs.yml, extra: module: {key}: {warning}",
                               rule="module-setting"))
        if errors:
            raise PluginError(tagged("mkdocs.yml, extra: module: " + "; ".join(
                f"{key}: {error}" for key, error in errors) + "; see ModuleConfig in "
                "hooks/module_plugin.py for what each setting takes", rule="module-setting"))
        self._fresh()
        student_experience.serve_shim_from_the_site(config)
        return config

    # --- The quiz compiler ---------------------------------------------------------------

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Validate before MkDocs touches site/: a rejected quiz leaves the last good site alone."""
        self.refused = []
        FAILED_SAVE.problems = []
        quizzes_dir = Path(config.config_file_path).resolve().parent / self.config.quizzes_dir
        module, problems = compile_module(Path(config.docs_dir), quizzes_dir,
                                          nav_pages(config.nav or []))
        annotations = self.config.annotations == "github"
        if module is None:
            self.module = None
            ALREADY_SAID.remember([])
            FAILED_SAVE.problems = sorted(set(problems))  # the preview's banner (on_serve)
            # Logged here, every time: MkDocs prints an error message only once per process, so
            # a second save with the same mistake would otherwise show only "Aborted".
            log.error(problem_heading(problems) + "\n" + report(problems, annotations=annotations))
            raise PluginError("the site was not rebuilt; fix the problems listed above")
        self.module = module
        ALREADY_SAID.remember(module.warnings)
        if log.isEnabledFor(logging.DEBUG):  # `mkdocs build -v`: the bank's figures, only then
            log.debug(summary(module))
        for problem in module.warnings:  # --strict: a failed build
            log.warning(announce(problem, annotations=annotations).removeprefix("warning: "))
        for problem in module.notes:
            log.info(str(problem))

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig,
                 builder: Callable[[], None]) -> LiveReloadServer:
        """While the preview has a problem, keep serving the last good site, with a banner.

        MkDocs' live-reload server makes every page request wait until a rebuild succeeds, so
        the browser tab would hang; a failed rebuild (its problems already listed) is instead
        treated as done, and the browser reloads the last good site, every page of it now
        showing the problems at its foot (W3), until the next good save builds the site afresh
        (which cleans the folder, banner and all). Only `mkdocs serve` calls this: a published
        build never has the banner.
        """
        from mkdocs.exceptions import Abort

        site_dir = Path(config.site_dir)  # the preview's own temporary folder, never site/

        def keep_last_good(rebuild: Callable[[], None]) -> Callable[[], None]:
            def rebuild_or_keep_last_good() -> None:
                FAILED_SAVE.problems = []
                try:
                    rebuild()
                except Abort:
                    show_banner(site_dir, FAILED_SAVE.problems)
                    log.error("The preview keeps showing the last good version, with the "
                              "problems at the foot of every page; fix the problems above "
                              "and save again.")

            return rebuild_or_keep_last_good

        internals.wrap_rebuild(server, keep_last_good)
        return server

    def on_files(self, files: Files, *, config: MkDocsConfig) -> Files:
        """Add every generated page (the quizzes, the coverage report) as a virtual file."""
        from mkdocs.structure.files import File

        for path, markdown in (self.module.rendered.items() if self.module else ()):
            files.append(File.generated(config, path, content=markdown))
        return files

    def on_nav(self, nav: Navigation, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Remember which lesson the home page's button starts with, and the path's pages."""
        self.first_lesson = student_path.first_lesson(nav.pages)
        self.path = student_path.path_pages(nav.pages)
        return nav

    def on_page_markdown(self, markdown: str, *, page: Page, config: MkDocsConfig,
                         files: Files) -> str:
        """A page with objectives gets its title, time line and "In this lesson you will…"
        box, a lesson its "Check yourself" button, the exam page and the home page's My
        progress their data (quizkit.written), a page's time markers their times
        (quizkit.timing); then the student's path (search, the start button)."""
        from quizkit.lessonend import add_lesson_end  # the lesson-end button (site builds only)
        from quizkit.timing import fill_time_marks, time_line  # (site builds only)

        module = self.module
        markdown = add_lesson_end(markdown, page.file.src_uri, module.quizzes if module else ())
        if module:
            markdown = page_extras(markdown, page.file.src_uri, page.url, module.quizzes,
                                   module.pages, nav_pages(config.nav or []),
                                   config.use_directory_urls)
            markdown = fill_time_marks(markdown, module.pages, module.quizzes)
        info = module.pages.get(page.file.src_uri) if module else None
        if info is not None and info.objectives:
            markdown = render_objectives(info, time_line(info, module.pages, module.quizzes)
                                         ) + markdown
        return student_path.with_start(markdown, page, self.first_lesson)

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig,
                        files: Files) -> str:
        """Let links to single questions (the coverage page's) be checked like any other anchor.

        mkdocs-quiz gives each question block the id quiz-N, but only after MkDocs has collected
        a page's anchors; hooks run after plugins, so the ids are in the HTML by now.
        Registering them keeps `validation: anchors` honest: a link to a question that is gone
        still fails.
        """
        if self.module and page.file.src_uri in self.module.rendered:
            internals.add_anchor_ids(page, _QUIZ_ID.findall(html))
        return html

    def on_page_context(self, context: dict, *, page: Page, config: MkDocsConfig,
                        nav: Navigation) -> dict:
        """Which of the module's stylesheets and scripts the page loads (quizkit/assets.py), and
        its data for record.js, for the theme override (overrides/main.html)."""
        quizzes = self.module.quizzes if self.module else []
        kind = page_kind(page.file.src_uri, is_homepage=page.is_homepage,
                         self_checks={q.page_path for q in quizzes if not q.written},
                         exam_pages={q.page_path for q in quizzes if q.written},
                         mock_papers={q.paper_page_path for q in quizzes if q.written})
        if kind is not None:
            page.meta["ipt_assets"] = ASSETS[kind]
        data = student_path.page_data_of(page, config, self.path)
        if data is not None:
            page.meta["ipt_page"] = data
        return context

    # --- Last of all, on every page and after the build ----------------------------------------

    @event_priority(-100)  # last: other hooks' changes to the page are in it
    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        """The rows of PATCHES for the page; then the page as written is checked."""
        if not self.config.patches:
            return output
        output = student_experience.patch_page(output, page, config)
        unsafe = page_checks.unsafe_elements(output, generated=page.file.generated_by is not None)
        if unsafe:
            page_checks.report_unsafe(page.file.src_uri, unsafe)
            self.refused.append(page.file.src_uri)
            return page_checks.NOT_BUILT
        return output

    def _revision_sheet(self, config: MkDocsConfig) -> None:
        """The printable unit (mkdocs-print-site-plugin, which writes it in its own on_post_build,
        before hooks run) gets its title, print buttons and a revision sheet of every lesson's
        key points (quizkit/printpage.py)."""
        if "print-site" not in config.plugins:
            return
        name = "print_page/index.html" if config.use_directory_urls else "print_page.html"
        target = Path(config.site_dir) / name
        if not target.exists():
            log.warning("%s: the print page is missing; no revision sheet added", name)
            return
        from quizkit.printpage import finish_print_page  # (site builds only, as add_lesson_end)

        title = config.plugins["print-site"].config.get("print_page_title") or config.site_name
        page, lessons = finish_print_page(target.read_text(encoding="utf-8"), title)
        if not lessons:
            log.warning("%s: no lesson has a 'Key points' section; no revision sheet", name)
            return
        target.write_text(page, encoding="utf-8")

    def _checked_and_policed(self, config: MkDocsConfig) -> None:
        """Every HTML file as finally written (pages plugins and hooks write after the build,
        such as the printable unit, included): checked, and given its Content-Security-Policy
        (the published site's builds: not the preview, whose live reload is an inline script,
        nor the offline zip, whose file:// pages have no origin for 'self' to name); and
        Material's bundle still loads the search index the way search-defer.js expects."""
        site = Path(config.site_dir)
        policy = (self.command != "serve"
                  and not student_experience.is_offline_build(config))
        for path in sorted(site.rglob("*.html")):
            html = path.read_text(encoding="utf-8")
            unsafe = page_checks.unsafe_elements(html)
            if unsafe:
                where = path.relative_to(site).as_posix()
                page_checks.report_unsafe(where, unsafe)
                self.refused.append(where)
                path.write_text(page_checks.NOT_BUILT, encoding="utf-8")
            elif policy:
                with_csp = page_checks.with_policy(html)
                if with_csp != html:
                    path.write_text(with_csp, encoding="utf-8")
        student_experience.check_bundle(config)
        if self.refused:
            refused, self.refused = ", ".join(self.refused), []
            raise PluginError(f"unsafe content in {refused}; the site was not built")

    def _on_post_build_sheet(self, *, config: MkDocsConfig) -> None:
        self._revision_sheet(config)

    @event_priority(-100)  # after every plugin and hook that writes or changes pages
    def _on_post_build_checks(self, *, config: MkDocsConfig) -> None:
        if self.config.patches:
            self._checked_and_policed(config)

    on_post_build = CombinedEvent(_on_post_build_sheet, _on_post_build_checks)


def problem_heading(problems: list) -> str:
    """What the preview and the build say above the list: which kind of file to look at."""
    kinds = {"quizzes" if p.path.startswith("quizzes/") else
             "mkdocs.yml" if p.path == "mkdocs.yml" else "pages" for p in problems}
    named = " and ".join(name if name == "mkdocs.yml" else f"the {name}"
                         for name in ("pages", "quizzes", "mkdocs.yml") if name in kinds)
    return f"Problems in {named}; the site was not rebuilt:"
