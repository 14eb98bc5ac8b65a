// The legend of what is on the map and the swatches beside the layer switches.

/** A small sample of a layer's style: a filled box for areas, a stroke for lines, a dot for points, a ring for a
 * layer the map draws as its symbol (too small to see at this zoom: minsize.js). */
export function swatch(layer) {
  const s = document.createElement("span");
  s.className = `ms-swatch ms-swatch-${layer.kind}`;
  s.setAttribute("aria-hidden", "true");
  if (layer.kind === "area") {
    s.style.background = layer.fill;
    // The look's swatch opacity (story/look.json), from the custom properties on the story's root.
    s.style.opacity = `max(var(--ms-swatch-min-opacity), ${layer.fill_opacity} + var(--ms-swatch-fill-boost))`;
    s.style.borderColor = layer.color;
  } else if (layer.kind === "ring") {
    s.style.borderColor = layer.color;
  } else if (layer.kind === "line") {
    s.style.borderTopColor = layer.color;
    if (layer.dash) s.style.borderTopStyle = "dashed";
  } else {
    s.style.background = layer.color;
  }
  return s;
}

const GROUPS = ["strong", "dim"]; // their headings: the words' legend_strong, legend_dim

/**
 * Fill `listEl` with the entries on the map (`layers`: legend entries in the map's order, `states`: each entry's
 * state), in two groups whose headings say which layers the chapter highlights and which it shows dimmed. The confidence word is its own word to a screen reader too
 * ("…, assessed"), not run onto the label. `rings`: the entries the map draws as a ring.
 */
export function renderLegend(listEl, layers, states, words, rings = new Set()) {
  listEl.textContent = "";
  for (const state of GROUPS) {
    const heading = words[`legend_${state}`];
    const entries = layers.filter((l) => states[l.id] === state);
    if (!entries.length) continue;
    const title = document.createElement("p");
    title.className = `ms-legend-group ms-legend-group-${state}`;
    title.textContent = heading;
    const ul = document.createElement("ul");
    ul.className = `ms-legend-list-${state}`;
    ul.setAttribute("aria-label", heading);
    for (const l of entries) ul.appendChild(entry(rings.has(l.id) ? { ...l, kind: "ring" } : l, state));
    listEl.append(title, ul);
  }
}

function entry(l, state) {
  const li = document.createElement("li");
  li.dataset.legend = l.id;
  if (state === "dim") li.classList.add("ms-dim");
  li.appendChild(swatch(l));
  const label = document.createElement("span");
  label.className = "ms-legend-label";
  label.textContent = l.label;
  li.appendChild(label);
  if (l.note) {
    // A dated layer with nothing on the map's date: its row stays, saying no source gives it then.
    li.classList.add("ms-absent");
    const note = document.createElement("span");
    note.className = "ms-legend-note";
    note.textContent = ` (${l.note})`;
    label.appendChild(note);
  }
  if (l.confidence && !l.note) {
    const conf = document.createElement("span");
    conf.className = "ms-confidence";
    const sep = document.createElement("span");
    sep.className = "ms-sr";
    sep.textContent = ", ";
    conf.append(sep, l.confidence);
    li.appendChild(conf);
  }
  return li;
}

/** The compact legend's "Legend" button: opens every entry beneath the map, or folds it back to the
 * highlighted ones. Returns the function that removes the listener. */
export function bindLegendToggle(box) {
  const btn = box.querySelector("[data-ms-legend-toggle]");
  const onClick = () => {
    const open = btn.getAttribute("aria-expanded") !== "true";
    btn.setAttribute("aria-expanded", String(open));
    box.classList.toggle("ms-open", open);
  };
  btn.addEventListener("click", onClick);
  return () => btn.removeEventListener("click", onClick);
}
