// farsight web UI: the map, the time slider and filters, the front line of
// the selected date, the event panel and the reach chart. It reads the JSON
// API only; see docs/ui.md. Data is always inserted as text (dom.js).

import { get } from "./api.js";
import { h, clear, label } from "./dom.js";
import { ClusterLayer } from "./cluster.js";
import { drawReach } from "./chart.js";
import { renderEvent, renderList, eventTitle, eventPlace } from "./panel.js";

// TYPE_COLORS colour the event types (the taxonomy of event.go).
const TYPE_COLORS = {
  drone_strike: "#e6550d",
  naval_drone_strike: "#08519c",
  missile_strike: "#cb181d",
  air_strike: "#6a51a3",
  artillery: "#8c6d31",
  interception: "#31a354",
  sabotage: "#d6359a",
  explosion_unknown: "#6b6b6b",
};
const OTHER_COLOR = "#333333";

const FIRST_DAY = "2022-02-24"; // the slider's left end
const DAY_MS = 86400000;
const PAGE_LIMIT = 1000; // farsight.MaxPageSize
const MAX_PAGES = 5; // at most 5,000 events on the map
const LIST_MAX = 300; // events listed in the sidebar

const $ = (id) => document.getElementById(id);
const ui = {
  status: $("status"),
  form: $("filters"),
  fromRange: $("from-range"),
  toRange: $("to-range"),
  fromDate: $("from-date"),
  toDate: $("to-date"),
  type: $("f-type"),
  actor: $("f-actor"),
  verif: $("f-status"),
  q: $("f-q"),
  minFront: $("f-min-front"),
  legend: $("legend"),
  count: $("event-count"),
  list: $("event-list"),
  chart: $("reach-chart"),
  panel: $("panel"),
  panelBody: $("panel-body"),
  panelClose: $("panel-close"),
};

function colorOf(type) {
  return TYPE_COLORS[type] || OTHER_COLOR;
}

// Day index <-> YYYY-MM-DD, in UTC.
const dayOf = (iso) => Math.round(Date.parse(iso + "T00:00:00Z") / DAY_MS);
const isoOf = (day) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const today = new Date().toISOString().slice(0, 10);

function setStatus(text, isError) {
  ui.status.textContent = text;
  ui.status.classList.toggle("error", Boolean(isError));
}

function debounce(fn, ms) {
  let t;
  return (...args) => {
    clearTimeout(t);
    t = setTimeout(() => fn(...args), ms);
  };
}

// --- Map -----------------------------------------------------------------

const map = L.map("map", { minZoom: 3, maxZoom: 12, zoomSnap: 0.5, attributionControl: false });
map.setView([48.5, 34], 5);
const attribution = L.control.attribution({ position: "bottomleft" }).addTo(map);
attribution.setPrefix('<a href="https://leafletjs.com">Leaflet</a>');
// The credits of NOTICE, as one constant string (Leaflet inserts it as markup).
attribution.addAttribution('Basemap: <a href="https://www.naturalearthdata.com">Natural Earth</a> | Places: <a href="https://www.geonames.org">GeoNames</a> (<a href="https://creativecommons.org/licenses/by/4.0/">CC BY 4.0</a>), <a href="https://ourairports.com">OurAirports</a> | Front line: <a href="https://deepstatemap.live">DeepStateMap</a>');

map.createPane("basemap").style.zIndex = "200";
map.createPane("front").style.zIndex = "350";
const baseRenderer = L.canvas({ pane: "basemap", padding: 0.5 });

// The part of the map the event panel does not cover, in container pixels.
function visibleBox() {
  const size = map.getSize();
  const covered = ui.panel.hidden ? 0 : ui.panel.offsetWidth;
  return { x0: 0, y0: 0, x1: Math.max(size.x - covered, size.x / 3), y1: size.y };
}

// frame fits the map to bounds in the uncovered part of the map.
function frame(bounds) {
  const size = map.getSize();
  const box = visibleBox();
  map.fitBounds(bounds, { paddingTopLeft: [30, 30], paddingBottomRight: [size.x - box.x1 + 30, 30], maxZoom: 7, animate: false });
}

// reveal pans the map so that ll lies in the uncovered part, if it does not.
function reveal(ll) {
  const p = map.latLngToContainerPoint(ll);
  const box = visibleBox();
  const m = Math.min(80, (box.x1 - box.x0) / 4, (box.y1 - box.y0) / 4);
  const dx = p.x < box.x0 + m ? p.x - (box.x0 + m) : p.x > box.x1 - m ? p.x - (box.x1 - m) : 0;
  const dy = p.y < box.y0 + m ? p.y - (box.y0 + m) : p.y > box.y1 - m ? p.y - (box.y1 - m) : 0;
  if (dx || dy) map.panBy([dx, dy], { animate: false });
}

const BASE_STYLE = {
  region: (p) => ({ stroke: true, color: "#c4bcae", weight: 0.6, fillColor: p.country === "UA" ? "#f6f3ea" : p.country === "RU" ? "#e9e4d8" : "#eeece6", fillOpacity: 1 }),
  sea: () => ({ stroke: false, fillColor: "#b7d0e2", fillOpacity: 1 }),
  ukraine: () => ({ color: "#1f3b57", weight: 2.2, fill: false }),
};

async function loadBasemap() {
  const fc = await get("/basemap");
  const byLayer = { region: [], sea: [], ukraine: [] };
  for (const f of fc.features || []) {
    const layer = f.properties && f.properties.layer;
    (byLayer[layer] || (byLayer[layer] = [])).push(f);
  }
  let ukraine = null; // the outline's layer
  for (const name of ["region", "sea", "ukraine"]) {
    if (byLayer[name].length === 0) continue;
    const style = BASE_STYLE[name];
    const layer = L.geoJSON({ type: "FeatureCollection", features: byLayer[name] }, {
      pane: "basemap",
      renderer: baseRenderer,
      interactive: false,
      style: (f) => style(f.properties || {}),
    }).addTo(map);
    if (name === "ukraine") ukraine = layer;
  }
  return ukraine ? ukraine.getBounds() : null;
}

// --- Front line ----------------------------------------------------------

let frontLayer = null;
let frontDate = "";
let frontAbort = null;
const frontLegend = h("li", null, h("span", { class: "swatch front", "aria-hidden": "true" }), h("span", { text: "occupied area" }));

async function loadFrontline(date) {
  if (date === frontDate) return;
  frontDate = date;
  frontAbort?.abort();
  frontAbort = new AbortController();
  try {
    const f = await get("/frontline", { date }, frontAbort.signal);
    frontLayer?.remove();
    frontLayer = L.geoJSON(f, {
      pane: "front",
      interactive: false,
      style: { color: "#a3281c", weight: 1.2, fillColor: "#d9442f", fillOpacity: 0.18, className: "fs-front" },
    }).addTo(map);
    const shown = (f.properties && (f.properties.date || f.properties.snapshot_date)) || date;
    frontLegend.lastChild.textContent = `occupied area, front line of ${shown}`;
  } catch (err) {
    if (err.name === "AbortError") return;
    frontLayer?.remove();
    frontLayer = null;
    frontLegend.lastChild.textContent = err.status === 404 ? `no front line for ${date}` : `front line: ${err.message}`;
  }
}

// --- Events --------------------------------------------------------------

let selected = null; // the highlighted event's ring
let eventsAbort = null;
let firstLoad = true;

function eventMarker(it) {
  const p = it.props;
  const m = L.circleMarker(it.latlng, {
    radius: 7,
    color: "#ffffff",
    weight: 1.5,
    fillColor: colorOf(p.type),
    fillOpacity: 0.92,
    className: `fs-event fs-type-${String(p.type).replace(/[^a-z_]/g, "")}`,
  });
  const text = `${p.date || "undated"} · ${eventTitle(p)} · ${eventPlace(p)}`;
  m.bindTooltip(h("span", { text }), { direction: "top", offset: [0, -6] });
  m.on("click", () => showEvent(p.id));
  m.on("add", () => {
    const el = m.getElement();
    if (!el) return;
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", text);
    el.dataset.eventId = String(p.id);
    el.addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" || ev.key === " ") {
        ev.preventDefault();
        showEvent(p.id);
      }
    });
  });
  return m;
}

const clusters = new ClusterLayer(map, {
  cellPx: 36,
  marker: eventMarker,
  color: (items) => {
    const n = {};
    for (const it of items) n[it.props.type] = (n[it.props.type] || 0) + 1;
    const top = Object.entries(n).sort((a, b) => b[1] - a[1])[0];
    return colorOf(top && top[0]);
  },
  onSpread: (items) => {
    openPanel();
    renderList(ui.panelBody, items.map((it) => it.props), showEvent);
  },
});

function filters() {
  return {
    from: ui.fromDate.value,
    to: ui.toDate.value,
    type: ui.type.value,
    actor: ui.actor.value,
    status: ui.verif.value,
    q: ui.q.value.trim(),
    min_front_km: ui.minFront.value,
  };
}

async function loadEvents() {
  eventsAbort?.abort();
  eventsAbort = new AbortController();
  const signal = eventsAbort.signal;
  setStatus("Loading events…");
  const features = [];
  let cursor = "";
  let pages = 0;
  try {
    do {
      const fc = await get("/events", { ...filters(), format: "geojson", limit: PAGE_LIMIT, after: cursor }, signal);
      features.push(...(fc.features || []));
      cursor = fc.next || "";
      pages++;
    } while (cursor && pages < MAX_PAGES);
  } catch (err) {
    if (err.name === "AbortError") return;
    setStatus(`Events could not be loaded: ${err.message}`, true);
    return;
  }
  showEvents(features, Boolean(cursor));
}

let ukraineBounds = null;

function showEvents(features, truncated) {
  const props = features.map((f) => f.properties || {});
  const items = [];
  for (const f of features) {
    const c = f.geometry && f.geometry.type === "Point" ? f.geometry.coordinates : null;
    if (c && Number.isFinite(c[0]) && Number.isFinite(c[1])) items.push({ latlng: L.latLng(c[1], c[0]), props: f.properties || {} });
  }
  clusters.setItems(items);
  // How many events are on the map, for the browser test.
  map.getContainer().dataset.shown = String(items.length);
  const unmapped = props.length - items.length;
  ui.count.textContent = `(${props.length}${truncated ? "+" : ""})`;
  setStatus(
    `${props.length}${truncated ? "+" : ""} events` +
      (unmapped ? `, ${unmapped} without a location` : "") +
      (truncated ? ": only the newest are shown, narrow the filters" : ""),
  );
  drawLegend(props);
  drawList(props);
  if (firstLoad) {
    // Frame the events (and Ukraine) once; later filtering keeps the view.
    firstLoad = false;
    const b = L.latLngBounds(items.map((it) => it.latlng));
    if (ukraineBounds) b.extend(ukraineBounds);
    if (b.isValid()) frame(b);
    if (selected) reveal(selected.getLatLng());
  }
}

function drawLegend(props) {
  const n = {};
  for (const p of props) n[p.type] = (n[p.type] || 0) + 1;
  clear(ui.legend);
  for (const t of Object.keys(TYPE_COLORS)) {
    const sw = h("span", { class: "swatch dot", "aria-hidden": "true" });
    sw.style.background = TYPE_COLORS[t];
    ui.legend.append(h("li", { class: n[t] ? null : "muted" }, sw, h("span", { text: `${label(t)} (${n[t] || 0})` })));
  }
  const cl = h("span", { class: "swatch cluster", "aria-hidden": "true", text: "3" });
  ui.legend.append(h("li", null, cl, h("span", { text: "cluster of nearby events (click to zoom)" })), frontLegend);
}

function drawList(props) {
  clear(ui.list);
  for (const p of props.slice(0, LIST_MAX)) {
    const sw = h("span", { class: "swatch dot", "aria-hidden": "true" });
    sw.style.background = colorOf(p.type);
    ui.list.append(h("li", null, h("button", { type: "button", class: "linklike", onclick: () => showEvent(p.id) },
      sw, h("span", { class: "date", text: p.date || "undated" }), " ",
      h("span", { text: `${label(p.type)}, ${p.place || "no location"}` }))));
  }
  if (props.length > LIST_MAX) ui.list.append(h("li", { class: "muted", text: `… and ${props.length - LIST_MAX} more on the map` }));
  if (props.length === 0) ui.list.append(h("li", { class: "muted", text: "No events match the filters." }));
}

// --- Event panel and deep links (#event=ID) -------------------------------

function eventFromHash() {
  const id = new URLSearchParams(location.hash.slice(1)).get("event");
  return id && /^\d+$/.test(id) ? id : null;
}

function showEvent(id) {
  const want = `#event=${id}`;
  if (location.hash === want) openEvent(String(id));
  else location.hash = want; // hashchange opens it
}

function openPanel() {
  ui.panel.hidden = false;
  document.body.classList.add("panel-open");
}

function closePanel() {
  ui.panel.hidden = true;
  document.body.classList.remove("panel-open");
  selected?.remove();
  selected = null;
  if (location.hash) history.replaceState(null, "", location.pathname + location.search);
}

let panelAbort = null;

async function openEvent(id) {
  openPanel();
  panelAbort?.abort();
  panelAbort = new AbortController();
  clear(ui.panelBody).append(h("p", { class: "muted", text: `Loading event ${id}…` }));
  let data;
  try {
    data = await get(`/events/${encodeURIComponent(id)}`, null, panelAbort.signal);
  } catch (err) {
    if (err.name === "AbortError") return;
    clear(ui.panelBody).append(
      h("h2", { id: "panel-title", text: `Event ${id}` }),
      h("p", { class: "error", text: err.status === 404 ? "There is no such event." : `The event could not be loaded: ${err.message}` }),
    );
    return;
  }
  renderEvent(ui.panelBody, data);
  ui.panel.dataset.eventId = String(id);
  ui.panel.focus({ preventScroll: true });
  const e = data.event ?? data;
  selected?.remove();
  selected = null;
  if (e.point && Number.isFinite(e.point.lat) && Number.isFinite(e.point.lon)) {
    const ll = L.latLng(e.point.lat, e.point.lon);
    selected = L.circleMarker(ll, { radius: 13, color: "#111111", weight: 3, fill: false, interactive: false, className: "fs-selected" }).addTo(map);
    reveal(ll);
  }
}

function onHash() {
  const id = eventFromHash();
  if (id) openEvent(id);
  else if (!ui.panel.hidden) closePanel();
}

// --- Filters and the time slider -------------------------------------------

function setupFilters() {
  for (const t of Object.keys(TYPE_COLORS)) ui.type.append(h("option", { value: t, text: label(t) }));
  const lo = dayOf(FIRST_DAY);
  const hi = Math.max(dayOf(today), lo + 1);
  for (const r of [ui.fromRange, ui.toRange]) {
    r.min = String(lo);
    r.max = String(hi);
  }
  for (const d of [ui.fromDate, ui.toDate]) {
    d.min = FIRST_DAY;
    d.max = isoOf(hi);
  }
  const setRange = (from, to) => {
    ui.fromRange.value = String(from);
    ui.toRange.value = String(to);
    ui.fromDate.value = isoOf(from);
    ui.toDate.value = isoOf(to);
    ui.fromRange.setAttribute("aria-valuetext", isoOf(from));
    ui.toRange.setAttribute("aria-valuetext", isoOf(to));
  };
  setRange(lo, hi);

  const changed = debounce(() => {
    loadEvents();
    loadFrontline(ui.toDate.value);
    drawReach(ui.chart, reachRows, { from: ui.fromDate.value, to: ui.toDate.value });
  }, 250);

  ui.fromRange.addEventListener("input", () => {
    const from = Math.min(Number(ui.fromRange.value), Number(ui.toRange.value));
    setRange(from, Number(ui.toRange.value));
    changed();
  });
  ui.toRange.addEventListener("input", () => {
    const to = Math.max(Number(ui.toRange.value), Number(ui.fromRange.value));
    setRange(Number(ui.fromRange.value), to);
    changed();
  });
  for (const d of [ui.fromDate, ui.toDate]) {
    d.addEventListener("change", () => {
      if (!ui.fromDate.value || !ui.toDate.value) return;
      let from = Math.max(lo, dayOf(ui.fromDate.value));
      let to = Math.min(hi, dayOf(ui.toDate.value));
      if (from > to) [from, to] = d === ui.fromDate ? [from, from] : [to, to];
      setRange(from, to);
      changed();
    });
  }
  for (const el of [ui.type, ui.actor, ui.verif]) el.addEventListener("change", changed);
  for (const el of [ui.q, ui.minFront]) el.addEventListener("input", changed);
  ui.form.addEventListener("submit", (ev) => ev.preventDefault());
  ui.form.addEventListener("reset", () => {
    // After the browser has reset the fields.
    setTimeout(() => {
      setRange(lo, hi);
      changed();
    });
  });
}

let reachRows = [];

async function loadReach() {
  try {
    const data = await get("/stats/reach", { period: "month" });
    reachRows = Array.isArray(data) ? data : data.rows || data.items || [];
  } catch (err) {
    clear(ui.chart).append(h("p", { class: "error", text: `Reach could not be loaded: ${err.message}` }));
    return;
  }
  drawReach(ui.chart, reachRows, { from: ui.fromDate.value, to: ui.toDate.value });
}

// --- Start -----------------------------------------------------------------

ui.panelClose.addEventListener("click", closePanel);
document.addEventListener("keydown", (ev) => {
  if (ev.key === "Escape" && !ui.panel.hidden) closePanel();
});
window.addEventListener("hashchange", onHash);

setupFilters();
drawLegend([]);
onHash();
loadBasemap()
  .then((bounds) => {
    ukraineBounds = bounds;
    if (bounds && firstLoad) frame(bounds);
  })
  .catch((err) => setStatus(`Basemap could not be loaded: ${err.message}`, true));
loadEvents();
loadFrontline(ui.toDate.value);
loadReach();
