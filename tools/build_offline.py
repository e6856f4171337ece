"""Build the offline copy of the site and zip it: `make offline` -> dist/ipt-module-offline.zip.

Students unzip it and open ipt-module/index.html from their disk (file://): navigation, search
and quizzes with saved progress all work with no network. The build is the normal strict build
with Material's `offline` plugin switched on (OFFLINE=true, see mkdocs.yml): plain .html links,
the search index inlined as a script, and the iframe-worker shim served from the site
(hooks/student_experience.py). This script then refuses a build that still fetches anything from
another host, and writes the zip deterministically (sorted names, fixed times and modes), so
the same sources give the same bytes.
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOP = "ipt-module"  # the folder the zip unpacks to
ZIP_NAME = "ipt-module-offline.zip"
ZIP_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold: no build date in the bytes

# A reference that makes the browser fetch from another host by itself (a plain <a href> to a
# web page is a link the student may follow, not a request).
EXTERNAL_FETCH = re.compile(
    r"""<(?:script|img|iframe|source|link)\b[^>]*\b(?:src|href)\s*=\s*["']?(?:https?:)?//[^"'\s>]+""",
    re.IGNORECASE,
)


def _source_date_epoch() -> str:
    """The last commit's time (or a fixed date): MkDocs writes it into the sitemap."""
    if "SOURCE_DATE_EPOCH" in os.environ:
        return os.environ["SOURCE_DATE_EPOCH"]
    result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=ROOT,
                            capture_output=True, text=True, check=False)
    return result.stdout.strip() or "315532800"


def build_site(site_dir: Path, config: Path = ROOT / "mkdocs.yml") -> None:
    """The strict MkDocs build of config with the offline plugin on, into site_dir."""
    env = {**os.environ, "OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1",
           "SOURCE_DATE_EPOCH": _source_date_epoch()}
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
         "-f", str(config), "-d", str(site_dir)],
        cwd=config.parent, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"offline build failed:\n{result.stderr}{result.stdout}")


def external_fetches(site_dir: Path) -> list[str]:
    """Every place in the site's HTML that would fetch from another host."""
    found = []
    for page in sorted(site_dir.rglob("*.html")):
        for match in EXTERNAL_FETCH.finditer(page.read_text("utf-8")):
            found.append(f"{page.relative_to(site_dir)}: {match.group(0)}")
    return found


def write_zip(site_dir: Path, target: Path) -> None:
    """Zip site_dir as TOP/..., byte-for-byte the same for the same files."""
    target.parent.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".zip.tmp")
    # Source maps are for developers' tools only; they would double the download.
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and p.suffix != ".map")
    with zipfile.ZipFile(temporary, "w") as archive:
        for file in files:
            info = zipfile.ZipInfo(f"{TOP}/{file.relative_to(site_dir).as_posix()}", ZIP_TIME)
            info.external_attr = 0o644 << 16
            info.create_system = 3  # Unix, so the mode above is read the same everywhere
            already_small = file.suffix in (".gz", ".png", ".jpg", ".zip")
            info.compress_type = zipfile.ZIP_STORED if already_small else zipfile.ZIP_DEFLATED
            archive.writestr(info, file.read_bytes(), compresslevel=9)
    os.replace(temporary, target)


def build_offline(out_dir: Path, config: Path = ROOT / "mkdocs.yml") -> Path:
    """Build config, check and zip; return the zip's path (out_dir/ZIP_NAME).

    `make build` (hooks/offline_app.py) also places the zip in site/ as a download."""
    with tempfile.TemporaryDirectory(prefix="ipt-offline-") as work:
        site_dir = Path(work) / TOP
        build_site(site_dir, config)
        problems = external_fetches(site_dir)
        if problems:
            raise SystemExit("the offline site still fetches from other hosts:\n"
                             + "\n".join(problems))
        target = out_dir / ZIP_NAME
        write_zip(site_dir, target)
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the zip goes")
    parser.add_argument("--config", type=Path, default=ROOT / "mkdocs.yml", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    target = build_offline(args.out, args.config.resolve())
    size = target.stat().st_size
    shown = target.relative_to(ROOT) if target.is_relative_to(ROOT) else target
    print(f"wrote {shown} ({size / 1024:.0f} KiB): unzip it and open {TOP}/index.html")
    return 0


if __name__ == "__main__":
    sys.exit(main())
