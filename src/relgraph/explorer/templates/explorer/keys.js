// keys: the graph can be focused and walked with the keyboard. Arrow keys move from
// entity to entity (most linked first), Enter selects (Shift+Enter adds to the selection), E steps through the selected
// entity's links, + and - zoom, Escape clears. Focus is always visible (CSS).
var keyIndex = -1, keyEdge = -1;

function keyOrder() {
  var shown = new Set(nodes.getIds());
  return data.rank.map(function (i) { return NODES[i].id; }).filter(function (id) { return shown.has(id); });
}

function keyTo(id) {
  network.selectNodes([id]);
  network.focus(id, { scale: Math.max(network.getScale(), 1), animation: false });
  $("status").textContent = byId.get(id).label + " — press Enter to open, E for its links.";
}

$("graph").addEventListener("keydown", function (e) {
  var order = keyOrder();
  if (!order.length) return;
  if (e.key === "ArrowRight" || e.key === "ArrowDown" || e.key === "ArrowLeft" || e.key === "ArrowUp") {
    e.preventDefault();
    var step = e.key === "ArrowRight" || e.key === "ArrowDown" ? 1 : -1;
    keyIndex = (keyIndex + step + order.length) % order.length;
    keyEdge = -1;
    keyTo(order[keyIndex]);
  } else if (e.key === "Enter" && keyIndex >= 0) {
    e.preventDefault();
    selectNode(order[keyIndex % order.length], { add: e.shiftKey });  // Shift+Enter: add to the selection
  } else if ((e.key === "e" || e.key === "E") && state.selected) {
    e.preventDefault();
    var id = state.selected.kind === "node" ? state.selected.id : order[Math.max(0, keyIndex)];
    var own = network.getConnectedEdges(id).sort();
    if (!own.length) return;
    keyEdge = (keyEdge + 1) % own.length;
    selectEdge(own[keyEdge]);
    state.selected = { kind: "edge", id: own[keyEdge] };
    $("status").textContent = "Link " + (keyEdge + 1) + " of " + own.length + ".";
  } else if (e.key === "+" || e.key === "=") { network.moveTo({ scale: network.getScale() * 1.25 }); }
  else if (e.key === "-") { network.moveTo({ scale: network.getScale() / 1.25 }); }
  else if (e.key === "Escape") { clearSelection(); }
});

// The skip link moves focus to the statements table without touching the URL fragment.
document.querySelector(".skip").addEventListener("click", function (e) {
  e.preventDefault();
  $("table").focus();
});

// "/" moves to the search box from anywhere but a text field (as on most sites).
document.addEventListener("keydown", function (e) {
  var t = e.target, typing = t && (t.tagName === "INPUT" || t.tagName === "TEXTAREA" || t.tagName === "SELECT" || t.isContentEditable);
  if (e.key === "/" && !typing && !e.ctrlKey && !e.metaKey && !e.altKey) { e.preventDefault(); $("search").focus(); }
});
