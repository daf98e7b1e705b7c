// path: the shortest chain of statements in view between two actors (the page's
// counterpart of `relgraph query connection`, through every relation the filters let
// through): fewest links first, then the best attested (most statements along the way).
// It is drawn over the graph and listed with its evidence; it is sought again after
// every change of the view, and says so when the view no longer links the two.
var path = null;  // {from, to, nodes: [ids], edges: [edge ids]} or null
var PATH_EVIDENCE = 3;  // events listed per link before "all statements"

function adjacency() {
  var adj = new Map();
  edgeStatements.forEach(function (items, key) {
    var a = items[0].from, b = items[0].to, w = new Set(items.map(function (it) { return it.s.id; })).size;
    [[a, b], [b, a]].forEach(function (p) {
      var list = adj.get(p[0]) || adj.set(p[0], []).get(p[0]);
      list.push({ to: p[1], edge: key, weight: w });
    });
  });
  adj.forEach(function (list) { list.sort(function (x, y) { return x.to < y.to ? -1 : x.to > y.to ? 1 : (x.edge < y.edge ? -1 : 1); }); });
  return adj;
}

// Breadth first from `from`; among the shortest chains, the one with the most statements.
function shortestPath(from, to) {
  var adj = adjacency();
  if (!adj.has(from) || !adj.has(to)) return null;
  var depth = new Map([[from, 0]]), score = new Map([[from, 0]]), back = new Map(), layer = [from];
  while (layer.length && !depth.has(to)) {
    var next = [];
    layer.forEach(function (u) {
      adj.get(u).forEach(function (step) {
        var d = depth.get(step.to);
        if (d === undefined) { depth.set(step.to, depth.get(u) + 1); next.push(step.to); d = depth.get(u) + 1; }
        if (d !== depth.get(u) + 1) return;
        var sc = score.get(u) + step.weight;
        if (!score.has(step.to) || sc > score.get(step.to)) { score.set(step.to, sc); back.set(step.to, { from: u, edge: step.edge }); }
      });
    });
    layer = next;
  }
  if (!depth.has(to)) return null;
  var nodesOut = [to], edgesOut = [];
  for (var at = to; at !== from; at = back.get(at).from) { edgesOut.unshift(back.get(at).edge); nodesOut.unshift(back.get(at).from); }
  return { from: from, to: to, nodes: nodesOut, edges: edgesOut };
}

function findPath(from, to) {
  path = { from: from, to: to, nodes: [], edges: [] };
  updatePath();
  showPath();
  emit("select");
}
function updatePath() {
  if (!path) return;
  var from = path.from, to = path.to;
  path = shortestPath(from, to) || { from: from, to: to, nodes: [], edges: [] };
}
function clearPath() {
  path = null;
  if (!state.selected && !picked.size) setFocus(null); else showSelection();
  $("status").textContent = "";
  emit("select");
}
function pathFocus() { return path && path.nodes.length ? path.nodes : null; }

function showPath() {
  if (!path) return;
  picked.clear(); state.selected = null; network.unselectAll();
  var box = $("details"), a = byId.get(path.from), b = byId.get(path.to);
  box.replaceChildren();
  box.appendChild(el("h2", "Path: " + a.label + " → " + b.label));
  if (!path.nodes.length) {
    setFocus([path.from, path.to].filter(function (id) { return nodes.get(id); }), []);
    box.appendChild(el("p", "No chain of statements in view links " + a.label + " and " + b.label +
      ". Widen the filters (years, relations, types) or expand the view.", "path-none"));
  } else {
    setFocus(path.nodes, path.edges);
    box.appendChild(el("p", (path.edges.length === 1 ? "1 link" : path.edges.length + " links") + " through the statements in view: " +
      path.nodes.map(function (id) { return byId.get(id).label; }).join(" → "), "meta path-summary"));
    var ol = el("ol", null, "path-steps");
    path.edges.forEach(function (edge, k) { ol.appendChild(pathStep(edge, path.nodes[k], path.nodes[k + 1])); });
    box.appendChild(ol);
  }
  box.appendChild(toolButton("Clear path", "Stop drawing the path", clearPath, "clear-path"));
  drawViewBar();
}

// One link of the path: its ends in the path's direction, its best events with quotes.
function pathStep(edge, u, v) {
  var li = el("li", null, "path-step");
  li.setAttribute("data-edge", edge);
  var list = (edgeStatements.get(edge) || []).map(function (it) { return it.s; });
  var events = eventsOf(list);
  li.appendChild(el("strong", byId.get(u).label + " — " + byId.get(v).label));
  li.appendChild(el("span", " · " + list.length + (list.length > 1 ? " statements" : " statement"), "meta"));
  events.slice(-PATH_EVIDENCE).reverse().forEach(function (ev) {
    var s = ev.first, item = el("div", null, "path-evidence");
    item.setAttribute("data-statement", s.id);
    item.appendChild(swatch(s.rel.color));
    item.appendChild(el("span", " " + headline(s) + " · " + dateLabel(s)));
    item.appendChild(el("div", s.art.outlet + ", " + s.art.published, "meta"));
    item.appendChild(el("blockquote", quoteOf(s)));
    item.appendChild(button("Read in article", function () { openReader(s); }, "read"));
    li.appendChild(item);
  });
  li.appendChild(button(events.length > PATH_EVIDENCE ? "All " + list.length + " statements" : "Open this link",
    function () { selectEdge(edge); }, "more"));
  return li;
}

// "Path to": an entity in view, chosen by name (a list of names to pick from, keyboard first).
var pathListId = 0;
function pathChooser(id) {
  var wrap = el("span", null, "path-to");
  var input = el("input");
  input.type = "text"; input.className = "path-target"; input.placeholder = "Path to…";
  input.setAttribute("aria-label", "Find a path from " + byId.get(id).label + " to (name of an entity in view)");
  var list = el("datalist");
  list.id = "path-names-" + (++pathListId);
  input.setAttribute("list", list.id);
  input.addEventListener("focus", function () {
    if (list.children.length) return;
    nodes.getIds().filter(function (x) { return x !== id; }).map(function (x) { return byId.get(x).label; }).sort()
      .forEach(function (label) { var o = el("option"); o.value = label; list.appendChild(o); });
  });
  var go = function () {
    var want = input.value.trim().toLowerCase();
    var target = nodes.getIds().map(function (x) { return byId.get(x); }).find(function (n) {
      return n.id !== id && (n.label.toLowerCase() === want || n.id === want);
    });
    if (!target) { $("status").textContent = "No entity in view is called “" + input.value + "”."; return; }
    findPath(id, target.id);
  };
  input.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); go(); } });
  wrap.appendChild(input); wrap.appendChild(list);
  wrap.appendChild(toolButton("Find path", "The shortest chain of statements in view to that entity", go, "find-path"));
  return wrap;
}

// The path drawn under the veil's bright edges: a wide pale halo along each link.
function drawPathHalo(ctx) {
  if (!path || !path.edges.length) return;
  var body = network.body.nodes;
  ctx.save();
  ctx.strokeStyle = "rgba(255, 196, 0, 0.55)";
  ctx.lineCap = "round";
  ctx.lineWidth = 10 / network.getScale();  // 10 px on screen at any zoom
  ctx.beginPath();
  path.nodes.forEach(function (id, k) {
    var n = body[id];
    if (!n) return;
    if (k === 0) ctx.moveTo(n.x, n.y); else ctx.lineTo(n.x, n.y);
  });
  ctx.stroke();
  ctx.restore();
}

on("filters", function () {
  if (!path) return;
  updatePath();
  if (!state.selected && !picked.size) showPath();
});
