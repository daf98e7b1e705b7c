"""What the editor may offer: only what the ontology allows.

A reviewer picks a predicate first; subject and object are then searched among
the entities whose type fits the predicate's domain and range, by any of their
names or aliases (case and diacritics ignored), so an impossible claim cannot be
composed by picking from the lists.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

from relgraph.annotate.check import Registry
from relgraph.core.model import Entity
from relgraph.rdf.namespaces import RG
from relgraph.rdf.vocabulary import Vocabulary, load_vocabulary

SLOTS = ("subject", "object", "place", "host", "asserted_by", "entity", "of", "any")
STATUSES = ("asserted", "alleged", "denied", "planned")


def predicates(vocab: Vocabulary | None = None) -> list[dict[str, Any]]:
    """Predicates a claim may use (registry-only ones such as roles are written elsewhere)."""
    vocab = vocab or load_vocabulary()
    return [
        {
            "name": p.name,
            "label": p.label,
            "definition": p.definition,
            "domain": sorted(p.domain),
            "range": sorted(p.range),
            "symmetric": p.symmetric,
            "object_kind": p.object_kind,
            "triggers": list(p.triggers),
        }
        for p in vocab.predicates.values()
        if not p.registry_only
    ]


# The predicate families of the "claim in three keys" palette: a digit picks the family,
# a second digit the predicate. Grouped by what a news sentence does; a predicate the
# ontology adds later and no family names lands in the last one, so every predicate
# can be reached.
FAMILIES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("meet", ("met", "visited", "hosted", "invited", "participates_in")),
    ("say", ("stated_position", "expressed_concern", "sent_message", "urged", "discussed")),
    ("agree", ("agreed", "signed", "supported", "proposed", "considered")),
    ("oppose", ("criticized", "rejected", "accused", "denied", "sanctioned")),
    ("act", ("built", "transferred", "conducted", "cooperates_with", "allied_with")),
    ("organisation", ("owned_by", "subsidiary_of", "member_of", "operator_of")),
)


def families(vocab: Vocabulary | None = None) -> list[dict[str, Any]]:
    """The palette's families with the predicates the ontology has, in key order."""
    names = [p["name"] for p in predicates(vocab)]
    groups = [[p for p in members if p in names] for _, members in FAMILIES]
    placed = {p for g in groups for p in g}
    groups[-1].extend(p for p in names if p not in placed)
    return [
        {"family": family, "predicates": group}
        for (family, _), group in zip(FAMILIES, groups, strict=True)
        if group
    ]


def allowed_types(slot: str, predicate: str | None, vocab: Vocabulary | None = None) -> set[str]:
    """The entity types a slot accepts (for subject and object: per the predicate)."""
    vocab = vocab or load_vocabulary()
    actors = set(vocab.covers.get(RG + "Actor", frozenset()))
    if slot in ("subject", "object"):
        found = vocab.predicates.get(predicate or "")
        if found is None:
            return set()
        return set(found.domain if slot == "subject" else found.range)
    if slot == "place":
        return {"Place", "Country"}
    if slot in ("host", "asserted_by"):
        return actors
    if slot == "entity":
        return {"Person"}
    if slot == "of":
        return {"Country", "Organization"}
    if slot == "any":
        return set(vocab.entity_types)
    return set()


def fold(text: str) -> str:
    """Lower case without diacritics or punctuation between words, for searching."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    kept = "".join(c if c.isalnum() else " " for c in decomposed if not unicodedata.combining(c))
    return " ".join(kept.split())


def search_entities(
    registry: Registry,
    slot: str,
    predicate: str | None,
    query: str,
    limit: int = 20,
    vocab: Vocabulary | None = None,
) -> list[dict[str, str]]:
    """Entities that fit ``slot`` and whose id, name or an alias contains ``query``.

    Ranked: a name starting with the query first, then shorter names.
    """
    types = allowed_types(slot, predicate, vocab)
    wanted = fold(query)
    ranked: list[tuple[int, int, str, Entity, str]] = []
    for entity in registry.entities:
        if entity.type not in types:
            continue
        best: tuple[int, int, str] | None = None
        for name in (*entity.names, entity.id):
            folded = fold(name)
            if wanted and wanted not in folded:
                continue
            rank = (0 if folded.startswith(wanted) else 1, len(name), name)
            if best is None or rank < best:
                best = rank
        if best is not None:
            ranked.append((best[0], best[1], entity.id, entity, best[2]))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    return [
        {"id": e.id, "name": e.name, "type": e.type, "matched": matched}
        for _, _, _, e, matched in ranked[:limit]
    ]


def guess_arguments(
    registry: Registry,
    quote: str,
    predicate: str | None,
    vocab: Vocabulary | None = None,
    published: dt.date | None = None,
) -> dict[str, Any]:
    """Subject and object (or participants), date and place for a new claim, from the quote.

    The subject is the first mention whose type fits the domain. The object is
    the first later mention that fits the range and has the subject's type
    ("Lavrov (L) meets DPRK Foreign Minister Ri Yong Ho": Ri Yong Ho, not the
    DPRK that qualifies him), else the first later one that fits the range. A
    symmetric predicate with three or more parties of the subject's type named
    gets them all as participants, in reading order. The date is the first date
    expression of the quote (as the article file writes it); the place, the first
    place named after "in" or "at", else the first place.
    """
    vocab = vocab or load_vocabulary()
    by_id = registry.by_id()
    found = [(m.start, m.end, by_id[m.entity]) for m in registry.find_mentions(quote)]
    mentions = [e for _, _, e in found]
    domain = allowed_types("subject", predicate, vocab)
    range_ = allowed_types("object", predicate, vocab)
    guess: dict[str, Any] = {}
    if published is not None:
        from relgraph.draft.rules.sentences import find_dates  # the one date finder

        dates = find_dates(quote, published)
        if dates:
            guess["date"] = dates[0].value
    places = [(s, e) for s, _, e in found if e.type == "Place"]
    after_in = [e for s, e in places if quote[max(0, s - 3) : s] in ("in ", "at ")]
    if places:
        guess["place"] = (after_in or [places[0][1]])[0].id
    at = next((i for i, e in enumerate(mentions) if e.type in domain), None)
    if at is None:
        return guess
    subject = mentions[at]
    later = [e for e in mentions[at + 1 :] if e.type in range_ and e.id != subject.id]
    same = [e for e in later if e.type == subject.type]
    spec = vocab.predicates.get(predicate or "")
    parties = list(dict.fromkeys(e.id for e in [subject, *same]))
    if spec is not None and spec.symmetric and len(parties) >= 3:
        guess["participants"] = parties
        return guess
    guess["subject"] = subject.id
    if same or later:
        guess["object"] = (same or later)[0].id
    if "place" in guess and guess["place"] == guess.get("object"):  # "visited Pyongyang"
        del guess["place"]
    return guess


def entity_types(vocab: Vocabulary | None = None) -> list[str]:
    vocab = vocab or load_vocabulary()
    return sorted(vocab.entity_types)
