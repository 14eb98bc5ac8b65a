// The published page's safety net, a classic script deferred before Leaflet and the engine (page/publish.py).
// The page stays the plain article (html.ms-nojs) until the engine has mounted; when Leaflet or the engine fails
// to load (a CDN error, a flaky network, an extension), a script's error event arrives here and the page shows
// each chapter's map image and a sentence saying why (story.css: .ms-failed). The engine says the same itself
// when it loaded but could not mount (site.js).
"use strict";
window.addEventListener(
  "error",
  (event) => {
    const mounted = document.querySelector("[data-ms-root][data-ready=true]");
    if (event.target instanceof HTMLScriptElement && !mounted) {
      document.documentElement.classList.add("ms-nojs", "ms-failed");
    }
  },
  true, // a resource's error does not bubble: only a listener on the capture path hears it
);
