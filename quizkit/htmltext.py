"""Quiz text (Markdown) as HTML for outputs outside the site: the LMS export and handouts.

The site renders Markdown through MkDocs; everything else goes through this one function, so a
question reads the same in Moodle, on a worksheet and on the web. Validation has already
rejected raw HTML in quiz text, so the HTML produced here comes only from Markdown.
"""

from __future__ import annotations

import posixpath
import re

import markdown

# The Markdown features quiz text uses; no MkDocs-only extensions (those need a site).
_EXTENSIONS = ["sane_lists", "tables"]
_LINK = re.compile(r'<a href="([^"]*)"')
_ONE_PARAGRAPH = re.compile(r"^<p>(.*)</p>$", re.DOTALL)


def to_html(text: str, *, inline: bool = False) -> str:
    """Markdown to an HTML fragment; inline=True drops the <p> around a single paragraph."""
    html = markdown.markdown(text, extensions=_EXTENSIONS, output_format="html")
    if inline:
        match = _ONE_PARAGRAPH.match(html)
        if match and "<p>" not in match.group(1):
            html = match.group(1)
    return html


def absolute_links(html: str, from_page: str, site_url: str | None) -> str:
    """Make the links of a fragment work outside the site.

    A relative link to a page under docs/ ("../lessons/x.md#a") becomes an address on the
    published site when site_url is known; without it the link cannot work in an LMS or on
    paper, so it is unwrapped, keeping its words.
    """

    def page_url(target: str) -> str | None:
        path, sep, anchor = target.partition("#")
        if re.match(r"^[a-z][a-z0-9+.-]*:", target) or not path.endswith(".md"):
            return target  # web address, mailto: or an anchor on the same page: keep
        if not site_url:
            return None
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_page), path))
        url = site_url.rstrip("/") + "/" + re.sub(r"(^|/)index\.md$|\.md$", r"\1", resolved)
        if not url.endswith("/"):
            url += "/"  # MkDocs' default use_directory_urls: lessons/x.md -> lessons/x/
        return url + sep + anchor

    def replace(match: re.Match[str]) -> str:
        url = page_url(match.group(1))
        return f'<a href="{url}"' if url is not None else "<a"

    html = _LINK.sub(replace, html)
    # Links left without an address are unwrapped: their words stay, the dead link goes.
    return re.sub(r"<a>(.*?)</a>", r"\1", html, flags=re.DOTALL)
