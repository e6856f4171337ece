"""Weigh every page as a student's browser loads it from the published site: `make bench-site`.

The site is the one `make build` publishes (APP=true: the installable app and its service
worker), served gzip-compressed on 127.0.0.1 with GitHub Pages' caching headers; the server
counts every byte it sends, the service worker's requests included. For each page: a first
visit on a fresh phone (the page and its files, then the worker and its shell), the page alone
(requests and bytes it loads itself), and the page as the next one read (the worker installed).
Then once: what "Keep the whole unit on this phone" downloads. With `make bench-site` (which
installs the `lighthouse` npm package into bench/node_modules/, and only there), Lighthouse's
mobile scores against the system Chromium: the median of `--runs` runs per page.

A benchmark, not a test: it prints a table per page kind and the targets next to them (a first
visit to a lesson under 150 KB gzipped with no file downloaded twice, every page's own requests
at most 10; quiz CSS/JS only on quiz pages; Lighthouse performance >= 0.95, the others 1.0), the
machine's load average before and after (Lighthouse's timings depend on it), and writes every
figure to build/bench-site.json. Numbers go into the README by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    CHROMIUM_ARGS,
    KEPT,
    PHONE,
    PRINT_PAGE,
    app_build_error,
    chromium_executable,
    page_kind,
    pages_in,
)
from tests.helpers.static_server import PUBLISHED, serve  # noqa: E402

LIGHTHOUSE = ROOT / "bench" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
QUIZ_MARK = 'const STORAGE_KEY_PREFIX = "quiz_progress_"'  # mkdocs-quiz's script
KINDS = {"home": "Home", "lesson": "Lessons", "quiz": "Self-checks", "exam": "Exam practice",
         "paper": "Mock paper", "revise": "Revise", "glossary": "Glossary",
         "printable": "The whole unit, printable", "other": "References, offline page",
         "faculty": "For faculty"}
WAIT_CONTROLLED = "() => navigator.serviceWorker.controller !== null"
# Resolves when the worker has saved the page (just after answering with it), or after 10 s
# (a page the worker does not keep: the faculty pages).
SAVED = """async (url) => { const end = Date.now() + 10000;
  while (!(await caches.match(url)) && Date.now() < end)
    await new Promise((resolve) => setTimeout(resolve, 50)); }"""


def bench_kind(path: str) -> str:
    if path == "":
        return "home"
    if path == f"{PRINT_PAGE}/":
        return "printable"
    if path == "glossary/":
        return "glossary"
    if path == "revise/":
        return "revise"
    if path.startswith("faculty/"):
        return "faculty"
    kind = page_kind(path)
    if kind == "exam" and path.endswith("/mock-paper/"):
        return "paper"
    return kind


@dataclass
class PageWeight:
    path: str
    kind: str
    own_requests: int = 0  # the page and the files it loads itself
    own_gzip: int = 0
    first_requests: int = 0  # a first visit: the page, then the worker and its shell
    first_gzip: int = 0
    first_twice: list[str] = field(default_factory=list)  # files a first visit fetched twice
    next_gzip: int = 0  # read after another page (the worker installed)
    quiz_assets: bool = False
    lighthouse: dict[str, float] = field(default_factory=dict)


def _settle(page, url: str, kept: bool) -> None:
    """Wait until the worker controls the page and, for a page it keeps, has saved it: every
    request of the visit is made by then."""
    page.evaluate("async () => { await navigator.serviceWorker.ready; }")
    page.wait_for_function(WAIT_CONTROLLED)
    if kept:
        page.evaluate(SAVED, url)


def weigh(site: Path, base: str, sent: list[tuple[str, int]],
          paths: list[str]) -> tuple[list[PageWeight], dict]:
    """Each page in fresh browser contexts (empty cache, no worker); then keeping the unit."""
    from playwright.sync_api import expect, sync_playwright

    weights = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True)

        def fresh():
            return browser.new_context(viewport=PHONE, is_mobile=True, device_scale_factor=2)

        for path in paths:
            weight = PageWeight(path, bench_kind(path))
            context = fresh()
            page = context.new_page()
            start = len(sent)
            page.goto(f"{base}/{path}")
            own = page.evaluate("performance.getEntriesByType('resource').map(e => e.name)")
            weight.own_requests = len(own) + 1
            _settle(page, f"{base}/{path}", weight.kind != "faculty")
            visit = sent[start:]
            weight.first_requests = len(visit)
            weight.first_gzip = sum(size for _, size in visit)
            fetched = [p for p, _ in visit]
            weight.first_twice = sorted({p for p in fetched if fetched.count(p) > 1})
            own_paths = {f"/{path}", *(url.removeprefix(base) for url in own)}
            weight.own_gzip = sum(size for p, size in visit if p in own_paths)
            weight.quiz_assets = QUIZ_MARK in page.content()
            context.close()

            context = fresh()
            page = context.new_page()
            other = "lessons/what-is-ipt/" if path == "" else ""
            page.goto(f"{base}/{other}")
            _settle(page, f"{base}/{other}", True)
            start = len(sent)
            page.goto(f"{base}/{path}")
            if weight.kind != "faculty":
                page.evaluate(SAVED, f"{base}/{path}")
            weight.next_gzip = sum(size for _, size in sent[start:])
            context.close()
            weights.append(weight)

        context = fresh()
        page = context.new_page()
        page.goto(f"{base}/")
        _settle(page, f"{base}/", True)
        start = len(sent)
        page.get_by_role("button", name="Keep the whole unit on this phone").click()
        expect(page.locator("#ipt-keep-unit [role=status]")).to_have_text(KEPT, timeout=60_000)
        keep = {"requests": len(sent) - start, "gzip": sum(s for _, s in sent[start:]),
                "label": page.locator("#ipt-keep-unit .ipt-keep-unit__keep button").inner_text()}
        context.close()
        browser.close()
    return weights, keep


def lighthouse(url: str) -> dict[str, float]:
    """Lighthouse's mobile scores for one URL (its default: a simulated mid-range phone on a
    slow 4G connection), or {} when it cannot run."""
    chrome = chromium_executable(full=True)
    if not LIGHTHOUSE.exists() or not chrome:
        return {}
    with tempfile.TemporaryDirectory(prefix="ipt-lh-") as profile:
        flags = " ".join([*CHROMIUM_ARGS, "--headless=new", f"--user-data-dir={profile}"])
        result = subprocess.run(
            [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
             f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"],
            env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True,
            check=False, timeout=300)
    if result.returncode != 0:
        print(f"  lighthouse failed on {url}: {result.stderr.strip()[-300:]}", file=sys.stderr)
        return {}
    report = json.loads(result.stdout)
    return {name: report["categories"][name]["score"] for name in CATEGORIES}


def kb(n: float) -> str:
    return f"{n / 1024:.1f}"


def table(weights: list[PageWeight]) -> str:
    """Markdown tables, one per page kind."""
    lines = []
    with_lh = any(w.lighthouse for w in weights)
    for kind, title in KINDS.items():
        rows = [w for w in weights if w.kind == kind]
        if not rows:
            continue
        lines += ["", f"**{title}**", ""]
        head = ("| page | own requests | own KB gz | first visit: requests | first visit: KB gz "
                "| as the next page: KB gz | quiz CSS/JS |")
        rule = "|---|---:|---:|---:|---:|---:|:---:|"
        if with_lh:
            head += " LH perf | LH a11y | LH best pr. | LH SEO |"
            rule += "---:|---:|---:|---:|"
        lines += [head, rule]
        for w in rows:
            cells = [w.path or "/", str(w.own_requests), kb(w.own_gzip), str(w.first_requests),
                     kb(w.first_gzip), kb(w.next_gzip), "yes" if w.quiz_assets else "no"]
            if with_lh:
                cells += [f"{w.lighthouse.get(c, float('nan')):.2f}" if w.lighthouse else "–"
                          for c in CATEGORIES]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def verdict(weights: list[PageWeight]) -> list[str]:
    """Each target, met or not."""
    lessons = [w for w in weights if w.kind == "lesson"]
    out = [
        ("a first visit to every lesson under 150 KB gzipped",
         all(w.first_gzip < 150 * 1024 for w in lessons)),
        ("no file downloaded twice on a first visit", all(not w.first_twice for w in weights)),
        ("every page loads at most 10 files itself", all(w.own_requests <= 10 for w in weights)),
        ("quiz CSS/JS only on quiz pages",
         all(w.quiz_assets == (w.kind == "quiz") for w in weights)),
    ]
    scored = [w for w in weights if w.lighthouse and w.kind != "faculty"]
    if scored:
        out += [
            ("Lighthouse performance >= 0.95 (student pages)",
             all(w.lighthouse["performance"] >= 0.95 for w in scored)),
            ("Lighthouse accessibility, best practices, SEO = 1.0 (student pages)",
             all(w.lighthouse[c] == 1 for w in scored for c in CATEGORIES[1:])),
        ]
    return [f"  [{'met' if ok else 'NOT MET'}] {name}" for name, ok in out]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="bytes and requests only")
    parser.add_argument("--runs", type=int, default=3, metavar="N",
                        help="Lighthouse runs per page; the median of each score is kept "
                             "(its scores vary from run to run, Lighthouse advises several)")
    parser.add_argument("--only", nargs="*", metavar="PATH", default=None,
                        help="site paths to measure, e.g. '' lessons/time-limit/ (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-site.json")
    args = parser.parse_args(argv)

    load_before = os.getloadavg()
    with tempfile.TemporaryDirectory(prefix="ipt-bench-") as work:
        site = Path(work) / "site"
        error = app_build_error(site)
        if error is not None:
            print(error, file=sys.stderr)
            return 1
        every = [*pages_in(site), f"{PRINT_PAGE}/"]
        paths = [p for p in every if args.only is None or p in args.only]
        sent: list[tuple[str, int]] = []
        with serve(site, use_gzip=True, cache_control=PUBLISHED, log=sent) as base:
            weights, keep = weigh(site, base, sent, paths)
            if not args.no_lighthouse:
                if LIGHTHOUSE.exists() and shutil.which("node"):
                    for w in weights:
                        print(f"  lighthouse {w.path or '/'} …", file=sys.stderr)
                        runs = [lighthouse(f"{base}/{w.path}") for _ in range(args.runs)]
                        runs = [r for r in runs if r]
                        w.lighthouse = {c: statistics.median(r[c] for r in runs)
                                        for c in CATEGORIES} if runs else {}
                else:
                    print("lighthouse not installed (make bench-site installs it): bytes and "
                          "requests only", file=sys.stderr)
    load_after = os.getloadavg()
    print(table(weights))
    print(f"\nKeep the whole unit on this phone ({keep['label']}): {keep['requests']} requests, "
          f"{kb(keep['gzip'])} KB gzipped.")
    twice = {w.path or "/": w.first_twice for w in weights if w.first_twice}
    if twice:
        print(f"Fetched twice on a first visit: {twice}")
    load = (f"machine load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in load_before)}"
            f" before, {', '.join(f'{x:.1f}' for x in load_after)} after")
    print(f"\n{load}")
    print("\nTargets:")
    print("\n".join(verdict(weights)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps({"pages": [asdict(w) for w in weights], "keep": keep,
                                    "load": {"before": load_before, "after": load_after}},
                                   indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
