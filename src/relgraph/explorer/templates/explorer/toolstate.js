// toolstate: the selection tools' state in the URL fragment (loaded after layout.js and
// path.js, whose variables it sets).
// The tools in the URL fragment, beside the filters (share.js writes toolsToHash()):
// hide=, keep= (isolated entities), pin=id~x~y, group=country, path=from,to.
function toolsToHash() {
  var ids = function (set) { return Array.from(set).sort().map(encodeURIComponent).join(","); }, parts = [];
  if (state.hidden && state.hidden.size) parts.push("hide=" + ids(state.hidden));
  if (state.keep) parts.push("keep=" + ids(state.keep));
  if (pinned.size) {
    parts.push("pin=" + Array.from(pinned.keys()).sort().map(function (id) {
      var p = pinned.get(id);
      return encodeURIComponent(id) + "~" + Math.round(p[0]) + "~" + Math.round(p[1]);
    }).join(","));
  }
  if (state.byCountry) parts.push("group=country");
  if (path) parts.push("path=" + encodeURIComponent(path.from) + "," + encodeURIComponent(path.to));
  return parts;
}
// Read them back (at load, and when Back or Forward or an edited URL changes the fragment;
// these listeners are added before share.js's, so the tools are set when it redraws).
function readToolsHash() {
  var params = new Map(location.hash.slice(1).split("&").filter(Boolean).map(function (kv) {
    var at = kv.indexOf("="); return at < 0 ? [kv, ""] : [kv.slice(0, at), kv.slice(at + 1)];
  }));
  var ids = function (name) {
    return params.get(name).split(",").map(decodeURIComponent).filter(function (id) { return byId.has(id); });
  };
  state.hidden = params.has("hide") ? new Set(ids("hide")) : null;
  state.keep = params.has("keep") ? new Set(ids("keep")) : null;
  pinned = new Map();
  (params.get("pin") || "").split(",").filter(Boolean).forEach(function (item) {
    var bits = item.split("~"), id = decodeURIComponent(bits[0]), x = Number(bits[1]), y = Number(bits[2]);
    if (byId.has(id) && isFinite(x) && isFinite(y)) pinned.set(id, [x, y]);
  });
  state.byCountry = params.get("group") === "country";
  var ends = params.has("path") ? ids("path") : [];
  path = ends.length === 2 ? { from: ends[0], to: ends[1], nodes: [], edges: [] } : null;
  layoutStale = true;
  if ($("by-country")) $("by-country").checked = state.byCountry;
}
readToolsHash();
function toolsFromNavigation() {
  var before = toolsToHash().join("&");
  readToolsHash();
  if (toolsToHash().join("&") !== before) refresh({ fit: false });  // share.js redraws only for its own changes
}
window.addEventListener("hashchange", toolsFromNavigation);
window.addEventListener("popstate", toolsFromNavigation);
