"""Trigger phrases per predicate: the ontology's ``rg:trigger`` words, as patterns.

The ontology is the definition (``rg:met rg:trigger "met", "meeting" .``); the
phrases below are added to what it declares (they are the drafter's share, to be
moved into the ontology beside each predicate), so the drafter also works on an
ontology that predates the property. A trigger is a phrase
matched on word boundaries; a trailing ``*`` allows any word ending ("visit*").
"""

from __future__ import annotations

import re
from functools import cache

from relgraph.rdf.vocabulary import load_vocabulary

FALLBACK: dict[str, tuple[str, ...]] = {
    "met": (
        "met",
        "meet",
        "meets",
        "meeting with",
        "meeting between",
        "talks with",
        "held talks",
        "shakes hands with",
        "shook hands with",
        "welcomes",
        "summit between",
        "walk during a meeting",
        "dinner with",
        "sit down with",
        "summit",
        "talks between",
        "negotiations",
        "meet at",
    ),
    "visited": (
        "visit*",
        "arrived in",
        "arrives in",
        "arrive in",
        "trip to",
        "trip across",
        "traveling to",
        "travelling to",
        "headed to",
        "in the North Korean capital",
    ),
    "hosted": ("hosted", "hosts"),
    "sent_message": (
        "letter",
        "message",
        "regards",
        "private note",
        "conveys",
        "conveyed",
        "wrote to",
        "deliver*",
    ),
    "proposed": ("proposed", "proposes", "proposal", "project to", "suggested", "offer*"),
    "considered": ("considering", "considered", "mulling", "weighing"),
    "discussed": ("discussed", "discuss", "focused on", "on the agenda", "talk about"),
    "supported": (
        "welcomed",
        "supports",
        "supported",
        "praised",
        "endorsed",
        "backed",
        "favoured",
        "favored",
        "advocated",
        "positively evaluated",
        "assist",
    ),
    "signed": ("signed", "signing", "signs"),
    "agreed": ("agreed", "agree", "committed to", "accepted"),
    "stated_position": (
        "ready to",
        "ready for",
        "attaches",
        "interested in",
        "stressed",
        "declared",
        "wanted to",
        "stood by",
        "shared a commitment",
    ),
    "expressed_concern": ("concerned", "worries", "worried", "warned", "concern"),
    "accused": ("accused", "accuses", "alleged"),
    "denied": ("denied", "denies", "has not presented any evidence", "defended against"),
    "invited": ("invited", "invitation"),
    "participates_in": ("participated in", "took part in", "attended", "negotiating with"),
    "built": ("built", "modernized", "modernised", "constructed"),
    "transferred": ("sent to", "has sent", "shipping", "shipped", "supplied", "delivery of"),
    "urged": ("urged", "called on", "called for"),
    "rejected": ("rejected", "refused", "canceled", "cancelled", "turned down", "would not join"),
    "criticized": ("criticized", "criticised", "condemned", "opposes", "branded"),
    "sanctioned": ("sanctions against", "sanctioned"),
    "conducted": ("conducted", "holding", "fired", "nuclear test", "launched"),
    "cooperates_with": ("cooperation between", "cooperate with", "partnership with"),
    "allied_with": ("closest ally", "ally", "allies"),
}


def declared_triggers() -> dict[str, tuple[str, ...]]:
    """``rg:trigger`` phrases per predicate, as the ontology declares them."""
    return {name: p.triggers for name, p in load_vocabulary().predicates.items() if p.triggers}


#: speech verbs: who said what is attribution (``asserted_by``); a sentence with
#: nothing but a speech verb becomes a stated position in ``claims._said_claim``
SPEECH = frozenset(
    [
        "said",
        "says",
        "stated",
        "statement",
        "told",
        "declared",
        "announced",
        "noted",
        "stressed",
        "added",
    ]
)


def _pattern(phrase: str) -> str:
    words = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in phrase.split()]
    return r"\b" + r"\s+".join(words) + r"\b"


@cache
def trigger_patterns() -> dict[str, re.Pattern[str]]:
    """One compiled pattern per predicate usable in claims."""
    vocab = load_vocabulary()
    declared = declared_triggers()
    patterns = {}
    for name, predicate in vocab.predicates.items():
        if predicate.registry_only:
            continue
        phrases = tuple(
            p for p in (*declared.get(name, ()), *FALLBACK.get(name, ())) if p not in SPEECH
        )
        if phrases:
            ordered = sorted(set(phrases), key=len, reverse=True)
            patterns[name] = re.compile("|".join(_pattern(p) for p in ordered), re.IGNORECASE)
    return patterns
