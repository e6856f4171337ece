"""The module as an app on a phone (`make build`, hooks/offline_app.py): installable (a web app
manifest with icons), offline after one visit (a Workbox service worker precaching every page
and asset), updated on the next visit after a rebuild, and the offline zip offered as a
download for laptops. The server is stopped and the browser set offline to cut the network."""

from __future__ import annotations

import json
import re
import shutil
import struct
import time
import zipfile
from contextlib import ExitStack
from pathlib import Path

import pytest

from tests.browser import quizpage as qp
from tests.browser.conftest import PHONE, open_context, pages_in, quizzes_by_path
from tests.conftest import ROOT, run_mkdocs_build, shared_build
from tools.static_server import serve

pytestmark = pytest.mark.browser

# What a copy of the project for a rebuild needs, besides its own docs/ and mkdocs.yml.
PROJECT_PARTS = ("build_quiz.py", "quizkit", "hooks", "quizzes", "includes", "tools",
                 "node_modules", "package.json")
PRECACHED = re.compile(r'"url":"([^"]+)"')
ASSET = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.(?:js|css))"')
WAIT_CONTROLLED = "() => navigator.serviceWorker.controller !== null"


def _app_build_error(site: Path, config: Path) -> str | None:
    """The `make build` site (APP=true) of config, into site: None, or MkDocs' messages."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("APP", "true")
        result = run_mkdocs_build(site, config)
    return None if result.returncode == 0 else f"the app build failed:\n{result.stderr}"


def build_app(site: Path, config: Path = ROOT / "mkdocs.yml") -> Path:
    """The `make build` site (APP=true) of config, into site; fails with MkDocs' messages."""
    error = _app_build_error(site, config)
    assert error is None, error
    return site


@pytest.fixture(scope="session")
def app_site() -> Path:
    """The real site's app build, made once per test run (shared by every worker: it is two
    MkDocs builds, the app's and its offline zip's, and Workbox)."""
    folder, error = shared_build("app", lambda folder: _app_build_error(
        folder / "site", ROOT / "mkdocs.yml"))
    assert error is None, error
    return folder / "site"


def precached(site: Path) -> set[str]:
    """The files sw.js precaches, as paths relative to the site."""
    return set(PRECACHED.findall((site / "sw.js").read_text("utf-8")))


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_app_build_is_installable_and_lists_every_file(app_site: Path, built_site: Path) -> None:
    """The manifest names the module and has real icons; every page links it and registers the
    worker; the worker precaches every page and every style and script the pages load; the
    offline zip is there to download. The ordinary build (as `make serve`) has none of it."""
    manifest = json.loads((app_site / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == "Interpersonal Psychotherapy (IPT)"
    assert 0 < len(manifest["short_name"]) <= 12  # fits under a home-screen icon
    assert manifest["display"] == "standalone" and manifest["start_url"] == "./"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        width, height = png_size(app_site / icon["src"])
        assert f"{width}x{height}" == icon["sizes"], icon

    files = precached(app_site)
    for path in pages_in(app_site):
        assert f"{path}index.html" in files, path
        html = (app_site / path / "index.html").read_text("utf-8")
        assert 'rel="manifest"' in html and "sw.js" in html, path
        for asset in ASSET.findall(html):
            if "://" in asset:
                continue
            resolved = (app_site / path / asset).resolve().relative_to(app_site.resolve())
            assert resolved.as_posix() in files, (path, asset)
    assert "search/search_index.json" in files and "manifest.webmanifest" in files

    with zipfile.ZipFile(app_site / "ipt-module-offline.zip") as archive:
        assert "ipt-module/index.html" in archive.namelist()
        home = archive.read("ipt-module/index.html").decode("utf-8")
    assert 'rel="manifest"' not in home and "sw.js" not in home  # file:// has no workers
    assert "ipt-module-offline.zip" not in home  # no link to itself
    assert 'href="ipt-module-offline.zip"' in (app_site / "index.html").read_text("utf-8")

    assert not (built_site / "sw.js").exists()
    assert 'rel="manifest"' not in (built_site / "index.html").read_text("utf-8")


def _visit_once(page, url: str) -> None:
    """Open the home page and wait until the service worker has everything and controls it."""
    page.goto(f"{url}/")
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_function(WAIT_CONTROLLED)


def test_after_one_visit_everything_works_offline(browser, app_site: Path) -> None:
    """Load the home page once; stop the server and go offline; every page opens (its own,
    not a stand-in), search answers, and a quiz marks and keeps an answer."""
    context = None
    with ExitStack() as running:
        url = running.enter_context(serve(app_site))
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True,
                               has_touch=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        _visit_once(page, url)
        running.close()  # the server is gone
        context.set_offline(True)
        try:
            for path in pages_in(app_site):
                response = page.goto(f"{url}/{path}")
                assert response is not None and response.ok, path
                built = (app_site / path / "index.html").read_text("utf-8")
                title = re.search(r"<title>(.*?)</title>", built).group(1)
                assert page.title() == title.replace("&amp;", "&"), path

            page.goto(f"{url}/lessons/what-is-ipt/")
            page.locator("input.md-search__input").focus()
            page.keyboard.type("transference")
            result = page.locator(".md-search-result__item a").first
            result.wait_for()
            result.click()
            page.wait_for_load_state()
            assert "transference" in page.content().lower()

            quiz_path = sorted(quizzes_by_path())[0]
            question = quizzes_by_path()[quiz_path].questions[0]
            page.goto(f"{url}/{quiz_path}")
            qp.answer(page, 0, question, right=True)
            assert qp.marks(page, 0) == ["correct"]
            before = qp.state(page)
            page.reload()
            assert qp.state(page) == before
            assert errors == []
        finally:
            context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


# True once a new worker has taken over (none installing or waiting) and its saved copy of the
# page at `path` contains `text`.
UPDATED = """async ([path, text]) => {
  const registration = await navigator.serviceWorker.getRegistration();
  if (!registration || registration.installing || registration.waiting ||
      registration.active.state !== "activated") return false;
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    for (const request of await cache.keys())
      if (new URL(request.url).pathname.endsWith(path) &&
          (await (await cache.match(request)).text()).includes(text)) return true;
  }
  return false;
}"""


def _wait_for(page, predicate: str, arg, seconds: float = 20) -> None:
    """Poll an async predicate (wait_for_function does not wait for a promise's value)."""
    deadline = time.monotonic() + seconds
    while not page.evaluate(predicate, arg):
        assert time.monotonic() < deadline, "timed out waiting for the updated worker"
        page.wait_for_timeout(250)


def _project_copy(where: Path) -> Path:
    """A copy of the project to rebuild with changed lessons: its own docs/ and mkdocs.yml,
    the rest linked to this one."""
    where.mkdir()
    for name in PROJECT_PARTS:
        if (ROOT / name).exists():
            (where / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", where / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    return where


def test_a_rebuilt_lesson_reaches_the_student_on_the_next_visit(browser, app_site: Path,
                                                                 tmp_path: Path) -> None:
    """The student visits; faculty change a lesson and rebuild; on the student's next visit
    the lesson shows the change, and from then on the offline copy has it too."""
    served = tmp_path / "served"
    shutil.copytree(app_site, served)
    lesson = "lessons/what-is-ipt/"
    change = "This sentence was added in a rebuild."
    context = None
    with ExitStack() as running:
        url = running.enter_context(serve(served))
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True)
        try:
            page = context.new_page()
            _visit_once(page, url)
            page.goto(f"{url}/{lesson}")
            assert change not in page.content()

            project = _project_copy(tmp_path / "project")
            source = project / "docs" / "lessons" / "what-is-ipt.md"
            source.write_text(source.read_text("utf-8") + f"\n{change}\n", encoding="utf-8")
            rebuilt = build_app(tmp_path / "rebuilt", project / "mkdocs.yml")
            shutil.rmtree(served)
            shutil.copytree(rebuilt, served)

            page.goto(f"{url}/{lesson}")  # the next visit
            assert change in page.content()
            _wait_for(page, UPDATED, [f"{lesson}index.html", change])
            running.close()
            context.set_offline(True)
            page.goto(f"{url}/{lesson}")
            assert change in page.content()
            page.goto(f"{url}/")
            assert page.locator("#ipt-continue").is_visible()
        finally:
            context.close()
    assert context.traffic.foreign == [], "requests to other hosts"
