"""What a reader can see on the map, measured from the page's layout: the map's furniture (legend, inset,
controls, attribution), the place and road labels, the highlighted shapes and the legend entries.

Shared by the legibility tests and scripts/legibility_counts.py (the before/after counts of issue 13)."""

from __future__ import annotations

from typing import Any

# Runs in the page: every box in viewport pixels. A label is "hidden" when a piece of furniture overlaps it and
# "cut" when it is not wholly inside the map; a highlighted shape is checked by its bounding box.
MEASURE_JS = """
() => {
  const frame = document.querySelector('[data-ms-map-frame]');
  const mapEl = frame.querySelector('.leaflet-container');
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const shown = (el) => {
    if (!el) return false;
    const cs = getComputedStyle(el);
    if (cs.display === 'none' || cs.visibility === 'hidden' || Number(cs.opacity) === 0) return false;
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  };
  const m = box(mapEl.getBoundingClientRect());
  const sel = ['.ms-legend', '.ms-inset', '.ms-layers', '.ms-notice', '.ms-dates', '.leaflet-control-zoom',
               '.leaflet-control-attribution', '.leaflet-control-scale'];
  const furniture = [];
  for (const s of sel) {
    for (const el of frame.querySelectorAll(s)) {
      if (shown(el) && frame.contains(el) && el.closest('[data-ms-map-frame]') === frame) {
        const r = box(el.getBoundingClientRect());
        // Furniture that sits beside the map (the phone legend in the strip beneath it) covers nothing.
        const over = r.right > m.left && r.left < m.right && r.bottom > m.top && r.top < m.bottom;
        if (over) furniture.push({name: s, ...r});
      }
    }
  }
  const overlaps = (a, b) => a.left < b.right && a.right > b.left && a.top < b.bottom && a.bottom > b.top;
  const inside = (a, b, tol = 0.5) =>
    a.left >= b.left - tol && a.right <= b.right + tol && a.top >= b.top - tol && a.bottom <= b.bottom + tol;
  const labels = [];
  for (const el of frame.querySelectorAll('.leaflet-marker-pane .ms-label')) {
    const span = el.firstElementChild;
    if (!shown(el) || !shown(span)) continue;
    const r = box(span.getBoundingClientRect());
    if (!overlaps(r, m)) continue; // wholly outside the map: not drawn, not a problem
    const under = furniture.filter((f) => overlaps(r, f)).map((f) => f.name);
    labels.push({text: span.textContent, under, cut: !inside(r, m)});
  }
  const strong = [];
  // A highlighted layer too small to see is drawn as its symbol, a ring in a pane of its own (issue 22).
  for (const el of frame.querySelectorAll('.leaflet-overlay-pane path.ms-strong, .ms-symbols path.ms-strong')) {
    const r = box(el.getBoundingClientRect());
    if (r.right - r.left === 0 && r.bottom - r.top === 0) continue;
    // A layer's shapes name it in ms-layer-<id>; the ground it lost or gained between two dates in ms-of-<id>.
    const cls = [...el.classList].find((c) => c.startsWith('ms-layer-') || c.startsWith('ms-of-'));
    const layer = cls.slice(cls.indexOf('-', 3) + 1);
    const under = furniture.filter((f) => overlaps(r, f)).map((f) => f.name);
    strong.push({layer, under, off: !inside(r, m, 1.5)});
  }
  // Point layers are drawn on canvases: the page's test hook says where each dot is.
  for (const p of window.__mapstory.points()) {
    if (p.state !== 'strong' || !overlaps(p, m)) continue; // outside the map: not drawn, as shapes off the view
    const under = furniture.filter((f) => overlaps(p, f)).map((f) => f.name);
    strong.push({layer: p.layer, under, off: !inside(p, m, 1.5)});
  }
  const onMap = (frame.dataset.highlight + ' ' + frame.dataset.dimmed).split(' ').filter(Boolean);
  const legend = {};
  for (const id of onMap) {
    const li = document.querySelector(`[data-legend="${id}"]`);
    let visible = false;
    if (shown(li)) {
      const r = li.getBoundingClientRect();
      visible = r.top >= 0 && r.bottom <= innerHeight + 0.5 && r.left >= 0 && r.right <= innerWidth + 0.5;
      // Clipped by a list that shows only its first rows?
      for (let p = li.parentElement; p && p !== document.body; p = p.parentElement) {
        const cs = getComputedStyle(p);
        if (cs.overflow !== 'visible' || cs.overflowY !== 'visible') {
          const pr = p.getBoundingClientRect();
          if (r.top < pr.top - 0.5 || r.bottom > pr.bottom + 0.5) visible = false;
        }
      }
    }
    legend[id] = visible;
  }
  return {map: m, furniture, labels, strong, legend, chapter: frame.dataset.activeChapter};
}
"""


def measure(page) -> dict[str, Any]:
    return page.evaluate(MEASURE_JS)


def bad_labels(m: dict[str, Any]) -> list[str]:
    return [
        f"{lab['text']} ({'cut' if lab['cut'] else 'under ' + ','.join(lab['under'])})"
        for lab in m["labels"]
        if lab["cut"] or lab["under"]
    ]


def bad_shapes(m: dict[str, Any]) -> list[str]:
    return [
        f"{s['layer']} ({'off the map' if s['off'] else 'under ' + ','.join(s['under'])})"
        for s in m["strong"]
        if s["off"] or s["under"]
    ]


def go_to_chapter(page, chapter_id: str) -> None:
    """Jump through the chapter list (as a reader would) and wait until the map rests on that chapter."""
    page.evaluate('(id) => document.querySelector(`[data-goto="${id}"]`).click()', chapter_id)
    settle(page, chapter_id)


def settle(page, chapter_id: str) -> None:
    page.wait_for_function(
        """(id) => { const f = document.querySelector('[data-ms-map-frame]');
             return f.dataset.activeChapter === id && !f.dataset.moving; }""",
        arg=chapter_id,
    )
    # Two frames: Leaflet's last moveend has re-run the label declutter and the browser has laid it out.
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")
