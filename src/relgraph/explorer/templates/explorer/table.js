// table: the visible statements in date order (the graph's text alternative), linked
// both ways: a row selects its edge; a selection narrows the table to its statements
// (an entity's: every statement of it the view draws). It shows a page of PAGE rows
// at a time, with Previous and Next; a multi-party statement names all its parties.
var PAGE = 25, tablePage = 0, rowsOf = [], tableKey = "";

function tableStatements() {
  var visible = visibleStatements(), sel = state.selected;
  if (!sel) return { list: visible, title: "Statements in view" };
  if (sel.kind === "node") {
    var of = picked.size > 1 ? new Set(picked) : new Set([sel.id]);
    return { list: visible.filter(function (s) {
      return s.pairList.some(function (p) { return (of.has(p[0].id) || of.has(p[1].id)) && pairVisible(s, p[0], p[1]) && toolsAllow(p[0], p[1]); });
    }), title: "Statements of " + (of.size > 1 ? of.size + " selected entities" : byId.get(sel.id).label) };
  }
  var items = edgeStatements.get(sel.id) || [];
  var ids = new Set(items.map(function (it) { return it.s.id; }));
  return { list: visible.filter(function (s) { return ids.has(s.id); }),
           title: "Statements of " + (items.length ? byId.get(items[0].from).label + " — " + byId.get(items[0].to).label : "the selection") };
}

function drawTable() {
  var found = tableStatements(), body = $("rows");
  rowsOf = found.list;
  var key = found.title + "|" + found.list.length + "|" + (found.list.length ? found.list[0].id : "");
  if (key !== tableKey) { tableKey = key; tablePage = 0; }  // another list: back to its first page
  var pages = Math.max(1, Math.ceil(found.list.length / PAGE));
  tablePage = Math.min(tablePage, pages - 1);
  var from = tablePage * PAGE, to = Math.min(found.list.length, from + PAGE);
  $("table-title").textContent = found.title + " (" + found.list.length + ", by date)";
  var frag = document.createDocumentFragment();
  found.list.slice(from, to).forEach(function (s) {
    var tr = el("tr");
    tr.setAttribute("data-statement", s.id);
    tr.tabIndex = 0;
    tr.appendChild(el("td", s.undated ? "undated (article " + s.art.published + ")" : s.date, s.undated ? "undated" : ""));
    var what = el("td");
    what.appendChild(swatch(s.rel.color));
    what.appendChild(el("span", " " + headline(s)));
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
  $("more-rows").hidden = true;
  var pager = $("table-pager");
  pager.hidden = pages <= 1;
  pager.querySelector(".prev").disabled = tablePage === 0;
  pager.querySelector(".next").disabled = tablePage >= pages - 1;
  pager.querySelector(".where").textContent = found.list.length ? "Rows " + (from + 1) + "–" + to + " of " + found.list.length +
    " · page " + (tablePage + 1) + " of " + pages : "";
}

function turnPage(step) {
  tablePage += step;
  drawTable();
  $("table").scrollTop = 0;
}

function buildTable() {
  var pager = el("div", null, "row pager");
  pager.id = "table-pager";
  pager.setAttribute("role", "navigation");
  pager.setAttribute("aria-label", "Pages of the statements table");
  pager.appendChild(button("‹ Previous", function () { turnPage(-1); }, "prev"));
  var where = el("span", "", "where meta");
  where.setAttribute("aria-live", "polite");
  pager.appendChild(where);
  pager.appendChild(button("Next ›", function () { turnPage(1); }, "next"));
  $("more-rows").after(pager);
  on("select", function () { tablePage = 0; drawTable(); });
}
