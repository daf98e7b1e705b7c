"""Claims: per sentence, a predicate from trigger words, its arguments from mentions.

For each trigger in a sentence the subject is the nearest mention before it whose
type the predicate's domain accepts (a sentence opening with "He"/"She" goes back
to the last person who spoke or acted), and the object the nearest mention after
it that the range accepts, within a few words. The sentence then gives the
attribution ("X said", "according to X", "X told"), the status (an accusation is
alleged, a denial denied, what is expected or will happen planned), the date
(the expression nearest the trigger), the place ("in <Place>") and the shortest
verbatim quote that covers subject, trigger and object and occurs once in the
article (text and captions together).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from relgraph.draft import DraftClaim
from relgraph.draft.cues import (
    ACTORS,
    CALLED_OFF,
    CLAUSE_BREAK,
    COORDINATED,
    EVENTS,
    LIST_GAP,
    NOUN_TRIGGER,
    PASSIVE,
    PLANNED_WORK,
    PREP_BEFORE,
    PRONOUN_ANY,
    PRONOUN_SAID,
    VISIT_OBJECT,
    as_actor,
    background,
    claim_date,
    clause_of,
    dated_saying,
    demonym_before,
    joined,
    may_lead,
    place_of,
    possessive,
    speaker_of,
    status_of,
)
from relgraph.draft.mentions import Mention, Registry
from relgraph.draft.sentences import DateMention, Sentence, shortest_unique
from relgraph.draft.stimulus import stimulus_parties
from relgraph.draft.triggers import trigger_patterns
from relgraph.rdf.vocabulary import Vocabulary

WINDOW = 100  # characters between a trigger and its object, at most


@dataclass(frozen=True)
class Context:
    """What every sentence of one article shares."""

    documents: tuple[str, ...]  # text, then each caption
    registry: Registry
    vocab: Vocabulary
    published_iso: str
    #: the lead's date expression, for undated claims near the top (the story's main event)
    lead_date: str | None = None
    lead_end: int = 0


def sentence_claims(
    sentence: Sentence,
    doc: int,
    mentions: Sequence[Mention],
    dates: Sequence[DateMention],
    previous_actor: str | None,
    ctx: Context,
) -> list[DraftClaim]:
    """The claims one sentence suggests (``doc`` 0 is the text, 1… the captions)."""
    registry, vocab = ctx.registry, ctx.vocab
    found: dict[tuple[object, ...], DraftClaim] = {}
    spans: dict[tuple[object, ...], tuple[int, int]] = {}  # each claim's trigger
    speaker = speaker_of(sentence, mentions, registry)
    if speaker is None and previous_actor and PRONOUN_SAID.search(sentence.text):
        speaker = previous_actor  # '"…," he said.'

    place = place_of(sentence, mentions, registry)
    document = ctx.documents[doc]
    skip = background(mentions, registry, document)
    actors = [as_actor(m, registry, document) for k, m in enumerate(mentions) if k not in skip]
    mentions = [m for k, m in enumerate(mentions) if k not in skip]
    for predicate, pattern in trigger_patterns().items():
        spec = vocab.predicates[predicate]
        for match in pattern.finditer(sentence.text):
            t0, t1 = sentence.start + match.start(), sentence.start + match.end()
            if predicate in EVENTS and CALLED_OFF.search(document, max(0, t0 - 40), t0):
                continue  # "Trump canceled the meeting", "refused bilateral talks": no meeting
            felt = (
                stimulus_parties(document, t0, t1, sentence.start, actors, registry)
                if predicate == "expressed_concern"
                else None
            )
            if felt is not None:  # "the build-up worries Moscow and Pyongyang"
                people, cause = felt
                span = shortest_unique(
                    ctx.documents, doc, cause.start, people[-1].end, (sentence.start, sentence.end)
                )
                if span is not None:
                    ids = tuple(m.entity for m in people)
                    found[(predicate, ids, cause.entity)] = DraftClaim(
                        predicate,
                        ids,
                        cause.entity,
                        document[span[0] : span[1]],
                        0.6,
                        claim_date(dates, t0, ctx.published_iso, "asserted", document),
                        status=status_of(clause_of(document, sentence, t0, t1)),
                        asserted_by=speaker if speaker not in ids else None,
                    )
                continue
            before_all = [m for m in actors if registry.type_of(m.entity) in spec.domain]
            before = [m for m in before_all if m.end <= t0]
            plain = actors if spec.range <= set(ACTORS) else mentions
            after = [
                m
                for m in plain
                if m.start >= t1
                and m.start - t1 <= WINDOW
                and registry.type_of(m.entity) in spec.range
                and (
                    predicate != "visited"
                    or VISIT_OBJECT.search(document[max(0, m.start - 14) : m.start])
                )
                and (
                    predicate in ("visited", "built")
                    or registry.type_of(m.entity) != "Place"
                    or not PREP_BEFORE.search(document[max(0, m.start - 12) : m.start])
                )
            ]
            after = [m for m in after if not CLAUSE_BREAK.search(document[t1 : m.start])]
            owners = [m for m in after if possessive(m, document)]
            if owners and len(after) > len(owners):
                after = [m for m in after if not possessive(m, document)]
            passive = PASSIVE.match(document, t1)
            if passive:  # "Six-way talks are hosted by China"
                agent = [a for a in before_all if a.start == passive.end()]
                patient = [
                    m for m in plain if m.end <= t0 and registry.type_of(m.entity) in spec.range
                ]
                if agent and NOUN_TRIGGER.match(document, t0):  # "a visit by X to Y"
                    before, after = agent, [m for m in after if m.start > agent[0].end]
                elif agent and patient:
                    before, after = agent, patient[-1:]
            if predicate == "sent_message":
                sender = next(
                    (m for m in after if document[m.start - 5 : m.start] == "from "), None
                )
                if sender is not None:
                    after = [m for m in [*reversed(before), *after] if m.entity != sender.entity]
                    before = [sender]
                elif before and possessive(before[-1], document):
                    # "Trump's letter, … Kim Kye-gwan said": a letter's recipient follows "to"
                    after = [m for m in after if document[m.start - 3 : m.start] == "to "]
            after = [m for m in after if not _apposed_place(m, mentions, registry, document)]
            subject = before[-1] if before and may_lead(before[-1], t0, document) else None
            if predicate == "built" and PLANNED_WORK.search(document, max(0, t0 - 30), t0):
                continue  # "a project to build a pipeline" is a proposal, not a deed
            if predicate == "proposed":
                owner = demonym_before(document, t0, registry)
                subject = owner or subject  # "a Russian project to …": Russia proposes it
            pronoun = (
                subject is None
                and previous_actor
                and PRONOUN_ANY.search(document, max(sentence.start, t0 - 60), t0)
            )
            if spec.object_kind == "statement":
                continue  # 'denied' needs the claim it denies: left to the reviewer
            objects = [m for m in after if subject is None or m.entity != subject.entity]
            obj = objects[0] if objects else None
            if spec.symmetric:
                between = re.search(r"\bbetween\b", document[t0 : t1 + 40])
                if between and len(after) >= 2 and joined(after[0], after[1], document):
                    subject, obj = after[0], after[1]
                elif len(before) >= 2 and joined(before[-2], before[-1], document):
                    if t0 - before[-1].end <= 60:
                        subject, obj = before[-2], before[-1]
                elif (
                    obj is None
                    and len(before) >= 2
                    and t0 - before[-2].end <= 80
                    and not CLAUSE_BREAK.search(document, before[-2].end, t0)
                ):
                    subject, obj = before[-2], before[-1]
            if (subject is None and not pronoun) or obj is None:
                continue
            subject_id = subject.entity if subject else str(previous_actor)
            participants: tuple[str, ...] = (subject_id,)
            if (
                not spec.symmetric
                and subject is not None
                and len(before) >= 2
                and before[-1] is subject
                and before[-2].entity not in (subject_id, obj.entity)
                and joined(before[-2], subject, document)
            ):
                chain = [before[-2], subject]  # "Moon and Kim … signing"; "the U.S. Japan and …"
                k = len(before) - 3
                while k >= 0 and LIST_GAP.match(document[before[k].end : chain[0].start]):
                    chain.insert(0, before[k])
                    k -= 1
                participants = tuple(dict.fromkeys(m.entity for m in chain))
            coordinated = [obj]
            if not spec.symmetric and not re.search(
                r"\bbetween\s+(?:the\s+)?$", document[max(0, obj.start - 14) : obj.start]
            ):  # "a gas pipeline and a power line": one claim for each
                for nxt in objects[1:]:
                    if not COORDINATED.match(document[coordinated[-1].end : nxt.start]):
                        break
                    coordinated.append(nxt)
            for obj in coordinated:
                if subject_id == obj.entity:
                    continue
                lo = min(subject.start if subject else t0, t0, obj.start)
                hi = max(obj.end, t1, subject.end if subject else t1)
                span = shortest_unique(ctx.documents, doc, lo, hi, (sentence.start, sentence.end))
                if span is None:
                    continue
                near = 1.0 - min(hi - lo, 200) / 400
                confidence = round(0.35 + 0.4 * near + (0.1 if subject else 0.0), 2)
                clause = clause_of(document, sentence, t0, t1)
                at = clause.find(document[lo:hi])
                claim_status = status_of(
                    clause[max(0, at) : max(0, at) + hi - lo + 40] if at >= 0 else clause
                )
                if claim_status == "asserted" and NOUN_TRIGGER.match(document, t0):
                    # "the summit between X and Y, which is expected to take place …"
                    claim_status = status_of(document[hi : sentence.end])
                if claim_status == "planned" and predicate in _STANCES:
                    claim_status = "asserted"  # "X said talks could start": the saying happened
                claim = DraftClaim(
                    predicate=predicate,
                    participants=participants,
                    object=obj.entity,
                    quote=ctx.documents[doc][span[0] : span[1]],
                    confidence=confidence,
                    date=None
                    if predicate not in _STATEMENTS and dated_saying(dates, t0, document)
                    else claim_date(dates, t0, ctx.published_iso, claim_status, document)
                    or (
                        ctx.lead_date
                        if claim_status == "asserted"
                        and doc == 0
                        and sentence.start < ctx.lead_end
                        and not _ELSEWHEN.search(document, sentence.start, hi)
                        else None
                    ),
                    place=place if predicate in ("met", "hosted", "signed", "discussed") else None,
                    status=claim_status,
                    asserted_by=speaker if speaker not in (None, subject_id, obj.entity) else None,
                )
                if (
                    predicate == "stated_position"
                    and speaker is not None
                    and participants == (subject_id,)
                    and registry.type_of(speaker) == "Person"
                    and registry.by_id()[speaker].country == subject_id
                ):
                    # "Lavrov said Russia is ready …": the minister states his country's position
                    participants, subject_id = (speaker,), speaker
                    claim = replace(claim, participants=participants, asserted_by=None)
                key = (predicate, participants, obj.entity)
                if key not in found or found[key].confidence < confidence:
                    found[key] = claim
                    spans[key] = (t0, t1)
    if not found and speaker is not None:
        said = _said_claim(sentence, doc, speaker, mentions, dates, ctx)
        if said is not None:
            found[("said",)] = said
    return [
        claim
        for key, claim in found.items()
        if not any(
            other[0] != key[0] and _inside(spans.get(key), span) for other, span in spans.items()
        )
    ]


def _inside(span: tuple[int, int] | None, other: tuple[int, int]) -> bool:
    """The trigger is part of a longer one ("sent" in "has sent to"): the longer one wins."""
    return (
        span is not None
        and other[0] <= span[0]
        and span[1] <= other[1]
        and other[1] - other[0] > span[1] - span[0]
    )


_SAID_AT = re.compile(r"\b(?:said|says|told \w+|stressed|noted|added)\b(?:\s+that)?")


#: who a statement is cited from is its source, not what it is about
_SOURCE_BEFORE = re.compile(r"\b(?:cited by|quoted by|according to)\b[^,.;]*$")

#: a sentence about another time than the story's main event
_ELSEWHEN = re.compile(
    r"\b(?:since|ago|past|previously|earlier|former|once|had|weeks|months|years)\b", re.I
)


#: predicates that are themselves statements: "X said Friday" dates them
_STATEMENTS = frozenset(
    [
        "stated_position",
        "expressed_concern",
        "criticized",
        "urged",
        "accused",
        "denied",
        "supported",
    ]
)

#: stances: taken when stated, whatever the future their content speaks of
_STANCES = _STATEMENTS | {"rejected", "agreed", "considered", "proposed"}


def _apposed_place(m: Mention, mentions: Sequence[Mention], registry: Registry, text: str) -> bool:
    """ "in Pyongyang, DPRK": the country only says where the place is."""
    if text[m.start - 2 : m.start] != ", ":
        return False
    previous = [n for n in mentions if n.end == m.start - 2]
    return bool(previous) and registry.type_of(previous[0].entity) == "Place"


def _said_claim(
    sentence: Sentence,
    doc: int,
    speaker: str,
    mentions: Sequence[Mention],
    dates: Sequence[DateMention],
    ctx: Context,
) -> DraftClaim | None:
    """ "X said …" with no other trigger: X stated a position on what it names first."""
    document = ctx.documents[doc]
    at = _SAID_AT.search(sentence.text)
    if at is None:
        return None
    t0 = sentence.start + at.start()
    topics = [
        m
        for m in mentions
        if m.entity != speaker
        and ctx.registry.type_of(m.entity) != "Person"
        and not _SOURCE_BEFORE.search(document, max(0, m.start - 60), m.start)
        and not (
            ctx.registry.type_of(m.entity) == "Place"
            and PREP_BEFORE.search(document[max(0, m.start - 12) : m.start])
        )
    ]
    # what is said comes after "said", or before it in '"…," he said'
    topic = next((m for m in topics if m.start >= t0), topics[0] if topics else None)
    spoken = next((m for m in mentions if m.entity == speaker), None)
    pronoun = PRONOUN_SAID.search(document, sentence.start, sentence.end)
    anchor = spoken.start if spoken else (pronoun.start() if pronoun else None)
    if topic is None or anchor is None:
        return None
    lo, hi = min(anchor, t0, topic.start), max(topic.end, sentence.start + at.end())
    span = shortest_unique(ctx.documents, doc, lo, hi, (sentence.start, sentence.end))
    if span is None:
        return None
    status = status_of(sentence.text)
    status = "asserted" if status == "planned" else status  # a statement is made, not planned
    return DraftClaim(
        predicate="stated_position",
        participants=(speaker,),
        object=topic.entity,
        quote=document[span[0] : span[1]],
        confidence=0.4,
        date=claim_date(dates, t0, ctx.published_iso, status, document),
        status=status,
    )
