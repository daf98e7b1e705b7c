// events: what a statement says about whom, and statements grouped into events.
// A statement with several parties ("China, Japan and South Korea met") links every
// pair of them, so it sits on several edges; it is always shown with all its parties,
// never under a heading of one pair it does not name on its own. An event is the
// statements of one relation, date and set of parties (several articles reporting
// the same meeting), listed once with each source under it.

// The parties of a statement: subjects and object when every pair points at one
// object ("Putin and Lavrov visited North Korea"), else all of them as peers.
function partiesOf(s) {
  if (s._parties) return s._parties;
  var subjects = [], object = null, peers = [];
  var oneObject = s.pairList.every(function (p) { return p[1] === s.pairList[0][1]; });
  s.pairList.forEach(function (p) {
    [p[0], p[1]].forEach(function (n) { if (peers.indexOf(n) < 0) peers.push(n); });
    if (subjects.indexOf(p[0]) < 0) subjects.push(p[0]);
  });
  if (oneObject && s.pairList.length) object = s.pairList[0][1];
  var byLabel = function (a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : 0; };
  subjects.sort(byLabel); peers.sort(byLabel);
  s._parties = object ? { subjects: subjects, object: object, all: subjects.concat([object]) }
                      : { subjects: peers, object: null, all: peers };
  return s._parties;
}

function listOf(names) {
  if (names.length <= 1) return names.join("");
  return names.slice(0, -1).join(", ") + " and " + names[names.length - 1];
}

// "A met B", "A, B and C met", "A and B visited C": every party named.
function headline(s) {
  var p = partiesOf(s), who = listOf(p.subjects.map(function (n) { return n.label; }));
  return p.object ? who + " " + s.rel.label + " " + p.object.label : who + " " + s.rel.label;
}

// Whether the statement names a and b as parties of one pair (the edge's two ends).
function names(s, a, b) {
  return s.pairList.some(function (p) { return (p[0].id === a && p[1].id === b) || (p[0].id === b && p[1].id === a); });
}

function eventKey(s) {
  var ids = partiesOf(s).all.map(function (n) { return n.id; });
  return s.rel.id + "|" + (s.date || "~" + s.year) + "|" + ids.join(",");
}

// Statements (in chronological order) grouped by event, events in order of their first statement.
function eventsOf(list) {
  var byKey = new Map(), out = [];
  list.forEach(function (s) {
    var key = eventKey(s), ev = byKey.get(key);
    if (!ev) { ev = { key: key, first: s, statements: [] }; byKey.set(key, ev); out.push(ev); }
    ev.statements.push(s);
  });
  return out;
}

// An entity's counterparts per relation: who, how many statements, first and last date.
// statements: the entity's statements to summarise (in chronological order).
function counterpartSummary(id, statements) {
  var groups = new Map();
  statements.forEach(function (s) {
    var g = groups.get(s.relation);
    if (!g) { g = { rel: s.rel, statements: 0, counterparts: new Map() }; groups.set(s.relation, g); }
    g.statements++;
    counterpartsOf(s, id).forEach(function (o) {
      var c = g.counterparts.get(o.id);
      if (!c) { c = { node: o, count: 0, first: s, last: s, list: [] }; g.counterparts.set(o.id, c); }
      c.count++; c.last = s; c.list.push(s);
    });
  });
  var order = Array.from(groups.keys()).sort(function (a, b) { return RELATIONS[a].family - RELATIONS[b].family || a - b; });
  return order.map(function (r) {
    var g = groups.get(r);
    var rows = Array.from(g.counterparts.values()).sort(function (x, y) {
      return y.count - x.count || x.first.index - y.first.index || (x.node.label < y.node.label ? -1 : x.node.label > y.node.label ? 1 : 0);
    });
    return { rel: g.rel, statements: g.statements, rows: rows };
  });
}

function shortDate(s) { return s.date || s.year + " (undated)"; }
function spanOf(first, last) {
  var a = shortDate(first), b = shortDate(last);
  return a === b ? a : a + " – " + b;
}
