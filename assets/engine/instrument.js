// Read-only hooks for the browser tests and the benchmark. Loaded only when the page is asked to instrument
// itself (`window.__mapstoryInstrument = true` set before the page's scripts run, as Playwright's
// add_init_script does); released when the page unmounts. A reader's page never runs this module.

const KEEP = 1000; // the newest activations only: a page left open for days must not grow

export function instrument(api) {
  const metrics = [];
  const off = api.onActivate((m) => {
    metrics.push(m);
    if (metrics.length > KEEP) metrics.splice(0, metrics.length - KEEP);
  });
  window.__mapstory = { metrics, state: api.state, zoom: api.zoom, points: api.points };
  return () => {
    off();
    delete window.__mapstory;
  };
}
