// The event panel: one event from GET /events/{id} with its status,
// findings, distance checks, targets and assets, and its claims grouped by
// source and report. Every API string is inserted as text.

import { h, clear, safeURL, label, km } from "./dom.js";

const ACTORS = { ukraine: "Ukraine", russia: "Russia", unknown: "an unknown actor" };

// eventTitle is "drone strike by Ukraine".
export function eventTitle(e) {
  return `${label(e.type) || "event"} by ${ACTORS[e.actor] || label(e.actor) || ACTORS.unknown}`;
}

// eventDate is the event's date as read: a day, a range or a month.
export function eventDate(e) {
  if (!e.date) return "date unknown";
  let d = e.date;
  if (e.date_end) d += ` – ${e.date_end}`;
  if (e.date_precision === "month") d = `${e.date.slice(0, 7)} (month)`;
  if (e.date_inferred) d += " (publication date)";
  if (e.night) d += ", at night";
  else if (e.evening) d += ", in the evening";
  return d;
}

// eventPlace is "Kaspiysk, Dagestan, RU".
export function eventPlace(e) {
  return [e.place, e.admin1, e.country].filter(Boolean).join(", ") || "place unknown";
}

function row(term, ...value) {
  return [h("dt", { text: term }), h("dd", null, ...value)];
}

function badge(status) {
  return h("span", { class: `badge status-${String(status).replace(/[^a-z_]/g, "")}`, text: label(status) });
}

// sourcesOf returns the event's claims grouped by source, then report:
// [{name, kind, reports: [{id, title, url, published, claims}]}]. It uses
// the API's grouping when there is one, else groups the event's claims
// by report_id with the mentions' source names.
function sourcesOf(data, e) {
  const given = data.sources ?? e.sources;
  if (Array.isArray(given)) return given;
  const mentions = new Map();
  for (const m of e.mentions || []) if (!mentions.has(m.report_id)) mentions.set(m.report_id, m);
  const bySource = new Map();
  const reports = new Map();
  for (const c of e.claims || []) {
    let rep = reports.get(c.report_id);
    if (!rep) {
      const m = mentions.get(c.report_id) || {};
      const name = m.source || "unknown source";
      let src = bySource.get(name);
      if (!src) {
        src = { name, kind: m.source_kind, reports: [] };
        bySource.set(name, src);
      }
      rep = { report_id: c.report_id, published: m.published, duplicate_of: m.duplicate_of, link: m.link, claims: [] };
      reports.set(c.report_id, rep);
      src.reports.push(rep);
    }
    rep.claims.push(c);
  }
  return [...bySource.values()];
}

// checksOf returns the distance checks as claims carrying a check.
function checksOf(data, e, sources) {
  const given = data.checks ?? e.checks;
  if (Array.isArray(given)) return given.map((c) => (c && c.check ? c : { check: c, ...c }));
  const out = [];
  for (const src of sources) for (const r of src.reports || []) for (const c of r.claims || []) if (c.check) out.push(c);
  if (out.length === 0) for (const c of e.claims || []) if (c.check) out.push(c);
  return out;
}

function quoted(c) {
  const q = [c.qualifier, c.value, c.unit].filter((v) => v !== undefined && v !== null && v !== "").join(" ");
  const ref = c.reference ? ` from ${c.reference}` : "";
  return q ? q + ref : km(c.check?.quoted_km);
}

function checkItem(c) {
  const k = c.check || {};
  const bad = k.verdict === "inconsistent";
  const allowed = k.max_km !== undefined && k.max_km !== null ? `${km(k.min_km)} – ${km(k.max_km)}` : `over ${km(k.min_km)}`;
  const computed = k.computed_km === undefined || k.computed_km === null ? "not computed" : km(k.computed_km);
  return h("li", { class: bad ? "check check-bad" : "check" },
    h("div", { class: "check-head" },
      h("span", { class: `verdict verdict-${bad ? "bad" : k.verdict === "consistent" ? "ok" : "unknown"}`, text: bad ? "⚠ inconsistent" : label(k.verdict || "unknown") }),
      " ",
      h("span", { class: "check-quote", text: quoted(c) }),
      c.speaker ? h("span", { class: "speaker", text: ` — ${c.speaker}` }) : null),
    h("dl", { class: "check-figures" },
      row("quoted", km(k.quoted_km), h("span", { class: "muted", text: ` (allows ${allowed})` })),
      row("computed", computed, k.basis ? h("span", { class: "muted", text: ` (${k.basis})` }) : null)),
    c.text ? h("blockquote", { class: "span", text: c.text }) : null);
}

function claimItem(c) {
  return h("li", { class: "claim" },
    h("div", { class: "claim-head" },
      h("span", { class: `stance stance-${String(c.stance).replace(/[^a-z]/g, "")}`, text: label(c.stance) }),
      " ",
      h("span", { class: "claim-kind", text: label(c.kind) }),
      c.speaker ? h("span", { class: "speaker", text: ` — ${c.speaker}` }) : h("span", { class: "speaker muted", text: " — the outlet" })),
    c.text ? h("blockquote", { class: "span", text: c.text }) : null);
}

function reportBlock(r) {
  const url = safeURL(r.url);
  const head = [r.title || `report ${r.report_id ?? r.id ?? ""}`, r.published ? String(r.published).slice(0, 10) : ""].filter(Boolean).join(", ");
  return h("div", { class: "report" },
    h("h4", null, url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank", text: head }) : head),
    r.duplicate_of ? h("p", { class: "muted", text: `copy of report ${r.duplicate_of}: adds a source, not evidence` }) : null,
    r.link ? h("p", { class: "muted", text: `joined: ${r.link}` }) : null,
    h("ul", { class: "claims" }, (r.claims || []).map(claimItem)));
}

function assetItem(a) {
  const bits = [a.class, a.fleet, a.home_port ? `home port ${a.home_port}` : "", a.hull ? `hull ${a.hull}` : ""].filter(Boolean);
  return h("li", null,
    h("strong", { text: a.name || a.key }),
    bits.length ? ` — ${bits.join(", ")}` : "",
    a.key ? h("small", { class: "muted", text: ` (${a.key})` }) : null);
}

function targetItem(t) {
  let s = label(t.category);
  if (t.count > 0) s += ` ×${t.count}`;
  if (t.name) s += ` “${t.name}”`;
  if (t.asset) s += ` → ${t.asset}`;
  return h("li", { text: s });
}

// renderEvent fills body with the event data (the JSON of GET /events/{id}).
export function renderEvent(body, data) {
  const e = data.event ?? data;
  clear(body);
  const sources = sourcesOf(data, e);
  const checks = checksOf(data, e, sources);
  const assets = data.assets ?? e.assets ?? [];

  body.append(
    h("h2", { id: "panel-title", text: eventTitle(e) }),
    h("p", { class: "subtitle" },
      h("span", { class: "when", text: eventDate(e) }), " · ",
      h("span", { class: "where", text: eventPlace(e) })),
  );

  if (e.status) {
    body.append(h("p", { class: "status-line" }, badge(e.status), " ", h("span", { text: e.status_reason || "" })));
  }
  const findings = (e.findings || []).filter((f) => f.kind !== "attack" || !e.status);
  if (findings.length) {
    body.append(h("section", null,
      h("h3", { text: "Findings" }),
      h("ul", { class: "findings" }, findings.map((f) => h("li", null, h("span", { class: "claim-kind", text: label(f.kind) }), " ", badge(f.status), " ", h("span", { text: f.reason || "" }))))));
  }

  const facts = [];
  if (e.point) facts.push(row("position", `${Number(e.point.lat).toFixed(4)} N, ${Number(e.point.lon).toFixed(4)} E${e.geo_precision ? ` (${label(e.geo_precision)})` : ""}`));
  if (e.marine_region) facts.push(row("sea", e.marine_region));
  if (e.front_km !== undefined && e.front_km !== null) {
    facts.push(row("from the front", `${km(e.front_km)}${e.front_side ? ` (${label(e.front_side)} side)` : ""}${e.frontline_date ? `, front line of ${e.frontline_date}` : ""}`));
  }
  if (e.border_km !== undefined && e.border_km !== null) facts.push(row("from Ukraine's border", km(e.border_km)));
  if (e.in_occupied !== undefined && e.in_occupied !== null) facts.push(row("in occupied area", e.in_occupied ? "yes" : "no"));
  if (e.outcome) facts.push(row("outcome", label(e.outcome)));
  if (typeof e.confidence === "number") facts.push(row("confidence", e.confidence.toFixed(2)));
  for (const r of e.records || []) facts.push(row("record", r));
  if (facts.length) body.append(h("dl", { class: "facts" }, facts));

  if ((e.targets || []).length || assets.length) {
    body.append(h("section", null,
      h("h3", { text: "Targets and assets" }),
      (e.targets || []).length ? h("ul", { class: "targets" }, e.targets.map(targetItem)) : null,
      assets.length ? h("ul", { class: "assets" }, assets.map(assetItem)) : null));
  }

  if (checks.length) {
    body.append(h("section", null,
      h("h3", { text: "Distance checks" }),
      h("ul", { class: "checks" }, checks.map(checkItem))));
  }

  body.append(h("section", null,
    h("h3", { text: "Claims by source" }),
    sources.length === 0 ? h("p", { class: "muted", text: "No claims stored." }) : null,
    sources.map((src) => h("div", { class: "source" },
      h("h4", { class: "source-name" },
        src.name || src.source || src.source_name || "unknown source",
        src.kind && src.kind !== "unknown" ? h("small", { class: "muted", text: ` [${label(src.kind)}]` }) : null),
      (src.reports || []).map(reportBlock)))));
}

// renderList fills body with a list of events that share one place, each
// a button that opens it.
export function renderList(body, events, open) {
  clear(body);
  body.append(
    h("h2", { id: "panel-title", text: `${events.length} events here` }),
    h("ul", { class: "spread" }, events.map((e) => h("li", null,
      h("button", { type: "button", class: "linklike", onclick: () => open(e.id), text: `${e.date || "undated"} · ${eventTitle(e)} · ${eventPlace(e)}` })))));
}
