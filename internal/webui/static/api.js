// The JSON API client. The base path comes from <meta name="farsight-api">.

const base = document.querySelector('meta[name="farsight-api"]')?.content || "/api/v1";

// APIError is a failed API call: the API's {code, message}, or the HTTP
// status when the body is not JSON.
export class APIError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

// get fetches base+path with query params (empty values dropped) and
// returns the decoded JSON. It throws APIError, or AbortError when signal
// aborts.
export async function get(path, params, signal) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params || {})) {
    if (v !== "" && v !== null && v !== undefined) q.set(k, String(v));
  }
  const qs = q.toString();
  const res = await fetch(base + path + (qs ? "?" + qs : ""), {
    signal,
    headers: { Accept: "application/json, application/geo+json" },
  });
  let body = null;
  try {
    body = await res.json();
  } catch {
    // not JSON: handled below
  }
  if (!res.ok) {
    const code = body && typeof body.code === "string" ? body.code : String(res.status);
    const msg = body && typeof body.message === "string" ? body.message : res.statusText;
    throw new APIError(res.status, code, msg);
  }
  if (body === null) throw new APIError(res.status, "EINTERNAL", "the API answered with no JSON");
  return body;
}
