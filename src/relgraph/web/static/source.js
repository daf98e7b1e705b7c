// The saved page beside the article: its text block by block, what the article
// keeps marked, what it lost (a paragraph or caption dropped by the drafter)
// pulled in with one click (or Tab to the button, Enter).
import { post } from "./api.js";
import { clear, el } from "./dom.js";

export async function renderSource(state, node, onPull) {
  const data = await post(`/api/page/${encodeURIComponent(state.id)}`, { doc: state.doc });
  clear(node);
  const lost = data.blocks.filter((b) => !b.kept && b.prose).length;
  node.append(
    el("h3", {}, `saved page: ${data.source}`),
    el("p", { class: "hint", id: "source-summary" }, `${lost} paragraph${lost === 1 ? "" : "s"} or caption${lost === 1 ? "" : "s"} of running prose not in the article`),
  );
  let after = null; // the last block before this one that the article text holds
  for (const block of data.blocks) {
    const classes = ["block", block.kept ? "kept" : "lost", block.prose ? "prose" : "chrome"].join(" ");
    const entry = el("div", { class: classes }, el("span", { class: "mark" }, block.kept ? `✓ ${block.in}` : "not in the article"), " ", block.text);
    if (!block.kept && block.prose) {
      const previous = after;
      for (const [label, where] of [
        ["pull in as a paragraph", "paragraph"],
        ["as a caption", "caption"],
      ]) {
        const button = el("button", { type: "button", "data-pull": where }, label);
        button.addEventListener("click", () => onPull({ text: block.text, as: where, after: previous }));
        entry.append(" ", button);
      }
    }
    if (block.in === "text") after = block.text;
    node.append(entry);
  }
  node.hidden = false;
  return data;
}
