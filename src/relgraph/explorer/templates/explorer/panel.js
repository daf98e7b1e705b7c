// panel: the details of the selection. A node lists its statements grouped by
// relation, each chronological with counterpart, date, place, status and quote;
// clicking one selects its edge. An edge lists its statements in full.
var GROUP_SHOWN = 12;  // rows per relation before "Show all" (a hub has thousands)

// With nothing selected the panel offers the most connected entities in view.
function hint() {
  var box = el("div", null, "overview-panel");
  box.appendChild(el("p", "Click an entity or a link, or search, to see its relations and sources.", "hint"));
  var degree = new Map();
  edgeStatements.forEach(function (items) {
    [items[0].from, items[0].to].forEach(function (id) { degree.set(id, (degree.get(id) || 0) + items.length); });
  });
  var top = Array.from(degree.entries()).sort(function (a, b) { return b[1] - a[1] || (a[0] < b[0] ? -1 : 1); }).slice(0, 15);
  if (!top.length) return box;
  box.appendChild(el("h3", "Most connected in view"));
  var ul = el("ul", null, "rel-list");
  top.forEach(function (pair) {
    var n = byId.get(pair[0]), li = el("li", null, "rel-item");
    var b = button("", function () { selectNode(n.id, { focus: true }); }, "rel-open");
    b.setAttribute("data-node", n.id);
    b.appendChild(el("span", n.typeInfo.glyph + " ", "glyph-inline"));
    b.lastChild.style.color = n.typeInfo.color;
    b.appendChild(el("span", n.label, "who"));
    b.appendChild(el("span", " · " + pair[1] + " statements", "meta"));
    li.appendChild(b); ul.appendChild(li);
  });
  box.appendChild(ul);
  return box;
}

function counterpartsOf(s, id) {
  var out = [];
  s.pairList.forEach(function (p) {
    if (p[0].id === id && out.indexOf(p[1]) < 0) out.push(p[1]);
    if (p[1].id === id && out.indexOf(p[0]) < 0) out.push(p[0]);
  });
  return out;
}

function edgeIdFor(s, a, b) {
  return state.perClaim ? s.id + "|" + a + "|" + b : (a < b ? a + "|" + b : b + "|" + a);
}

function statementLine(s, me, other) {
  var item = el("li", null, "rel-item");
  var go = el("button", null, "rel-open");
  go.type = "button";
  go.setAttribute("data-statement", s.id);
  var hidden = hiddenBy(s, me, other);
  go.appendChild(el("span", other.label, "who"));
  go.appendChild(el("span", " · " + dateLabel(s) + (s.place ? " · " + s.place : ""), "meta"));
  if (s.status !== "asserted") go.appendChild(el("span", " · " + s.status, "status-" + s.status));
  if (s.role) go.appendChild(el("span", " · " + s.role, "meta"));
  if (hidden) go.appendChild(el("span", " · hidden: " + hidden, "meta"));
  go.addEventListener("click", function () { selectStatement(s, me.id, other.id); });
  item.appendChild(go);
  item.appendChild(el("blockquote", quoteOf(s)));
  return item;
}

function showNode(id) {
  var n = byId.get(id), box = $("details");
  box.replaceChildren();
  box.appendChild(el("h2", n.label));
  var dl = el("dl");
  [["Type", n.type], ["Country", n.country || "—"], ["Also known as", n.aliases.join("\n") || "—"],
   ["Statements", String(n.statements.length)]].forEach(function (pair) {
    dl.appendChild(el("dt", pair[0])); dl.appendChild(el("dd", pair[1]));
  });
  box.appendChild(dl);
  if (state.shown) box.appendChild(button("Expand neighbours", function () { expand(id); }, "expand"));
  var groups = new Map();
  n.statements.forEach(function (k) {
    var s = STATEMENTS[k];
    (groups.get(s.relation) || groups.set(s.relation, []).get(s.relation)).push(s);
  });
  var order = Array.from(groups.keys()).sort(function (a, b) {
    return RELATIONS[a].family - RELATIONS[b].family || a - b;
  });
  box.appendChild(el("h3", "Relations"));
  order.forEach(function (r) {
    var rel = RELATIONS[r], list = groups.get(r);
    var section = el("section", null, "rel-group");
    section.setAttribute("data-relation", rel.id);
    var head = el("h4");
    head.appendChild(swatch(rel.color));
    head.appendChild(el("span", rel.label + " (" + list.length + ")"));
    section.appendChild(head);
    var ul = el("ul", null, "rel-list");
    var lines = [];
    list.forEach(function (s) { counterpartsOf(s, id).forEach(function (other) { lines.push([s, other]); }); });
    var fill = function (upto) {
      lines.slice(ul.children.length, upto).forEach(function (l) { ul.appendChild(statementLine(l[0], n, l[1])); });
    };
    fill(GROUP_SHOWN);
    section.appendChild(ul);
    if (lines.length > GROUP_SHOWN) {
      var more = button("Show all " + lines.length, function () { fill(lines.length); more.remove(); }, "more");
      section.appendChild(more);
    }
    box.appendChild(section);
  });
}

function statementBlock(s) {
  var item = el("div", null, "claim");
  item.setAttribute("data-statement", s.id);
  var a = s.pairList[0][0], b = s.pairList[0][1];
  var head = el("div");
  head.appendChild(swatch(s.rel.color));
  head.appendChild(el("strong", " " + a.label + " " + s.rel.label + " " + b.label));
  item.appendChild(head);
  var dl = el("dl");
  var rowsOut = [["Date", dateLabel(s)], ["Place", s.place || "—"], ["Status", s.status]];
  if (s.attributed_to) rowsOut.push(["According to", s.attributed_to]);
  if (s.detail) rowsOut.push(["Detail", s.detail]);
  if (s.role) rowsOut.push(["Role", s.role]);
  rowsOut.forEach(function (pair) {
    dl.appendChild(el("dt", pair[0]));
    dl.appendChild(el("dd", pair[1], pair[0] === "Status" ? "status-" + s.status : undefined));
  });
  item.appendChild(dl);
  item.appendChild(el("div", s.art.outlet + ", “" + s.art.title + "”, " + s.art.published +
    (s.caption >= 0 ? " · photo caption" : ""), "meta"));
  item.appendChild(el("blockquote", quoteOf(s)));
  item.appendChild(button("Read in article", function () { openReader(s); }, "read"));
  return item;
}

function showEdge(id) {
  var items = edgeStatements.get(id) || [];
  var box = $("details");
  box.replaceChildren();
  if (!items.length) { box.appendChild(hint()); return; }
  box.appendChild(el("h2", byId.get(items[0].from).label + " — " + byId.get(items[0].to).label));
  box.appendChild(el("p", items.length + (items.length > 1 ? " statements" : " statement"), "meta"));
  items.forEach(function (it) { box.appendChild(statementBlock(it.s)); });
}

function selectNode(id, opts) {
  opts = opts || {};
  if (state.shown && !state.shown.has(id)) { state.shown.add(id); drawGraph(); }
  state.selected = { kind: "node", id: id };
  var near = neighbourhood(id);
  setFocus(near.nodes, near.edges);
  if (nodes.get(id)) network.selectNodes([id]);
  // Zoom onto the neighbourhood so its labels reach 12 px (not on a click: the analyst chose the view).
  if (opts.focus && nodes.get(id)) {
    fitView(near.nodes);
  }
  showNode(id);
  emit("select");
}

function selectEdge(id, statementId) {
  if (!edgeStatements.has(id)) return false;
  var items = edgeStatements.get(id);
  state.selected = { kind: "edge", id: id };
  setFocus([items[0].from, items[0].to], [id]);
  network.selectEdges([id]);
  showEdge(id);
  if (statementId) {
    var block = $("details").querySelector('[data-statement="' + CSS.escape(statementId) + '"]');
    if (block) { block.classList.add("current"); block.scrollIntoView({ block: "nearest" }); }
  }
  emit("select");
  return true;
}

// From a panel row or the table: select the statement's edge; say so if a filter hides it.
function selectStatement(s, a, b) {
  if (!a) { a = s.pairList[0][0].id; b = s.pairList[0][1].id; }
  if (state.shown) { state.shown.add(a); state.shown.add(b); drawGraph(); }
  var why = hiddenBy(s, byId.get(a), byId.get(b));
  if (why) { $("status").textContent = "That statement is hidden by a filter: " + why + "."; return false; }
  return selectEdge(edgeIdFor(s, a, b), s.id);
}

function clearSelection() {
  state.selected = null;
  setFocus(null);
  network.unselectAll();
  $("details").replaceChildren(hint());
  emit("select");
}

function expand(id) {
  var count = 0, fresh = [];
  if (!state.shown) return 0;  // everything is drawn already
  var n = byId.get(id);
  expansionOf(id).forEach(function (o) { if (!state.shown.has(o)) { state.shown.add(o); fresh.push(byId.get(o)); } });
  count = fresh.length;
  var centre = placed.get(id) || positionOf(n);
  fresh.forEach(function (o, k) { if (!placed.has(o.id)) placeNear(o, centre, k, fresh.length); });
  state.shown.add(id);
  refresh();
  selectNode(id);
  $("status").textContent = count ? "Added " + count + " neighbours of " + n.label + "." : "All neighbours of " + n.label + " are shown.";
  return count;
}

network.on("click", function (p) {
  if (p.nodes.length) selectNode(p.nodes[0]);
  else if (p.edges.length) selectEdge(p.edges[0]);
  else clearSelection();
});
network.on("doubleClick", function (p) { if (p.nodes.length && state.shown) expand(p.nodes[0]); });
