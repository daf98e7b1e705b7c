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
  o: "roleFromSelection",
  q: "quoteFromSelection",
  m: "metadata",
  E: "entities",
  p: "page",
  s: "save",
  u: "undo",
  "?": "help",
  Escape: "escape",
};

// The cheat sheet (`?`): every key and what it does.
export const HELP = [
  ["a", "accept the current suggestion and move to the next"],
  ["r", "reject it (deleted, and remembered: drafting again never brings it back)"],
  ["e", "edit it: every field, check's verdict as you type (an edited suggestion is accepted)"],
  ["j ↓ / k ↑", "next / previous item"],
  ["A", "accept every suggestion at or above the confidence in the toolbar (from the dev table)"],
  ["select, 1–6", "a claim from the selection: a digit for the predicate family, a digit for the predicate, Enter saves"],
  ["select, c", "a new claim quoting the selection (choose the predicate in the form)"],
  ["select, o", "a new role quoting the selection"],
  ["select, q", "the selection becomes the current item's quote"],
  ["select, n", "a new entity named by the selection, or an alias"],
  ["E", "entities: rename, retype, country, alias, merge a stub, delete a stub (preview, then Enter)"],
  ["m", "the article's metadata: title, published, updated, dateline, outlet, agency, url"],
  ["p", "the saved page beside the article: lost paragraphs and captions, pulled in with one click"],
  ["u, Ctrl-Z", "undo the last action (repeatable, across saves)"],
  ["s", "save now (the page saves by itself after every change)"],
  ["?", "this sheet"],
];

export function bindKeys(actions) {
  document.addEventListener("keydown", (event) => {
    const target = event.target;
    const typing = target.closest && target.closest("input, select, textarea, dialog");
    if ((event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === "z" && !typing) {
      if (document.querySelector("dialog[open]")) return;
      event.preventDefault();
      actions.undo();
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (typing) return;
    if (document.querySelector("dialog[open]")) return;
    if (/^[1-9]$/.test(event.key) && actions.digit && actions.digit(Number(event.key))) {
      event.preventDefault();
      return;
    }
    const name = KEYS[event.key];
    if (!name || !actions[name]) return;
    event.preventDefault();
    if (name !== "escape" && actions.escape) actions.escape(); // another key closes the palette
    actions[name]();
  });
}
