// The address bar and the share button. The address bar is written here alone, once a chapter has held still:
// replaced, never pushed, so Back leaves the story. The host says what a link looks like (locationFor,
// shareUrlFor); state.js linkState says what it carries.

import { shareLink } from "./controls.js";
import { linkState } from "./state.js";

const SETTLE_MS = 400; // how long a chapter must hold still before the address bar follows
const SHARE_TOLD_MS = 6000; // how long "Link copied" stays
const NOTICE_MS = 10000; // how long the notice about a link's unknown parts stays

/** The address bar follows the state once it has held still for SETTLE_MS. */
export function settleSoon(page) {
  clearTimeout(page.timers.settle);
  page.timers.settle = setTimeout(() => writeLocation(page), SETTLE_MS);
}

export function writeLocation({ host, state, index, els }) {
  const link = linkState(state, index);
  const url = host.locationFor(...link);
  if (url !== window.location.pathname + window.location.search) window.history.replaceState(window.history.state, "", url);
  // The story in another language opens where the reader is: same chapter, layers and date.
  if (host.editionUrlFor) for (const a of els.langLinks) a.href = host.editionUrlFor(a.dataset.msLang, ...link);
}

/** The share button: the address bar is brought up to date, the link copied or shared, and the reader told. */
export async function share(page) {
  writeLocation(page);
  const url = page.host.shareUrlFor(...linkState(page.state, page.index));
  const told = await shareLink(url, page.host.title, page.story.grammar);
  const done = page.els.shareDone;
  done.textContent = told;
  page.root.dataset.sharedUrl = url;
  clearTimeout(page.timers.share);
  page.timers.share = setTimeout(() => done.textContent === told && (done.textContent = ""), SHARE_TOLD_MS);
}

/** A notice about the link the page was opened with (a chapter or layer it does not know), shown for a while. */
export function showNotice(page, text) {
  const notice = page.els.notice;
  notice.textContent = text;
  notice.hidden = false;
  page.timers.notice = setTimeout(() => (notice.hidden = true), NOTICE_MS);
}
