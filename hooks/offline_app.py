"""MkDocs hook: the module as an installable app that works offline on a phone.

Switched on by `extra: app: true` in mkdocs.yml, which `make build` sets (APP=true); off in
`make serve`, in the tests' ordinary builds and in the offline zip's build (file:// pages cannot
use a service worker). When on, the build also:

* writes site/manifest.webmanifest (name, icons, theme colour), so "Add to Home screen" /
  "Install app" gives an app with its own icon that opens full screen;
* links the manifest from every page and registers site/sw.js, a service worker that Workbox
  (npm workbox-build, pinned in package-lock.json) generates from tools/service-worker.js with
  every page and asset of this build and their revision hashes (tools/service_worker.mjs):
  after one visit the whole module works in airplane mode, and a rebuilt lesson reaches the
  student on the next visit;
* places the offline zip (tools/build_offline.py) in the site as a download for laptops, which
  the home page's "Privacy and offline use" section links.

Anything that fails (no Node.js, `npm ci` not run, Workbox refusing) is a warning naming the fix,
so the strict build (`make build`) fails rather than publishing a site that is not offline.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # MkDocs' types, for the hook functions
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.pages import Page

log = logging.getLogger("mkdocs.plugins.offline_app")  # under mkdocs.*, so --strict applies

ROOT = Path(__file__).resolve().parent.parent
SERVICE_WORKER_SCRIPT = ROOT / "tools" / "service_worker.mjs"
OFFLINE_ZIP_SCRIPT = ROOT / "tools" / "build_offline.py"
MANIFEST = "manifest.webmanifest"
THEME_COLOUR = "#4051b5"  # Material's indigo, the palette's primary colour in mkdocs.yml
ICONS = ((192, "assets/images/app-icon-192.png"), (512, "assets/images/app-icon-512.png"))
SHORT_NAME = "IPT module"  # under the icon on a phone's home screen: 12 characters at most
DOWNLOAD = re.compile(r'<p class="ipt-download">.*?</p>\s*', re.DOTALL)


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


def register_script(root: str) -> str:
    """Register the service worker once the page has loaded (it never delays the page)."""
    return ('<script>if("serviceWorker" in navigator){addEventListener("load",function(){'
            f'navigator.serviceWorker.register("{root}sw.js").catch(function(){{}})}})}}'
            "</script>")


def with_app_tags(html: str, root: str) -> str:
    """A page with the manifest and theme links in its head and the worker registered at its
    end; a page that has them already, or is not a full page, is returned as it was."""
    if MANIFEST in html or "</head>" not in html or "</body>" not in html:
        return html
    html = html.replace("</head>", head_tags(root) + "</head>", 1)
    at = html.rindex("</body>")
    return html[:at] + register_script(root) + html[at:]


def add_app_tags(site: Path) -> int:
    """Every HTML page in the built site, those plugins write at the end (the printable unit)
    included, gets the app tags; returns how many pages."""
    count = 0
    for page in sorted(site.rglob("*.html")):
        root = "../" * len(page.parent.relative_to(site).parts)
        html = page.read_text(encoding="utf-8")
        tagged = with_app_tags(html, root)
        if tagged != html:
            page.write_text(tagged, encoding="utf-8")
            count += 1
    return count


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Offline zip: no download link to itself on the home page."""
    if is_offline_build(config) and page.is_homepage:
        return DOWNLOAD.sub("", output)
    return output


def _service_worker(site: Path) -> None:
    node = shutil.which("node")
    if node is None:
        log.warning("offline app: Node.js is not installed, so there is no service worker "
                    "(install Node.js 20+, then run `npm ci`)")
        return
    result = subprocess.run([node, str(SERVICE_WORKER_SCRIPT), str(site)], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        message = (result.stderr or result.stdout).strip()
        if "workbox-build" in message and "Cannot find" in message:
            message = "Workbox is not installed: run `npm ci` (make build does)"
        log.warning("offline app: no service worker: %s", message)
        return
    log.info("offline app: service worker %s", result.stdout.strip())


def _offline_zip(site: Path, config) -> None:
    """`make offline`'s zip, into site/ (a separate process: a second MkDocs build)."""
    result = subprocess.run(
        [sys.executable, str(OFFLINE_ZIP_SCRIPT), "--out", str(site),
         "--config", str(config.config_file_path)],
        cwd=ROOT, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        log.warning("offline app: no offline zip: %s", (result.stderr or result.stdout).strip())


def on_post_build(config: MkDocsConfig) -> None:
    """App build: every page linked to the manifest and registering the worker, the manifest,
    the service worker (after every other file is written, as it lists them all) and the
    offline zip as a download. Hooks run after plugins, so every page is written by now."""
    if not app_enabled(config):
        return
    site = Path(config.site_dir)
    add_app_tags(site)
    (site / MANIFEST).write_text(json.dumps(manifest(config), indent=2, ensure_ascii=False)
                                 + "\n", encoding="utf-8")
    _service_worker(site)
    _offline_zip(site, config)
