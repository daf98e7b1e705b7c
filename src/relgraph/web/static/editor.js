// The dialog that edits an item or creates one: predicates first, then the
// entities the predicate allows, the date as written with what it resolves to.
import { get } from "./api.js";
import { clear, el } from "./dom.js";
import { entityPicker } from "./picker.js";

const dialog = () => document.getElementById("editor");
let choices = null;

// Enter submits from any field, a <select> included (browsers submit only from inputs).
document.getElementById("editor-form").addEventListener("keydown", (event) => {
  if (event.key === "Enter" && event.target.tagName === "SELECT") {
    event.preventDefault();
    event.currentTarget.requestSubmit();
  }
});

export async function loadChoices() {
  choices = choices || (await get("/api/choices"));
  return choices;
}

function row(label, control, note) {
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
  return row("date (as written)", input, note);
}

function select(name, options, value, blank) {
  const node = el("select", { name, id: `field-${name}` });
  if (blank !== undefined) node.append(el("option", { value: "" }, blank));
  for (const [v, text] of options) node.append(el("option", { value: v, selected: v === value }, text));
  return node;
}

function claimFields(fields, published, guess, labels) {
  const predicate = select(
    "predicate",
    choices.predicates.map((p) => [p.name, p.label && p.label !== p.name ? `${p.name} — ${p.label}` : p.name]),
    fields.predicate,
    "choose a predicate",
  );
  const current = () => predicate.value;
  const participants = Array.isArray(fields.participants);
  const subject = entityPicker(
    participants ? "participants" : "subject",
    participants ? fields.participants.join(", ") : fields.subject,
    () => "subject",
    current,
    labels,
  );
  const object = entityPicker("object", fields.object, () => "object", current, labels);
  const place = entityPicker("place", fields.place, () => "place", current, labels);
  const status = select("status", choices.statuses.map((s) => [s, s]), fields.status || "asserted");
  predicate.addEventListener("change", async () => {
    const found = guess ? await guess(predicate.value) : { labels: {} };
    if (found.subject && !subject.input.value) subject.set(found.subject, found.labels[found.subject]);
    if (found.object && !object.input.value) object.set(found.object, found.labels[found.object]);
  });
  return {
    nodes: [
      row("predicate", predicate),
      row(participants ? "participants" : "subject", subject.wrapper),
      row("object", object.wrapper),
      dateField(fields.date, published),
      row("place", place.wrapper),
      row("status", status),
    ],
    focus: predicate,
  };
}

function roleFields(fields, published, labels) {
  const person = entityPicker("entity", fields.entity, () => "entity", () => "", labels);
  const title = el("input", { type: "text", name: "title", id: "field-title", value: fields.title || "" });
  const of = entityPicker("of", fields.of, () => "of", () => "", labels);
  return {
    nodes: [row("person", person.wrapper), row("title", title), row("of", of.wrapper), dateField(fields.date, published)],
    focus: title,
  };
}

// Resolves to the changed fields, or null when cancelled.
export async function openEditor({ title, kind, fields, quote, published, guess, labels = {} }) {
  await loadChoices();
  const box = dialog();
  const form = document.getElementById("editor-form");
  document.getElementById("editor-title").textContent = title;
  document.getElementById("editor-quote").textContent = quote ? `“${quote}”` : "";
  document.getElementById("editor-error").textContent = "";
  const holder = document.getElementById("editor-fields");
  clear(holder);
  const built =
    kind === "roles" ? roleFields(fields, published, labels) : claimFields(fields, published, guess, labels);
  holder.append(...built.nodes);
  box.showModal();
  built.focus.focus();
  return new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener("submit", onSubmit);
      document.getElementById("editor-cancel").removeEventListener("click", onCancel);
      box.removeEventListener("cancel", onCancel);
      if (box.open) box.close();
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const data = {};
      for (const node of holder.querySelectorAll("input[name], select[name]")) data[node.name] = node.value;
      if (kind === "claims" && !data.predicate) {
        document.getElementById("editor-error").textContent = "choose a predicate";
        return;
      }
      done(data);
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(null);
    };
    form.addEventListener("submit", onSubmit);
    document.getElementById("editor-cancel").addEventListener("click", onCancel);
    box.addEventListener("cancel", onCancel);
  });
}

// New entity (or a new alias of an existing one) named by the selected text.
export async function openEntityForm(name, suggestedId) {
  await loadChoices();
  const box = dialog();
  const form = document.getElementById("editor-form");
  document.getElementById("editor-title").textContent = "New entity or alias";
  document.getElementById("editor-quote").textContent = "";
  document.getElementById("editor-error").textContent = "";
  const holder = document.getElementById("editor-fields");
  clear(holder);
  const nameInput = el("input", { type: "text", name: "name", id: "field-name", value: name });
  const type = select("type", choices.types.map((t) => [t, t]), "", "choose a type");
  const idInput = el("input", { type: "text", name: "id", id: "field-id", value: suggestedId });
  const country = entityPicker("country", "", () => "of", () => "");
  const aliasOf = entityPicker("alias_of", "", () => "any", () => "");
  holder.append(
    row("name", nameInput),
    row("type", type),
    row("id", idInput),
    row("country", country.wrapper),
    el("p", { class: "or" }, "— or add the name as an alias of —"),
    row("existing entity", aliasOf.wrapper),
  );
  box.showModal();
  type.focus();
  return new Promise((resolve) => {
    const done = (value) => {
      form.removeEventListener("submit", onSubmit);
      document.getElementById("editor-cancel").removeEventListener("click", onCancel);
      box.removeEventListener("cancel", onCancel);
      if (box.open) box.close();
      resolve(value);
    };
    const onSubmit = (event) => {
      event.preventDefault();
      const data = {};
      for (const node of holder.querySelectorAll("input[name], select[name]")) data[node.name] = node.value;
      if (!data.alias_of && !data.type) {
        document.getElementById("editor-error").textContent = "choose a type, or an existing entity";
        return;
      }
      done(data);
    };
    const onCancel = (event) => {
      event.preventDefault();
      done(null);
    };
    form.addEventListener("submit", onSubmit);
    document.getElementById("editor-cancel").addEventListener("click", onCancel);
    box.addEventListener("cancel", onCancel);
  });
}

export function editorError(text) {
  document.getElementById("editor-error").textContent = text;
}
