// share: the view's state in the URL fragment, and exports of the view (PNG, SVG)
// and of the visible statements (CSV). Files are made in the page (blob URLs): no request.
function stateToHash() {
  var parts = [];
  if (state.since !== data.years[0] || state.until !== data.years[1]) parts.push("years=" + state.since + "-" + state.until);
  if (state.months) parts.push("months=" + state.months[0] + "-" + state.months[1]);
  if (!state.undated) parts.push("undated=0");
  if (state.relations.size !== RELATIONS.length) parts.push("rel=" + Array.from(state.relations).sort().map(encodeURIComponent).join(","));
  if (state.types.size !== TYPES.length) parts.push("types=" + Array.from(state.types).sort().map(encodeURIComponent).join(","));
  if (state.perClaim) parts.push("per=1");
  if (state.shown) parts.push("shown=" + Array.from(state.shown).sort().map(encodeURIComponent).join(","));
  if (state.selected) parts.push("sel=" + state.selected.kind + ":" + encodeURIComponent(state.selected.id));
  if (state.reading) parts.push("read=" + encodeURIComponent(state.reading));
  return parts.join("&");
}

function writeHash() {
  var hash = stateToHash();
  if (location.hash.slice(1) === hash) return;
  try { history.replaceState(null, "", hash ? "#" + hash : location.pathname + location.search); }
  catch (e) { location.hash = hash; }
}

function readHash() {
  var params = new Map(location.hash.slice(1).split("&").filter(Boolean).map(function (kv) {
    var at = kv.indexOf("="); return [kv.slice(0, at), kv.slice(at + 1)];
  }));
  var list = function (v) { return v ? v.split(",").map(decodeURIComponent) : []; };
  if (params.has("years")) {
    var ys = params.get("years").split("-").map(Number);
    if (ys.length === 2 && ys.every(isFinite)) { state.since = ys[0]; state.until = ys[1]; }
  }
  state.months = null;
  if (params.has("months")) {
    var ms = params.get("months").split("-").map(Number);
    if (ms.length === 2 && ms.every(isFinite) && zoomed() && ms[0] <= ms[1] &&
        ms[0] >= state.since * 12 && ms[1] < (state.until + 1) * 12) state.months = ms;
  }
  state.undated = params.get("undated") !== "0";
  if (params.has("rel")) state.relations = new Set(list(params.get("rel")).filter(function (r) { return RELATIONS.some(function (x) { return x.id === r; }); }));
  if (params.has("types")) state.types = new Set(list(params.get("types")));
  state.perClaim = params.get("per") === "1";
  if (params.has("shown") && state.shown) state.shown = new Set(list(params.get("shown")).filter(function (id) { return byId.has(id); }));
  return { sel: params.get("sel"), read: params.has("read") ? decodeURIComponent(params.get("read")) : null };
}

function applyHashSelection(found) {
  if (found.sel) {
    var at = found.sel.indexOf(":"), kind = found.sel.slice(0, at), id = decodeURIComponent(found.sel.slice(at + 1));
    if (kind === "node" && byId.has(id)) selectNode(id);
    if (kind === "edge") selectEdge(id);
  }
  if (found.read && byStatement.has(found.read)) openReader(byStatement.get(found.read));
}

function download(name, blob) {
  var url = URL.createObjectURL(blob), link = document.createElement("a");
  link.href = url; link.download = name;
  document.body.appendChild(link); link.click(); link.remove();
  setTimeout(function () { URL.revokeObjectURL(url); }, 1000);
}

function exportPng() {
  var source = $("graph").querySelector("canvas");
  var out = document.createElement("canvas");
  out.width = source.width; out.height = source.height;
  var c = out.getContext("2d");
  c.fillStyle = "#fff"; c.fillRect(0, 0, out.width, out.height);
  c.drawImage(source, 0, 0);
  out.toBlob(function (blob) { download("relgraph-view.png", blob); }, "image/png");
}

// SVG of what is drawn, built as DOM nodes (labels as text nodes, so escaped).
function svgOfView() {
  var NS = "http://www.w3.org/2000/svg";
  var box = $("graph").getBoundingClientRect();
  var svg = document.createElementNS(NS, "svg");
  svg.setAttribute("xmlns", NS);
  svg.setAttribute("width", String(Math.round(box.width))); svg.setAttribute("height", String(Math.round(box.height)));
  svg.setAttribute("viewBox", "0 0 " + Math.round(box.width) + " " + Math.round(box.height));
  var bg = document.createElementNS(NS, "rect");
  bg.setAttribute("width", "100%"); bg.setAttribute("height", "100%"); bg.setAttribute("fill", "#fff");
  svg.appendChild(bg);
  var pos = network.getPositions(nodes.getIds()), toDom = function (id) { return network.canvasToDOM(pos[id]); };
  edges.get().forEach(function (e) {
    var a = toDom(e.from), b = toDom(e.to), line = document.createElementNS(NS, "line");
    line.setAttribute("x1", a.x.toFixed(1)); line.setAttribute("y1", a.y.toFixed(1));
    line.setAttribute("x2", b.x.toFixed(1)); line.setAttribute("y2", b.y.toFixed(1));
    line.setAttribute("stroke", e.color.color); line.setAttribute("stroke-width", String(e.width));
    if (e.dashes) line.setAttribute("stroke-dasharray", "6 5");
    svg.appendChild(line);
  });
  var labelled = new Set(labelledNodes()), scale = network.getScale();
  nodes.get().forEach(function (n) {
    var p = toDom(n.id), body = network.body.nodes[n.id], r = Math.max(3, (body ? body.options.size : 8) * scale);
    var dot = document.createElementNS(NS, "circle");
    dot.setAttribute("cx", p.x.toFixed(1)); dot.setAttribute("cy", p.y.toFixed(1)); dot.setAttribute("r", r.toFixed(1));
    dot.setAttribute("fill", n.color.background); dot.setAttribute("stroke", "#333");
    svg.appendChild(dot);
    if (labelled.has(n.id)) {
      var text = document.createElementNS(NS, "text");
      text.setAttribute("x", p.x.toFixed(1)); text.setAttribute("y", (p.y + r + 13).toFixed(1));
      text.setAttribute("text-anchor", "middle"); text.setAttribute("font-size", "12"); text.setAttribute("font-family", "sans-serif");
      text.textContent = n.label;
      svg.appendChild(text);
    }
  });
  return new XMLSerializer().serializeToString(svg);
}

function csvCell(value) {
  var text = String(value === undefined || value === null ? "" : value);
  if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;  // spreadsheets must not run a cell as a formula
  return /[",\n\r]/.test(text) ? '"' + text.replace(/"/g, '""') + '"' : text;
}

function csvOfVisible() {
  var head = ["statement", "date", "undated", "year", "subject", "relation", "object", "place", "status",
              "attributed_to", "detail", "outlet", "article_title", "published", "url", "quote"];
  var lines = [head.join(",")];
  visibleStatements().forEach(function (s) {
    s.pairList.forEach(function (p) {
      if (!pairVisible(s, p[0], p[1])) return;
      lines.push([s.id, s.date, s.undated ? "yes" : "", s.year, p[0].label, s.rel.label, p[1].label, s.place, s.status,
                  s.attributed_to, s.detail, s.art.outlet, s.art.title, s.art.published, s.art.url, quoteOf(s)].map(csvCell).join(","));
    });
  });
  return lines.join("\r\n") + "\r\n";
}

function buildShare() {
  $("export-png").addEventListener("click", exportPng);
  $("export-svg").addEventListener("click", function () { download("relgraph-view.svg", new Blob([svgOfView()], { type: "image/svg+xml" })); });
  $("export-csv").addEventListener("click", function () { download("relgraph-statements.csv", new Blob(["\ufeff" + csvOfVisible()], { type: "text/csv" })); });
  $("share").addEventListener("click", function () { writeHash(); copyText(location.href, $("status")); });
  on("filters", writeHash); on("select", writeHash); on("reader", writeHash);
  window.addEventListener("hashchange", function () {
    if (location.hash.slice(1) === stateToHash()) return;
    var found = readHash(); syncControls(); refresh(); applyHashSelection(found);
  });
}
