"""Serve a built site on 127.0.0.1 in a background thread, for the browser tests and benchmarks.

Only the loopback address is ever bound, on a free port the OS picks. With gzip=True text files
are sent gzip-compressed (as any real web host does), so byte counts and Lighthouse's timings
match what students download. Responses say `Cache-Control: no-store` unless told otherwise:
`cache_control=PUBLISHED` sends what GitHub Pages sends (ten minutes), for measuring what a
student's browser really downloads. With `log`, every response's path and body size is added
to it, the service worker's requests included (which the browser's own events leave out).
"""

from __future__ import annotations

import functools
import gzip
import http.server
import io
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

COMPRESSIBLE = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map")
PUBLISHED = "max-age=600"  # GitHub Pages' Cache-Control for every file


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static files, quiet, optionally gzip-compressed."""

    use_gzip = False
    # Nothing is cached between tests by default: each new browser context must fetch what it
    # shows, and a rebuilt page is fetched afresh.
    cache_control = "no-store"
    sent: list[tuple[str, int]] | None = None

    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test output clean

    def send_header(self, keyword: str, value: str) -> None:
        if self.sent is not None and keyword.lower() == "content-length":
            self.sent.append((self.path, int(value)))
        super().send_header(keyword, value)

    def end_headers(self) -> None:
        self.send_header("Cache-Control", self.cache_control)
        super().end_headers()

    def send_head(self):  # type: ignore[override]
        if not self.use_gzip or "gzip" not in self.headers.get("Accept-Encoding", ""):
            return super().send_head()
        url_path = self.path.split("?", 1)[0].split("#", 1)[0]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url_path.endswith("/"):
                return super().send_head()  # the stdlib's redirect to DIR/
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSIBLE:
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def serve(root: Path, *, use_gzip: bool = False, cache_control: str = "no-store",
          log: list[tuple[str, int]] | None = None) -> Iterator[str]:
    """Serve root at http://127.0.0.1:PORT (yielded, no trailing slash) until the block ends;
    with log, append (path, body bytes) for every response sent."""
    handler = type("Handler", (_Handler,), {"use_gzip": use_gzip, "cache_control": cache_control,
                                             "sent": log})
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="static-server", daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
