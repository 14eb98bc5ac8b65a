// Which dot of a point layer is under the pointer: pure geometry over the dots' projected centres, so the page
// needs no private Leaflet method to find a dot on a canvas (and Node tests it: tests/js/hits.test.mjs).

/**
 * How far from its centre a dot still answers the pointer, in px: its radius, half its stroke (as Leaflet draws
 * it) and a tolerance around it. options: the circle marker's {stroke, weight}.
 */
export function dotReach(radius, options, tolerance) {
  const stroke = options.stroke === false ? 0 : (options.weight || 0) / 2;
  return radius + stroke + tolerance;
}

/**
 * The dots' centres and reaches for hit tests. dots: [{latLng, radius, options}] as plain data;
 * project(latLng) gives its pixel {x, y} at one zoom.
 */
export function projectDots(dots, project, tolerance) {
  const xs = new Float64Array(dots.length);
  const ys = new Float64Array(dots.length);
  const reach = new Float64Array(dots.length);
  dots.forEach((dot, i) => {
    const p = project(dot.latLng);
    xs[i] = p.x;
    ys[i] = p.y;
    reach[i] = dotReach(dot.radius, dot.options, tolerance);
  });
  return { xs, ys, reach };
}

/** The index of the topmost dot (the last drawn) whose reach holds the point {x, y}, or -1. */
export function topmostHit({ xs, ys, reach }, { x, y }) {
  for (let i = xs.length - 1; i >= 0; i--) {
    const dx = xs[i] - x;
    const dy = ys[i] - y;
    if (dx * dx + dy * dy <= reach[i] * reach[i]) return i;
  }
  return -1;
}
