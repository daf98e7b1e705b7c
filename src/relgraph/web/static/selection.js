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

// The selection as the reader sees it now. Its status is fetched once the selection has
// settled (120 ms), so a key pressed sooner would act on the words selected before: then
// the status of the words selected now is asked for first.
export async function selectionNow(reader, state) {
  const text = selectedText(reader);
  if (!text.trim() || (state.selection && state.selection.text === text)) return state.selection;
  const status = await post(`/api/quote/${encodeURIComponent(state.id)}`, { doc: state.doc, text });
  return { text, ...status };
}

// After the selection was used: the words and their status are gone at once (the
// selectionchange that follows would hide them only after the debounce).
export function forgetSelection(box, state) {
  window.getSelection().removeAllRanges();
  state.selection = null;
  box.hidden = true;
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
      const status = await post(`/api/quote/${encodeURIComponent(state.id)}`, { doc: state.doc, text });
      if (mine !== seq) return;
      state.selection = { text, ...status };
      clear(box);
      box.append(
        el("q", {}, text),
        el("div", { class: status.ok ? "ok" : "error", id: "quote-status" }, status.message),
        el("div", { class: "hint" }, status.ok ? "c: new claim with this quote · n: new entity or alias" : "n: new entity or alias"),
      );
      box.hidden = false;
    }, 120);
  });
}
