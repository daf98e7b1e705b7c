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

from relgraph.draft.lexicon import TITLE_WORDS
from relgraph.draft.mentions import Mention, Registry
from relgraph.draft.sentences import DateMention, Sentence, shortest_unique
from relgraph.draft.triggers import trigger_patterns
from relgraph.vocab import Vocabulary

ACTORS = ("Person", "Country", "Organization")
WINDOW = 100  # characters between a trigger and its object, at most


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
    #: the lead's date expression, for undated claims near the top (the story's main event)
    lead_date: str | None = None
    lead_end: int = 0


_SPEAKER_AFTER = re.compile(
    r"^\s*(?:said|says|told|added|stressed|noted|warned|announced|revealed|confirmed|reported)\b"
)
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|said|says|cited|quoted)\s+(?:the\s+)?$")
_SAID = re.compile(r"\b(?:said|says|told|added|according to|quoted|cited|reads the statement)\b")
_ALLEGED = re.compile(r"\b(?:accus\w*|alleg\w*|claims?|suspected|reportedly)\b", re.IGNORECASE)
_DENIED = re.compile(r"\b(?:denied|denies|deny|not presented any evidence|no evidence)\b")
_PLANNED = re.compile(
    r"\b(?:will|would|expected to|expects|is to|are to|plans? to|planned|scheduled|could start|"
    r"should|to be held|next month|next week|if implemented)\b"
)
_PRONOUN = re.compile(r"^(?:He|She)\b")
_PRONOUN_SAID = re.compile(r"\b(?:he|she|He|She) (?:said|added|told)\b")


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


_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose)\b")


def _date(
    dates: Sequence[DateMention], at: int, published_iso: str, status: str, text: str
) -> str | None:
    if not dates:
        return None
    nearest = min(dates, key=lambda d: abs(d.start - at))
    if nearest.start > at and _RELATIVE_CLAUSE.search(text[at : nearest.start]):
        return None  # "met X, who earlier this week gave …": that date is the clause's
    if nearest.iso > published_iso and status != "planned":
        return None  # a future date on a claim that did not say it was planned
    return nearest.value


def _place(sentence: Sentence, mentions: Sequence[Mention], registry: Registry) -> str | None:
    for m in mentions:
        before = sentence.text[max(0, m.start - sentence.start - 4) : m.start - sentence.start]
        if registry.type_of(m.entity) == "Place" and before.endswith(("in ", "at ")):
            return m.entity
    return None


def as_actor(m: Mention, registry: Registry, text: str) -> Mention:
    """A capital named as an actor ("Pyongyang is ready") stands for its country.

    Only when the place is not the object of a preposition of place ("in Moscow").
    """
    entity = registry.entities.get(m.entity)
    if entity is None or entity.type != "Place" or not entity.country:
        return m
    if registry.type_of(entity.country) != "Country":
        return m
    if re.search(
        r"\b(?:in|at|to|from|near|via|of)\s+(?:the\s+)?$", text[max(0, m.start - 12) : m.start]
    ):
        return m
    return Mention(entity.country, m.start, m.end, m.surface, m.score * 0.9)


_TITLE_RUN = re.compile(
    r"^(?:'s|’s)?\s*(?:\([A-Z]{2,6}\)\s*)?(?:[A-Z][\w-]*\s+|(?:of|the|for|"
    + "|".join(sorted(TITLE_WORDS, key=len, reverse=True))
    + r")\s+){0,6}$"
)
_PREP_BEFORE = re.compile(r"\b(?:in|at|from|near|via)\s+(?:the\s+)?$")


def _background(mentions: Sequence[Mention], registry: Registry, text: str) -> set[int]:
    """Mentions that are not actors of the clause: a country that only modifies a title
    ("US President Donald Trump"), and whatever sits inside an apposition
    ("Kim Yong-chol, vice-chairman of … Central Committee, was traveling")."""
    skip: set[int] = set()
    for k, m in enumerate(mentions):
        if (
            k + 1 < len(mentions)
            and mentions[k + 1].entity == m.entity
            and text[m.end : mentions[k + 1].start] == " ("
        ):
            skip.add(k + 1)  # "Democratic People's Republic of Korea (DPRK)": one name
        rest = [n for j, n in enumerate(mentions[k + 1 :], k + 1) if j not in skip]
        nxt = rest[0] if rest else None
        if (
            nxt is not None
            and registry.type_of(nxt.entity) == "Person"
            and _TITLE_RUN.match(text[m.end : nxt.start])
            and nxt.start - m.end <= 60
            and registry.type_of(m.entity) in ("Country", "Organization", "Place")
        ):
            skip.add(k)
        if registry.type_of(m.entity) == "Person" and text[m.end : m.end + 2] == ", ":
            close = text.find(",", m.end + 2, m.end + 120)
            if close > 0 and not re.match(r"\s*(?:and|but|who|which)\b", text[m.end + 2 :]):
                for j in range(k + 1, len(mentions)):
                    if mentions[j].start < close:
                        skip.add(j)
    return skip


_CLAUSE_BREAK = re.compile(r"\bthat\b|,\s+(?:and|but|while)\b|;|\bwho\b")
_VISIT_OBJECT = re.compile(
    r"(?:\bto|\bin|\bacross|\binto|\bvisit(?:ed|ing|s)?|\btrip)\s+(?:the\s+)?$", re.IGNORECASE
)


_BOUNDARY = re.compile(
    r",\s+(?:and|but|while|which|who)\b|;|\s+and\s+(?:is|was|are|were|will|has|had)\b"
)


def _clause(text: str, sentence: Sentence, t0: int, t1: int) -> str:
    """The clause around a trigger, for its status ("arrived …, and is expected to …")."""
    start, end = sentence.start, sentence.end
    for m in _BOUNDARY.finditer(text, sentence.start, sentence.end):
        if m.end() <= t0:
            start = m.start()
        elif m.start() >= t1:
            end = m.start()
            break
    return text[start:end]


_NOUN_TRIGGER = re.compile(r"(?:visit|trip|letter|message|note|meeting|talks|summit)", re.I)


def _may_lead(m: Mention, t0: int, text: str) -> bool:
    """Can this mention be the subject of a trigger at ``t0``? Not across "that" or ", and",
    and a possessive only when the trigger is its noun ("Lavrov's fourth visit")."""
    between = text[m.end : t0]
    if _CLAUSE_BREAK.search(between):
        return False
    if between[:2] in ("'s", "’s"):
        return len(between[2:].split()) <= 1 and bool(_NOUN_TRIGGER.match(text[t0 : t0 + 8]))
    return True


def _joined(a: Mention, b: Mention, text: str) -> bool:
    """ "Moon Jae-in and Kim", "Lavrov, center left, and … Ri Yong-ho": acting together."""
    between = text[a.end : b.start]
    return len(between) <= 40 and bool(re.search(r"(?:^|\s|,)and\s", between))


def _possessive(m: Mention, text: str) -> bool:
    return text[m.end : m.end + 2] in ("'s", "’s")


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
    if speaker is None and previous_actor and _PRONOUN_SAID.search(sentence.text):
        speaker = previous_actor  # '"…," he said.'

    place = _place(sentence, mentions, registry)
    document = ctx.documents[doc]
    skip = _background(mentions, registry, document)
    actors = [as_actor(m, registry, document) for k, m in enumerate(mentions) if k not in skip]
    mentions = [m for k, m in enumerate(mentions) if k not in skip]
    for predicate, pattern in trigger_patterns().items():
        spec = vocab.predicates[predicate]
        for match in pattern.finditer(sentence.text):
            t0, t1 = sentence.start + match.start(), sentence.start + match.end()
            before = [
                m for m in actors if m.end <= t0 and registry.type_of(m.entity) in spec.domain
            ]
            plain = actors if spec.range <= set(ACTORS) else mentions
            after = [
                m
                for m in plain
                if m.start >= t1
                and m.start - t1 <= WINDOW
                and registry.type_of(m.entity) in spec.range
                and (
                    predicate != "visited"
                    or _VISIT_OBJECT.search(document[max(0, m.start - 14) : m.start])
                )
                and (
                    predicate in ("visited", "built")
                    or registry.type_of(m.entity) != "Place"
                    or not _PREP_BEFORE.search(document[max(0, m.start - 12) : m.start])
                )
            ]
            after = [m for m in after if not _CLAUSE_BREAK.search(document[t1 : m.start])]
            owners = [m for m in after if _possessive(m, document)]
            if owners and len(after) > len(owners):
                after = [m for m in after if not _possessive(m, document)]
            if predicate == "sent_message":
                sender = next(
                    (m for m in after if document[m.start - 5 : m.start] == "from "), None
                )
                if sender is not None:
                    after = [m for m in [*reversed(before), *after] if m.entity != sender.entity]
                    before = [sender]
            subject = before[-1] if before and _may_lead(before[-1], t0, document) else None
            pronoun = subject is None and _PRONOUN.match(sentence.text) and previous_actor
            if spec.object_kind == "statement":
                continue  # 'denied' needs the claim it denies: left to the reviewer
            objects = [m for m in after if subject is None or m.entity != subject.entity]
            obj = objects[0] if objects else None
            if spec.symmetric:
                between = re.search(r"\bbetween\b", document[t0 : t1 + 40])
                if between and len(after) >= 2 and _joined(after[0], after[1], document):
                    subject, obj = after[0], after[1]
                elif len(before) >= 2 and _joined(before[-2], before[-1], document):
                    if t0 - before[-1].end <= 60:
                        subject, obj = before[-2], before[-1]
                elif obj is None and len(before) >= 2:
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
                and _joined(before[-2], subject, document)
            ):
                participants = (before[-2].entity, subject_id)  # "Moon and Kim … signing"
            if subject_id == obj.entity:
                continue
            lo = min(subject.start if subject else t0, t0)
            hi = max(obj.end, t1)
            span = shortest_unique(ctx.documents, doc, lo, hi, (sentence.start, sentence.end))
            if span is None:
                continue
            near = 1.0 - min(hi - lo, 200) / 400
            confidence = round(0.35 + 0.4 * near + (0.1 if subject else 0.0), 2)
            clause = _clause(document, sentence, t0, t1)
            at = clause.find(document[lo:hi])
            claim_status = _status(
                clause[max(0, at) : max(0, at) + hi - lo + 40] if at >= 0 else clause
            )
            claim = DraftClaim(
                predicate=predicate,
                participants=participants,
                object=obj.entity,
                quote=ctx.documents[doc][span[0] : span[1]],
                confidence=confidence,
                date=_date(dates, t0, ctx.published_iso, claim_status, document)
                or (
                    ctx.lead_date
                    if claim_status == "asserted" and sentence.start < ctx.lead_end
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
                and registry.entities[speaker].country == subject_id
            ):
                # "Lavrov said Russia is ready …": the minister states his country's position
                participants, subject_id = (speaker,), speaker
                claim = replace(claim, participants=participants, asserted_by=None)
            key = (predicate, participants, obj.entity)
            if key not in found or found[key].confidence < confidence:
                found[key] = claim
    if not found and speaker is not None:
        said = _said_claim(sentence, doc, speaker, mentions, dates, ctx)
        if said is not None:
            found[("said",)] = said
    return list(found.values())


_SAID_AT = re.compile(r"\b(?:said|says|told \w+|stressed|noted|added)\b(?:\s+that)?")


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
    topic = next(
        (
            m
            for m in mentions
            if m.entity != speaker
            and m.start >= t0
            and ctx.registry.type_of(m.entity) != "Person"
            and not (
                ctx.registry.type_of(m.entity) == "Place"
                and _PREP_BEFORE.search(document[max(0, m.start - 12) : m.start])
            )
        ),
        None,
    )
    spoken = next((m for m in mentions if m.entity == speaker), None)
    if topic is None or spoken is None:
        return None
    lo, hi = min(spoken.start, t0), max(topic.end, t0)
    span = shortest_unique(ctx.documents, doc, lo, hi, (sentence.start, sentence.end))
    if span is None:
        return None
    status = _status(sentence.text)
    return DraftClaim(
        predicate="stated_position",
        participants=(speaker,),
        object=topic.entity,
        quote=document[span[0] : span[1]],
        confidence=0.4,
        date=_date(dates, t0, ctx.published_iso, status, document),
        status=status,
    )
