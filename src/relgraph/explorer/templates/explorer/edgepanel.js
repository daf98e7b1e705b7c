// edgepanel: a link's panel. Its statements are grouped by event (one relation, date
// and set of parties), each event headed with all its parties and listing its sources;
// the first EVENTS_SHOWN events are drawn and the rest a page at a time, narrowed by
// filters of the panel's own (relation, status, words). The Russia — North Korea link
// of a 10,000-article corpus holds 1,745 statements: drawing them all took 387 ms.
var EVENTS_SHOWN = 50;
var edgePanel = {
  id: null, relations: null, status: "", words: "", shown: EVENTS_SHOWN, focus: null,
  reset: function (statementId) { this.id = null; this.focus = statementId || null; }
};

function sourceBlock(s, ev) {
  var item = el("div", null, "source");
  item.setAttribute("data-statement", s.id);
  item.appendChild(el("div", s.art.outlet + ", “" + s.art.title + "”, " + s.art.published +
    (s.caption >= 0 ? " · photo caption" : ""), "meta"));
  var rowsOut = [];
  if (s.status !== ev.first.status) rowsOut.push(["Status", s.status]);
  if (s.attributed_to) rowsOut.push(["According to", s.attributed_to]);
  if (s.detail) rowsOut.push(["Detail", s.detail]);
  if (s.role) rowsOut.push(["Role", s.role]);
  if (rowsOut.length) {
    var dl = el("dl");
    rowsOut.forEach(function (pair) {
      dl.appendChild(el("dt", pair[0]));
      dl.appendChild(el("dd", pair[1], pair[0] === "Status" ? "status-" + s.status : undefined));
    });
    item.appendChild(dl);
  }
  item.appendChild(el("blockquote", quoteOf(s)));
  item.appendChild(button("Read in article", function () { openReader(s); }, "read"));
  return item;
}

function distinct(list, f) {
  var out = [];
  list.forEach(function (s) { var v = f(s); if (v && out.indexOf(v) < 0) out.push(v); });
  return out;
}

function eventBlock(ev) {
  var s = ev.first, item = el("div", null, "claim");
  item.setAttribute("data-statement", s.id);
  item.setAttribute("data-event", ev.key);
  var head = el("div");
  head.appendChild(swatch(s.rel.color));
  head.appendChild(document.createTextNode(" "));
  head.appendChild(el("strong", headline(s)));
  item.appendChild(head);
  var dl = el("dl");
  [["Date", dateLabel(s)], ["Place", distinct(ev.statements, function (x) { return x.place; }).join("; ") || "—"],
   ["Status", s.status]].forEach(function (pair) {
    dl.appendChild(el("dt", pair[0]));
    dl.appendChild(el("dd", pair[1], pair[0] === "Status" ? "status-" + s.status : undefined));
  });
  item.appendChild(dl);
  if (ev.statements.length > 1) item.appendChild(el("div", ev.statements.length + " sources", "meta sources"));
  ev.statements.forEach(function (x) { item.appendChild(sourceBlock(x, ev)); });
  return item;
}

function edgeMatches(s) {
  if (edgePanel.relations && !edgePanel.relations.has(s.rel.id)) return false;
  if (edgePanel.status && s.status !== edgePanel.status) return false;
  if (!edgePanel.words) return true;
  var text = (headline(s) + " " + quoteOf(s) + " " + s.place + " " + s.art.outlet + " " + s.attributed_to + " " + dateLabel(s)).toLowerCase();
  return edgePanel.words.toLowerCase().split(/\s+/).filter(Boolean).every(function (w) { return text.indexOf(w) >= 0; });
}

// The panel's own filters: one toggle per relation (with counts), a status choice, words.
function edgeFilters(list, redraw) {
  var box = el("div", null, "edge-filters");
  box.setAttribute("role", "group");
  box.setAttribute("aria-label", "Filter this link's statements");
  var counts = new Map();
  list.forEach(function (s) { counts.set(s.rel, (counts.get(s.rel) || 0) + 1); });
  if (counts.size > 1) {
    var chips = el("div", null, "chips");
    counts.forEach(function (k, rel) {
      var on = !edgePanel.relations || edgePanel.relations.has(rel.id);
      var chip = button(rel.label + " " + k, function () {
        var set = edgePanel.relations || new Set(Array.from(counts.keys()).map(function (r) { return r.id; }));
        if (set.has(rel.id)) set.delete(rel.id); else set.add(rel.id);
        edgePanel.relations = set.size === counts.size ? null : set;
        chip.setAttribute("aria-pressed", String(set.has(rel.id)));
        edgePanel.shown = EVENTS_SHOWN;
        redraw();
      }, "chip");
      chip.setAttribute("aria-pressed", String(on));
      chip.setAttribute("data-relation", rel.id);
      chip.style.borderLeftColor = rel.color;
      chips.appendChild(chip);
    });
    box.appendChild(chips);
  }
  var statuses = distinct(list, function (s) { return s.status; });
  if (statuses.length > 1) {
    var label = el("label", "Status ", "inline");
    var select = el("select");
    select.className = "edge-status";
    [""].concat(statuses).forEach(function (v) { var o = el("option", v || "any"); o.value = v; select.appendChild(o); });
    select.value = edgePanel.status;
    select.addEventListener("change", function () { edgePanel.status = select.value; edgePanel.shown = EVENTS_SHOWN; redraw(); });
    label.appendChild(select);
    box.appendChild(label);
  }
  if (list.length > 3) {
    var words = el("input");
    words.type = "search"; words.className = "edge-words"; words.value = edgePanel.words;
    words.placeholder = "Words in these statements…";
    words.setAttribute("aria-label", "Words in this link's statements");
    words.addEventListener("input", debounce(function () { edgePanel.words = words.value; edgePanel.shown = EVENTS_SHOWN; redraw(); }, 80));
    box.appendChild(words);
  }
  return box;
}

function showEdge(id) {
  var items = edgeStatements.get(id) || [];
  var box = $("details");
  box.replaceChildren();
  if (!items.length) { box.appendChild(hint()); return; }
  if (edgePanel.id !== id) {
    edgePanel.id = id; edgePanel.relations = null; edgePanel.status = ""; edgePanel.words = ""; edgePanel.shown = EVENTS_SHOWN;
  }
  var list = items.map(function (it) { return it.s; });
  var all = eventsOf(list);
  box.appendChild(el("h2", byId.get(items[0].from).label + " — " + byId.get(items[0].to).label));
  box.appendChild(el("p", list.length + (list.length > 1 ? " statements" : " statement") + " in " +
    all.length + (all.length > 1 ? " events" : " event"), "meta"));
  box.appendChild(edgeTools(items[0].from, items[0].to));
  if (all.length > 1) box.appendChild(edgeFilters(list, function () { drawEvents(); }));
  var note = el("p", null, "meta events-note");
  note.setAttribute("aria-live", "polite");
  var holder = el("div", null, "events"), pager = el("div", null, "row pager");
  box.appendChild(note); box.appendChild(holder); box.appendChild(pager);
  var events = [];
  var drawEvents = function (more) {
    if (!more) events = eventsOf(list.filter(edgeMatches));
    if (edgePanel.focus) {  // page far enough to reach the statement asked for
      var at = events.findIndex(function (ev) { return ev.statements.some(function (s) { return s.id === edgePanel.focus; }); });
      if (at >= edgePanel.shown) edgePanel.shown = Math.ceil((at + 1) / EVENTS_SHOWN) * EVENTS_SHOWN;
      edgePanel.focus = null;
    }
    var upto = Math.min(events.length, edgePanel.shown);
    note.textContent = events.length === all.length && upto === events.length ? "" :
      "Showing " + upto + " of " + events.length + " events" + (events.length < all.length ? " (of " + all.length + " on this link)" : "") + ".";
    var frag = document.createDocumentFragment(), from = more ? holder.children.length : 0;
    events.slice(from, upto).forEach(function (ev) { frag.appendChild(eventBlock(ev)); });
    if (more) holder.appendChild(frag); else holder.replaceChildren(frag);
    pager.replaceChildren();
    if (events.length > upto) {
      pager.appendChild(button("Next " + Math.min(EVENTS_SHOWN, events.length - upto) + " events (" + (events.length - upto) + " more)", function () {
        edgePanel.shown += EVENTS_SHOWN;
        drawEvents(true);  // the next page is added to what is listed
        var next = holder.children[upto];
        if (next) { next.tabIndex = -1; next.focus(); }
      }, "more"));
    }
  };
  drawEvents();
}
