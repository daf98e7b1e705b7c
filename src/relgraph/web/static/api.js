// Talking to the local server: every request carries the per-run token in a header.
export const token = new URLSearchParams(window.location.search).get("token") || "";

export class ApiError extends Error {
  constructor(status, body) {
    super(body.error || `HTTP ${status}`);
    this.status = status;
    this.hint = body.hint || "";
  }
}

async function call(method, path, body) {
  const init = { method, headers: { "X-Relgraph-Token": token }, credentials: "omit" };
  if (body !== undefined) {
    init.headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const response = await fetch(path, init);
  const data = await response.json().catch(() => ({ error: `HTTP ${response.status}` }));
  if (!response.ok) throw new ApiError(response.status, data);
  return data;
}

export const get = (path) => call("GET", path);
export const post = (path, body) => call("POST", path, body);

export function pageUrl(articleId) {
  return `/article/${encodeURIComponent(articleId)}?token=${encodeURIComponent(token)}`;
}
