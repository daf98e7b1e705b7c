"""Claims: per sentence, the events its trigger words name, their arguments, then when,
where, how sure and on whose word.

Four steps, each a function of the sentence's :class:`Frame` (its words with their
tags and chunks, its mentions, its speaker and place):

1. :func:`relgraph.draft.rules.events.find_event` — a trigger of the ontology
   (``rg:trigger``, ``rg:cue``) in the right sense: not inside a name or an
   agreement's name ("the strategic partnership treaty" is no partnership), not a
   called-off, denied or only requested event, not a deed only planned;
2. :func:`relgraph.draft.rules.arguments.find_arguments` — who and what, by English
   structure (the predicate's rule in :mod:`relgraph.draft.rules.predicate_rules`);
3. :func:`make_claims` — one claim per coordinated object, with its status
   (accusations alleged, denials denied, modality and future planned), date,
   place (only from a prepositional phrase of place), attribution and the
   shortest verbatim quote that occurs once in the article.

A sentence with a speaker and no trigger states a position (:mod:`relgraph.draft.rules.said`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft import DraftClaim
from relgraph.draft.rules.arguments import Arguments, find_arguments
from relgraph.draft.rules.cues import (
    claim_date,
    clause_of,
    dated_saying,
    of_a_saying,
    status_of,
)
from relgraph.draft.rules.events import find_event
from relgraph.draft.rules.frame import Context, Event, Frame, read_frame
from relgraph.draft.rules.predicate_rules import (
    rule_for,
)
from relgraph.draft.rules.said import said_claim
from relgraph.draft.rules.sentences import DateMention, Sentence, shortest_unique
from relgraph.draft.rules.stimulus import stimulus_parties
from relgraph.draft.rules.triggers import trigger_patterns

__all__ = ["Context", "DraftClaim", "sentence_claims"]


def sentence_claims(
    sentence: Sentence,
    doc: int,
    mentions: Sequence[Mention],
    dates: Sequence[DateMention],
    previous_actor: str | None,
    ctx: Context,
) -> list[DraftClaim]:
    """The claims one sentence suggests (``doc`` 0 is the text, 1… the captions)."""
    frame = read_frame(sentence, doc, mentions, previous_actor, ctx)
    found: dict[tuple[object, ...], DraftClaim] = {}
    spans: dict[tuple[object, ...], tuple[int, int]] = {}  # each claim's trigger
    for predicate, pattern in trigger_patterns().items():
        spec = ctx.vocab.predicates[predicate]
        if spec.object_kind == "statement":
            continue  # 'denied' needs the claim it denies: left to the reviewer
        rule = rule_for(predicate)
        for match in pattern.finditer(sentence.text):
            event = find_event(frame, predicate, rule, match.start(), match.end())
            if event is None:
                continue
            if predicate == "expressed_concern":
                felt = _felt_claim(frame, event, dates, ctx)
                if felt is not None:  # "the build-up worries Moscow and Pyongyang"
                    found[(predicate, felt.participants, felt.object)] = felt
                    continue
            args = find_arguments(frame, event, spec, ctx.registry)
            if args is None:
                continue
            for claim in make_claims(frame, event, args, dates, ctx):
                key = (claim.predicate, claim.participants, claim.object)
                if key not in found or found[key].confidence < claim.confidence:
                    found[key] = claim
                    spans[key] = (event.t0, event.t1)
    if not found and frame.speaker is not None:
        said = said_claim(frame, dates, ctx)
        if said is not None:
            found[("said",)] = said
    return [
        claim
        for key, claim in found.items()
        if not any(
            other[0] != key[0] and _inside(spans.get(key), span) for other, span in spans.items()
        )
    ]


def _felt_claim(
    frame: Frame, event: Event, dates: Sequence[DateMention], ctx: Context
) -> DraftClaim | None:
    document, sentence = frame.document, frame.sentence
    felt = stimulus_parties(
        document, event.t0, event.t1, sentence.start, frame.actors, ctx.registry
    )
    if felt is None:
        return None
    people, cause = felt
    span = shortest_unique(
        ctx.documents, frame.doc, cause.start, people[-1].end, (sentence.start, sentence.end)
    )
    if span is None:
        return None
    ids = tuple(m.entity for m in people)
    return DraftClaim(
        event.predicate,
        ids,
        cause.entity,
        document[span[0] : span[1]],
        0.6,
        claim_date(dates, event.t0, ctx.published_iso, "asserted", document),
        status=status_of(clause_of(document, sentence, event.t0, event.t1)),
        asserted_by=frame.speaker if frame.speaker not in ids else None,
    )


def make_claims(
    frame: Frame,
    event: Event,
    args: Arguments,
    dates: Sequence[DateMention],
    ctx: Context,
) -> list[DraftClaim]:
    """One claim per object, with status, date, place, attribution and quote."""
    document, sentence, rule = frame.document, frame.sentence, event.rule
    claims = []
    subject = args.subject
    registry = ctx.registry
    word = document[event.t0 : event.t1].lower()
    for obj in args.objects:
        if args.subject_id == obj.entity:
            continue
        person = registry.type_of(obj.entity) == "Person"
        if (person and word in rule.not_of_people) or (not person and word in rule.only_of_people):
            continue  # "welcomed Kim" is a reception, "welcomed the talks" support
        predicate = event.predicate
        if rule.person_to_person and person and registry.type_of(args.subject_id) == "Person":
            predicate = rule.person_to_person  # "Kim received Lavrov": they met
        lo = min(subject.start if subject else event.t0, event.t0, obj.start)
        hi = max(obj.end, event.t1, subject.end if subject else event.t1)
        span = shortest_unique(ctx.documents, frame.doc, lo, hi, (sentence.start, sentence.end))
        if span is None:
            continue
        near = 1.0 - min(hi - lo, 200) / 400
        confidence = round(0.35 + 0.4 * near + (0.1 if subject else 0.0), 2)
        status = _status(frame, event, lo, hi)
        accuser = _accuser(frame, event, registry)
        if accuser is not None and accuser not in (args.subject_id, obj.entity):
            status = "alleged"  # "X accused Y of supplying Z": the supplying is X's claim
        claim = DraftClaim(
            predicate=predicate,
            participants=args.participants,
            object=obj.entity,
            quote=document[span[0] : span[1]],
            confidence=confidence,
            date=_date(frame, event, status, dates, hi, ctx),
            place=frame.place
            if (rule_for(predicate).takes_place and frame.place != obj.entity)
            else None,
            status=status,
            asserted_by=_source(frame.speaker or accuser, args.subject_id, obj.entity),
        )
        claims.append(_own_position(frame, claim, ctx))
    if not rule.joint:  # each subject says it on its own
        claims = [
            replace(c, participants=(who,))
            for c in claims
            for who in c.participants
            if who != c.object
        ]
    return claims


def _source(who: str | None, subject: str, obj: str) -> str | None:
    return who if who not in (None, subject, obj) else None


#: "accused X of", "accusing Y of": what follows is the accuser's claim
_ACCUSED_OF = re.compile(r"\baccus\w*\s+(?:[\w'’.-]+\s+){1,6}?of\s+$")


def _accuser(frame: Frame, event: Event, registry: Registry) -> str | None:
    """Who accuses, when the trigger is the deed of "accused X of <doing>"."""
    if event.predicate == "accused":
        return None
    found = _ACCUSED_OF.search(frame.document, frame.sentence.start, event.t0)
    if found is None:
        return None
    actors = [
        m
        for m in frame.actors
        if m.end <= found.start()
        and registry.type_of(m.entity) in ("Person", "Country", "Organization")
        and frame.aside_of(m.start) is None
        and frame.preposition_of(m) == ""
    ]
    return actors[-1].entity if actors else None


def _status(frame: Frame, event: Event, lo: int, hi: int) -> str:
    document, sentence = frame.document, frame.sentence
    clause = clause_of(document, sentence, event.t0, event.t1)
    at = clause.find(document[lo:hi])
    window = clause[max(0, at) : max(0, at) + hi - lo + 40] if at >= 0 else clause
    status = status_of(document[max(sentence.start, lo - 30) : lo] + " " + window)
    if status == "alleged" and event.predicate == "accused":
        # the accusation itself is made: alleged only if something else says so
        trigger = document[event.t0 : event.t1]
        status = status_of(
            document[max(sentence.start, lo - 30) : lo] + " " + window.replace(trigger, " ")
        )
    if status == "asserted" and event.noun:
        # "the summit between X and Y, which is expected to take place …"
        status = status_of(document[hi : sentence.end])
    if status == "planned" and event.rule.stance:
        status = "asserted"  # "X said talks could start": the saying happened
    return status


def _date(
    frame: Frame,
    event: Event,
    status: str,
    dates: Sequence[DateMention],
    hi: int,
    ctx: Context,
) -> str | None:
    document, sentence = frame.document, frame.sentence
    if not event.rule.statement and dated_saying(dates, event.t0, document):
        return None  # "The US said Friday that North Korea has sent …"
    if _PLUPERFECT.search(document, max(sentence.start, event.t0 - 20), event.t0):
        return None  # "Russia had invited Kim": before the time the sentence tells of
    if event.noun and event.rule.agent_after:
        return None  # "arrived on Sunday at the invitation of X": invited before that
    own = frame.aside_of(event.t0)
    dates = [d for d in dates if frame.aside_of(d.start) in (None, own)]
    named = bool(dates)  # the clause names a day, the event's or its saying's
    if not event.rule.statement:  # "X has sent troops, Y said on Thursday": the saying's
        dates = [d for d in dates if d.end <= event.t0 or not of_a_saying(d, document)]
    found = claim_date(dates, event.t0, ctx.published_iso, status, document)
    if found is not None:
        return found
    lead = (
        status == "asserted"
        and frame.doc == 0
        and sentence.start < ctx.lead_end
        and not _ELSEWHEN.search(document, sentence.start, hi)
    )
    if not lead or named:
        return None  # a day the sentence names but that is not the event's gives none
    if ctx.lead_date is not None:
        return ctx.lead_date  # the lead's day is the main event's
    return ctx.published_iso  # a lead that names no day tells of the article's day


def _own_position(frame: Frame, claim: DraftClaim, ctx: Context) -> DraftClaim:
    """ "Lavrov said Russia is ready …": the minister states his country's position."""
    speaker, registry = frame.speaker, ctx.registry
    if (
        claim.predicate == "stated_position"
        and speaker is not None
        and len(claim.participants) == 1
        and registry.type_of(speaker) == "Person"
        and registry.by_id()[speaker].country == claim.participants[0]
    ):
        return replace(claim, participants=(speaker,), asserted_by=None)
    return claim


def _inside(span: tuple[int, int] | None, other: tuple[int, int]) -> bool:
    """The trigger is part of a longer one ("sent" in "has sent to"): the longer one wins."""
    return (
        span is not None
        and other[0] <= span[0]
        and span[1] <= other[1]
        and other[1] - other[0] > span[1] - span[0]
    )


#: the pluperfect: an event before the one the sentence is dated by
_PLUPERFECT = re.compile(r"\bhad\s+(?:(?:already|earlier|previously|also)\s+)?$")

#: a sentence about another time than the story's main event
_ELSEWHEN = re.compile(
    r"\b(?:since|ago|past|previously|earlier|former|once|had|weeks|months|years)\b", re.I
)
