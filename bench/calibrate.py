"""What a suggestion's confidence is worth: a reliability table on the development set.

Drafts every page of the dev set (``../shared/corpus/dev/``, each with a gold
file) against the project's registry, judges each drafted claim and role right or
wrong against the gold with bench/draft_gold.py's matcher (one copy of the rules:
the same parties, predicate and title as the drafting benchmark counts), and
tabulates, per confidence band and per kind, how many were right. From the table
it picks, per kind, the lowest confidence at which the suggestions at or above it
were right at least ``TARGET`` of the time (with at least ``MIN_ITEMS`` of them):
the page's "accept all" threshold. It writes

- ``src/relgraph/annotate/calibration.json`` (read by ``relgraph annotate``), and
- the table, in Markdown, on standard output (pasted into bench/ANNOTATE.md).

Every figure is **dev**: measured on the pages the drafter's authors look at.
Re-run it whenever the drafter changes:

    .venv/bin/python bench/calibrate.py [--dev ../shared/corpus/dev] [--corpus data]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import subprocess
from collections import Counter
from pathlib import Path
from typing import Any

from draft_gold import Names, evaluate_page, gold_pages  # bench/draft_gold.py
from rapidfuzz import fuzz

from relgraph.corpus.names import fold
from relgraph.draft.run import load_registry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "relgraph" / "annotate" / "calibration.json"
REFERENCE = dt.date(2026, 11, 30)  # the drafts' "today", as in bench/draft_gold.py
BANDS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))
TARGET = 0.9
MIN_ITEMS = 10
KINDS = ("roles", "claims")

Verdict = tuple[str, float, bool]  # kind, confidence, right


def verdicts(page: Path, gold: dict[str, Any], registry: Any) -> list[Verdict]:
    """Each drafted claim and role of the page with its confidence and whether gold has it."""
    result, draft = evaluate_page(page, gold, registry, REFERENCE)
    wrong = Counter(m[1:] for m in result.misses if m[0] == "wrong")
    found: list[Verdict] = []
    for c in draft.suggestions.claims:
        key = (c.predicate, ",".join(c.participants), str(c.object), c.quote)
        right = wrong[key] == 0
        if not right:
            wrong[key] -= 1
        found.append(("claims", c.confidence, right))
    # roles: the benchmark's rule (same person, title of token-set similarity >= 85)
    names = Names(registry, draft)
    free = list(gold.get("roles") or [])
    for r in draft.suggestions.roles:
        hit = next(
            (
                g
                for g in free
                if names.same(r.entity, str(g["person"]))
                and fuzz.token_set_ratio(fold(str(g["title"])), fold(r.title)) >= 85
            ),
            None,
        )
        if hit is not None:
            free.remove(hit)
        found.append(("roles", r.confidence, hit is not None))
    return found


def _share(items: list[Verdict]) -> str:
    if not items:
        return "–"
    right = sum(v[2] for v in items)
    return f"{right}/{len(items)} ({100 * right / len(items):.0f} %)"


def threshold(items: list[Verdict]) -> float | None:
    """The lowest confidence whose suggestions at or above it are right >= TARGET."""
    for t in sorted({v[1] for v in items}):
        above = [v for v in items if v[1] >= t]
        if len(above) >= MIN_ITEMS and sum(v[2] for v in above) / len(above) >= TARGET:
            return t
    return None


def table(items: list[Verdict]) -> str:
    lines = [
        "| confidence (dev) | roles right | claims right | all right |",
        "|---|---|---|---|",
    ]
    for lo, hi in BANDS:
        band = [v for v in items if lo <= v[1] < hi]
        label = f"{lo:.1f}–{min(hi, 1.0):.1f}"
        cells = [_share([v for v in band if v[0] == k]) for k in KINDS]
        lines.append(f"| {label} | {cells[0]} | {cells[1]} | {_share(band)} |")
    high = [v for v in items if v[1] >= 0.8]
    cells = [_share([v for v in high if v[0] == k]) for k in KINDS]
    lines.append(f"| **≥ 0.8** | {cells[0]} | {cells[1]} | {_share(high)} |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dev", type=Path, default=ROOT.parent.parent / "shared/corpus/dev")
    parser.add_argument("--corpus", type=Path, default=ROOT / "data")
    args = parser.parse_args()
    dev = args.dev if args.dev.is_dir() else Path("/work/shared/corpus/dev")
    registry = load_registry(args.corpus)
    items: list[Verdict] = []
    for page, gold in gold_pages(dev):
        items.extend(verdicts(page, gold, registry))
    head = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    thresholds = {k: threshold([v for v in items if v[0] == k]) for k in KINDS}
    data = {
        "set": "dev",
        "pages": len(gold_pages(dev)),
        "drafter": head,
        "target": TARGET,
        "min_items": MIN_ITEMS,
        "accept_above": thresholds,
        "bands": [
            {
                "from": lo,
                "to": min(hi, 1.0),
                **{
                    k: [
                        sum(v[2] for v in items if v[0] == k and lo <= v[1] < hi),
                        sum(1 for v in items if v[0] == k and lo <= v[1] < hi),
                    ]
                    for k in KINDS
                },
            }
            for lo, hi in BANDS
        ],
    }
    OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    print(table(items))
    print()
    for kind in KINDS:
        t = thresholds[kind]
        said = f"{t:.2f}" if t is not None else "none (no confidence reaches it)"
        print(
            f"- accept-all threshold for {kind} (dev, ≥ {TARGET:.0%} right, ≥ {MIN_ITEMS}): {said}"
        )


if __name__ == "__main__":
    main()
