"""Trigger phrases per predicate and the verbs of saying, as the ontology declares them.

The ontology is the one definition: ``rg:trigger`` (the words a curator knows the
predicate by, also read by ``relgraph check``'s hints) and ``rg:cue`` (further
forms of general news English the drafter reads, "had a meeting with") beside
each predicate, and ``rg:speechVerb`` on ``stated_position``. Nothing here adds a
phrase: a phrase the drafter needs goes into the ontology, where check and the
docs see it too. A phrase is matched on word boundaries; a trailing ``*`` allows
any word ending ("visit*").
"""

from __future__ import annotations

import re
from functools import cache

from relgraph.rdf.vocabulary import load_vocabulary


def declared_triggers() -> dict[str, tuple[str, ...]]:
    """``rg:trigger`` and ``rg:cue`` phrases per predicate, as the ontology declares them."""
    return {
        name: tuple(dict.fromkeys((*p.triggers, *p.cues)))
        for name, p in load_vocabulary().predicates.items()
        if p.triggers or p.cues
    }


@cache
def speech_verbs() -> frozenset[str]:
    """The verbs of saying (``rg:speechVerb``): who is their subject is the source."""
    return frozenset(v for p in load_vocabulary().predicates.values() for v in p.speech_verbs)


@cache
def speech_alternation() -> str:
    """The speech verbs as a regular-expression alternation (longest first), for cues."""
    return "|".join(re.escape(v) for v in sorted(speech_verbs(), key=lambda v: (-len(v), v)))


def _pattern(phrase: str) -> str:
    words = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in phrase.split()]
    return r"\b" + r"\s+".join(words) + r"\b"


@cache
def trigger_patterns() -> dict[str, re.Pattern[str]]:
    """One compiled pattern per predicate usable in claims.

    Speech verbs are left out: "said" is attribution (``asserted_by``), and a
    sentence with nothing but a speech verb becomes a stated position by its
    own rule (:mod:`relgraph.draft.rules.said`).
    """
    vocab = load_vocabulary()
    speech = speech_verbs()
    patterns = {}
    for name, phrases in declared_triggers().items():
        if vocab.predicates[name].registry_only:
            continue
        kept = [p for p in phrases if p not in speech and p != "statement"]
        if kept:
            ordered = sorted(set(kept), key=lambda p: (-len(p), p))
            patterns[name] = re.compile("|".join(_pattern(p) for p in ordered), re.IGNORECASE)
    return patterns
