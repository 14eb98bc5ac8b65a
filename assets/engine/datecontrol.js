// The map's date control: one button per story date (pressed: the date the map shows) and a "Change since …"
// button that compares the map's date with the one before it. Arrow keys move between the dates. It only asks
// (`pick`); main.js decides what the map shows.

import { compareWith, dateText, stepDate } from "./dates.js";
import { fill } from "./describe.js";

/**
 * dates: the story's [{iso, text, short}]; pick(when) asks for a date ({date, since}). Returns {render(when),
 * destroy()}; a story without dates has no control and both do nothing.
 */
export function bindDates(root, dates, grammar, pick) {
  const box = root.querySelector("[data-ms-dates]");
  if (!box || !dates.length) return { render() {}, destroy() {} };
  const compareBtn = box.querySelector("[data-ms-compare]");
  let current = null;

  function onClick(e) {
    const dateBtn = e.target.closest("[data-ms-date]");
    if (dateBtn) pick({ date: dateBtn.dataset.msDate, since: null });
    else if (e.target.closest("[data-ms-compare]") && current) {
      pick(current.since ? { date: current.date, since: null } : compareWith(dates, current));
    }
  }

  function onKey(e) {
    const dateBtn = e.target.closest("[data-ms-date]");
    const delta = { ArrowLeft: -1, ArrowRight: +1, ArrowUp: -1, ArrowDown: +1 }[e.key];
    if (!dateBtn || !delta || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    const next = stepDate(dates, { date: dateBtn.dataset.msDate }, delta);
    pick(next);
    box.querySelector(`[data-ms-date="${next.date}"]`).focus();
  }

  box.addEventListener("click", onClick);
  box.addEventListener("keydown", onKey);
  return {
    render(when) {
      current = when;
      for (const b of box.querySelectorAll("[data-ms-date]")) {
        b.setAttribute("aria-pressed", String(b.dataset.msDate === when.date && !when.since));
        b.classList.toggle("ms-date-shown", b.dataset.msDate === when.date);
      }
      const pair = when.since ? when : compareWith(dates, when);
      compareBtn.disabled = !pair;
      compareBtn.setAttribute("aria-pressed", String(Boolean(when.since)));
      if (!pair) compareBtn.setAttribute("aria-label", fill(grammar.compare_none, { date: dateText(dates, when.date) }));
      else {
        const since = dates.find((d) => d.iso === pair.since);
        // "Change since 7 April"; a phone shows "Change" alone (the accessible name keeps the dates).
        const sinceText = document.createElement("span");
        sinceText.className = "ms-since";
        sinceText.textContent = fill(grammar.compare_since, { since: since.short });
        compareBtn.replaceChildren(grammar.compare_button, sinceText);
        compareBtn.setAttribute("aria-label", fill(grammar.compare_button_name, { since: since.text, date: dateText(dates, pair.date) }));
      }
    },
    destroy() {
      box.removeEventListener("click", onClick);
      box.removeEventListener("keydown", onKey);
    },
  };
}
