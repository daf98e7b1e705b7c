// An entity field: type to search by any name or alias among the entities the
// ontology allows in this slot; Enter or a click picks; the field holds the id.
import { get } from "./api.js";
import { clear, el } from "./dom.js";

// `onPick(result)` may take the pick instead (a list that adds it as a chip): it returns true.
export function entityPicker(name, value, slotOf, predicateOf, labels = {}, onPick = null) {
  const input = el("input", { type: "text", name, id: `field-${name}`, autocomplete: "off", value: value || "" });
  input.dataset.chosen = value || "";
  const chosen = el("span", { class: "chosen" }, labels[value] || "");
  const results = el("ul", { class: "results", role: "listbox" });
  let latest = [];
  let searched = null;
  let seq = 0;

  async function search() {
    const mine = ++seq;
    const q = new URLSearchParams({ slot: slotOf(), predicate: predicateOf() || "", q: input.value });
    const data = await get(`/api/search?${q}`);
    if (mine !== seq) return latest;
    latest = data.results;
    searched = q.get("q");
    clear(results);
    for (const r of latest) {
      const option = el("li", { role: "option", "data-id": r.id }, `${r.name} `, el("small", {}, `${r.type} · ${r.id}`));
      option.addEventListener("mousedown", (event) => {
        event.preventDefault();
        pick(r);
      });
      results.append(option);
    }
    return latest;
  }

  function pick(r) {
    if (onPick && onPick(r)) {
      clear(results);
      return;
    }
    input.value = r.id;
    input.dataset.chosen = r.id;
    chosen.textContent = `${r.name} (${r.type})`;
    clear(results);
  }

  input.addEventListener("input", () => {
    input.dataset.chosen = "";
    chosen.textContent = "";
    search();
  });
  input.addEventListener("focus", () => search());
  input.addEventListener("blur", () => setTimeout(() => clear(results), 150));
  // Enter picks the best match; when nothing fits, it submits the value as typed
  // (check then says what is wrong with it).
  input.addEventListener("keydown", async (event) => {
    if (event.key !== "Enter" || !input.value || input.dataset.chosen === input.value) return;
    if (input.value.includes(",")) return; // a list of ids typed out
    if (searched === input.value && !latest.length) return;
    event.preventDefault();
    event.stopPropagation();
    const found = await search();
    const exact = found.find((r) => r.id === input.value);
    if (exact || found.length) pick(exact || found[0]);
    else if (input.form) input.form.requestSubmit();
  });

  // Fill in a value chosen elsewhere (a guess from the selected quote).
  function set(id, label) {
    input.value = id;
    input.dataset.chosen = id;
    chosen.textContent = label || "";
  }

  const wrapper = el("div", { class: "picker" }, input, chosen, results);
  return { wrapper, input, set, refresh: search };
}
