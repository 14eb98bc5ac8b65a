"""A phone at CPU ×4 (`python -m bench phone`): does the story feel smooth once it is there, on both hosts?

Chromium emulates Lighthouse's mobile device (412×823 CSS px at 1.75 device pixels, touch) and slows its main
thread four times (CDP Emulation.setCPUThrottlingRate), as Lighthouse's mobile run does. The network is not
throttled: bench/reach.py measures the download. For the published site (served as a CDN would,
page/siteserver.py) and the app (`streamlit run`), one reader each:

- CLS from the start of navigation: every layout shift counted, "after recent input" or not (under device
  emulation Chromium flags the engine's start as input; a phone counts it). `load` up to the first chapter and
  a second after; `read` the whole session's largest session window (1 s gap, 5 s cap).
- Chapter changes by key: J through the story, then K back to the start, `--reads` times (3: 48 changes on a
  story of nine chapters, so a p95 is not merely the slowest of a few): key event → the map frame's
  `data-active-chapter` → the next painted frame, found by a script (a message posted from the next animation
  frame); and the same key's Event Timing, the browser's own key → next paint (as INP measures it).
- Flights: how long the map moves after each chapter change; one under 150 ms was cut short.
- Frames during transitions (the map moving): the share longer than 33 ms.
- Layer toggles in the Layers panel: Event Timing per interaction (the browser reports only those ≥ 16 ms;
  the others count as 16), and whether the map's size changed.
- Main-thread busy time over a full read (CDP Performance metrics: task, script, layout, style).
- Lighthouse's mobile performance score and CLS for the site (npm `lighthouse`, a development tool installed on
  first use into bench/lighthouse/).

`--before REV` runs the same measurements on a git revision (checked out in a temporary worktree) in the same
run, so before and after are measured on one machine in one state. Figures only: never asserted by tests.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bench.apps import OURS_READY
from bench.browser import FOREIGN, Network
from bench.stats import summary
from bench.switching import PAINTED

ROOT = Path(__file__).resolve().parents[1]
LIGHTHOUSE = Path(__file__).with_name("lighthouse")
PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True, "has_touch": True}
CPU_SLOWDOWN = 4
READS = 3  # reads down the story and back up by key: 48 chapter changes on nine chapters
CUT_SHORT_MS = 150

# Installed before the page's own scripts: shifts, interactions and frames from the start of navigation.
RECORD = """
window.__phone = {shifts: [], events: [], frames: [], switches: [], key: null};
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) __phone.shifts.push({t: e.startTime, value: e.value, input: e.hadRecentInput});
}).observe({type: 'layout-shift', buffered: true});
new PerformanceObserver((list) => {
  for (const e of list.getEntries()) {
    if (e.interactionId) __phone.events.push({id: e.interactionId, name: e.name, t: e.startTime, ms: e.duration});
  }
}).observe({type: 'event', buffered: true, durationThreshold: 16});
(function tick(t) {
  const f = document.querySelector('[data-ms-map-frame]');
  __phone.frames.push([t, Boolean(f && f.dataset.moving)]);
  requestAnimationFrame(tick);
})(0);
document.addEventListener('keydown', (e) => { __phone.key = e.timeStamp; }, true);
"""

# After the engine is up: time each chapter change from its key press to the DOM and to the painted frame, and
# each flight from the change to the map's rest.
WATCH = (
    """() => {
  const frame = document.querySelector('[data-ms-map-frame]');
  const painted = """
    + PAINTED
    + """;
  let last = frame.dataset.activeChapter, flight = null;
  new MutationObserver(() => {
    const now = performance.now();
    if (flight && !frame.dataset.moving) { flight.restAt = now; flight = null; }
    if (frame.dataset.activeChapter === last) return;
    last = frame.dataset.activeChapter;
    const rec = {chapter: last, keyAt: __phone.key, domAt: now, paintedAt: null, restAt: null};
    __phone.key = null;
    __phone.switches.push(rec);
    flight = rec;
    painted(rec, false, null);
  }).observe(frame, {attributes: true, attributeFilter: ['data-active-chapter', 'data-moving']});
}"""
)

MAP_SIZE = (
    "() => { const m = document.querySelector('[data-ms-map-frame] .leaflet-container'); "
    "return m ? [m.clientWidth, m.clientHeight] : null; }"
)


def cls(shifts: list[dict[str, Any]], until: float | None = None) -> float:
    """The largest session window of layout shifts (1 s gap, 5 s cap), every shift counted."""
    best = current = 0.0
    start = prev = None
    for s in sorted(shifts, key=lambda s: s["t"]):
        if until is not None and s["t"] > until:
            break
        if start is None or s["t"] - prev > 1000 or s["t"] - start > 5000:
            start, current = s["t"], 0.0
        current += s["value"]
        prev = s["t"]
        best = max(best, current)
    return round(best, 3)


def slow_frames(frames: list[list[Any]]) -> dict[str, Any]:
    """Frames while the map moves: how many, and the share longer than 33 ms."""
    gaps = [b[0] - a[0] for a, b in zip(frames, frames[1:], strict=False) if a[1] or b[1]]
    over = sum(1 for g in gaps if g > 33.4)
    return {"frames": len(gaps), "over_33ms": over, "share_over_33ms": round(over / len(gaps), 3) if gaps else None}


def interactions(events: list[dict[str, Any]], since: float, until: float = float("inf")) -> list[float]:
    """Each interaction's duration from `since` to `until` (its longest event), as Event Timing reports it."""
    by_id: dict[int, float] = {}
    for e in events:
        if since <= e["t"] < until:
            by_id[e["id"]] = max(by_id.get(e["id"], 0.0), e["ms"])
    return list(by_id.values())


def _busy(cdp: Any) -> dict[str, float]:
    m = {x["name"]: x["value"] for x in cdp.send("Performance.getMetrics")["metrics"]}
    keys = (
        "TaskDuration",
        "ScriptDuration",
        "LayoutDuration",
        "RecalcStyleDuration",
        "LayoutCount",
        "RecalcStyleCount",
    )
    return {k: m.get(k, 0.0) for k in keys}


def _open(browser: Any, url: str) -> tuple[Any, Any, Any]:
    ctx = browser.new_context(**PHONE)
    ctx.add_init_script(RECORD)
    ctx.route(FOREIGN, Network().route)  # tiles refused at once, as on a closed network
    page = ctx.new_page()
    cdp = ctx.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
    cdp.send("Performance.enable")
    page.goto(url)
    page.wait_for_function(OURS_READY, arg=None, polling="raf", timeout=120_000)
    return ctx, page, cdp


def _read(page: Any, chapters: int, reads: int) -> float:
    """Every chapter by key, down the story and back up, each flight let to rest and read a moment; returns the
    wall time (ms). The text is focused once, as a reader's first click or tab would: after each key the focus is
    where the page put it (the chapter's heading). Focused again before every key, the focus's own frame was
    still being drawn when the key arrived, a wait no reader pressing J again has."""
    page.evaluate(WATCH)
    page.locator("[data-ms-scroller]").focus()
    t0 = page.evaluate("performance.now()")
    for key in (["j"] * (chapters - 1) + ["k"] * (chapters - 1)) * reads:
        page.keyboard.press(key)
        page.wait_for_function("() => !document.querySelector('[data-ms-map-frame][data-moving]')", timeout=30_000)
        page.wait_for_timeout(400)  # the reader reads
    return page.evaluate("performance.now()") - t0


# The chapter toggled in: the one whose legend wrapped to a second line on a phone (the worst case for a resize);
# a story without it toggles where the read ended.
TOGGLE_CHAPTER = "outskirts"


def _toggles(page: Any, rounds: int) -> dict[str, Any]:
    """Each layer's checkbox on and off, `rounds` times, in TOGGLE_CHAPTER; the map's size before and after."""
    page.evaluate('id => document.querySelector(`[data-goto="${id}"]`)?.click()', TOGGLE_CHAPTER)
    page.wait_for_function("() => !document.querySelector('[data-ms-map-frame][data-moving]')", timeout=30_000)
    page.locator("[data-ms-layers-btn]").click()
    boxes = page.locator("[data-ms-layers] input[data-layer]")
    boxes.first.wait_for()
    since = page.evaluate("performance.now()")  # the panel's own opening is not a toggle
    made = resized = 0
    for _ in range(rounds):
        for i in range(boxes.count()):
            before = page.evaluate(MAP_SIZE)
            boxes.nth(i).click()
            page.wait_for_timeout(120)
            resized += page.evaluate(MAP_SIZE) != before
            made += 1
    ms = interactions(page.evaluate("__phone.events"), since)
    ms += [16.0] * max(0, made - len(ms))  # under 16 ms: not reported by the browser
    return {"toggles": made, "event_timing_ms": summary(ms), "map_resized": resized}


def measure_reader(browser: Any, url: str, chapters: int, rounds: int, reads: int) -> dict[str, Any]:
    ctx, page, cdp = _open(browser, url)
    try:
        page.wait_for_timeout(1000)
        ready = page.evaluate("performance.now()")
        load_shifts = page.evaluate("__phone.shifts")
        busy0 = _busy(cdp)
        read_from = page.evaluate("performance.now()")
        wall = _read(page, chapters, reads)
        busy1 = _busy(cdp)
        toggles = _toggles(page, rounds)
        rec = page.evaluate("__phone")
    finally:
        ctx.close()
    sw = [s for s in rec["switches"] if s["keyAt"] is not None and s["paintedAt"] is not None]
    flights = [(s["chapter"], s["restAt"] - s["domAt"]) for s in rec["switches"] if s["restAt"] is not None]
    busy = {k: round(busy1[k] - busy0[k], 3) for k in busy0}
    return {
        "cls_load": cls(load_shifts, until=ready),
        "cls_read": cls(rec["shifts"]),
        "cls_load_flagged_input": round(sum(s["value"] for s in load_shifts if s["input"]), 3),
        "chapter_key_to_dom_ms": summary([s["domAt"] - s["keyAt"] for s in sw]),
        "chapter_key_to_painted_ms": summary([s["paintedAt"] - s["keyAt"] for s in sw]),
        # The browser's own key → next paint (Event Timing, as INP): the frame the key's changes are drawn in. The
        # row above finds that frame from a script (a message posted in the next animation frame), which counts
        # the frame after too when the browser draws that one before the message runs.
        "chapter_key_event_timing_ms": summary(interactions(rec["events"], read_from, read_from + wall)),
        "flight_ms": summary([ms for _, ms in flights]),
        "flights_cut_short": sum(1 for _, ms in flights if ms < CUT_SHORT_MS),
        "flights": [{"chapter": chapter, "ms": round(ms)} for chapter, ms in flights],
        "transition_frames": slow_frames(rec["frames"]),
        "read_s": round(wall / 1000, 1),
        "main_thread_busy_s": round(busy["TaskDuration"], 2),
        "main_thread_busy_share": round(busy["TaskDuration"] * 1000 / wall, 3) if wall else None,
        "busy_breakdown_s": {k: v for k, v in busy.items() if k.endswith("Duration")},
        "style_recalcs": int(busy["RecalcStyleCount"]),
        "layouts": int(busy["LayoutCount"]),
        **toggles,
    }


LIGHTHOUSE_RUNS = 3  # Lighthouse's own advice: one run varies, report the median of several


def lighthouse(url: str, runs: int = LIGHTHOUSE_RUNS) -> dict[str, Any] | None:
    """Lighthouse's mobile performance run on `url`, `runs` times: the run of median score, with every run's score
    (None when npm cannot install it)."""
    got = [r for r in (_lighthouse_once(url) for _ in range(runs)) if r]
    if not got:
        return None
    got.sort(key=lambda r: (r["score"], -r["tbt_ms"]))
    return {**got[len(got) // 2], "scores": [r["score"] for r in got], "runs": len(got)}


def _lighthouse_once(url: str) -> dict[str, Any] | None:
    binary = LIGHTHOUSE / "node_modules" / ".bin" / "lighthouse"
    if not binary.exists():
        got = subprocess.run(["npm", "ci", "--prefix", str(LIGHTHOUSE), "--no-audit", "--no-fund", "--silent"])
        if got.returncode != 0:
            return None
    from tests.browser.server import CHROMIUM

    with tempfile.TemporaryDirectory() as tmp:
        report = Path(tmp) / "lh.json"
        flags = "--headless=new --no-sandbox --disable-gpu --no-first-run"
        cmd = [str(binary), url, "--only-categories=performance", "--output=json", f"--output-path={report}",
               f"--chrome-flags={flags}", "--quiet", "--max-wait-for-load=60000"]  # fmt: skip
        subprocess.run(cmd, env={**os.environ, "CHROME_PATH": CHROMIUM}, timeout=300, check=False)
        if not report.exists():
            return None
        lh = json.loads(report.read_text(encoding="utf-8"))
    audits = lh["audits"]
    return {
        "score": round(lh["categories"]["performance"]["score"] * 100),
        "cls": round(audits["cumulative-layout-shift"]["numericValue"], 3),
        "fcp_s": round(audits["first-contentful-paint"]["numericValue"] / 1000, 2),
        "lcp_s": round(audits["largest-contentful-paint"]["numericValue"] / 1000, 2),
        "tbt_ms": round(audits["total-blocking-time"]["numericValue"]),
        "lighthouse": lh["lighthouseVersion"],
    }


@contextmanager
def checkout(rev: str | None) -> Iterator[Path]:
    """The working tree, or `rev` checked out in a temporary worktree (removed after)."""
    if rev is None:
        yield ROOT
        return
    tmp = Path(tempfile.mkdtemp(prefix="bench-before-"))
    tree = tmp / "tree"
    subprocess.run(["git", "worktree", "add", "--detach", "-q", str(tree), rev], cwd=ROOT, check=True)
    try:
        yield tree
    finally:
        subprocess.run(["git", "worktree", "remove", "--force", str(tree)], cwd=ROOT, check=False)
        shutil.rmtree(tmp, ignore_errors=True)


def publish_in(tree: Path, story: Path, out: Path) -> None:
    """The tree's own `publish` command (the CLI moved from `story` to `mapstory`; both are tried)."""
    for cli in ("mapstory", "story"):
        if (tree / cli / "__main__.py").exists():
            subprocess.run([sys.executable, "-m", cli, "publish", str(story), str(out)], cwd=tree, check=True,
                           stdout=subprocess.DEVNULL)  # fmt: skip
            return
    raise RuntimeError(f"no publish command in {tree}")


def measure_tree(
    browser: Any, tree: Path, *, rounds: int, reads: int, with_lighthouse: bool, log: Any
) -> dict[str, Any]:
    from page.siteserver import serve
    from story.loader import load_story
    from tests.browser.server import streamlit_server

    story = tree / "story" / "stories" / "bakhmut" / "story.yaml"
    chapters = len(load_story(story).chapters)
    out: dict[str, Any] = {}
    with tempfile.TemporaryDirectory() as tmp:
        site = Path(tmp) / "site"
        publish_in(tree, story, site)
        with serve(site) as base:
            log(f"phone: site of {tree.name}")
            out["site"] = measure_reader(browser, base, chapters, rounds, reads)
            if with_lighthouse:
                log("phone: lighthouse (mobile) on the site")
                out["lighthouse"] = lighthouse(base)
    with streamlit_server(tree / "streamlit_app.py", cwd=tree) as (base, _proc):
        log(f"phone: app of {tree.name}")
        out["app"] = measure_reader(browser, base, chapters, rounds, reads)
    return out


def measure(
    *, before: str | None, rounds: int, with_lighthouse: bool, reads: int = READS, log: Any = print
) -> dict[str, Any]:
    """Both hosts of the working tree, and of `before` when given, in one browser and one run."""
    from bench.browser import chromium

    out: dict[str, Any] = {"device": PHONE, "cpu_slowdown": CPU_SLOWDOWN, "toggle_rounds": rounds, "reads": reads}
    out["versions"] = {}
    with chromium() as browser:
        for name, rev in (("before", before), ("after", None)) if before else (("after", None),):
            with checkout(rev) as tree:
                got = measure_tree(browser, tree, rounds=rounds, reads=reads, with_lighthouse=with_lighthouse, log=log)
                out["versions"][name] = {"rev": rev or _head(), **got}
    return out


def _head() -> str:
    head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(["git", "status", "--porcelain"], cwd=ROOT, capture_output=True, text=True).stdout
    return head.stdout.strip() + ("+changes" if dirty.strip() else "")


def _p(s: dict[str, Any]) -> str:
    return f"{s['p50']} / {s['p95']}" if s.get("n") else "–"


ROWS = (
    ("CLS at load (every shift)", lambda h: h["cls_load"]),
    ("CLS over the read (largest window)", lambda h: h["cls_read"]),
    ("Chapter key → painted p50 / p95 (ms), by script", lambda h: _p(h["chapter_key_to_painted_ms"])),
    ("Chapter key Event Timing p50 / p95 (ms)", lambda h: _p(h["chapter_key_event_timing_ms"])),
    ("Flights p50 (ms); cut short (< 150 ms)", lambda h: f"{h['flight_ms']['p50']}; {h['flights_cut_short']}"),
    ("Transition frames > 33 ms", lambda h: f"{h['transition_frames']['share_over_33ms']:.1%}"),
    ("Toggle Event Timing p50 / p95 (ms)", lambda h: _p(h["event_timing_ms"])),
    ("Toggles that resized the map", lambda h: f"{h['map_resized']} of {h['toggles']}"),
    ("Main thread busy over a read", lambda h: f"{h['main_thread_busy_s']} s of {h['read_s']} s"),
)


def table(r: dict[str, Any]) -> str:
    cols = [(v, host) for v in r["versions"] for host in ("site", "app")]
    head = "| Phone, CPU ×4 | " + " | ".join(f"{host} ({v}, {r['versions'][v]['rev']})" for v, host in cols) + " |"
    lines = [head, "|---" * (len(cols) + 1) + "|"]
    for name, get in ROWS:
        lines.append(f"| {name} | " + " | ".join(str(get(r["versions"][v][host])) for v, host in cols) + " |")
    for v in r["versions"]:
        lh = r["versions"][v].get("lighthouse")
        if lh:
            runs = f" (median of {lh['runs']} runs: {', '.join(map(str, lh['scores']))})" if "runs" in lh else ""
            lines.append(f"\nLighthouse mobile, site ({v}): performance {lh['score']}{runs}, CLS {lh['cls']}, "
                         f"FCP {lh['fcp_s']} s, LCP {lh['lcp_s']} s, TBT {lh['tbt_ms']} ms")  # fmt: skip
    return "\n".join(lines)
