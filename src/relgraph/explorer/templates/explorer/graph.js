// graph: vis-network with positions from Python (physics off) relaxed for what is drawn
// (layout.js), incremental updates (only changed edges and nodes touch the DataSets),
// fixed relation colours kept when selected, unrelated elements dimmed; the labels are
// drawn by labels.js (never overlapping, never under 12 px on screen).
var nodes = new vis.DataSet([]), edges = new vis.DataSet([]);
var edgeStatements = new Map();   // edge id -> [{s, from, to}]
var drawnEdges = new Map();       // edge id -> signature of what is drawn
var drawnNodes = new Map();       // node id -> signature
var network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, {
  physics: { enabled: false },
  layout: { improvedLayout: false },
  interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: NODES.length > 300,
                 hideEdgesOnZoom: NODES.length > 300, keyboard: false, multiselect: false },
  nodes: { borderWidth: 1,
           // Size grows with the square root of links in view.
           scaling: { min: 7, max: 34, label: { enabled: false },
                      customScalingFunction: function (min, max, total, value) {
                        return max === min ? 0.5 : Math.sqrt((value - min) / (max - min));
                      } } },
  edges: { selectionWidth: 2.5, hoverWidth: 1.5, smooth: false, font: { size: 0 } }
});

function nodeColor(n) {
  var c = n.typeInfo.color;
  return { background: c, border: "#333", highlight: { background: c, border: "#000" }, hover: { background: c, border: "#000" } };
}

// One pass over the statements: the visible pairs grouped into edges, each statement
// marked visible or not, and the timeline's counts (every filter but the years).
// monthly: by year * 13 + month - 1, and year * 13 + 12 for year-only and undated ones.
var histogram = new Map(), monthly = new Map(), visibleCount = 0;
function tally(map, key, s) {
  var slot = map.get(key) || map.set(key, { fam: FAMILIES.map(function () { return 0; }), undated: 0 }).get(key);
  if (s.undated) slot.undated++; else slot.fam[s.rel.family]++;
}
function edgeGroups() {
  var groups = new Map();
  histogram = new Map(); monthly = new Map();
  visibleCount = 0;
  STATEMENTS.forEach(function (s) {
    s.visible = false;
    if (!statementPasses(s)) return;
    var inTime = (state.undated || !s.undated) && s.year >= state.since && s.year <= state.until && inMonths(s), counted = false;
    s.pairList.forEach(function (p) {
      if (!pairPasses(p[0], p[1])) return;
      if (state.shown && !(state.shown.has(p[0].id) && state.shown.has(p[1].id))) return;
      if (!toolsAllow(p[0], p[1])) return;
      if (!counted) {
        counted = true;
        tally(histogram, s.year, s);
        tally(monthly, s.year * 13 + (s.month > 0 ? s.month - 1 : 12), s);
      }
      if (!inTime) return;
      if (!s.visible) visibleCount++;
      s.visible = true;
      var a = p[0].id, b = p[1].id;
      var key = a < b ? a + "|" + b : b + "|" + a;
      var g = groups.get(key);
      if (!g) { g = []; groups.set(key, g); }
      g.push({ s: s, from: a, to: b });
    });
  });
  return state.perClaim ? perStatement(groups) : groups;
}

// "One edge per statement": a pair's statements each get an edge of their own (id
// "statement|a|b"), so that each can be clicked. A pair with one statement keeps its
// edge (and its id), and one with more than PER_STATEMENT_MAX stays one edge (its
// panel pages them): switching the mode then touches a few hundred edges, not thousands.
var PER_STATEMENT_MAX = 12;
function perStatement(groups) {
  var out = new Map();
  groups.forEach(function (items, key) {
    if (items.length < 2 || items.length > PER_STATEMENT_MAX) { out.set(key, items); return; }
    items.forEach(function (it) { out.set(it.s.id + "|" + it.from + "|" + it.to, [it]); });
  });
  return out;
}

function edgeSpec(id, items, parallel) {
  var tally = new Map();
  items.forEach(function (it) { tally.set(it.s.relation, (tally.get(it.s.relation) || 0) + 1); });
  var main = Array.from(tally.entries()).sort(function (x, y) { return y[1] - x[1] || x[0] - y[0]; })[0][0];
  var rel = RELATIONS[main], first = items[0];
  var directed = !rel.symmetric && items.every(function (it) { return it.from === first.from && it.to === first.to; });
  var dashed = items.every(function (it) { return it.s.status !== "asserted"; });
  var color = rel.color;
  var spec = { id: id, from: first.from, to: first.to, width: 1 + Math.log2(items.length) * 1.5,
               color: { color: color, highlight: rel.color, hover: rel.color, inherit: false },
               dashes: dashed ? [6, 5] : false, arrows: directed ? "to" : "" };
  spec.smooth = parallel ? { enabled: true, type: parallel.type, roundness: parallel.roundness } : false;
  return spec;
}

// Per-statement mode: parallel edges of one pair fan out as curves, so each can be clicked.
function parallelShapes(groups) {
  var byPair = new Map(), out = new Map();
  if (!state.perClaim) return out;
  groups.forEach(function (items, id) {
    var a = items[0].from, b = items[0].to, pair = a < b ? a + "|" + b : b + "|" + a;
    (byPair.get(pair) || byPair.set(pair, []).get(pair)).push(id);
  });
  byPair.forEach(function (ids) {
    if (ids.length < 2) return;
    ids.forEach(function (id, i) {
      var step = Math.floor(i / 2) + 1, side = i % 2 ? "curvedCCW" : "curvedCW";
      out.set(id, { type: side, roundness: Math.min(0.9, 0.18 * step) });
    });
  });
  return out;
}

var dimmed = null; // Set of node ids kept bright, or null
var laidOutPairs = new Set(), layoutStale = true;  // the linked pairs the layout was computed for

function drawGraph() {
  var groups = edgeGroups(), shapes = parallelShapes(groups);
  var add = [], change = [], remove = [];
  var visDegree = new Map();
  groups.forEach(function (items, id) {
    var spec = edgeSpec(id, items, shapes.get(id));
    var sig = JSON.stringify(spec);
    if (!drawnEdges.has(id)) add.push(spec); else if (drawnEdges.get(id) !== sig) change.push(spec);
    drawnEdges.set(id, sig);
    [spec.from, spec.to].forEach(function (n) { visDegree.set(n, (visDegree.get(n) || 0) + 1); });
  });
  drawnEdges.forEach(function (_, id) { if (!groups.has(id)) remove.push(id); });
  remove.forEach(function (id) { drawnEdges.delete(id); });
  edgeStatements = groups;
  var nodeAdd = [], nodeChange = [], nodeRemove = [];
  NODES.forEach(function (n) {
    var deg = visDegree.get(n.id) || 0;
    // In search-first mode an expanded entity stays on screen even when its links are filtered out.
    var show = deg > 0 || (state.shown && state.shown.has(n.id) && state.types.has(n.type) && !nodeHiddenByTools(n.id));
    if (!show) { if (drawnNodes.has(n.id)) { nodeRemove.push(n.id); drawnNodes.delete(n.id); } return; }
    var sig = String(deg);
    var xy = positionOf(n);
    var spec = { id: n.id, x: xy[0], y: xy[1], shape: n.typeInfo.shape, value: deg + 1, color: nodeColor(n) };
    if (!drawnNodes.has(n.id)) nodeAdd.push(spec);
    else if (drawnNodes.get(n.id) !== sig) nodeChange.push({ id: n.id, value: spec.value });
    drawnNodes.set(n.id, sig);
  });
  // vis-network redraws synchronously after each DataSet change: block that, draw once on the next frame.
  network.body.emitter.emit("_blockRedraw");
  try {
    edges.remove(remove); nodes.remove(nodeRemove);
    nodes.add(nodeAdd); nodes.update(nodeChange);
    edges.add(add); edges.update(change);
  } finally {
    network.body.emitter.emit("_allowRedraw");
  }
  // The layout follows what is drawn: recomputed when the entities or the pairs linked change.
  var pairs = new Set(), same = nodeAdd.length === 0 && nodeRemove.length === 0 && !layoutStale;
  groups.forEach(function (items) {
    var x = items[0].from, y = items[0].to, key = x < y ? x + "|" + y : y + "|" + x;
    if (same && !pairs.has(key) && !laidOutPairs.has(key)) same = false;
    pairs.add(key);
  });
  if (!same || pairs.size !== laidOutPairs.size) { laidOutPairs = pairs; layoutStale = false; applyLayout(); }
  network.body.emitter.emit("_requestRedraw");
  return { added: add.length + nodeAdd.length, removed: remove.length + nodeRemove.length };
}

function visibleNodeIds() { return nodes.getIds(); }
function visibleEdgeIds() { return edges.getIds(); }

// Fit the drawn nodes from their positions (vis-network's fit first redraws the whole
// graph off screen to measure it: a second full draw per filter change).
function fitView(ids) {
  ids = ids || nodes.getIds();
  if (!ids.length) return;
  var body = network.body.nodes, x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  ids.forEach(function (id) {
    var n = body[id];
    if (!n) return;
    x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y);
  });
  var box = $("graph"), pad = 90;  // room for the labels under the outermost nodes
  var scale = Math.min(box.clientWidth / (x1 - x0 + 2 * pad), box.clientHeight / (y1 - y0 + 2 * pad), 1.6);
  network.moveTo({ position: { x: (x0 + x1) / 2, y: (y0 + y1) / 2 }, scale: scale, animation: false });
}

// Dim everything not touching the selection, keeping the colours of what stays: a
// veil is drawn over the frame and the selection drawn again on top, so a selection
// costs one redraw and no DataSet update (thousands of edge updates took seconds).
var brightEdges = [];
function setFocus(ids, edgeIds) {
  dimmed = ids ? new Set(ids) : null;
  brightEdges = edgeIds || [];
  network.body.emitter.emit("_requestRedraw");
}
network.on("afterDrawing", function (ctx) {
  if (!dimmed) { drawPathHalo(ctx); drawLabels(ctx, "all"); return; }
  drawLabels(ctx, "under");
  var box = $("graph"), a = network.DOMtoCanvas({ x: 0, y: 0 }), b = network.DOMtoCanvas({ x: box.clientWidth, y: box.clientHeight });
  ctx.save();
  ctx.fillStyle = "rgba(255,255,255,0.78)";
  ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
  ctx.restore();
  drawPathHalo(ctx);
  var body = network.body, later = [];
  brightEdges.forEach(function (id) {
    var e = body.edges[id];
    if (e && edgeStatements.has(id)) { e.draw(ctx); e.drawArrows(ctx); }
  });
  dimmed.forEach(function (id) {
    var n = body.nodes[id];
    if (n && nodes.get(id)) { var r = n.draw(ctx); if (r && r.drawExternalLabel) later.push(r.drawExternalLabel); }
  });
  later.forEach(function (f) { f(); });
  drawLabels(ctx, "over");
});

// The entity, its neighbours in view, and the links between it and them.
function neighbourhood(id) {
  var out = new Set([id]), links = [];
  edgeStatements.forEach(function (items, key) {
    var a = items[0].from, b = items[0].to;
    if (a === id) { out.add(b); links.push(key); } else if (b === id) { out.add(a); links.push(key); }
  });
  return { nodes: Array.from(out), edges: links };
}
function neighbours(id) { return neighbourhood(id).nodes; }

// The entities labelled at the current zoom (labels.js decides).
function labelledNodes() {
  return labelPlan().map(function (l) { return l.id; });
}

// Hover: a small box built only for the element under the pointer.
var hoverBox = el("div", null, "hoverbox");
hoverBox.hidden = true;
$("graph-wrap").appendChild(hoverBox);
function showHover(lines, pointer) {
  hoverBox.replaceChildren();
  lines.forEach(function (line, i) { hoverBox.appendChild(el(i ? "div" : "strong", line)); });
  hoverBox.style.left = (pointer.x + 14) + "px";
  hoverBox.style.top = (pointer.y + 14) + "px";
  hoverBox.hidden = false;
}
network.on("hoverNode", function (p) {
  var n = byId.get(p.node);
  var inView = n.statements.filter(function (k) {
    var s = STATEMENTS[k];
    return s.visible && counterpartsOf(s, n.id).some(function (o) { return pairVisible(s, n, o) && toolsAllow(n, o); });
  }).length;
  showHover([n.label, n.type + (n.country ? " · " + n.country : ""), n.statements.length + " statements, " + inView + " in view"], p.pointer.DOM);
});
network.on("hoverEdge", function (p) {
  var items = edgeStatements.get(p.edge) || [];
  if (!items.length) return;
  var counts = new Map();
  items.forEach(function (it) { counts.set(it.s.rel.label, (counts.get(it.s.rel.label) || 0) + 1); });
  var lines = [byId.get(items[0].from).label + " — " + byId.get(items[0].to).label];
  counts.forEach(function (k, label) { lines.push(label + (k > 1 ? " ×" + k : "")); });
  showHover(lines, p.pointer.DOM);
});
network.on("blurNode", function () { hoverBox.hidden = true; });
network.on("blurEdge", function () { hoverBox.hidden = true; });
network.on("dragStart", function () { hoverBox.hidden = true; });
