"""The predicate vocabulary and entity types, read from the shipped ontology.

``rdf/ontology.ttl`` is the one place predicates are defined; the validator, the
mapping and the docs all read them from here, so a predicate added to the
ontology is immediately usable by curators and checked by ``relgraph check``.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import pyoxigraph as ox

from relgraph.rdf.namespaces import OWL, RDF, RDFS, RG, SKOS


@dataclass(frozen=True)
class Predicate:
    name: str
    iri: str
    label: str
    definition: str
    domain: frozenset[str]
    range: frozenset[str]
    symmetric: bool
    object_kind: str  # "entity" or "statement"
    registry_only: bool
    cameo: str | None
    plover: str | None
    #: the Wikidata property it corresponds to (``skos:closeMatch``), e.g. P127
    wikidata: str | None = None
    #: words and phrases of news copy that state it (``rg:trigger``), lower case
    triggers: tuple[str, ...] = ()
    #: further forms the drafter reads as the predicate (``rg:cue``), lower case
    cues: tuple[str, ...] = ()
    #: verbs of saying (``rg:speechVerb``, declared on stated_position), lower case
    speech_verbs: tuple[str, ...] = ()

    def accepts_subject(self, entity_type: str) -> bool:
        return entity_type in self.domain

    def accepts_object(self, entity_type: str) -> bool:
        return entity_type in self.range


@dataclass(frozen=True)
class Vocabulary:
    predicates: dict[str, Predicate]
    #: curator type name (``Person``) -> class IRI
    entity_types: dict[str, str]
    #: class IRI -> the curator type names it covers (``rg:Actor`` -> Person, Country, …)
    covers: dict[str, frozenset[str]]
    statuses: dict[str, str]
    precisions: dict[str, str]

    def triggered_by(self, phrase: str) -> list[str]:
        """The predicates a word or phrase of news copy states (``said`` -> stated_position)."""
        wanted = " ".join(phrase.replace("_", " ").casefold().split())
        return [p.name for p in self.predicates.values() if wanted in p.triggers]

    def type_names(self, class_iri: str) -> str:
        """Human-readable list of the types a class covers, for messages."""
        return ", ".join(sorted(self.covers.get(class_iri, frozenset())))


def ontology_bytes() -> bytes:
    return resources.files("relgraph.rdf").joinpath("ontology.ttl").read_bytes()


GENID = "https://w3id.org/relgraph/.well-known/genid/ontology-"
WIKIDATA = "http://www.wikidata.org/entity/"


def ontology_triples() -> list[ox.Triple]:
    """The ontology's triples, blank nodes (RDF lists) skolemized to stable IRIs.

    Parsers name blank nodes at random; numbering them in order of appearance
    keeps every export of the ontology byte-identical.
    """
    names: dict[str, ox.NamedNode] = {}

    def fixed(term: Any) -> Any:
        if isinstance(term, ox.BlankNode):
            return names.setdefault(term.value, ox.NamedNode(f"{GENID}{len(names) + 1}"))
        return term

    return [
        ox.Triple(fixed(t.subject), t.predicate, fixed(t.object))
        for t in ox.parse(ontology_bytes(), format=ox.RdfFormat.TURTLE)
    ]


@cache
def load_vocabulary() -> Vocabulary:
    """Parse the ontology once per process into a lookup structure."""
    # subject IRI -> property IRI -> the IRIs and literal values of its objects
    by_subject: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    for t in ontology_triples():
        if isinstance(t.subject, ox.NamedNode) and isinstance(t.object, ox.NamedNode | ox.Literal):
            by_subject[t.subject.value][t.predicate.value].append(t.object.value)

    def values(subject: str, prop: str) -> list[str]:
        return list(by_subject[subject].get(prop, []))

    def first(subject: str, prop: str) -> str | None:
        found = values(subject, prop)
        return found[0] if found else None

    curator = RG + "curatorName"
    entity_types: dict[str, str] = {}
    parents: dict[str, set[str]] = defaultdict(set)
    for subject, props in by_subject.items():
        types = set(props.get(RDF + "type", []))
        if OWL + "Class" in types:
            parents[subject].update(values(subject, RDFS + "subClassOf"))
            name = first(subject, curator)
            if name:
                entity_types[name] = subject

    def ancestors(cls: str) -> set[str]:
        seen: set[str] = set()
        todo = [cls]
        while todo:
            c = todo.pop()
            for p in parents.get(c, ()):
                if p not in seen:
                    seen.add(p)
                    todo.append(p)
        return seen

    covers: dict[str, set[str]] = defaultdict(set)
    for name, iri in entity_types.items():
        for cls in {iri} | ancestors(iri):
            covers[cls].add(name)

    predicates: dict[str, Predicate] = {}
    for subject, props in by_subject.items():
        types = set(props.get(RDF + "type", []))
        if RG + "Predicate" not in types:
            continue
        name = first(subject, curator)
        if name is None:  # pragma: no cover - guarded by tests of the ontology
            raise ValueError(f"predicate {subject} has no rg:curatorName")
        domain = first(subject, RDFS + "domain") or RG + "Entity"
        range_ = first(subject, RDFS + "range") or RG + "Entity"
        predicates[name] = Predicate(
            name=name,
            iri=subject,
            label=first(subject, RDFS + "label") or name,
            definition=first(subject, SKOS + "definition") or "",
            domain=frozenset(covers.get(domain, ())),
            range=frozenset(covers.get(range_, ())),
            symmetric=OWL + "SymmetricProperty" in types,
            object_kind=first(subject, RG + "objectKind") or "entity",
            registry_only=first(subject, RG + "registryOnly") == "true",
            cameo=first(subject, RG + "cameoCode"),
            plover=first(subject, RG + "ploverType"),
            wikidata=next(
                (
                    m.removeprefix(WIKIDATA)
                    for m in values(subject, SKOS + "closeMatch")
                    if m.startswith(WIKIDATA)
                ),
                None,
            ),
            triggers=tuple(dict.fromkeys(t.casefold() for t in values(subject, RG + "trigger"))),
            cues=tuple(dict.fromkeys(t.casefold() for t in values(subject, RG + "cue"))),
            speech_verbs=tuple(
                dict.fromkeys(t.casefold() for t in values(subject, RG + "speechVerb"))
            ),
        )

    def individuals(cls: str) -> dict[str, str]:
        found = {}
        for subject, props in by_subject.items():
            if cls in props.get(RDF + "type", []):
                name = first(subject, curator)
                if name:
                    found[name] = subject
        return found

    return Vocabulary(
        predicates=dict(sorted(predicates.items())),
        entity_types=dict(sorted(entity_types.items())),
        covers={k: frozenset(v) for k, v in covers.items()},
        statuses=individuals(RG + "Status"),
        precisions=individuals(RG + "DatePrecision"),
    )
