"""MkDocs hook: the student's path through the module, and search kept on what students read.

* Search: every page a plugin or hook generates (the quiz pages and the faculty "Quiz coverage"
  page from build_quiz.py, a print page) and every page for faculty (docs/faculty/) is left
  out of the search index, as if its front matter said `search: exclude: true`, so a search
  for "transference" finds the lesson and the glossary, not ten quiz questions or a faculty
  table. Any other page can say `search: exclude: true` in its own front matter.
* Lesson and self-check pages remember, in this browser only, that the student was there
  (localStorage "ipt:last-page", see docs/assets/javascripts/README.md).
* Home page: a "Start lesson 1" button right under the title, above the objectives box, so a
  student on a phone sees where to begin on the first screen. Once anything is saved
  (a page visited, a quiz answered) it reads "Continue where you left off" and leads there.
  Lesson 1 is the first lesson in the nav, so reordering the nav moves the button with it.
"""

from __future__ import annotations

import json
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # MkDocs' types, for the hook functions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.nav import Navigation
    from mkdocs.structure.pages import Page

LAST_PAGE_KEY = "ipt:last-page"
PATH_SECTIONS = ("lessons/", "quizzes/")  # the pages of the path (not home, glossary, faculty)
START_ID = "ipt-continue"

# The top of a page as build_quiz.py writes it from front matter: the title, then an optional
# "*About N minutes.*" line (quizkit/render.py render_objectives); the button goes after them.
_TITLE_BLOCK = re.compile(r"\A# [^\n]*\n+(?:\*About [^\n]*\*\n+)?")

# The home page's button: "Continue where you left off" once anything is saved. The target is
# the last lesson or self-check visited; failing that, the last self-check of the learning-path
# table with saved answers (mkdocs-quiz keys progress by the page's pathname).
# It runs once the page is parsed, as the table comes after the button.
CONTINUE_SCRIPT = """<script>document.addEventListener("DOMContentLoaded",function(){
var a=document.getElementById("%s");if(!a)return;
var s=null,any=false;try{s=JSON.parse(localStorage.getItem("%s")||"null");
for(var i=0;i<localStorage.length;i++){var k=localStorage.key(i);
if(k.indexOf("quiz_progress_")===0||k.indexOf("ipt:")===0){any=true;break}}}catch(e){}
if(!any)return;var to=null,title="";
if(s&&typeof s.url==="string"&&!/^([a-z][a-z0-9+.-]*:|\\/)/i.test(s.url)){
to=new URL(s.url,__md_scope).href;title=typeof s.title==="string"?s.title:""}
else{document.querySelectorAll(".md-typeset table a[href]").forEach(function(l){
try{if(localStorage.getItem("quiz_progress_"+new URL(l.href).pathname)){to=l.href;
title=l.textContent}}catch(e){}})}
if(!to)return;a.href=to;a.textContent="Continue where you left off"+(title?": "+title:"")
})</script>""".replace("\n", "") % (START_ID, LAST_PAGE_KEY)


FACULTY_SECTION = "faculty/"


def exclude_from_search(page) -> None:
    """Mark a generated page (a virtual file, not one in docs/) or a faculty page as excluded
    from search."""
    if page.file.generated_by or page.file.src_uri.startswith(FACULTY_SECTION):
        page.meta.setdefault("search", {})["exclude"] = True


_first_lesson: str | None = None  # of the build in progress (set by on_nav)


def first_lesson(pages) -> str | None:
    """The docs path of the first lesson among pages (the nav's pages, in reading order)."""
    return next((p.file.src_uri for p in pages if p.file.src_uri.startswith("lessons/")), None)


def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Remember which lesson the home page's button starts with."""
    global _first_lesson
    _first_lesson = first_lesson(nav.pages)
    return nav


def add_start_button(markdown: str, lesson: str) -> str:
    """The home page's Markdown with the start button under its title block."""
    button = (f"[Start lesson 1]({lesson}){{ .md-button .md-button--primary #{START_ID} }}\n\n"
              f"{CONTINUE_SCRIPT}\n\n")
    title = _TITLE_BLOCK.match(markdown)
    at = title.end() if title else 0
    return markdown[:at] + button + markdown[at:]


def remember_page_script(url: str, title: str) -> str:
    """An inline script saving this page as the last one visited. The title comes from quiz
    YAML or front matter, so it is JSON-encoded with "<" escaped: it cannot end the script."""
    value = json.dumps({"url": url, "title": title}, ensure_ascii=False).replace("<", "\\u003c")
    return (f'<script>try{{localStorage.setItem("{LAST_PAGE_KEY}",JSON.stringify({value}))}}'
            "catch(e){}</script>")


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Runs after build_quiz.py has put the title on top, and before Material's search plugin
    reads page.meta (on_page_context)."""
    exclude_from_search(page)
    if page.is_homepage and _first_lesson:
        return add_start_button(markdown, _first_lesson)
    return markdown


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Lesson and self-check pages: remember the visit (before </body>)."""
    if not page.file.src_uri.startswith(PATH_SECTIONS) or "</body>" not in output:
        return output
    script = remember_page_script(page.url, page.title or "")
    at = output.rindex("</body>")
    return output[:at] + script + output[at:]
