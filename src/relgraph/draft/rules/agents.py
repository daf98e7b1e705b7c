"""Who acts when English puts the actor elsewhere than before the verb.

- passives: "X was received by Y", "a visit by X to Y";
- agent nouns: "at the invitation of X", "the invitation of the Russian leadership";
- messages: "a letter from X to Y", "a letter of X", "gave Y a letter from X";
- pronouns: "He was met there by X" (the person named before), "X said that it
  had …" (the body that reports).
"""

from __future__ import annotations

import re

from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft.lexicon import GROUP_WORDS
from relgraph.draft.rules.cues import ACTORS, PASSIVE, PRONOUN_ANY, possessive
from relgraph.draft.rules.frame import Event, Frame
from relgraph.draft.rules.positions import antecedent, may_be_subject
from relgraph.rdf.vocabulary import Predicate

#: "it" or "they" opening a reported clause: "X said that it would …"
_IT = re.compile(r"\b(?:that|saying)\s+(?:it|they)\s+(?:\w+\s+){0,3}$")


def it_subject(frame: Frame, event: Event, spec: Predicate, registry: Registry) -> Mention | None:
    """ "it" in a clause reported by a country or body is that country or body."""
    found = _IT.search(frame.document, frame.sentence.start, event.t0)
    if found is None:
        return None
    bodies = [
        m
        for m in frame.actors
        if m.end <= found.start()
        and registry.type_of(m.entity) in ("Country", "Organization")
        and registry.type_of(m.entity) in spec.domain
        and may_be_subject(frame, m, found.start())
    ]
    if not bodies:
        return None
    return Mention(bodies[0].entity, found.end() - 3, found.end(), "it", 0.8)


_GROUP_AFTER = re.compile(r"\s*(?:of\s+)?(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(\w+)")


def _demonym_group(frame: Frame, at: int) -> Mention | None:
    """ "the Russian leadership", "North Korean officials": the country they act for."""
    found = _GROUP_AFTER.match(frame.document, at)
    if found is None or found.group(2).lower() not in GROUP_WORDS:
        return None
    return frame.demonym(found.group(1), found.start(1), found.end(1))


def agent_of(frame: Frame, event: Event, in_domain: list[Mention]) -> Mention | None:
    """The agent after the trigger: "received by X", "a visit by X", "the invitation of X"."""
    document, t1 = frame.document, event.t1
    agent_prep = event.rule.agent_after if event.noun else None
    if agent_prep and (
        document[event.t0 : t1].lower().endswith(" " + agent_prep)
        or re.match(rf"\s+{agent_prep}\s", document[t1 : t1 + 6])
    ):
        after = [m for m in in_domain if m.start >= t1 and m.start - t1 <= 80]
        people = [m for m in after if frame.preposition_of(m) == agent_prep]
        return people[0] if people else _demonym_group(frame, t1)
    passive = PASSIVE.match(document, t1)
    by = re.match(r"\s+(?:\w+\s+){0,2}?by\s+(?:the\s+|an?\s+)?", document[t1 : t1 + 40])
    if passive is None and not (by and frame.parse.passive_at(event.t0)):
        return None
    end = t1 + (by.end() if by else 0) if passive is None else passive.end()
    candidates = [m for m in in_domain if end <= m.start <= end + 40]
    candidates = [m for m in candidates if frame.preposition_of(m) == "by"] or [
        m for m in in_domain if m.start == end
    ]
    return candidates[0] if candidates else None


def patient_of(
    frame: Frame, event: Event, spec: Predicate, registry: Registry, before: list[Mention]
) -> Mention | None:
    """Who undergoes a passive or is the agent noun's object: the clause's subject."""
    plain = frame.actors if spec.range <= set(ACTORS) else frame.mentions
    fits = [
        m
        for m in plain
        if m.end <= event.t0
        and registry.type_of(m.entity) in spec.range
        and may_be_subject(frame, m, event.t0)
    ]
    if event.rule.agent_after and event.noun:
        # the one invited is the first person the clause names ("X arrived … at the
        # invitation of Y"); a country or agency there only describes or accepts it
        people = [m for m in fits if registry.type_of(m.entity) == "Person"]
        head = antecedent(frame, event.t0, [m for m in plain if m.end <= event.t0])
        if head is not None:  # "Choe, who is here at the invitation of X": Choe
            people = [head] if registry.type_of(head.entity) == "Person" else []
        return people[0] if people else _pronoun_mention(frame, event)
    if fits:
        return fits[-1]
    return _pronoun_mention(frame, event)


def _pronoun_mention(frame: Frame, event: Event) -> Mention | None:
    """ "He was met there by X": the person named before, standing at the pronoun."""
    if frame.previous_actor is None:
        return None
    found = PRONOUN_ANY.search(frame.document, frame.sentence.start, event.t0)
    if found is None:
        return None
    return Mention(frame.previous_actor, found.start(), found.end(), found.group(), 0.8)


def sender_and_recipients(
    frame: Frame, before: list[Mention], after: list[Mention]
) -> tuple[list[Mention], list[Mention]]:
    """ "a letter from X to Y", "a letter of X"; "Trump's letter": the recipient follows "to"."""
    document = frame.document
    sender = next(
        (
            m
            for m in after
            if frame.preposition_of(m) == "from"
            or re.search(r"\b(?:letter|message|greetings|note)\s+of\s+$", document[: m.start])
        ),
        None,
    )
    if sender is not None:
        to = [m for m in after if m.entity != sender.entity and frame.preposition_of(m) == "to"]
        rest = [m for m in [*reversed(before[1:]), *after] if m.entity != sender.entity]
        return [sender], to or rest  # "… to Y"; else "gave Y a letter from X" (not the giver)
    if before and possessive(before[-1], document):
        return before, [m for m in after if document[m.start - 3 : m.start] == "to "]
    return before, after
