// The published site's host: a static page (page/publish.py) whose HTML already holds the whole article.
//
// <body> names the story module (data-story-module), the story's root folder relative to this page
// (data-site-root: "./" on index.html, "../" on a chapter's share page), the page's own chapter on a share page
// (data-chapter) and, when the site was published with --base-url, its absolute address (data-base-url).
// The link format is the app's: ?chapter=<id>&layers=<ids>&date=<date>, parsed by link.js, so both hosts agree.

import { parseQuery, toQuery } from "./link.js";
import { askedInstrument, mount, storyIds } from "./main.js";
import { pinUrls } from "./siteurls.js";

const page = document.body.dataset;
// Computed once, at load: the engine rewrites the address bar, and the site may live under any path.
const rootUrl = new URL(page.siteRoot || "./", window.location.href);
pinUrls(document.body, window.location.href);
const base = (page.baseUrl || rootUrl.href).replace(/\/?$/, "/");

// The page stays the plain article (readable without JavaScript) until the map story has mounted. If the story
// module or Leaflet did not load, or the mount fails, the reader keeps the article and each chapter's map image
// (story.css: .ms-failed; fallback.js does the same when this module itself does not load).
const html = document.documentElement;
const failed = (err) => {
  html.classList.add("ms-nojs", "ms-failed");
  throw err;
};

const [{ story, createMaps }, instrument] = await Promise.all([
  import(new URL(page.storyModule, window.location.href).href),
  askedInstrument(),
]).catch(failed);
if (!window.L) failed(new Error("Leaflet did not load: the story stays a plain article"));

// A share page opens at its own chapter; `?layers=` on it belongs to that chapter.
const params = new URLSearchParams(window.location.search);
if (page.chapter && !params.has("chapter")) params.set("chapter", page.chapter);
const initial = parseQuery(params, ...storyIds(story));

const root = document.querySelector("[data-ms-root]");
// Each edition lives in its own folder (`uk/`): where the other languages' pages start, pinned at load.
const editionRoots = new Map(
  Array.from(root.querySelectorAll("a[data-ms-lang-root]"), (a) => [a.dataset.msLang, new URL(a.dataset.msLangRoot, window.location.href)]),
);
// `?lang=uk` on another edition's page (a link written for the app): that edition's page, at the same state.
if (initial.lang && editionRoots.has(initial.lang)) {
  window.location.replace(editionRoots.get(initial.lang).href + toQuery(initial.chapter, initial.layers, initial.when));
  await new Promise(() => {}); // the page is leaving: mount nothing
}
// In a newsroom's iframe, links that leave the story open in the reader's window, not inside the frame.
for (const a of root.querySelectorAll("a[href]")) if (a.origin !== window.location.origin) a.target = "_top";

html.classList.remove("ms-nojs"); // the map story's layout: mount measures it
try {
  mount(root, story, createMaps, {
    L: window.L,
    initial,
    title: document.title,
    instrument,
    // The address bar holds the story's own link, whichever page the reader came in by.
    locationFor: (chapter, layers, when) => rootUrl.pathname + toQuery(chapter, layers, when),
    // A shared chapter is its own page, so a link preview shows that chapter's card (the page's own chapter is
    // implied there, so the query keeps only the layers and the date).
    shareUrlFor: (chapter, layers, when) => base + chapter + "/" + toQuery(null, layers, when),
    editionUrlFor: (lang, chapter, layers, when) => editionRoots.get(lang).href + toQuery(chapter, layers, when),
  });
} catch (err) {
  failed(err);
}
