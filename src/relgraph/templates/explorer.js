// relgraph explorer: filters, search, details. All corpus text is set with
// textContent (never innerHTML), so nothing from an article can run as code.
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("relgraph-data").textContent);
  var byNode = new Map(data.nodes.map(function (n) { return [n.id, n]; }));
  var byClaim = new Map(data.claims.map(function (c) { return [c.id, c]; }));
  var relationInfo = new Map(data.relations.map(function (r) { return [r.id, r]; }));
  var state = {
    since: data.years[0], until: data.years[1],
    relations: new Set(data.relations.map(function (r) { return r.id; })),
    types: new Set(data.types.map(function (t) { return t.id; })),
    perClaim: false, highlighted: null
  };

  function el(tag, text, cls) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (cls) node.className = cls;
    return node;
  }
  function $(id) { return document.getElementById(id); }

  document.title = data.title;
  $("title").textContent = data.title;

  // ---- graph ----------------------------------------------------------------
  function nodeTooltip(n) {
    var box = el("div");
    box.appendChild(el("strong", n.label));
    box.appendChild(el("div", n.type + (n.country ? " · " + n.country : "")));
    return box;
  }
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    return { id: n.id, label: n.vis.label, color: n.vis.color, shape: n.vis.shape, size: n.vis.size,
             title: nodeTooltip(n), hidden: false };
  }));
  var edges = new vis.DataSet([]);
  var network = new vis.Network($("graph"), { nodes: nodes, edges: edges }, data.options);

  function claimVisible(c) {
    var y = Number(c.year);
    return y >= state.since && y <= state.until && state.relations.has(c.relation) &&
      state.types.has(byNode.get(c.source).type) && state.types.has(byNode.get(c.target).type);
  }

  function edgeTooltip(group) {
    var box = el("div");
    var a = byNode.get(group.from).label, b = byNode.get(group.to).label;
    box.appendChild(el("strong", a + " — " + b));
    var counts = new Map();
    group.claims.forEach(function (c) { counts.set(c.label, (counts.get(c.label) || 0) + 1); });
    counts.forEach(function (n, label) { box.appendChild(el("div", label + (n > 1 ? " ×" + n : ""))); });
    return box;
  }

  function rebuild() {
    var groups = new Map();
    data.claims.forEach(function (c) {
      if (!claimVisible(c)) return;
      var pair = [c.source, c.target].sort();
      var key = state.perClaim ? "claim:" + c.id : pair.join("|");
      var g = groups.get(key);
      if (!g) { g = { id: key, from: c.source, to: c.target, claims: [] }; groups.set(key, g); }
      g.claims.push(c);
    });
    var list = [];
    groups.forEach(function (g) {
      var tally = new Map();
      g.claims.forEach(function (c) { tally.set(c.relation, (tally.get(c.relation) || 0) + 1); });
      var main = Array.from(tally.entries()).sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : 1); })[0][0];
      var directed = g.claims.every(function (c) { return c.source === g.from && c.target === g.to; });
      var dashed = g.claims.every(function (c) { return c.status !== "asserted"; });
      list.push({
        id: g.id, from: g.from, to: g.to, color: { color: relationInfo.get(main).color, highlight: "#000" },
        width: 1 + Math.log2(g.claims.length) * 1.5, dashes: dashed,
        arrows: directed && g.claims[0].relation !== "met" ? "to" : "",
        label: g.claims.length > 1 ? String(g.claims.length) : undefined,
        title: edgeTooltip(g)
      });
    });
    edges.clear();
    edges.add(list);
    var active = new Set();
    list.forEach(function (e) { active.add(e.from); active.add(e.to); });
    nodes.update(data.nodes.map(function (n) {
      return { id: n.id, hidden: !(state.types.has(n.type) && active.has(n.id)) };
    }));
    $("counts").textContent = visibleNodeIds().length + " entities · " + list.length + " edges · " +
      list.reduce(function (s, e) { return s + groups.get(e.id).claims.length; }, 0) + " statements";
    edgeClaims = new Map();
    groups.forEach(function (g) { edgeClaims.set(g.id, g.claims); });
  }
  var edgeClaims = new Map();

  function visibleNodeIds() {
    return nodes.get({ filter: function (n) { return !n.hidden; } }).map(function (n) { return n.id; });
  }

  // ---- details panel ----------------------------------------------------------
  function showNode(id) {
    var n = byNode.get(id), box = $("details");
    box.replaceChildren();
    box.appendChild(el("h2", n.label));
    var dl = el("dl");
    [["Type", n.type], ["Country", n.country || "—"], ["Also known as", n.aliases.join("\n") || "—"],
     ["Relations", String(n.degree)]].forEach(function (pair) {
      dl.appendChild(el("dt", pair[0])); dl.appendChild(el("dd", pair[1]));
    });
    box.appendChild(dl);
    if (n.roles.length) {
      box.appendChild(el("h2", "Roles over time"));
      n.roles.forEach(function (r) {
        var item = el("div", null, "claim");
        item.appendChild(el("div", r.role + (r.of ? ", " + r.of : "")));
        item.appendChild(el("div", (r.date || r.year) + " · " + r.outlet + ", “" + r.article_title + "”", "meta"));
        item.appendChild(el("blockquote", r.quote));
        box.appendChild(item);
      });
    }
  }

  function showEdge(id) {
    var claims = (edgeClaims.get(id) || []).slice().sort(function (a, b) {
      return (a.date || a.published) < (b.date || b.published) ? -1 : 1;
    });
    var box = $("details");
    box.replaceChildren();
    if (!claims.length) return;
    var first = claims[0];
    box.appendChild(el("h2", byNode.get(first.source).label + " — " + byNode.get(first.target).label));
    box.appendChild(el("p", claims.length + (claims.length > 1 ? " statements" : " statement"), "meta"));
    claims.forEach(function (c) {
      var item = el("div", null, "claim");
      item.setAttribute("data-statement", c.statement);
      var head = el("div");
      head.appendChild(el("strong", byNode.get(c.source).label + " " + c.label + " " + byNode.get(c.target).label));
      item.appendChild(head);
      var dl = el("dl");
      var rows = [["Date", c.date || "undated (article " + c.published + ")"], ["Place", c.place || "—"],
                  ["Status", c.status]];
      if (c.attributed_to) rows.push(["According to", c.attributed_to]);
      if (c.detail) rows.push(["Detail", c.detail]);
      if (c.role) rows.push(["Role", c.role]);
      rows.forEach(function (pair) {
        dl.appendChild(el("dt", pair[0]));
        dl.appendChild(el("dd", pair[1], pair[0] === "Status" ? "status-" + c.status : undefined));
      });
      item.appendChild(dl);
      item.appendChild(el("div", c.outlet + ", “" + c.article_title + "”, " + c.published, "meta"));
      item.appendChild(el("blockquote", c.quote));
      box.appendChild(item);
    });
  }

  // ---- neighbour highlighting ---------------------------------------------------
  function highlight(id) {
    var keep = new Set(id ? network.getConnectedNodes(id).concat([id]) : []);
    nodes.update(data.nodes.map(function (n) {
      var dim = id && !keep.has(n.id);
      return { id: n.id, color: dim ? "rgba(200,200,200,0.35)" : n.vis.color,
               font: { color: dim ? "rgba(120,120,120,0.5)" : "#222" } };
    }));
    state.highlighted = id || null;
  }

  network.on("click", function (params) {
    if (params.nodes.length) { showNode(params.nodes[0]); highlight(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); highlight(null); }
    else { highlight(null); }
  });
  network.once("stabilizationIterationsDone", function () {
    network.setOptions({ physics: { enabled: false } });
    $("physics").checked = false;
    document.body.setAttribute("data-stable", "true");
  });

  // ---- controls ---------------------------------------------------------------------
  var names = [];
  data.nodes.forEach(function (n) {
    [n.label].concat(n.aliases).forEach(function (name) { names.push([name, n.id]); });
  });
  var seen = new Set();
  names.slice().sort(function (a, b) { return a[0].localeCompare(b[0]); }).forEach(function (pair) {
    if (seen.has(pair[0])) return;
    seen.add(pair[0]);
    var option = el("option");
    option.value = pair[0];
    $("names").appendChild(option);
  });

  function find(text) {
    var q = text.trim().toLowerCase();
    if (!q) return null;
    var exact = names.filter(function (p) { return p[0].toLowerCase() === q || p[1] === q; });
    var partial = names.filter(function (p) { return p[0].toLowerCase().indexOf(q) >= 0; });
    var hit = exact[0] || partial[0];
    return hit ? hit[1] : null;
  }
  function search() {
    var id = find($("search").value);
    if (!id) { $("search-status").textContent = "No entity matches “" + $("search").value + "”."; return null; }
    $("search-status").textContent = "";
    if (nodes.get(id).hidden) { resetFilters(); }
    network.selectNodes([id]);
    network.focus(id, { scale: 1.4, animation: false });
    showNode(id); highlight(id);
    return id;
  }
  $("search-go").addEventListener("click", search);
  $("search").addEventListener("keydown", function (e) { if (e.key === "Enter") { e.preventDefault(); search(); } });
  $("search").addEventListener("change", search);

  ["since", "until"].forEach(function (which) {
    var input = $(which);
    input.min = data.years[0]; input.max = data.years[1]; input.value = state[which];
    $(which + "-out").textContent = state[which];
    input.addEventListener("input", function () {
      state[which] = Number(input.value);
      if (state.since > state.until) {
        if (which === "since") { state.until = state.since; $("until").value = state.until; }
        else { state.since = state.until; $("since").value = state.since; }
      }
      $("since-out").textContent = state.since; $("until-out").textContent = state.until;
      rebuild();
    });
  });

  function checkbox(container, item, set, swatchClass) {
    var label = el("label");
    var box = el("input");
    box.type = "checkbox"; box.checked = true; box.value = item.id;
    box.addEventListener("change", function () {
      if (box.checked) set.add(item.id); else set.delete(item.id);
      rebuild();
    });
    var swatch = el("span", null, "swatch " + (swatchClass || ""));
    swatch.style.background = item.color;
    label.appendChild(box); label.appendChild(swatch); label.appendChild(el("span", item.label || item.id));
    container.appendChild(label);
  }
  data.relations.forEach(function (r) { checkbox($("relations"), r, state.relations); });
  data.types.forEach(function (t) { checkbox($("types"), t, state.types, "dot"); });
  function setAll(container, set, items, on) {
    container.querySelectorAll("input").forEach(function (b) { b.checked = on; });
    set.clear(); if (on) items.forEach(function (i) { set.add(i.id); });
    rebuild();
  }
  $("relations-all").addEventListener("click", function () { setAll($("relations"), state.relations, data.relations, true); });
  $("relations-none").addEventListener("click", function () { setAll($("relations"), state.relations, data.relations, false); });
  $("per-claim").addEventListener("change", function () { state.perClaim = $("per-claim").checked; rebuild(); });
  $("physics").addEventListener("change", function () { network.setOptions({ physics: { enabled: $("physics").checked } }); });

  function resetFilters() {
    state.since = data.years[0]; state.until = data.years[1];
    $("since").value = state.since; $("until").value = state.until;
    $("since-out").textContent = state.since; $("until-out").textContent = state.until;
    document.querySelectorAll("#relations input, #types input").forEach(function (b) { b.checked = true; });
    data.relations.forEach(function (r) { state.relations.add(r.id); });
    data.types.forEach(function (t) { state.types.add(t.id); });
    rebuild();
  }
  $("reset").addEventListener("click", function () {
    resetFilters(); highlight(null); network.unselectAll(); network.fit();
    $("details").replaceChildren(el("p", "Click a node or an edge to see its details and sources.", "hint"));
  });

  rebuild();
  // For people who script the page (and for relgraph's browser tests).
  window.relgraphExplorer = {
    network: network, nodes: nodes, edges: edges, state: state, search: function (t) { $("search").value = t; return search(); },
    visibleNodeIds: visibleNodeIds,
    visibleEdgeIds: function () { return edges.getIds(); },
    claimsOf: function (edgeId) {
      return (edgeClaims.get(edgeId) || []).map(function (c) {
        return { statement: c.statement, year: Number(c.year), relation: c.relation };
      });
    }
  };
})();
