"""How long reviewing a draft to its gold takes in ``relgraph annotate``: the Keystroke-Level Model.

For every page of the development set (``../shared/corpus/dev/``, each with a gold
file) this drafts the page into a scratch corpus with the project's registry,
opens the article in ``relgraph annotate`` in Debian's Chromium, and reviews it to
the gold with a script that uses the page as a person would, counting every
operator it uses:

- each suggestion: one mental preparation (M) and one key, ``a`` if the gold has
  it (bench/draft_gold.py's matcher), else ``r``;
- each gold fact the draft missed whose parties are in the registry and whose quote
  is in the article: a selection by drag (P B P B), M, the family digit and the
  predicate digit (2 K), then, for each field the form did not fill in as the gold
  says, a click (P B) and the id or date typed (one K a character, Enter), M, Enter;
- each missed role likewise (select, ``o``, the title typed, Enter);
- a wrong ``published`` date: ``m``, Tab, the date typed, Enter.

These are done in the browser for real, and the saved article is scored again at
the end. What the script cannot do for real is *charged* by a fixed sequence
(labelled in the table): a fact or role naming an entity the registry lacks (the
name selected, ``n``, the type chosen, Enter: M + P B P B + 4 K, then as above), a
fact whose quote the draft lost (``p``, M, one click: P B B), a garbage stub (``E``,
its id typed, the action chosen, Enter twice: 2 M + 7 K + the id).

Operator times are the Keystroke-Level Model's (Card, Moran & Newell, "The
Keystroke-Level Model for User Performance Time with Interactive Systems", CACM
23(7), 1980; and *The Psychology of Human-Computer Interaction*, 1983): K = 0.28 s
(an average non-secretarial typist, about 40 words a minute), P = 1.1 s, B = 0.1 s
(a button press or release), H = 0.4 s, M = 1.35 s. Reading the article: 230 words a
minute. Every figure is **dev** (the drafter and this script were written looking
at these pages). Needs bench/draft_gold.py; re-run after the drafter changes:

    .venv/bin/python bench/review_time.py [--dev ../shared/corpus/dev] [--page dev13]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import threading
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from draft_gold import Names, _garbage, _matches, gold_pages  # bench/draft_gold.py
from playwright.sync_api import sync_playwright
from rapidfuzz import fuzz

from relgraph.annotate.choices import FAMILIES
from relgraph.annotate.session import Annotator
from relgraph.corpus.names import fold
from relgraph.draft.run import load_registry
from relgraph.rdf.vocabulary import load_vocabulary
from relgraph.web.annotate import make_server

ROOT = Path(__file__).resolve().parent.parent
SECONDS = {"K": 0.28, "P": 1.1, "B": 0.1, "H": 0.4, "M": 1.35}
WPM = 230
CHROMIUM = "/usr/bin/chromium"
SELECT_JS = (ROOT / "tests" / "annotating.py").read_text(encoding="utf-8")
SELECT_JS = SELECT_JS[SELECT_JS.index('SELECT_JS = """') + 15 : SELECT_JS.index('}"""') + 1]


@dataclass
class Tally:
    """Operators used (done) and charged (not scripted), and what was done."""

    done: Counter[str] = field(default_factory=Counter)
    charged: Counter[str] = field(default_factory=Counter)
    events: Counter[str] = field(default_factory=Counter)

    def add(self, ops: str, charged: bool = False) -> None:
        (self.charged if charged else self.done).update(ops.replace(" ", ""))

    def seconds(self) -> float:
        both = self.done + self.charged
        return sum(SECONDS[k] * n for k, n in both.items())


def family_keys(predicate: str) -> tuple[int, int] | None:
    for f, (_, members) in enumerate(FAMILIES, 1):
        if predicate in members:
            return f, members.index(predicate) + 1
    return None


class Resolver:
    """A gold name as a registry id (the matcher of bench/draft_gold.py, the other way)."""

    def __init__(self, root: Path) -> None:
        self.registry = load_registry(root)
        self.names = Names(self.registry, SimpleNamespace(suggestions=SimpleNamespace(stubs=())))

    def id_of(self, name: Any) -> str | None:
        if name is None:
            return None
        hits = [e.id for e in self.registry.entities if self.names.same(e.id, str(name))]
        return hits[0] if hits else None


def judge(
    resolver: Resolver, view: dict[str, Any], gold: dict[str, Any]
) -> tuple[list[bool], list[Any], list[Any]]:
    """Right or wrong for each item in panel order; the gold facts and roles left over."""
    vocab = load_vocabulary()
    free = list(gold.get("facts") or [])
    free_roles = list(gold.get("roles") or [])
    verdicts = []
    for item in view["items"]:
        f = item["fields"]
        if item["kind"] == "roles":
            hit = next(
                (
                    g
                    for g in free_roles
                    if resolver.names.same(f.get("entity"), str(g["person"]))
                    and fuzz.token_set_ratio(fold(str(g["title"])), fold(str(f.get("title")))) >= 85
                ),
                None,
            )
            if hit is not None:
                free_roles.remove(hit)
        else:
            parts = f.get("participants") or [f.get("subject")]
            claim = SimpleNamespace(
                predicate=f.get("predicate"), participants=parts, object=f.get("object")
            )
            spec = vocab.predicates.get(str(f.get("predicate")))
            symmetric = bool(spec and spec.symmetric)
            hit = next((g for g in free if _matches(resolver.names, claim, g, symmetric)), None)
            if hit is not None:
                free.remove(hit)
        verdicts.append(hit is not None)
    return verdicts, free, free_roles


def squash(text: str) -> str:
    return " ".join(text.split())


def review_page(
    browser: Any, page_path: Path, gold: dict[str, Any], registry: Path
) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "corpus"
        root.mkdir()
        shutil.copy(registry / "entities.yaml", root / "entities.yaml")
        app = Annotator(root)
        article = app.draft(page_path)
        opened = app.open(article)
        doc = opened["doc"]
        resolver = Resolver(root)
        verdicts, missed, missed_roles = judge(resolver, opened["view"], gold)
        held = (
            squash(doc.get("text", ""))
            + "\n"
            + "\n".join(squash(c) for c in doc.get("captions") or [])
        )
        words = len(held.split())
        tally = Tally()
        server = make_server(app)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        context.set_default_timeout(15_000)
        tab = context.new_page()
        try:
            tab.goto(server.url(article))
            tab.wait_for_selector("body[data-ready=true]")
            for right in verdicts:  # the page moves to the next suggestion after each
                tally.add("M K")
                tab.keyboard.press("a" if right else "r")
                tally.events["accepted" if right else "rejected"] += 1
            tab.wait_for_selector("body[data-idle=true] #status[data-state=saved]")
            if str(doc.get("published")) != str(gold["published"]):
                tally.add("K M K K K" + " K" * 10 + " K")
                tab.keyboard.press("m")
                tab.wait_for_selector("dialog#editor[open]")
                tab.keyboard.press("Tab")
                tab.keyboard.press("Control+a")
                tab.keyboard.type(str(gold["published"]))
                tab.keyboard.press("Enter")
                tab.wait_for_selector("dialog#editor", state="hidden")
                tally.events["metadata fixed"] += 1
            for fact in missed:
                add_fact(tab, tally, resolver, fact, held, gold)
            for role in missed_roles:
                add_role(tab, tally, resolver, role, held)
            known = load_registry(registry)
            for stub in load_registry(root).entities:
                if stub.id not in known and _garbage(stub.name):
                    tally.add("K M" + " K" * (len(stub.id) + 7) + " M", charged=True)
                    tally.events["garbage stub (charged)"] += 1
            tab.wait_for_selector("body[data-idle=true] #status[data-state=saved]")
        finally:
            context.close()
            server.shutdown()
            server.server_close()
        final = app.open(article)
        _, left, left_roles = judge(resolver, final["view"], gold)
    facts = len(gold.get("facts") or [])
    return {
        "page": page_path.name,
        "words": words,
        "tally": tally,
        "reached": (facts - len(left), facts),
        "roles": (len(gold.get("roles") or []) - len(left_roles), len(gold.get("roles") or [])),
    }


def _set(tab: Any, tally: Tally, selector: str, value: str) -> None:
    """A click into the field, the id typed, Tab (Enter would submit an id no entry fits)."""
    tally.add("P B" + " K" * (len(value) + 1))
    tab.fill(selector, "")
    tab.click(selector)
    tab.keyboard.type(value)
    tab.keyboard.press("Tab")


def add_fact(
    tab: Any,
    tally: Tally,
    resolver: Resolver,
    fact: dict[str, Any],
    held: str,
    gold: dict[str, Any],
) -> None:
    quote = squash(str(fact["quote"]))
    parts = [str(p) for p in fact.get("participants") or [fact.get("subject")]]
    ids = [resolver.id_of(p) for p in parts]
    obj = fact.get("object")
    obj_id = resolver.id_of(obj) if obj is not None else None
    keys = family_keys(str(fact["predicate"]))
    unknown = [p for p, i in zip(parts, ids, strict=True) if i is None] + (
        [obj] if obj is not None and obj_id is None else []
    )
    if quote not in held:
        tally.add("K M P B B", charged=True)  # p, then "pull in" on the lost block
        tally.events["lost text pulled (charged)"] += 1
    for _ in unknown:
        tally.add("M P B P B K K K K", charged=True)
        tally.events["entity created (charged)"] += 1
    if unknown or quote not in held or held.count(quote) != 1 or keys is None or len(ids) > 2:
        # the fact itself, charged as the scripted path would do it (two fields set)
        tally.add("P B P B M K K M" + " P B" + " K" * 8 + " M K", charged=True)
        tally.events["fact added (charged)"] += 1
        return
    if not select(tab, quote):
        tally.add("P B P B M K K M" + " P B" + " K" * 8 + " M K", charged=True)
        tally.events["fact added (charged)"] += 1
        return
    tally.add("P B P B M K K")
    tab.keyboard.press(str(keys[0]))
    tab.keyboard.press(str(keys[1]))
    tab.wait_for_selector("dialog#editor[open][data-filled=true]")
    tally.add("M")
    want_subject = ids[0] or ""
    want_object = ids[1] if len(ids) == 2 else obj_id or ""
    if tab.input_value("#field-subject") != want_subject:
        _set(tab, tally, "#field-subject", want_subject)
    if (tab.input_value("#field-object") or "") != want_object:
        if want_object:
            _set(tab, tally, "#field-object", want_object)
        else:
            tally.add("P B K K")
            tab.fill("#field-object", "")
    date = fact.get("date")
    if date is not None:
        resolved = tab.locator(".resolved").first.text_content() or ""
        if resolved.removeprefix("= ") != str(date):
            tally.add("P B" + " K" * len(str(date)))
            tab.fill("#field-date", str(date))
    status = str(fact.get("status") or "asserted")
    if status != "asserted":
        tally.add("P B P B")
        tab.select_option("#field-status", status)
    by = resolver.id_of(fact.get("asserted_by"))
    if by:
        _set(tab, tally, "#field-asserted_by", by)
    tally.add("K")
    close(tab)
    tally.events["fact added"] += 1


def select(tab: Any, quote: str) -> bool:
    """Select the quote in the article as a drag would; whether the page finds it usable."""
    tab.evaluate("() => window.getSelection().removeAllRanges()")
    tab.wait_for_selector("#selection", state="hidden")
    try:
        tab.evaluate(SELECT_JS, quote)
        tab.wait_for_selector("#selection #quote-status", timeout=5_000)
    except Exception:  # not in the page as one run of text (it spans a paragraph break)
        return False
    status = tab.locator("#quote-status")
    return "ok" in (status.get_attribute("class") or "")


def close(tab: Any) -> None:
    """OK; a form the server refuses (an entity of the wrong type, say) is cancelled."""
    tab.click("#editor-ok")
    try:
        tab.wait_for_selector("dialog#editor", state="hidden", timeout=5_000)
    except Exception:
        print("  refused:", tab.text_content("#editor-error"), tab.text_content("#editor-checks"))
        tab.keyboard.press("Escape")
        tab.wait_for_selector("dialog#editor", state="hidden")


def add_role(tab: Any, tally: Tally, resolver: Resolver, role: dict[str, Any], held: str) -> None:
    quote = squash(str(role["quote"]))
    person = resolver.id_of(role["person"])
    title = str(role["title"])
    if person is None or held.count(quote) != 1:
        if person is None:
            tally.add("M P B P B K K K K", charged=True)
            tally.events["entity created (charged)"] += 1
        tally.add("P B P B M K" + " K" * (len(title) + 1), charged=True)
        tally.events["role added (charged)"] += 1
        return
    if not select(tab, quote):
        tally.add("P B P B M K" + " K" * (len(title) + 1), charged=True)
        tally.events["role added (charged)"] += 1
        return
    tally.add("P B P B M K")
    tab.keyboard.press("o")
    tab.wait_for_selector("dialog#editor[open]")
    if tab.input_value("#field-entity") != person:
        _set(tab, tally, "#field-entity", person)
    tally.add("P B" + " K" * len(title))
    tab.fill("#field-title", title)
    of = resolver.id_of(role.get("of"))
    if of and tab.input_value("#field-of") != of:
        _set(tab, tally, "#field-of", of)
    tally.add("M K")
    close(tab)
    tally.events["role added"] += 1


def minutes(s: float) -> str:
    return f"{s / 60:.1f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=Path("/work/shared/corpus/dev"))
    parser.add_argument("--corpus", type=Path, default=ROOT / "data")
    parser.add_argument("--page", default="", help="only pages whose name starts with this")
    parser.add_argument("--label", default="dev", help="the set's label in the table (unseen…)")
    args = parser.parse_args()
    rows = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for page_path, gold in gold_pages(args.dev):
            if page_path.name.startswith(args.page):
                rows.append(review_page(browser, page_path, gold, args.corpus))
        browser.close()
    print(
        f"| page ({args.label}) | words | read | K / P / B / M done | charged (not scripted) | KLM "
        "| total | facts / roles reached |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        t: Tally = r["tally"]
        read = r["words"] / WPM * 60
        d, c = t.done, t.charged
        done = f"{d['K']} / {d['P']} / {d['B']} / {d['M']}"
        charged = f"{sum(c.values())} operators, {sum(SECONDS[k] * n for k, n in c.items()):.0f} s"
        print(
            f"| {r['page']} | {r['words']} | {minutes(read)} min | {done} | {charged} | "
            f"{minutes(t.seconds())} min | **{minutes(read + t.seconds())} min** | "
            f"{r['reached'][0]}/{r['reached'][1]} / {r['roles'][0]}/{r['roles'][1]} |"
        )
    total_words = sum(r["words"] for r in rows)
    total = sum(r["words"] / WPM * 60 + r["tally"].seconds() for r in rows)
    if total_words:
        print(
            f"\n- per 400 words ({args.label}): {minutes(total / total_words * 400)} min, "
            "reading included"
        )
    events: Counter[str] = Counter()
    for r in rows:
        events.update(r["tally"].events)
    print(f"- actions ({args.label}): " + ", ".join(f"{k} {v}" for k, v in sorted(events.items())))


if __name__ == "__main__":
    main()
