"""MkDocs hook: the module as an installable app that works offline on a phone.

Switched on by `extra: app: true` in mkdocs.yml, which `make build` sets (APP=true); off in
`make serve`, in the tests' ordinary builds and in the offline zip's build (file:// pages cannot
use a service worker). When on, the build also:

* writes site/manifest.webmanifest (name, icons, theme colour), so "Add to Home screen" /
  "Install app" gives an app with its own icon that opens full screen;
* adds an offline page (offline/, not in the navigation or search) that the worker shows for a
  page not on the phone yet;
* links the manifest from every page, which tells docs/assets/javascripts/site.js (the page
  script every page loads) to register site/sw.js: the service worker (tools/service-worker.js,
  with the lists below filled in here, in Python) on Workbox's runtime, vendored in
  docs/assets/javascripts/workbox-vX/. A first visit costs what the student reads: the worker
  precaches only the app's shell (the offline page and what it loads, the manifest and its
  icons) and keeps pages, the home page included, as they are read, each with the files it
  loads; the home page's "Keep the whole unit on this phone" button (its size computed here)
  fetches the rest of the unit;
* loads every script and stylesheet of the module's own as `path?v=<revision>` (the start of the
  SHA-256 of its bytes), so a page names the exact version of each file it needs: a rebuilt page
  is never given an older copy kept on the phone or in the browser's cache, and the worker can
  fetch those files from the browser's cache (no second download) knowing what it gets. That
  includes the files a page's scripts load at run time, which the page names (RUN_TIME below:
  the Revise page's question blocks, mkdocs-quiz's and quiz.js's files for a round, ts-fsrs,
  what My progress' Revise box loads); the worker lists them with the page as its `later`
  files and keeps them as they are used;
* places the offline zip (tools/build_offline.py) in the site as a download for laptops, which
  the home page's "Privacy and offline use" section links.

Anything that fails is a warning naming the fix, so the strict build (`make build`) fails rather
than publishing a site that is not offline. Nothing here needs Node.js.
"""

from __future__ import annotations

import gzip
import hashlib
import html
import json
import logging
import re
import subprocess
import sys
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, InclusionLevel

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # MkDocs puts only hooks/ on the path while loading a hook

from quizkit.problems import tagged  # noqa: E402 (after the path)
from quizkit.revise import FILES_ELEMENT  # noqa: E402

if TYPE_CHECKING:  # MkDocs' types, for the hook functions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.offline_app")  # under mkdocs.*, so --strict applies

SERVICE_WORKER_TEMPLATE = ROOT / "tools" / "service-worker.js"
OFFLINE_ZIP_SCRIPT = ROOT / "tools" / "build_offline.py"
MANIFEST = "manifest.webmanifest"
SERVICE_WORKER = "sw.js"
SITE_SCRIPT = "assets/javascripts/site.js"  # the page script (hooks/student_experience.py: SITE_JS)
WORKBOX = "assets/javascripts/workbox-v7.4.1"  # the vendored runtime (its README: how to update)
APP_ONLY = (WORKBOX + "/",)  # files published only in the app build
THEME_COLOUR = "#4051b5"  # Material's indigo, the palette's primary colour in mkdocs.yml
ICONS = ((192, "assets/images/app-icon-192.png"), (512, "assets/images/app-icon-512.png"))
SHORT_NAME = "IPT module"  # under the icon on a phone's home screen: 12 characters at most
DOWNLOAD = re.compile(r'<p class="ipt-download">.*?</p>\s*', re.DOTALL)
KEEP_MARK = "<!-- ipt:keep-unit -->"  # in docs/index.md: where the keep-unit button goes
BUILD_MARK = "__IPT_BUILD__"  # in tools/service-worker.js: where the lists go

OFFLINE_PAGE = "offline.md"  # a page of the app build only, at offline/
OFFLINE_MARKDOWN = """\
---
title: You are offline
---

# You are offline

The page you opened is not on this phone yet. The app keeps every page you read while you are
online; to keep them all at once, choose **Keep the whole unit on this phone** on the
[home page](index.md) the next time you are online.

<p hidden><a id="ipt-offline-retry" class="md-button md-button--primary" href="./">Try that
page again</a></p>

## On this phone

<div id="ipt-offline" markdown><p id="ipt-offline-pages">Every page you have read.</p></div>
"""

# What the worker keeps: the files a page can load. Never: the worker and Workbox (the browser
# fetches them itself), search languages other than English and the offline zip's shim (never
# used online), the 404 page (its links are absolute), faculty pages (not the unit), the
# sitemap and the zip (not read by students).
KEPT_SUFFIXES = (".html", ".css", ".js", ".json", ".png", ".svg", ".jpg", ".jpeg", ".gif",
                 ".webp", ".avif", ".ico", ".webmanifest")  # compared in lower case
NEVER_KEPT = (SERVICE_WORKER, WORKBOX + "/", "assets/javascripts/lunr/",
              "assets/javascripts/iframe-worker/", "404.html", "faculty/")
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(?:js|css)$")  # Material's bundles: the name changes
VERSIONED = (".js", ".css")  # the module's own scripts and styles: loaded as path?v=<revision>
REVISION_LENGTH = 16  # hex digits of SHA-256: a file's revision (the worker computes the same)

# RUN_TIME: how a page names the files its scripts load at run time (not in its own <script> or
# <link> tags), so that they are loaded by their revision too and listed with the page for the
# worker: a data-* attribute whose value is the file's address relative to the page (schedule.js's
# data-fsrs; the home page's #ipt-revise-assets, for progress.js), or a string, the file's path
# from the site's root, in the JSON of one of these data elements (their ids): the Revise page's
# files (hooks/revise.py: the blocks of each self-check, mkdocs-quiz's and quiz.js's files).
RUN_TIME_JSON = (re.search(r'\bid="([^"]+)"', FILES_ELEMENT).group(1),)
_DATA_FILE = re.compile(r'(\sdata-[\w-]+=")([^"?#:]+\.(?:js|css))(")')
_IDS = "|".join(map(re.escape, RUN_TIME_JSON))
_JSON_ELEMENT = re.compile(rf'(<script type="application/json" id="(?:{_IDS})">)(.*?)(</script>)',
                           re.DOTALL)


def is_offline_build(config) -> bool:
    """The offline zip's build: Material's offline plugin is on (see mkdocs.yml)."""
    plugin = config.plugins.get("material/offline") or config.plugins.get("offline")
    return bool(plugin and plugin.config.enabled)


def app_enabled(config) -> bool:
    """An app build: `extra: app` is true and this is not the offline zip's build."""
    return str(config.extra.get("app", False)).lower() == "true" and not is_offline_build(config)


def manifest(config) -> dict:
    """The web app manifest: what a phone needs to install the module as an app."""
    icons = [{"src": src, "sizes": f"{size}x{size}", "type": "image/png", "purpose": "any"}
             for size, src in ICONS]
    # The icon's letters sit inside the central 80 % circle, so it can also be cropped round.
    icons.append({**icons[-1], "purpose": "maskable"})
    return {
        "name": config.site_name,
        "short_name": SHORT_NAME,
        "description": " ".join((config.site_description or "").split()),
        "lang": "en",
        "start_url": "./",
        "scope": "./",
        "display": "standalone",
        "background_color": "#ffffff",
        "theme_color": THEME_COLOUR,
        "icons": icons,
    }


def head_tags(root: str) -> str:
    """The manifest, theme colour and home-screen icon links for a page (root: "../" etc.)."""
    return (f'<link rel="manifest" href="{root}{MANIFEST}">'
            f'<meta name="theme-color" content="{THEME_COLOUR}">'
            f'<link rel="apple-touch-icon" href="{root}{ICONS[0][1]}">')


_BUNDLE = re.compile(r'<script src="[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js">')
_ASSET = re.compile(r'(<(?:script|link)\b[^>]*?\s(?:src|href)=")([^"?#:]+\.(?:js|css))(")')


def with_app_tags(html_text: str, root: str) -> str:
    """A page with the manifest and theme links in its head, and loading site.js (before
    Material's bundle, whose search it holds back) if it did not: the printable unit, which its
    plugin writes after the pages. A page that has them already, or is not a full page, is
    returned as it was."""
    if MANIFEST in html_text or "</head>" not in html_text or "</body>" not in html_text:
        return html_text
    html_text = html_text.replace("</head>", head_tags(root) + "</head>", 1)
    if SITE_SCRIPT in html_text:
        return html_text
    tag = f'<script src="{root}{SITE_SCRIPT}"></script>'
    bundle = _BUNDLE.search(html_text)
    at = bundle.start() if bundle else html_text.rindex("</body>")
    return html_text[:at] + tag + html_text[at:]


def revision(data: bytes) -> str:
    """A file's revision: the start of the SHA-256 of its bytes (the worker checks the same)."""
    return hashlib.sha256(data).hexdigest()[:REVISION_LENGTH]


def versioned(path: str) -> bool:
    """Is the site file at path loaded as path?v=<revision> (a script or stylesheet of the
    module's own, not one whose name already changes with its content)?"""
    return path.endswith(VERSIONED) and not HASHED.search(path)


def with_versions(html_text: str, folder: Path, site: Path, revisions: dict[str, str]) -> str:
    """The page (in folder) with each of the module's own scripts and stylesheets it loads, or
    names for its scripts to load (RUN_TIME), as path?v=<revision>; revisions: site path ->
    revision, filled as files are met."""
    def version(target: Path) -> str | None:
        if not target.is_file() or not target.is_relative_to(site):
            return None
        path = target.relative_to(site).as_posix()
        if not versioned(path) or path.startswith(NEVER_KEPT):
            return None
        if path not in revisions:
            revisions[path] = revision(target.read_bytes())
        return revisions[path]

    def relative(match: re.Match[str]) -> str:
        found = version((folder / match.group(2)).resolve())
        if found is None:
            return match.group(0)
        return f"{match.group(1)}{match.group(2)}?v={found}{match.group(3)}"

    def from_root(value: object) -> object:
        if isinstance(value, dict):
            return {key: from_root(item) for key, item in value.items()}
        if isinstance(value, list):
            return [from_root(item) for item in value]
        if not isinstance(value, str) or "?" in value or "#" in value or ":" in value:
            return value
        found = version((site / value).resolve())
        return value if found is None else f"{value}?v={found}"

    def json_element(match: re.Match[str]) -> str:
        try:
            data = json.loads(match.group(2))
        except ValueError:
            return match.group(0)  # not ours to judge: the page's script says what it misses
        # As hooks/revise.py writes it: compact, ASCII, "<" escaped (nothing looks like markup).
        text = json.dumps(from_root(data), separators=(",", ":")).replace("<", "\\u003c")
        return f"{match.group(1)}{text}{match.group(3)}"

    html_text = _DATA_FILE.sub(relative, _ASSET.sub(relative, html_text))
    return _JSON_ELEMENT.sub(json_element, html_text)


def prepare_pages(site: Path) -> int:
    """Every HTML page in the built site, those plugins write at the end (the printable unit)
    included: the app tags, and the version of each script and stylesheet it loads; returns how
    many pages changed."""
    count, revisions, site = 0, {}, site.resolve()
    for page in sorted(site.rglob("*.html")):
        root = "../" * len(page.parent.relative_to(site).parts)
        text = page.read_text(encoding="utf-8")
        prepared = with_versions(with_app_tags(text, root), page.parent, site, revisions)
        if prepared != text:
            page.write_text(prepared, encoding="utf-8")
            count += 1
    return count


# --- What the worker precaches and keeps ----------------------------------------------------

class _Loads(HTMLParser):
    """The files a page makes the browser load: styles, scripts, icons, the manifest (urls);
    and those it names for its scripts to load at run time (RUN_TIME: later, relative to the
    page; later_from_root). (Not Material's search worker and index: site.js starts them only
    when search is used.)"""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.later: list[str] = []
        self.later_from_root: list[str] = []
        self._json = False  # in a RUN_TIME_JSON element

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        self.later.extend(value for name, value in values.items() if name.startswith("data-")
                          and value.split("?")[0].endswith(VERSIONED))
        if tag == "script" and values.get("src"):
            self.urls.append(values["src"])
        elif tag == "script":
            self._json = (values.get("type") == "application/json"
                          and values.get("id") in RUN_TIME_JSON)
        elif tag == "link" and values.get("href") and {
                "stylesheet", "icon", "manifest", "apple-touch-icon"} & set(values.get(
                "rel", "").split()):
            self.urls.append(values["href"])
        elif tag == "img" and values.get("src"):
            self.urls.append(values["src"])

    def handle_data(self, data: str) -> None:
        if not self._json:
            return
        self._json = False
        try:
            named = json.loads(data)
        except ValueError:
            return
        strings, pending = [], [named]
        while pending:
            value = pending.pop()
            if isinstance(value, dict):
                pending.extend(value.values())
            elif isinstance(value, list):
                pending.extend(value)
            elif isinstance(value, str):
                strings.append(value)
        self.later_from_root.extend(strings)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._json = False


def _site_files(site: Path, folder: Path, urls: list[str]) -> set[str]:
    """The site files (paths from the site root) that urls (relative to folder) name."""
    found = set()
    for url in urls:
        if "://" in url or url.startswith(("data:", "//")):
            continue
        target = (folder / url.split("?")[0].split("#")[0]).resolve()
        if target.is_file() and target.is_relative_to(site.resolve()):
            found.add(target.relative_to(site.resolve()).as_posix())
    return found


def _parsed(site: Path, page: str) -> _Loads:
    parser = _Loads()
    parser.feed((site / page).read_text(encoding="utf-8"))
    parser.close()
    return parser


def loaded_by(site: Path, page: str) -> set[str]:
    """The site files (paths from the site root) that the page at `page` (e.g. "index.html")
    makes the browser load, on this site only."""
    return _site_files(site, (site / page).parent, _parsed(site, page).urls)


def loaded_later_by(site: Path, page: str) -> set[str]:
    """The site files that the page's scripts may load at run time (RUN_TIME), not counting
    those the page loads itself."""
    parser = _parsed(site, page)
    later = (_site_files(site, (site / page).parent, parser.later)
             | _site_files(site, site, parser.later_from_root))
    return later - _site_files(site, (site / page).parent, parser.urls)


@dataclass(frozen=True)
class Entry:
    """One file the worker knows: its URL from the site root, as pages load it (a page as its
    folder, "x/"; a script or stylesheet of the module's own as "path?v=<revision>"), its
    revision when the URL does not name it (None for a hashed or versioned URL), sizes (raw,
    gzipped) and, for a page, its title, the URLs of the unit's files it loads and of those its
    scripts may load later (RUN_TIME)."""

    url: str
    revision: str | None
    size: int
    gzipped: int
    title: str | None = None
    loads: tuple[str, ...] = ()
    later: tuple[str, ...] = ()

    def for_worker(self) -> dict:
        entry: dict = {"url": self.url, "revision": self.revision}
        if self.title is not None:
            entry |= {"page": True, "title": self.title, "loads": list(self.loads),
                      "later": list(self.later)}
        return entry


_TITLE = re.compile(r"<title>(.*?)</title>", re.DOTALL)


def address(site: Path, path: str) -> str:
    """The URL (from the site root) pages load the site file at path by."""
    if versioned(path):
        return f"{path}?v={revision((site / path).read_bytes())}"
    return path


def entry(site: Path, path: str, *, as_page: bool = True, loads: tuple[str, ...] = (),
          later: tuple[str, ...] = ()) -> Entry:
    """The entry for the site file at path; with as_page, an index.html is its page ("x/"),
    which loads the files `loads` and whose scripts may load `later` (their URLs)."""
    data = (site / path).read_bytes()
    url = address(site, path)
    named = url != path or HASHED.search(path)  # the URL names the version
    size, packed = len(data), len(gzip.compress(data, compresslevel=6, mtime=0))
    if not (as_page and path.endswith("index.html")):
        return Entry(url, None if named else revision(data), size, packed)
    title = _TITLE.search(data.decode("utf-8"))
    page_title = html.unescape(title.group(1)).split(" - ")[0].strip() if title else path
    return Entry(path[: -len("index.html")], revision(data), size, packed, page_title, loads,
                 later)


def kept_files(site: Path) -> list[str]:
    """Every file of the site the worker may keep (KEPT_SUFFIXES, not NEVER_KEPT), sorted."""
    files = []
    for file in sorted(site.rglob("*")):
        path = file.relative_to(site).as_posix()
        if (file.is_file() and file.suffix.lower() in KEPT_SUFFIXES  # a phone names .JPG
                and not path.startswith(NEVER_KEPT)):
            files.append(path)
    return files


def shell_files(site: Path) -> list[str]:
    """The app's shell: the offline page and every file it loads (Material's styles and
    script, ours, site.js), the manifest and its icons. Not the home page and what only it
    loads: a student reading a lesson did not ask for them (pages are kept as they are read)."""
    shell = {"offline/index.html", MANIFEST, SITE_SCRIPT, *(src for _, src in ICONS)}
    return sorted(shell | loaded_by(site, "offline/index.html"))


def plan(site: Path) -> tuple[list[Entry], list[Entry]]:
    """(shell, unit): what the worker precaches at install, and every other file of the unit,
    which it keeps as it is used (a page with the files it loads) or when the student keeps the
    whole unit."""
    shell = shell_files(site)
    others = [path for path in kept_files(site) if path not in shell]
    files = {path for path in others if not path.endswith("index.html")}

    def urls(paths: set[str]) -> tuple[str, ...]:
        return tuple(sorted(address(site, file) for file in paths & files))

    unit = [entry(site, path, loads=urls(loaded_by(site, path)),
                  later=urls(loaded_later_by(site, path)))
            if path.endswith("index.html") else entry(site, path) for path in others]
    # Precached by file (Workbox's precache maps "x/" to "x/index.html" itself).
    return [entry(site, path, as_page=False) for path in shell], unit


def megabytes(size: int) -> str:
    return f"{size / 1_000_000:.1f} MB"


def keep_button(size: str, download: str) -> str:
    """The home page's app part: "Keep the whole unit" (site.js shows it where it can work),
    and an Install button that site.js shows only where the browser offers to install."""
    return (f'<div id="ipt-keep-unit" class="ipt-keep-unit" data-size="{size}" hidden>'
            f'<p class="ipt-keep-unit__keep"><button type="button" class="md-button '
            f'md-button--primary">Keep the whole unit on this phone ({size})</button></p>'
            f'<p class="ipt-keep-unit__status" role="status">It takes {size} on the phone '
            f"and downloads about {download} once.</p>"
            '<p class="ipt-install" hidden><button type="button" class="md-button">'
            "Install as an app</button></p></div>")


def add_keep_button(site: Path, unit: list[Entry], shell: list[Entry]) -> bool:
    """Put the button in place of KEEP_MARK on the home page; False when the mark is missing."""
    home = site / "index.html"
    text = home.read_text(encoding="utf-8")
    if KEEP_MARK not in text:
        return False
    everything = [*unit, *shell]
    size = megabytes(sum(e.size for e in everything))
    download = megabytes(sum(e.gzipped for e in unit))
    home.write_text(text.replace(KEEP_MARK, keep_button(size, download), 1), encoding="utf-8")
    return True


def service_worker(shell: list[Entry], unit: list[Entry]) -> str:
    """site/sw.js: tools/service-worker.js with the build's lists in place of BUILD_MARK."""
    lists = {"shell": [e.for_worker() for e in shell], "unit": [e.for_worker() for e in unit]}
    build = {"id": hashlib.sha256(json.dumps(lists, sort_keys=True).encode()).hexdigest()[:16],
             "workbox": WORKBOX, "offline": "offline/", "revisionLength": REVISION_LENGTH,
             **lists}
    template = SERVICE_WORKER_TEMPLATE.read_text(encoding="utf-8")
    # The long comment is for the project's readers, not worth a student's download.
    template = re.sub(r"\A/\*.*?\*/\n", "// The IPT module's service worker: see "
                      "tools/service-worker.js in the module's sources.\n", template,
                      count=1, flags=re.DOTALL)
    assert template.count(BUILD_MARK) == 1, f"{SERVICE_WORKER_TEMPLATE} must hold {BUILD_MARK}"
    # "<" escaped: nothing in a title can look like markup to a tool reading the script.
    return template.replace(BUILD_MARK, json.dumps(build, ensure_ascii=False)
                            .replace("<", "\\u003c"))


# --- The hook ---------------------------------------------------------------------------------

def on_files(files: Files, config: MkDocsConfig) -> Files:
    """App build: the offline page. Other builds: no app script or Workbox files."""
    if app_enabled(config):
        files.append(File.generated(config, OFFLINE_PAGE, content=OFFLINE_MARKDOWN,
                                    inclusion=InclusionLevel.NOT_IN_NAV))
        return files
    for file in list(files):
        if file.src_uri.startswith(APP_ONLY):
            files.remove(file)
    return files


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Home page: the keep-unit mark stays for on_post_build in the app build only; the offline
    zip has no download link to itself."""
    if not page.is_homepage:
        return output
    if not app_enabled(config):
        output = output.replace(KEEP_MARK, "", 1)
    if is_offline_build(config):
        output = DOWNLOAD.sub("", output)
    return output


def _offline_zip(site: Path, config) -> None:
    """`make offline`'s zip, into site/ (a separate process: a second MkDocs build)."""
    result = subprocess.run(
        [sys.executable, str(OFFLINE_ZIP_SCRIPT), "--out", str(site),
         "--config", str(config.config_file_path)],
        cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        log.warning("offline app: no offline zip: %s", (result.stderr or result.stdout).strip())


# The very last step of a build: the worker lists every file with the revision of its bytes as
# served, so nothing may change a page after this. Plugins and hooks write pages in their own
# on_post_build (the printable unit, its revision sheet) and hooks/student_experience.py puts
# each page's Content-Security-Policy in at -100; what this hook adds to pages itself (its own
# links, a script file, the keep-unit button: no inline script, so no policy change) goes in
# here, before the lists are made. (The offline zip is a separate build into its own folder.)
@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """App build: every page linked to the manifest (and loading site.js) with the version of
    each script and stylesheet it loads, the manifest, the home page's keep-unit button, the
    service worker (after every other file is written, as it lists them all) and the offline
    zip as a download."""
    if not app_enabled(config):
        return
    site = Path(config.site_dir)
    prepare_pages(site)
    (site / MANIFEST).write_text(json.dumps(manifest(config), indent=2, ensure_ascii=False)
                                 + "\n", encoding="utf-8")
    shell, unit = plan(site)
    if not add_keep_button(site, unit, shell):
        log.warning(tagged(f"docs/index.md: the line {KEEP_MARK} is missing, so the home page "
                           "has no 'Keep the whole unit on this phone' button; put it back in "
                           "the 'Privacy and offline use' section", rule="app-keep-unit-mark"))
    shell, unit = plan(site)  # the home page changed: its revision too
    (site / SERVICE_WORKER).write_text(service_worker(shell, unit), encoding="utf-8")
    log.info("offline app: service worker precaches %d files (%s), keeps %d more on demand (%s)",
             len(shell), megabytes(sum(e.size for e in shell)), len(unit),
             megabytes(sum(e.size for e in unit)))
    _offline_zip(site, config)
