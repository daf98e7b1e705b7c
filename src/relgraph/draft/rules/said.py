"""A sentence that only says something: "X said …" with no other trigger is X's
stated position on the first thing it names (not who it cites, not where)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from relgraph.draft import DraftClaim
from relgraph.draft.rules.cues import claim_date, pronoun_said, status_of
from relgraph.draft.rules.frame import Context, Frame
from relgraph.draft.rules.sentences import DateMention, shortest_unique
from relgraph.draft.rules.triggers import speech_alternation

#: what a statement is about: a topic, project, agreement, event or forum; a country or
#: person named in what is said is who the reported clause is about ("Lavrov said
#: Moscow …" is no position on Moscow)
_ABOUT = frozenset(["Topic", "Project", "Agreement", "Event", "Forum"])

#: who a statement is cited from is its source, not what it is about
_SOURCE_BEFORE = re.compile(r"\b(?:cited by|quoted by|according to)\b[^,.;]*$")


@cache
def _said_at() -> re.Pattern[str]:
    return re.compile(rf"\b(?:told\s+\w+|{speech_alternation()})\b(?:\s+that)?")


def said_claim(frame: Frame, dates: Sequence[DateMention], ctx: Context) -> DraftClaim | None:
    """The speaker's stated position, or None when the sentence names nothing to be about."""
    speaker, sentence, document = frame.speaker, frame.sentence, frame.document
    if speaker is None:
        return None
    at = _said_at().search(sentence.text)
    if at is None:
        return None
    t0 = sentence.start + at.start()
    registry = ctx.registry
    topics = [
        m
        for m in frame.mentions
        if m.entity != speaker
        and registry.type_of(m.entity) in _ABOUT
        and not _SOURCE_BEFORE.search(document, max(0, m.start - 60), m.start)
        and not (
            registry.type_of(m.entity) == "Place"
            and frame.preposition_of(m) in ("in", "at", "from", "near", "via", "to")
        )
    ]
    # what is said comes after "said", or before it in '"…," he said'
    topic = next((m for m in topics if m.start >= t0), topics[0] if topics else None)
    spoken = next((m for m in frame.mentions if m.entity == speaker), None)
    pronoun = pronoun_said().search(document, sentence.start, sentence.end)
    anchor = spoken.start if spoken else (pronoun.start() if pronoun else None)
    if topic is None or anchor is None:
        return None
    lo, hi = min(anchor, t0, topic.start), max(topic.end, sentence.start + at.end())
    span = shortest_unique(ctx.documents, frame.doc, lo, hi, (sentence.start, sentence.end))
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
