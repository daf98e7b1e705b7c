// panel: the selection and its details (nodepanel.js, edgepanel.js draw them). The
// panel is drawn again after every change of the view, so no note or count in it can
// describe an earlier state of the filters.

// With nothing selected the panel offers the most connected entities in view.
function hint() {
  var box = el("div", null, "overview-panel");
  box.appendChild(el("p", "Click an entity or a link, or search, to see its relations and sources.", "hint"));
  var degree = new Map();  // distinct statements drawn per entity
  visibleStatements().forEach(function (s) {
    var mine = [];
    s.pairList.forEach(function (p) {
      if (!pairVisible(s, p[0], p[1]) || !toolsAllow(p[0], p[1])) return;
      if (mine.indexOf(p[0]) < 0) mine.push(p[0]);
      if (mine.indexOf(p[1]) < 0) mine.push(p[1]);
    });
    mine.forEach(function (n) { degree.set(n.id, (degree.get(n.id) || 0) + 1); });
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
  var own = s.id + "|" + a + "|" + b, reverse = s.id + "|" + b + "|" + a;  // see perStatement
  if (state.perClaim && edgeStatements.has(own)) return own;
  if (state.perClaim && edgeStatements.has(reverse)) return reverse;
  return a < b ? a + "|" + b : b + "|" + a;
}

// Draw the selection's panel and veil from the current view (after every change).
function showSelection() {
  var sel = state.selected;
  if (picked.size > 1) { showPicked(); return; }
  if (!sel) { setFocus(pathFocus()); $("details").replaceChildren(hint()); return; }
  if (sel.kind === "node") {
    var near = neighbourhood(sel.id);
    setFocus(near.nodes, near.edges);
    if (nodes.get(sel.id)) network.selectNodes([sel.id]);
    showNode(sel.id);
  } else if (edgeStatements.has(sel.id)) {
    var items = edgeStatements.get(sel.id);
    setFocus([items[0].from, items[0].to], [sel.id]);
    network.selectEdges([sel.id]);
    showEdge(sel.id);
  }
}

// Bring an entity into a restricted view (search-first or isolated) with its
// counterparts, so that all its statements the filters let through are drawn.
function bringIn(id) {
  var sets = [state.shown, state.keep].filter(Boolean), grew = false;
  if (state.hidden && state.hidden.has(id)) { state.hidden.delete(id); grew = true; }
  sets.forEach(function (set) {
    if (set.has(id)) return;
    set.add(id); grew = true;
    var centre = positionOf(byId.get(id));
    counterpartIds(id, null).forEach(function (o, k, all) {
      if (set.has(o)) return;
      set.add(o);
      if (set === state.shown && !placed.has(o)) placeNear(byId.get(o), centre, k, all.length);
    });
  });
  return grew;
}

function selectNode(id, opts) {
  opts = opts || {};
  if (!opts.add) picked.clear();
  else if (state.selected && state.selected.kind === "node") picked.add(state.selected.id);
  if (opts.add && picked.has(id) && picked.size > 1) {  // Shift on a selected entity takes it out
    picked.delete(id);
    state.selected = { kind: "node", id: Array.from(picked).pop() };
    showSelection(); emit("select");
    return;
  }
  picked.add(id);
  state.selected = { kind: "node", id: id };
  if (bringIn(id)) refresh({ fit: false }); else showSelection();
  // Zoom onto the neighbourhood so its labels are readable (not on a click: the analyst chose the view).
  if (opts.focus && nodes.get(id)) fitView(neighbourhood(id).nodes);
  emit("select");
}

function selectEdge(id, statementId) {
  if (!edgeStatements.has(id)) return false;
  picked.clear();
  state.selected = { kind: "edge", id: id };
  edgePanel.reset(statementId);
  showSelection();
  if (statementId) {
    var block = $("details").querySelector('.source[data-statement="' + CSS.escape(statementId) + '"]');
    if (block) {
      block.classList.add("current"); block.closest(".claim").classList.add("current");
      block.scrollIntoView({ block: "nearest" });
    }
  }
  emit("select");
  return true;
}

// From a panel row or the table: select the statement's edge; say so if a filter hides it.
function selectStatement(s, a, b) {
  if (!a) {  // from the table: a pair of the statement that is drawn, if one is
    var drawn = s.pairList.find(function (p) { return pairVisible(s, p[0], p[1]) && toolsAllow(p[0], p[1]); }) || s.pairList[0];
    a = drawn[0].id; b = drawn[1].id;
  }
  var grew = false;
  [a, b].forEach(function (x) { if (state.shown && !state.shown.has(x)) { state.shown.add(x); grew = true; } });
  if (grew) refresh({ fit: false });
  var why = whyHidden(s, byId.get(a), byId.get(b));
  if (why) { $("status").textContent = "That statement is hidden by a filter: " + why + "."; return false; }
  return selectEdge(edgeIdFor(s, a, b), s.id);
}

function clearSelection() {
  state.selected = null;
  picked.clear();
  setFocus(pathFocus());
  network.unselectAll();
  $("details").replaceChildren(hint());
  emit("select");
}

// The entity's counterparts to expand to, most statements first (expansionOf, core.js);
// only through one relation when given.
function counterpartIds(id, relation) {
  if (!relation) return expansionOf(id);
  var weights = new Map();
  byId.get(id).statements.forEach(function (k) {
    var s = STATEMENTS[k];
    if (relation && s.rel.id !== relation) return;
    counterpartsOf(s, id).forEach(function (o) { weights.set(o.id, (weights.get(o.id) || 0) + 1); });
  });
  return Array.from(weights.entries()).sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : 1); })
    .slice(0, EXPAND_LIMIT).map(function (e) { return e[0]; });
}

// Add an entity's neighbours (through one relation, when given) to the restricted view.
function expand(id, relation) {
  // The view is restricted by the search-first overview, an isolation, or both: grow each.
  var sets = [state.shown, state.keep].filter(Boolean), n = byId.get(id), fresh = [];
  var through = relation ? " through “" + RELATIONS.find(function (r) { return r.id === relation; }).label + "”" : "";
  if (!sets.length) { $("status").textContent = "Every neighbour of " + n.label + " is drawn already."; return 0; }
  counterpartIds(id, relation).forEach(function (o) {
    if (sets.some(function (set) { return !set.has(o); })) fresh.push(byId.get(o));
    sets.forEach(function (set) { set.add(o); });
  });
  if (state.hidden) fresh.forEach(function (o) { state.hidden.delete(o.id); });
  var centre = placed.get(id) || positionOf(n);
  if (state.shown) fresh.forEach(function (o, k) { if (!placed.has(o.id)) placeNear(o, centre, k, fresh.length); });
  sets.forEach(function (set) { set.add(id); });
  state.selected = { kind: "node", id: id };
  refresh();
  emit("select");
  $("status").textContent = fresh.length ? "Added " + fresh.length + " neighbours of " + n.label + through + "."
    : "All neighbours of " + n.label + through + " are shown.";
  return fresh.length;
}

on("filters", showSelection);

network.on("click", function (p) {
  if (p.nodes.length) selectNode(p.nodes[0], { add: p.event && p.event.srcEvent && p.event.srcEvent.shiftKey });
  else if (p.edges.length) selectEdge(p.edges[0]);
  else clearSelection();
});
network.on("doubleClick", function (p) { if (p.nodes.length && (state.shown || state.keep)) expand(p.nodes[0]); });
