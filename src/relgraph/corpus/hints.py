"""Hints for unknown names: a suggestion only when it is genuinely close.

A wrong "did you mean" costs more than none: a new treaty offered
``russia_dprk_relations`` sends a curator hunting for a near-duplicate that
does not exist. So an entity id is suggested only within a small edit distance
(a typo), and otherwise the hint says to add the entity. Predicate hints read
the ontology's trigger words first, so ``said`` suggests ``stated_position``
(what it means), not ``signed`` (what it looks like); the drafter's cue phrases
(``rg:cue``) count as well, so a hint and a draft read the same words.

A name written where an id belongs is recognised by the one name matcher
(:mod:`relgraph.corpus.names`), the one drafting and the annotation page use:
"Kim Jong-un" and "KIM JONG UN" both name ``kim_jong_un``, and "sergey_lavrov"
nearly spells the name "Sergei Lavrov".
"""

from __future__ import annotations

from collections.abc import Iterable

from relgraph.core.model import Entity
from relgraph.corpus.names import Names
from relgraph.rdf.vocabulary import Vocabulary

ADD_ENTITY = "add it to entities.yaml; `relgraph draft` lists new-entity stubs you can copy"


def edit_limit(word: str) -> int:
    """Typos tolerated in a word of this length: 1 up to 5 characters, 2 up to 12, then 3."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 12 else 3


def edit_distance(a: str, b: str, limit: int) -> int:
    """Levenshtein distance with adjacent swaps, or ``limit + 1`` once it must exceed it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    before: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cost = ca != cb
            best = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if before is not None and i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                best = min(best, before[j - 2] + 1)
            current[j] = best
        if min(current) > limit:
            return limit + 1
        before, previous = previous, current
    return previous[-1]


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The choice within :func:`edit_limit` typos of ``word`` (case-insensitive), if any."""
    limit = edit_limit(word)
    folded = word.casefold()
    best: tuple[int, str] | None = None
    for choice in choices:
        d = edit_distance(folded, choice.casefold(), limit)
        if d <= limit and (best is None or (d, choice) < best):
            best = (d, choice)
    return best[1] if best else None


class Ids:
    """The registry's ids and names, with a hint for each unknown id (cached)."""

    def __init__(
        self, entities: Iterable[Entity], usable: bool = True, broken: frozenset[str] = frozenset()
    ) -> None:
        self.by_id: dict[str, Entity] = {}
        self.by_name: dict[str, str] = {}
        # Ids that cannot be checked: the registry file failed, or the entry has
        # problems of its own. Reported there once, never as "unknown" here.
        self.usable = usable
        self.broken = broken
        self._hints: dict[str, str] = {}
        self._names: Names | None = None
        for e in entities:
            self.by_id.setdefault(e.id, e)
            for n in e.names:
                self.by_name.setdefault(n.casefold(), e.id)

    @property
    def names(self) -> Names:
        """The registry's names for the matcher (built only when a hint is needed)."""
        if self._names is None:
            self._names = Names(self.by_id.values())
        return self._names

    def unknown_hint(self, value: str) -> str:
        hint = self._hints.get(value)
        if hint is None:
            hint = self._hints[value] = self._hint(value)
        return hint

    def _hint(self, value: str) -> str:
        owner = self.by_name.get(value.casefold()) or self.names.by_name(value)
        if owner is not None:
            return f"{value!r} is a name of {owner!r}; write the id"
        near = closest(value, self.by_id)
        if near is not None:
            return f"did you mean {near!r}?"
        spelt = self.names.closest(value)
        if spelt is not None:
            return f"did you mean {spelt[0].entity!r}?"
        name = closest(value, self.by_name)
        if name is not None:
            return f"did you mean {self.by_name[name]!r}?"
        return ADD_ENTITY


def predicate_hint(name: str, vocab: Vocabulary) -> str:
    """What an unknown predicate name most likely means."""
    wanted = " ".join(name.replace("_", " ").casefold().split())
    meant = [p.name for p in vocab.predicates.values() if wanted in (*p.triggers, *p.cues)]
    if not meant:
        near = closest(name, vocab.predicates)
        meant = [near] if near else []
    if not meant:
        triggers = {t: p.name for p in vocab.predicates.values() for t in (*p.triggers, *p.cues)}
        near = closest(name.replace("_", " "), triggers)
        meant = [triggers[near]] if near else []
    if not meant:
        return "see docs/annotating.md for the list"
    return "did you mean " + " or ".join(repr(m) for m in meant) + "?"
