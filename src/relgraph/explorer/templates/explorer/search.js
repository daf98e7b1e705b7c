// search: a ranked list of entities (by name and alias) and statements (by the
// text of their quotes). A result hidden by a filter says so and offers to show it;
// filters are never cleared behind the analyst's back.
var MAX_RESULTS = 30, lowerQuotes = null;

function nameScore(name, q) {
  var s = name.toLowerCase();
  if (s === q) return 100;
  if (s.indexOf(q) === 0) return 80;
  if ((" " + s).indexOf(" " + q) >= 0) return 60;
  if (s.indexOf(q) >= 0) return 40;
  return 0;
}

function searchAll(text) {
  var q = text.trim().toLowerCase();
  if (!q) return [];
  var found = [];
  NODES.forEach(function (n) {
    var best = nameScore(n.label, q), via = "";
    n.aliases.forEach(function (a) { var sc = nameScore(a, q) - 5; if (sc > best) { best = sc; via = a; } });
    if (best > 0) found.push({ kind: "node", node: n, score: best + Math.min(9, Math.log2(1 + n.statements.length)), via: via });
  });
  if (q.length >= 3) {
    if (!lowerQuotes) lowerQuotes = STATEMENTS.map(function (s) { return quoteOf(s).toLowerCase(); });
    var hits = 0;
    for (var k = 0; k < STATEMENTS.length && hits < MAX_RESULTS; k++) {
      if (lowerQuotes[k].indexOf(q) >= 0) { found.push({ kind: "statement", s: STATEMENTS[k], score: 20 - hits / 100 }); hits++; }
    }
  }
  found.sort(function (a, b) { return b.score - a.score; });
  return found.slice(0, MAX_RESULTS);
}

function nodeHiddenBy(n) {
  if (!state.types.has(n.type)) return "entity type “" + n.type + "” is switched off";
  if (nodes.get(n.id)) return "";
  var reasons = new Map();
  n.statements.forEach(function (k) {
    var s = STATEMENTS[k];
    counterpartsOf(s, n.id).forEach(function (o) { var r = hiddenBy(s, n, o); if (r !== "not expanded yet") reasons.set(r, true); });
  });
  if (reasons.has("")) return "";
  return Array.from(reasons.keys()).join("; ") || "";
}

function showResults(list, text) {
  var box = $("results");
  box.replaceChildren();
  if (!text.trim()) { box.hidden = true; $("search-status").textContent = ""; return; }
  if (!list.length) {
    box.appendChild(el("li", "Nothing matches “" + text + "”.", "none"));
    $("search-status").textContent = "No entity or quote matches “" + text + "”.";
    box.hidden = false;
    return;
  }
  $("search-status").textContent = list.length + " results for “" + text + "”.";
  list.forEach(function (r, i) {
    var li = el("li");
    var b = el("button", null, "result");
    b.type = "button";
    b.setAttribute("data-rank", String(i));
    var hidden;
    if (r.kind === "node") {
      b.setAttribute("data-node", r.node.id);
      b.appendChild(el("span", r.node.label, "who"));
      b.appendChild(el("span", " " + r.node.type + (r.via ? " · also “" + r.via + "”" : "") + " · " + r.node.statements.length + " statements", "meta"));
    } else {
      var p = r.s.pairList[0];
      b.setAttribute("data-statement", r.s.id);
      b.appendChild(el("span", p[0].label + " " + r.s.rel.label + " " + p[1].label, "who"));
      b.appendChild(el("span", " · " + dateLabel(r.s), "meta"));
      b.appendChild(el("div", quoteOf(r.s), "quote"));
    }
    hidden = resultHidden(r);
    if (hidden) b.appendChild(el("div", "Hidden by a filter: " + hidden + ". Choose to show it anyway.", "hidden-note"));
    b.addEventListener("click", function () { pick(r, hidden); });
    li.appendChild(b);
    box.appendChild(li);
  });
  box.hidden = false;
}

function resultHidden(r) {
  if (r.kind === "node") return nodeHiddenBy(r.node);
  var p = r.s.pairList[0], why = hiddenBy(r.s, p[0], p[1]);
  return why === "not expanded yet" ? "" : why;
}

// Open a result; when a filter hides it, widen only what hides it (and say so).
function pick(r, hidden, keepList) {
  if (!keepList) $("results").hidden = true;
  if (hidden) {
    if (r.kind === "node") state.types.add(r.node.type);
    var statements = r.kind === "node" ? r.node.statements.map(function (k) { return STATEMENTS[k]; }) : [r.s];
    if (!statements.some(function (s) { return state.relations.has(s.rel.id); })) statements.forEach(function (s) { state.relations.add(s.rel.id); });
    var ys = statements.map(function (s) { return s.year; });
    if (!statements.some(function (s) { return s.year >= state.since && s.year <= state.until; })) {
      state.since = Math.min(state.since, Math.min.apply(null, ys)); state.until = Math.max(state.until, Math.max.apply(null, ys));
    }
    if (statements.every(function (s) { return s.undated; })) state.undated = true;
    syncControls(); refresh({ fit: false });
    $("status").textContent = "Filters widened to show it (" + hidden + ").";
  } else $("status").textContent = "";
  if (r.kind === "node") selectNode(r.node.id, { focus: true });
  else if (selectStatement(r.s)) { var e = r.s.pairList[0]; network.focus(e[0].id, { animation: false }); }
}

function buildSearch() {
  var input = $("search");
  var run = debounce(function () { showResults(searchAll(input.value), input.value); }, 80);
  input.addEventListener("input", run);
  input.addEventListener("keydown", function (e) {
    if (e.key === "Enter") {
      e.preventDefault();
      var list = searchAll(input.value);
      showResults(list, input.value);
      // Enter opens the top result and leaves the ranked list open to choose another.
      // A top result hidden by a filter is not opened: the list says why, a click shows it.
      if (list.length && !resultHidden(list[0])) pick(list[0], "", true);
      else if (list.length) $("status").textContent = "The best match is hidden by a filter (" + resultHidden(list[0]) + "); choose it in the list to show it anyway.";
    } else if (e.key === "ArrowDown") {
      var b = $("results").querySelector("button");
      if (b) { e.preventDefault(); b.focus(); }
    } else if (e.key === "Escape") { $("results").hidden = true; }
  });
  $("results").addEventListener("keydown", function (e) {
    var items = Array.from($("results").querySelectorAll("button")), at = items.indexOf(document.activeElement);
    if (e.key === "ArrowDown" && at < items.length - 1) { e.preventDefault(); items[at + 1].focus(); }
    if (e.key === "ArrowUp") { e.preventDefault(); (at > 0 ? items[at - 1] : input).focus(); }
    if (e.key === "Escape") { $("results").hidden = true; input.focus(); }
  });
}
