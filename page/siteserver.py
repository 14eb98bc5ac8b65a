"""Serve a published site the way a CDN would: the pre-compressed .gz copy to browsers that accept gzip,
content-hashed assets cached for a year, pages revalidated, and optionally the Content-Security-Policy the README
recommends. For previewing a site on your machine (`python -m mapstory serve OUT_DIR`) and for the tests and the
benchmark; production sites go to a real static host (README, "Publishing").
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

# The policy the published site runs under with no violation (README, "Publishing").
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: https://tile.openstreetmap.org; connect-src 'self'"
)


class SiteHandler(SimpleHTTPRequestHandler):
    csp: str | None = None
    extensions_map = {
        **SimpleHTTPRequestHandler.extensions_map,
        ".js": "text/javascript",
        ".geojson": "application/geo+json",
    }

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 — quiet: tests read their own output
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        gz = path.with_name(path.name + ".gz")
        self._gzip = "gzip" in self.headers.get("Accept-Encoding", "") and gz.is_file() and path.is_file()
        if not self._gzip:
            return super().send_head()
        # As nginx's gzip_static: the compressed copy, with the original's type.
        f = gz.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(gz.stat().st_size))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return f

    def end_headers(self) -> None:
        immutable = "/_static/" in urlsplit(self.path).path  # content-hashed names: a new file is a new name
        self.send_header("Cache-Control", "public, max-age=31536000, immutable" if immutable else "no-cache")
        if self.csp:
            self.send_header("Content-Security-Policy", self.csp)
        super().end_headers()


@contextmanager
def serve(site: str | Path, *, host: str = "127.0.0.1", port: int = 0, csp: str | None = None) -> Iterator[str]:
    """Serve `site` in a background thread; yields its base URL (ending in /). Stopped on exit."""
    handler = functools.partial(type("Handler", (SiteHandler,), {"csp": csp}), directory=str(site))
    server = ThreadingHTTPServer((host, port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{host}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
