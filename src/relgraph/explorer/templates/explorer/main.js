// main: wires the parts together, applies the URL fragment, and publishes the
// window.relgraphExplorer scripting hook once the graph is ready.
function refresh(opts) {
  opts = opts || {};
  var before = nodes.length;
  drawGraph();
  if (state.selected && state.selected.kind === "edge" && !edgeStatements.has(state.selected.id)) clearSelection();
  var nEdges = edges.length, nStatements = visibleCount;
  $("counts").textContent = nodes.length + " entities · " + nEdges + " links · " + nStatements + " statements" +
    (state.shown ? " · search-first view of " + NODES.length + " entities" : "");
  drawTimeline();
  drawTable();
  if (opts.fit !== false && (nodes.length !== before || opts.fit)) fitView();
  emit("filters");  // the panel (panel.js) and every note are drawn again from the new view
}

document.title = data.title;
$("title").textContent = data.title;
buildControls(); buildFilters(); buildTimeline(); buildTable(); buildSearch(); buildShare(); buildExports();
var fromHash = readHash();
syncControls();
refresh({ fit: true });
applyHashSelection(fromHash);
if (state.shown) $("status").textContent = "Large graph: showing the " + data.overview.length +
  " most connected entities. Search, or double-click an entity to expand its neighbours.";
document.addEventListener("keydown", function (e) {
  if (e.key === "Escape" && !$("results").hidden) $("results").hidden = true;
});
document.addEventListener("click", function (e) {
  if (!$("results").contains(e.target) && e.target !== $("search")) $("results").hidden = true;
});

// For people who script the page (and for relgraph's browser tests).
window.relgraphExplorer = {
  network: network, nodes: nodes, edges: edges, state: state, mode: data.mode,
  search: function (t) { $("search").value = t; var r = searchAll(t); showResults(r, t); return r.map(function (x) { return x.kind === "node" ? x.node.id : x.s.id; }); },
  select: selectNode, selectEdge: selectEdge, expand: expand, openReader: function (id) { openReader(byStatement.get(id)); },
  setYears: setYears, refresh: refresh,
  setMonths: function (from, to) {  // "YYYY-MM" strings
    var abs = function (t) { return Number(t.slice(0, 4)) * 12 + Number(t.slice(5, 7)) - 1; };
    setMonths(abs(from), abs(to));
  },
  // What the timeline draws: each bar's kind (year, month, yearonly), label and counts.
  timelineSlots: function () {
    return slots.map(function (sl) {
      return { kind: sl.kind, year: sl.year, label: sl.label, dated: sl.c.fam.reduce(function (a, b) { return a + b; }, 0), undated: sl.c.undated };
    });
  },
  visibleNodeIds: visibleNodeIds, visibleEdgeIds: visibleEdgeIds, labelledNodes: labelledNodes,
  labels: labelPlan, labelOf: function (id) { return byId.get(id).label; },
  countryOf: function (id) { var n = byId.get(id); return n.type === "Country" ? n.label : n.country; }, findPath: function (a, b) { findPath(a, b); return path; }, findPathState: function () { return path; }, hide: hideEntities, isolate: isolate,
  pin: togglePin, layoutMs: function () { return lastLayoutMs; }, relayout: applyLayout,
  visibleStatementIds: function () { return visibleStatements().map(function (s) { return s.id; }); },
  csv: csvOfVisible, svg: svgOfView, graphml: graphmlOfView, gexf: gexfOfView,
  png: function () { return pngOfView().then(function (b) { return b.size; }); },
  activeFilters: activeFilters, stateToHash: stateToHash,
  nationOf: function (id) { return entityOf(id).nationId; }, typeOf: function (id) { return byId.get(id).type; },
  typeOfAny: function (id) { return entityOf(id).type; }, fold: foldText, withinOne: withinOne,
  parts: { computeLayout: computeLayout, drawGraph: drawGraph, drawTimeline: drawTimeline, drawTable: drawTable, visibleStatements: visibleStatements, fitView: fitView },
  searchAndOpen: function (t) {
    $("search").value = t; var r = searchAll(t); showResults(r, t);
    if (r.length) pick(r[0], resultHidden(r[0]), true);
    return r.length;
  },
  overview: function () { if (state.shown) $("overview").click(); else clearSelection(); },
  topEntity: function () { var n = NODES[data.rank[0]]; return { id: n.id, label: n.label }; },
  rank: function (count) { return data.rank.slice(0, count).map(function (i) { return NODES[i].id; }); },
  busiestYear: function () {
    var tally = new Map(); STATEMENTS.forEach(function (s) { tally.set(s.year, (tally.get(s.year) || 0) + 1); });
    return Array.from(tally.entries()).sort(function (a, b) { return b[1] - a[1] || a[0] - b[0]; })[0][0];
  },
  claimsOf: function (edgeId) {
    return (edgeStatements.get(edgeId) || []).map(function (it) {
      return { statement: it.s.id, year: it.s.year, month: it.s.month, date: it.s.date, relation: it.s.rel.id, undated: it.s.undated,
               status: it.s.status, outlet: it.s.art.outlet, attributed_to: it.s.attributed_to };
    });
  }
};
performance.mark("relgraph-ready");
document.body.setAttribute("data-stable", "true");
