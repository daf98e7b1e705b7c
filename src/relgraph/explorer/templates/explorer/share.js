// share: the view's state in the URL fragment, one history entry per view change.
// Parameters (documented in the README): years, months, undated, rel, types, countries,
// status, outlet, by, per, grow (search-first: entities added to the overview),
// sel, read. Lists are comma-separated and each item URL-encoded. Every change of view
// pushes an entry (the changes of one action are gathered into one); Back and Forward
// restore the view (popstate). A dragged brush makes one entry when released, and the
// timeline playing one for all its years.
function listParam(values) { return Array.from(values).sort().map(encodeURIComponent).join(","); }

// Search-first: what was added to the overview, short. "~<n>" stands for the n most
// linked entities of the filters' statements ("Draw the … matching entities"), an
// entity whose whole expansion is on screen is written as "*<id>" (its neighbours
// follow from the data), the rest one by one, overview entities taken away as "-<id>".
// Entity ids start with a letter (corpus.article.ENTITY_ID), so the marks are unambiguous.
function growthOf(shown) {
  var base = new Set(data.overview.map(function (i) { return NODES[i].id; }));
  var extra = Array.from(shown).filter(function (id) { return !base.has(id); }).sort();
  var covered = new Set(), parts = [];
  var ranked = matchingEntities().slice(0, MATCHING_DRAWN), drawn = 0;
  while (drawn < ranked.length && shown.has(ranked[drawn])) drawn++;
  if (ranked.slice(0, drawn).some(function (id) { return !base.has(id); })) {
    parts.push("~" + drawn);
    ranked.slice(0, drawn).forEach(function (id) { covered.add(id); });
  }
  if (!extra.length) return Array.from(base).filter(function (id) { return !shown.has(id); }).sort().map(function (id) { return "-" + encodeURIComponent(id); }).join(",");
  // Candidates: any entity on screen whose whole expansion is on screen, the widest first.
  var gain = function (id) { return expansionOf(id).filter(function (o) { return !base.has(o); }).length; };
  Array.from(shown).filter(function (id) {
    var more = expansionOf(id);
    return more.length && more.every(function (o) { return shown.has(o); });
  }).map(function (id) { return [gain(id), id]; }).filter(function (g) { return g[0] > 0; })
    .sort(function (a, b) { return b[0] - a[0] || (a[1] < b[1] ? -1 : 1); })
    .forEach(function (g) {
      var id = g[1], more = expansionOf(id);
      if (!more.some(function (o) { return !base.has(o) && !covered.has(o); })) return;
      parts.push("*" + encodeURIComponent(id));
      covered.add(id); more.forEach(function (o) { covered.add(o); });
    });
  extra.forEach(function (id) { if (!covered.has(id)) parts.push(encodeURIComponent(id)); });
  base.forEach(function (id) { if (!shown.has(id)) parts.push("-" + encodeURIComponent(id)); });
  return parts.join(",");
}
function shownFrom(grow) {
  var shown = new Set(data.overview.map(function (i) { return NODES[i].id; }));
  grow.split(",").filter(Boolean).forEach(function (part) {
    if (/^~\d+$/.test(part)) {
      matchingEntities().slice(0, Math.min(MATCHING_DRAWN, Number(part.slice(1)))).forEach(function (id) { shown.add(id); });
      return;
    }
    var id = decodeURIComponent(part.replace(/^[*-]/, ""));
    if (!byId.has(id)) return;
    if (part[0] === "-") { shown.delete(id); return; }
    shown.add(id);
    if (part[0] === "*") expansionOf(id).forEach(function (o) { shown.add(o); });
  });
  return shown;
}

function stateToHash() {
  var parts = [];
  if (state.since !== data.years[0] || state.until !== data.years[1]) parts.push("years=" + state.since + "-" + state.until);
  if (state.months) parts.push("months=" + state.months[0] + "-" + state.months[1]);
  if (!state.undated) parts.push("undated=0");
  if (state.relations.size !== RELATIONS.length) parts.push("rel=" + listParam(state.relations));
  if (state.types.size !== TYPES.length) parts.push("types=" + listParam(state.types));
  if (state.countries.length) parts.push("countries=" + listParam(state.countries));
  if (state.statuses) parts.push("status=" + listParam(state.statuses));
  if (state.outlets) parts.push("outlet=" + listParam(state.outlets));
  if (state.by) parts.push("by=" + listParam(state.by));
  if (state.perClaim) parts.push("per=1");
  if (state.shown) { var grow = growthOf(state.shown); if (grow) parts.push("grow=" + grow); }
  if (state.selected) parts.push("sel=" + state.selected.kind + ":" + encodeURIComponent(state.selected.id));
  if (state.reading) parts.push("read=" + encodeURIComponent(state.reading));
  parts = parts.concat(toolsToHash());  // selection.js: hide, keep, pin, group, path
  return parts.join("&");
}

// The changes of one action (a refresh, then a selection) make one history entry.
var hashPending = false, playedEntry = false;
var restoring = true;  // the first write (at load) replaces the entry
function writeHash() {
  if (hashPending) return;
  hashPending = true;
  Promise.resolve().then(function () {
    hashPending = false;
    if (dragFrom !== null) return;  // a brush being dragged: its end makes the entry
    var hash = stateToHash();
    if (location.hash.slice(1) === hash) { restoring = false; return; }
    var target = hash ? "#" + hash : location.pathname + location.search;
    // The timeline playing: its first year makes an entry, the next ones replace it.
    var quiet = restoring || (playing !== null && playedEntry);
    playedEntry = playing !== null;
    restoring = false;
    try {
      if (quiet) history.replaceState(null, "", target); else history.pushState(null, "", target);
    } catch (e) { location.hash = hash; }
  });
}

function readHash() {
  var params = new Map(location.hash.slice(1).split("&").filter(Boolean).map(function (kv) {
    var at = kv.indexOf("="); return at < 0 ? [kv, ""] : [kv.slice(0, at), kv.slice(at + 1)];
  }));
  var list = function (v) { return v ? v.split(",").map(decodeURIComponent) : []; };
  var known = function (name, ids) { return params.has(name) ? new Set(list(params.get(name)).filter(function (x) { return ids.indexOf(x) >= 0; })) : null; };
  state.since = data.years[0]; state.until = data.years[1];
  if (params.has("years")) {
    var ys = params.get("years").split("-").map(Number);
    if (ys.length === 1 && isFinite(ys[0])) ys = [ys[0], ys[0]];
    if (ys.length === 2 && ys.every(isFinite)) { state.since = Math.min(ys[0], ys[1]); state.until = Math.max(ys[0], ys[1]); }
  }
  state.months = null;
  if (params.has("months")) {
    var ms = params.get("months").split("-").map(Number);
    if (ms.length === 2 && ms.every(isFinite) && zoomed() && ms[0] <= ms[1] &&
        ms[0] >= state.since * 12 && ms[1] < (state.until + 1) * 12) state.months = ms;
  }
  state.undated = params.get("undated") !== "0";
  var relIds = RELATIONS.map(function (r) { return r.id; }), typeIds = TYPES.map(function (t) { return t.id; });
  refill(state.relations, known("rel", relIds) || relIds);
  refill(state.types, known("types", typeIds) || typeIds);
  var cs = known("countries", data.countries.map(function (c) { return c.id; }));
  state.countries = cs ? Array.from(cs).sort() : [];
  var st = known("status", data.statuses);
  state.statuses = st && st.size < data.statuses.length ? st : null;
  state.outlets = known("outlet", OUTLETS);
  state.by = known("by", data.attributions.map(function (a) { return a.id; }));
  state.perClaim = params.get("per") === "1";
  if (state.shown) {
    if (params.has("grow")) state.shown = shownFrom(params.get("grow"));
    else if (params.has("shown")) state.shown = new Set(list(params.get("shown")).filter(function (id) { return byId.has(id); }));  // links made before "grow"
    else state.shown = shownFrom("");
  }
  return { sel: params.get("sel"), read: params.has("read") ? decodeURIComponent(params.get("read")) : null };
}

function applyHashSelection(found) {
  var done = false;
  if (found.sel) {
    var at = found.sel.indexOf(":"), kind = found.sel.slice(0, at), id = decodeURIComponent(found.sel.slice(at + 1));
    if (kind === "node" && byId.has(id)) { selectNode(id); done = true; }
    if (kind === "edge") done = selectEdge(id);
  }
  if (!done && state.selected) clearSelection();
  if (found.read && byStatement.has(found.read)) openReader(byStatement.get(found.read));
  else if (state.reading) closeReader();
}

// Back and Forward: the view the entry names, whatever changed since.
function restoreFromUrl() {
  restoring = true;
  var found = readHash();
  syncControls(); refresh(); applyHashSelection(found);
  writeHash();
}

function buildShare() {
  $("share").addEventListener("click", function () { writeHash(); Promise.resolve().then(function () { copyText(location.href, $("status")); }); });
  on("filters", writeHash); on("select", writeHash); on("reader", writeHash);
  window.addEventListener("popstate", restoreFromUrl);
  window.addEventListener("hashchange", function () { if (location.hash.slice(1) !== stateToHash()) restoreFromUrl(); });
}
