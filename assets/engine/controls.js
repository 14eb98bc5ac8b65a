// The reader's controls: keys, buttons, the chapter list, layer switches, the share button.
// They only ask for things (`actions`); main.js decides what the page and map do.

import { fill } from "./describe.js";

const SCROLL_KEYS = new Set(["ArrowDown", "ArrowUp", "PageDown", "PageUp", "Home", "End", " "]);

/**
 * actions: step(delta, source), goto(id, source), toggle(layerId, shown), reset(), share(), skip(),
 * hold(on) — while held, scrolling the text is the browser showing a focused link, not the reader moving on.
 * Returns a function that removes every listener.
 */
export function bindControls(root, scroller, actions) {
  const panel = root.querySelector("[data-ms-layers]");
  const panelBtn = root.querySelector("[data-ms-layers-btn]");
  const controls = { root, scroller, actions, panel, panelBtn };
  const release = () => actions.hold(false);
  const listeners = [
    [document, "keydown", (e) => onKey(controls, e)],
    [root, "click", (e) => onClick(controls, e)],
    [root, "change", (e) => onChange(controls, e)],
    [root, "focusin", (e) => onFocusIn(controls, e)],
    [scroller, "wheel", release, { passive: true }],
    [scroller, "touchstart", release, { passive: true }],
    [scroller, "pointerdown", release],
    [panel, "toggle", () => panelBtn.setAttribute("aria-expanded", String(panel.open))],
  ];
  for (const [target, type, fn, opts] of listeners) target.addEventListener(type, fn, opts);
  return () => {
    for (const [target, type, fn] of listeners) target.removeEventListener(type, fn);
  };
}

function setPanel({ panel, panelBtn }, open) {
  panel.open = open;
  panelBtn.setAttribute("aria-expanded", String(open)); // "toggle" fires a task later
}

const focusFirstBox = (root) => root.querySelector("input[data-layer]")?.focus();

function onKey(controls, e) {
  const { actions, panel } = controls;
  if (e.key === "Escape" && panel.open) {
    setPanel(controls, false);
    controls.panelBtn.focus();
    return;
  }
  if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey) return;
  const t = e.target;
  if (t && t.closest && t.closest("input, textarea, select, button, summary, [contenteditable], .leaflet-container")) {
    return;
  }
  // Up/Down, Page keys and Space keep scrolling the text natively: a long chapter is read to its end.
  if (["ArrowRight", "j", "J"].includes(e.key)) {
    e.preventDefault();
    actions.step(+1, "key");
  } else if (["ArrowLeft", "k", "K"].includes(e.key)) {
    e.preventDefault();
    actions.step(-1, "key");
  } else if (SCROLL_KEYS.has(e.key)) {
    actions.hold(false);
  }
}

function onClick(controls, e) {
  const { actions, panel, root } = controls;
  const t = e.target;
  if (t.closest(".ms-skip")) {
    e.preventDefault(); // focus, not a #fragment: the address bar holds only the share link
    actions.skip();
  } else if (t.closest("[data-ms-layers-btn]")) {
    setPanel(controls, !panel.open);
    if (panel.open) focusFirstBox(root);
  } else if (t.closest("[data-goto]")) {
    e.preventDefault();
    actions.goto(t.closest("[data-goto]").dataset.goto, "toc");
  } else if (t.closest("[data-ms-prev]")) actions.step(-1, "button");
  else if (t.closest("[data-ms-next]")) actions.step(+1, "button");
  else if (t.closest("[data-ms-reset]")) {
    actions.reset();
    focusFirstBox(root);
  } else if (t.closest("[data-ms-share]")) actions.share();
}

function onChange({ actions }, e) {
  const box = e.target.closest("input[data-layer]");
  if (box) actions.toggle(box.dataset.layer, box.checked);
}

// Tab into the chapter list or the credits scrolls the text there: hold the map's chapter until a real scroll.
function onFocusIn({ actions, scroller }, e) {
  if (!scroller.contains(e.target) || e.target === scroller) return;
  actions.hold(!e.target.closest("[data-chapter]"));
}

/** Copy (or, on a touch screen, share) a link; resolves to what the reader is told, in `words` ("" for nothing). */
export async function shareLink(url, title, words) {
  try {
    if (navigator.share && window.matchMedia("(pointer: coarse)").matches) {
      await navigator.share({ title, url });
      return words.link_shared;
    }
    await navigator.clipboard.writeText(url);
    return words.link_copied;
  } catch (err) {
    // The reader closed the share sheet: nothing went wrong, so nothing is said.
    if (err && err.name === "AbortError") return "";
    // No clipboard (insecure context, denied): show the link so the reader can copy it by hand.
    return fill(words.copy_this_link, { url });
  }
}
