"""Evaluation of ``relgraph draft`` on three sets, each reported apart.

- **bundled (in-sample)**: the five bundled articles, leave-one-out: remove from
  the registry the entities only that article uses (and its roles), draft its
  captured page, and compare the draft with the curated annotation. The rules
  were first written from these pages, so these figures are in-sample whatever
  the registry holds.
- **dev**: the development set (``--dev``, default ``../shared/corpus/dev``),
  pages with gold files written for evaluation; its failures were read to find
  general causes, so its figures are labelled "dev" (see bench/draft_gold.py).
- **unseen**: pages nobody tuned on (``--unseen DIR``, same gold format), when
  given.

    .venv/bin/python bench/draft_eval.py [--corpus data] [--pages data/pages]
        [--dev ../shared/corpus/dev] [--unseen DIR] [--only bundled|dev|unseen] [--misses]
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import draft_gold
from rapidfuzz import fuzz

from relgraph.core.dates import resolve
from relgraph.core.model import Article, Claim, Corpus, Entity
from relgraph.corpus.names import fold
from relgraph.corpus.registry import Registry
from relgraph.corpus.validate import load_corpus
from relgraph.draft.assemble import Draft, draft_article
from relgraph.draft.page import read_page
from relgraph.rdf.vocabulary import load_vocabulary

TARGETED = ("met", "visited", "signed", "sent_message", "proposed")
OTHERS = (
    "stated_position",
    "discussed",
    "supported",
    "expressed_concern",
    "participates_in",
    "rejected",
    "considered",
    "cooperates_with",
    "conducted",
    "criticized",
    "agreed",
    "accused",
    "invited",
    "transferred",
    "urged",
    "hosted",
    "denied",
    "allied_with",
    "built",
    "sanctioned",
)
REFERENCE = dt.date(2026, 11, 30)  # the day this evaluation was first run: the drafts' "today"


def used_by(article: Article, corpus: Corpus) -> set[str]:
    ids = {article.outlet, *article.datelines}
    if article.agency:
        ids.add(article.agency)
    for c in article.claims:
        ids.update(c.participants)
        ids.update(x for x in (c.object, c.place, c.host, c.asserted_by) if x)
        ids.update(c.denied_by)
    for role in roles_of(article, corpus):
        ids.add(role[0])
        if role[2]:
            ids.add(role[2])
    return ids


def roles_of(article: Article, corpus: Corpus) -> list[tuple[str, str, str | None]]:
    found = [(r.entity, r.title, r.of) for r in getattr(article, "roles", ())]
    for e in corpus.entities:
        found += [
            (r.entity, r.title, r.of) for r in getattr(e, "roles", ()) if r.article == article.id
        ]
    return found


def stub_map(draft: Draft, held_out: list[Entity]) -> dict[str, str]:
    """Stub id -> held-out entity id, when the stub's name is one of the entity's names."""
    mapping = {}
    for stub in draft.suggestions.stubs:
        for entity in held_out:
            # "Democratic Party (United States)": the name without its explanation counts too
            plain = [n.split(" (")[0] for n in entity.names]
            names = [fold(n) for n in (*entity.names, *plain)]
            if fold(stub.name) in names or max(fuzz.ratio(fold(stub.name), n) for n in names) >= 90:
                mapping[stub.id] = entity.id
    return mapping


def claim_key(pred: str, participants: tuple[str, ...], obj: str | None) -> tuple[object, ...]:
    vocab = load_vocabulary()
    symmetric = vocab.predicates[pred].symmetric if pred in vocab.predicates else False
    if symmetric or len(participants) > 1:
        return (pred, frozenset((*participants, *([obj] if obj else []))))
    return (pred, participants[0], obj)


Score = draft_gold.Score  # one precision/recall counter for both evaluations


@dataclass
class Result:
    article: str
    metadata: dict[str, bool]
    entities: Score
    used: Score
    stubs: tuple[int, int, int]  # found, with the right type, held-out entities
    roles: Score
    claims: Score
    per_predicate: dict[str, Score]
    matched_details: Counter[str]
    seconds: float
    check_ok: bool | None = None
    problems: list[str] = field(default_factory=list)


def evaluate(article: Article, corpus: Corpus, pages: Path) -> tuple[Result, Draft, list[Entity]]:
    others = [a for a in corpus.articles if a.id != article.id]
    mine = used_by(article, corpus)
    theirs = set().union(*(used_by(a, corpus) for a in others))
    held_out = [e for e in corpus.entities if e.id in mine - theirs]
    kept = [e for e in corpus.entities if e.id not in mine - theirs]
    registry = Registry.of(kept)
    assert article.source is not None
    page = read_page(pages / Path(article.source).name)
    start = time.perf_counter()
    draft = draft_article(page, registry, f"pages/{Path(article.source).name}", REFERENCE)
    seconds = time.perf_counter() - start
    m = draft.metadata
    metadata = {
        "published": m.published.isoformat() == article.published.iso,
        "dateline": set(m.datelines) == set(article.datelines),
        "outlet": m.outlet == article.outlet and m.agency == article.agency,
    }
    mapping = stub_map(draft, held_out)
    s = draft.suggestions

    def mapped(x: str | None) -> str | None:
        return mapping.get(x, x) if x else x

    linked = {mapped(e) for e in s.mentioned} | {
        mapped(x) for x in (m.outlet, m.agency, *m.datelines) if x
    }
    linked.discard(None)
    entities = Score(len(linked & mine), len(linked - mine), len(mine - linked))
    drafted = {mapped(x) for x in (m.outlet, m.agency, *m.datelines) if x}
    for c in s.claims:
        drafted |= {mapped(x) for x in (*c.participants, c.object, c.place, c.asserted_by) if x}
    for r in s.roles:
        drafted |= {mapped(x) for x in (r.entity, r.of) if x}
    drafted.discard(None)
    used = Score(len(drafted & mine), len(drafted - mine), len(mine - drafted))
    found = [e for e in held_out if e.id in mapping.values()]
    typed = [
        e for e in found if any(mapping.get(st.id) == e.id and st.type == e.type for st in s.stubs)
    ]
    gold_roles = roles_of(article, corpus)
    roles = Score()
    free = list(gold_roles)
    for r in s.roles:
        hit = next(
            (
                g
                for g in free
                if g[0] == mapped(r.entity)
                and fuzz.token_set_ratio(fold(g[1]), fold(r.title)) >= 85
            ),
            None,
        )
        if hit:
            free.remove(hit)
            roles.tp += 1
        else:
            roles.fp += 1
    roles.fn = len(free)
    anchor = dt.date.fromisoformat(article.published.iso)
    gold: dict[tuple[object, ...], list[Claim]] = {}
    for c in article.claims:
        gold.setdefault(claim_key(c.predicate, c.participants, c.object), []).append(c)
    claims = Score()
    per: dict[str, Score] = {p: Score() for p in (*TARGETED, *OTHERS)}
    details: Counter[str] = Counter()
    for c in s.claims:
        key = claim_key(
            c.predicate, tuple(mapped(x) or x for x in c.participants), mapped(c.object)
        )
        if gold.get(key):
            g = _best(gold[key], c.quote)
            gold[key].remove(g)
            claims.tp += 1
            details["matched"] += 1
            mine_date = resolve(c.date, anchor).iso if c.date else None
            details["date"] += mine_date == (g.date.iso if g.date else None)
            details["status"] += c.status == g.status
            details["attribution"] += mapped(c.asserted_by) == g.asserted_by
            if c.predicate in per:
                per[c.predicate].tp += 1
        else:
            claims.fp += 1
            if c.predicate in per:
                per[c.predicate].fp += 1
    for left in gold.values():
        claims.fn += len(left)
        for g in left:
            if g.predicate in per:
                per[g.predicate].fn += 1
    result = Result(
        article.id,
        metadata,
        entities,
        used,
        (len(found), len(typed), len(held_out)),
        roles,
        claims,
        per,
        details,
        seconds,
    )
    return result, draft, kept


def _best(candidates: list[Claim], quote: str) -> Claim:
    """The curated claim whose quote overlaps the drafted one most (same key)."""
    return max(candidates, key=lambda g: fuzz.partial_ratio(g.evidence.quote, quote))


def check_draft(
    draft: Draft, corpus_dir: Path, article: Article, kept: list[Entity]
) -> tuple[bool, list[str]]:
    """Write the draft into the leave-one-out corpus (the other articles, the registry
    without the held-out entities) the way ``relgraph draft`` does, then check it."""
    from relgraph import api
    from relgraph.corpus.writer import quoted
    from relgraph.draft.run import write_draft

    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "corpus"
        shutil.copytree(corpus_dir / "articles", root / "articles")
        (root / "articles" / f"{article.id}.yaml").unlink()
        lines = ["entities:"]
        for e in kept:
            lines += [f"  - id: {e.id}", f"    type: {e.type}", f"    name: {quoted(e.name)}"]
            if e.aliases:
                lines.append("    aliases: [" + ", ".join(quoted(a) for a in e.aliases) + "]")
            if e.country:
                lines.append(f"    country: {e.country}")
        (root / "entities.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        report = write_draft(draft, root)
        result = api.check(root)
        return result.ok, [*(str(p) for p in result.problems[:5]), str(report)]


def text_table(corpus: Corpus, pages: Path) -> str:
    """Story paragraphs and captions against the curated ones, beside a naive rule
    (every line of 12 words or more is story, nothing is a caption)."""
    rows = [
        "| article | paragraphs P / R (draft) | exact text | captions exact "
        "| paragraphs P / R (12+ words) | exact text |",
        "|---|---|---|---|---|---|",
    ]
    for article in corpus.articles:
        raw = (pages / Path(article.source or "").name).read_text(encoding="utf-8")
        page = read_page(pages / Path(article.source or "").name)
        gold = article.text.rstrip("\n").split("\n\n")
        naive = [" ".join(line.split()) for line in raw.split("\n") if len(line.split()) >= 12]
        cells = [article.id]
        for got in (list(page.paragraphs), naive):
            hit = len(set(got) & set(gold))
            cells.append(f"{_f(hit / len(got) if got else 1.0)} / {_f(hit / len(gold))}")
            cells.append("yes" if got == gold else "no")
            if got is not naive:
                cells.append("yes" if page.captions == article.captions else "no")
        rows.append("| " + " | ".join(cells) + " |")
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=Path("data"))
    parser.add_argument("--pages", type=Path, default=Path("data/pages"))
    parser.add_argument("--verbose", action="store_true")
    parser.add_argument(
        "--dev", type=Path, default=Path("../shared/corpus/dev"), help="pages with gold files"
    )
    parser.add_argument("--unseen", type=Path, help="pages nobody tuned on, with gold files")
    parser.add_argument("--misses", action="store_true", help="list each miss and wrong claim")
    parser.add_argument("--only", choices=("bundled", "dev", "unseen"), help="one set only")
    args = parser.parse_args()
    corpus = load_corpus(args.corpus)
    if args.only != "bundled":
        print(gold_sets(args, Registry(corpus.entities)))
        if args.only:
            return 0
    results = []
    # start-up (imports, ontology, trigger patterns) is paid once, before timing
    draft_article(
        read_page(args.pages / Path(corpus.articles[0].source or "").name),
        Registry(corpus.entities),
        "x",
        REFERENCE,
    )
    for article in corpus.articles:
        result, draft, kept = evaluate(article, corpus, args.pages)
        try:
            result.check_ok, result.problems = check_draft(draft, args.corpus, article, kept)
        except Exception as exc:
            result.check_ok, result.problems = False, [f"{type(exc).__name__}: {exc}"]
        results.append(result)
        if args.verbose:
            print(article.id, result, file=sys.stderr)
    print("### bundled corpus (in-sample: the rules were first read from these pages)\n")
    print(report(results))
    print()
    print(text_table(corpus, args.pages))
    return 0


def gold_sets(args: argparse.Namespace, registry: Registry) -> str:
    """The dev set ("dev") and unseen pages ("unseen"), each measured apart."""
    out = []
    for label, folder in (("dev", args.dev), ("unseen", args.unseen)):
        if folder is None or not folder.is_dir() or (args.only and args.only != label):
            continue
        evaluated = draft_gold.evaluate_folder(folder, registry, REFERENCE, gold_date=True)
        results = [r for r, _ in evaluated]
        out.append(
            f"### {label}: {folder.name} (claims given the gold published date)\n\n"
            + draft_gold.report(label, results)
        )
        end_to_end = [r for r, _ in draft_gold.evaluate_folder(folder, registry, REFERENCE)]
        out.append(draft_gold.summary(f"{label}, end to end", end_to_end))
        if args.misses:
            out += [f"{r.page}: " + " | ".join(m) for r in results for m in r.misses]
    return "\n\n".join(out)


def _f(x: float) -> str:
    return f"{x:.2f}"


HEADER = (
    "| article | published | dateline | outlet | entities P / R | stubs (typed) / held out "
    "| roles P / R | claims P / R | date / status / attribution of matched | check | s |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|"
)


def _row(r: Result) -> str:
    yes = {True: "yes", False: "**no**"}
    d, c = r.matched_details, r.claims
    cells = [
        r.article,
        yes[r.metadata["published"]],
        yes[r.metadata["dateline"]],
        yes[r.metadata["outlet"]],
        f"{_f(r.entities.p)} / {_f(r.entities.r)}",
        f"{r.stubs[0]} ({r.stubs[1]}) / {r.stubs[2]}",
        f"{_f(r.roles.p)} / {_f(r.roles.r)}",
        f"{_f(c.p)} / {_f(c.r)} ({c.tp} of {c.tp + c.fn}, {c.tp + c.fp} drafted)",
        f"{d['date']} / {d['status']} / {d['attribution']} of {d['matched']}",
        yes[bool(r.check_ok)],
        f"{r.seconds:.2f}",
    ]
    return "| " + " | ".join(cells) + " |"


def report(results: list[Result]) -> str:
    total_e, total_u, total_r, total_c = Score(), Score(), Score(), Score()
    per: dict[str, Score] = {p: Score() for p in (*TARGETED, *OTHERS)}
    d: Counter[str] = Counter()
    stubs = [0, 0, 0]
    meta: Counter[str] = Counter()
    for r in results:
        total_e.add(r.entities)
        total_u.add(r.used)
        total_r.add(r.roles)
        total_c.add(r.claims)
        for p, s in r.per_predicate.items():
            per[p].add(s)
        d.update(r.matched_details)
        for i in range(3):
            stubs[i] += r.stubs[i]
        meta.update(k for k, v in r.metadata.items() if v)
    n = len(results)
    targeted = ", ".join(
        f"{p} {_f(s.r)} ({s.tp}/{s.tp + s.fn}, P {_f(s.p)})"
        for p, s in per.items()
        if p in TARGETED
    )
    others = ", ".join(
        f"{p} {s.tp}/{s.tp + s.fn} ({s.tp + s.fp} drafted)"
        for p, s in per.items()
        if p not in TARGETED and s.tp + s.fn + s.fp
    )
    seconds = [r.seconds for r in results]
    lines = [
        HEADER,
        *(_row(r) for r in results),
        "",
        f"- metadata: published {meta['published']}/{n}, dateline {meta['dateline']}/{n}, "
        f"outlet {meta['outlet']}/{n}",
        f"- entities linked in the text: P {_f(total_e.p)}, R {_f(total_e.r)}; "
        f"named in the suggestions (claims, roles, metadata): P {_f(total_u.p)}, "
        f"R {_f(total_u.r)}",
        f"- new-entity stubs: {stubs[0]} of {stubs[2]} held-out entities proposed, "
        f"{stubs[1]} with the right type",
        f"- roles: P {_f(total_r.p)}, R {_f(total_r.r)} "
        f"({total_r.tp} of {total_r.tp + total_r.fn})",
        f"- claims: P {_f(total_c.p)}, R {_f(total_c.r)} ({total_c.tp} of "
        f"{total_c.tp + total_c.fn} curated, {total_c.tp + total_c.fp} drafted)",
        f"- claims by targeted predicate, recall: {targeted}",
        f"- other predicates, found/curated: {others}",
        f"- matched claims with the right date {d['date']}/{d['matched']}, status "
        f"{d['status']}/{d['matched']}, attribution {d['attribution']}/{d['matched']}",
        f"- drafts passing check: {sum(bool(r.check_ok) for r in results)}/{n}",
        f"- time per article after start-up: max {max(seconds):.2f} s, "
        f"mean {sum(seconds) / n:.2f} s",
    ]
    lines += [
        f"- check of {r.article}: " + "; ".join(r.problems) for r in results if not r.check_ok
    ]
    return "\n".join(lines)


if __name__ == "__main__":
    raise SystemExit(main())
