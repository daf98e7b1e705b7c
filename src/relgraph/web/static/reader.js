// The article text: paragraphs and captions cut into segments at every mark
// boundary; a segment knows the entities it mentions and the items quoting it.
import { clear, el } from "./dom.js";

function segments(block) {
  const cuts = new Set([0, block.text.length]);
  for (const mark of block.marks) {
    cuts.add(mark.start);
    cuts.add(mark.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const [start, end] = [points[i], points[i + 1]];
    const over = block.marks.filter((m) => m.start <= start && m.end >= end);
    pieces.push({ text: block.text.slice(start, end), over });
  }
  return pieces;
}

// Code-point offsets (Python) -> JavaScript string indices (UTF-16).
function toUtf16(block) {
  const units = [0];
  let at = 0;
  for (const ch of block.text) {
    at += ch.length;
    units.push(at);
  }
  const marks = block.marks.map((m) => ({ ...m, start: units[m.start], end: units[m.end] }));
  return { ...block, marks };
}

export function renderReader(view, container) {
  clear(container);
  const captions = [];
  for (const raw of view.blocks) {
    const block = toUtf16(raw);
    const tag = block.kind === "caption" ? "figcaption" : "p";
    const node = el(tag, { class: block.kind, "data-block": `${block.kind}:${block.index}` });
    for (const piece of segments(block)) {
      const mention = piece.over.find((m) => m.entity);
      const items = piece.over.filter((m) => m.item).map((m) => m.item);
      if (!mention && !items.length) {
        node.append(document.createTextNode(piece.text));
        continue;
      }
      const classes = [];
      if (mention) classes.push("mention", `type-${mention.type}`);
      if (items.length) classes.push("quote");
      node.append(
        el(
          "span",
          {
            class: classes.join(" "),
            "data-entity": mention ? mention.entity : null,
            "data-items": items.length ? items.join(" ") : null,
            title: mention ? `${mention.entity} (${mention.type})` : null,
          },
          piece.text,
        ),
      );
    }
    if (block.kind === "caption") captions.push(node);
    else container.append(node);
  }
  if (captions.length) {
    container.append(el("h3", {}, "Captions"));
    for (const c of captions) container.append(c);
  }
}

// Light up one item's quote and the mentions of its entities (and nothing else).
export function highlight(container, item) {
  for (const node of container.querySelectorAll(".lit, .arg")) node.classList.remove("lit", "arg");
  if (!item) return;
  for (const node of container.querySelectorAll("[data-items]")) {
    if (node.dataset.items.split(" ").includes(item.key)) node.classList.add("lit");
  }
  for (const node of container.querySelectorAll("[data-entity]")) {
    if (item.entities.includes(node.dataset.entity)) node.classList.add("arg");
  }
}

// The entity mentions inside the current selection, in reading order.
export function mentionsIn(container) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return [];
  const range = selection.getRangeAt(0);
  return [...container.querySelectorAll("[data-entity]")]
    .filter((node) => range.intersectsNode(node))
    .map((node) => ({ entity: node.dataset.entity, type: [...node.classList].find((c) => c.startsWith("type-")).slice(5) }));
}
