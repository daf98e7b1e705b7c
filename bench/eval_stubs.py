"""How good are the new-entity stubs ``relgraph draft`` proposes? Measured on the dev set.

Every page of a folder (default: the development set, ``../shared/corpus/dev``)
is drafted against the bundled registry (``data/entities.yaml``), one run as a
user would make it: the stubs one page adds are known to the next. Each stub is
then judged against a hand-made list (``bench/stubs_dev.yaml``): for each page,
the names a reader would add to the registry from it and their type. A stub is

- **right**: a real name, with the type the list gives it;
- **mistyped**: a real name, another type;
- **garbage**: anything else (a fragment, a function word, a phrase or
  sentence, a common noun); ``--unlisted`` prints these for a human to check
  that the list lacks no real name.

The list was written from the pages (every proper name not in the registry),
not from the stubs, and it is never read by the drafter. Figures on the dev set
are labelled "dev": the stub rules were looked at against these pages' failures
(general causes fixed, never a phrase), so they are not unseen-page figures.

    .venv/bin/python bench/eval_stubs.py [--pages ../shared/corpus/dev] [--unlisted]
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import yaml

from relgraph.corpus.names import fold
from relgraph.corpus.registry import load_registry
from relgraph.draft import Stub
from relgraph.draft.assemble import draft_article
from relgraph.draft.page import read_page
from relgraph.draft.stubs import with_stubs

HERE = Path(__file__).resolve().parent
REFERENCE = dt.date(2026, 11, 30)
#: ../shared/corpus/dev beside the checkout (a worktree sits one folder deeper)
DEV = next(
    (p / "shared/corpus/dev" for p in HERE.parents if (p / "shared/corpus/dev").is_dir()),
    Path("../shared/corpus/dev"),
)


@dataclass(frozen=True)
class Judged:
    page: str
    stub: Stub
    verdict: str  # "right", "mistyped", "garbage"
    expected: str | None


def _key(name: str) -> str:
    return " ".join(fold(name).replace("-", " ").split())


def judge(stub: Stub, expected: dict[str, str]) -> tuple[str, str | None]:
    want = expected.get(_key(stub.name))
    if want is None:
        return "garbage", None
    return ("right" if stub.type in want.split("|") else "mistyped"), want


def run(pages: Path, corpus: Path, labels: Path) -> list[Judged]:
    listed = yaml.safe_load(labels.read_text(encoding="utf-8")) or {}
    registry = load_registry(corpus)
    judged = []
    for path in sorted(p for p in pages.iterdir() if p.suffix in (".txt", ".html")):
        draft = draft_article(read_page(path), registry, path.name, REFERENCE)
        expected = {_key(n): t for n, t in (listed.get(path.stem) or {}).items()}
        for stub in draft.suggestions.stubs:
            verdict, want = judge(stub, expected)
            judged.append(Judged(path.stem, stub, verdict, want))
        # one run: the next page knows this page's stubs, as `relgraph draft` does
        registry = with_stubs(registry, draft.suggestions.stubs)
    return judged


def coverage(judged: list[Judged], labels: Path) -> tuple[int, int]:
    """(listed names some stub carries, listed names): the list's names, each counted once."""
    listed = yaml.safe_load(labels.read_text(encoding="utf-8")) or {}
    names = {_key(n) for page in listed.values() for n in (page or {})}
    carried = {_key(n) for j in judged for n in (j.stub.name, *j.stub.aliases)}
    return len(names & carried), len(names)


def report(judged: list[Judged], label: str, covered: tuple[int, int]) -> str:
    counts = Counter(j.verdict for j in judged)
    total = len(judged)
    share = counts["right"] / total if total else 0.0
    lines = [
        f"new-entity stubs ({label}): {total} proposed, {counts['right']} real names of the "
        f"right type ({share:.0%}), {counts['mistyped']} real names of another type, "
        f"{counts['garbage']} garbage; {covered[0]} of the {covered[1]} listed names carried "
        "by a stub (the list gives several forms of some names: a stub carries one or two)",
        "",
        "| page | stubs | right | mistyped | garbage |",
        "|---|---|---|---|---|",
    ]
    for page in sorted({j.page for j in judged}):
        mine = Counter(j.verdict for j in judged if j.page == page)
        n = sum(mine.values())
        lines.append(
            f"| {page[:5]} | {n} | {mine['right']} | {mine['mistyped']} | {mine['garbage']} |"
        )
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=DEV)
    parser.add_argument("--corpus", type=Path, default=HERE.parent / "data")
    parser.add_argument("--labels", type=Path, default=HERE / "stubs_dev.yaml")
    parser.add_argument("--label", default="dev")
    parser.add_argument("--unlisted", action="store_true", help="print every stub not right")
    args = parser.parse_args()
    judged = run(args.pages, args.corpus, args.labels)
    print(report(judged, args.label, coverage(judged, args.labels)))
    if args.unlisted:
        for j in judged:
            if j.verdict != "right":
                s = j.stub
                print(
                    f"{j.page[:5]} {j.verdict:8} {s.type:12} {s.name!r} "
                    f"(expected {j.expected}; {s.reason})",
                    file=sys.stderr,
                )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
