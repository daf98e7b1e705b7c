// Selecting text in the article: as you select, the server says whether the
// words are unique in text and captions (a usable quote).
import { post } from "./api.js";
import { el, clear } from "./dom.js";

export function selectedText(reader) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || !selection.rangeCount) return "";
  const range = selection.getRangeAt(0);
  if (!reader.contains(range.commonAncestorContainer)) return "";
  return selection.toString();
}

export function watchSelection(reader, box, state) {
  let timer = null;
  let seq = 0;
  document.addEventListener("selectionchange", () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      const text = selectedText(reader);
      const mine = ++seq;
      if (!text.trim()) {
        state.selection = null;
        box.hidden = true;
        return;
      }
      let status;
      try {
        status = await post(`/api/quote/${encodeURIComponent(state.id)}`, { doc: state.doc, text });
      } catch (error) {
        status = { ok: false, count: 0, message: `not checked: ${error.message}` };
      }
      if (mine !== seq) return;
      state.selection = { text, ...status };
      clear(box);
      box.append(
        el("q", {}, text),
        el("div", { class: status.ok ? "ok" : "error", id: "quote-status" }, status.message),
        el(
          "div",
          { class: "hint" },
          status.ok
            ? `${state.paletteHint || ""} · c: new claim · o: new role · q: quote of the current item · n: new entity or alias`
            : "n: new entity or alias",
        ),
      );
      box.hidden = false;
    }, 120);
  });
}
