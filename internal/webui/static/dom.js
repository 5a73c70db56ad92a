// DOM helpers. Every string that reaches the page goes through a text node
// or textContent: data is never parsed as HTML.

const SVG_NS = "http://www.w3.org/2000/svg";

// h creates an HTML element. attrs sets attributes: "class" → the class
// attribute, "text" → textContent, "on*" (functions only) → listeners,
// anything else → setAttribute (never "href" or "src" from data without
// safeURL). Children may be nodes, strings (inserted as text) or arrays;
// null, undefined and false are skipped.
export function h(tag, attrs, ...children) {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

// s creates an SVG element, like h.
export function s(tag, attrs, ...children) {
  const el = document.createElementNS(SVG_NS, tag);
  setAttrs(el, attrs);
  append(el, children);
  return el;
}

function setAttrs(el, attrs) {
  if (!attrs) return;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === "class") {
      el.setAttribute("class", v);
    } else if (k === "text") {
      el.textContent = String(v);
    } else if (k.startsWith("on")) {
      // Handlers are functions only: never a string to be parsed as code.
      if (typeof v !== "function") throw new TypeError(`h: ${k} must be a function`);
      el.addEventListener(k.slice(2), v);
    } else {
      el.setAttribute(k, v === true ? "" : String(v));
    }
  }
}

function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

// clear removes every child of el.
export function clear(el) {
  el.replaceChildren();
  return el;
}

// safeURL returns u when it is an absolute http(s) URL, else "" — so that
// a report's URL can never become a javascript: link.
export function safeURL(u) {
  if (typeof u !== "string") return "";
  try {
    const url = new URL(u);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : "";
  } catch {
    return "";
  }
}

// label turns an API identifier ("drone_strike") into words.
export function label(id) {
  return String(id ?? "").replaceAll("_", " ");
}

// km formats a distance in kilometres.
export function km(v) {
  if (typeof v !== "number" || !Number.isFinite(v)) return "–";
  return `${v >= 100 ? Math.round(v) : v.toFixed(1)} km`;
}
