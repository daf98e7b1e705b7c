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
from dataclasses import dataclass

from relgraph.draft.mentions import Mention, Registry
from relgraph.draft.sentences import DateMention, Sentence, shortest_unique
from relgraph.draft.triggers import trigger_patterns
from relgraph.vocab import Vocabulary

ACTORS = ("Person", "Country", "Organization")
WINDOW = 90  # characters between a trigger and its object, at most


@dataclass(frozen=True)
class DraftClaim:
    predicate: str
    participants: tuple[str, ...]
    object: str | None
    quote: str
    confidence: float
    date: str | None = None
    place: str | None = None
    status: str = "asserted"
    asserted_by: str | None = None

    @property
    def key(self) -> tuple[str, frozenset[str] | tuple[str, ...], str | None]:
        """What makes two suggestions the same claim (quote and wording aside)."""
        return (self.predicate, tuple(self.participants), self.object)


@dataclass(frozen=True)
class Context:
    """What every sentence of one article shares."""

    documents: tuple[str, ...]  # text, then each caption
    registry: Registry
    vocab: Vocabulary
    published_iso: str


_SPEAKER_AFTER = re.compile(r"^\s*(?:said|says|told|added|stressed|noted|warned)\b")
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|said|says|cited|quoted)\s+(?:the\s+)?$")
_SAID = re.compile(r"\b(?:said|says|told|added|according to|quoted|cited|reads the statement)\b")
_ALLEGED = re.compile(r"\b(?:accus\w*|alleg\w*|claims?|suspected|reportedly)\b", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:denied|denies|deny|not presented any evidence|no evidence)\b")
_PLANNED = re.compile(
    r"\b(?:will|would|expected to|expects|is to|are to|plans? to|planned|scheduled|could start|"
    r"should|to be held|next month|next week|if implemented)\b"
)
_PRONOUN = re.compile(r"^(?:He|She)\b")


def _speaker(sentence: Sentence, mentions: Sequence[Mention], registry: Registry) -> str | None:
    """Who the sentence quotes: "X said", "said X", "according to X", "X told"."""
    for m in mentions:
        if registry.type_of(m.entity) not in ACTORS:
            continue
        after = sentence.text[m.end - sentence.start :]
        before = sentence.text[: m.start - sentence.start]
        if _SPEAKER_AFTER.match(after) or _SPEAKER_BEFORE.search(before):
            return m.entity
    return None


def _status(text: str) -> str:
    if _DENIED.search(text):
        return "denied"
    if _ALLEGED.search(text):
        return "alleged"
    if _PLANNED.search(text):
        return "planned"
    return "asserted"


def _date(dates: Sequence[DateMention], at: int, published_iso: str, status: str) -> str | None:
    if not dates:
        return None
    nearest = min(dates, key=lambda d: abs(d.start - at))
    if nearest.iso > published_iso and status != "planned":
        return None  # a future date on a claim that did not say it was planned
    return nearest.value


def _place(sentence: Sentence, mentions: Sequence[Mention], registry: Registry) -> str | None:
    for m in mentions:
        before = sentence.text[max(0, m.start - sentence.start - 4) : m.start - sentence.start]
        if registry.type_of(m.entity) == "Place" and before.endswith(("in ", "at ")):
            return m.entity
    return None


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
    speaker = _speaker(sentence, mentions, registry)
    status = _status(sentence.text)
    place = _place(sentence, mentions, registry)
    for predicate, pattern in trigger_patterns().items():
        spec = vocab.predicates[predicate]
        for match in pattern.finditer(sentence.text):
            t0, t1 = sentence.start + match.start(), sentence.start + match.end()
            before = [m for m in mentions if m.end <= t0 and registry.type_of(m.entity) in spec.domain]
            after = [
                m
                for m in mentions
                if m.start >= t1 and m.start - t1 <= WINDOW
                and registry.type_of(m.entity) in spec.range
            ]
            subject = before[-1] if before else None
            pronoun = subject is None and _PRONOUN.match(sentence.text) and previous_actor
            if spec.object_kind == "statement":
                continue  # 'denied' needs the claim it denies: left to the reviewer
            obj = next((m for m in after if subject is None or m.entity != subject.entity), None)
            if predicate in ("met", "cooperates_with") and obj is None and len(before) >= 2:
                obj, subject = before[-1], before[-2]
            if (subject is None and not pronoun) or obj is None:
                continue
            subject_id = subject.entity if subject else str(previous_actor)
            if subject_id == obj.entity:
                continue
            lo = min(subject.start if subject else t0, t0)
            hi = max(obj.end, t1)
            span = shortest_unique(ctx.documents, doc, lo, hi, (sentence.start, sentence.end))
            if span is None:
                continue
            near = 1.0 - min(hi - lo, 200) / 400
            confidence = round(0.35 + 0.4 * near + (0.1 if subject else 0.0), 2)
            claim_status = status if predicate not in ("denied",) else "asserted"
            claim = DraftClaim(
                predicate=predicate,
                participants=(subject_id,),
                object=obj.entity,
                quote=ctx.documents[doc][span[0] : span[1]],
                confidence=confidence,
                date=_date(dates, t0, ctx.published_iso, claim_status),
                place=place if predicate in ("met", "hosted", "signed", "discussed") else None,
                status=claim_status,
                asserted_by=speaker if speaker not in (None, subject_id, obj.entity) else None,
            )
            key = (predicate, subject_id, obj.entity)
            if key not in found or found[key].confidence < confidence:
                found[key] = claim
    return list(found.values())
