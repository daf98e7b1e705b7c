// A claim from a selection in three keys: a digit picks the predicate family, a
// second digit the predicate, Enter saves the claim the form fills in from the
// mentions, date and place inside the selection.
import { clear, el } from "./dom.js";

export class Palette {
  constructor(node, onPick) {
    this.node = node;
    this.onPick = onPick;
    this.families = [];
    this.family = null;
  }

  setFamilies(families) {
    this.families = families;
  }

  // The line under a usable selection: which digit opens which family.
  hint() {
    return this.families.map((f, i) => `${i + 1} ${f.family}`).join(" · ");
  }

  // A digit: opens a family (only over a usable selection), then picks in it.
  digit(n, selectionOk) {
    if (this.family === null) {
      if (!selectionOk || !this.families[n - 1]) return false;
      this.family = this.families[n - 1];
      this.draw();
      return true;
    }
    const predicate = this.family.predicates[n - 1];
    if (!predicate) return true; // a digit past the list: stay open
    this.close();
    this.onPick(predicate);
    return true;
  }

  draw() {
    clear(this.node);
    this.node.append(
      el("strong", {}, `${this.family.family}: `),
      ...this.family.predicates.map((p, i) => el("span", { class: "choice", "data-predicate": p }, el("kbd", {}, String(i + 1)), ` ${p} `)),
      el("span", { class: "hint" }, " · Esc closes"),
    );
    this.node.hidden = false;
    this.node.dataset.family = this.family.family;
  }

  get open() {
    return this.family !== null;
  }

  close() {
    this.family = null;
    this.node.hidden = true;
    delete this.node.dataset.family;
  }
}
