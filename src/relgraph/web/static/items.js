// The panel of roles and claims: one entry per item, check's messages beside it.
import { clear, el } from "./dom.js";

function label(item, id) {
  const name = item.labels[id];
  return name ? `${name}` : id;
}

function summary(item) {
  const f = item.fields;
  if (item.kind === "roles") {
    const of = f.of ? ` of ${label(item, f.of)}` : "";
    return `${label(item, f.entity || "?")}: ${f.title || "?"}${of}`;
  }
  const subject = Array.isArray(f.participants)
    ? f.participants.map((p) => label(item, p)).join(", ")
    : label(item, f.subject || "?");
  const object = f.object ? ` → ${label(item, f.object)}` : f.about ? ` → claim ${f.about}` : "";
  return `${subject} —${f.predicate || "?"}${object}`;
}

function dateLine(item) {
  const d = item.date;
  if (!d.written) return null;
  const resolved = d.iso ? (d.iso === d.written ? "" : ` = ${d.iso}`) : ` (${d.error})`;
  return el("span", { class: "date" }, `date: ${d.written}${resolved}`);
}

function problems(list) {
  if (!list.length) return null;
  return el(
    "ul",
    { class: "problems" },
    list.map((p) => el("li", {}, `line ${p.line}: ${p.message}`, p.hint ? ` (${p.hint})` : "")),
  );
}

export function renderItems(view, list, current) {
  clear(list);
  for (const item of view.items) {
    const f = item.fields;
    const dev = item.dev ? ` · dev ${item.dev.right}/${item.dev.drafted} right` : "";
    const status = item.suggested
      ? el("span", { class: "badge suggested", title: item.dev ? `of the suggestions at ${item.dev.band} on the dev set` : null }, `suggested ${f.confidence ?? ""}${dev}`.trim())
      : el("span", { class: "badge reviewed" }, "reviewed");
    const extra = [f.status && f.status !== "asserted" ? f.status : null, f.place && `in ${label(item, f.place)}`]
      .filter(Boolean)
      .join(" · ");
    const entry = el(
      "li",
      {
        class: `item ${item.suggested ? "is-suggested" : ""} ${item.problems.length ? "has-problems" : ""}`,
        "data-key": item.key,
        "aria-current": item.key === current ? "true" : null,
        tabindex: "-1",
      },
      el("div", { class: "head" }, el("strong", {}, `${item.kind === "roles" ? "role" : "claim"} ${f.id ?? ""}`), " ", status),
      el("div", { class: "summary" }, summary(item)),
      dateLine(item),
      extra ? el("div", { class: "extra" }, extra) : null,
      el("q", { class: item.quote_found ? "quote-text" : "quote-text missing" }, f.quote ?? ""),
      problems(item.problems),
      el(
        "div",
        { class: "actions" },
        item.suggested ? el("button", { type: "button", "data-action": "accept" }, "accept (a)") : null,
        el("button", { type: "button", "data-action": "reject" }, item.suggested ? "reject (r)" : "delete (r)"),
        el("button", { type: "button", "data-action": "edit" }, "edit (e)"),
      ),
    );
    list.append(entry);
  }
}

export function renderCounts(view, node, articleProblems) {
  const n = view.suggestions;
  node.textContent = `${view.items.length} items, ${n} awaiting review`;
  clear(articleProblems);
  for (const p of view.registry_problems) articleProblems.append(el("li", {}, p));
  for (const p of view.article_problems) {
    articleProblems.append(el("li", {}, `line ${p.line}: ${p.message}`, p.hint ? ` (${p.hint})` : ""));
  }
}
