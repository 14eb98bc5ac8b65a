// Relative addresses pinned at load keep pointing at the site's files after the address bar changes.
import assert from "node:assert/strict";
import { test } from "node:test";

import { pinned, pinUrls } from "../../assets/engine/siteurls.js";

const SHARE = "https://news.example/news/2023/bakhmut/west/";

test("a share page's ../_static address stays under the site's own path", () => {
  assert.equal(pinned("../_static/cards/west-1.png", SHARE), "https://news.example/news/2023/bakhmut/_static/cards/west-1.png");
  assert.equal(pinned("_static/data/roads.geojson", "https://news.example/bakhmut/"), "https://news.example/bakhmut/_static/data/roads.geojson");
});

test("fragments, absolute addresses and empty values are left alone", () => {
  for (const v of ["#ms-ch-west", "https://osm.org/x", "data:image/png;base64,AA", "mailto:a@b.c", "//cdn.example/x", "", null]) {
    assert.equal(pinned(v, SHARE), null, String(v));
  }
});

test("pinUrls rewrites hrefs and srcs in place, once, against the address it is given", () => {
  const els = [
    fake({ href: "../_static/data/front-1.geojson" }),
    fake({ src: "../_static/cards/west-1.png" }),
    fake({ href: "#ms-ch-west" }),
    fake({ href: "https://osm.org/" }),
  ];
  const root = { querySelectorAll: (sel) => (assert.equal(sel, "[href], [src]"), els) };
  pinUrls(root, SHARE);
  assert.deepEqual(
    els.map((e) => e.attrs),
    [
      { href: "https://news.example/news/2023/bakhmut/_static/data/front-1.geojson" },
      { src: "https://news.example/news/2023/bakhmut/_static/cards/west-1.png" },
      { href: "#ms-ch-west" },
      { href: "https://osm.org/" },
    ],
  );
  // Later, from another address (the engine's ?chapter=…), nothing moves: they are absolute now.
  pinUrls(root, "https://news.example/elsewhere/");
  assert.equal(els[1].attrs.src, "https://news.example/news/2023/bakhmut/_static/cards/west-1.png");
});

function fake(attrs) {
  return {
    attrs,
    getAttribute: (name) => (name in attrs ? attrs[name] : null),
    setAttribute(name, value) {
      attrs[name] = value;
    },
  };
}
