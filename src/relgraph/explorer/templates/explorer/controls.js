// controls: relation checkboxes grouped by family (the colour legend), entity types,
// and the legend of shapes, dashes, arrows, width and size.
function checkbox(container, id, text, color, set, glyph) {
  var label = el("label");
  var box = el("input");
  box.type = "checkbox"; box.checked = set.has(id); box.value = id;
  box.addEventListener("change", function () {
    if (box.checked) set.add(id); else set.delete(id);
    refresh();
  });
  label.appendChild(box);
  if (glyph) { var g = el("span", glyph, "glyph"); g.style.color = color; label.appendChild(g); }
  else label.appendChild(swatch(color));
  label.appendChild(el("span", text));
  container.appendChild(label);
  return box;
}

function buildControls() {
  var box = $("relations");
  FAMILIES.forEach(function (f, k) {
    var members = RELATIONS.filter(function (r) { return r.family === k; });
    if (!members.length) return;
    var group = el("fieldset", null, "family");
    group.setAttribute("data-family", f.id);
    var legend = el("legend");
    var toggle = button(f.label, function () {
      var on = members.some(function (r) { return !state.relations.has(r.id); });
      members.forEach(function (r) { if (on) state.relations.add(r.id); else state.relations.delete(r.id); });
      syncControls(); refresh();
    }, "family-toggle");
    toggle.style.borderLeftColor = f.color;
    toggle.title = "Switch the whole family on or off";
    legend.appendChild(toggle);
    group.appendChild(legend);
    members.forEach(function (r) { checkbox(group, r.id, r.label, r.color, state.relations); });
    box.appendChild(group);
  });
  TYPES.forEach(function (t) { checkbox($("types"), t.id, t.id, t.color, state.types, t.glyph); });
  var legend = $("legend");
  [["line", "solid line: asserted"], ["dashed", "dashed: planned, alleged or denied only"],
   ["arrow", "arrow: directed relation (none for met, cooperates, allied)"],
   ["wide", "width: number of statements"], ["size", "node size: links in the current view"]]
    .forEach(function (row) {
      var item = el("div", null, "legend-row");
      item.appendChild(el("span", null, "sample sample-" + row[0]));
      item.appendChild(el("span", row[1]));
      legend.appendChild(item);
    });
  $("relations-all").addEventListener("click", function () { setAllRelations(true); });
  $("relations-none").addEventListener("click", function () { setAllRelations(false); });
  $("per-claim").addEventListener("change", function () { state.perClaim = $("per-claim").checked; refresh(); });
  $("reset").addEventListener("click", function () { resetFilters(); clearSelection(); refresh(); fitView(); });
  $("overview").hidden = !state.shown;
  $("overview").addEventListener("click", function () {
    state.shown = new Set(data.overview.map(function (i) { return NODES[i].id; }));
    placeOverview();
    drawnNodes.clear(); drawnEdges.clear(); edges.clear(); nodes.clear();  // positions change: draw afresh
    clearSelection(); refresh({ fit: true });
  });
}

function setAllRelations(on) {
  state.relations.clear();
  if (on) RELATIONS.forEach(function (r) { state.relations.add(r.id); });
  syncControls(); refresh();
}

function syncControls() {
  document.querySelectorAll("#relations input").forEach(function (b) { b.checked = state.relations.has(b.value); });
  document.querySelectorAll("#types input").forEach(function (b) { b.checked = state.types.has(b.value); });
  $("per-claim").checked = state.perClaim;
  $("since").value = state.since; $("until").value = state.until;
  $("undated").checked = state.undated;
  syncFilters();
}

function resetFilters() {
  state.since = data.years[0]; state.until = data.years[1]; state.undated = true; state.months = null;
  RELATIONS.forEach(function (r) { state.relations.add(r.id); });
  TYPES.forEach(function (t) { state.types.add(t.id); });
  state.perClaim = false;
  state.countries = []; state.statuses = null; state.outlets = null; state.by = null;
  syncControls();
}
