"""One look, two drawings: for every chapter of the shipped story, the live map (the published site, read from
the computed styles of Leaflet's elements) and the preview that draws the share cards and print images
(story.preview.drawn_plan, the plan its drawing code follows) agree layer by layer — the same layers shown, in
the same state, with the same colours, widths, dashes and effective opacities, a highlighted layer too small to see
at the map's zoom drawn as the same ring; labels in the same colour, shown at the same zoom bands."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from page.siteserver import CSP, serve
from story.look import LOOK
from story.preview import drawn_plan, label_shown, symbol_name
from tests.browser.conftest import DESKTOP, new_context, wait_for_story

# Every shape, dot pane and label of the story's layers as the reader's browser draws them.
LIVE_JS = """() => {
  const frame = document.querySelector('[data-ms-map-frame]');
  const main = frame.querySelector('.folium-map');
  const state = (el) =>
    el.classList.contains('ms-dim') ? 'dimmed' : el.classList.contains('ms-strong') ? 'highlighted' : 'unset';
  const paths = [...main.querySelectorAll('.leaflet-overlay-pane path.ms-path:not(.ms-off)')].map((el) => {
    const cls = [...el.classList], cs = getComputedStyle(el);
    const change = cls.find((c) => c === 'ms-change-lost' || c === 'ms-change-gained');
    const layer = change ? cls.find((c) => c.startsWith('ms-of-')).slice(6)
                         : cls.find((c) => c.startsWith('ms-layer-')).slice(9);
    return {layer, change: change ? change.slice(10) : null, state: state(el), stroke: cs.stroke,
            strokeOpacity: +cs.strokeOpacity, fill: cs.fill, fillOpacity: +cs.fillOpacity, opacity: +cs.opacity,
            width: parseFloat(cs.strokeWidth), dash: cs.strokeDasharray, display: cs.display};
  });
  // A highlighted layer too small to see is drawn as a ring (its symbol) in a pane of its own.
  const symbols = [...main.querySelectorAll('.ms-symbols path.ms-symbol')].map((el) => {
    const cls = [...el.classList], cs = getComputedStyle(el), r = el.getBoundingClientRect();
    const change = cls.find((c) => c === 'ms-change-lost' || c === 'ms-change-gained');
    const layer = cls.find((c) => c.startsWith('ms-layer-') || c.startsWith('ms-of-')).replace(/^ms-(layer|of)-/, '');
    return {layer, change: change ? change.slice(10) : null, state: state(el), stroke: cs.stroke,
            strokeOpacity: +cs.strokeOpacity, fill: cs.fill, fillOpacity: +cs.fillOpacity, opacity: +cs.opacity,
            width: parseFloat(cs.strokeWidth), dash: cs.strokeDasharray, display: cs.display, radius: r.width / 2};
  });
  const drawn = window.__mapstory.points();
  const points = [...main.querySelectorAll('.ms-points')].map((pane) => {
    const layer = [...pane.classList].find((c) => c.startsWith('ms-layer-')).slice(9);
    const cs = getComputedStyle(pane);
    // The dots' fill, read off the canvas at each shown dot's centre (the canvas has no element per dot).
    const canvas = pane.querySelector('canvas'), box = canvas.getBoundingClientRect();
    const ctx = canvas.getContext('2d');
    const view = main.getBoundingClientRect();
    const inside = (d) => d.left > view.left && d.right < view.right && d.top > view.top && d.bottom < view.bottom;
    const dots = drawn.filter((d) => d.layer === layer && inside(d));
    const centres = dots.map((d) => {
      const x = ((d.left + d.right) / 2 - box.left) * canvas.width / box.width;
      const y = ((d.top + d.bottom) / 2 - box.top) * canvas.height / box.height;
      return [...ctx.getImageData(Math.floor(x), Math.floor(y), 1, 1).data];
    });
    return {layer, state: state(pane), display: cs.display, opacity: +cs.opacity, centres,
            halfWidths: dots.map((d) => (d.right - d.left) / 2)};
  });
  const labels = [...main.querySelectorAll('.leaflet-marker-pane .ms-label:not(.ms-off)')].map((el) => {
    const cls = [...el.classList];
    const layer = cls.find((c) => c.startsWith('ms-layer-') || c.startsWith('ms-of-')).replace(/^ms-(layer|of)-/, '');
    const rank = el.className.match(/\\bms-rank-(\\d+)\\b/);
    const span = getComputedStyle(el.firstElementChild);
    return {layer, rank: rank ? +rank[1] : null, road: el.classList.contains('ms-road-label'),
            ring: el.classList.contains('ms-ring-label'), change: el.classList.contains('ms-of-' + layer),
            text: el.textContent,
            shown: getComputedStyle(el).display !== 'none', color: span.color, size: parseFloat(span.fontSize)};
  });
  const swatches = [...document.querySelectorAll('[data-legend] .ms-swatch-area')].map((el) => (
    {entry: el.closest('[data-legend]').dataset.legend, opacity: +getComputedStyle(el).opacity}));
  return {paths, symbols, points, labels, swatches, zoom: window.__mapstory.zoom(), band: frame.dataset.zoomband,
          ground: getComputedStyle(main).backgroundColor};
}"""


def hex_of(css: str) -> str | None:
    """'rgb(31, 95, 191)' → '#1f5fbf'; 'none' → None."""
    if css == "none":
        return None
    r, g, b = (int(v) for v in re.findall(r"\d+", css)[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def dashes(css: str) -> str | None:
    """'4px, 3px' → '4 3'; 'none' → None."""
    return None if css == "none" else " ".join(f"{float(v):g}" for v in re.findall(r"[\d.]+", css))


def live_layers(live: dict, layer_ids: list[str]) -> dict[tuple[str, str | None], dict]:
    """(layer id, change kind) → what the live map shows of it: the same facts as the preview's plan. Every
    shape of one entry must agree with the others."""
    seen: dict[tuple[str, str | None], set] = {}
    for p in live["paths"] + live["symbols"]:
        assert p["display"] != "none", p
        facts = {
            "symbol": "radius" in p,
            "radius_px": round(p["radius"], 1) if "radius" in p else None,
            "state": p["state"],
            "stroke": hex_of(p["stroke"]),
            "stroke_opacity": round(p["opacity"] * p["strokeOpacity"], 4),
            "fill": hex_of(p["fill"]),
            "fill_opacity": round(p["opacity"] * p["fillOpacity"], 4) if hex_of(p["fill"]) else 0.0,
            "width_px": p["width"],
            "dash": dashes(p["dash"]),
        }
        seen.setdefault((p["layer"], p["change"]), set()).add(tuple(sorted(facts.items())))
    for pane in live["points"]:
        if pane["display"] == "none":
            continue
        # Most dots' centres: a neighbour's outline may cross a few where places crowd at a low zoom.
        colours = Counter((hex_of(f"rgb{tuple(c[:3])}"), c[3]) for c in pane["centres"])
        (fill, alpha), count = colours.most_common(1)[0]
        assert count > len(pane["centres"]) / 2, f"{pane['layer']}: its dots are filled in several colours: {colours}"
        facts = {
            "state": pane["state"],
            "fill": fill,
            "fill_opacity": round(pane["opacity"] * alpha / 255, 2),
            "half_width": set(pane["halfWidths"]),
        }
        seen.setdefault((pane["layer"], None), set()).add(tuple(sorted((k, str(v)) for k, v in facts.items())))
    out = {}
    for key, variants in seen.items():
        assert len(variants) == 1, f"{key}: its shapes are drawn in {len(variants)} different ways: {variants}"
        out[key] = dict(next(iter(variants)))
    for layer in layer_ids:
        out.setdefault((layer, None), {"state": "hidden"})
    return out


def preview_layers(plan) -> dict[tuple[str, str | None], dict]:
    """The preview's plan in the live map's terms (a point layer's stroke is on its canvas, out of reach)."""
    out = {}
    for d in plan:
        if d.state == "hidden":
            out[(d.layer, None)] = {"state": "hidden"}
        elif d.kind == "point":
            facts = {
                "state": d.state,
                "fill": d.fill,
                "fill_opacity": round(d.fill_opacity, 2),
                "half_width": {d.radius_px + d.width_px / 2},  # a dot's box: its radius and half its outline
            }
            out[(d.layer, d.change)] = {k: str(v) for k, v in facts.items()}
        else:
            out[(d.layer, d.change)] = {
                "symbol": d.symbol,
                "radius_px": d.radius_px if d.symbol else None,
                "state": d.state,
                "stroke": d.stroke,
                "stroke_opacity": round(d.stroke_opacity, 4),
                "fill": d.fill,
                "fill_opacity": round(d.fill_opacity, 4),
                "width_px": d.width_px,
                "dash": d.dash,
            }
    return out


@pytest.fixture(scope="module")
def site_page(browser, published_site):
    with serve(published_site, csp=CSP) as base:
        ctx = new_context(browser, DESKTOP)
        page = ctx.new_page()
        yield base.rstrip("/"), page
        ctx.close()


def open_chapter(page, base: str, chapter_id: str) -> dict:
    page.goto(f"{base}/?chapter={chapter_id}")
    wait_for_story(page)
    page.wait_for_selector(f"[data-ms-map-frame][data-active-chapter='{chapter_id}']:not([data-moving])")
    return page.evaluate(LIVE_JS)


def test_every_chapter_looks_the_same_on_the_live_map_and_in_the_preview(site_page, shipped_story):
    base, page = site_page
    layers = shipped_story.web_layers
    ids = [spec.id for spec in shipped_story.layers]
    for chapter in shipped_story.chapters:
        live = open_chapter(page, base, chapter.id)
        plan = drawn_plan(shipped_story, layers, chapter, zoom=live["zoom"])
        assert live_layers(live, ids) == preview_layers(plan), f"chapter {chapter.id!r}"
        # Labels: in the colour the preview gives their layer's state, shown at the same zoom bands.
        colours = {d.layer: d.label_color for d in plan if d.state != "hidden"}
        rings = {(d.layer, d.change is not None): d for d in plan if d.symbol}
        assert live["band"] == LOOK.band(live["zoom"]).name
        for label in live["labels"]:
            if label["ring"]:  # a ring's name: in the ring's colour, the words the preview writes beneath it
                ring = rings.pop((label["layer"], label["change"]))
                assert (hex_of(label["color"]), label["text"]) == (ring.stroke, symbol_name(shipped_story, ring))
                continue
            assert hex_of(label["color"]) == colours[label["layer"]], (chapter.id, label)
            named = label["text"] in chapter.named  # a place the chapter's text names: shown at any zoom
            shown = label_shown(live["zoom"], label["rank"], road=label["road"], named=named)
            assert label["shown"] == shown, (chapter.id, label)
            assert label["size"] == (LOOK.labels.road_size_px if label["road"] else LOOK.labels.size_px)
        assert rings == {}, f"{chapter.id}: rings the page does not name"
        assert hex_of(live["ground"]) == LOOK.no_tiles_background
        # The legend's area swatches: the look's swatch opacity of each entry's fill (a change's: its own).
        for swatch in live["swatches"]:
            entry, kind = swatch["entry"], swatch["entry"].rsplit("_", 1)[-1]
            change = LOOK.change.get(kind)  # type: ignore[call-overload]
            fill = change.fill_opacity if change else shipped_story.layer(entry).style.fill_opacity
            assert swatch["opacity"] == pytest.approx(LOOK.swatch_opacity(fill), abs=1e-3), (chapter.id, swatch)
        assert live["swatches"], chapter.id


def test_the_backdrop_is_drawn_in_the_look_s_styles(site_page, shipped_story):
    base, page = site_page
    open_chapter(page, base, shipped_story.chapters[0].id)
    drawn = page.evaluate("""() => [...document.querySelectorAll('path.ms-backdrop')].map((el) => {
        const cs = getComputedStyle(el);
        return {kind: [...el.classList].find((c) => c.startsWith('ms-backdrop-')).slice(12), stroke: cs.stroke,
                opacity: +cs.strokeOpacity, width: parseFloat(cs.strokeWidth), dash: cs.strokeDasharray, fill: cs.fill};
      })""")
    assert {d["kind"] for d in drawn} >= {"admin", "border"}  # the shipped story's backdrop has both
    for d in drawn:
        style = LOOK.backdrop[d["kind"]]
        assert (hex_of(d["stroke"]), d["opacity"], d["width"], dashes(d["dash"]), d["fill"]) == (
            style.color,
            pytest.approx(style.opacity),
            style.weight,
            style.dash,
            "none",
        ), d
