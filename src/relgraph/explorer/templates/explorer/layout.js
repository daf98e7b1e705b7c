// layout: the picture recomputed for what is drawn. Python lays out the whole graph
// once; after a filter, a brush or an expansion the entities left on screen keep
// those positions as a start and are relaxed (springs along the links drawn, repulsion
// between entities, a weak pull to the centre), then spread until none is closer than
// its size and a label need. Grouped by country, each country's entities are laid out
// on their own (with the links inside it) and the groups packed in rows, the biggest
// first (entities of no country last). The start depends only on the view, so the same view always gives the same
// picture. Pinned entities (and the ones the analyst drags) stay where they are.
var pinned = new Map();        // entity id -> [x, y]
state.byCountry = false;
var LINK = 130, ROOM = 70, ITERATIONS = 50, SIZE_MAX = 34;  // SIZE_MAX: graph.js's largest node
var GROUP_GAP = 120;
var countryBoxes = new Map();  // group name -> [x0, y0, x1, y1] in the last layout (drawn behind the graph)

function groupOf(n) { return n.type === "Country" ? n.label : n.country || "no country"; }

// A grid cell's number (a Map keyed by numbers is several times faster than by strings).
function cellKey(x, y, cell) { return Math.floor(x / cell) * 65536 + Math.floor(y / cell); }

// Positions (id -> [x, y]) for the entities `ids` linked by `links` ([a, b, weight]);
// sizes(id) is an entity's drawn radius.
function computeLayout(ids, links, sizes) {
  var out = new Map();
  countryBoxes = new Map();
  if (!state.byCountry) {
    relax(ids, links, sizes, true).forEach(function (p, id) { out.set(id, p); });
    return out;
  }
  var members = new Map();
  ids.forEach(function (id) { var g = groupOf(byId.get(id)); (members.get(g) || members.set(g, []).get(g)).push(id); });
  var NONE = groupOf({ type: "", country: "" });  // entities of no country come last
  var groups = Array.from(members.keys()).sort(function (a, b) {
    return (a === NONE) - (b === NONE) || members.get(b).length - members.get(a).length || (a < b ? -1 : 1);
  });
  var laid = groups.map(function (g) {
    var inside = new Set(members.get(g));
    var pos = relax(members.get(g), links.filter(function (l) { return inside.has(l[0]) && inside.has(l[1]); }), sizes, false);
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    pos.forEach(function (p) { x0 = Math.min(x0, p[0]); x1 = Math.max(x1, p[0]); y0 = Math.min(y0, p[1]); y1 = Math.max(y1, p[1]); });
    return { name: g, pos: pos, box: [x0, y0, x1, y1] };
  });
  var area = laid.reduce(function (a, l) { return a + (l.box[2] - l.box[0] + GROUP_GAP) * (l.box[3] - l.box[1] + GROUP_GAP); }, 0);
  var rowWidth = Math.max(Math.sqrt(area) * 1.4, laid[0].box[2] - laid[0].box[0]);
  var x = 0, y = 0, rowHeight = 0;
  laid.forEach(function (l) {
    var w = l.box[2] - l.box[0], h = l.box[3] - l.box[1];
    if (x > 0 && x + w > rowWidth) { x = 0; y += rowHeight + GROUP_GAP + 40; rowHeight = 0; }  // room for the name
    var ox = x - l.box[0], oy = y - l.box[1];
    l.pos.forEach(function (p, id) { out.set(id, pinned.get(id) || [Math.round((p[0] + ox) * 10) / 10, Math.round((p[1] + oy) * 10) / 10]); });
    countryBoxes.set(l.name, [x, y, x + w, y + h]);
    x += w + GROUP_GAP; rowHeight = Math.max(rowHeight, h);
  });
  return out;
}

// Relax one set of entities from their positions in the whole graph's layout.
function relax(ids, links, sizes, keepPins) {
  var n = ids.length, at = new Map(ids.map(function (id, i) { return [id, i]; }));
  var x = new Float64Array(n), y = new Float64Array(n), fixed = new Uint8Array(n);
  ids.forEach(function (id, i) {
    var p = (keepPins && pinned.get(id)) || positionOf(byId.get(id));
    x[i] = p[0]; y[i] = p[1]; fixed[i] = keepPins && pinned.has(id) ? 1 : 0;
  });
  var cx = 0, cy = 0;
  for (var i = 0; i < n; i++) { cx += x[i]; cy += y[i]; }
  cx /= n || 1; cy /= n || 1;
  var edges = links.map(function (l) { return [at.get(l[0]), at.get(l[1]), 1 + Math.log(l[2]) * 0.3]; });
  var pull = keepPins ? 0.03 : 0.12;  // a country's group is drawn compact
  var dx = new Float64Array(n), dy = new Float64Array(n), cell = LINK * 3, reach2 = cell * cell;
  for (var it = 0; it < ITERATIONS; it++) {
    var temp = LINK * (1 - it / ITERATIONS) + 2;
    dx.fill(0); dy.fill(0);
    // repulsion within neighbouring grid cells (k² / d), so the cost stays near-linear
    var grid = new Map();
    for (i = 0; i < n; i++) {
      var key = cellKey(x[i], y[i], cell);
      (grid.get(key) || grid.set(key, []).get(key)).push(i);
    }
    for (i = 0; i < n; i++) {
      var gx = Math.floor(x[i] / cell), gy = Math.floor(y[i] / cell);
      for (var ox = -1; ox <= 1; ox++) for (var oy = -1; oy <= 1; oy++) {
        var near = grid.get((gx + ox) * 65536 + gy + oy);
        if (!near) continue;
        for (var q = 0; q < near.length; q++) {
          var j = near[q];
          if (j <= i) continue;
          var ex = x[i] - x[j], ey = y[i] - y[j], d2 = ex * ex + ey * ey;
          if (d2 > reach2) continue;
          if (d2 < 0.01) { ex = ((i * 7 + j) % 11) - 5 + 0.5; ey = ((i * 3 + j * 5) % 11) - 5 + 0.5; d2 = ex * ex + ey * ey; }
          var f = LINK * LINK / d2;
          dx[i] += ex * f; dy[i] += ey * f; dx[j] -= ex * f; dy[j] -= ey * f;
        }
      }
    }
    edges.forEach(function (e) {  // springs (d² / k)
      var ex = x[e[0]] - x[e[1]], ey = y[e[0]] - y[e[1]], d = Math.sqrt(ex * ex + ey * ey) || 0.01;
      var f = d / LINK * e[2];
      dx[e[0]] -= ex * f; dy[e[0]] -= ey * f; dx[e[1]] += ex * f; dy[e[1]] += ey * f;
    });
    for (i = 0; i < n; i++) {
      if (fixed[i]) continue;
      dx[i] += (cx - x[i]) * pull; dy[i] += (cy - y[i]) * pull;
      var len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
      if (len > 0) { var step = Math.min(len, temp) / len; x[i] += dx[i] * step; y[i] += dy[i] * step; }
    }
  }
  spread(x, y, fixed, Float64Array.from(ids, function (id) { return Math.min(SIZE_MAX, sizes ? sizes(id) : 7); }));
  var out = new Map();
  ids.forEach(function (id, i) { out.set(id, [Math.round(x[i] * 10) / 10, Math.round(y[i] * 10) / 10]); });
  return out;
}

// Push apart any two entities closer than their sizes and a label's height need, a few passes.
function spread(x, y, fixed, size) {
  var n = x.length, cell = 2 * SIZE_MAX + ROOM;
  for (var pass = 0; pass < 8; pass++) {
    var grid = new Map(), moved = false;
    for (var i = 0; i < n; i++) {
      var key = cellKey(x[i], y[i], cell);
      (grid.get(key) || grid.set(key, []).get(key)).push(i);
    }
    for (i = 0; i < n; i++) {
      var gx = Math.floor(x[i] / cell), gy = Math.floor(y[i] / cell);
      for (var ox = -1; ox <= 1; ox++) for (var oy = -1; oy <= 1; oy++) {
        (grid.get((gx + ox) * 65536 + gy + oy) || []).forEach(function (j) {
          if (j <= i) return;
          var ex = x[j] - x[i], ey = y[j] - y[i], d = Math.sqrt(ex * ex + ey * ey), want = size[i] + size[j] + ROOM * 0.6;
          if (d >= want) return;
          if (d < 0.01) { ex = 1; ey = (i % 3) - 1; d = Math.sqrt(ex * ex + ey * ey); }
          var push = (want - d) / 2;
          var wi = fixed[i] ? 0 : fixed[j] ? 2 : 1, wj = fixed[j] ? 0 : fixed[i] ? 2 : 1;
          x[i] -= ex / d * push * wi; y[i] -= ey / d * push * wi;
          x[j] += ex / d * push * wj; y[j] += ey / d * push * wj;
          moved = true;
        });
      }
    }
    if (!moved) break;
  }
}

// Lay out what is drawn now and move the drawn entities there (no DataSet update: the
// positions are set on vis-network's bodies, then one redraw).
var lastLayoutMs = 0;
function applyLayout() {
  var t0 = performance.now(), ids = nodes.getIds().sort(), links = new Map();
  edgeStatements.forEach(function (items) {
    var a = items[0].from, b = items[0].to, key = a < b ? a + "|" + b : b + "|" + a;
    links.set(key, [a, b, (links.has(key) ? links.get(key)[2] : 0) + items.length]);
  });
  var body = network.body.nodes;
  var pos = computeLayout(ids, Array.from(links.keys()).sort().map(function (k) { return links.get(k); }),
    function (id) { return body[id] ? body[id].options.size : 7; });
  pos.forEach(function (p, id) { if (body[id]) { body[id].x = p[0]; body[id].y = p[1]; } });
  network.body.emitter.emit("_requestRedraw");
  lastLayoutMs = performance.now() - t0;
  return pos;
}

function togglePin(ids) {
  var unpin = ids.every(function (id) { return pinned.has(id); });
  ids.forEach(function (id) {
    var b = network.body.nodes[id];
    if (unpin) pinned.delete(id); else if (b) pinned.set(id, [b.x, b.y]);
  });
  applyLayout();
  showSelection(); emit("select");
  $("status").textContent = (unpin ? "Unpinned " : "Pinned ") + labelsOf(ids) + ".";
}
function unpinAll() { pinned.clear(); applyLayout(); showSelection(); emit("select"); }

// Dragging an entity pins it where it is dropped.
network.on("dragEnd", function (p) {
  if (!p.nodes.length) return;
  p.nodes.forEach(function (id) { var b = network.body.nodes[id]; if (b) pinned.set(id, [b.x, b.y]); });
  emit("select");  // the bar and the URL
  if (state.selected && p.nodes.indexOf(state.selected.id) >= 0) showSelection();
});

// Grouped by country: each group's name drawn behind its members.
network.on("beforeDrawing", function (ctx) {
  if (!state.byCountry) return;
  ctx.save();
  ctx.font = "600 " + Math.round(15 / network.getScale()) + "px system-ui, sans-serif";
  ctx.textAlign = "center";
  countryBoxes.forEach(function (box, g) {
    var x0 = box[0], y0 = box[1], x1 = box[2], y1 = box[3], pad = 40;
    ctx.fillStyle = "rgba(120, 120, 140, 0.07)";
    ctx.strokeStyle = "rgba(120, 120, 140, 0.35)";
    ctx.beginPath();
    ctx.rect(x0 - pad, y0 - pad, x1 - x0 + 2 * pad, y1 - y0 + 2 * pad);
    ctx.fill(); ctx.stroke();
    ctx.fillStyle = "rgba(60, 60, 80, 0.75)";
    ctx.fillText(g, (x0 + x1) / 2, y0 - pad - 6 / network.getScale());
  });
  ctx.restore();
});

function buildLayoutControls() {
  var label = el("label", null, "check");
  var box = el("input");
  box.type = "checkbox"; box.id = "by-country"; box.checked = state.byCountry;
  box.addEventListener("change", function () {
    state.byCountry = box.checked;
    applyLayout(); fitView();
    if (state.byCountry) network.moveTo({ scale: network.getScale() * 0.9 });  // room for the groups' names
    emit("filters");
  });
  label.appendChild(box);
  label.appendChild(document.createTextNode(" group by country"));
  var after = $("per-claim").closest("label");
  after.parentNode.insertBefore(label, after.nextSibling);
}
buildLayoutControls();
