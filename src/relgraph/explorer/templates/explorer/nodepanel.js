// nodepanel: an entity's panel. Its counterparts are grouped per relation, each with
// how many statements link them and the first and last date, most linked first, a
// page at a time (a hub has hundreds of counterparts for one relation). A counterpart
// with one statement shows it (date, place, quote); a click opens the edge between
// them. Each row says how much of it the filters hide, recomputed on every change.
var COUNTERPARTS_SHOWN = 10;  // counterparts per relation and page
var nodePages = { id: null, shown: new Map() };  // relation -> counterparts listed

// Why a statement is hidden between a and b ("" when drawn): the filters, then the selection tools.
function whyHidden(s, a, b) {
  return hiddenBy(s, a, b) || toolsHide(a, b);
}

function counterpartLine(row, me, rel) {
  var item = el("li", null, "rel-item");
  var go = el("button", null, "rel-open");
  go.type = "button";
  go.setAttribute("data-node", row.node.id);
  go.setAttribute("data-statement", row.first.id);
  var hidden = 0, why = "";
  row.list.forEach(function (s) { var w = whyHidden(s, me, row.node); if (w) { hidden++; why = why || w; } });
  go.appendChild(el("span", row.node.label, "who"));
  if (row.count === 1) {
    var s = row.first;
    go.appendChild(el("span", " · " + dateLabel(s) + (s.place ? " · " + s.place : ""), "meta"));
    if (s.status !== "asserted") go.appendChild(el("span", " · " + s.status, "status-" + s.status));
    if (s.role) go.appendChild(el("span", " · " + s.role, "meta"));
  } else {
    go.appendChild(el("span", " · " + row.count + " statements · " + spanOf(row.first, row.last), "meta"));
  }
  if (hidden === row.count) go.appendChild(el("span", " · hidden: " + why, "meta hidden-why"));
  else if (hidden) go.appendChild(el("span", " · " + (row.count - hidden) + " in view, " + hidden + " hidden: " + why, "meta hidden-why"));
  go.addEventListener("click", function () {
    var visible = row.list.filter(function (s) { return !whyHidden(s, me, row.node); });
    selectStatement(visible.length ? visible[visible.length - 1] : row.last, me.id, row.node.id);
  });
  item.appendChild(go);
  if (row.count === 1) item.appendChild(el("blockquote", quoteOf(row.first)));
  return item;
}

function relationSection(group, n) {
  var rel = group.rel, section = el("section", null, "rel-group");
  section.setAttribute("data-relation", rel.id);
  var head = el("h4");
  head.appendChild(swatch(rel.color));
  head.appendChild(el("span", rel.label + " (" + group.statements + (group.statements > 1 ? " statements, " : " statement, ") +
    group.rows.length + (group.rows.length > 1 ? " counterparts)" : " counterpart)")));
  section.appendChild(head);
  var ul = el("ul", null, "rel-list");
  section.appendChild(ul);
  var pager = el("div", null, "row pager");
  section.appendChild(pager);
  var fill = function () {
    var upto = Math.min(group.rows.length, nodePages.shown.get(rel.id) || COUNTERPARTS_SHOWN);
    group.rows.slice(ul.children.length, upto).forEach(function (row) { ul.appendChild(counterpartLine(row, n, rel)); });
    pager.replaceChildren();
    var left = group.rows.length - upto;
    if (left > 0) {
      pager.appendChild(button("Next " + Math.min(COUNTERPARTS_SHOWN, left) + " (" + left + " more)", function () {
        nodePages.shown.set(rel.id, upto + COUNTERPARTS_SHOWN);
        fill();
        var next = ul.children[upto] && ul.children[upto].querySelector("button");
        if (next) next.focus();
      }, "more"));
    }
  };
  fill();
  return section;
}

function showNode(id) {
  var n = byId.get(id), box = $("details");
  if (nodePages.id !== id) nodePages = { id: id, shown: new Map() };
  var all = n.statements.map(function (k) { return STATEMENTS[k]; });
  var inView = all.filter(function (s) {  // the cheap test; the rows say why when one is hidden
    return counterpartsOf(s, id).some(function (o) { return pairVisible(s, n, o) && toolsAllow(n, o); });
  }).length;
  box.replaceChildren();
  box.appendChild(el("h2", n.label));
  var dl = el("dl");
  [["Type", n.type], ["Country", n.country || "—"], ["Also known as", n.aliases.join("\n") || "—"],
   ["Statements", all.length + " (" + inView + " in view)"]].forEach(function (pair) {
    dl.appendChild(el("dt", pair[0])); dl.appendChild(el("dd", pair[1]));
  });
  box.appendChild(dl);
  box.appendChild(nodeTools(id));
  box.appendChild(el("h3", "Relations"));
  counterpartSummary(id, all).forEach(function (group) { box.appendChild(relationSection(group, n)); });
}
