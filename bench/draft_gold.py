"""Draft pages that have a gold file (``<stem>.gold.yaml``) and score the claims and roles.

The dev set (``../shared/corpus/dev/``) and any folder of unseen pages use the same
gold format: facts name their parties as an analyst would write them ("Kim Jong
Un", "Russia"), not by registry id. A drafted id is read back as its names (the
registry entity's name and aliases, or the stub's name), and two parties match
when one folded name equals the other or is within a fuzzy ratio of 90.

Objects: a gold object that is a name matches the same way. Many gold objects are
descriptions ("agreement settling North Korea's Soviet-era debt"); a drafted
object that is not an actor (a topic, project, agreement, event, forum or place)
matches such a description when every word of one of its names occurs in it.

A claim matches a gold fact with the same predicate and the same parties (the
set of participants and object for symmetric predicates and for ``participants``
facts); each gold fact matches one drafted claim at most. On matched claims: the
same date (both none counts as right; a gold date given only to the year or
month is right when the drafted date falls in it), status and ``asserted_by``.
Roles match on the person and a title of token-set similarity >= 85.
"""

from __future__ import annotations

import datetime as dt
import re
import time
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from rapidfuzz import fuzz

from relgraph.core.dates import DateError, resolve
from relgraph.corpus.names import fold
from relgraph.corpus.registry import Registry
from relgraph.draft.assemble import Draft, draft_article
from relgraph.draft.page import read_page
from relgraph.draft.rules.recommend import ArticleText, RuleBased, with_stubs
from relgraph.rdf.vocabulary import load_vocabulary

ACTORS = frozenset(["Person", "Country", "Organization"])
PREDICATES = (
    "met",
    "visited",
    "signed",
    "hosted",
    "invited",
    "sent_message",
    "agreed",
    "proposed",
    "discussed",
    "considered",
    "stated_position",
    "supported",
    "rejected",
    "expressed_concern",
    "accused",
    "denied",
    "criticized",
    "urged",
    "sanctioned",
    "transferred",
    "cooperates_with",
    "participates_in",
    "built",
    "conducted",
    "allied_with",
)


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def p(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def r(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0


@dataclass
class PageResult:
    page: str
    claims: Score
    per_predicate: dict[str, Score]
    matched: Counter[str]
    roles: Score
    stubs: tuple[int, int]  # proposed, of which garbage
    seconds: float
    #: (kind, predicate, parties, object, quote) of each miss and wrong suggestion
    misses: list[tuple[str, ...]] = field(default_factory=list)


def gold_pages(folder: Path) -> list[tuple[Path, dict[str, Any]]]:
    """Each page of the folder with its gold annotation, in name order."""
    found = []
    for gold in sorted(folder.glob("*.gold.yaml")):
        data = yaml.safe_load(gold.read_text(encoding="utf-8"))
        found.append((folder / str(data["page"]), data))
    return found


class Names:
    """A drafted id read back as the names an analyst would write."""

    def __init__(self, registry: Registry, draft: Draft) -> None:
        self.names: dict[str, list[str]] = {
            e.id: [fold(n) for n in e.names] for e in registry.entities
        }
        self.types = {e.id: e.type for e in registry.entities}
        for stub in draft.suggestions.stubs:
            self.names[stub.id] = [fold(stub.name)]
            self.types[stub.id] = stub.type

    def same(self, drafted: str | None, gold: str | None) -> bool:
        if drafted is None or gold is None:
            return drafted is None and gold is None
        want = fold(gold).replace("-", " ")
        names = [n.replace("-", " ") for n in self.names.get(drafted, [fold(drafted)])]
        return want in names or any(fuzz.ratio(want, n) >= 90 or _shortened(want, n) for n in names)

    def fits_description(self, drafted: str, gold: str) -> bool:
        if self.types.get(drafted) in ACTORS:
            return False
        words = set(fold(gold).replace("'s", "").split())
        return any(set(n.split()) <= words for n in self.names.get(drafted, []))

    def same_object(self, drafted: str | None, gold: str | None) -> bool:
        if self.same(drafted, gold):
            return True
        return drafted is not None and gold is not None and self.fits_description(drafted, gold)


def _shortened(gold: str, drafted: str) -> bool:
    """ "Valentina Matviyenko" for "Valentina Ivanovna Matviyenko": a person's name with a
    middle name (patronymic) left out; first and last words the same."""
    a, b = gold.split(), drafted.split()
    return len(a) >= 2 and len(b) > len(a) and a[0] == b[0] and a[-1] == b[-1]


def _parties(fact: dict[str, Any]) -> tuple[list[str], str | None]:
    obj = fact.get("object")
    if fact["predicate"] == "transferred" and obj:
        # the dev set writes "what (to whom)"; the ontology's object is the recipient
        # (what went is the claim's detail): compare the recipient when there is one
        found = re.search(r"\(to ([^)]+)\)\s*$", str(obj))
        obj = found.group(1) if found else obj
    if "participants" in fact:
        return [str(p) for p in fact["participants"]], obj
    return [str(fact["subject"])], obj


def _same_parties(names: Names, drafted: list[str], gold: list[str]) -> bool:
    if len(drafted) != len(gold):
        return False
    free = list(gold)
    for d in drafted:
        hit = next((g for g in free if names.same(d, g)), None)
        if hit is None:
            return False
        free.remove(hit)
    return True


def _matches(names: Names, claim: Any, fact: dict[str, Any], symmetric: bool) -> bool:
    if claim.predicate != fact["predicate"]:
        return False
    gold_parties, gold_object = _parties(fact)
    mine = list(claim.participants)
    if symmetric or "participants" in fact:
        # a meeting's parties as a set, whichever one the sentence put first
        both = [*mine, *([claim.object] if claim.object else [])]
        if "participants" in fact and not symmetric and gold_object is not None:
            return _same_parties(names, mine, gold_parties) and names.same_object(
                claim.object, gold_object
            )
        want = [*gold_parties, *([str(gold_object)] if gold_object else [])]
        return _same_parties(names, both, want)
    return _same_parties(names, mine, gold_parties) and names.same_object(claim.object, gold_object)


def _date_right(drafted: str | None, gold: Any, published: dt.date) -> bool:
    if gold is None:
        return drafted is None
    want = str(gold)
    if drafted is None:
        return False
    try:
        got = resolve(drafted, published).iso
    except DateError:
        return False
    return got == want or (len(want) < 10 and got.startswith(want))


def _garbage(name: str) -> bool:
    """A fragment, a function word or a sentence, not a name."""
    words = name.split()
    return len(name) <= 3 or len(words) > 6 or fold(words[0]) in ("the", "a", "an", "according")


def evaluate_page(
    page_path: Path,
    gold: dict[str, Any],
    registry: Registry,
    reference: dt.date,
    gold_date: bool = False,
) -> tuple[PageResult, Draft]:
    """Draft one page and score it; with ``gold_date`` the recommender is given the gold
    published date, so that claims are measured apart from the metadata reader."""
    vocab = load_vocabulary()
    page = read_page(page_path)
    published = dt.date.fromisoformat(str(gold["published"]))
    start = time.perf_counter()
    draft = draft_article(page, registry, f"pages/{page_path.name}", reference)
    seconds = time.perf_counter() - start
    if gold_date:
        metadata = replace(draft.metadata, published=published)
        article = ArticleText(page.text, page.captions, published, metadata.datelines)
        known = with_stubs(registry, metadata.stubs)
        suggestions = RuleBased().suggest(article, known)
        own = {s.id for s in metadata.stubs}
        stubs = (*metadata.stubs, *(s for s in suggestions.stubs if s.id not in own))
        draft = replace(draft, metadata=metadata, suggestions=replace(suggestions, stubs=stubs))
    names = Names(registry, draft)
    facts = list(gold.get("facts") or [])
    free = list(facts)
    claims = Score()
    per = {p: Score() for p in PREDICATES}
    matched: Counter[str] = Counter()
    misses: list[tuple[str, ...]] = []
    for claim in draft.suggestions.claims:
        symmetric = vocab.predicates[claim.predicate].symmetric
        hit = next((f for f in free if _matches(names, claim, f, symmetric)), None)
        score = per.setdefault(claim.predicate, Score())
        if hit is None:
            claims.fp += 1
            score.fp += 1
            misses.append(
                (
                    "wrong",
                    claim.predicate,
                    ",".join(claim.participants),
                    str(claim.object),
                    claim.quote,
                )
            )
            continue
        free.remove(hit)
        claims.tp += 1
        score.tp += 1
        matched["matched"] += 1
        right = {
            "date": _date_right(claim.date, hit.get("date"), published),
            "status": claim.status == hit.get("status", "asserted"),
            "attribution": names.same(claim.asserted_by, hit.get("asserted_by")),
        }
        matched.update(k for k, ok in right.items() if ok)
        mine = {"date": claim.date, "status": claim.status, "attribution": claim.asserted_by}
        theirs = {"date": "date", "status": "status", "attribution": "asserted_by"}
        misses.extend(
            (k, claim.predicate, str(mine[k]), str(hit.get(theirs[k])), claim.quote)
            for k, ok in right.items()
            if not ok
        )
    known = list(names.names)
    for fact in facts:
        parties, obj = _parties(fact)
        nameable = all(any(names.same(k, p) for k in known) for p in parties) and (
            obj is None or any(names.same_object(k, str(obj)) for k in known)
        )
        matched["nameable"] += nameable
        matched["nameable found"] += nameable and fact not in free
        if nameable and fact in free:
            misses.append(("nameable", fact["predicate"], ",".join(parties), str(obj), ""))
    for fact in free:
        claims.fn += 1
        per.setdefault(fact["predicate"], Score()).fn += 1
        parties, obj = _parties(fact)
        misses.append(("missed", fact["predicate"], ",".join(parties), str(obj), fact["quote"]))
    roles = Score()
    free_roles = list(gold.get("roles") or [])
    for role in draft.suggestions.roles:
        hit = next(
            (
                g
                for g in free_roles
                if names.same(role.entity, str(g["person"]))
                and fuzz.token_set_ratio(fold(str(g["title"])), fold(role.title)) >= 85
            ),
            None,
        )
        if hit is None:
            roles.fp += 1
            misses.append(("wrong role", role.entity, role.title, str(role.of), role.quote))
        else:
            free_roles.remove(hit)
            roles.tp += 1
    roles.fn = len(free_roles)
    misses.extend(
        ("missed role", str(g["person"]), str(g["title"]), str(g.get("of")), str(g["quote"]))
        for g in free_roles
    )
    stubs = draft.suggestions.stubs
    result = PageResult(
        page_path.name,
        claims,
        per,
        matched,
        roles,
        (len(stubs), sum(_garbage(s.name) for s in stubs)),
        seconds,
        misses,
    )
    return result, draft


def _f(x: float) -> str:
    return f"{x:.2f}"


def report(label: str, results: list[PageResult]) -> str:
    """One table row per page, then the totals, all marked with the set's label."""
    lines = [
        f"| page ({label}) | claims P / R | matched: date / status / attribution "
        "| roles P / R | stubs (garbage) | s |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        m = r.matched
        lines.append(
            f"| {r.page} | {_f(r.claims.p)} / {_f(r.claims.r)} ({r.claims.tp} of "
            f"{r.claims.tp + r.claims.fn}, {r.claims.tp + r.claims.fp} drafted) | "
            f"{m['date']} / {m['status']} / {m['attribution']} of {m['matched']} | "
            f"{_f(r.roles.p)} / {_f(r.roles.r)} | {r.stubs[0]} ({r.stubs[1]}) | "
            f"{r.seconds:.2f} |"
        )
    return "\n".join([*lines, "", summary(label, results)])


def summary(label: str, results: list[PageResult]) -> str:
    """The totals over a set: claims overall and per predicate, matched details, roles,
    stubs and time."""
    total, roles = Score(), Score()
    per: dict[str, Score] = {}
    matched: Counter[str] = Counter()
    stubs = [0, 0]
    for r in results:
        total.add(r.claims)
        roles.add(r.roles)
        matched.update(r.matched)
        stubs[0] += r.stubs[0]
        stubs[1] += r.stubs[1]
        for p, s in r.per_predicate.items():
            per.setdefault(p, Score()).add(s)
    n = matched["matched"] or 1
    seconds = [r.seconds for r in results] or [0.0]
    by_predicate = ", ".join(
        f"{p} P {_f(s.p)} R {_f(s.r)} ({s.tp}/{s.tp + s.fn}, {s.tp + s.fp} drafted)"
        for p, s in sorted(per.items(), key=lambda kv: (-(kv[1].tp + kv[1].fn), kv[0]))
        if s.tp + s.fn + s.fp
    )
    return "\n".join(
        [
            f"- claims ({label}): P {_f(total.p)}, R {_f(total.r)} ({total.tp} of "
            f"{total.tp + total.fn} gold facts, {total.tp + total.fp} drafted)",
            f"- by predicate ({label}): {by_predicate}",
            f"- matched claims ({label}): date right {matched['date']}/{matched['matched']} "
            f"({100 * matched['date'] / n:.0f} %), status {matched['status']}/"
            f"{matched['matched']}, attribution {matched['attribution']}/{matched['matched']}",
            f"- gold facts whose parties and object the draft can name at all ({label}; "
            f"registry and stubs): {matched['nameable']} of {total.tp + total.fn}; recall on those "
            f"{_f(matched['nameable found'] / (matched['nameable'] or 1))} "
            f"({matched['nameable found']} found)",
            f"- roles ({label}): P {_f(roles.p)}, R {_f(roles.r)} ({roles.tp} of "
            f"{roles.tp + roles.fn})",
            f"- stubs ({label}): {stubs[0]} proposed, {stubs[1]} garbage (fragments, function "
            "words, sentences)",
            f"- time per article after start-up ({label}): max {max(seconds):.2f} s, "
            f"mean {sum(seconds) / len(seconds):.2f} s",
        ]
    )


def evaluate_folder(
    folder: Path, registry: Registry, reference: dt.date, gold_date: bool = False
) -> list[tuple[PageResult, Draft]]:
    """Every page of the folder, after one untimed page has paid for start-up."""
    pages = gold_pages(folder)
    if pages:
        draft_article(read_page(pages[0][0]), registry, "warm-up", reference)
    return [evaluate_page(p, g, registry, reference, gold_date) for p, g in pages]
