// What the reader is told after "Copy link" (assets/engine/controls.js shareLink), on a phone and a desktop.
import assert from "node:assert/strict";
import { afterEach, test } from "node:test";

import { readFileSync } from "node:fs";

import { shareLink } from "../../assets/engine/controls.js";

const words = (lang) => JSON.parse(readFileSync(new URL(`../../story/words/${lang}.json`, import.meta.url), "utf8"));
const EN = words("en");

const URL_ = "https://news.example/bakhmut/west/";

function browser({ coarse, share, writeText }) {
  const navigator = { clipboard: { writeText } };
  if (share) navigator.share = share;
  Object.defineProperty(globalThis, "navigator", { value: navigator, configurable: true, writable: true });
  globalThis.window = { matchMedia: (q) => ({ matches: coarse && q === "(pointer: coarse)" }) };
}

function fails(name) {
  return async () => {
    throw Object.assign(new Error(name), { name });
  };
}

afterEach(() => {
  delete globalThis.window;
});

test("closing the phone's share sheet says nothing (and never 'Copy this link')", async () => {
  browser({ coarse: true, share: fails("AbortError"), writeText: fails("NotAllowedError") });
  assert.equal(await shareLink(URL_, "Bakhmut", EN), "");
});

test("a shared link is confirmed", async () => {
  const shared = [];
  browser({ coarse: true, share: async (data) => shared.push(data), writeText: fails("NotAllowedError") });
  assert.equal(await shareLink(URL_, "Bakhmut", EN), "Link shared");
  assert.deepEqual(shared, [{ title: "Bakhmut", url: URL_ }]);
});

test("a share sheet that fails otherwise shows the link to copy by hand", async () => {
  browser({ coarse: true, share: fails("NotAllowedError"), writeText: fails("NotAllowedError") });
  assert.equal(await shareLink(URL_, "Bakhmut", EN), `Copy this link: ${URL_}`);
});

test("a desktop copies the link, or shows it when the clipboard is refused", async () => {
  const copied = [];
  browser({ coarse: false, share: fails("AbortError"), writeText: async (text) => copied.push(text) });
  assert.equal(await shareLink(URL_, "Bakhmut", EN), "Link copied");
  assert.deepEqual(copied, [URL_]);
  browser({ coarse: false, writeText: fails("NotAllowedError") });
  assert.equal(await shareLink(URL_, "Bakhmut", EN), `Copy this link: ${URL_}`);
});

test("the reader is told in the page's language", async () => {
  browser({ coarse: false, writeText: async () => {} });
  assert.equal(await shareLink(URL_, "Бахмут", words("uk")), "Посилання скопійовано");
  browser({ coarse: false, writeText: fails("NotAllowedError") });
  assert.equal(await shareLink(URL_, "Бахмут", words("uk")), `Скопіюйте це посилання: ${URL_}`);
});
