// The article's metadata, the entity edits that reach across files, and the cheat sheet.
import { post } from "./api.js";
import { clear, el } from "./dom.js";
import { formData, loadChoices, row, runDialog, select } from "./editor.js";
import { multiPicker } from "./fields.js";
import { HELP } from "./keys.js";
import { entityPicker } from "./picker.js";

const $ = (id) => document.getElementById(id);

function text(name, value) {
  return el("input", { type: "text", name, id: `field-${name}`, value: value || "", autocomplete: "off" });
}

// Resolves to the metadata fields to set, or null. `preview(fields)` gives check's
// messages on the article with them.
export async function openMetadata(doc, labels, preview) {
  await loadChoices();
  const dateline = multiPicker("dateline", [].concat(doc.dateline || []), () => "place", () => "", labels);
  const outlet = entityPicker("outlet", doc.outlet, () => "of", () => "", labels);
  const agency = entityPicker("agency", doc.agency, () => "of", () => "", labels);
  const title = text("title", doc.title);
  const collect = () => {
    const data = formData();
    data.dateline = data.dateline ? data.dateline.split(",").filter(Boolean) : "";
    return data;
  };
  return runDialog({
    title: "The article",
    nodes: [
      row("title", title),
      row("published", text("published", doc.published)),
      row("updated", text("updated", doc.updated)),
      row("dateline", dateline.wrapper),
      row("outlet", outlet.wrapper),
      row("agency", agency.wrapper),
      row("url", text("url", doc.url)),
    ],
    focus: title,
    onInput: () => preview(collect()),
    submit: async () => collect(),
  });
}

const ACTIONS = [
  ["rename", "rename (a new name)"],
  ["retype", "retype"],
  ["country", "set the country"],
  ["alias", "add an alias"],
  ["merge", "merge into an existing entity (a stub into the real one)"],
  ["delete", "delete, with every reference to it (a garbage stub)"],
];

function drawPlan(plan) {
  const box = $("editor-plan");
  clear(box);
  box.append(
    el("h3", {}, `preview: ${plan.title}`),
    ...plan.files.map((f) => el("div", { class: "plan-file" }, el("code", {}, f.path), el("ul", {}, f.changes.map((c) => el("li", {}, c))))),
    el("p", { id: "plan-check" }, `check in these files: ${plan.problems_before} problems before, ${plan.problems_after} after`),
  );
}

// Resolves to the applied plan (with its undo number), or null.
export async function openEntities(entityId, labels) {
  const choices = await loadChoices();
  const entity = entityPicker("entity_id", entityId, () => "any", () => "", labels);
  const action = select("action", ACTIONS, "rename");
  const value = text("value", "");
  const type = select("type", choices.types.map((t) => [t, t]), "", "choose a type");
  const target = entityPicker("target", "", () => "any", () => "", labels);
  const valueRow = row("new value", value);
  const typeRow = row("type", type);
  const targetRow = row("entity", target.wrapper);
  const show = () => {
    const a = action.value;
    valueRow.hidden = !["rename", "alias"].includes(a);
    typeRow.hidden = a !== "retype";
    targetRow.hidden = !["merge", "country"].includes(a);
  };
  action.addEventListener("change", show);
  show();
  let planned = null;
  const request = () => {
    const a = action.value;
    const v = a === "retype" ? type.value : ["merge", "country"].includes(a) ? target.input.value : value.value;
    return { action: a, id: entity.input.value.trim(), value: v };
  };
  return runDialog({
    title: "Entity",
    nodes: [row("entity", entity.wrapper), row("action", action), valueRow, typeRow, targetRow],
    focus: entity.input,
    onEdit: () => {
      // a change after the preview asks for a new one (synchronously: no stale preview applies)
      planned = null;
      clear($("editor-plan"));
      $("editor-ok").textContent = "Preview (Enter)";
    },
    submit: async () => {
      const asked = request();
      if (planned && JSON.stringify(planned) === JSON.stringify(asked)) {
        return (await post("/api/entity-apply", asked)).plan;
      }
      const { plan } = await post("/api/entity-plan", asked);
      drawPlan(plan);
      planned = asked;
      $("editor-ok").textContent = "Apply (Enter)";
      $("editor-ok").focus();
      return undefined;
    },
  });
}

export function toggleHelp() {
  const box = $("help");
  if (box.open) {
    box.close();
    return;
  }
  const table = $("help-keys");
  clear(table);
  for (const [keys, does] of HELP) table.append(el("tr", {}, el("th", {}, el("kbd", {}, keys)), el("td", {}, does)));
  box.showModal();
}
