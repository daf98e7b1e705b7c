// labels: entity names drawn by the page, not by vis-network, so that they never
// overlap. Each frame the drawn entities are taken in order of importance (the
// selection, the path, what the selection brightens, then the most linked in view)
// and each label goes below its entity, else above, right, left or a corner (a
// little further off for the selection's neighbours), wherever it collides with no
// label placed before it and covers none of the bright entities; a label with no
// free place is left out.
// The selected entities are always labelled. Labels are 12 to 16 px on screen at any
// zoom; when entities shrink to dots (under 2.5 px) only the selection and what it
// brightens keep their labels.
var LABEL_MIN_PX = 12, LABEL_MAX_PX = 16, DOT_PX = 2.5, LABEL_CELL = 64;
var measure = document.createElement("canvas").getContext("2d");
var widths = new Map();
var rankOf = new Map(data.rank.map(function (i, k) { return [NODES[i].id, k]; }));

function labelFont(px, strong) { return (strong ? "600 " : "") + px + "px system-ui, -apple-system, sans-serif"; }
function textWidth(text, px, strong) {
  var key = px + (strong ? "b" : "") + "|" + text, w = widths.get(key);
  if (w === undefined) { measure.font = labelFont(px, strong); w = measure.measureText(text).width; widths.set(key, w); }
  return w;
}

function labelOrder(ids) {
  var degree = function (id) { return Number(drawnNodes.get(id)) || 0; };
  var onPath = new Set(path ? path.nodes : []);
  var tier = function (id) {
    if (picked.has(id) || (state.selected && state.selected.id === id)) return 0;
    if (onPath.has(id)) return 1;
    if (dimmed && dimmed.has(id)) return 2;
    return 3;
  };
  return ids.map(function (id) { return [tier(id), -degree(id), rankOf.get(id), id]; })
    .sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || a[2] - b[2] || (a[3] < b[3] ? -1 : 1); })
    .map(function (t) { return { id: t[3], tier: t[0], degree: -t[1] }; });
}

// The labels to draw now: [{id, text, x, y, width, px, strong, faint}] in screen pixels (x: left, y: baseline).
function labelPlan() {
  var scale = network.getScale(), body = network.body.nodes, frame = $("graph");
  var W = frame.clientWidth, H = frame.clientHeight, grid = new Map(), out = [];
  var collides = function (b, labelsOnly) {  // boxes of entities carry a fifth item, true
    for (var gx = Math.floor(b[0] / LABEL_CELL); gx <= Math.floor(b[2] / LABEL_CELL); gx++) {
      for (var gy = Math.floor(b[1] / LABEL_CELL); gy <= Math.floor(b[3] / LABEL_CELL); gy++) {
        var cell = grid.get(gx * 65536 + gy);
        if (cell && cell.some(function (o) { return !(labelsOnly && o[4]) && b[0] < o[2] && o[0] < b[2] && b[1] < o[3] && o[1] < b[3]; })) return true;
      }
    }
    return false;
  };
  var keep = function (b) {
    for (var gx = Math.floor(b[0] / LABEL_CELL); gx <= Math.floor(b[2] / LABEL_CELL); gx++) {
      for (var gy = Math.floor(b[1] / LABEL_CELL); gy <= Math.floor(b[3] / LABEL_CELL); gy++) {
        var key = gx * 65536 + gy;
        (grid.get(key) || grid.set(key, []).get(key)).push(b);
      }
    }
  };
  var order = labelOrder(nodes.getIds());
  order.forEach(function (c) {  // no label covers the selection, the path or what they brighten
    var n = body[c.id];
    if (!n || c.tier === 3) return;
    var p = network.canvasToDOM({ x: n.x, y: n.y }), r = (n.options.size || 8) * scale;
    if (r >= 3) keep([p.x - r, p.y - r, p.x + r, p.y + r, true]);
  });
  order.forEach(function (c) {
    var n = body[c.id];
    if (!n) return;
    var r = (n.options.size || 8) * scale, forced = c.tier === 0;
    if (r < DOT_PX && c.tier === 3) return;
    var p = network.canvasToDOM({ x: n.x, y: n.y });
    if (!forced && (p.x < -50 || p.y < -50 || p.x > W + 50 || p.y > H + 50)) return;
    var px = Math.min(LABEL_MAX_PX, LABEL_MIN_PX + Math.floor(Math.log2(1 + c.degree))), strong = c.tier <= 1;
    var text = byId.get(c.id).label, w = textWidth(text, px, strong) + 4, h = px + 3;
    var spots = [[p.x - w / 2, p.y + r + 2], [p.x - w / 2, p.y - r - 2 - h], [p.x + r + 3, p.y - h / 2], [p.x - r - 3 - w, p.y - h / 2],
                 [p.x + r * 0.7, p.y + r * 0.7], [p.x - r * 0.7 - w, p.y + r * 0.7], [p.x + r * 0.7, p.y - r * 0.7 - h], [p.x - r * 0.7 - w, p.y - r * 0.7 - h]];
    if (c.tier < 3) {  // the selection and its neighbours may sit a little further off
      spots.push([p.x - w / 2, p.y + r + 2 + h], [p.x - w / 2, p.y - r - 2 - 2 * h], [p.x + r + 3, p.y + h / 2], [p.x - r - 3 - w, p.y + h / 2],
                 [p.x + r + 3, p.y - 1.5 * h], [p.x - r - 3 - w, p.y - 1.5 * h]);
    }
    // The selection's own labels go next to their entities whatever they cover (only
    // another label stops them), and one is drawn even where the selection is crowded.
    for (var k = 0; k <= spots.length; k++) {
      if (k === spots.length && !forced) return;
      var at = spots[k % spots.length], b = [at[0], at[1], at[0] + w, at[1] + h];
      if (k < spots.length && collides(b, forced)) continue;
      keep(b);
      out.push({ id: c.id, text: text, x: b[0] + 2, y: b[1] + px, width: w - 4, px: px, strong: strong, faint: !!dimmed && c.tier === 3 });
      return;
    }
  });
  return out;
}

// Draw the labels: "all" of them, or in two layers around the selection's veil: the
// faint ones "under" it (so the veil pales them, as it pales their entities) and the
// rest "over" it. graph.js calls this from its afterDrawing handler.
var framePlan = [];
function drawLabels(ctx, layer) {
  if (layer !== "over") framePlan = labelPlan();
  var ratio = network.canvas.pixelRatio || window.devicePixelRatio || 1;
  ctx.save();
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.lineJoin = "round";
  framePlan.forEach(function (l) {
    if ((layer === "under" && !l.faint) || (layer === "over" && l.faint)) return;
    ctx.font = labelFont(l.px, l.strong);
    ctx.lineWidth = 3; ctx.strokeStyle = "#fff";
    ctx.strokeText(l.text, l.x, l.y);
    ctx.fillStyle = "#1d1d1d";
    ctx.fillText(l.text, l.x, l.y);
  });
  ctx.restore();
}
