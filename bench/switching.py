"""Figure 1: chapter switch latency, measured in the page, from the chapter becoming active to its highlight
being in the map's DOM and the next frame painted.

Ours: the page's own `window.__mapstory.metrics` gives when each chapter became active (activeAt); a
MutationObserver on the map frame's `data-active-chapter`/`data-highlight` gives when the DOM shows it;
then a requestAnimationFrame plus a message-channel hop (which runs after that frame's paint) gives painted.
Baseline: the same observer, on the st_folium iframe's document (same origin), waits for paths carrying the new
chapter's class; the clock starts at the radio click. Both use the top page's performance.now().
"""

from __future__ import annotations

from typing import Any

from bench.apps import Reader, wait_script_idle
from bench.stats import summary

# "Painted": a message posted after a rendering update runs right after that update's paint. A change made inside
# a requestAnimationFrame callback (our scroll handler applies chapters there) is painted in that same update, so
# the message is posted at once; a change made in an ordinary task (a key press, a websocket message) waits for
# the next update: requestAnimationFrame first, then the message.
PAINTED = """(rec, inFrame, done) => {
    const after = () => {
      const c = new MessageChannel();
      c.port1.onmessage = () => { rec.paintedAt = performance.now(); if (done) done(rec); };
      c.port2.postMessage(null);
    };
    if (inFrame) after(); else requestAnimationFrame(after);
  }"""

OURS_INSTALL = (
    """() => {
  const frame = document.querySelector('[data-ms-map-frame]');
  const metrics = window.__mapstory.metrics;
  const painted = """
    + PAINTED
    + """;
  const out = (window.__benchSwitches = []);
  let last = frame.dataset.activeChapter;
  const onChange = (inFrame) => {
    const now = performance.now();
    if (frame.dataset.activeChapter === last) return;
    last = frame.dataset.activeChapter;
    const m = metrics[metrics.length - 1];  // pushed synchronously by the same activate() call
    const ok = m && m.chapter === last;
    const rec = {chapter: last, source: ok ? m.source : null, activeAt: ok ? m.activeAt : null,
                 appliedAt: ok ? m.appliedAt : null, domAt: now, paintedAt: null, inFrame};
    out.push(rec);
    painted(rec, inFrame, null);
  };
  const obs = new MutationObserver(() => onChange(false));
  obs.observe(frame, {attributes: true, attributeFilter: ['data-active-chapter', 'data-highlight']});
  // Changes made inside a frame callback are taken here, before the observer would see them after the callback.
  // The page looks up requestAnimationFrame when it calls it, so this wrapper sees its scroll handler.
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (cb) => raf((ts) => {
    try { return cb(ts); } finally { if (obs.takeRecords().length) onChange(true); }
  });
}"""
)

BASELINE_SWITCH = (
    """([index, chapter]) => new Promise((resolve, reject) => {
  const painted = """
    + PAINTED
    + """;
  const frame = document.querySelector('iframe[title="streamlit_folium.st_folium"]');
  frame.benchId = frame.benchId || Math.random();  // a remounted iframe would show up as a new id
  const doc = frame.contentDocument;
  const label = document.querySelectorAll('[data-testid=stRadio] label[data-testid=stRadioOption]')[index];
  const sel = 'path.bl-ch-' + chapter;
  const rec = {chapter, source: 'radio', frame: frame.benchId, activeAt: performance.now(), domAt: null,
               paintedAt: null};
  const timer = setTimeout(() => reject(new Error('no highlight for ' + chapter)), 30000);
  const obs = new MutationObserver(() => {
    if (rec.domAt !== null || !doc.querySelector(sel)) return;
    rec.domAt = performance.now();
    obs.disconnect();
    clearTimeout(timer);
    painted(rec, false, resolve);
  });
  obs.observe(doc.body, {subtree: true, childList: true, attributes: true});
  label.click();
})"""
)


def _latencies(records: list[dict], source: str | None = None) -> dict[str, Any]:
    rows = [r for r in records if r.get("activeAt") is not None and r.get("paintedAt") is not None]
    if source is not None:
        rows = [r for r in rows if r["source"] == source]
    return {
        "to_painted_ms": summary([r["paintedAt"] - r["activeAt"] for r in rows]),
        "to_dom_ms": summary([r["domAt"] - r["activeAt"] for r in rows]),
    }


def _scroll_to(page: Any, box: dict, target: str, direction: int, step_px: int, max_steps: int = 400) -> None:
    """Wheel through the reading column until `target` is the active chapter (then a little further)."""
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    for _ in range(max_steps):
        page.mouse.wheel(0, direction * step_px)
        page.wait_for_timeout(40)
        if page.evaluate("() => window.__mapstory.state().chapter") == target:
            break
    page.wait_for_timeout(500)


def ours(reader: Reader, chapters: list[str], scroll_runs: int, key_runs: int) -> dict[str, Any]:
    """Scroll through the story `scroll_runs` times (down, up, down…), then J/K through it `key_runs` times."""
    page = reader.page
    page.wait_for_timeout(600)  # past the first settle report
    page.evaluate(OURS_INSTALL)
    box = page.locator("[data-ms-scroller]").bounding_box()
    for run in range(scroll_runs):
        down = run % 2 == 0
        _scroll_to(page, box, chapters[-1] if down else chapters[0], +1 if down else -1, 250)
    if scroll_runs % 2:  # back to the top, unmeasured, so the keys start from the first chapter
        page.locator(f"[data-goto={chapters[0]}]").click()
        page.wait_for_timeout(300)
    page.mouse.move(5, 5)
    for run in range(key_runs):
        for _ in chapters[1:]:
            page.keyboard.press("j" if run % 2 == 0 else "k")
            page.wait_for_timeout(300)  # a reader's pace: the fly animation is under way
    page.wait_for_timeout(300)
    records = page.evaluate("() => window.__benchSwitches")
    records = [r for r in records if r["source"] in ("scroll", "key")]
    return {
        "method": "activeAt (page metrics) -> highlight in map DOM (MutationObserver) -> painted",
        "all": _latencies(records),
        "scroll": _latencies(records, "scroll"),
        "key": _latencies(records, "key"),
        "chapters_seen": sorted({r["chapter"] for r in records}),
    }


def baseline(reader: Reader, chapters: list[str], switches: int) -> dict[str, Any]:
    """Click the radio through the chapters and back, `switches` times in all."""
    page = reader.page
    page.wait_for_timeout(600)
    order = list(range(1, len(chapters))) + list(range(len(chapters) - 2, -1, -1))
    records = []
    for n in range(switches):
        i = order[n % len(order)]
        records.append(page.evaluate(BASELINE_SWITCH, [i, chapters[i]]))
        wait_script_idle(page)
        page.wait_for_timeout(150)
    return {
        "method": "radio click -> new chapter's paths in the st_folium iframe (MutationObserver) -> painted",
        "all": _latencies(records),
        "iframe_remounts": len({r["frame"] for r in records}) - 1,
    }
