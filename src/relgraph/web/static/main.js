// The annotation page: state, the queue of changes, and the glue between parts.
import { get, pageUrl, post, token } from "./api.js";
import { clear, el, show } from "./dom.js";
import { composer } from "./compose.js";
import { loadChoices, openEditor } from "./editor.js";
import { renderCounts, renderItems } from "./items.js";
import { bindKeys } from "./keys.js";
import { Palette } from "./palette.js";
import { toggleHelp } from "./panels.js";
import { highlight, renderReader } from "./reader.js";
import { Saver } from "./save.js";
import { watchSelection } from "./selection.js";
import { renderSource } from "./source.js";

const $ = (id) => document.getElementById(id);
const state = { id: null, doc: null, etag: null, view: null, current: null, dirty: false, conflict: false, selection: null };

// Changes run one after another, so fast keystrokes act on the state the previous one left.
// body[data-idle] says when nothing is queued or waiting to be saved (tests wait for it).
let chain = Promise.resolve();
let pending = 0;
function settle() {
  document.body.dataset.idle = String(pending === 0 && !state.dirty && !saver.timer);
}
function queue(task) {
  pending += 1;
  settle();
  chain = chain
    .then(task)
    .catch((error) => show("notice", error.message + (error.hint ? ` (${error.hint})` : ""), "error"))
    .finally(() => {
      pending -= 1;
      settle();
    });
  return chain;
}

function report(status, message) {
  $("status").textContent = status;
  $("status").dataset.state = status;
  document.body.dataset.saved = status === "saved" ? "true" : "false";
  if (message) show("notice", message, "error");
}

const saver = new Saver(state, queue, report);
const palette = new Palette(document.getElementById("palette"), (predicate) => queue(() => claimFromSelection(predicate)));

// The accept-all threshold comes from the reliability table measured on the dev set.
function calibrate(table) {
  const found = Object.values(table.accept_above).filter((t) => t !== null);
  $("threshold").value = found.length ? String(Math.min(...found)) : "1";
  $("calibration").textContent = found.length
    ? `(${table.set}: ≥ ${Math.round(table.target * 100)} % right from here)`
    : `(${table.set}: no confidence was ≥ ${Math.round(table.target * 100)} % right)`;
}

function itemByKey(key) {
  return state.view.items.find((i) => i.key === key) || null;
}

function render() {
  renderReader(state.view, $("reader"));
  renderItems(state.view, $("items"), state.current);
  renderCounts(state.view, $("counts"), $("article-problems"));
  $("title").textContent = state.view.title || state.id;
  document.title = `${state.view.title || state.id} — relgraph annotate`;
  setCurrent(state.current);
  document.body.dataset.suggestions = String(state.view.suggestions);
  if (!$("source").hidden) queue(() => renderSource(state, $("source"), pull));
}

function setCurrent(key, scroll = true) {
  state.current = key;
  for (const node of $("items").querySelectorAll("[aria-current]")) node.removeAttribute("aria-current");
  const node = $("items").querySelector(`[data-key="${CSS.escape(key || "")}"]`);
  if (node) {
    node.setAttribute("aria-current", "true");
    if (scroll) node.scrollIntoView({ block: "nearest" });
  }
  highlight($("reader"), itemByKey(key));
  const quote = $("reader").querySelector(".quote.lit");
  if (quote && scroll) quote.scrollIntoView({ block: "nearest" });
}

// The next suggestion after position `from` (wrapping), else the item there.
function nextSuggestion(from) {
  const items = state.view.items;
  for (let step = 0; step < items.length; step += 1) {
    const item = items[(from + step) % items.length];
    if (item.suggested) return item.key;
  }
  return items.length ? items[Math.min(from, items.length - 1)].key : null;
}

// Every change can be undone (u), back to the document as the page opened it.
const history = [];

async function change(op) {
  const result = await post(`/api/op/${encodeURIComponent(state.id)}`, { doc: state.doc, op });
  history.push({ doc: state.doc, current: state.current });
  state.doc = result.doc;
  state.view = result.view;
  show("notice", "");
  saver.changed();
}

function position() {
  return Math.max(0, state.view.items.findIndex((i) => i.key === state.current));
}

const { claimFromSelection, roleFromSelection, quoteFromSelection, editMetadata, editEntities, entityFromSelection, claimIds, previewItem, reload } =
  composer({ state, change, render, itemByKey, history, saver, report });

const actions = {
  accept: () =>
    queue(async () => {
      const item = itemByKey(state.current);
      if (!item || !item.suggested) return;
      const at = position();
      await change({ op: "accept", kind: item.kind, index: item.index });
      state.current = nextSuggestion(at);
      render();
    }),
  reject: () =>
    queue(async () => {
      const item = itemByKey(state.current);
      if (!item) return;
      const at = position();
      await change({ op: "reject", kind: item.kind, index: item.index });
      state.current = state.view.items.length ? nextSuggestion(Math.min(at, state.view.items.length - 1)) : null;
      render();
    }),
  edit: () => queue(() => editCurrent()),
  next: () => move(1),
  previous: () => move(-1),
  acceptAbove: () =>
    queue(async () => {
      const threshold = Number($("threshold").value);
      await change({ op: "accept_above", threshold });
      state.current = nextSuggestion(position());
      render();
    }),
  claimFromSelection: () => queue(() => claimFromSelection()),
  entityFromSelection: () => queue(() => entityFromSelection()),
  save: () => queue(() => saver.save()),
  undo: () =>
    queue(async () => {
      const last = history.pop();
      if (!last) return show("notice", "nothing to undo", "info");
      if (last.entity !== undefined) {
        await saver.save(); // the article as the page holds it, before the files go back
        await post("/api/entity-undo", { undo: last.entity });
        await reload();
        state.current = last.current;
        show("notice", `undone: ${last.title}`, "info");
        render();
        return;
      }
      const result = await post(`/api/view/${encodeURIComponent(state.id)}`, { doc: last.doc });
      Object.assign(state, { doc: last.doc, view: result.view, current: last.current });
      saver.changed();
      render();
    }),
  roleFromSelection: () => queue(() => roleFromSelection()),
  quoteFromSelection: () => queue(() => quoteFromSelection()),
  metadata: () => queue(() => editMetadata()),
  entities: () => queue(() => editEntities()),
  page: () => {
    if (!$("source").hidden) {
      $("source").hidden = true;
      return;
    }
    queue(() => renderSource(state, $("source"), pull));
  },
  help: () => toggleHelp(),
  escape: () => palette.close(),
  digit: (n) => palette.digit(n, Boolean(state.selection && state.selection.ok)),
};

function move(step) {
  const items = state.view.items;
  if (!items.length) return;
  const at = items.findIndex((i) => i.key === state.current);
  const next = at < 0 ? 0 : Math.min(items.length - 1, Math.max(0, at + step));
  setCurrent(items[next].key);
}

async function editCurrent() {
  const item = itemByKey(state.current);
  if (!item) return;
  const fields = await openEditor({
    title: `Edit ${item.kind === "roles" ? "role" : "claim"} ${item.fields.id ?? ""}`,
    kind: item.kind,
    fields: item.fields,
    quote: item.fields.quote,
    published: state.doc.published,
    labels: item.labels,
    claimIds: claimIds(),
    preview: (f) => previewItem({ op: "edit", kind: item.kind, index: item.index, fields: f }, item.kind, item.index),
  });
  if (!fields) return;
  await change({ op: "edit", kind: item.kind, index: item.index, fields });
  render();
  setCurrent(item.key);
}

async function pull(block) {
  await queue(async () => {
    await change({ op: "pull", ...block });
    render();
  });
}

// Where quotes overlap, the shortest (most specific) one is meant.
function itemAt(span) {
  const keys = span.dataset.items.split(" ");
  const length = (k) => (itemByKey(k)?.fields.quote || "").length;
  return keys.reduce((best, k) => (length(k) < length(best) ? k : best));
}

function bindPointer() {
  $("items").addEventListener("click", (event) => {
    const entry = event.target.closest("[data-key]");
    if (!entry) return;
    setCurrent(entry.dataset.key, false);
    const action = event.target.closest("[data-action]");
    if (action) actions[action.dataset.action]();
  });
  $("items").addEventListener("mouseover", (event) => {
    const entry = event.target.closest("[data-key]");
    highlight($("reader"), itemByKey(entry ? entry.dataset.key : state.current));
  });
  $("reader").addEventListener("mouseover", (event) => {
    const span = event.target.closest("[data-items]");
    const key = span ? itemAt(span) : state.current;
    highlight($("reader"), itemByKey(key));
    for (const node of $("items").querySelectorAll(".hovered")) node.classList.remove("hovered");
    if (span) {
      for (const k of span.dataset.items.split(" ")) {
        const node = $("items").querySelector(`[data-key="${CSS.escape(k)}"]`);
        if (node) node.classList.add("hovered");
      }
    }
  });
  $("reader").addEventListener("click", (event) => {
    const span = event.target.closest("[data-items]");
    if (span && window.getSelection().isCollapsed) setCurrent(itemAt(span));
  });
  $("accept-above").addEventListener("click", () => actions.acceptAbove());
}

async function openArticle(id) {
  state.id = id;
  const opened = await get(`/api/article/${encodeURIComponent(id)}`);
  Object.assign(state, { doc: opened.doc, etag: opened.etag, view: opened.view });
  const kept = saver.restorable(opened.etag);
  if (kept && JSON.stringify(kept) !== JSON.stringify(opened.doc)) {
    state.doc = kept;
    state.view = (await post(`/api/view/${encodeURIComponent(id)}`, { doc: kept })).view;
    show("notice", "restored changes that were not saved when this page was last closed", "info");
    saver.changed();
  } else {
    report("saved");
  }
  state.current = nextSuggestion(0);
  const choices = await loadChoices();
  palette.setFamilies(choices.families);
  state.paletteHint = palette.hint();
  calibrate(choices.calibration);
  $("app").hidden = false;
  render();
  bindKeys(actions);
  bindPointer();
  watchSelection($("reader"), $("selection"), state);
  saver.watch();
  settle();
  document.body.dataset.ready = "true";
}

async function openList() {
  const data = await get("/api/articles");
  $("list").hidden = false;
  $("keys").hidden = true;
  $("home").hidden = true;
  const list = $("articles");
  clear(list);
  for (const a of data.articles) {
    const count = a.error ? "unreadable" : a.suggestions ? `${a.suggestions} awaiting review` : "reviewed";
    list.append(el("li", {}, el("a", { href: pageUrl(a.id) }, a.id), ` — ${a.title || ""} `, el("span", { class: "badge" }, count)));
  }
  document.body.dataset.ready = "true";
}

$("home").href = `/?token=${encodeURIComponent(token)}`;
const match = window.location.pathname.match(/^\/article\/([^/]+)$/);
(match ? openArticle(decodeURIComponent(match[1])) : openList()).catch((error) => {
  show("notice", error.message, "error");
  document.body.dataset.ready = "error";
});
