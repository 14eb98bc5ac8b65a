"""Issue 22: views that use the room. In every chapter, on a desktop and a phone, the layers the chapter's view frames
are drawn in the middle of the free room the map's furniture leaves (a rectangle of the map clear of the legend,
inset, date buttons, Layers button and Leaflet's controls that holds the subject's centre: the biggest, or the one
nearest the middle of the free area), unless they fill that room along an axis. Both hosts, and a second story on the
other side of the world."""

from __future__ import annotations

from itertools import combinations, pairwise
from math import hypot

import pytest

from tests.browser.conftest import DESKTOP, PHONE, new_context, wait_for_story
from tests.browser.legibility import go_to_chapter

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
TOLERANCE = 0.12  # of the room's size along an axis…
AT_LEAST = 40  # …or this many px, whichever is more
FILLS = 0.9  # a subject this share of the room's size fills it along that axis
GAP = 6  # px the view keeps between furniture and the shapes (assets/engine/room.js GAP)

# The map's box, the furniture over it and the subject's drawn box (its layers' shapes and dots, clipped to the
# map), in viewport px. A layer's shapes carry ms-layer-<id> whatever their state; its dots are on a canvas, and
# the page's test hook says where each one is.
ROOM_JS = """(ids) => {
  const frame = document.querySelector('[data-ms-map-frame]');
  const m = frame.querySelector('.leaflet-container').getBoundingClientRect();
  const box = (r) => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const furniture = [];
  const sel = '.ms-legend, .ms-inset, .ms-layers, .ms-notice, .ms-dates, .leaflet-control';
  for (const el of frame.querySelectorAll(sel)) {
    const r = el.getBoundingClientRect();
    if (el.hidden || !r.width || !r.height) continue;
    if (r.right > m.left && r.left < m.right && r.bottom > m.top && r.top < m.bottom) furniture.push(box(r));
  }
  const parts = [];
  for (const el of frame.querySelectorAll('.leaflet-overlay-pane path:not(.ms-off)')) {
    const r = el.getBoundingClientRect();
    const mine = (id) => el.classList.contains('ms-layer-' + id) || el.classList.contains('ms-of-' + id);
    if ((r.width || r.height) && ids.some(mine)) parts.push(box(r));
  }
  for (const p of window.__mapstory.points()) if (ids.includes(p.layer) && p.state !== 'off') parts.push(p);
  if (!parts.length) return {map: box(m), furniture, subject: null};
  const subject = {left: Math.max(m.left, Math.min(...parts.map((b) => b.left))),
                   right: Math.min(m.right, Math.max(...parts.map((b) => b.right))),
                   top: Math.max(m.top, Math.min(...parts.map((b) => b.top))),
                   bottom: Math.min(m.bottom, Math.max(...parts.map((b) => b.bottom)))};
  return {map: box(m), furniture, subject};
}"""


def grid(area: dict, furniture: list[dict]) -> tuple[list[float], list[float]]:
    """The x and y lines that `area`'s edges and the furniture's cut it along, inside it, in order."""
    xs = sorted({area["left"], area["right"], *(e for f in furniture for e in (f["left"], f["right"]))})
    ys = sorted({area["top"], area["bottom"], *(e for f in furniture for e in (f["top"], f["bottom"]))})
    return [v for v in xs if area["left"] <= v <= area["right"]], [v for v in ys if area["top"] <= v <= area["bottom"]]


def free_rooms(area: dict, furniture: list[dict]) -> list[dict]:
    """Every rectangle of `area` between the furniture's edges that no piece of furniture overlaps."""
    xs, ys = grid(area, furniture)
    rooms = []
    for left, right in combinations(xs, 2):
        for top, bottom in combinations(ys, 2):
            if not any(
                f["left"] < right and f["right"] > left and f["top"] < bottom and f["bottom"] > top for f in furniture
            ):
                rooms.append({"left": left, "right": right, "top": top, "bottom": bottom})
    return rooms


def free_centre(area: dict, furniture: list[dict]) -> tuple[float, float]:
    """The centroid of the map's area that no furniture covers (a wide legend at the bottom left moves it up and
    to the right)."""
    xs, ys = grid(area, furniture)
    total = mx = my = 0.0
    for x0, x1 in pairwise(xs):
        for y0, y1 in pairwise(ys):
            x, y = (x0 + x1) / 2, (y0 + y1) / 2
            if any(f["left"] < x < f["right"] and f["top"] < y < f["bottom"] for f in furniture):
                continue
            a = (x1 - x0) * (y1 - y0)
            total, mx, my = total + a, mx + a * x, my + a * y
    return (
        (mx / total, my / total) if total else ((area["left"] + area["right"]) / 2, (area["top"] + area["bottom"]) / 2)
    )


def the_rooms(m: dict, padding: float) -> list[dict]:
    """The subject's rooms. Of the free rectangles holding its centre that it fits in with its chapter's padding
    and the gap kept from furniture (a room it would not fit draws it a zoom step smaller): the biggest, and the
    one whose centre is nearest the free area's centre (a tall room beside the legend and a wide one above it
    often draw the subject at the same zoom: either is its room). Else the biggest holding all of it (a tall
    subject beside a wide legend), else the map."""
    s = m["subject"]
    cx, cy = (s["left"] + s["right"]) / 2, (s["top"] + s["bottom"]) / 2
    rooms = free_rooms(m["map"], m["furniture"])

    def fits(r: dict) -> bool:
        return (
            s["right"] - s["left"] + 2 * (padding + GAP) <= r["right"] - r["left"]
            and s["bottom"] - s["top"] + 2 * (padding + GAP) <= r["bottom"] - r["top"]
        )

    def holds(r: dict) -> bool:
        return (
            r["left"] <= s["left"] and s["right"] <= r["right"] and r["top"] <= s["top"] and s["bottom"] <= r["bottom"]
        )

    def area(r: dict) -> float:
        return (r["right"] - r["left"]) * (r["bottom"] - r["top"])

    around = [r for r in rooms if r["left"] <= cx <= r["right"] and r["top"] <= cy <= r["bottom"] and fits(r)]
    if around:
        fx, fy = free_centre(m["map"], m["furniture"])
        nearest = min(
            around,
            key=lambda r: (hypot((r["left"] + r["right"]) / 2 - fx, (r["top"] + r["bottom"]) / 2 - fy), -area(r)),
        )
        return [max(around, key=area), nearest]
    holding = [r for r in rooms if holds(r)]
    return [max(holding, key=area)] if holding else [m["map"]]


def offsets(m: dict, room: dict) -> dict[str, tuple[float, float, float]]:
    """Per axis: (the subject's centre minus the room's, the tolerance, how much of the room the subject fills)."""
    s = m["subject"]
    cx, cy = (s["left"] + s["right"]) / 2, (s["top"] + s["bottom"]) / 2
    out = {}
    for axis, lo, hi, c in (("x", "left", "right", cx), ("y", "top", "bottom", cy)):
        extent = room[hi] - room[lo]
        out[axis] = (c - (room[lo] + room[hi]) / 2, max(AT_LEAST, TOLERANCE * extent), (s[hi] - s[lo]) / extent)
    return out


def off_centre(m: dict, padding: float) -> list[str]:
    """Nothing when the subject is centred in one of its rooms, else how far it is from the first one's centre."""
    misses = [
        [
            f"{axis} {off:+.0f} px from the centre of the room {room} (tolerance {tol:.0f})"
            for axis, (off, tol, filled) in offsets(m, room).items()
            if abs(off) > tol and filled < FILLS
        ]
        for room in the_rooms(m, padding)
    ]
    return [] if any(not miss for miss in misses) else misses[0]


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_chapter_is_centred_in_the_room_the_furniture_leaves(browser, story_host, viewport):
    ctx = new_context(browser, VIEWPORTS[viewport], reduced_motion="reduce")  # views apply at once
    try:
        page = ctx.new_page()
        page.goto(story_host.url)
        wait_for_story(page)
        problems = {}
        for chapter in story_host.story.chapters:
            if not chapter.view.fit:
                continue  # an explicit box frames no layer to measure
            go_to_chapter(page, chapter.id)
            m = page.evaluate(ROOM_JS, list(chapter.view.fit))
            assert m["subject"], f"{chapter.id}: none of {chapter.view.fit} is drawn"
            found = off_centre(m, 24 if chapter.view.padding is None else chapter.view.padding)
            if found:
                problems[chapter.id] = found
        assert problems == {}, f"{story_host}, {viewport}: chapters off the room's centre: {problems}"
    finally:
        ctx.close()
