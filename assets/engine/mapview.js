// The Leaflet side: puts layer states on the map, frames a chapter's view, keeps the locator inset's box on
// the view, and keeps place labels from overprinting each other.

const LABEL_ROOM = 60; // place labels sit right of their point: keep the easternmost label on the map

export function reducedMotion() {
  return Boolean(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
}

function collectLeaves(layer, out) {
  if (layer.eachLayer) layer.eachLayer((l) => collectLeaves(l, out));
  else out.push(layer);
  return out;
}

/**
 * maps: what the story module's createMaps(L) returned ({map, inset, groups}); frame: the map's container.
 * furniture(): the boxes over the map to keep the chapter's places clear of ({left, bottom} in px).
 */
export function createMapView(L, maps, frame, { region, furniture }) {
  const { map, inset, groups } = maps;
  const leaves = {};
  for (const [id, g] of Object.entries(groups)) leaves[id] = collectLeaves(g, []);
  const viewBox = L.rectangle(map.getBounds(), { color: "#c0392b", weight: 2, fill: false, interactive: false });
  viewBox.addTo(inset);

  function applyStates(states) {
    for (const [id, group] of Object.entries(groups)) {
      const st = states[id] || "off";
      if (st === "off") {
        if (map.hasLayer(group)) map.removeLayer(group);
        continue;
      }
      if (!map.hasLayer(group)) map.addLayer(group);
      for (const leaf of leaves[id]) {
        const el = leaf.getElement && leaf.getElement();
        if (!el) continue;
        // Leaflet makes every shape with a tooltip a nameless tab stop; the status sentence and the legend say
        // what the map shows, so the shapes stay out of the keyboard's way.
        el.setAttribute("tabindex", "-1");
        el.classList.toggle("ms-strong", st === "strong");
        el.classList.toggle("ms-dim", st === "dim");
      }
    }
    declutter();
  }

  function fit(chapter, { instant }) {
    const room = furniture();
    const opts = {
      paddingTopLeft: [chapter.padding + room.left, chapter.padding],
      paddingBottomRight: [chapter.padding + LABEL_ROOM, chapter.padding + room.bottom],
    };
    if (chapter.max_zoom) opts.maxZoom = chapter.max_zoom;
    map.stop();
    const bounds = L.latLngBounds(chapter.bounds);
    if (instant || reducedMotion()) map.fitBounds(bounds, { ...opts, animate: false });
    else map.flyToBounds(bounds, { ...opts, duration: 0.8 });
    return instant || reducedMotion() ? "jump" : "fly";
  }

  // Labels never overprint: bigger places first; a label that would collide waits for more zoom. All boxes are
  // read first and classes written after, so the browser lays the page out once, not once per label.
  function declutter() {
    const labels = Array.from(frame.querySelectorAll(".leaflet-marker-pane .ms-label"));
    for (const el of labels) el.classList.remove("ms-crowded");
    const boxes = labels.map((el) => ({ el, rank: labelRank(el), r: el.firstElementChild?.getBoundingClientRect() }));
    boxes.sort((a, b) => a.rank - b.rank);
    const taken = [];
    const crowded = [];
    for (const { el, r } of boxes) {
      if (!r || r.width === 0) continue;
      if (taken.some((t) => r.left < t.right + 2 && r.right > t.left - 2 && r.top < t.bottom && r.bottom > t.top)) {
        crowded.push(el);
      } else taken.push(r);
    }
    for (const el of crowded) el.classList.add("ms-crowded");
  }

  // data-moving: the map is flying or panning (tests and styles can wait for it to rest).
  const onMoveStart = () => (frame.dataset.moving = "true");
  function onMove() {
    delete frame.dataset.moving;
    viewBox.setBounds(map.getBounds());
    const z = map.getZoom();
    frame.dataset.zoomband = z < 9 ? "low" : z < 10.5 ? "mid" : "high";
    declutter();
  }
  map.on("moveend zoomend", onMove);
  map.on("movestart", onMoveStart);

  function fitInset() {
    inset.invalidateSize();
    const [w, s, e, n] = region;
    inset.fitBounds([[s, w], [n, e]], { animate: false, padding: [2, 2] });
  }

  return {
    map,
    applyStates,
    fit,
    fitInset,
    onMove,
    resize() {
      map.invalidateSize({ animate: false });
      fitInset();
    },
    destroy() {
      map.off("moveend zoomend", onMove);
      map.off("movestart", onMoveStart);
      map.remove();
      inset.remove();
    },
  };
}

function labelRank(el) {
  if (el.classList.contains("ms-road-label")) return 3.5;
  const m = el.className.match(/ms-rank-(\d)/);
  return m ? Number(m[1]) : 3;
}
