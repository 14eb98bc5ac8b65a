// The Streamlit host: mounts the engine in a Custom Components v2 element.
//
// Streamlit calls the component's default export again on every new `data` with the same parentElement, and
// runs only the last cleanup, on unmount: one page per parentElement (WeakMap), later calls are no-ops. The
// reader's state lives in the page and the address bar; Python hears nothing while the reader reads.

import { parseQuery, toQuery } from "./link.js";
import { askedInstrument, mount, storyIds } from "./main.js";

const MOUNTS = new WeakMap(); // parentElement -> Promise of the cleanup

/** data: {page_html, share_base}; story module: {story, createMaps}. Resolves to the cleanup. */
export function mountComponent(component, { story, createMaps }) {
  const { data, parentElement } = component;
  if (!MOUNTS.has(parentElement)) MOUNTS.set(parentElement, start(parentElement, data, story, createMaps));
  return MOUNTS.get(parentElement);
}

async function start(parentElement, data, story, createMaps) {
  const instrument = await askedInstrument();
  // Our own child: Streamlit keeps the component's <style> in parentElement, which must survive.
  const holder = document.createElement("div");
  holder.innerHTML = data.page_html; // built by Python from templates: text escaped, bodies sanitised
  parentElement.appendChild(holder);
  // The story covers Streamlit's page: its own scroll container would be an invisible tab stop.
  document.querySelector("[data-testid=stMain]")?.setAttribute("tabindex", "-1");
  const base = (data.share_base || window.location.origin + window.location.pathname).replace(/\/?$/, "/");
  // The link names the page's language unless it is the original's: `?lang=uk&chapter=…` (Python picked the
  // edition by it); a language switch is a new page load at the other edition's link.
  const lang = story.lang !== story.languages[0] ? story.lang : null;
  const path = window.location.pathname;
  let app;
  try {
    app = mount(holder.querySelector("[data-ms-root]"), story, createMaps, {
      L: window.L,
      // The page is the only reader of its link, as on the site: a reconnect or a rerun never moves the reader.
      initial: parseQuery(window.location.search, ...storyIds(story)),
      title: document.title,
      instrument,
      locationFor: (chapter, layers, when) => path + toQuery(chapter, layers, when, lang),
      shareUrlFor: (chapter, layers, when) => base + toQuery(chapter, layers, when, lang),
      editionUrlFor: (other, chapter, layers, when) => path + toQuery(chapter, layers, when, other),
    });
  } catch (err) {
    holder.remove(); // half-mounted: the component's loader puts the plain article in its place
    throw err;
  }
  return () => {
    app.destroy();
    holder.remove();
    MOUNTS.delete(parentElement);
  };
}
