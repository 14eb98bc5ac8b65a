"""Highlighted strokes meet WCAG 2.2 non-text contrast (1.4.11, 3:1) where a reader sees them: measured from a
screenshot of every chapter, desktop and phone, on both hosts and for a second story, with no basemap tiles (as on a
filtered network, or before tiles load). story/contrast.py checks the colours in `story check`; this checks what the
page drew.

Along each highlighted outline or line (and a too-small layer's ring), points are sampled: the pixel on the stroke
against the pixels just beside it (the ground, or the fill the line runs over; an outline against the outer side, its
own fill being the same object). A dash's gap (nothing drawn there) and points under the furniture or a label are
skipped; the stroke's median ratio must be ≥ 3."""

from __future__ import annotations

import io
import statistics

import pytest
from PIL import Image

from story.contrast import ratio
from tests.browser.conftest import DESKTOP, PHONE, new_context, wait_for_story
from tests.browser.legibility import go_to_chapter

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
SAMPLES = 24
MINIMUM = 3.0

# For every highlighted SVG stroke: points along it in viewport px, each with its two neighbours beside the stroke.
SAMPLE_JS = """(n) => {
  const frame = document.querySelector('[data-ms-map-frame]');
  const fr = frame.getBoundingClientRect();
  const furniture = [...document.querySelectorAll(
    '.ms-legend, .ms-inset, .ms-layers, .ms-dates, .ms-notice:not([hidden]), .leaflet-control, ' +
    '.ms-label > span, .leaflet-tooltip')]
    .filter(e => {  // a label the declutter hid covers nothing
      const cs = getComputedStyle(e.closest('.ms-label') || e);
      return cs.visibility !== 'hidden' && cs.display !== 'none' && parseFloat(cs.opacity) > 0.05;
    })
    .map(e => e.getBoundingClientRect()).filter(r => r.width && r.height);
  const free = (x, y) => x > fr.left + 2 && x < fr.right - 2 && y > fr.top + 2 && y < fr.bottom - 2
    && !furniture.some(r => x >= r.left - 3 && x <= r.right + 3 && y >= r.top - 3 && y <= r.bottom + 3);
  const out = [];
  for (const path of frame.querySelectorAll('path.ms-strong')) {
    const id = [...path.classList].find(c => c.startsWith('ms-layer-') || c.startsWith('ms-of-')) || 'path';
    const len = path.getTotalLength();
    const m = path.getScreenCTM();
    if (!len || !m) continue;
    const style = getComputedStyle(path);
    const width = parseFloat(style.strokeWidth) || 1;
    const area = style.fill !== 'none' && parseFloat(style.fillOpacity) > 0;
    const at = (l) => new DOMPoint(path.getPointAtLength(l).x, path.getPointAtLength(l).y).matrixTransform(m);
    const points = [];
    for (let i = 0; i < n; i++) {
      const l = len * (i + 0.5) / n;
      const p = at(l), q = at(Math.min(len, l + 1));
      let dx = q.x - p.x, dy = q.y - p.y;
      const d = Math.hypot(dx, dy) || 1;
      const off = width / 2 + 3;  // just clear of the stroke and its antialiasing
      const nx = -dy / d * off, ny = dx / d * off;
      const side = [[p.x + nx, p.y + ny], [p.x - nx, p.y - ny]];
      if (free(p.x, p.y) && side.every(([x, y]) => free(x, y))) points.push({on: [p.x, p.y], side});
    }
    out.push({id, width, area, points});
  }
  return out;
}"""


def _hex(img: Image.Image, x: float, y: float) -> str:
    r, g, b = img.getpixel((round(x), round(y)))[:3]
    return f"#{r:02x}{g:02x}{b:02x}"


def stroke_ratios(img: Image.Image, stroke: dict) -> list[float]:
    """Per sampled point, the stroke's contrast with what lies beside it (gaps left out): a line's with both sides
    (it must stand out from whatever it crosses), an area's outline with its outer side (the area's own fill,
    inside, is the same object: the outline is what sets it off from the ground and the fills beneath)."""
    out = []
    for p in stroke["points"]:
        on = _hex(img, *p["on"])
        sides = [ratio(on, _hex(img, *s)) for s in p["side"]]
        if max(sides) < 1.1:
            continue  # a dash's gap: nothing drawn here
        out.append(max(sides) if stroke["area"] else min(sides))
    return out


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_highlighted_strokes_meet_3_to_1_on_the_page(browser, story_host, viewport):
    ctx = new_context(browser, VIEWPORTS[viewport], reduced_motion="reduce")
    ctx.route("**/*.png", lambda route: route.abort())  # no tiles: the ground the story must read on
    try:
        page = ctx.new_page()
        page.goto(story_host.url)
        wait_for_story(page)
        low, unmeasured = {}, []
        for chapter in story_host.story.chapters:
            go_to_chapter(page, chapter.id)
            strokes = page.evaluate(SAMPLE_JS, SAMPLES)
            img = Image.open(io.BytesIO(page.screenshot())).convert("RGB")
            measured = 0
            for stroke in strokes:
                found = stroke_ratios(img, stroke)
                if len(found) < 3:
                    continue  # too little of it in the open to judge (under the furniture, off the map)
                measured += 1
                median = statistics.median(found)
                if median < MINIMUM:
                    low[f"{chapter.id}/{stroke['id']}"] = round(median, 2)
            if strokes and not measured:  # (a chapter may highlight nothing: the sources chapter)
                unmeasured.append(chapter.id)
        assert not unmeasured, f"{story_host}, {viewport}: no highlighted stroke could be measured in {unmeasured}"
        assert low == {}, f"{story_host}, {viewport}: highlighted strokes under {MINIMUM}:1 on the page: {low}"
    finally:
        ctx.close()
