"""The module as an app on a phone (`make build`, hooks/offline_app.py): installable (a web app
manifest with icons); a first visit precaches only the shell and each page read is kept, so
the pages read work offline; "Keep the whole unit on this phone" keeps every page, the search
and the self-checks (by itself in an installed app, unless the data saver is on); a rebuild
reaches the student on the next visit, and a kept unit follows it; the offline zip is offered
as a download for laptops. The server is stopped and the browser set offline to cut the
network."""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import struct
import zipfile
from contextlib import ExitStack
from pathlib import Path

import pytest
from playwright.sync_api import expect

from hooks.offline_app import REVISION_LENGTH, WORKBOX
from tests.browser import quizpage as qp
from tests.browser.conftest import (
    KEPT,
    PHONE,
    axe_violations,
    build_app,
    keep_the_whole_unit,
    open_context,
    pages_in,
    quizzes_by_path,
    visit_app,
    wait_until_saved,
)
from tests.helpers import ROOT
from tests.helpers.static_server import serve

pytestmark = pytest.mark.browser

# What a copy of the project for a rebuild needs, besides its own docs/ and mkdocs.yml.
PROJECT_PARTS = ("build_quiz.py", "quizkit", "hooks", "quizzes", "includes", "tools")
ASSET = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"]+\.(?:js|css|png))"')
BUILD = re.compile(r"^const BUILD = (\{.*\});$", re.MULTILINE)
NOT_KEPT = ("faculty/",)  # pages for teachers, not part of the unit


def build_lists(site: Path) -> dict:
    """What sw.js precaches (`shell`) and keeps on demand (`unit`), as the hook wrote it."""
    return json.loads(BUILD.search((site / "sw.js").read_text("utf-8")).group(1))


def file_of(url: str) -> str:
    """The site file behind a URL from the site root: a page "x/" is "x/index.html"."""
    return url + "index.html" if url == "" or url.endswith("/") else url


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_app_build_is_installable_and_lists_every_file(app_site: Path, built_site: Path) -> None:
    """The manifest names the module and has real icons; every page links it and loads the app
    script; the worker precaches only the shell (no lesson, quiz or search index) and knows
    every other file a student's page loads, each with the revision of its bytes; the home
    page's button states the size of the whole unit; the offline zip is there to download.
    The ordinary build (as `make serve`) has none of it."""
    manifest = json.loads((app_site / "manifest.webmanifest").read_text("utf-8"))
    assert manifest["name"] == "Interpersonal Psychotherapy (IPT)"
    assert 0 < len(manifest["short_name"]) <= 12  # fits under a home-screen icon
    assert manifest["display"] == "standalone" and manifest["start_url"] == "./"
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes
    for icon in manifest["icons"]:
        width, height = png_size(app_site / icon["src"])
        assert f"{width}x{height}" == icon["sizes"], icon

    lists = build_lists(app_site)
    assert lists["workbox"] == WORKBOX and (app_site / WORKBOX / "workbox-sw.js").is_file()
    shell = {e["url"] for e in lists["shell"]}
    unit = {e["url"] for e in lists["unit"]}
    assert shell.isdisjoint(unit)
    assert {"index.html", "offline/index.html", "manifest.webmanifest"} <= shell
    assert not any(url.startswith(("lessons/", "quizzes/", "search/")) for url in shell), shell
    assert "search/search_index.json" in unit
    for path in pages_in(app_site):
        html = (app_site / path / "index.html").read_text("utf-8")
        assert 'rel="manifest"' in html and "assets/javascripts/app.js" in html, path
        if path.startswith(NOT_KEPT):
            assert path not in unit, path
            continue
        assert path in unit or f"{path}index.html" in shell, path
        for asset in ASSET.findall(html):
            resolved = (app_site / path / asset).resolve().relative_to(app_site.resolve())
            assert resolved.as_posix() in shell | unit, (path, asset)

    for entry in lists["shell"] + lists["unit"]:
        data = (app_site / file_of(entry["url"])).read_bytes()
        hashed_name = re.search(r"\.[0-9a-f]{8}\.min\.(js|css)$", entry["url"])
        expected = None if hashed_name else hashlib.sha256(data).hexdigest()[:REVISION_LENGTH]
        assert entry["revision"] == expected, entry

    home = (app_site / "index.html").read_text("utf-8")
    total = sum((app_site / file_of(url)).stat().st_size for url in shell | unit)
    assert f"Keep the whole unit on this phone ({total / 1e6:.1f} MB)" in home

    with zipfile.ZipFile(app_site / "ipt-module-offline.zip") as archive:
        assert "ipt-module/index.html" in archive.namelist()
        zipped_home = archive.read("ipt-module/index.html").decode("utf-8")
        assert not any(WORKBOX in name for name in archive.namelist())
    assert 'rel="manifest"' not in zipped_home and "app.js" not in zipped_home  # no workers
    assert "ipt-module-offline.zip" not in zipped_home  # no link to itself
    assert "ipt:keep-unit" not in zipped_home and "Keep the whole unit" not in zipped_home
    assert 'href="ipt-module-offline.zip"' in home

    assert not (built_site / "sw.js").exists() and not (built_site / WORKBOX).exists()
    assert 'rel="manifest"' not in (built_site / "index.html").read_text("utf-8")


def own_title(site: Path, path: str) -> str:
    built = (site / path / "index.html").read_text("utf-8")
    return re.search(r"<title>(.*?)</title>", built).group(1).replace("&amp;", "&")


def test_after_one_visit_the_pages_read_work_offline(browser, app_site: Path) -> None:
    """Read a lesson and a self-check (answering a question); stop the server and go offline:
    the home page, the lesson and the self-check open (their own pages, the answer kept); a
    page never opened shows the offline page, which names what is on the phone and links the
    page asked for."""
    lesson, unread = "lessons/time-limit/", "lessons/transference/"
    quiz_path = sorted(quizzes_by_path())[0]
    question = quizzes_by_path()[quiz_path].questions[0]
    context = None
    with ExitStack() as running:
        url = running.enter_context(serve(app_site))
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True,
                               has_touch=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        visit_app(page, url, lesson)
        page.goto(f"{url}/{quiz_path}")
        qp.answer(page, 0, question, right=True)
        before = qp.state(page)
        wait_until_saved(page, [f"{url}/{lesson}", f"{url}/{quiz_path}",
                                f"{url}/assets/javascripts/quiz.js"])
        running.close()  # the server is gone
        context.set_offline(True)
        try:
            for path in ("", lesson, quiz_path):
                response = page.goto(f"{url}/{path}")
                assert response is not None and response.ok, path
                assert page.title() == own_title(app_site, path), path
            assert qp.state(page) == before  # the self-check, answered as it was left

            page.goto(f"{url}/{unread}")
            assert page.title() == own_title(app_site, "offline/")
            retry = page.get_by_role("link", name="Try that page again")
            expect(retry).to_be_visible()
            assert retry.get_attribute("href") == f"{url}/{unread}"
            saved = page.locator("#ipt-offline-pages li")
            expect(saved).to_have_count(2)
            titles = saved.all_inner_texts()
            assert sorted(titles) == sorted(own_title(app_site, p).split(" - ")[0]
                                            for p in (lesson, quiz_path))
            assert errors == []
        finally:
            context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


def test_keeping_the_whole_unit_makes_every_page_search_and_quizzes_work_offline(
        browser, app_site: Path) -> None:
    """On the home page, "Keep the whole unit on this phone"; stop the server and go offline:
    every page of the unit opens (its own, not a stand-in), search answers, and a quiz marks
    and keeps an answer; the home page says the unit is kept."""
    context = None
    with ExitStack() as running:
        url = running.enter_context(serve(app_site))
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True,
                               has_touch=True)
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        visit_app(page, url)
        keep_the_whole_unit(page)
        running.close()
        context.set_offline(True)
        try:
            for path in pages_in(app_site):
                if path.startswith(NOT_KEPT):
                    continue
                response = page.goto(f"{url}/{path}")
                assert response is not None and response.ok, path
                assert page.title() == own_title(app_site, path), path

            page.goto(f"{url}/lessons/what-is-ipt/")
            page.locator("input.md-search__input").focus()
            page.keyboard.type("transference")
            result = page.locator(".md-search-result__item a").first
            result.wait_for()
            result.click()
            page.wait_for_load_state()
            assert "transference" in page.content().lower()

            quiz_path = sorted(quizzes_by_path())[-1]
            question = quizzes_by_path()[quiz_path].questions[0]
            page.goto(f"{url}/{quiz_path}")
            qp.answer(page, 0, question, right=True)
            assert qp.marks(page, 0) == ["correct"]
            before = qp.state(page)
            page.reload()
            assert qp.state(page) == before

            page.goto(f"{url}/")
            expect(page.locator("#ipt-keep-unit [role=status]")).to_have_text(KEPT)
            assert errors == []
        finally:
            context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


DATA_SAVER = ("Object.defineProperty(NetworkInformation.prototype, 'saveData', "
              "{get: () => true});")
INSTALLED = "() => window.dispatchEvent(new Event('appinstalled'))"


def test_an_installed_app_keeps_the_unit_unless_the_data_saver_is_on(browser,
                                                                     app_site: Path) -> None:
    """Installing the app keeps the whole unit by itself; with the browser's data saver on it
    downloads nothing more, and the button stays and says why."""
    unit = [e["url"] for e in build_lists(app_site)["unit"]]
    with serve(app_site) as url:
        saver = open_context(browser, base=url, viewport=PHONE, is_mobile=True)
        try:
            saver.add_init_script(script=DATA_SAVER)
            page = saver.new_page()
            visit_app(page, url)
            status = page.locator("#ipt-keep-unit [role=status]")
            expect(status).to_contain_text("data saver is on")
            page.evaluate(INSTALLED)
            expect(status).to_contain_text("does not download the whole unit by itself")
            assert page.get_by_role("button", name=re.compile("^Keep the whole unit")).is_visible()
            fetched = {request.removeprefix(f"{url}/") for request in saver.traffic.requests}
            assert fetched.isdisjoint(unit), fetched & set(unit)
        finally:
            saver.close()

        plain = open_context(browser, base=url, viewport=PHONE, is_mobile=True)
        try:
            page = plain.new_page()
            visit_app(page, url)
            page.evaluate(INSTALLED)
            expect(page.locator("#ipt-keep-unit [role=status]")).to_have_text(KEPT,
                                                                               timeout=30_000)
        finally:
            plain.close()
    assert saver.traffic.foreign == [] and plain.traffic.foreign == []


# True once the worker of build `id` has taken over (none installing or waiting); false after
# `ms`. (The browser looks for a new worker on each visit and installs it in the background.)
NEW_WORKER = """async ([id, ms]) => {
  const end = Date.now() + ms;
  const build = (worker) => new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = (event) => resolve(event.data.build);
    worker.postMessage({type: "status"}, [channel.port2]);
  });
  for (;;) {
    const registration = await navigator.serviceWorker.getRegistration();
    if (registration && registration.active && !registration.installing &&
        !registration.waiting && (await build(registration.active)) === id) return true;
    if (Date.now() > end) return false;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}"""


def _project_copy(where: Path) -> Path:
    """A copy of the project to rebuild with changed lessons: its own docs/ and mkdocs.yml,
    the rest linked to this one."""
    where.mkdir()
    for name in PROJECT_PARTS:
        (where / name).symlink_to(ROOT / name)
    shutil.copytree(ROOT / "docs", where / "docs")
    shutil.copy2(ROOT / "mkdocs.yml", where / "mkdocs.yml")
    return where


def test_a_rebuild_reaches_the_student_on_the_nextvisit_app(browser, app_site: Path,
                                                         tmp_path: Path) -> None:
    """The student keeps the whole unit and reads a lesson; faculty change that lesson and
    another one and rebuild; on the student's next visit the lesson read shows the change,
    and the kept unit takes in both changes (offline, both lessons show them)."""
    served = tmp_path / "served"
    shutil.copytree(app_site, served)
    read, unread = "lessons/what-is-ipt/", "lessons/comparison/"
    change = "This sentence was added in a rebuild."
    context = None
    with ExitStack() as running:
        url = running.enter_context(serve(served))
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True)
        try:
            page = context.new_page()
            visit_app(page, url)
            keep_the_whole_unit(page)
            page.goto(f"{url}/{read}")
            assert change not in page.content()

            project = _project_copy(tmp_path / "project")
            for lesson in (read, unread):
                source = project / "docs" / f"{lesson.rstrip('/')}.md"
                source.write_text(source.read_text("utf-8") + f"\n{change}\n", encoding="utf-8")
            rebuilt = build_app(tmp_path / "rebuilt", project / "mkdocs.yml")
            shutil.rmtree(served)
            shutil.copytree(rebuilt, served)

            page.goto(f"{url}/{read}")  # the next visit
            assert change in page.content()
            assert page.evaluate(NEW_WORKER, [build_lists(rebuilt)["id"], 20_000])
            page.goto(f"{url}/")  # the new worker brings the kept unit up to date
            expect(page.locator("#ipt-keep-unit [role=status]")).to_have_text(KEPT,
                                                                               timeout=30_000)
            running.close()
            context.set_offline(True)
            for lesson in (read, unread):
                page.goto(f"{url}/{lesson}")
                assert change in page.content(), lesson
            page.goto(f"{url}/")
            assert page.locator("#ipt-continue").is_visible()
        finally:
            context.close()
    assert context.traffic.foreign == [], "requests to other hosts"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_keep_button_and_the_offline_page_are_accessible(browser, app_site: Path,
                                                              scheme: str) -> None:
    """The app's own parts, which only the published build has: the home page's keep-unit
    part and the offline page pass axe in both palettes, and the button is big enough to tap."""
    with serve(app_site) as url:
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True, axe=True,
                               color_scheme=scheme)
        try:
            page = context.new_page()
            visit_app(page, url)
            button = page.get_by_role("button", name=re.compile("^Keep the whole unit"))
            expect(button).to_be_visible()
            box = button.bounding_box()
            assert box["width"] >= 44 and box["height"] >= 44, box
            assert axe_violations(page, ["#ipt-keep-unit"]) == []
            page.goto(f"{url}/offline/?page=lessons/time-limit/")
            expect(page.get_by_role("link", name="Try that page again")).to_be_visible()
            assert axe_violations(page, [".md-content"]) == []
        finally:
            context.close()
    assert context.traffic.foreign == []
