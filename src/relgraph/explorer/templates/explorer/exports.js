// exports: the current view as a picture ready to publish (SVG, and PNG at twice its
// size rasterised from that SVG: title, graph, legend, active filters, source line),
// and as data with entity ids (CSV of the statements; GraphML and GEXF of the
// entities and links drawn). Files are made in the page (blob URLs): no request.
// Corpus text enters the files only as DOM text or attribute values, serialised by
// XMLSerializer, so it is escaped.
var SVG_NS = "http://www.w3.org/2000/svg";
var HEAD_H = 58, LEGEND_ROW = 18, LEGEND_COL = 190;

function download(name, blob) {
  var url = URL.createObjectURL(blob), link = document.createElement("a");
  link.href = url; link.download = name;
  document.body.appendChild(link); link.click(); link.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}

// XML 1.0 has no place for most control characters: they are dropped from the files
// (as the command-line exports drop them), or no reader would open the file.
var NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;
function xmlSafe(value) { return String(value).replace(NOT_XML, ""); }

function svgEl(parent, tag, attrs, text) {
  var node = document.createElementNS(SVG_NS, tag);
  Object.keys(attrs).forEach(function (k) { node.setAttribute(k, xmlSafe(attrs[k])); });
  if (text !== undefined) node.textContent = xmlSafe(text);
  parent.appendChild(node);
  return node;
}

// The outline of a vis-network shape as SVG path data, centred on (x, y).
function shapePath(shape, x, y, r) {
  var pts = function (list) {
    return "M" + list.map(function (p) { return (x + p[0] * r).toFixed(1) + " " + (y + p[1] * r).toFixed(1); }).join("L") + "Z";
  };
  var ring = function (n, start, inner) {
    var out = [];
    for (var k = 0; k < n * (inner ? 2 : 1); k++) {
      var a = start + k * Math.PI * 2 / (n * (inner ? 2 : 1)), rr = inner && k % 2 ? inner : 1;
      out.push([rr * Math.cos(a), rr * Math.sin(a)]);
    }
    return pts(out);
  };
  if (shape === "diamond") return pts([[0, -1.2], [1.2, 0], [0, 1.2], [-1.2, 0]]);
  if (shape === "square") return pts([[-1, -1], [1, -1], [1, 1], [-1, 1]]);
  if (shape === "triangle") return pts([[0, -1.2], [1.1, 0.8], [-1.1, 0.8]]);
  if (shape === "triangleDown") return pts([[0, 1.2], [1.1, -0.8], [-1.1, -0.8]]);
  if (shape === "hexagon") return ring(6, 0);
  if (shape === "star") return ring(5, -Math.PI / 2, 0.45);
  return "M" + (x - r).toFixed(1) + " " + y.toFixed(1) + "a" + r.toFixed(1) + " " + r.toFixed(1) + " 0 1 0 " + (2 * r).toFixed(1) + " 0a" +
    r.toFixed(1) + " " + r.toFixed(1) + " 0 1 0 " + (-2 * r).toFixed(1) + " 0Z";
}

// Who published what the view shows: the source line of a picture.
function sourceLine() {
  var seen = new Set(), outlets = new Set(), years = [Infinity, -Infinity];
  var shown = visibleStatements();
  shown.forEach(function (s) {
    seen.add(s.art.id); outlets.add(s.art.outlet);
    years[0] = Math.min(years[0], s.year); years[1] = Math.max(years[1], s.year);
  });
  var list = Array.from(outlets).sort(), named = list.slice(0, 6).join(", ") + (list.length > 6 ? " and " + (list.length - 6) + " more" : "");
  return "Source: " + shown.length + " statements from " + seen.size + " news articles" + (named ? " (" + named + ")" : "") +
    (shown.length ? ", " + years[0] + (years[1] > years[0] ? "–" + years[1] : "") : "") + ". Made with relgraph.";
}

// The legend of what is on screen: relations drawn, entity types drawn, line styles.
function legendItems() {
  var rels = new Map(), types = new Map(), dashed = false, arrows = false;
  edges.get().forEach(function (e) {
    edgeStatements.get(e.id).forEach(function (it) { rels.set(it.s.rel.id, it.s.rel); });
    dashed = dashed || !!e.dashes; arrows = arrows || e.arrows === "to";
  });
  nodes.getIds().forEach(function (id) { var n = byId.get(id); types.set(n.type, n.typeInfo); });
  var out = [];
  RELATIONS.forEach(function (r) { if (rels.has(r.id)) out.push({ kind: "line", color: r.color, text: r.label }); });
  TYPES.forEach(function (t) { if (types.has(t.id)) out.push({ kind: "shape", shape: t.shape, color: t.color, text: t.id }); });
  out.push({ kind: "line", color: "#555", text: "solid: asserted" });
  if (dashed) out.push({ kind: "dashed", color: "#555", text: "dashed: planned, alleged or denied" });
  if (arrows) out.push({ kind: "arrow", color: "#555", text: "arrow: directed relation" });
  return out;
}

// Lines of at most ``width`` characters, broken between words.
function wrapText(text, width) {
  var lines = [""];
  text.split(" ").forEach(function (word) {
    var last = lines[lines.length - 1];
    if (last && last.length + 1 + word.length > width) lines.push(word);
    else lines[lines.length - 1] = last ? last + " " + word : word;
  });
  return lines;
}

// The labels a picture shows: those on screen, then the most connected entities in
// view, each only where it overlaps no label already placed (about 7 px a letter).
function pictureLabels(toDom, radius, w, h) {
  var drawn = new Set(nodes.getIds()), placed = [], out = new Set();
  var order = labelledNodes().concat(data.rank.map(function (i) { return NODES[i].id; }).filter(function (id) { return drawn.has(id); }));
  order.forEach(function (id) {
    if (out.has(id) || out.size >= 60) return;
    var p = toDom(id), width = byId.get(id).label.length * 7 + 6, top = p.y + radius(id) + 2;
    var box = [p.x - width / 2, top, p.x + width / 2, top + 14];
    if (box[2] < 0 || box[0] > w || box[1] > h || box[3] < 0) return;
    if (placed.some(function (b) { return b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]; })) return;
    placed.push(box); out.add(id);
  });
  return out;
}

function arrowHead(parent, from, to, r, color) {
  var dx = to.x - from.x, dy = to.y - from.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
  var ux = dx / len, uy = dy / len, tipX = to.x - ux * r, tipY = to.y - uy * r, size = 9;
  var bx = tipX - ux * size, by = tipY - uy * size;
  svgEl(parent, "polygon", {
    points: [tipX, tipY, bx - uy * size * 0.5, by + ux * size * 0.5, bx + uy * size * 0.5, by - ux * size * 0.5].map(function (v) { return v.toFixed(1); }).join(" "),
    fill: color, "class": "arrow"
  });
}

// SVG of what is drawn, with a title, the active filters, the legend and a source line.
function svgOfView() {
  var box = $("graph").getBoundingClientRect(), w = Math.round(box.width), gh = Math.round(box.height);
  var legend = legendItems(), perRow = Math.max(1, Math.floor((w - 24) / LEGEND_COL));
  var sourceLines = wrapText(sourceLine(), Math.floor((w - 24) / 6));
  var legendH = Math.ceil(legend.length / perRow) * LEGEND_ROW + 12, h = HEAD_H + gh + legendH + 16 + 14 * sourceLines.length;
  var svg = document.createElementNS(SVG_NS, "svg");
  svg.setAttribute("xmlns", SVG_NS);
  svg.setAttribute("width", String(w)); svg.setAttribute("height", String(h));
  svg.setAttribute("viewBox", "0 0 " + w + " " + h);
  svg.setAttribute("font-family", "Helvetica, Arial, sans-serif");
  svgEl(svg, "rect", { width: "100%", height: "100%", fill: "#fff" });
  svgEl(svg, "text", { x: 12, y: 24, "font-size": 18, "font-weight": "bold", fill: "#1d1d1d", "class": "title" }, data.title);
  svgEl(svg, "text", { x: 12, y: 44, "font-size": 12, fill: "#555", "class": "filters" },
    "Filters: " + (activeFilters().join("; ") || "none"));
  var defs = svgEl(svg, "defs", {}), clip = svgEl(defs, "clipPath", { id: "view" });
  svgEl(clip, "rect", { x: 0, y: 0, width: w, height: gh });
  var g = svgEl(svg, "g", { transform: "translate(0," + HEAD_H + ")", "clip-path": "url(#view)" });
  var pos = network.getPositions(nodes.getIds()), scale = network.getScale();
  var toDom = function (id) { return network.canvasToDOM(pos[id]); };
  var radius = function (id) { var body = network.body.nodes[id]; return Math.max(3, (body ? body.options.size : 8) * scale); };
  edges.get().forEach(function (e) {
    var a = toDom(e.from), b = toDom(e.to);
    var line = svgEl(g, "line", { x1: a.x.toFixed(1), y1: a.y.toFixed(1), x2: b.x.toFixed(1), y2: b.y.toFixed(1),
                                  stroke: e.color.color, "stroke-width": e.width, "data-edge": e.id });
    if (e.dashes) line.setAttribute("stroke-dasharray", "6 5");
    if (e.arrows === "to") arrowHead(g, a, b, radius(e.to), e.color.color);
  });
  var labelled = pictureLabels(toDom, radius, w, gh);
  nodes.get().forEach(function (n) {
    var p = toDom(n.id), r = radius(n.id), info = byId.get(n.id).typeInfo;
    svgEl(g, "path", { d: shapePath(info.shape, p.x, p.y, r), fill: n.color.background, stroke: "#333", "data-node": n.id, "data-shape": info.shape });
    if (labelled.has(n.id)) {
      svgEl(g, "text", { x: p.x.toFixed(1), y: (p.y + r + 13).toFixed(1), "text-anchor": "middle", "font-size": 12, "class": "label",
                         stroke: "#fff", "stroke-width": 3, "paint-order": "stroke", fill: "#1d1d1d" }, byId.get(n.id).label);  // the page draws labels (labels.js): vis has none
    }
  });
  svgEl(svg, "line", { x1: 0, y1: HEAD_H + gh + 0.5, x2: w, y2: HEAD_H + gh + 0.5, stroke: "#ddd", "class": "frame" });
  var lg = svgEl(svg, "g", { "class": "legend", transform: "translate(12," + (HEAD_H + gh + 10) + ")", "font-size": 11 });
  legend.forEach(function (item, k) {
    var x = (k % perRow) * LEGEND_COL, y = Math.floor(k / perRow) * LEGEND_ROW + 8;
    if (item.kind === "shape") svgEl(lg, "path", { d: shapePath(item.shape, x + 12, y, 5), fill: item.color, stroke: "#333" });
    else {
      var sample = svgEl(lg, "path", { d: "M" + x + " " + y + "h24", stroke: item.color, "stroke-width": 2.5 });
      if (item.kind === "dashed") sample.setAttribute("stroke-dasharray", "6 5");
      if (item.kind === "arrow") svgEl(lg, "polygon", { points: (x + 24) + "," + y + " " + (x + 16) + "," + (y - 4) + " " + (x + 16) + "," + (y + 4), fill: item.color });
    }
    svgEl(lg, "text", { x: x + 30, y: y + 4, fill: "#1d1d1d" }, item.text);
  });
  var source = svgEl(svg, "text", { x: 12, y: h - 12 - 14 * (sourceLines.length - 1), "font-size": 11, fill: "#555", "class": "source" });
  sourceLines.forEach(function (line, k) { svgEl(source, "tspan", { x: 12, dy: k ? 14 : 0 }, line); });
  return new XMLSerializer().serializeToString(svg);
}

// PNG at twice the SVG's size: the same picture, rasterised (so text and lines stay sharp).
function pngOfView() {
  var text = svgOfView(), url = URL.createObjectURL(new Blob([text], { type: "image/svg+xml" }));
  var size = new DOMParser().parseFromString(text, "image/svg+xml").documentElement;
  var w = Number(size.getAttribute("width")), h = Number(size.getAttribute("height"));
  return new Promise(function (resolve, reject) {
    var img = new Image();
    img.onload = function () {
      var out = document.createElement("canvas");
      out.width = 2 * w; out.height = 2 * h;
      var c = out.getContext("2d");
      c.fillStyle = "#fff"; c.fillRect(0, 0, out.width, out.height);
      c.drawImage(img, 0, 0, out.width, out.height);
      URL.revokeObjectURL(url);
      out.toBlob(resolve, "image/png");
    };
    img.onerror = function () { URL.revokeObjectURL(url); reject(new Error("the SVG could not be drawn")); };
    img.src = url;
  });
}

function csvCell(value) {
  var text = String(value === undefined || value === null ? "" : value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // spreadsheets must not run a cell as a formula
  return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function csvOfVisible() {
  var head = ["statement", "date", "undated", "year", "subject_id", "subject", "relation_id", "relation", "object_id", "object",
              "place", "status", "attributed_to", "detail", "outlet", "article", "article_title", "published", "url", "quote"];
  var lines = [head.join(",")];
  visibleStatements().forEach(function (s) {
    s.pairList.forEach(function (p) {
      if (!pairVisible(s, p[0], p[1])) return;
      lines.push([s.id, s.date, s.undated ? "yes" : "", s.year, p[0].id, p[0].label, s.rel.id, s.rel.label, p[1].id, p[1].label,
                  s.place, s.status, s.attributed_to, s.detail, s.art.outlet, s.art.id, s.art.title, s.art.published, s.art.url,
                  quoteOf(s)].map(csvCell).join(","));
    });
  });
  return lines.join("\r\n") + "\r\n";
}

// GraphML and GEXF of the entities and links drawn (ids as in the corpus; positions as drawn).
function xmlDoc(ns, root) { return document.implementation.createDocument(ns, root, null); }
function xmlEl(doc, parent, tag, attrs, text, ns) {
  var node = doc.createElementNS(ns || doc.documentElement.namespaceURI, tag);
  Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, xmlSafe(attrs[k])); });
  if (text !== undefined) node.textContent = xmlSafe(text);
  parent.appendChild(node);
  return node;
}
function viewEdges() {
  return edges.get().map(function (e) {
    var items = edgeStatements.get(e.id), rels = new Set(items.map(function (it) { return it.s.rel.id; }));
    return { id: e.id, from: e.from, to: e.to, directed: e.arrows === "to", weight: items.length,
             relations: Array.from(rels).sort().join(" "), statements: items.map(function (it) { return it.s.id; }).join(" ") };
  });
}
function xmlText(doc) { return '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(doc) + "\n"; }

function graphmlOfView() {
  var doc = xmlDoc("http://graphml.graphdrawing.org/xmlns", "graphml"), root = doc.documentElement;
  [["label", "node", "string"], ["type", "node", "string"], ["country", "node", "string"], ["x", "node", "double"], ["y", "node", "double"],
   ["relations", "edge", "string"], ["weight", "edge", "int"], ["statements", "edge", "string"], ["directed", "edge", "boolean"]].forEach(function (k) {
    xmlEl(doc, root, "key", { id: k[0], "for": k[1], "attr.name": k[0], "attr.type": k[2] });
  });
  // Mixed graphs are valid GraphML, but networkx and others refuse them: the graph is
  // directed only when every link is, and each link says whether it is in "directed".
  var links = viewEdges(), allDirected = links.length > 0 && links.every(function (e) { return e.directed; });
  var graph = xmlEl(doc, root, "graph", { id: "relgraph", edgedefault: allDirected ? "directed" : "undirected" });
  var pos = network.getPositions(nodes.getIds());
  nodes.getIds().slice().sort().forEach(function (id) {
    var n = byId.get(id), node = xmlEl(doc, graph, "node", { id: id });
    [["label", n.label], ["type", n.type], ["country", n.nationId], ["x", pos[id].x], ["y", pos[id].y]].forEach(function (d) {
      xmlEl(doc, node, "data", { key: d[0] }, d[1]);
    });
  });
  links.forEach(function (e) {
    var edge = xmlEl(doc, graph, "edge", { id: e.id, source: e.from, target: e.to });
    [["relations", e.relations], ["weight", e.weight], ["statements", e.statements], ["directed", String(e.directed)]].forEach(function (d) {
      xmlEl(doc, edge, "data", { key: d[0] }, d[1]);
    });
  });
  return xmlText(doc);
}

function gexfOfView() {
  var NS = "http://gexf.net/1.3", VIZ = "http://gexf.net/1.3/viz";
  var doc = xmlDoc(NS, "gexf"), root = doc.documentElement;
  root.setAttribute("version", "1.3");
  root.setAttributeNS("http://www.w3.org/2000/xmlns/", "xmlns:viz", VIZ);
  var meta = xmlEl(doc, root, "meta");
  xmlEl(doc, meta, "creator", {}, "relgraph");
  xmlEl(doc, meta, "description", {}, data.title + (activeFilters().length ? " — " + activeFilters().join("; ") : ""));
  var links = viewEdges(), allDirected = links.length > 0 && links.every(function (e) { return e.directed; });
  var graph = xmlEl(doc, root, "graph", { defaultedgetype: allDirected ? "directed" : "undirected", mode: "static" });
  var na = xmlEl(doc, graph, "attributes", { "class": "node" });
  [["type", "string"], ["country", "string"]].forEach(function (a) { xmlEl(doc, na, "attribute", { id: a[0], title: a[0], type: a[1] }); });
  var ea = xmlEl(doc, graph, "attributes", { "class": "edge" });
  [["relations", "string"], ["statements", "string"], ["directed", "boolean"]].forEach(function (a) { xmlEl(doc, ea, "attribute", { id: a[0], title: a[0], type: a[1] }); });
  var list = xmlEl(doc, graph, "nodes"), pos = network.getPositions(nodes.getIds());
  nodes.getIds().slice().sort().forEach(function (id) {
    var n = byId.get(id), node = xmlEl(doc, list, "node", { id: id, label: n.label }), values = xmlEl(doc, node, "attvalues");
    xmlEl(doc, values, "attvalue", { "for": "type", value: n.type });
    xmlEl(doc, values, "attvalue", { "for": "country", value: n.nationId });
    var c = n.typeInfo.color;
    xmlEl(doc, node, "color", { r: parseInt(c.slice(1, 3), 16), g: parseInt(c.slice(3, 5), 16), b: parseInt(c.slice(5, 7), 16) }, undefined, VIZ);
    xmlEl(doc, node, "position", { x: pos[id].x.toFixed(1), y: (-pos[id].y).toFixed(1), z: "0.0" }, undefined, VIZ);
  });
  var elist = xmlEl(doc, graph, "edges");
  links.forEach(function (e) {  // one edge type for all, as in GraphML: each says "directed"
    var edge = xmlEl(doc, elist, "edge", { id: e.id, source: e.from, target: e.to, weight: e.weight });
    var values = xmlEl(doc, edge, "attvalues");
    xmlEl(doc, values, "attvalue", { "for": "relations", value: e.relations });
    xmlEl(doc, values, "attvalue", { "for": "statements", value: e.statements });
    xmlEl(doc, values, "attvalue", { "for": "directed", value: String(e.directed) });
  });
  return xmlText(doc);
}

function buildExports() {
  $("export-png").addEventListener("click", function () {
    pngOfView().then(function (blob) { download("relgraph-view.png", blob); },
                     function (err) { $("status").textContent = "PNG export failed: " + err.message; });
  });
  $("export-svg").addEventListener("click", function () { download("relgraph-view.svg", new Blob([svgOfView()], { type: "image/svg+xml" })); });
  $("export-csv").addEventListener("click", function () { download("relgraph-statements.csv", new Blob(["\ufeff" + csvOfVisible()], { type: "text/csv" })); });
  $("export-graphml").addEventListener("click", function () { download("relgraph-view.graphml", new Blob([graphmlOfView()], { type: "application/xml" })); });
  $("export-gexf").addEventListener("click", function () { download("relgraph-view.gexf", new Blob([gexfOfView()], { type: "application/xml" })); });
}
