"""Take the README's screenshots with the project's own harness: a real `streamlit run`, Debian's Chromium.

    .venv/bin/python scripts/screenshots.py OUT_DIR [--chapters id,id] [--all]

Writes desktop (1280×800) and phone (390×844) PNGs of the chosen chapters (default: `west`);
`--viewports` adds a small phone (360×640) or a landscape phone (844×390).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

VIEWPORTS = {
    "desktop": {"width": 1280, "height": 800},
    "phone": {"width": 390, "height": 844},
    "small": {"width": 360, "height": 640},
    "landscape": {"width": 844, "height": 390},
}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("out", type=Path)
    ap.add_argument("--chapters", default="west")
    ap.add_argument("--wait", type=int, default=1500, help="ms to wait for tiles after each jump")
    ap.add_argument("--viewports", default="desktop,phone", help=f"any of {','.join(VIEWPORTS)}")
    args = ap.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with streamlit_server() as (base, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name in args.viewports.split(","):
            vp = VIEWPORTS[name]
            for chapter in args.chapters.split(","):
                page = browser.new_page(viewport=vp)
                page.goto(f"{base}/?chapter={chapter}")
                page.wait_for_selector("[data-ms-root][data-ready=true]", timeout=30_000)
                page.wait_for_timeout(args.wait)
                out = args.out / f"{name}-{chapter}.png"
                page.screenshot(path=str(out))
                print(out)
                page.close()
        browser.close()


if __name__ == "__main__":
    main()
