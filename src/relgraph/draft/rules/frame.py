"""What the claim steps share: the article's context, and one sentence read once
(its parse, mentions, speaker and place) as a :class:`Frame`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft.lexicon import DEMONYMS
from relgraph.draft.rules.cues import (
    as_actor,
    background,
    place_of,
    pronoun_said,
    speaker_of,
)
from relgraph.draft.rules.predicate_rules import Rule
from relgraph.draft.rules.sentences import Sentence
from relgraph.draft.rules.syntax import Parse, parse
from relgraph.rdf.vocabulary import Vocabulary


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


@dataclass(frozen=True)
class Event:
    """A trigger read as an event of one predicate."""

    predicate: str
    rule: Rule
    t0: int
    t1: int
    noun: bool  # "the visit", "talks": a nominalisation, not a verb


@dataclass(frozen=True)
class Frame:
    """One sentence of one document, read once for every trigger in it."""

    sentence: Sentence
    doc: int
    document: str
    parse: Parse
    #: the sentence's mentions, and those that can act (capitals as their
    #: countries), without names that only modify others ("US President Trump")
    all_mentions: tuple[Mention, ...]
    mentions: tuple[Mention, ...]
    actors: tuple[Mention, ...]
    asides: tuple[tuple[int, int], ...]
    speaker: str | None
    place: str | None
    previous_actor: str | None
    registry: Registry

    def aside_of(self, offset: int) -> tuple[int, int] | None:
        """The relative clause, participial phrase or apposition holding ``offset``."""
        inside = [a for a in self.asides if a[0] <= offset < a[1]]
        return min(inside, key=lambda a: a[1] - a[0]) if inside else None

    def demonym(self, word: str, start: int, end: int) -> Mention | None:
        """The country a demonym names ("Russian"), as a mention at ``start:end``."""
        for country, forms in DEMONYMS.items():
            if word in forms and (entity := self.registry.by_name(country)) is not None:
                return Mention(entity, start, end, word, 0.8)
        return None

    def preposition_of(self, m: Mention) -> str:
        """The preposition heading the phrase ``m`` sits in, "" for none."""
        return self.parse.preposition_of(m.start) or ""


def read_frame(
    sentence: Sentence,
    doc: int,
    mentions: Sequence[Mention],
    previous_actor: str | None,
    ctx: Context,
) -> Frame:
    registry = ctx.registry
    document = ctx.documents[doc]
    speaker = speaker_of(sentence, mentions, registry)
    if speaker is None and previous_actor and pronoun_said().search(sentence.text):
        speaker = previous_actor  # '"…," he said.'
    syntax = parse(sentence.text, sentence.start)
    asides = tuple(syntax.asides())
    main = [m for m in mentions if not any(a <= m.start < b for a, b in asides)]
    skip = background(mentions, registry, document)
    kept = tuple(m for k, m in enumerate(mentions) if k not in skip)
    return Frame(
        sentence=sentence,
        doc=doc,
        document=document,
        parse=syntax,
        all_mentions=tuple(mentions),
        mentions=kept,
        actors=tuple(as_actor(m, registry, document) for m in kept),
        asides=asides,
        speaker=speaker,
        place=place_of(sentence, main, registry),  # not where an aside happened
        previous_actor=previous_actor,
        registry=registry,
    )
