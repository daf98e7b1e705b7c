// core: the page's data, its filter state and small helpers shared by every part.
// All corpus text reaches the page through textContent (never innerHTML), so nothing
// from an article can run as code. The files of templates/explorer/ are concatenated
// in one closure by render.py; each part only defines functions and state here.
performance.mark("relgraph-start");
var data = JSON.parse(document.getElementById("relgraph-data").textContent);
performance.mark("relgraph-parsed");

function rows(kind) {
  var fields = data.fields[kind];
  return data[kind + "s"].map(function (row, i) {
    var item = { index: i };
    fields.forEach(function (f, k) { item[f] = row[k]; });
    return item;
  });
}
var NODES = rows("node"), STATEMENTS = rows("statement"), ARTICLES = rows("article");
var RELATIONS = data.relations, FAMILIES = data.families, TYPES = data.types;
var byId = new Map(NODES.map(function (n) { return [n.id, n]; }));
var byStatement = new Map(STATEMENTS.map(function (s) { return [s.id, s]; }));
STATEMENTS.forEach(function (s) {
  s.rel = RELATIONS[s.relation];
  s.status = data.statuses[s.status];
  s.art = ARTICLES[s.article];
  s.undated = !s.date;
  s.pairList = [];
  for (var k = 0; k < s.pairs.length; k += 2) s.pairList.push([NODES[s.pairs[k]], NODES[s.pairs[k + 1]]]);
});
NODES.forEach(function (n) { n.typeInfo = TYPES[n.type]; n.type = n.typeInfo.id; n.nationId = n.nation >= 0 ? data.countries[n.nation].id : ""; });
STATEMENTS.forEach(function (s) {
  s.partyList = s.parties.map(function (i) { return NODES[i]; });
  s.byId = s.by >= 0 ? data.attributions[s.by].id : "";
});
// Entities without statements: not drawn, found by search only ("no statements").
var UNLINKED = rows("unlinked");
UNLINKED.forEach(function (n) { n.typeInfo = TYPES[n.type]; n.type = n.typeInfo.id; n.unlinked = true; n.statements = []; n.nationId = n.nation >= 0 ? data.countries[n.nation].id : ""; });
var OUTLETS = Array.from(new Set(ARTICLES.map(function (a) { return a.outlet; }))).sort();

var state = {
  since: data.years[0], until: data.years[1], undated: true,
  months: null,              // [from, to] as year * 12 + month - 1, brushed on the zoomed timeline
  relations: new Set(RELATIONS.map(function (r) { return r.id; })),
  types: new Set(TYPES.map(function (t) { return t.id; })),
  perClaim: false,
  // Filters on attributes (null or [] = no filter). countries: one id keeps the links
  // touching its actors; two or more keep the links between actors of different ones.
  countries: [], statuses: null, outlets: null, by: null,
  selected: null,            // {kind: "node"|"edge", id}
  shown: data.mode === "search-first" ? new Set(data.overview.map(function (i) { return NODES[i].id; })) : null
};

// Where each entity is drawn. Below the search-first size: the whole graph's layout.
// Search-first: the overview's own layout, and expanded entities placed around the
// entity they were expanded from (deterministically, so a shared link looks the same).
var placed = new Map();
function placeOverview() {
  placed = new Map();
  data.overview.forEach(function (i, k) { placed.set(NODES[i].id, data.overviewPositions[k]); });
}
if (state.shown) placeOverview();
function positionOf(n) {
  if (!state.shown) return [n.x, n.y];
  if (!placed.has(n.id)) placeNear(n, null, 0, 1);
  return placed.get(n.id);
}
function placeNear(n, centre, k, count) {
  if (!centre) {
    n.statements.some(function (i) {
      return STATEMENTS[i].pairList.some(function (p) {
        var o = p[0] === n ? p[1] : p[1] === n ? p[0] : null;
        if (o && placed.has(o.id)) { centre = placed.get(o.id); return true; }
        return false;
      });
    });
  }
  centre = centre || [0, 0];
  var hash = 0;
  for (var c = 0; c < n.id.length; c++) hash = (hash * 31 + n.id.charCodeAt(c)) % 360;
  var ring = Math.floor(k / 18), per = Math.min(18, count - ring * 18);
  var angle = (count > 1 ? 2 * Math.PI * (k % 18) / per : hash * Math.PI / 180) + ring * 0.35;
  var r = 260 + ring * 130;
  placed.set(n.id, [Math.round(centre[0] + r * Math.cos(angle)), Math.round(centre[1] + r * Math.sin(angle))]);
}
// The neighbours an expansion adds: the 60 most linked counterparts, heaviest first.
// It depends on the data only, so the URL can name an expansion instead of its nodes.
var EXPAND_LIMIT = 60, expansions = new Map();
function expansionOf(id) {
  if (expansions.has(id)) return expansions.get(id);
  var weights = new Map();
  byId.get(id).statements.forEach(function (k) {
    STATEMENTS[k].pairList.forEach(function (p) {
      var o = p[0].id === id ? p[1].id : p[1].id === id ? p[0].id : null;
      if (o && o !== id) weights.set(o, (weights.get(o) || 0) + 1);
    });
  });
  var out = Array.from(weights.entries()).sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : 1); })
    .slice(0, EXPAND_LIMIT).map(function (e) { return e[0]; });
  expansions.set(id, out);
  return out;
}
// The relation and type sets are shared with their checkboxes: changed in place, never replaced.
function refill(set, values) {
  set.clear();
  values.forEach(function (v) { set.add(v); });
}
function $(id) { return document.getElementById(id); }
function el(tag, text, cls) {
  var node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (cls) node.className = cls;
  return node;
}
function button(text, onClick, cls) {
  var b = el("button", text, cls);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}
function debounce(fn, ms) {
  var timer = null;
  return function () {
    var args = arguments;
    clearTimeout(timer);
    timer = setTimeout(function () { fn.apply(null, args); }, ms);
  };
}

// Listeners by topic: "filters" (what is visible changed), "select" (selection changed).
var listeners = {};
function on(topic, fn) { (listeners[topic] = listeners[topic] || []).push(fn); }
function emit(topic, arg) { (listeners[topic] || []).forEach(function (fn) { fn(arg); }); }

// The text a statement's offsets refer to: its article's text, or the photo caption
// that holds its quote (s.caption >= 0).
function sourceOf(s) { return s.caption >= 0 ? s.art.captions[s.caption] : s.art.text; }
// The quote as text: sliced from the article when the page carries its text.
function quoteOf(s) {
  return s.quote || (s.start >= 0 ? sourceOf(s).slice(s.start, s.end) : "");
}
function dateLabel(s) { return s.date || "undated (article " + s.art.published + ")"; }
function swatch(color, cls) {
  var sw = el("span", null, "swatch " + (cls || ""));
  sw.style.background = color;
  return sw;
}

// The timeline shows months when the brushed years are this few or fewer.
var ZOOM_YEARS = 3;
function zoomed() { return state.until - state.since < ZOOM_YEARS; }
function monthName(abs) {
  return ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][abs % 12] + " " + Math.floor(abs / 12);
}
// A brushed month range keeps only statements dated to those months: year-only and
// undated ones have no month, so they are hidden (and the brush label says so).
function inMonths(s) {
  if (!state.months) return true;
  var abs = s.year * 12 + s.month - 1;
  return s.month > 0 && abs >= state.months[0] && abs <= state.months[1];
}

// The attribute filters a statement passes as a whole: relation, status, outlet, source.
function statementPasses(s) {
  return state.relations.has(s.rel.id) && (!state.statuses || state.statuses.has(s.status)) &&
    (!state.outlets || state.outlets.has(s.art.outlet)) && (!state.by || state.by.has(s.byId));
}
// The filters on a linked pair's ends: entity types and countries.
function pairPasses(a, b) {
  if (!state.types.has(a.type) || !state.types.has(b.type)) return false;
  var cs = state.countries;
  if (!cs.length) return true;
  if (cs.length === 1) return a.nationId === cs[0] || b.nationId === cs[0];
  return a.nationId !== b.nationId && cs.indexOf(a.nationId) >= 0 && cs.indexOf(b.nationId) >= 0;
}
function countryLabel(id) {
  var c = data.countries.find(function (x) { return x.id === id; });
  return c ? c.label : id;
}

// Why a statement is hidden ("" when visible), for search messages and the hook.
function hiddenBy(s, a, b) {
  if (!state.relations.has(s.rel.id)) return "relation “" + s.rel.label + "” is switched off";
  if (state.statuses && !state.statuses.has(s.status)) return "status “" + s.status + "” is filtered out";
  if (state.outlets && !state.outlets.has(s.art.outlet)) return "outlet “" + s.art.outlet + "” is filtered out";
  if (state.by && !state.by.has(s.byId)) return "the “attributed to” filter";
  if (s.undated && !state.undated) return "undated statements are hidden";
  if (s.year < state.since || s.year > state.until) return "the years " + state.since + "–" + state.until;
  if (!inMonths(s)) return "the months " + monthName(state.months[0]) + "–" + monthName(state.months[1]);
  if (!state.types.has(a.type) || !state.types.has(b.type)) return "entity type filter";
  if (!pairPasses(a, b)) return "the country filter (" + state.countries.map(countryLabel).join(", ") + ")";
  if (state.shown && !(state.shown.has(a.id) && state.shown.has(b.id))) return "not expanded yet";
  return "";
}
// The same test as hiddenBy without building messages (it runs for every pair on every update).
function pairVisible(s, a, b) {
  return statementPasses(s) && (state.undated || !s.undated) &&
    s.year >= state.since && s.year <= state.until && inMonths(s) && pairPasses(a, b) &&
    (!state.shown || (state.shown.has(a.id) && state.shown.has(b.id)));
}

// Statements visible now, in chronological order (the order Python gave them);
// the graph marks them when it groups the visible pairs into edges.
function visibleStatements() {
  return STATEMENTS.filter(function (s) { return s.visible; });
}
