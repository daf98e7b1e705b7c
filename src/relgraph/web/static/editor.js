// The dialog that edits an item or creates one: predicates first (found by their
// trigger words), then the entities the predicate allows, every other field of the
// format, and check's verdict on the item as it changes.
import { get } from "./api.js";
import { clear, el } from "./dom.js";
import { multiPicker, sourceField } from "./fields.js";
import { entityPicker } from "./picker.js";

const dialog = () => document.getElementById("editor");
const $ = (id) => document.getElementById(id);
let choices = null;

// Enter submits from any field, a <select> included (browsers submit only from inputs).
$("editor-form").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.tagName === "SELECT") {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
});

export async function loadChoices() {
  choices = choices || (await get("/api/choices"));
  return choices;
}

export function row(label, control, note) {
  return el("label", { class: "row" }, el("span", { class: "label" }, label), control, note || null);
}

function dateField(value, published) {
  const input = el("input", { type: "text", name: "date", id: "field-date", value: value || "", autocomplete: "off" });
  const note = el("span", { class: "resolved" });
  async function resolve() {
    if (!input.value.trim()) {
      note.textContent = "";
      return;
    }
    const q = new URLSearchParams({ written: input.value, published: published || "" });
    const d = await get(`/api/date?${q}`);
    note.textContent = d.iso ? `= ${d.iso}` : d.error || "";
    note.classList.toggle("error", !d.iso);
  }
  input.addEventListener("input", resolve);
  resolve();
  return { node: row("date (as written)", input, note), input };
}

export function select(name, options, value, blank) {
  const node = el("select", { name, id: `field-${name}` });
  if (blank !== undefined) node.append(el("option", { value: "" }, blank));
  for (const [v, text] of options) node.append(el("option", { value: v, selected: v === value }, text));
  return node;
}

function text(name, value) {
  return el("input", { type: "text", name, id: `field-${name}`, value: value || "", autocomplete: "off" });
}

// The predicate list, narrowed by what is typed: a name, a label or a trigger word ("talks").
function predicateField(value) {
  const options = choices.predicates.map((p) => [p.name, p.label && p.label !== p.name ? `${p.name} — ${p.label}` : p.name]);
  const predicate = select("predicate", options, value, "choose a predicate");
  const find = el("input", { type: "search", id: "field-predicate-find", placeholder: "find by word: talks, visit, said…", autocomplete: "off" });
  find.addEventListener("input", () => {
    const q = find.value.trim().toLowerCase();
    const fits = choices.predicates.filter(
      (p) => !q || p.name.includes(q) || (p.label || "").toLowerCase().includes(q) || (p.triggers || []).some((t) => t.includes(q)),
    );
    for (const option of predicate.options) option.hidden = option.value !== "" && !fits.some((p) => p.name === option.value);
    if (fits.length && q) predicate.value = fits[0].name;
    predicate.dispatchEvent(new Event("change"));
  });
  find.addEventListener("keydown", (event) => {
    if (event.key === "Enter") {
      event.preventDefault();
      predicate.focus();
    }
  });
  return { predicate, node: row("predicate", el("div", { class: "predicate" }, find, predicate)) };
}

function claimFields(fields, published, guess, labels, claimIds) {
  const { predicate, node } = predicateField(fields.predicate);
  const current = () => predicate.value;
  const parts = Array.isArray(fields.participants) ? fields.participants : [];
  const subject = entityPicker("subject", parts[0] || fields.subject, () => "subject", current, labels);
  const others = multiPicker("participants", parts.slice(1), () => "subject", current, labels);
  const object = entityPicker("object", fields.object, () => "object", current, labels);
  const date = dateField(fields.date, published);
  const place = entityPicker("place", fields.place, () => "place", current, labels);
  const host = entityPicker("host", fields.host, () => "host", current, labels);
  const status = select("status", choices.statuses.map((s) => [s, s]), fields.status || "asserted");
  const asserted = sourceField("asserted_by", fields.asserted_by, labels);
  const deniers = [].concat(fields.denied_by || []);
  const denied = multiPicker("denied_by", deniers.filter((v) => typeof v === "string"), () => "asserted_by", () => "", labels);
  const deniedUnnamed = deniers.filter((v) => v && typeof v === "object"); // kept as they are
  const about = select("about", claimIds.filter((id) => id !== fields.id).map((id) => [id, `claim ${id}`]), fields.about || "", "(none)");
  const detail = text("detail", fields.detail);
  let pending = Promise.resolve();
  predicate.addEventListener("change", () => {
    pending = fill();
  });
  async function fill() {
    dialog().dataset.filled = "false";
    try {
      await guessed();
    } catch (error) {
      $("editor-error").textContent = `no guesses: ${error.message}`; // the form still works
    } finally {
      dialog().dataset.filled = "true"; // the form holds its guesses (scripts wait for this)
    }
  }
  async function guessed() {
    if (!guess || !predicate.value) return;
    const found = await guess(predicate.value);
    if (found.participants && !subject.input.value) {
      subject.set(found.participants[0], found.labels[found.participants[0]]);
      for (const id of found.participants.slice(1)) others.add(id, found.labels[id]);
    }
    if (found.subject && !subject.input.value) subject.set(found.subject, found.labels[found.subject]);
    if (found.object && !object.input.value) object.set(found.object, found.labels[found.object]);
    if (found.place && !place.input.value) place.set(found.place, found.labels[found.place]);
    if (found.date && !date.input.value) {
      date.input.value = found.date;
      date.input.dispatchEvent(new Event("input", { bubbles: true }));
    }
    subject.input.dispatchEvent(new Event("change", { bubbles: true })); // check the new values
  }
  return {
    nodes: [
      node,
      row("subject", subject.wrapper),
      row("with (participants)", others.wrapper),
      row("object", object.wrapper),
      date.node,
      row("place", place.wrapper),
      row("status", status),
      row("asserted by", asserted.wrapper),
      row("denied by", denied.wrapper),
      row("host", host.wrapper),
      row("about (claim)", about),
      row("detail", detail),
    ],
    focus: predicate,
    guessed: () => pending,
    start() {
      pending = fill();
    },
    collect(data) {
      // one subject, or the subject and the others as participants: never a list as text
      const with_ = data.participants ? data.participants.split(",").filter(Boolean) : [];
      if (with_.length) {
        data.participants = [...new Set([...(data.subject || "").split(",").map((s) => s.trim()).filter(Boolean), ...with_])];
        data.subject = "";
      } else if (parts.length) data.participants = "";
      else delete data.participants;
      data.asserted_by = asserted.value();
      delete data.asserted_by_unnamed;
      delete data.asserted_by_country;
      data.denied_by = [...(data.denied_by ? data.denied_by.split(",").filter(Boolean) : []), ...deniedUnnamed];
      return data;
    },
  };
}

function roleFields(fields, published, labels) {
  const person = entityPicker("entity", fields.entity, () => "entity", () => "", labels);
  const title = text("title", fields.title);
  const of = entityPicker("of", fields.of, () => "of", () => "", labels);
  return {
    nodes: [row("person", person.wrapper), row("title", title), row("of", of.wrapper), dateField(fields.date, published).node],
    focus: fields.entity ? title : person.input,
    collect: (data) => data,
  };
}

// One dialog for every form: `submit(data)` returns the value to resolve with, or
// undefined to keep the dialog open (an error shown, or a preview to confirm).
// `onInput` runs a moment after the fields stop changing (a live check); `onEdit` at once.
export function runDialog({ title, quote = "", nodes, focus, submit, onInput, onEdit }) {
  const box = dialog();
  const form = $("editor-form");
  $("editor-title").textContent = title;
  $("editor-quote").textContent = quote ? `“${quote}”` : "";
  $("editor-error").textContent = "";
  clear($("editor-checks"));
  $("editor-ok").textContent = "OK (Enter)";
  const holder = $("editor-fields");
  clear(holder);
  holder.append(...nodes);
  box.showModal();
  focus.focus();
  if (focus.select && focus.tagName === "INPUT") focus.select(); // typing replaces it
  let timer = null;
  let seq = 0;
  // check's messages, from the latest state of the form only (answers may arrive out of order)
  const check = async () => {
    const mine = ++seq;
    let problems;
    try {
      problems = await onInput();
    } catch (error) {
      problems = [{ message: `not checked: ${error.message}` }];
    }
    if (mine === seq && box.open) showChecks(problems);
  };
  const changed = () => {
    if (onEdit) onEdit();
    clearTimeout(timer);
    if (onInput) timer = setTimeout(check, 250);
  };
  if (onInput) check();
  holder.addEventListener("input", changed);
  holder.addEventListener("change", changed);
  return new Promise((resolve) => {
    const done = (value) => {
      clearTimeout(timer);
      form.removeEventListener("submit", onSubmit);
      $("editor-cancel").removeEventListener("click", onCancel);
      box.removeEventListener("cancel", onCancel);
      holder.removeEventListener("input", changed);
      holder.removeEventListener("change", changed);
      if (box.open) box.close();
      resolve(value);
    };
    const onSubmit = async (event) => {
      event.preventDefault();
      try {
        const value = await submit();
        if (value !== undefined) done(value);
      } catch (error) {
        $("editor-error").textContent = error.message + (error.hint ? ` (${error.hint})` : "");
      }
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(null);
    };
    form.addEventListener("submit", onSubmit);
    $("editor-cancel").addEventListener("click", onCancel);
    box.addEventListener("cancel", onCancel);
  });
}

export function formData() {
  const data = {};
  for (const node of $("editor-fields").querySelectorAll("input[name], select[name]")) data[node.name] = node.value;
  return data;
}

// check's messages for the item as the form stands now, shown in the dialog.
export function showChecks(problems) {
  const list = $("editor-checks");
  clear(list);
  for (const p of problems) list.append(el("li", {}, p.message, p.hint ? ` (${p.hint})` : ""));
  list.dataset.count = String(problems.length);
}

// Resolves to the changed fields, or null when cancelled. `preview(fields)` returns
// check's problems for the item with these fields (shown live).
// With `ready`, the predicate is chosen already (the palette): the form fills in its
// guesses and OK has the focus, so Enter saves.
export async function openEditor({ title, kind, fields, quote, published, guess, labels = {}, claimIds = [], preview, ready = false }) {
  await loadChoices();
  const built = kind === "roles" ? roleFields(fields, published, labels) : claimFields(fields, published, guess, labels, claimIds);
  const collect = () => built.collect(formData());
  const shown = runDialog({
    title,
    quote,
    nodes: built.nodes,
    focus: ready ? $("editor-ok") : built.focus,
    onInput: preview ? () => preview(collect()) : null,
    submit: async () => {
      if (built.guessed) await built.guessed();
      const data = collect();
      if (kind === "claims" && !data.predicate) {
        $("editor-error").textContent = "choose a predicate";
        return undefined;
      }
      return data;
    },
  });
  if (ready && built.start) built.start();
  return shown;
}

// New entity (or a new alias of an existing one) named by the selected text.
export async function openEntityForm(name, suggestedId) {
  await loadChoices();
  const type = select("type", choices.types.map((t) => [t, t]), "", "choose a type");
  const country = entityPicker("country", "", () => "of", () => "");
  const aliasOf = entityPicker("alias_of", "", () => "any", () => "");
  return runDialog({
    title: "New entity or alias",
    nodes: [
      row("name", text("name", name)),
      row("type", type),
      row("id", text("id", suggestedId)),
      row("country", country.wrapper),
      el("p", { class: "or" }, "— or add the name as an alias of —"),
      row("existing entity", aliasOf.wrapper),
    ],
    focus: type,
    submit: async () => {
      const data = formData();
      if (!data.alias_of && !data.type) {
        $("editor-error").textContent = "choose a type, or an existing entity";
        return undefined;
      }
      return data;
    },
  });
}

export function editorError(message) {
  $("editor-error").textContent = message;
}
