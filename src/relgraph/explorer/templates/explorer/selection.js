// selection: tools on the selected entities. Shift-click (or Shift+Enter on the graph)
// adds an entity to the selection; the selection can be hidden, isolated (only it and
// its neighbours stay), pinned (kept where it is when the layout is recomputed) and
// expanded by one relation. A bar over the graph says what the tools hold back and
// undoes it; every tool is a button, so the keyboard reaches it.
var picked = new Set();      // the selected entities (state.selected is the last one)
state.hidden = null;         // Set of entity ids hidden by the analyst, or null
state.keep = null;           // isolation: Set of entity ids kept, or null

// Whether the selection tools let a pair be drawn (the filters decide the rest).
function toolsAllow(a, b) {
  if (state.hidden && (state.hidden.has(a.id) || state.hidden.has(b.id))) return false;
  return !state.keep || (state.keep.has(a.id) && state.keep.has(b.id));
}
function toolsHide(a, b) {
  if (state.hidden && (state.hidden.has(a.id) || state.hidden.has(b.id))) {
    return (state.hidden.has(a.id) ? a : b).label + " is hidden";
  }
  if (state.keep && !(state.keep.has(a.id) && state.keep.has(b.id))) return "outside the isolated entities";
  return "";
}
function nodeHiddenByTools(id) {
  return (state.hidden && state.hidden.has(id)) || (state.keep && !state.keep.has(id));
}

function labelsOf(ids) { return listOf(ids.map(function (id) { return byId.get(id).label; })); }
function selectedIds() { return picked.size ? Array.from(picked) : state.selected && state.selected.kind === "node" ? [state.selected.id] : []; }

function hideEntities(ids) {
  state.hidden = state.hidden || new Set();
  ids.forEach(function (id) { state.hidden.add(id); });
  clearSelection();
  refresh({ fit: false });
  $("status").textContent = "Hidden: " + labelsOf(ids) + ".";
}
function showHidden() {
  state.hidden = null;
  refresh({ fit: false });
  $("status").textContent = "Hidden entities shown again.";
}
// Keep only the entities and their neighbours in view now.
function isolate(ids) {
  var keep = new Set(ids);
  ids.forEach(function (id) { neighbours(id).forEach(function (o) { keep.add(o); }); });
  state.keep = keep;
  refresh({ fit: true });
  $("status").textContent = "Isolated " + labelsOf(ids) + " and " + (keep.size - ids.length) + " neighbours.";
}
function endIsolation() {
  state.keep = null;
  refresh({ fit: true });
  $("status").textContent = "Showing every entity the filters let through.";
}

// A tool redraws the panel under the keyboard's focus: focus moves to the same tool
// in the new panel, else to the bar's way to undo it, so keyboard use carries on.
function toolButton(text, title, onClick, cls) {
  var b = button(text, function () {
    var had = document.activeElement === b;
    onClick();
    if (!had || document.body.contains(b)) return;
    var again = $("details").querySelector(".tool." + (cls || "tool").split(" ")[0]) || viewBar.querySelector("button");
    if (again) again.focus();
  }, "tool " + (cls || ""));
  b.title = title;
  return b;
}

// The relation choice of "Expand by": the entity's relations, with counts.
function expandChooser(id) {
  var wrap = el("span", null, "expand-by");
  var select = el("select");
  select.className = "expand-relation";
  select.setAttribute("aria-label", "Relation to expand through");
  var counts = new Map();
  byId.get(id).statements.forEach(function (k) { var r = STATEMENTS[k].rel; counts.set(r, (counts.get(r) || 0) + 1); });
  var all = el("option", "all relations"); all.value = ""; select.appendChild(all);
  Array.from(counts.keys()).sort(function (a, b) { return a.family - b.family || (a.id < b.id ? -1 : 1); }).forEach(function (r) {
    var o = el("option", r.label + " (" + counts.get(r) + ")"); o.value = r.id; select.appendChild(o);
  });
  wrap.appendChild(toolButton("Expand", "Add this entity's neighbours (through the chosen relation) to the view",
    function () { expand(id, select.value || null); }, "expand"));
  wrap.appendChild(el("span", " by ", "meta"));
  wrap.appendChild(select);
  return wrap;
}

function nodeTools(id) {
  var box = el("div", null, "tools");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Tools for " + byId.get(id).label);
  box.appendChild(toolButton("Hide", "Hide this entity and its links", function () { hideEntities([id]); }, "hide"));
  box.appendChild(toolButton("Isolate", "Show only this entity and its neighbours", function () { isolate([id]); }, "isolate"));
  var pin = toolButton(pinned.has(id) ? "Unpin" : "Pin", "Keep this entity where it is when the layout is recomputed",
    function () { togglePin([id]); }, "pin");
  pin.setAttribute("aria-pressed", String(pinned.has(id)));
  box.appendChild(pin);
  box.appendChild(expandChooser(id));
  box.appendChild(pathChooser(id));
  return box;
}

function edgeTools(a, b) {
  var box = el("div", null, "tools");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Tools for this link");
  box.appendChild(toolButton("Select both ends", "Select the two entities of this link", function () {
    selectNode(a); selectNode(b, { add: true });
  }, "ends"));
  box.appendChild(toolButton("Isolate", "Show only these two entities and their neighbours", function () { isolate([a, b]); }, "isolate"));
  return box;
}

// The panel of a multi-selection: who is in it and the tools that act on all of them.
function showPicked() {
  var ids = Array.from(picked), box = $("details");
  var bright = new Set(), links = [];
  ids.forEach(function (id) { var near = neighbourhood(id); near.nodes.forEach(function (n) { bright.add(n); }); links = links.concat(near.edges); });
  setFocus(Array.from(bright), links);
  network.selectNodes(ids.filter(function (id) { return nodes.get(id); }));
  box.replaceChildren();
  box.appendChild(el("h2", ids.length + " entities selected"));
  var ul = el("ul", null, "rel-list picked");
  ids.forEach(function (id) {
    var li = el("li", null, "rel-item"), n = byId.get(id);
    var b = button("", function () { selectNode(id); }, "rel-open");
    b.setAttribute("data-node", id);
    b.appendChild(el("span", n.label, "who"));
    b.appendChild(el("span", " · " + n.type + (n.country ? " · " + n.country : ""), "meta"));
    li.appendChild(b);
    li.appendChild(button("Remove", function () { picked.delete(id); if (state.selected && state.selected.id === id) state.selected = { kind: "node", id: Array.from(picked).pop() }; showSelection(); }, "tool unpick"));
    ul.appendChild(li);
  });
  box.appendChild(ul);
  var tools = el("div", null, "tools");
  tools.setAttribute("role", "group");
  tools.setAttribute("aria-label", "Tools for the selected entities");
  tools.appendChild(toolButton("Hide all", "Hide the selected entities", function () { hideEntities(ids); }, "hide"));
  tools.appendChild(toolButton("Isolate", "Show only the selected entities and their neighbours", function () { isolate(ids); }, "isolate"));
  var allPinned = ids.every(function (id) { return pinned.has(id); });
  tools.appendChild(toolButton(allPinned ? "Unpin all" : "Pin all", "Keep the selected entities in place", function () { togglePin(ids); }, "pin"));
  if (ids.length === 2) tools.appendChild(toolButton("Path between them", "The shortest chain of statements in view linking the two",
    function () { findPath(ids[0], ids[1]); }, "path"));
  tools.appendChild(toolButton("Clear selection", "Select nothing", clearSelection, "clear"));
  box.appendChild(tools);
  box.appendChild(el("p", "Shift-click (or Shift+Enter on the graph) adds or removes an entity.", "hint"));
}

// The bar over the graph: what the tools hold back, with a way to undo each.
var viewBar = el("div", null, "viewbar");
viewBar.setAttribute("role", "group");
viewBar.setAttribute("aria-label", "Selection tools in effect");
$("graph-wrap").appendChild(viewBar);
function drawViewBar() {
  viewBar.replaceChildren();
  if (state.hidden && state.hidden.size) {
    viewBar.appendChild(el("span", state.hidden.size + " hidden"));
    viewBar.appendChild(toolButton("Show hidden", "Show the hidden entities again", showHidden, "unhide"));
  }
  if (state.keep) {
    viewBar.appendChild(el("span", "Isolated: " + state.keep.size + " entities"));
    viewBar.appendChild(toolButton("Show all", "End the isolation", endIsolation, "unisolate"));
  }
  if (pinned.size) {
    viewBar.appendChild(el("span", pinned.size + " pinned"));
    viewBar.appendChild(toolButton("Unpin all", "Let the layout place every entity", function () { unpinAll(); }, "unpin-all"));
  }
  if (path) {
    viewBar.appendChild(el("span", "Path: " + byId.get(path.from).label + " → " + byId.get(path.to).label));
    viewBar.appendChild(toolButton("Show path", "List the path and its evidence", showPath, "show-path"));
    viewBar.appendChild(toolButton("Clear path", "Stop drawing the path", clearPath, "clear-path"));
  }
  viewBar.hidden = !viewBar.children.length;
}
on("filters", drawViewBar);
on("select", drawViewBar);

// "Reset view" and "Back to overview" (controls.js) start afresh: the tools' effects go
// too. These listeners are added before controls.js's, so they run first.
function resetTools() {
  state.hidden = null; state.keep = null; pinned.clear(); path = null; picked.clear();
  layoutStale = true;
  drawViewBar();
}
$("reset").addEventListener("click", resetTools);
$("overview").addEventListener("click", resetTools);
