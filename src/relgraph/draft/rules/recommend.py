"""The rule-based recommender: trigger words, mention order and patterns of news English.

It implements the interface at the package's face (:mod:`relgraph.draft`) and is
registered there as ``rules``; nothing outside the rule modules imports it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left
from dataclasses import replace

from relgraph.core.dates import DateError, resolve
from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft import ArticleText, DraftClaim, DraftRole, NearMiss, Stub, Suggestions
from relgraph.draft.lexicon import DEMONYMS
from relgraph.draft.rules.claims import Context, sentence_claims
from relgraph.draft.rules.cues import ACTORS, as_actor
from relgraph.draft.rules.roles import find_roles
from relgraph.draft.rules.sentences import Sentence, find_dates, split_sentences
from relgraph.draft.rules.topics import find_topic_stubs
from relgraph.draft.runs import has_content
from relgraph.draft.stubs import find_stubs, with_stubs
from relgraph.rdf.vocabulary import load_vocabulary


class RuleBased:
    """Trigger words, mention order and a few patterns of news English."""

    name = "rules"

    def suggest(self, article: ArticleText, registry: Registry) -> Suggestions:
        documents = (article.text, *article.captions)
        stubs: list[Stub] = []
        misses: list[NearMiss] = []
        for document in documents:
            found = registry.find_mentions(document)
            more, missed, _ = find_stubs(document, found, registry)
            more += [s for s in find_topic_stubs(document, found, registry) if has_content(s.name)]
            stubs.extend(s for s in more if s.id not in {x.id for x in stubs})
            misses.extend(missed)
        stubs, registry = dateline_bodies(stubs, registry, article.datelines)
        extended = with_stubs(registry, tuple(stubs))
        ctx = _context(article, documents, extended)
        claims: dict[tuple[object, ...], DraftClaim] = {}
        roles: dict[tuple[str, str], DraftRole] = {}
        mentioned: set[str] = set()
        for doc, document in enumerate(documents):
            mentions = _all_mentions(document, extended)
            mentioned.update(as_actor(m, extended, document).entity for m in mentions)
            if doc == 0:
                attested = find_roles(
                    document,
                    documents,
                    mentions,
                    extended,
                    find_dates(document, article.published),
                    article.published.isoformat(),
                )
                for role in attested:
                    roles.setdefault((role.entity, role.title.lower()), role)
            sentences = (
                split_sentences(document) if doc == 0 else [Sentence(0, len(document), document)]
            )
            dates = find_dates(document, article.published)
            actor: str | None = None
            starts = [m.start for m in mentions]
            date_starts = [d.start for d in dates]
            for sentence in sentences:
                inside = mentions[
                    bisect_left(starts, sentence.start) : bisect_left(starts, sentence.end)
                ]
                near = dates[
                    bisect_left(date_starts, sentence.start) : bisect_left(
                        date_starts, sentence.end
                    )
                ]
                for claim in sentence_claims(sentence, doc, inside, near, actor, ctx):
                    key = (claim.predicate, claim.participants, claim.object, doc, sentence.start)
                    if key not in claims or claims[key].confidence < claim.confidence:
                        claims[key] = claim
                people = [m for m in inside if extended.type_of(m.entity) in ACTORS[:1]]
                actor = people[0].entity if people else actor
        return Suggestions(
            tuple(roles.values()),
            one_per_event(list(claims.values()), article.published),
            tuple(stubs),
            tuple(misses),
            tuple(sorted(mentioned)),
        )


def dateline_bodies(
    stubs: list[Stub], registry: Registry, datelines: tuple[str, ...]
) -> tuple[list[Stub], Registry]:
    """ "a Foreign Ministry statement" in a Moscow story is the Russian Foreign Ministry.

    News copy leaves the dateline's own government unqualified. A stub that, with
    the demonym of the dateline's country before it, spells a registry entity is
    that entity: the stub goes and the registry learns the short name.
    """
    countries = []
    for place in datelines:
        entity = registry.get(place)
        if entity is not None:
            country = place if entity.type == "Country" else entity.country
            owner = registry.get(country) if country else None
            if owner is not None:
                countries.append(owner.name)
    if not countries:
        return stubs, registry
    kept: list[Stub] = []
    aliases: dict[str, list[str]] = {}
    for stub in stubs:
        known = None
        if stub.type == "Organization" and not stub.country:
            forms = [f for c in countries for f in DEMONYMS.get(c, ())]
            known = next((e for f in forms if (e := registry.by_name(f"{f} {stub.name}"))), None)
        if known is None:
            kept.append(stub)
        else:
            aliases.setdefault(known, []).append(stub.name)
    if not aliases:
        return stubs, registry
    entities = [
        replace(e, aliases=(*e.aliases, *aliases[e.id])) if e.id in aliases else e
        for e in registry.entities
    ]
    return kept, Registry.of(entities)


def one_per_event(claims: list[DraftClaim], published: dt.date) -> tuple[DraftClaim, ...]:
    """A meeting told twice (in the text and in a caption) is one suggestion.

    Symmetric claims with the same participants on the same (known) day are one
    event; the most confident wording stays. Different or unknown days may be
    different meetings.
    """
    vocab = load_vocabulary()
    best: dict[tuple[object, ...], DraftClaim] = {}
    order: list[tuple[object, ...]] = []
    for k, claim in enumerate(claims):
        key: tuple[object, ...] = (k,)
        if vocab.predicates[claim.predicate].symmetric and claim.object is not None:
            try:
                day = resolve(claim.date, published).iso if claim.date else None
            except DateError:
                day = claim.date
            if day is not None:  # undated: nothing says it is the same meeting
                key = (claim.predicate, frozenset((*claim.participants, claim.object)), day)
        if key not in best:
            order.append(key)
            best[key] = claim
        elif claim.confidence > best[key].confidence:
            best[key] = claim
    return tuple(best[key] for key in order)


LEAD_PARAGRAPHS = 3  # news copy states its main event, and its date, in the first paragraphs


def _context(article: ArticleText, documents: tuple[str, ...], registry: Registry) -> Context:
    paragraphs = article.text.split("\n\n")
    lead = paragraphs[0] if paragraphs else ""
    published = article.published.isoformat()
    lead_dates = [d for d in find_dates(lead, article.published) if d.iso <= published]
    lead_end = len("\n\n".join(paragraphs[:LEAD_PARAGRAPHS]))
    return Context(
        documents,
        registry,
        load_vocabulary(),
        published,
        lead_dates[0].value if lead_dates else None,
        lead_end,
    )


def _all_mentions(document: str, registry: Registry) -> list[Mention]:
    mentions = registry.find_mentions(document)
    _, _, linked = find_stubs(document, mentions, registry)
    return sorted([*mentions, *linked], key=lambda m: (m.start, m.end))
