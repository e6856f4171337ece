"""A glossary term gets its tooltip at its first use on a page (hooks/start_up.py): the
first occurrence keeps its `<abbr>` and definition, later ones are the same words as plain text,
so a page carries one tooltip per term rather than one per mention (the printable unit had 381,
Material sets each up when the page starts)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import markdown

from hooks.start_up import FirstUseExtension, first_use_only

GLOSSARY = "*[IPT]: Interpersonal psychotherapy\n*[CBT]: Cognitive behavioural therapy\n"
ABBR = re.compile(r'<abbr title="([^"]*)">')
TAG = re.compile(r"<[^>]+>")


def render(text: str, *, first_use: bool = True) -> str:
    extensions = ["abbr", "attr_list", *([FirstUseExtension()] if first_use else [])]
    return markdown.markdown(text + "\n\n" + GLOSSARY, extensions=extensions)


def test_only_the_first_use_of_each_term_has_its_tooltip() -> None:
    text = ("IPT and CBT differ. In IPT, unlike CBT, *the focus is IPT's own*.\n\n"
            "## IPT at work\n\n- IPT, then IPT again\n- CBT")
    html = render(text)
    assert ABBR.findall(html) == ["Interpersonal psychotherapy", "Cognitive behavioural therapy"]
    assert html.startswith('<p><abbr title="Interpersonal psychotherapy">IPT</abbr> and')
    # The words read the same, tags aside, as with a tooltip on every use.
    assert TAG.sub("", html) == TAG.sub("", render(text, first_use=False))


def test_a_term_first_used_inside_markup_keeps_the_text_around_it() -> None:
    html = render("**IPT** is brief; *IPT* is focused; IPT.")
    assert TAG.sub("", html) == "IPT is brief; IPT is focused; IPT."
    assert len(ABBR.findall(html)) == 1


def test_every_built_page_has_one_tooltip_per_term(built_site: Path) -> None:
    """On the real site: no page repeats a term's <abbr>; pages that use terms still have them."""
    with_terms = 0
    for page in sorted(built_site.rglob("index.html")):
        counts = Counter(ABBR.findall(page.read_text("utf-8")))
        assert all(n == 1 for n in counts.values()), (page, counts.most_common(2))
        with_terms += bool(counts)
    assert with_terms >= 10


def test_the_printable_page_keeps_first_uses_across_lessons() -> None:
    html = ('<p><abbr title="A">IPT</abbr> x <abbr title="A">IPT</abbr></p>'
            '<section><abbr title="B">CBT</abbr> <abbr title="A">IPT</abbr></section>')
    assert first_use_only(html) == ('<p><abbr title="A">IPT</abbr> x IPT</p>'
                                    '<section><abbr title="B">CBT</abbr> IPT</section>')
