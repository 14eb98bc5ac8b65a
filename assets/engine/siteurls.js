// The published site's addresses, whatever path it is served under (`/`, `/bakhmut/`, `/news/2023/bakhmut/`).
//
// The page's links and images are written relative to the page (`_static/…` on index.html, `../_static/…` on a
// share page), so the site needs no knowledge of where it will live. But relative addresses resolve against the
// address bar, which the engine rewrites (`…/west/` becomes `…/?chapter=west`): a download clicked, or a lazy
// print image fetched, after that would miss its file. So the page pins them once, at load, to what they meant
// then.

const SCHEME = /^[a-z][a-z0-9+.-]*:/i; // already absolute: http:, https:, data:, mailto:, blob:…

/** The absolute form of an attribute's relative address, or null when it has none to pin (absolute, `#…`). */
export function pinned(value, base) {
  if (!value || value.startsWith("#") || value.startsWith("//") || SCHEME.test(value)) return null;
  return new URL(value, base).href;
}

/** Pin every relative href and src under `root` to `base` (the page's own address at load). */
export function pinUrls(root, base) {
  for (const el of root.querySelectorAll("[href], [src]")) {
    for (const attr of ["href", "src"]) {
      const url = pinned(el.getAttribute(attr), base);
      if (url !== null) el.setAttribute(attr, url);
    }
  }
}
