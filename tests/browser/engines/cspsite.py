"""The published site served as `page.siteserver` serves it, under the README's Content-Security-Policy plus a
`report-uri` on the same server: every engine reports a violation there, before and after the page's own
scripts run, which no listener a test adds could promise in all three."""

from __future__ import annotations

import functools
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from page.siteserver import CSP, SiteHandler

REPORT_PATH = "/__csp-report"


class ReportingHandler(SiteHandler):
    csp = f"{CSP}; report-uri {REPORT_PATH}"
    reports: list[dict] = []

    def do_POST(self) -> None:  # noqa: N802 — http.server's naming
        if urlsplit(self.path).path != REPORT_PATH:
            self.send_error(405)
            return
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        try:
            report = json.loads(body or b"{}")
        except ValueError:
            report = {"unreadable": body.decode(errors="replace")}
        self.reports.append(report.get("csp-report", report))
        self.send_response(204)
        self.end_headers()


@contextmanager
def serve_with_csp_reports(site: Path, reports: list[dict]) -> Iterator[str]:
    """Yield the base URL (without a trailing slash); each violation report received is appended to `reports`."""
    handler = functools.partial(type("Handler", (ReportingHandler,), {"reports": reports}), directory=str(site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
