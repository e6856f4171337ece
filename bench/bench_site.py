"""Weigh every page as a student's browser loads it: `make bench-site`.

For each page of a fresh strict build, served gzip-compressed on 127.0.0.1 (as any real host
serves it): the requests a first visit makes, the bytes transferred raw and gzipped, and where
the `lighthouse` npm package is installed (node_modules/, `npm ci`), Lighthouse's mobile scores
(performance, accessibility, best practices, SEO) run against the system Chromium.

A benchmark, not a test: it prints a table per page type and the targets next to them
(a lesson under 100 KB gzipped and at most 10 requests; quiz CSS/JS only on quiz pages;
Lighthouse performance >= 0.95, the others 1.0), and writes every figure to
build/bench-site.json. Numbers go into the README by hand.
"""

from __future__ import annotations

import argparse
import gzip
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

from tests.browser.conftest import CHROMIUM_ARGS, chromium_executable, page_kind, pages_in  # noqa: E402
from tests.conftest import run_mkdocs_build  # noqa: E402
from tools.static_server import serve  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
QUIZ_MARK = b'const STORAGE_KEY_PREFIX = "quiz_progress_"'  # mkdocs-quiz's script


@dataclass
class PageWeight:
    path: str
    kind: str
    requests: int = 0
    raw_bytes: int = 0
    gzip_bytes: int = 0
    other_hosts: list[str] = field(default_factory=list)
    quiz_assets: bool = False
    lighthouse: dict[str, float] = field(default_factory=dict)


def weigh(site: Path, base: str, paths: list[str]) -> list[PageWeight]:
    """Load each page in a fresh browser context (empty cache) and add up what it fetched."""
    from playwright.sync_api import sync_playwright

    weights = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=chromium_executable(), args=CHROMIUM_ARGS, headless=True)
        for path in paths:
            context = browser.new_context(viewport={"width": 360, "height": 740},
                                          is_mobile=True, device_scale_factor=2)
            weight = PageWeight(path, page_kind(path))
            responses: list = []
            # A Python function, not the bound builtin responses.append: Playwright tags each
            # handler with an attribute, which a builtin method cannot take.
            context.on("response", lambda response, seen=responses: seen.append(response))
            page = context.new_page()
            page.goto(f"{base}/{path}", wait_until="networkidle")
            for response in responses:
                url = response.url
                if not url.startswith(base):
                    weight.other_hosts.append(url)
                    continue
                body = response.body() if response.status == 200 else b""
                weight.requests += 1
                weight.raw_bytes += len(body)
                weight.gzip_bytes += len(gzip.compress(body, compresslevel=6, mtime=0))
                weight.quiz_assets |= QUIZ_MARK in body
            weights.append(weight)
            context.close()
        browser.close()
    return weights


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
    """Markdown tables, one per page type, then the medians."""
    lines = []
    with_lh = any(w.lighthouse for w in weights)
    title = {"other": "Home and reference pages", "lesson": "Lessons", "quiz": "Quizzes",
             "exam": "Exam practice"}  # every kind conftest.page_kind gives
    for kind in title:
        rows = [w for w in weights if w.kind == kind]
        if not rows:
            continue
        lines += ["", f"**{title[kind]}**", ""]
        head = "| page | requests | KB raw | KB gzipped | quiz CSS/JS | other hosts |"
        rule = "|---|---:|---:|---:|:---:|---:|"
        if with_lh:
            head += " LH perf | LH a11y | LH best pr. | LH SEO |"
            rule += "---:|---:|---:|---:|"
        lines += [head, rule]
        for w in rows:
            cells = [w.path or "/", str(w.requests), kb(w.raw_bytes), kb(w.gzip_bytes),
                     "yes" if w.quiz_assets else "no", str(len(w.other_hosts))]
            if with_lh:
                cells += [f"{w.lighthouse.get(c, float('nan')):.2f}" if w.lighthouse else "–"
                          for c in CATEGORIES]
            lines.append("| " + " | ".join(cells) + " |")
        median = statistics.median(w.gzip_bytes for w in rows)
        lines.append(f"\nMedian {title[kind].lower()}: {kb(median)} KB gzipped, "
                     f"max {max(w.requests for w in rows)} requests.")
    return "\n".join(lines)


def verdict(weights: list[PageWeight]) -> list[str]:
    """Each target, met or not."""
    lessons = [w for w in weights if w.kind == "lesson"]
    out = [
        ("every lesson under 100 KB gzipped",
         all(w.gzip_bytes < 100 * 1024 for w in lessons)),
        ("every lesson at most 10 requests", all(w.requests <= 10 for w in lessons)),
        ("quiz CSS/JS only on quiz pages",
         all(w.quiz_assets == (w.kind == "quiz") for w in weights)),
        ("no request to another host", all(not w.other_hosts for w in weights)),
    ]
    scored = [w for w in weights if w.lighthouse]
    if scored:
        out += [
            ("Lighthouse performance >= 0.95",
             all(w.lighthouse["performance"] >= 0.95 for w in scored)),
            ("Lighthouse accessibility, best practices, SEO = 1.0",
             all(w.lighthouse[c] == 1 for w in scored for c in CATEGORIES[1:])),
        ]
    return [f"  [{'met' if ok else 'NOT MET'}] {name}" for name, ok in out]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="bytes and requests only")
    parser.add_argument("--runs", type=int, default=1, metavar="N",
                        help="Lighthouse runs per page; the median of each score is kept "
                             "(its scores vary from run to run, Lighthouse advises several)")
    parser.add_argument("--only", nargs="*", metavar="PATH", default=None,
                        help="site paths to measure, e.g. '' lessons/time-limit/ (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "bench-site.json")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="ipt-bench-") as work:
        site = Path(work) / "site"
        result = run_mkdocs_build(site)
        if result.returncode != 0:
            print(result.stderr, file=sys.stderr)
            return 1
        paths = [p for p in pages_in(site) if args.only is None or p in args.only]
        with serve(site, use_gzip=True) as base:
            weights = weigh(site, base, paths)
            if not args.no_lighthouse:
                if LIGHTHOUSE.exists() and shutil.which("node"):
                    for w in weights:
                        print(f"  lighthouse {w.path or '/'} …", file=sys.stderr)
                        runs = [lighthouse(f"{base}/{w.path}") for _ in range(args.runs)]
                        runs = [r for r in runs if r]
                        w.lighthouse = {c: statistics.median(r[c] for r in runs)
                                        for c in CATEGORIES} if runs else {}
                else:
                    print("lighthouse not installed (npm ci): bytes and requests only",
                          file=sys.stderr)
    print(table(weights))
    print("\nTargets:")
    print("\n".join(verdict(weights)))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps([asdict(w) for w in weights], indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
