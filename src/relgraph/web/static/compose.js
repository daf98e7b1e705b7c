// Composing from the text: claims, roles, quotes and entities from a selection, the
// article's metadata and entity edits. Each works on the page's state through `ctx`
// (state, change, render, itemByKey, history, saver, report), so main.js stays the glue.
import { get, post } from "./api.js";
import { show } from "./dom.js";
import { openEditor, openEntityForm } from "./editor.js";
import { openEntities, openMetadata } from "./panels.js";
import { mentionsIn } from "./reader.js";
import { selectedText } from "./selection.js";

const $ = (id) => document.getElementById(id);

export function composer(ctx) {
  const { state, change, render, itemByKey, history, saver, report } = ctx;

  function claimIds() {
    return (state.doc.claims || []).map((c) => c.id).filter(Boolean);
  }

  // check's messages for the item an operation would leave (the dialog shows them live).
  async function previewItem(op, kind, index) {
    try {
      const result = await post(`/api/op/${encodeURIComponent(state.id)}`, { doc: state.doc, op });
      const items = result.view.items.filter((i) => i.kind === kind);
      const item = index === null ? items[items.length - 1] : items.find((i) => i.index === index);
      return item ? item.problems : [];
    } catch (error) {
      return [{ message: error.message, hint: error.hint }];
    }
  }

  // What is selected now, checked by the server (the status shown may lag a fast hand).
  async function usableSelection(what) {
    const live = selectedText($("reader"));
    if (live && (!state.selection || state.selection.text !== live)) {
      const status = await post(`/api/quote/${encodeURIComponent(state.id)}`, { doc: state.doc, text: live });
      state.selection = { text: live, ...status };
    }
    const text = state.selection && state.selection.text;
    if (!text) {
      show("notice", `select the words of the ${what} in the text first`, "error");
      return null;
    }
    if (!state.selection.ok) {
      show("notice", state.selection.message, "error");
      return null;
    }
    return text;
  }

  async function claimFromSelection(predicate = "") {
    const text = await usableSelection("claim");
    if (!text) return;
    const guess = async (p) =>
      (await post(`/api/quote/${encodeURIComponent(state.id)}`, { doc: state.doc, text, predicate: p })).guess;
    const fields = await openEditor({
      title: "New claim",
      kind: "claims",
      fields: { predicate },
      quote: text,
      published: state.doc.published,
      guess,
      claimIds: claimIds(),
      ready: Boolean(predicate),
      preview: (f) => previewItem({ op: "add", kind: "claims", fields: { ...f, quote: text } }, "claims", null),
    });
    if (!fields) return;
    await change({ op: "add", kind: "claims", fields: { ...fields, quote: text } });
    state.current = `claims:${state.view.items.filter((i) => i.kind === "claims").length - 1}`;
    window.getSelection().removeAllRanges();
    render();
  }

  async function roleFromSelection() {
    const text = await usableSelection("role");
    if (!text) return;
    const found = mentionsIn($("reader"));
    const person = found.find((m) => m.type === "Person");
    const of = found.find((m) => m.type === "Country" || m.type === "Organization");
    const fields = await openEditor({
      title: "New role",
      kind: "roles",
      fields: { entity: person ? person.entity : "", of: of ? of.entity : "" },
      quote: text,
      published: state.doc.published,
      preview: (f) => previewItem({ op: "add", kind: "roles", fields: { ...f, quote: text } }, "roles", null),
    });
    if (!fields) return;
    await change({ op: "add", kind: "roles", fields: { ...fields, quote: text } });
    state.current = `roles:${state.view.items.filter((i) => i.kind === "roles").length - 1}`;
    window.getSelection().removeAllRanges();
    render();
  }

  async function quoteFromSelection() {
    const item = itemByKey(state.current);
    const text = await usableSelection("quote");
    if (!item || !text) return;
    await change({ op: "edit", kind: item.kind, index: item.index, fields: { quote: text } });
    window.getSelection().removeAllRanges();
    render();
  }

  async function editMetadata() {
    const labels = Object.assign({}, ...state.view.items.map((i) => i.labels));
    const fields = await openMetadata(state.doc, labels, async (f) => {
      try {
        const result = await post(`/api/op/${encodeURIComponent(state.id)}`, { doc: state.doc, op: { op: "meta", fields: f } });
        return result.view.article_problems;
      } catch (error) {
        return [{ message: error.message, hint: error.hint }];
      }
    });
    if (!fields) return;
    await change({ op: "meta", fields });
    render();
  }

  // The file as it is on disk now (after an entity edit wrote it).
  async function reload() {
    const opened = await get(`/api/article/${encodeURIComponent(state.id)}`);
    Object.assign(state, { doc: opened.doc, etag: opened.etag, view: opened.view, dirty: false });
    report("saved");
  }

  async function editEntities() {
    await saver.save(); // the edit rewrites article files: this one first gets what the page holds
    if (state.dirty || state.conflict) return show("notice", "save this article first", "error");
    const mention = mentionsIn($("reader"))[0];
    const item = itemByKey(state.current);
    const start = mention ? mention.entity : item && item.entities.length ? item.entities[0] : "";
    const labels = Object.assign({}, ...state.view.items.map((i) => i.labels));
    const done = await openEntities(start, labels);
    if (!done) return;
    history.push({ entity: done.undo, title: done.title, current: state.current });
    await reload();
    show("notice", `${done.title}: ${done.files.length} file${done.files.length === 1 ? "" : "s"} changed`, "info");
    render();
  }

  async function entityFromSelection() {
    const text = selectedText($("reader")) || (state.selection && state.selection.text) || ""; // what is selected now
    if (!text.trim()) return show("notice", "select the name in the text first", "error");
    const known = state.selection && state.selection.text === text;
    const fields = await openEntityForm(text.trim(), known ? state.selection.suggested_id : "");
    if (!fields) return;
    const added = await post("/api/entity", { fields });
    const title = fields.alias_of ? `alias “${fields.name}” of ${fields.alias_of}` : `new entity ${fields.id}`;
    history.push({ entity: added.undo, title, current: state.current });
    const result = await post(`/api/view/${encodeURIComponent(state.id)}`, { doc: state.doc });
    state.view = result.view;
    window.getSelection().removeAllRanges();
    show("notice", fields.alias_of ? `added alias “${fields.name}” to ${fields.alias_of}` : `added entity ${fields.id}`, "info");
    render();
  }

  return {
    claimFromSelection,
    roleFromSelection,
    quoteFromSelection,
    editMetadata,
    editEntities,
    entityFromSelection,
    claimIds,
    previewItem,
    reload,
  };
}
