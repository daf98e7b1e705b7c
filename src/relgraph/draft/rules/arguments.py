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

from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft.lexicon import GROUP_WORDS
from relgraph.draft.rules.agents import agent_of, it_subject, patient_of, sender_and_recipients
from relgraph.draft.rules.cues import (
    ACTORS,
    CLAUSE_BREAK,
    COORDINATED,
    LIST_GAP,
    PASSIVE,
    PRONOUN_ANY,
    demonym_before,
    joined,
    possessive,
)
from relgraph.draft.rules.frame import Event, Frame
from relgraph.draft.rules.positions import (
    antecedent,
    aside_length,
    is_person,
    leads,
    may_be_subject,
    verb_between,
)
from relgraph.draft.rules.predicate_rules import PLACE_PREPOSITIONS
from relgraph.rdf.vocabulary import Predicate

WINDOW = 100  # characters between a trigger and its object, at most (asides not counted)


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
    before = [m for m in in_domain if m.end <= t0 and may_be_subject(frame, m, t0)]
    head = antecedent(frame, t0, in_domain)
    if head is not None:  # "Putin met with Choe, who is in Moscow on a visit": Choe's
        before = [m for m in before if m.end <= head.start] + [head]
    after = _objects(frame, event, spec, registry)
    agent = agent_of(frame, event, in_domain)
    if agent is None and not rule.statement and frame.parse.passive_at(t0) and not event.noun:
        owner = _group_owner(frame, before, t0) if rule.sends == "goods" else None
        if owner is None:
            return None  # "a monument would be built": who builds is not said
        before = [owner]  # "North Korean soldiers were sent to Russia": by North Korea
    if agent is not None:
        patient = patient_of(frame, event, spec, registry, before)
        if event.noun and PASSIVE.match(document, t1):  # "a visit by X to Y"
            before, after = [agent], [m for m in after if m.start > agent.end]
        elif patient is not None:  # "X was received by Y": Y receives X
            before, after = [agent], [patient]
        elif event.noun and rule.agent_after:
            return None  # "the invitation of X" with no one the clause says is invited
    if rule.sender_from:
        before, after = sender_and_recipients(frame, before, after)
    subject = before[-1] if before and leads(frame, before[-1], t0) else None
    if rule.people_first and subject is not None and not is_person(registry, subject):
        people = [m for m in before if is_person(registry, m) and leads(frame, m, t0)]
        subject = people[-1] if people else subject
    if rule.owner_demonym:
        subject = demonym_before(document, t0, registry) or subject  # "a Russian project"
    if subject is None:
        subject = it_subject(frame, event, spec, registry)  # "X acknowledged that it had sent …"
    pronoun = (
        subject is None
        and frame.previous_actor
        and PRONOUN_ANY.search(document, max(frame.sentence.start, t0 - 60), t0)
    )
    if not after and rule.place_object and event.noun:
        after = _where_before(frame, event, spec, registry)  # "is in Russia on a visit"
    objects = [m for m in after if subject is None or m.entity != subject.entity]
    obj = objects[0] if objects else None
    if spec.symmetric:
        subject, obj = _pair(frame, event, before, after, subject, obj)
    if (subject is None and not pronoun) or obj is None:
        return None
    subject_id = subject.entity if subject else str(frame.previous_actor)
    participants = _co_subjects(frame, spec, before, subject, subject_id, obj)
    return Arguments(
        subject, subject_id, participants, tuple(_coordinated(document, spec, obj, objects))
    )


def _objects(frame: Frame, event: Event, spec: Predicate, registry: Registry) -> list[Mention]:
    """Mentions after the trigger that can be its object, nearest first."""
    document, t1, rule = frame.document, event.t1, event.rule
    plain = frame.actors if spec.range <= set(ACTORS) else frame.mentions
    between = re.search(r"\bbetween\b", document[event.t0 : t1 + 40]) is not None
    # a noun takes no direct object: "talks with X", "a visit to X"
    noun = (rule.object_preps - {""}) | rule.noun_object
    allowed = noun if event.noun else rule.object_preps
    if between:  # "between the leaders of the US and the DPRK"
        allowed = allowed | {"", "of", "between"}
    found: list[Mention] = []
    for m in plain:
        if m.start < t1 or m.start - t1 - aside_length(frame, t1, m.start) > WINDOW:
            continue
        kind = registry.type_of(m.entity)
        if kind not in spec.range or frame.aside_of(m.start) != frame.aside_of(event.t0):
            continue  # an object is in the trigger's own clause
        if document[m.end : m.end + 1] == "-":
            continue  # "a US-drafted resolution": a modifier, not a party
        if verb_between(frame, t1, m.start):
            continue  # "recognised …, days before launching its invasion of Ukraine"
        prep = frame.preposition_of(m)
        if prep and prep not in allowed and document[t1 - len(prep) : t1] != prep:
            continue
        if kind == "Place" and not rule.place_object and prep in PLACE_PREPOSITIONS:
            continue  # "met Lavrov in Moscow": where, not whom
        if CLAUSE_BREAK.search(document[t1 : m.start]) and not (
            found and _coordinated_with(document, found[-1], m)
        ):
            continue  # another clause, unless "met X, chairman of Y, and Z"
        if _apposed_place(m, frame.mentions, registry, document):
            continue  # "in Pyongyang, DPRK"
        found.append(m)
    # "support for the goals of Moscow's campaign": the owner is not what is supported
    found = [m for m in found if not possessive(m, document)]
    if rule.people_first and any(is_person(registry, m) for m in found):
        found = [m for m in found if is_person(registry, m)]  # Kim, not the DPRK he leads
    return found


#: "in Russia on a visit": the place comes before the visit it is the object of
_IN_ON_A = re.compile(r"^\s+on\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}$")


def _where_before(frame: Frame, event: Event, spec: Predicate, registry: Registry) -> list[Mention]:
    return [
        m
        for m in frame.mentions
        if m.end <= event.t0
        and registry.type_of(m.entity) in spec.range
        and frame.preposition_of(m) == "in"
        and _IN_ON_A.match(frame.document[m.end : event.t0])
    ]


_DEMONYM_GROUP = re.compile(r"\b([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+(\w+)")


def _group_owner(frame: Frame, before: list[Mention], t0: int) -> Mention | None:
    """ "North Korean soldiers", "Russian troops": a country's people, sent by it."""
    document = frame.document
    for m in reversed(before):
        words = document[m.end : m.end + 30].split()
        if words and words[0].lower().strip(",.") in GROUP_WORDS:
            return m
    found = None
    for match in _DEMONYM_GROUP.finditer(document, frame.sentence.start, t0):
        if match.group(2).lower() in GROUP_WORDS:
            found = frame.demonym(match.group(1), match.start(1), match.end(1)) or found
    return found


def _pair(
    frame: Frame,
    event: Event,
    before: list[Mention],
    after: list[Mention],
    subject: Mention | None,
    obj: Mention | None,
) -> tuple[Mention | None, Mention | None]:
    """The two sides of a symmetric event: "between X and Y", "X and Y met"."""
    document, t0, t1 = frame.document, event.t0, event.t1
    between = re.search(r"\bbetween\b", document[t0 : t1 + 40])
    if between and len(after) >= 2 and joined(after[0], after[1], document):
        return after[0], after[1]
    if between:
        return None, None  # "a meeting between …" names both sides there, or none
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
        and not verb_between(frame, before[-2].end, before[-1].start, shared=False)
    ):
        return before[-2], before[-1]  # not "Lavrov said Kim's letter … cooperate"
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
        or verb_between(frame, before[-2].end, subject.start, shared=False)  # "Choe, and said X"
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
        if not _coordinated_with(document, coordinated[-1], nxt):
            break
        coordinated.append(nxt)
    return coordinated


def _coordinated_with(document: str, first: Mention, then: Mention) -> bool:
    gap = document[first.end : then.start]
    return bool(COORDINATED.match(gap) or _APPOSED_AND.match(gap))


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
