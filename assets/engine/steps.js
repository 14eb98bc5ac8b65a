// Which chapter is active: the last one whose top has crossed a line across the reading column.
//
// Chapter tops are measured once (and again when anything changes size) into a sorted list, so a scroll frame
// costs one read of scrollTop and a binary search, however many chapters there are. A jump (a deep link, the
// chapter list, a fast fling) lands on the right chapter because nothing is replayed: the line's position alone
// decides. (An IntersectionObserver line would miss chapters skipped within one frame.)

/** Index of the last top at or above `line` (0 when the line is above every top). */
export function indexAtLine(tops, line) {
  let lo = 0;
  let hi = tops.length - 1;
  let found = 0;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (tops[mid] <= line) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/**
 * Watch `scroller` and call `onChange(index)` when the chapter at the line changes. `line` is the share of the
 * scroller's height where the line lies. Returns {current(), measure(), pause(), resume(), destroy()}.
 */
export function trackSteps(scroller, elements, onChange, { line = 0.5 } = {}) {
  let tops = [];
  let height = 0;
  let last = -1;
  let paused = true;
  let frame = 0;

  function measure() {
    const r = scroller.getBoundingClientRect();
    height = r.height;
    tops = elements.map((el) => el.getBoundingClientRect().top - r.top + scroller.scrollTop);
  }
  function current() {
    return indexAtLine(tops, scroller.scrollTop + height * line);
  }
  function check() {
    frame = 0;
    if (paused) return;
    const i = current();
    if (i !== last) {
      last = i;
      onChange(i);
    }
  }
  function onScroll() {
    if (!frame) frame = requestAnimationFrame(check);
  }
  const sizes = new ResizeObserver(() => {
    measure();
    onScroll();
  });
  sizes.observe(scroller);
  // Anything above a chapter may grow (a header, a web font): every block of the text is watched.
  for (const el of new Set([...scroller.children, ...elements])) sizes.observe(el);
  scroller.addEventListener("scroll", onScroll, { passive: true });
  measure();

  return {
    current,
    measure,
    /** Stop reporting (while a jump moves the text); `resume(i)` takes `i` as already reported. */
    pause() {
      paused = true;
    },
    resume(index = current()) {
      last = index;
      paused = false;
    },
    destroy() {
      paused = true;
      if (frame) cancelAnimationFrame(frame);
      sizes.disconnect();
      scroller.removeEventListener("scroll", onScroll);
    },
  };
}
