// filters: filters on every attribute beside relations and entity types — the country
// of either end, status, outlet, whom a statement is attributed to — and the one-line
// summary of every active filter (shown under the filters, and in exports). Countries,
// outlets and sources are "pick some" (none ticked: no filter); statuses start all ticked.
var countryCounts = new Map();   // country id -> statements with an actor of it

function countStatementsPerCountry() {
  STATEMENTS.forEach(function (s) {
    var seen = new Set();
    s.partyList.forEach(function (n) { if (n.nationId) seen.add(n.nationId); });
    seen.forEach(function (c) { countryCounts.set(c, (countryCounts.get(c) || 0) + 1); });
  });
}

// The pairs of countries whose actors are linked by the most statements: one click each.
function busiestCountryPairs(count) {
  var tally = new Map();
  STATEMENTS.forEach(function (s) {
    var seen = new Set();
    s.pairList.forEach(function (p) {
      var a = p[0].nationId, b = p[1].nationId;
      if (!a || !b || a === b) return;
      seen.add(a < b ? a + "|" + b : b + "|" + a);
    });
    seen.forEach(function (k) { tally.set(k, (tally.get(k) || 0) + 1); });
  });
  return Array.from(tally.entries()).sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : 1); })
    .slice(0, count).map(function (e) { return e[0].split("|"); });
}

function pickBox(container, value, text, checked, onChange, count) {
  var label = el("label");
  var box = el("input");
  box.type = "checkbox"; box.value = value; box.checked = checked;
  box.addEventListener("change", function () { onChange(box.checked); });
  label.appendChild(box);
  label.appendChild(el("span", text));
  if (count !== undefined) label.appendChild(el("span", " " + count, "meta"));
  container.appendChild(label);
  return box;
}

// A long list shows its first few; the rest sit in a native <details> (keyboard-ready),
// built when first opened, with a box to narrow a very long one by name.
function listInto(container, items, make, first, labelOf) {
  items.slice(0, first).forEach(function (it) { make(container, it); });
  if (items.length <= first) return;
  var more = el("details", null, "more-list");
  more.appendChild(el("summary", (items.length - first) + " more"));
  more.addEventListener("toggle", function () {
    if (!more.open || more.childElementCount > 1) return;
    if (labelOf && items.length - first > 20) {
      var find = el("input");
      find.type = "search"; find.className = "narrow"; find.placeholder = "narrow by name";
      find.setAttribute("aria-label", "Narrow the list by name");
      find.addEventListener("input", function () {
        var q = foldText(find.value);
        container.querySelectorAll("label").forEach(function (label) { label.hidden = q && foldText(label.textContent).indexOf(q) < 0; });
      });
      more.appendChild(find);
    }
    items.slice(first).forEach(function (it) { make(more, it); });
    syncFilters();
  });
  container.appendChild(more);
}

function toggleIn(key, value, on, all) {
  var set = state[key] ? new Set(state[key]) : new Set(all || []);
  if (on) set.add(value); else set.delete(value);
  if (all) state[key] = set.size === all.length ? null : set;  // all ticked: no filter
  else state[key] = set.size ? set : null;                     // none ticked: no filter
}

function setCountries(list) {
  state.countries = list.slice().sort();
  syncControls(); refresh();
}

function buildFilters() {
  countStatementsPerCountry();
  var countries = data.countries.filter(function (c) { return countryCounts.has(c.id); })
    .sort(function (a, b) { return countryCounts.get(b.id) - countryCounts.get(a.id) || (a.label < b.label ? -1 : 1); });
  busiestCountryPairs(3).forEach(function (pair) {
    var preset = button(countryLabel(pair[0]) + " ↔ " + countryLabel(pair[1]), function () { setCountries(pair); }, "preset");
    preset.title = "Links between actors of " + countryLabel(pair[0]) + " and of " + countryLabel(pair[1]);
    preset.setAttribute("data-countries", pair.join(","));
    $("countries-presets").appendChild(preset);
  });
  listInto($("countries"), countries, function (box, c) {
    pickBox(box, c.id, c.label, false, function (on) {
      var next = state.countries.filter(function (x) { return x !== c.id; });
      if (on) next.push(c.id);
      setCountries(next);
    }, countryCounts.get(c.id));
  }, 8);
  data.statuses.forEach(function (st) {
    pickBox($("statuses"), st, st, true, function (on) { toggleIn("statuses", st, on, data.statuses); refresh(); });
  });
  listInto($("outlets"), OUTLETS, function (box, o) {
    pickBox(box, o, o, false, function (on) { toggleIn("outlets", o, on); refresh(); });
  }, 6);
  if (!data.attributions.length) $("by").appendChild(el("p", "No statement in this page is attributed to a source.", "meta"));
  var bySize = new Map();  // sources by their number of statements, the most frequent first
  STATEMENTS.forEach(function (s) { if (s.by >= 0) bySize.set(s.by, (bySize.get(s.by) || 0) + 1); });
  var sources = data.attributions.map(function (a, i) { return [a, bySize.get(i) || 0]; })
    .sort(function (x, y) { return y[1] - x[1] || (x[0].label < y[0].label ? -1 : 1); });
  listInto($("by"), sources, function (box, pair) {
    pickBox(box, pair[0].id, pair[0].label, false, function (on) { toggleIn("by", pair[0].id, on); refresh(); }, pair[1]);
  }, 6, true);
  var only = $("rel-only");
  only.appendChild(new Option("all relations", ""));
  RELATIONS.forEach(function (r) { only.appendChild(new Option(r.label, r.id)); });
  only.addEventListener("change", function () {
    refill(state.relations, only.value ? [only.value] : RELATIONS.map(function (r) { return r.id; }));
    syncControls(); refresh();
  });
  $("clear-filters").addEventListener("click", function () { resetFilters(); refresh(); });
  on("filters", function () {
    $("active-filters").textContent = activeFilters().join(" · ") || "No filter: everything in the page.";
    offerMatching();
  });
  $("show-matching").addEventListener("click", function () {
    matchingToDraw().forEach(function (id) { state.shown.add(id); });
    refresh({ fit: true });
  });
}

// Search-first: the entities that statements passing the filters link, the most
// linked first, so that "meetings between Russian and North Korean actors" is not
// limited to the overview's entities. Empty when no attribute filter is set.
var MATCHING_DRAWN = 150;  // drawn at once: more makes a hairball and a slow page
var matchingCache = { key: null, ids: [] };
function matchingEntities() {
  var filters = activeFilters();
  if (!filters.length) return [];
  // Asked on every change (the offer, then the URL): counted once per set of filters.
  var key = filters.join("\u0001") + "\u0001" + Array.from(state.types).sort().join(",");
  if (matchingCache.key === key) return matchingCache.ids;
  var count = new Map();
  STATEMENTS.forEach(function (s) {
    if (!statementPasses(s) || (s.undated && !state.undated) || s.year < state.since || s.year > state.until || !inMonths(s)) return;
    s.pairList.forEach(function (p) {
      if (!pairPasses(p[0], p[1])) return;
      count.set(p[0].id, (count.get(p[0].id) || 0) + 1);
      count.set(p[1].id, (count.get(p[1].id) || 0) + 1);
    });
  });
  matchingCache = { key: key, ids: Array.from(count.keys()).sort(function (a, b) { return count.get(b) - count.get(a) || (a < b ? -1 : 1); }) };
  return matchingCache.ids;
}
function matchingToDraw() {
  if (!state.shown) return [];
  return matchingEntities().slice(0, MATCHING_DRAWN).filter(function (id) { return !state.shown.has(id); });
}
function offerMatching() {
  var all = state.shown ? matchingEntities() : [], offer = $("show-matching");
  var outside = all.filter(function (id) { return !state.shown.has(id); }).length, more = matchingToDraw().length;
  offer.hidden = !more;
  offer.textContent = all.length > MATCHING_DRAWN
    ? "Draw the " + MATCHING_DRAWN + " most linked of the " + all.length + " matching entities (" + more + " not drawn yet)"
    : "Draw the " + outside + " more matching " + (outside === 1 ? "entity" : "entities");
}

function syncFilters() {
  var cs = new Set(state.countries);
  document.querySelectorAll("#countries input").forEach(function (b) { b.checked = cs.has(b.value); });
  document.querySelectorAll("#statuses input").forEach(function (b) { b.checked = !state.statuses || state.statuses.has(b.value); });
  document.querySelectorAll("#outlets input").forEach(function (b) { b.checked = !!state.outlets && state.outlets.has(b.value); });
  document.querySelectorAll("#by input").forEach(function (b) { b.checked = !!state.by && state.by.has(b.value); });
  $("rel-only").value = state.relations.size === 1 ? Array.from(state.relations)[0] : "";
  var n = state.countries.length;
  $("countries-note").textContent = !n ? "None ticked: every country." : n === 1
    ? "Links touching an actor of " + countryLabel(state.countries[0]) + "."
    : "Links between actors of " + state.countries.map(countryLabel).join(" and ") + ".";
}

// Every active filter in words (the page's note, and the caption of exported pictures).
function activeFilters() {
  var out = [];
  if (state.relations.size !== RELATIONS.length) {
    out.push("relations: " + (state.relations.size ? RELATIONS.filter(function (r) { return state.relations.has(r.id); }).map(function (r) { return r.label; }).join(", ") : "none"));
  }
  if (state.countries.length === 1) out.push("involving actors of " + countryLabel(state.countries[0]));
  if (state.countries.length > 1) out.push("between actors of " + state.countries.map(countryLabel).join(" and "));
  if (state.statuses) out.push("status: " + (Array.from(state.statuses).join(", ") || "none"));
  if (state.outlets) out.push("outlets: " + Array.from(state.outlets).sort().join(", "));
  if (state.by) {
    out.push("attributed to: " + data.attributions.filter(function (a) { return state.by.has(a.id); }).map(function (a) { return a.label; }).join(", "));
  }
  if (state.types.size !== TYPES.length) out.push("entity types: " + TYPES.filter(function (t) { return state.types.has(t.id); }).map(function (t) { return t.id; }).join(", "));
  if (state.months) out.push("months: " + monthName(state.months[0]) + "–" + monthName(state.months[1]));
  else if (state.since !== data.years[0] || state.until !== data.years[1]) out.push("years: " + state.since + "–" + state.until);
  if (!state.undated) out.push("undated statements hidden");
  return out;
}
