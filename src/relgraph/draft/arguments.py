"""Who and what an event is about, read from the structure of the sentence.

- **The subject** is the nearest actor before the trigger that is not inside an
  aside (a relative clause, participial phrase or apposition the trigger is not
  in) and not the object of a preposition: "Choe, who is in Russia to attend a
  forum in St. Petersburg, held talks with Lavrov" is Choe's meeting. A trigger
  inside a relative clause has the clause's antecedent as subject ("Lavrov, who
  flew in to Wonsan").
- **Objects** follow the trigger within a clause, after the prepositions the
  predicate's rule allows ("talks with X"; "a visit to X"); a place after a
  preposition of place is where it happened, not a party.
- **Passives and agent nouns**: "X was received by Y", "a visit by X to Y",
  "at the invitation of X" put the agent after the trigger.
- **Coordination**: "X and Y met", "talks between X and Y", "X met Y and Z".
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from relgraph.draft.cues import (
    ACTORS,
    CLAUSE_BREAK,
    COORDINATED,
    LIST_GAP,
    PASSIVE,
    PRONOUN_ANY,
    demonym_before,
    joined,
    may_lead,
    possessive,
)
from relgraph.draft.frame import Event, Frame
from relgraph.draft.mentions import Mention, Registry
from relgraph.draft.predicate_rules import PLACE_PREPOSITIONS
from relgraph.rdf.vocabulary import Predicate

WINDOW = 100  # characters between a trigger and its object, at most (asides not counted)

#: nouns for people who act for the country or body named before them
GROUP_WORDS = frozenset(
    [
        "officials",
        "official",
        "troops",
        "soldiers",
        "forces",
        "delegation",
        "delegations",
        "diplomats",
        "diplomat",
        "authorities",
        "government",
        "leadership",
        "military",
        "army",
        "navy",
        "side",
        "leaders",
        "negotiators",
        "lawmakers",
        "envoys",
        "envoy",
        "counterparts",
    ]
)


@dataclass(frozen=True)
class Arguments:
    subject: Mention | None  # None: a pronoun for the person named before
    subject_id: str
    participants: tuple[str, ...]
    objects: tuple[Mention, ...]


def find_arguments(
    frame: Frame, event: Event, spec: Predicate, registry: Registry
) -> Arguments | None:
    """The event's subject (and co-subjects) and objects, or None when one is missing."""
    document, t0, t1 = frame.document, event.t0, event.t1
    rule = event.rule
    in_domain = [m for m in frame.actors if registry.type_of(m.entity) in spec.domain]
    before = [m for m in in_domain if m.end <= t0 and _may_be_subject(frame, m, t0)]
    after = _objects(frame, event, spec, registry)
    agent = _agent(frame, event, in_domain)
    if agent is None and not rule.statement and frame.parse.passive_at(t0) and not event.noun:
        return None  # "a monument would be built": who builds is not said
    if agent is not None:
        patient = _patient(frame, event, spec, registry, before)
        if patient is not None:  # "X was received by Y": Y receives X
            before, after = [agent], [patient]
        elif event.noun and PASSIVE.match(document, t1):  # "a visit by X to Y"
            before, after = [agent], [m for m in after if m.start > agent.end]
    if rule.sender_from:
        before, after = _sender(frame, before, after)
    subject = before[-1] if before and _leads(frame, before[-1], t0) else None
    if rule.people_first and subject is not None and not _person(registry, subject):
        people = [m for m in before if _person(registry, m) and _leads(frame, m, t0)]
        subject = people[-1] if people else subject
    if rule.owner_demonym:
        subject = demonym_before(document, t0, registry) or subject  # "a Russian project"
    if subject is None:
        subject = _it(frame, event, spec, registry)  # "X acknowledged that it had sent …"
    pronoun = (
        subject is None
        and frame.previous_actor
        and PRONOUN_ANY.search(document, max(frame.sentence.start, t0 - 60), t0)
    )
    objects = [m for m in after if subject is None or m.entity != subject.entity]
    obj = objects[0] if objects else None
    if spec.symmetric:
        subject, obj = _pair(document, event, before, after, subject, obj)
    if (subject is None and not pronoun) or obj is None:
        return None
    subject_id = subject.entity if subject else str(frame.previous_actor)
    participants = _co_subjects(frame, spec, before, subject, subject_id, obj)
    return Arguments(
        subject, subject_id, participants, tuple(_coordinated(document, spec, obj, objects))
    )


#: "it" or "they" opening a reported clause: "X said that it would …"
_IT = re.compile(r"\b(?:that|saying)\s+(?:it|they)\s+(?:\w+\s+){0,3}$")


def _it(frame: Frame, event: Event, spec: Predicate, registry: Registry) -> Mention | None:
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
        and _may_be_subject(frame, m, found.start())
    ]
    if not bodies:
        return None
    return Mention(bodies[0].entity, found.end() - 3, found.end(), "it", 0.8)


def _leads(frame: Frame, m: Mention, t0: int) -> bool:
    """May ``m`` be the subject of the trigger at ``t0``: nothing between them that
    starts another clause, unless the trigger is in a relative clause on ``m``
    ("Lavrov, who flew in to Wonsan")."""
    document = frame.document
    aside = frame.aside_of(t0)
    if aside is not None and document[m.end : aside[0]].strip() == "":
        return True
    # the asides between them are not clauses of this verb ("Kim, who traveled …, arrived")
    cut = [a for a in frame.asides if m.end <= a[0] and a[1] <= t0]
    if not cut:
        return may_lead(m, t0, document)
    kept, at = [], m.end
    for a0, a1 in sorted(cut):
        kept.append(document[at:a0])
        at = max(at, a1)
    kept.append(document[at:t0])
    return not CLAUSE_BREAK.search("".join(kept))


def _person(registry: Registry, m: Mention) -> bool:
    return registry.type_of(m.entity) == "Person"


def _in_other_aside(frame: Frame, m: Mention, t0: int) -> bool:
    aside = frame.aside_of(m.start)
    return aside is not None and aside != frame.aside_of(t0)


def _may_be_subject(frame: Frame, m: Mention, t0: int) -> bool:
    """Not inside an aside the trigger is not in, and not governed by a preposition."""
    document = frame.document
    if _LED_BY.search(document, max(0, m.start - 30), m.start):
        return True  # "a delegation, led by Sung Kim, met …": the one who leads acts
    if _in_other_aside(frame, m, t0):
        return False
    if _modifier(frame, m):
        return False  # "a North Korean cargo ship arrived": the ship did
    return frame.preposition_of(m) == "" or possessive(m, document)


def _modifier(frame: Frame, m: Mention) -> bool:
    """A name that modifies a common noun in its phrase ("North Korean ship"), unless
    the noun is a group that acts for it ("North Korean officials")."""
    words = frame.parse.words
    k = frame.parse.at(m.end - 1)
    if k is None or k + 1 >= len(words):
        return False
    first = frame.parse.at(m.start)
    adjective = words[k].tag == "JJ"  # "North Korean", "Russian"
    determined = first is not None and first > 0 and words[first - 1].tag == "DT"
    if not (adjective or determined):
        return False  # "Putin plans to …": a name heading its phrase
    nxt = words[k + 1]
    if nxt.chunk != "NP" or nxt.begins or nxt.start > m.end + 1:
        return False
    head = next((w for w in words[k + 1 :] if w.tag in ("NN", "NNS")), None)
    if head is None or any(w.chunk != "NP" or w.begins for w in words[k + 1 : words.index(head)]):
        return False
    return head.text.lower() not in GROUP_WORDS


#: the agent of "led by", "headed by": acts for the group it leads
_LED_BY = re.compile(r"\b(?:led|headed)\s+by\s+(?:[A-Z][\w.-]*\s+){0,4}$")


def _objects(frame: Frame, event: Event, spec: Predicate, registry: Registry) -> list[Mention]:
    """Mentions after the trigger that can be its object, nearest first."""
    document, t1, rule = frame.document, event.t1, event.rule
    plain = frame.actors if spec.range <= set(ACTORS) else frame.mentions
    allowed = rule.object_preps | (rule.noun_object if event.noun else frozenset())
    found = []
    for m in plain:
        if m.start < t1 or m.start - t1 - _aside_length(frame, t1, m.start) > WINDOW:
            continue
        kind = registry.type_of(m.entity)
        if kind not in spec.range or frame.aside_of(m.start) != frame.aside_of(event.t0):
            continue  # an object is in the trigger's own clause
        if document[m.end : m.end + 1] == "-":
            continue  # "a US-drafted resolution": a modifier, not a party
        if _verb_between(frame, t1, m.start):
            continue  # "recognised …, days before launching its invasion of Ukraine"
        prep = frame.preposition_of(m)
        if prep and prep not in allowed and document[t1 - len(prep) : t1] != prep:
            continue
        if kind == "Place" and not rule.place_object and prep in PLACE_PREPOSITIONS:
            continue  # "met Lavrov in Moscow": where, not whom
        if CLAUSE_BREAK.search(document[t1 : m.start]):
            continue
        if _apposed_place(m, frame.mentions, registry, document):
            continue  # "in Pyongyang, DPRK"
        found.append(m)
    owners = [m for m in found if possessive(m, document)]
    if owners and len(found) > len(owners):
        found = [m for m in found if not possessive(m, document)]
    if rule.people_first and any(_person(registry, m) for m in found):
        found = [m for m in found if _person(registry, m)]  # Kim, not the DPRK he leads
    return found


def _aside_length(frame: Frame, start: int, end: int) -> int:
    return sum(b - a for a, b in frame.asides if start <= a and b <= end)


_GROUP_AFTER = re.compile(r"\s*(?:of\s+)?(?:the\s+)?([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(\w+)")


def _demonym_group(frame: Frame, at: int) -> Mention | None:
    """ "the Russian leadership", "North Korean officials": the country they act for."""
    found = _GROUP_AFTER.match(frame.document, at)
    if found is None or found.group(2).lower() not in GROUP_WORDS:
        return None
    return frame.demonym(found.group(1), found.start(1), found.end(1))


def _verb_between(frame: Frame, start: int, end: int, shared: bool = True) -> bool:
    """A finite verb or a gerund between the trigger and a name: the name is another
    verb's argument ("accused X of supplying Russia", "welcomed it and said …").
    With ``shared``, a verb right after "and" shares the object ("signing and
    announcing the declaration")."""
    words = frame.parse.words
    return any(
        w.chunk == "VP"
        and w.tag in ("VBD", "VBZ", "VBP", "VBG")
        and not (shared and k and words[k - 1].text.lower() in ("and", "or"))
        for k, w in enumerate(words)
        if start <= w.start and w.end <= end
    )


def _agent(frame: Frame, event: Event, in_domain: list[Mention]) -> Mention | None:
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


def _patient(
    frame: Frame, event: Event, spec: Predicate, registry: Registry, before: list[Mention]
) -> Mention | None:
    """Who undergoes a passive or is the agent noun's object: the clause's subject."""
    plain = frame.actors if spec.range <= set(ACTORS) else frame.mentions
    fits = [
        m
        for m in plain
        if m.end <= event.t0
        and registry.type_of(m.entity) in spec.range
        and _may_be_subject(frame, m, event.t0)
    ]
    if event.rule.agent_after and event.noun:
        return fits[0] if fits else _pronoun_mention(frame, event)
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


def _sender(
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


def _pair(
    document: str,
    event: Event,
    before: list[Mention],
    after: list[Mention],
    subject: Mention | None,
    obj: Mention | None,
) -> tuple[Mention | None, Mention | None]:
    """The two sides of a symmetric event: "between X and Y", "X and Y met"."""
    t0, t1 = event.t0, event.t1
    between = re.search(r"\bbetween\b", document[t0 : t1 + 40])
    if between and len(after) >= 2 and joined(after[0], after[1], document):
        return after[0], after[1]
    if event.noun and not _LIGHT_VERB.search(document, max(0, t0 - 30), t0):
        return subject, obj  # "X and Y took part in the meeting": not their meeting
    if len(before) >= 2 and joined(before[-2], before[-1], document):
        if t0 - before[-1].end <= 60:
            return before[-2], before[-1]
    elif (
        obj is None
        and len(before) >= 2
        and t0 - before[-2].end <= 80
        and not CLAUSE_BREAK.search(document, before[-2].end, t0)
    ):
        return before[-2], before[-1]
    return subject, obj


def _co_subjects(
    frame: Frame,
    spec: Predicate,
    before: list[Mention],
    subject: Mention | None,
    subject_id: str,
    obj: Mention,
) -> tuple[str, ...]:
    """ "Moon and Kim … signing"; "the U.S., Japan and …": every subject acting together."""
    if (
        spec.symmetric
        or subject is None
        or len(before) < 2
        or before[-1] is not subject
        or before[-2].entity in (subject_id, obj.entity)
        or not joined(before[-2], subject, frame.document)
        or _verb_between(frame, before[-2].end, subject.start, shared=False)  # "Choe, and said X"
    ):
        return (subject_id,)
    chain = [before[-2], subject]
    k = len(before) - 3
    while k >= 0 and LIST_GAP.match(frame.document[before[k].end : chain[0].start]):
        chain.insert(0, before[k])
        k -= 1
    return tuple(dict.fromkeys(m.entity for m in chain))


def _coordinated(
    document: str, spec: Predicate, obj: Mention, objects: list[Mention]
) -> list[Mention]:
    """ "a gas pipeline and a power line": one claim for each (not after "between")."""
    coordinated = [obj]
    if re.search(r"\bbetween\s+(?:the\s+)?$", document[max(0, obj.start - 14) : obj.start]):
        return coordinated  # "between X and Y": one relation of the pair
    for nxt in objects[1:]:
        gap = document[coordinated[-1].end : nxt.start]
        if not (COORDINATED.match(gap) or _APPOSED_AND.match(gap)):
            break
        coordinated.append(nxt)
    return coordinated


#: a verb whose object is the event noun: "held talks", "had a meeting", "began negotiations"
_LIGHT_VERB = re.compile(
    r"\b(?:held|hold|holds|holding|had|have|has|began|begin|begins|started|start|opened|"
    r"conducted|concluded|wrapped up|convened)\s+(?:\w+\s+){0,3}$"
)

#: "met Choe Thae Bok, chairman of the SPA, and Kim Yong Nam": an apposition, then "and"
_APPOSED_AND = re.compile(r"^,[^,;.]{1,80},\s+and\s+(?:(?:a|an|the)\s+)?$")


def _apposed_place(
    m: Mention, mentions: tuple[Mention, ...], registry: Registry, text: str
) -> bool:
    """ "in Pyongyang, DPRK": the country only says where the place is."""
    if text[m.start - 2 : m.start] != ", ":
        return False
    previous = [n for n in mentions if n.end == m.start - 2]
    return bool(previous) and registry.type_of(previous[0].entity) == "Place"
