"""The module as an app on a phone (`make build`, hooks/offline_app.py): installable (a web app
manifest with icons, an Install button where the browser offers one); a first visit precaches
only the app's shell and each page read is kept with its files, so the pages read work offline,
and the first time the phone says so once; "Keep the whole unit on this phone" keeps every
page, the search and the self-checks (by itself in an installed app, unless the data saver is
on); a rebuild (a lesson, record.js and extra.css changed) reaches the student on the next visit,
never mixed with the older files, and what the phone had follows it; the offline zip is offered
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

from hooks.offline_app import REVISION_LENGTH, SITE_SCRIPT, WORKBOX
from tests.browser import quizpage as qp
from tests.browser.conftest import (
    KEPT,
    PHONE,
    PRINT_PAGE,
    axe_in_both_palettes,
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
PROJECT_PARTS = ("build_quiz.py", "quizkit", "hooks", "overrides", "quizzes", "includes", "tools")
# A file a page loads: its path and, for the module's own scripts and styles, ?v=<revision>.
ASSET = re.compile(r'<(?:script|link)\b[^>]*\b(?:src|href)="([^"?]+\.(?:js|css|png))(\?v=\w+)?"')
HASHED = re.compile(r"\.[0-9a-f]{8}\.min\.(js|css)$")  # Material's: the name is the version
BUILD = re.compile(r"^const BUILD = (\{.*\});$", re.MULTILINE)
# A file a page names for its scripts to load at run time, relative to the page (ts-fsrs on
# schedule.js's tag; what My progress' Revise box loads), and the Revise page's list of them
# (paths from the site root).
LATER = re.compile(r'\sdata-[\w-]+="([^"?]+\.(?:js|css))(\?v=\w+)?"')
REVISE_FILES = re.compile(r'<script type="application/json" id="ipt-revise-files">(.*?)</script>')
NOT_KEPT = ("faculty/",)  # pages for teachers, not part of the unit


def build_lists(site: Path) -> dict:
    """What sw.js precaches (`shell`) and keeps on demand (`unit`), as the hook wrote it."""
    return json.loads(BUILD.search((site / "sw.js").read_text("utf-8")).group(1))


def file_of(url: str) -> str:
    """The site file behind a URL from the site root: a page "x/" is "x/index.html" (and a
    script's "x.js?v=…" is "x.js")."""
    url = url.split("?")[0]
    return url + "index.html" if url == "" or url.endswith("/") else url


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:REVISION_LENGTH]


def loads_of(site: Path, path: str) -> list[str]:
    """The site files (from the site root, with their ?v=) that the page at path loads."""
    html = (site / file_of(path)).read_text("utf-8")
    found = []
    for asset, version in ASSET.findall(html):
        resolved = (site / path / asset).resolve().relative_to(site.resolve()).as_posix()
        found.append(resolved + version)
    return found


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


def test_app_build_is_installable_and_lists_every_file(app_site: Path, built_site: Path) -> None:
    """The manifest names the module and has real icons; every page links it and loads the
    page script; the worker precaches only the app's shell (the offline page and what it
    loads, the manifest and its icons: no home page, lesson, quiz or search index) and knows
    every other file a student's page loads, each page with the files it loads and those its
    scripts load at run time (the Revise page's questions, ts-fsrs); every revision is that of
    the file as served, and the module's own scripts and styles are loaded (or named for a
    script to load) by their revision (?v=); the home page's button states the size of the
    whole unit; the offline zip is there to download. The ordinary build (as `make serve`) has
    none of it."""
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
    icons = {icon["src"] for icon in manifest["icons"]}
    offline_loads = set(loads_of(app_site, "offline/"))
    assert {"offline/index.html", "manifest.webmanifest"} <= shell
    assert shell <= {"offline/index.html", "manifest.webmanifest", *icons, *offline_loads}, shell
    assert "" in unit and "search/search_index.json" in unit  # the home page: kept as read
    for path in [*pages_in(app_site), f"{PRINT_PAGE}/"]:  # (the printable unit: a plugin's)
        html = (app_site / path / "index.html").read_text("utf-8")
        assert 'rel="manifest"' in html and SITE_SCRIPT in html, path
        assert html.index(SITE_SCRIPT) < html.index("assets/javascripts/bundle."), path
        if path.startswith(NOT_KEPT):
            assert path not in unit, path
            continue
        assert path in unit or path == "offline/", path
        for asset, version in ASSET.findall(html):
            file = (app_site / path / asset).resolve().relative_to(app_site.resolve()).as_posix()
            own = file.endswith((".js", ".css")) and not HASHED.search(file)
            assert version == (f"?v={sha((app_site / file).read_bytes())}" if own else ""), file
            assert file + version in shell | unit, (path, asset)
        later = set()
        for asset, version in LATER.findall(html):
            file = (app_site / path / asset).resolve().relative_to(app_site.resolve()).as_posix()
            later.add(file + version)
        for files in REVISE_FILES.findall(html):
            later |= set(re.findall(r'"([^"]+\.(?:js|css)(?:\?v=\w+)?)"', files))
        for file in later:
            assert file.endswith(f"?v={sha((app_site / file_of(file)).read_bytes())}"), file
        if path in unit:  # kept with the files it loads (the shell has the others)
            page = next(e for e in lists["unit"] if e["url"] == path)
            assert sorted(page["loads"]) == sorted(set(loads_of(app_site, path)) - shell), path
            assert sorted(page["later"]) == sorted(later - shell - set(page["loads"])), path
    revise = next(e for e in lists["unit"] if e["url"] == "revise/")
    assert any(file.startswith("assets/revise/") for file in revise["later"]), revise
    assert any("ts-fsrs" in file for file in revise["later"]), revise

    for entry in lists["shell"] + lists["unit"]:
        data = (app_site / file_of(entry["url"])).read_bytes()
        named = HASHED.search(file_of(entry["url"])) or "?v=" in entry["url"]
        assert entry["revision"] == (None if named else sha(data)), entry
        if "?v=" in entry["url"]:
            assert entry["url"].endswith(f"?v={sha(data)}"), entry

    home = (app_site / "index.html").read_text("utf-8")
    total = sum((app_site / file_of(url)).stat().st_size for url in shell | unit)
    assert f"Keep the whole unit on this phone ({total / 1e6:.1f} MB)" in home

    with zipfile.ZipFile(app_site / "ipt-module-offline.zip") as archive:
        assert "ipt-module/index.html" in archive.namelist()
        zipped_home = archive.read("ipt-module/index.html").decode("utf-8")
        assert not any(WORKBOX in name for name in archive.namelist())
    # No app in the zip: site.js is there (search, keyboard), but with no manifest linked its
    # app part does nothing, and there is no worker to register.
    assert 'rel="manifest"' not in zipped_home and "sw.js" not in zipped_home
    assert "ipt-module-offline.zip" not in zipped_home  # no link to itself
    assert "ipt:keep-unit" not in zipped_home and "Keep the whole unit" not in zipped_home
    assert 'href="ipt-module-offline.zip"' in home

    assert not (built_site / "sw.js").exists() and not (built_site / WORKBOX).exists()
    assert 'rel="manifest"' not in (built_site / "index.html").read_text("utf-8")


def own_title(site: Path, path: str) -> str:
    built = (site / path / "index.html").read_text("utf-8")
    return re.search(r"<title>(.*?)</title>", built).group(1).replace("&amp;", "&")


def saved_urls(url: str, site: Path, path: str) -> list[str]:
    """The addresses the worker keeps for the page at path: the page and the unit's files it
    loads (as the build lists them, with their ?v=)."""
    page = next(e for e in build_lists(site)["unit"] if e["url"] == path)
    return [f"{url}/{path}", *(f"{url}/{file}" for file in page["loads"])]


def test_after_one_visit_the_pages_read_work_offline(browser, app_site: Path) -> None:
    """Read a lesson and a self-check (answering a question); stop the server and go offline:
    the lesson and the self-check open (their own pages, with their scripts: the answer kept);
    a page never opened (the home page included) shows the offline page, which names what is on
    the phone and links the page asked for."""
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
        wait_until_saved(page, saved_urls(url, app_site, lesson)
                         + saved_urls(url, app_site, quiz_path))
        running.close()  # the server is gone
        context.set_offline(True)
        try:
            for path in (lesson, quiz_path):
                response = page.goto(f"{url}/{path}")
                assert response is not None and response.ok, path
                assert page.title() == own_title(app_site, path), path
            assert qp.state(page) == before  # the self-check, answered as it was left

            for path in ("", unread):
                page.goto(f"{url}/{path}")
                assert page.title() == own_title(app_site, "offline/")
                retry = page.get_by_role("link", name="Try that page again")
                expect(retry).to_be_visible()
                assert retry.get_attribute("href") == f"{url}/{path}"
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
    downloads nothing but the home page read and its files, and the button stays and says
    why."""
    unit = {e["url"] for e in build_lists(app_site)["unit"]} - set(loads_of(app_site, ""))
    unit.remove("")  # the home page, read
    sent: list[tuple[str, int]] = []
    with serve(app_site, log=sent) as url:
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
            # What the server sent (the routes also see the worker look into the browser's
            # cache for what the page loaded at run time: that downloads nothing).
            fetched = {path.removeprefix("/") for path, _ in sent}
            assert "" in fetched and fetched.isdisjoint(unit), fetched & unit
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


# The rebuild's changes to the module's own script and styles, and how a page shows it runs
# them: [record.js of the rebuild, extra.css of the rebuild].
RECORD_CHANGE = "\nwindow.iptRebuiltRecord = true;\n"
CSS_CHANGE = "\n:root { --ipt-rebuilt: 1; }\n"
REBUILT_FILES = ("() => [window.iptRebuiltRecord === true, getComputedStyle("
                 "document.documentElement).getPropertyValue('--ipt-rebuilt').trim() === '1']")


def test_a_rebuild_reaches_the_student_on_the_next_visit_never_mixed(browser, app_site: Path,
                                                                     tmp_path: Path) -> None:
    """Two students: one keeps the whole unit and reads a lesson, the other only reads two
    lessons. Faculty change both lessons, record.js and extra.css, and rebuild. On each
    student's next visit the lesson shows the change and runs the new record.js and extra.css,
    never the older copies on the phone; once the new worker has taken over, offline, both
    lessons are the new ones with the new files, for the kept unit and for the reader (whose
    second lesson was not opened again)."""
    served = tmp_path / "served"
    shutil.copytree(app_site, served)
    read, unread = "lessons/what-is-ipt/", "lessons/comparison/"
    change = "This sentence was added in a rebuild."
    contexts = []
    with ExitStack() as running:
        url = running.enter_context(serve(served))
        try:
            students = []
            for keeps in (True, False):
                context = open_context(browser, base=url, viewport=PHONE, is_mobile=True)
                contexts.append(context)
                page = context.new_page()
                if keeps:
                    visit_app(page, url)
                    keep_the_whole_unit(page)
                    page.goto(f"{url}/{read}")
                else:
                    visit_app(page, url, read)
                    page.goto(f"{url}/{unread}")
                    wait_until_saved(page, saved_urls(url, served, read)
                                     + saved_urls(url, served, unread))
                assert change not in page.content()
                assert page.evaluate(REBUILT_FILES) == [False, False]
                students.append(page)

            project = _project_copy(tmp_path / "project")
            for lesson in (read, unread):
                source = project / "docs" / f"{lesson.rstrip('/')}.md"
                source.write_text(source.read_text("utf-8") + f"\n{change}\n", encoding="utf-8")
            for name, addition in (("javascripts/record.js", RECORD_CHANGE),
                                   ("stylesheets/extra.css", CSS_CHANGE)):
                source = project / "docs" / "assets" / name
                source.write_text(source.read_text("utf-8") + addition, encoding="utf-8")
            rebuilt = build_app(tmp_path / "rebuilt", project / "mkdocs.yml")
            shutil.rmtree(served)
            shutil.copytree(rebuilt, served)

            for page in students:
                page.goto(f"{url}/{read}")  # the next visit: the older worker answers it
                assert change in page.content()
                assert page.evaluate(REBUILT_FILES) == [True, True]
                assert page.evaluate(NEW_WORKER, [build_lists(rebuilt)["id"], 20_000])
            students[0].goto(f"{url}/")
            expect(students[0].locator("#ipt-keep-unit [role=status]")).to_have_text(KEPT)
            running.close()
            for context, page in zip(contexts, students, strict=True):
                context.set_offline(True)
                for lesson in (read, unread):
                    page.goto(f"{url}/{lesson}")
                    assert change in page.content(), lesson
                    assert page.evaluate(REBUILT_FILES) == [True, True], lesson
            students[0].goto(f"{url}/")
            assert students[0].locator("#ipt-continue").is_visible()
        finally:
            for context in contexts:
                context.close()
    for context in contexts:
        assert context.traffic.foreign == [], "requests to other hosts"


# The browser's offer to install the app, as Chrome makes it (a `beforeinstallprompt` event whose
# prompt() opens its dialog): counted instead. True when the page took the offer over (its
# own button, not the browser's bar).
INSTALL_OFFER = """() => {
  const offer = new Event('beforeinstallprompt', {cancelable: true});
  offer.prompt = () => { window.iptPrompted = (window.iptPrompted || 0) + 1; };
  window.dispatchEvent(offer);
  return offer.defaultPrevented;
}"""
NOTE = re.compile(r"^Saved on this phone: works offline\.")
# The worker's answer to a page asking to be kept, as site.js asks: whether to show the note.
ASK_NOTE = """() => new Promise((resolve) => {
  const channel = new MessageChannel();
  channel.port1.onmessage = (event) => resolve(event.data.note);
  navigator.serviceWorker.controller.postMessage(
    {type: 'keep-page', url: location.href, note: true}, [channel.port2]);
})"""


def tap_size(locator) -> tuple[float, float]:
    box = locator.bounding_box()
    return box["width"], box["height"]


def test_the_phone_says_once_that_it_works_offline_and_offers_to_install(browser,
                                                                         app_site: Path) -> None:
    """A first visit: once the app is ready a polite status says "Saved on this phone: works
    offline", with no Install button while the browser offers none. Where it offers one, an
    Install button (in the note, and on the home page) opens the browser's own prompt once and
    goes. The note is dismissed from the keyboard, focus going back where it was, and is never
    shown again on this phone."""
    with serve(app_site) as url:
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True)
        try:
            page = context.new_page()
            visit_app(page, url, "lessons/time-limit/")
            note = page.locator(".ipt-app-note")
            expect(note.get_by_role("status")).to_have_text(NOTE)
            install = note.get_by_role("button", name="Install as an app")
            expect(install).to_be_hidden()
            assert page.evaluate(INSTALL_OFFER) is True  # our button, not the browser's bar
            expect(install).to_be_visible()
            install.click()
            assert page.evaluate("window.iptPrompted") == 1
            expect(install).to_be_hidden()  # an offer is used once

            footer = page.locator(".md-footer a").first
            footer.focus()
            page.keyboard.press("Shift+Tab")  # back into the note: its Dismiss button
            expect(note.get_by_role("button", name="Dismiss")).to_be_focused()
            page.keyboard.press("Enter")
            expect(note).to_have_count(0)
            expect(footer).to_be_focused()
            assert page.evaluate(ASK_NOTE) is False  # told once on this phone

            page.goto(f"{url}/")
            wait_until_saved(page, saved_urls(url, app_site, ""))
            expect(note).to_have_count(0)
            home_install = page.locator("#ipt-keep-unit").get_by_role(
                "button", name="Install as an app")
            expect(home_install).to_be_hidden()
            page.evaluate(INSTALL_OFFER)
            expect(home_install).to_be_visible()
            home_install.click()
            assert page.evaluate("window.iptPrompted") == 1
            expect(home_install).to_be_hidden()
        finally:
            context.close()
    assert context.traffic.foreign == []


def test_the_apps_own_parts_are_accessible(browser, app_site: Path) -> None:
    """The app's own parts, which only the published build has: the home page's keep-unit and
    Install buttons, the note "Saved on this phone" (Escape dismisses it) and the offline page
    pass axe in both palettes (the header's toggle), and every button is big enough to tap."""
    with serve(app_site) as url:
        context = open_context(browser, base=url, viewport=PHONE, is_mobile=True, axe=True,
                               color_scheme="light")
        try:
            page = context.new_page()
            visit_app(page, url)
            page.evaluate(INSTALL_OFFER)
            note = page.locator(".ipt-app-note")
            expect(note.get_by_role("status")).to_have_text(NOTE)
            buttons = page.locator("#ipt-keep-unit button, .ipt-app-note button")
            expect(buttons).to_have_count(4)
            for button in buttons.all():
                expect(button).to_be_visible()
                width, height = tap_size(button)
                assert width >= 44 and height >= 44, (button.inner_text(), width, height)
            assert axe_in_both_palettes(page, ["#ipt-keep-unit", ".ipt-app-note"]) == {
                "default": [], "slate": []}
            note.get_by_role("button", name="Dismiss").focus()
            page.keyboard.press("Escape")
            expect(note).to_have_count(0)
            page.goto(f"{url}/offline/?page=lessons/time-limit/")
            expect(page.get_by_role("link", name="Try that page again")).to_be_visible()
            assert axe_in_both_palettes(page, [".md-content"]) == {"default": [], "slate": []}
        finally:
            context.close()
    assert context.traffic.foreign == []
