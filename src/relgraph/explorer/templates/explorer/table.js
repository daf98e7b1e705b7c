// table: the visible statements in date order (the graph's text alternative), linked
// both ways: a row selects its edge; a selection narrows the table to its statements.
var PAGE = 25, tableLimit = PAGE, rowsOf = [];

function tableStatements() {
  var visible = visibleStatements(), sel = state.selected;
  if (!sel) return { list: visible, title: "Statements in view" };
  if (sel.kind === "node") {
    var n = byId.get(sel.id);
    return { list: visible.filter(function (s) { return s.pairList.some(function (p) { return p[0] === n || p[1] === n; }); }),
             title: "Statements of " + n.label };
  }
  var items = edgeStatements.get(sel.id) || [];
  var ids = new Set(items.map(function (it) { return it.s.id; }));
  return { list: visible.filter(function (s) { return ids.has(s.id); }),
           title: "Statements of " + (items.length ? byId.get(items[0].from).label + " — " + byId.get(items[0].to).label : "the selection") };
}

function drawTable() {
  var found = tableStatements(), body = $("rows");
  rowsOf = found.list;
  $("table-title").textContent = found.title + " (" + found.list.length + ", by date)";
  var frag = document.createDocumentFragment();
  found.list.slice(0, tableLimit).forEach(function (s) {
    var tr = el("tr");
    tr.setAttribute("data-statement", s.id);
    tr.tabIndex = 0;
    tr.appendChild(el("td", s.undated ? "undated (article " + s.art.published + ")" : s.date, s.undated ? "undated" : ""));
    var what = el("td");
    what.appendChild(swatch(s.rel.color));
    var pair = s.pairList[0];
    what.appendChild(el("span", " " + pair[0].label + " " + s.rel.label + " " + pair[1].label +
                        (s.pairList.length > 1 ? " (+" + (s.pairList.length - 1) + ")" : "")));
    what.appendChild(el("div", quoteOf(s), "quote"));
    tr.appendChild(what);
    tr.appendChild(el("td", s.place));
    tr.appendChild(el("td", s.status, "status-" + s.status));
    tr.appendChild(el("td", s.art.outlet + ", " + s.art.published));
    var open = function () { selectStatement(s); };
    tr.addEventListener("click", open);
    tr.addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); open(); } });
    if (state.selected && state.selected.kind === "edge") tr.classList.add("linked");
    frag.appendChild(tr);
  });
  body.replaceChildren(frag);
  $("more-rows").hidden = found.list.length <= tableLimit;
  $("more-rows").textContent = "Show more (" + (found.list.length - Math.min(tableLimit, found.list.length)) + " left)";
}

function buildTable() {
  $("more-rows").addEventListener("click", function () { tableLimit += PAGE; drawTable(); });
  on("select", function () { tableLimit = PAGE; drawTable(); });
}
