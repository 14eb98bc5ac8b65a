// Debian's firefox-esr, driven over WebDriver BiDi by puppeteer-core, for the Python adapter in firefox.py.
// One JSON request per line on stdin ({id, op, ...}), one JSON answer per line on stdout ({id, value} or
// {id, error}). The first line out is {ready: true} once Firefox is up. Ends Firefox when stdin closes.
import { createInterface } from "node:readline";
import puppeteer from "puppeteer-core";

const executablePath = process.argv[2] || "/usr/bin/firefox-esr";
const browser = await puppeteer.launch({
  browser: "firefox",
  executablePath,
  headless: true,
  // A closed network: no update, telemetry or safe-browsing requests of Firefox's own.
  extraPrefsFirefox: { "network.dns.disableIPv6": true, "browser.safebrowsing.update.enabled": false },
});
let page = null;

async function centre(css) {
  const box = await (await page.waitForSelector(css, { timeout: 5000 })).boundingBox();
  return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
}

const ops = {
  async open({ url, width, height }) {
    if (page) await page.close();
    page = await browser.newPage();
    await page.setViewport({ width, height });
    await page.goto(url, { waitUntil: "domcontentloaded" }); // the tests wait for the story itself
    return null;
  },
  // `expr` is a JavaScript expression; its value comes back as JSON.
  evaluate: ({ expr }) => page.evaluate(`(${expr})`),
  press: ({ key }) => page.keyboard.press(key),
  click: ({ css }) => page.click(css),
  async wheel({ css, dy }) {
    const { x, y } = await centre(css);
    await page.mouse.move(x, y);
    await page.mouse.wheel({ deltaY: dy });
    return null;
  },
  url: () => page.url(),
};

const send = (msg) => process.stdout.write(JSON.stringify(msg) + "\n");
send({ ready: true, version: await browser.version() });

// Requests are answered one at a time, in order: the Python side waits for each answer.
const lines = createInterface({ input: process.stdin });
for await (const line of lines) {
  const req = JSON.parse(line);
  try {
    const value = await ops[req.op](req);
    send({ id: req.id, value: value === undefined ? null : value });
  } catch (err) {
    send({ id: req.id, error: String(err && err.message ? err.message : err) });
  }
}
await browser.close();
