"""Issue 22: a minimum visible size. In every chapter, on a desktop and a phone, each highlighted area or line layer is
drawn at least the look's `min_visible_px` across (its larger dimension), or a symbol (a ring in its colour) stands
in for it; the legend's swatch of a layer drawn as a ring is a ring. Both hosts, and a second story on the other side
of the world."""

from __future__ import annotations

import pytest

from story.look import LOOK
from tests.browser.conftest import DESKTOP, PHONE, new_context, wait_for_story
from tests.browser.legibility import go_to_chapter

VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}

# Per highlighted layer: the union box of its highlighted shapes (a dated layer's and its changed ground's), the
# box of its symbol if one is drawn, and its legend swatch's kind. Point layers are dots: not measured here.
SIZES_JS = """() => {
  const frame = document.querySelector('[data-ms-map-frame]');
  const main = frame.querySelector('.folium-map');
  const box = (els) => {
    const rs = els.map((el) => el.getBoundingClientRect()).filter((r) => r.width || r.height);
    if (!rs.length) return null;
    const l = Math.min(...rs.map((r) => r.left)), r = Math.max(...rs.map((r) => r.right));
    const t = Math.min(...rs.map((r) => r.top)), b = Math.max(...rs.map((r) => r.bottom));
    return {width: r - l, height: b - t};
  };
  const out = {};
  for (const id of (frame.dataset.highlight || '').split(' ').filter(Boolean)) {
    if (main.querySelector(`.ms-points.ms-layer-${id}`)) continue;
    const own = `path.ms-path.ms-strong.ms-layer-${id}, path.ms-path.ms-strong.ms-of-${id}`;
    const paths = [...main.querySelectorAll(own)];
    const symbols = [...main.querySelectorAll(`path.ms-symbol.ms-strong.ms-layer-${id}`)];
    const swatch = document.querySelector(`[data-legend="${id}"] .ms-swatch`);
    // A ring's name: shown (not crowded out) and inside the map.
    const m = main.getBoundingClientRect();
    const names = [...main.querySelectorAll(`.ms-ring-label.ms-layer-${id}`)]
      .filter((el) => !el.classList.contains('ms-crowded'))
      .map((el) => ({text: el.textContent, r: el.firstElementChild.getBoundingClientRect()}))
      .filter(({r}) => r.width && r.left >= m.left && r.right <= m.right && r.top >= m.top && r.bottom <= m.bottom)
      .map(({text}) => text);
    out[id] = {shape: box(paths), symbol: box(symbols), names,
               swatch: swatch ? [...swatch.classList].find((c) => c.startsWith('ms-swatch-')).slice(10) : null};
  }
  return out;
}"""


def size_problems(sizes: dict, minimum: float, short: dict[str, str]) -> list[str]:
    """What is too small to see: a highlighted layer drawn under `minimum` px with no symbol, a symbol itself
    under it, a symbol whose legend swatch is not a ring, or one not named on the map by its layer's `short`."""
    problems = []
    for layer, s in sizes.items():
        if s["symbol"]:
            side = max(s["symbol"]["width"], s["symbol"]["height"])
            if side < minimum - 0.5:
                problems.append(f"{layer}: its symbol is {side:.0f} px across")
            if s["swatch"] != "ring":
                problems.append(f"{layer}: drawn as a ring, its legend swatch is a {s['swatch']}")
            if s["names"] != [short[layer]]:
                problems.append(f"{layer}: its ring is named {s['names']} on the map, not [{short[layer]!r}]")
        elif s["shape"] is None:
            problems.append(f"{layer}: highlighted, nothing drawn")
        elif max(s["shape"]["width"], s["shape"]["height"]) < minimum - 0.5:
            problems.append(f"{layer}: drawn {s['shape']['width']:.0f} × {s['shape']['height']:.0f} px")
    return problems


@pytest.mark.parametrize("viewport", list(VIEWPORTS))
def test_every_highlighted_layer_is_drawn_big_enough_to_see_or_as_a_symbol(browser, story_host, viewport):
    ctx = new_context(browser, VIEWPORTS[viewport], reduced_motion="reduce")  # views apply at once
    try:
        page = ctx.new_page()
        page.goto(story_host.url)
        wait_for_story(page)
        problems, measured = {}, {}
        for chapter in story_host.story.chapters:
            go_to_chapter(page, chapter.id)
            sizes = page.evaluate(SIZES_JS)
            measured[chapter.id] = sizes
            found = size_problems(sizes, LOOK.min_visible_px, {spec.id: spec.short for spec in story_host.story.layers})
            if found:
                problems[chapter.id] = found
        print(f"{story_host} {viewport}: {measured}")
        assert problems == {}, f"{story_host}, {viewport}: highlighted layers too small to see in {problems}"
    finally:
        ctx.close()


def zoom_in_on(page, selector: str) -> None:
    """The reader double-clicks what `selector` shows (Leaflet zooms in one step, about that point)."""
    box = page.locator(selector).bounding_box()
    zoom = page.evaluate("() => window.__mapstory.zoom()")
    page.mouse.dblclick(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_function("(z) => window.__mapstory.zoom() > z", arg=zoom)
    page.wait_for_function("() => !document.querySelector('[data-ms-map-frame][data-moving]')")


def test_a_reader_who_zooms_in_gets_the_city_s_own_shape_back_and_its_area_swatch(browser, published_site):
    from page.siteserver import CSP, serve

    with serve(published_site, csp=CSP) as base:
        ctx = new_context(browser, PHONE, reduced_motion="reduce")
        try:
            page = ctx.new_page()
            page.goto(base)
            wait_for_story(page)
            go_to_chapter(page, "bakhmut")
            assert page.evaluate(SIZES_JS)["city"]["swatch"] == "ring"
            steps = 0
            while page.evaluate(SIZES_JS)["city"]["symbol"] and steps < 8:
                zoom_in_on(page, "path.ms-symbol.ms-layer-city")  # where the reader looks: the city stays in view
                steps += 1
            city = page.evaluate(SIZES_JS)["city"]
            assert city["symbol"] is None and city["swatch"] == "area", city
            assert max(city["shape"]["width"], city["shape"]["height"]) >= LOOK.min_visible_px, city
            assert steps >= 1  # it was a ring at the chapter's own view
        finally:
            ctx.close()
