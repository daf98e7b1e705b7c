// search: entities by name and alias (also those without statements, which are not
// drawn), and statements by the words of their quotes. Words match in any order;
// accents, case and hyphens are folded the way Python folded the names (facets.fold);
// one typo per word is forgiven in words of four letters or more. Structured terms
// narrow the results: type:Project, country:russia, year:2018 (or 2014-2018),
// rel:met, status:alleged. A result hidden by a filter says so and offers to show it;
// filters are never cleared behind the analyst's back.
var MAX_RESULTS = 30, foldedQuotes = null, nameIndex = null;

var ASCII = /^[\x00-\x7f]*$/;
function foldText(text) {
  if (ASCII.test(text)) return text.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();  // the common case, 10x faster
  return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().replace(/[^\p{L}\p{N}]+/gu, " ").trim();
}

// True when a and b differ by at most one edit (insert, delete, substitute, swap).
function withinOne(a, b) {
  if (a === b) return true;
  var la = a.length, lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  var i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;                       // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);  // swap
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}

// How well one query word matches one word of a name: 3 equal, 2 prefix, 1 inside or one typo.
function wordScore(w, nw) {
  if (nw === w) return 3;
  if (nw.lastIndexOf(w, 0) === 0) return 2;
  if (w.length >= 3 && nw.indexOf(w) >= 0) return 1;
  if (w.length >= 4 && (withinOne(w, nw) || (nw.length > w.length && withinOne(w, nw.slice(0, w.length))))) return 1;
  return 0;
}

// A name's score for the query's words (0: some word does not match), any order.
function nameMatch(name, words, whole) {
  var total = 0;
  for (var k = 0; k < words.length; k++) {
    var best = 0;
    for (var j = 0; j < name.words.length && best < 3; j++) best = Math.max(best, wordScore(words[k], name.words[j]));
    if (!best) return name.joined.indexOf(whole.replace(/ /g, "")) >= 0 && whole.length >= 3 ? 4 : 0;  // "transkorean"
    total += best;
  }
  return total * 10 + (name.text === whole ? 40 : name.text.lastIndexOf(whole, 0) === 0 ? 20 : 0);
}

function entityOf(id) { return byId.get(id) || UNLINKED.find(function (n) { return n.id === id; }); }
// The quotes folded for search: a few thousand at a time while the page is idle after
// loading, so the first search does not pay for all of them (150 ms at 10,000 articles).
var foldedUpTo = 0;
function foldQuotes(upto) {
  if (!foldedQuotes) foldedQuotes = new Array(STATEMENTS.length);
  for (; foldedUpTo < Math.min(upto, STATEMENTS.length); foldedUpTo++) {
    foldedQuotes[foldedUpTo] = " " + foldText(quoteOf(STATEMENTS[foldedUpTo])) + " ";
  }
}
function prepareSearch() {
  if (!nameIndex) { buildNameIndex(); }
  else foldQuotes(foldedUpTo + 3000);
  if (foldedUpTo < STATEMENTS.length) (window.requestIdleCallback || setTimeout)(prepareSearch);
}
function buildNameIndex() {
  nameIndex = NODES.concat(UNLINKED).map(function (n) {
    return { node: n, names: n.key.split("|").map(function (text) { return { text: text, words: text.split(" "), joined: text.replace(/ /g, "") }; }) };
  });
}

var TERMS = /^(type|country|year|rel|relation|status):(.+)$/i;
// The structured terms of a query as tests on entities and on statements.
function parseQuery(text) {
  var free = [], tests = [], labels = [];
  text.trim().split(/\s+/).forEach(function (token) {
    var m = TERMS.exec(token);
    if (!m) { free.push(token); return; }
    var kind = m[1].toLowerCase(), value = foldText(m[2]);
    if (kind === "type") {
      var types = TYPES.filter(function (t) { return foldText(t.id).lastIndexOf(value, 0) === 0; }).map(function (t) { return t.id; });
      tests.push({ node: function (n) { return types.indexOf(n.type) >= 0; } });
    } else if (kind === "country") {
      var cs = data.countries.filter(function (c) { return foldText(c.id) === value || foldText(c.label).lastIndexOf(value, 0) === 0; }).map(function (c) { return c.id; });
      tests.push({ node: function (n) { return cs.indexOf(n.nationId) >= 0; } });
    } else if (kind === "year") {
      var ys = m[2].split("-").map(Number), lo = ys[0], hi = ys.length > 1 ? ys[1] : ys[0];
      tests.push({ statement: function (s) { return s.year >= lo && s.year <= hi; } });
    } else if (kind === "status") {
      tests.push({ statement: function (s) { return s.status.lastIndexOf(value, 0) === 0; } });
    } else {
      var rels = RELATIONS.filter(function (r) { return foldText(r.id) === value || foldText(r.label) === value; }).map(function (r) { return r.id; });
      tests.push({ statement: function (s) { return rels.indexOf(s.rel.id) >= 0; } });
    }
    labels.push(kind + ":" + m[2]);
  });
  var whole = foldText(free.join(" "));
  return { words: whole ? whole.split(" ") : [], whole: whole, tests: tests, terms: labels };
}

// An entity passes a statement test when one of its statements does.
function entityPasses(n, tests) {
  return tests.every(function (t) {
    if (t.node) return t.node(n);
    return n.statements.some(function (k) { return t.statement(STATEMENTS[k]); });
  });
}
function statementPassesTerms(s, tests) {
  return tests.every(function (t) { return t.statement ? t.statement(s) : s.partyList.some(t.node); });
}

function searchAll(text) {
  var q = parseQuery(text);
  if (!q.words.length && !q.tests.length) return [];
  if (!nameIndex) buildNameIndex();
  var found = [];
  nameIndex.forEach(function (entry) {
    var n = entry.node, best = 0, via = "";
    if (q.words.length) {
      entry.names.forEach(function (name, i) {
        var sc = nameMatch(name, q.words, q.whole) - (i ? 5 : 0);
        if (sc > best) { best = sc; via = i ? n.aliases[i - 1] : ""; }
      });
    } else best = 1;
    if (best > 0 && entityPasses(n, q.tests)) found.push({ kind: "node", node: n, score: best + Math.min(9, Math.log2(1 + n.statements.length)), via: via });
  });
  if (q.whole.length >= 3) {
    foldQuotes(STATEMENTS.length);
    var hits = 0;
    for (var k = 0; k < STATEMENTS.length && hits < MAX_RESULTS; k++) {
      var quote = foldedQuotes[k];
      if (q.words.every(function (w) { return quote.indexOf(" " + w) >= 0; }) && statementPassesTerms(STATEMENTS[k], q.tests)) {
        found.push({ kind: "statement", s: STATEMENTS[k], score: 20 - hits / 100 }); hits++;
      }
    }
  }
  found.sort(function (a, b) { return b.score - a.score || (a.kind === "node" && b.kind === "node" ? (a.node.label < b.node.label ? -1 : 1) : 0); });
  return found.slice(0, MAX_RESULTS);
}

function nodeHiddenBy(n) {
  if (n.unlinked) return "";
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
      var count = r.node.statements.length;
      b.setAttribute("data-node", r.node.id);
      b.appendChild(el("span", r.node.label, "who"));
      b.appendChild(el("span", " " + r.node.type + (r.via ? " · also “" + r.via + "”" : "") + " · " +
        (count ? count + " statements" : "no statements"), "meta"));
    } else {
      b.setAttribute("data-statement", r.s.id);
      b.appendChild(el("span", headline(r.s), "who"));
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

// An entity the corpus names but no statement links: what is known of it, said plainly.
function showUnlinked(n) {
  var box = $("details");
  box.replaceChildren();
  box.appendChild(el("h2", n.label));
  var dl = el("dl");
  [["Type", n.type], ["Country", n.country || "—"], ["Also known as", n.aliases.join("\n") || "—"], ["Statements", "none"]].forEach(function (pair) {
    dl.appendChild(el("dt", pair[0])); dl.appendChild(el("dd", pair[1]));
  });
  box.appendChild(dl);
  box.appendChild(el("p", "No statement in this page links " + n.label + " to another entity, so it is not drawn.", "hint"));
  $("status").textContent = n.label + " has no statements.";
}

// Open a result; when a filter hides it, widen only what hides it (and say so).
function pick(r, hidden, keepList) {
  if (!keepList) $("results").hidden = true;
  if (r.kind === "node" && r.node.unlinked) { showUnlinked(r.node); return; }
  if (hidden) {
    if (r.kind === "node") state.types.add(r.node.type);
    var statements = r.kind === "node" ? r.node.statements.map(function (k) { return STATEMENTS[k]; }) : [r.s];
    if (!statements.some(function (s) { return state.relations.has(s.rel.id); })) statements.forEach(function (s) { state.relations.add(s.rel.id); });
    var ys = statements.map(function (s) { return s.year; });
    if (!statements.some(function (s) { return s.year >= state.since && s.year <= state.until; })) {
      state.since = Math.min(state.since, Math.min.apply(null, ys)); state.until = Math.max(state.until, Math.max.apply(null, ys));
    }
    if (statements.every(function (s) { return s.undated; })) state.undated = true;
    widenFacets(statements);
    syncControls(); refresh({ fit: false });
    $("status").textContent = "Filters widened to show it (" + hidden + ").";
  } else $("status").textContent = "";
  if (r.kind === "node") selectNode(r.node.id, { focus: true });
  else if (selectStatement(r.s)) { var e = r.s.pairList[0]; network.focus(e[0].id, { animation: false }); }
}

// The attribute filters that hide every one of these statements are lifted (only those).
function widenFacets(statements) {
  if (state.statuses && !statements.some(function (s) { return state.statuses.has(s.status); })) state.statuses = null;
  if (state.outlets && !statements.some(function (s) { return state.outlets.has(s.art.outlet); })) state.outlets = null;
  if (state.by && !statements.some(function (s) { return state.by.has(s.byId); })) state.by = null;
  if (state.countries.length && !statements.some(function (s) {
    return s.pairList.some(function (p) { return pairPasses(p[0], p[1]); });
  })) state.countries = [];
}

function buildSearch() {
  var input = $("search");
  (window.requestIdleCallback || setTimeout)(prepareSearch);
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
