"""Count what a reader cannot read on the map (issue 13's before/after figures), with the project's harness.

    .venv/bin/python scripts/legibility_counts.py [--story PATH] [--shots DIR --chapters a,b,c]

For every chapter, desktop (1280×800) and phone (390×844): place and road labels shown, and how many are under
the map's furniture or cut by its edge; highlighted shapes under furniture or off the map; layers on the map
whose legend entry is visible (or one "Legend" press away on a phone).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.legibility import bad_labels, bad_shapes, measure, settle  # noqa: E402
from tests.browser.server import CHROMIUM, CHROMIUM_ARGS, streamlit_server  # noqa: E402

VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--story", default=None)
    ap.add_argument("--shots", type=Path, default=None)
    ap.add_argument("--chapters", default="")
    args = ap.parse_args()
    env = {"STORY": args.story} if args.story else None
    with streamlit_server(env=env) as (base, _), sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, vp in VIEWPORTS.items():
            ctx = browser.new_context(viewport=vp, reduced_motion="reduce")
            page = ctx.new_page()
            page.goto(base)
            page.wait_for_selector("[data-ms-root][data-ready=true]", timeout=60_000)
            ids = page.evaluate("() => [...document.querySelectorAll('[data-chapter]')].map(e => e.dataset.chapter)")
            shown = bad = layers = reachable = shapes = 0
            for cid in ids:
                page.evaluate('(id) => document.querySelector(`[data-goto="${id}"]`).click()', cid)
                settle(page, cid)
                m = measure(page)
                legend = m["legend"]
                btn = page.locator("[data-ms-legend-toggle]")
                if not all(legend.values()) and btn.count() and btn.is_visible():
                    btn.click()
                    legend = measure(page)["legend"]
                    btn.click()
                problems = bad_labels(m)
                shown += len(m["labels"])
                bad += len(problems)
                shapes += len(bad_shapes(m))
                layers += len(legend)
                reachable += sum(legend.values())
                print(
                    f"{name:7} {cid:10} labels {len(m['labels']):2} bad {problems} shapes {bad_shapes(m)} "
                    f"legend {sum(legend.values())}/{len(legend)}"
                )
                if args.shots and cid in args.chapters.split(","):
                    args.shots.mkdir(parents=True, exist_ok=True)
                    page.wait_for_timeout(1200)  # tiles, if the network lets them in
                    page.screenshot(path=str(args.shots / f"{name}-{cid}.png"))
            print(
                f"== {name}: labels hidden or cut {bad} of {shown}; highlighted shapes covered {shapes}; "
                f"legend entries reachable {reachable} of {layers}"
            )
            ctx.close()
        browser.close()


if __name__ == "__main__":
    main()
