// The reach-over-time chart: per period and actor, how far behind the
// front line strikes landed (GET /stats/reach), drawn as SVG by hand.

import { h, s, clear, label, km } from "./dom.js";

// ACTOR_COLORS colour each actor's line.
export const ACTOR_COLORS = { ukraine: "#1f5fae", russia: "#b3261e", unknown: "#6b6b6b" };

const W = 320;
const H = 180;
const M = { l: 46, r: 10, t: 10, b: 24 };

// niceMax rounds v up to 1, 2 or 5 times a power of ten.
function niceMax(v) {
  if (!(v > 0)) return 100;
  const p = 10 ** Math.floor(Math.log10(v));
  for (const f of [1, 2, 5, 10]) if (f * p >= v) return f * p;
  return 10 * p;
}

// drawReach draws rows (ReachRow JSON: period, actor, events,
// max_front_km, p90_front_km) into container, shading the periods that
// overlap the selected range [from, to] (YYYY-MM-DD).
export function drawReach(container, rows, range) {
  clear(container);
  if (!Array.isArray(rows) || rows.length === 0) {
    container.append(h("p", { class: "muted", text: "No strikes with a distance from the front line yet." }));
    return;
  }
  const periods = [...new Set(rows.map((r) => String(r.period)))].sort();
  const actors = [...new Set(rows.map((r) => String(r.actor)))].sort();
  const ymax = niceMax(Math.max(...rows.map((r) => Number(r.max_front_km) || 0)));
  const pw = W - M.l - M.r;
  const ph = H - M.t - M.b;
  const step = periods.length > 1 ? pw / (periods.length - 1) : 0;
  const x = (p) => M.l + (periods.length > 1 ? periods.indexOf(p) * step : pw / 2);
  const y = (v) => M.t + ph * (1 - v / ymax);

  const svg = s("svg", {
    class: "reach-svg",
    viewBox: `0 0 ${W} ${H}`,
    role: "img",
    "aria-labelledby": "reach-title",
  });
  svg.append(s("title", { id: "reach-title", text: `Maximum distance behind the front line per month, ${periods[0]} to ${periods.at(-1)}` }));

  // Selected range.
  if (range && range.from && range.to) {
    const lo = range.from.slice(0, 7);
    const hi = range.to.slice(0, 7);
    const inside = periods.filter((p) => p >= lo && p <= hi);
    if (inside.length > 0) {
      const half = periods.length > 1 ? step / 2 : pw / 2;
      const x0 = Math.max(M.l, x(inside[0]) - half);
      const x1 = Math.min(W - M.r, x(inside.at(-1)) + half);
      svg.append(s("rect", { class: "reach-range", x: x0, y: M.t, width: Math.max(1, x1 - x0), height: ph }));
    }
  }

  // Axes and grid.
  for (const v of [0, ymax / 2, ymax]) {
    svg.append(s("line", { class: "reach-grid", x1: M.l, x2: W - M.r, y1: y(v), y2: y(v) }));
    svg.append(s("text", { class: "reach-tick", x: M.l - 4, y: y(v) + 3, "text-anchor": "end", text: `${v} km` }));
  }
  const xticks = periods.length > 2 ? [periods[0], periods[Math.floor(periods.length / 2)], periods.at(-1)] : periods;
  for (const p of new Set(xticks)) {
    const anchor = p === periods[0] && periods.length > 1 ? "start" : p === periods.at(-1) && periods.length > 1 ? "end" : "middle";
    svg.append(s("text", { class: "reach-tick", x: x(p), y: H - 6, "text-anchor": anchor, text: p }));
  }

  // One line per actor, a dot per period with its figures as a tooltip.
  for (const a of actors) {
    const mine = rows.filter((r) => String(r.actor) === a).sort((p, q) => String(p.period).localeCompare(String(q.period)));
    const color = ACTOR_COLORS[a] || ACTOR_COLORS.unknown;
    const pts = mine.map((r) => `${x(String(r.period)).toFixed(1)},${y(Number(r.max_front_km) || 0).toFixed(1)}`).join(" ");
    svg.append(s("polyline", { class: "reach-line", points: pts, stroke: color }));
    for (const r of mine) {
      const c = s("circle", { class: "reach-dot", cx: x(String(r.period)), cy: y(Number(r.max_front_km) || 0), r: 2.5, fill: color });
      c.append(s("title", { text: `${r.period}, ${label(a)}: max ${km(r.max_front_km)}, 90th percentile ${km(r.p90_front_km)}, ${r.events} strikes` }));
      svg.append(c);
    }
  }
  container.append(svg);

  const legend = h("ul", { class: "reach-legend" });
  for (const a of actors) {
    const sw = h("span", { class: "swatch line", "aria-hidden": "true" });
    sw.style.background = ACTOR_COLORS[a] || ACTOR_COLORS.unknown;
    legend.append(h("li", null, sw, `strikes by ${label(a)}`));
  }
  container.append(legend);

  // The figures as a table, for screen readers and exact values.
  container.append(
    h("details", { class: "reach-table" },
      h("summary", { text: "Figures" }),
      h("table", null,
        h("thead", null, h("tr", null, ["period", "actor", "strikes", "max", "90th pct."].map((t) => h("th", { scope: "col", text: t })))),
        h("tbody", null, rows.map((r) => h("tr", null,
          h("td", { text: r.period }), h("td", { text: label(r.actor) }), h("td", { text: r.events }),
          h("td", { text: km(r.max_front_km) }), h("td", { text: km(r.p90_front_km) })))))),
  );
}
