// Fields that hold more than one id, and attributions that may be unnamed sources.
import { clear, el } from "./dom.js";
import { entityPicker } from "./picker.js";

// Several entities (participants, denied_by): chips, and a search that adds one on Enter.
// A hidden input named `name` holds the ids, comma-joined, for the form.
export function multiPicker(name, values, slotOf, predicateOf, labels = {}) {
  const ids = [...values];
  const hidden = el("input", { type: "hidden", name, id: `field-${name}`, value: ids.join(",") });
  const chips = el("span", { class: "chips", id: `chips-${name}` });
  const search = entityPicker(`${name}-add`, "", slotOf, predicateOf, labels, (r) => {
    add(r.id, `${r.name} (${r.type})`);
    search.set("", "");
    return true;
  });
  search.input.removeAttribute("name"); // the search box is not a field of the item
  search.input.placeholder = "add: type a name, Enter";

  function draw() {
    hidden.value = ids.join(",");
    clear(chips);
    for (const id of ids) {
      const remove = el("button", { type: "button", class: "chip-x", "aria-label": `remove ${id}` }, "×");
      remove.addEventListener("click", () => {
        ids.splice(ids.indexOf(id), 1);
        draw();
        hidden.dispatchEvent(new Event("change", { bubbles: true }));
      });
      chips.append(el("span", { class: "chip", "data-id": id, title: labels[id] || id }, id, remove));
    }
  }

  function add(id, label) {
    if (!id || ids.includes(id)) return;
    ids.push(id);
    if (label) labels[id] = label;
    draw();
    hidden.dispatchEvent(new Event("change", { bubbles: true }));
  }

  search.input.addEventListener("keydown", (event) => {
    if (event.key === "Backspace" && !search.input.value && ids.length) {
      ids.pop();
      draw();
    }
  });
  draw();
  return { wrapper: el("div", { class: "multi" }, chips, search.wrapper, hidden), add, ids };
}

// asserted_by: an entity id, or an unnamed source (format v3): a description as the
// text gives it ("Western diplomat in Moscow"), with the entity above as its
// affiliation and an optional country.
export function sourceField(name, value, labels = {}) {
  const named = typeof value === "string" ? value : value && value.affiliation ? value.affiliation : "";
  const picker = entityPicker(name, named, () => "asserted_by", () => "", labels);
  picker.input.placeholder = "who says so: a person, country or organisation";
  const unnamed = el("input", {
    type: "text",
    name: `${name}_unnamed`,
    id: `field-${name}-unnamed`,
    placeholder: "or an unnamed source: Western diplomat in Moscow",
    value: value && typeof value === "object" ? value.unnamed || "" : "",
    autocomplete: "off",
  });
  const country = entityPicker(`${name}_country`, value && typeof value === "object" ? value.country || "" : "", () => "of", () => "", labels);
  country.input.placeholder = "its country (optional)";
  const shown = el("span", { class: "shown-as", id: `shown-${name}` });
  const say = () => {
    shown.textContent = unnamed.value.trim() ? `shown as “an unnamed ${unnamed.value.trim()}”` : "";
  };
  unnamed.addEventListener("input", say);
  say();
  return {
    wrapper: el("div", { class: "source" }, picker.wrapper, unnamed, country.wrapper, shown),
    value() {
      const description = unnamed.value.trim();
      if (!description) return picker.input.value.trim();
      const source = { unnamed: description };
      if (picker.input.value.trim()) source.affiliation = picker.input.value.trim();
      if (country.input.value.trim()) source.country = country.input.value.trim();
      return source;
    },
  };
}
