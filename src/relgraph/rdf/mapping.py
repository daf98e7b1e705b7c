"""Map the domain model to RDF quads: pure functions, no store.

Every claim becomes two things (docs/model.md):

* a **direct triple** (``ent:lavrov rg:met ent:choe_ryong_hae``) so simple
  questions stay simple. Only claims the article presents as having happened
  (status ``asserted``) get one; allegations, denials and plans do not become
  facts;
* a **statement node** holding the date with its precision, place, participants
  and their host/visitor roles, status, attribution and the evidence: a Web
  Annotation whose selectors give the verbatim quote and its character offsets
  in the article text.

Each article's statements, and its metadata, live in the article's own named
graph; the registry lives in ``graph:entities`` and the ontology in
``graph:ontology``. IRIs come from curator ids only, so every build gives the
same IRIs and, with no blank nodes, the same quads.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import combinations

from pyoxigraph import Literal, NamedNode, Quad

from relgraph.core.model import Article, Claim, DateValue, Entity, Evidence, Role, UnnamedSource
from relgraph.rdf.namespaces import (
    ENTITIES_GRAPH,
    OA,
    ONTOLOGY_GRAPH,
    PROV,
    RDF,
    RDFS,
    RG,
    SCHEMA,
    SKOS,
    XSD,
    article_iri,
    entity_iri,
    graph_iri,
    statement_iri,
)
from relgraph.rdf.vocabulary import Vocabulary, load_vocabulary, ontology_triples

_N = NamedNode
TYPE = _N(RDF + "type")
CONTEXT_CHARS = 32
_DATE_TYPES = {"day": XSD + "date", "month": XSD + "gYearMonth", "year": XSD + "gYear"}


def _ent(entity_id: str) -> NamedNode:
    return _N(entity_iri(entity_id))


def _rg(local: str) -> NamedNode:
    return _N(RG + local)


def _text(value: str) -> Literal:
    return Literal(value)


def _int(value: int) -> Literal:
    return Literal(str(value), datatype=_N(XSD + "integer"))


def date_literal(value: DateValue) -> Literal:
    return Literal(value.iso, datatype=_N(_DATE_TYPES[value.precision]))


def ontology_quads() -> Iterator[Quad]:
    graph = _N(ONTOLOGY_GRAPH)
    for t in ontology_triples():
        yield Quad(t.subject, t.predicate, t.object, graph)


def entity_quads(entity: Entity, vocab: Vocabulary | None = None) -> Iterator[Quad]:
    """The registry's description of one entity (roles are in the articles' graphs)."""
    vocab = vocab or load_vocabulary()
    g = _N(ENTITIES_GRAPH)
    s = _ent(entity.id)
    yield Quad(s, TYPE, _N(vocab.entity_types[entity.type]), g)
    yield Quad(s, _rg("entityType"), _text(entity.type), g)
    yield Quad(s, _N(RDFS + "label"), _text(entity.name), g)
    yield Quad(s, _N(SKOS + "prefLabel"), _text(entity.name), g)
    for alias in entity.aliases:
        yield Quad(s, _N(SKOS + "altLabel"), _text(alias), g)
    if entity.country:
        yield Quad(s, _rg("country"), _ent(entity.country), g)
    if entity.description:
        yield Quad(s, _N(SCHEMA + "description"), _text(" ".join(entity.description.split())), g)


def caption_iri(article_id: str, index: int) -> str:
    """A photo caption of an article, numbered from 0 in the file's order."""
    return f"{article_iri(article_id)}/caption/{index}"


def unnamed_source_iri(article_id: str, source: UnnamedSource) -> str:
    """An unnamed source cited by an article: a resource of the article's graph.

    Named from the article and the source's fields, so the same description
    (with the same affiliation and country) cited twice is one source, and
    every build gives the same IRI (no blank node).
    """
    return f"{article_iri(article_id)}/source/{source.key}"


def unnamed_source_quads(article_id: str, source: UnnamedSource, g: NamedNode) -> Iterator[Quad]:
    s = _N(unnamed_source_iri(article_id, source))
    yield Quad(s, TYPE, _rg("UnnamedSource"), g)
    yield Quad(s, _N(RDFS + "label"), _text(source.label), g)
    yield Quad(s, _rg("sourceDescription"), _text(source.description), g)
    if source.affiliation:
        yield Quad(s, _rg("affiliation"), _ent(source.affiliation), g)
    if source.country:
        yield Quad(s, _rg("country"), _ent(source.country), g)


def _evidence_quads(stmt: str, article: Article, ev: Evidence, g: NamedNode) -> Iterator[Quad]:
    """The Web Annotation tying a statement to its quote.

    The target's source is always the article; a quote from a photo caption
    also names the caption (``rg:inCaption``), and its offsets, prefix and
    suffix are then within that caption's text.
    """
    s, annotation, target = _N(stmt), _N(stmt + ".evidence"), _N(stmt + ".target")
    quote, position = _N(stmt + ".quote"), _N(stmt + ".position")
    text = article.source_text(ev)
    yield Quad(s, _rg("evidence"), annotation, g)
    yield Quad(annotation, TYPE, _N(OA + "Annotation"), g)
    yield Quad(annotation, _N(OA + "motivatedBy"), _N(OA + "describing"), g)
    yield Quad(annotation, _N(OA + "hasBody"), s, g)
    yield Quad(annotation, _N(OA + "hasTarget"), target, g)
    yield Quad(target, TYPE, _N(OA + "SpecificResource"), g)
    yield Quad(target, _N(OA + "hasSource"), _N(article_iri(article.id)), g)
    if ev.caption is not None:
        yield Quad(target, _rg("inCaption"), _N(caption_iri(article.id, ev.caption)), g)
    yield Quad(target, _N(OA + "hasSelector"), quote, g)
    yield Quad(target, _N(OA + "hasSelector"), position, g)
    yield Quad(quote, TYPE, _N(OA + "TextQuoteSelector"), g)
    yield Quad(quote, _N(OA + "exact"), _text(ev.quote), g)
    yield Quad(
        quote, _N(OA + "prefix"), _text(text[max(0, ev.start - CONTEXT_CHARS) : ev.start]), g
    )
    yield Quad(quote, _N(OA + "suffix"), _text(text[ev.end : ev.end + CONTEXT_CHARS]), g)
    yield Quad(position, TYPE, _N(OA + "TextPositionSelector"), g)
    yield Quad(position, _N(OA + "start"), _int(ev.start), g)
    yield Quad(position, _N(OA + "end"), _int(ev.end), g)


def _date_quads(s: NamedNode, date: DateValue | None, g: NamedNode) -> Iterator[Quad]:
    if date is None:
        return
    vocab = load_vocabulary()
    yield Quad(s, _rg("date"), date_literal(date), g)
    yield Quad(s, _rg("datePrecision"), _N(vocab.precisions[date.precision]), g)
    yield Quad(s, _rg("year"), _int(date.year), g)
    if date.text:
        yield Quad(s, _rg("dateText"), _text(date.text), g)


def _review_quads(
    s: NamedNode, review: str | None, confidence: float | None, g: NamedNode
) -> Iterator[Quad]:
    """Marks on a suggestion that is in the graph (``build --include-suggested``)."""
    if review is None:
        return
    yield Quad(s, _rg("review"), _text(review), g)
    if confidence is not None:
        yield Quad(s, _rg("confidence"), Literal(repr(confidence), datatype=_N(XSD + "decimal")), g)


def direct_pairs(claim: Claim, symmetric: bool) -> list[tuple[str, str]]:
    """The (subject, object) entity pairs a claim states directly.

    A multi-party meeting states one pair per two participants (each pair once,
    in the order listed: ``met`` is symmetric, so one direction is enough).
    """
    if claim.object is None:
        return list(combinations(claim.participants, 2)) if symmetric else []
    return [(p, claim.object) for p in claim.participants]


def participant_names(ids: list[str], names: Mapping[str, str] | None) -> Literal:
    """Who acts, as listings show it: the names in the claim's order ("A; B").

    The participants themselves are ``rg:participant`` triples; this is their
    list as the curator wrote it (the object left out), so a listing names every
    party in one column, in one order on every store: SPARQL has no ordered
    GROUP_CONCAT, and building the list at query time cost as much as the listing.
    """
    return _text("; ".join((names or {}).get(i, i) for i in ids))


def claim_quads(
    article: Article,
    claim: Claim,
    vocab: Vocabulary | None = None,
    names: Mapping[str, str] | None = None,
) -> Iterator[Quad]:
    """The statement node, its evidence and (if asserted) the direct triples of one claim.

    ``names`` (entity id -> name, the registry's) spell ``rg:participantNames``.
    """
    vocab = vocab or load_vocabulary()
    predicate = vocab.predicates[claim.predicate]
    g = _N(graph_iri(article.id))
    iri = statement_iri(article.id, claim.id)
    s = _N(iri)
    p = _N(predicate.iri)
    yield Quad(s, TYPE, _rg("Statement"), g)
    yield Quad(s, _rg("claimId"), _text(claim.id), g)
    yield Quad(s, _N(RDF + "predicate"), p, g)
    yield Quad(s, _N(RDF + "subject"), _ent(claim.subject), g)
    about = _N(statement_iri(article.id, claim.about)) if claim.about else None
    if predicate.object_kind == "statement" and about is not None:
        yield Quad(s, _N(RDF + "object"), about, g)
    elif claim.object is not None:
        yield Quad(s, _N(RDF + "object"), _ent(claim.object), g)
    if about is not None:
        yield Quad(s, _rg("about"), about, g)
    people = list(claim.participants)
    acting = [p for p in people if p != claim.object]
    yield Quad(s, _rg("participantNames"), participant_names(acting, names), g)
    if predicate.symmetric and claim.object is not None:
        people.append(claim.object)
    for who in people:
        yield Quad(s, _rg("participant"), _ent(who), g)
        if claim.host is not None:
            yield Quad(s, _rg("host" if who == claim.host else "visitor"), _ent(who), g)
    if claim.host is not None and claim.host not in people:
        yield Quad(s, _rg("host"), _ent(claim.host), g)
    yield from _date_quads(s, claim.date, g)
    if claim.place:
        yield Quad(s, _rg("place"), _ent(claim.place), g)
    yield Quad(s, _rg("status"), _N(vocab.statuses[claim.status]), g)
    if claim.asserted_by:
        yield Quad(s, _rg("assertedBy"), _ent(claim.asserted_by), g)
    for denier in claim.denied_by:
        yield Quad(s, _rg("deniedBy"), _ent(denier), g)
    unnamed = [("assertedBy", claim.asserted_by_unnamed)] if claim.asserted_by_unnamed else []
    unnamed += [("deniedBy", source) for source in claim.denied_by_unnamed]
    for prop, source in unnamed:
        yield Quad(s, _rg(prop), _N(unnamed_source_iri(article.id, source)), g)
        yield from unnamed_source_quads(article.id, source, g)
    if claim.detail:
        yield Quad(s, _rg("detail"), _text(" ".join(claim.detail.split())), g)
    yield from _review_quads(s, claim.review, claim.confidence, g)
    yield Quad(s, _N(PROV + "wasDerivedFrom"), _N(article_iri(article.id)), g)
    yield from _evidence_quads(iri, article, claim.evidence, g)
    if claim.status == "asserted":
        if predicate.object_kind == "statement" and about is not None:
            for who in claim.participants:
                yield Quad(_ent(who), p, about, g)
        else:
            for a, b in direct_pairs(claim, predicate.symmetric):
                yield Quad(_ent(a), p, _ent(b), g)


def role_quads(
    article: Article,
    role: Role,
    vocab: Vocabulary | None = None,
    names: Mapping[str, str] | None = None,
) -> Iterator[Quad]:
    """A role as a ``holds_role`` statement in the attesting article's graph.

    Undated roles take the article's date (docs/annotating.md, rule 3).
    """
    vocab = vocab or load_vocabulary()
    g = _N(graph_iri(article.id))
    iri = statement_iri(article.id, role.key)
    s = _N(iri)
    p = _N(vocab.predicates["holds_role"].iri)
    yield Quad(s, TYPE, _rg("Statement"), g)
    yield Quad(s, _N(RDF + "predicate"), p, g)
    yield Quad(s, _N(RDF + "subject"), _ent(role.entity), g)
    yield Quad(s, _rg("participant"), _ent(role.entity), g)
    yield Quad(s, _rg("participantNames"), participant_names([role.entity], names), g)
    if role.of:
        yield Quad(s, _N(RDF + "object"), _ent(role.of), g)
    yield Quad(s, _rg("roleTitle"), _text(role.title), g)
    yield from _date_quads(s, role.date or article.published, g)
    yield from _review_quads(s, role.review, role.confidence, g)
    yield Quad(s, _rg("status"), _N(vocab.statuses["asserted"]), g)
    yield Quad(s, _N(PROV + "wasDerivedFrom"), _N(article_iri(article.id)), g)
    yield from _evidence_quads(iri, article, role.evidence, g)
    if role.of:
        yield Quad(_ent(role.entity), p, _ent(role.of), g)


def article_quads(
    article: Article,
    vocab: Vocabulary | None = None,
    *,
    include_suggested: bool = False,
    names: Mapping[str, str] | None = None,
) -> Iterator[Quad]:
    """Everything one article contributes, in its own named graph.

    ``names`` are the registry's (entity id -> name); a build always gives them.

    Claims and roles marked ``review: suggested`` are drafts nobody has
    accepted yet: left out unless ``include_suggested``.
    """
    vocab = vocab or load_vocabulary()
    g = _N(graph_iri(article.id))
    a = _N(article_iri(article.id))
    yield Quad(g, TYPE, _N(PROV + "Bundle"), g)
    yield Quad(g, _N(PROV + "wasDerivedFrom"), a, g)
    yield Quad(a, TYPE, _rg("Article"), g)
    yield Quad(a, _N(SCHEMA + "identifier"), _text(article.id), g)
    yield Quad(a, _N(SCHEMA + "headline"), _text(article.title), g)
    yield Quad(a, _N(SCHEMA + "publisher"), _ent(article.outlet), g)
    if article.agency:
        yield Quad(a, _rg("agency"), _ent(article.agency), g)
    yield Quad(a, _N(SCHEMA + "datePublished"), date_literal(article.published), g)
    if article.updated:
        yield Quad(a, _N(SCHEMA + "dateModified"), date_literal(article.updated), g)
    for place in article.datelines:
        yield Quad(a, _rg("dateline"), _ent(place), g)
    if article.url:
        yield Quad(a, _N(SCHEMA + "url"), Literal(article.url, datatype=_N(XSD + "anyURI")), g)
    if article.source:
        yield Quad(a, _rg("sourceFile"), _text(article.source), g)
    yield Quad(a, _N(SCHEMA + "articleBody"), _text(article.text), g)
    for index, caption in enumerate(article.captions):
        c = _N(caption_iri(article.id, index))
        yield Quad(a, _N(SCHEMA + "caption"), c, g)
        yield Quad(c, TYPE, _rg("Caption"), g)
        yield Quad(c, _rg("captionIndex"), _int(index), g)
        yield Quad(c, _N(SCHEMA + "text"), _text(caption), g)
    for claim in article.claims:
        if include_suggested or claim.review is None:
            yield from claim_quads(article, claim, vocab, names)
    for role in article.roles:
        if include_suggested or role.review is None:
            yield from role_quads(article, role, vocab, names)
