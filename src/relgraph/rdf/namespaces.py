"""IRIs of relgraph's vocabulary and data.

IRIs are built from curator ids only, so they are readable and stable: the same
article and claim ids give the same IRIs in every build.
"""

from __future__ import annotations

BASE = "https://w3id.org/relgraph/"
RG = BASE + "ontology#"
ENTITY = BASE + "entity/"
ARTICLE = BASE + "article/"
GRAPH = BASE + "graph/"
STATEMENT = BASE + "statement/"

ENTITIES_GRAPH = GRAPH + "entities"
ONTOLOGY_GRAPH = GRAPH + "ontology"

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
FOAF = "http://xmlns.com/foaf/0.1/"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
PROV = "http://www.w3.org/ns/prov#"
OA = "http://www.w3.org/ns/oa#"
DCTERMS = "http://purl.org/dc/terms/"

#: Prefixes used by exports and accepted by queries without declaration.
PREFIXES: dict[str, str] = {
    "rg": RG,
    "ent": ENTITY,
    "art": ARTICLE,
    "graph": GRAPH,
    "stmt": STATEMENT,
    "rdf": RDF,
    "rdfs": RDFS,
    "owl": OWL,
    "xsd": XSD,
    "skos": SKOS,
    "schema": SCHEMA,
    "foaf": FOAF,
    "sem": SEM,
    "prov": PROV,
    "oa": OA,
    "dcterms": DCTERMS,
}


def entity_iri(entity_id: str) -> str:
    return ENTITY + entity_id


def article_iri(article_id: str) -> str:
    return ARTICLE + article_id


def graph_iri(article_id: str) -> str:
    return GRAPH + article_id


def statement_iri(article_id: str, claim_id: str) -> str:
    return f"{STATEMENT}{article_id}.{claim_id}"
