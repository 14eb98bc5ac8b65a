// The page's layout around the map: the layer switches' swatches, where the legend sits (over the map, or in
// the strip beneath it on a small screen) and re-framing the chapter when the map or the legend changes size.

import { bindLegendToggle, swatch } from "./legend.js";

// Phones, landscape phones and zoomed-in desktops: the legend leaves the map for the strip beneath it.
const COMPACT = "(max-width: 760px), (max-height: 500px)";

/**
 * What the page lays over the map (a phone's legend sits beneath it). The layers panel counts by its button when
 * open (a reader's passing look, not a reason to move the map); closed, by its box, whose padding frames the button.
 */
export function furniture(els) {
  const layers = els.layersBtn.parentElement;
  const legend = els.legendBox.parentElement === els.frame ? els.legendBox : null;
  return [legend, els.insetBox, layers && !layers.open ? layers : els.layersBtn, els.datesBox];
}

/** Lays the page out and keeps it so; returns the function that stops. */
export function bindLayout(page) {
  const { els, story } = page;
  const layerIds = story.layers.map((l) => l.id);
  for (const el of els.root.querySelectorAll("[data-swatch]")) el.replaceWith(swatch(story.layers[layerIds.indexOf(el.dataset.swatch)]));
  const compact = window.matchMedia(COMPACT);
  const placeLegend = () => (compact.matches ? els.mapfoot.prepend(els.legendBox) : els.frame.appendChild(els.legendBox));
  placeLegend();
  compact.addEventListener("change", placeLegend);
  const unbindLegend = bindLegendToggle(els.legendBox);
  const sizes = new ResizeObserver((entries) => refit(page, entries));
  sizes.observe(els.frame);
  sizes.observe(els.legendBox);
  return () => {
    compact.removeEventListener("change", placeLegend);
    unbindLegend();
    sizes.disconnect();
  };
}

// A new size (first layout, rotation, a phone's address bar) re-frames the chapter's own view; so does a
// legend that changed size (web fonts, a layer switched), unless a chapter's flight already allows for it or
// the reader has moved the map to a view of their own.
function refit({ els, view, state, index }, entries) {
  const framed = entries.some((e) => e.target === els.frame);
  if (framed) view.resize();
  if (state.active && (framed || (!els.frame.dataset.moving && !view.readerMoved()))) view.fit(index.byId.get(state.active), { instant: true });
}
