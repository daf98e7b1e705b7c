// One keystroke per decision. Keys are ignored while typing in a field or
// while a dialog is open (the dialog has its own Enter / Escape).
export const KEYS = {
  a: "accept",
  r: "reject",
  e: "edit",
  j: "next",
  ArrowDown: "next",
  k: "previous",
  ArrowUp: "previous",
  A: "acceptAbove",
  c: "claimFromSelection",
  n: "entityFromSelection",
  s: "save",
  u: "undo",
};

export function bindKeys(actions) {
  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const target = event.target;
    if (target.closest && target.closest("input, select, textarea, dialog")) return;
    if (document.querySelector("dialog[open]")) return;
    const name = KEYS[event.key];
    if (!name || !actions[name]) return;
    event.preventDefault();
    actions[name]();
  });
}
