// The legend of what is on the map and the swatches beside the layer switches.

/** A small sample of a layer's style: a filled box for areas, a stroke for lines, a dot for points. */
export function swatch(layer) {
  const s = document.createElement("span");
  s.className = `ms-swatch ms-swatch-${layer.kind}`;
  s.setAttribute("aria-hidden", "true");
  if (layer.kind === "area") {
    s.style.background = layer.fill;
    s.style.opacity = String(Math.max(0.35, layer.fill_opacity + 0.3));
    s.style.borderColor = layer.color;
  } else if (layer.kind === "line") {
    s.style.borderTopColor = layer.color;
    if (layer.dash) s.style.borderTopStyle = "dashed";
  } else {
    s.style.background = layer.color;
  }
  return s;
}

/** The entries on the map right now, highlighted layers first, then dimmed ones. */
export function legendOrder(layers, states) {
  return layers.filter((l) => states[l.id] === "strong").concat(layers.filter((l) => states[l.id] === "dim"));
}

export function renderLegend(listEl, layers, states) {
  listEl.textContent = "";
  for (const l of legendOrder(layers, states)) {
    const li = document.createElement("li");
    li.dataset.legend = l.id;
    if (states[l.id] === "dim") li.classList.add("ms-dim");
    li.appendChild(swatch(l));
    const label = document.createElement("span");
    label.className = "ms-legend-label";
    label.textContent = l.label;
    li.appendChild(label);
    if (l.confidence) {
      const conf = document.createElement("span");
      conf.className = "ms-confidence";
      conf.textContent = l.confidence;
      li.appendChild(conf);
    }
    listEl.appendChild(li);
  }
}
