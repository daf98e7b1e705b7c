"""Metadata and text kept by ``relgraph draft``, page by page, on the dev set and the
bundled pages (the metadata/text columns of the drafting evaluation).

The dev set (``../shared/corpus/dev``, 14 pages with gold) is labelled "dev": its
failures were looked at while writing the rules. The five bundled pages are
in-sample (their curated articles were read while writing them).

    .venv/bin/python bench/draft_meta.py [--dev ../shared/corpus/dev] [--pages ../shared/corpus]
        [--unseen DIR]
"""

from __future__ import annotations

import argparse
import datetime as dt
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from relgraph.corpus.names import fold
from relgraph.corpus.registry import Registry
from relgraph.corpus.validate import load_corpus
from relgraph.draft.assemble import Draft, draft_article
from relgraph.draft.page import read_page

REFERENCE = dt.date(2026, 11, 30)  # the drafts' "today": later than every page


@dataclass(frozen=True)
class MetaRow:
    """One page's metadata and text kept against its gold."""

    page: str
    published: tuple[str, str]  # (drafted, gold)
    dateline: tuple[str, str]
    outlet: tuple[str, str]
    quotes_found: int
    quotes: int
    seconds: float
    notes: tuple[str, ...] = ()

    def right(self, field: str) -> bool:
        got, gold = getattr(self, field)
        return bool(got == gold)


def collapse(text: str) -> str:
    return " ".join(text.split())


def _name(entity: str | None, draft: Draft, registry: Registry) -> str:
    """The name a reader sees for an entity id (a stub's name, or the registry's)."""
    if entity is None:
        return ""
    for stub in draft.suggestions.stubs:
        if stub.id == entity:
            return stub.name
    known = registry.get(entity)
    return known.name if known is not None else entity


def _plain(name: str) -> str:
    folded = fold(name)
    return folded[4:] if folded.startswith("the ") else folded


def _kept(draft: Draft, quotes: list[str]) -> int:
    """Gold quotes found verbatim (whitespace collapsed) in the draft's text or captions."""
    haystack = collapse(" \n ".join((draft.text, *draft.captions)))
    return sum(1 for q in quotes if collapse(q) in haystack)


def meta_row(
    path: Path,
    registry: Registry,
    published: str,
    datelines: list[str],
    outlet: str,
    quotes: list[str],
) -> MetaRow:
    start = time.perf_counter()
    draft = draft_article(read_page(path), registry, path.name, REFERENCE)
    seconds = time.perf_counter() - start
    m = draft.metadata
    got_places = sorted(_plain(_name(d, draft, registry)) for d in m.datelines)
    got_outlets = [_plain(_name(x, draft, registry)) for x in (m.outlet, m.agency) if x]
    gold_outlet = _plain(outlet)
    outlet_cell = gold_outlet if gold_outlet in got_outlets else " + ".join(got_outlets)
    return MetaRow(
        path.name,
        (m.published.isoformat(), published),
        (", ".join(got_places), ", ".join(sorted(_plain(d) for d in datelines))),
        (outlet_cell, gold_outlet),
        _kept(draft, quotes),
        len(quotes),
        seconds,
        m.warnings,
    )


def dev_rows(dev: Path, registry: Registry) -> list[MetaRow]:
    """Every dev page against its ``.gold.yaml``; the quotes of its facts and roles."""
    rows = []
    for gold_path in sorted(dev.glob("*.gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text(encoding="utf-8"))
        quotes = [f["quote"] for f in gold.get("facts", []) if f.get("quote")]
        quotes += [r["quote"] for r in gold.get("roles", []) if r.get("quote")]
        rows.append(
            meta_row(
                dev / gold["page"],
                registry,
                str(gold["published"]),
                [str(d) for d in gold.get("dateline", [])],
                str(gold["outlet"]),
                quotes,
            )
        )
    return rows


def bundled_rows(corpus_dir: Path, pages: Path) -> list[MetaRow]:
    """The bundled pages against their curated articles (in-sample); text kept counts
    the curated paragraphs and captions found in the draft."""
    corpus = load_corpus(corpus_dir)
    registry = Registry(corpus.entities)
    names = {e.id: e.name for e in corpus.entities}
    rows = []
    for article in corpus.articles:
        page = pages / Path(article.source or "").name
        outlet = names.get(article.agency or "", "") if article.outlet == "unnamed_wire" else ""
        gold_paragraphs = [p for p in article.text.split("\n\n") if p.strip()]
        rows.append(
            meta_row(
                page,
                registry,
                article.published.iso,
                [names[d] for d in article.datelines],
                outlet or names[article.outlet],
                [*gold_paragraphs, *article.captions],
            )
        )
    return rows


def meta_table(rows: list[MetaRow], label: str) -> str:
    """A per-page Markdown table and the totals, labelled with the set's name."""
    lines = [
        f"| page ({label}) | published | dateline | outlet | text kept | s |",
        "|---|---|---|---|---|---|",
    ]

    def cell(row: MetaRow, field: str) -> str:
        got, gold = getattr(row, field)
        return f"{got or '–'} ✓" if row.right(field) else f"{got or '–'} ✗ (gold {gold or '–'})"

    for row in rows:
        kept = f"{row.quotes_found}/{row.quotes}"
        lines.append(
            f"| {row.page} | {cell(row, 'published')} | {cell(row, 'dateline')} "
            f"| {cell(row, 'outlet')} | {kept} | {row.seconds:.2f} |"
        )
    n = len(rows)
    total = (
        f"| **{label}: {n} pages** | {sum(r.right('published') for r in rows)}/{n} "
        f"| {sum(r.right('dateline') for r in rows)}/{n} "
        f"| {sum(r.right('outlet') for r in rows)}/{n} "
        f"| {sum(r.quotes_found for r in rows)}/{sum(r.quotes for r in rows)} "
        f"| {max((r.seconds for r in rows), default=0.0):.2f} max |"
    )
    return "\n".join([*lines, total])


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("data"))
    parser.add_argument("--dev", type=Path, default=Path("../shared/corpus/dev"))
    parser.add_argument("--pages", type=Path, default=Path("../shared/corpus"))
    parser.add_argument(
        "--unseen",
        type=Path,
        default=None,
        help="a folder of pages no one on the team has read, with .gold.yaml files as in dev",
    )
    parser.add_argument("--notes", action="store_true", help="print each page's warnings")
    args = parser.parse_args()
    registry = Registry(load_corpus(args.corpus).entities)
    # start-up (imports, ontology, trigger patterns) is paid once, before timing
    draft_article(read_page(sorted(args.dev.glob("*.txt"))[0]), registry, "x", REFERENCE)
    dev = dev_rows(args.dev, registry)
    print(meta_table(dev, "dev"))
    print()
    print(meta_table(bundled_rows(args.corpus, args.pages), "bundled, in-sample"))
    if args.unseen is not None:
        print()
        print(meta_table(dev_rows(args.unseen, registry), "unseen"))
    if args.notes:
        for row in dev:
            for note in row.notes:
                print(f"{row.page}: {note}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
