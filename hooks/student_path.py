"""MkDocs hook: keep student search on the pages students read.

Every page a plugin or hook generates (the quiz pages and the faculty "Quiz coverage" page from
build_quiz.py, a print page) is left out of the search index, as if its front matter said
`search: exclude: true`: a search for "transference" should find the lesson and the glossary,
not ten quiz questions or a faculty table. Pages written by hand say so in their own front
matter when they should be left out (docs/faculty/editing.md).
"""

from __future__ import annotations


def exclude_generated_from_search(page) -> None:
    """Mark a generated page (a virtual file, not one in docs/) as excluded from search."""
    if page.file.generated_by:
        page.meta.setdefault("search", {})["exclude"] = True


def on_page_markdown(markdown: str, page, config, files) -> str:
    """Runs before Material's search plugin reads page.meta in on_page_context."""
    exclude_generated_from_search(page)
    return markdown
