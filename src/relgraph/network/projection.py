"""Project the RDF store onto a networkx graph: entities as nodes, claims as edges.

The projection reads the store through SPARQL only, so a remote store works the
same. Each statement between two entities becomes one edge per (actor, object)
pair, keyed by the statement id; a symmetric claim (``met``) gives one edge per
pair of participants, never one in each direction. Undated claims take the year
of their article for ``year`` (their ``date`` stays empty).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import networkx as nx

from relgraph.rdf.namespaces import ENTITIES_GRAPH, ENTITY, PREFIXES, STATEMENT
from relgraph.store.base import open_store

HEADER = "".join(f"PREFIX {k}: <{v}>\n" for k, v in PREFIXES.items())

NODE_QUERY = (
    HEADER
    + f"""
SELECT ?e ?label ?type ?country (GROUP_CONCAT(?alias; separator="\\u001f") AS ?aliases) WHERE {{
  GRAPH <{ENTITIES_GRAPH}> {{
    ?e rg:entityType ?type ; rdfs:label ?label .
    OPTIONAL {{ ?e rg:country ?country }}
    OPTIONAL {{ ?e skos:altLabel ?alias }}
  }}
}} GROUP BY ?e ?label ?type ?country ORDER BY ?e
"""
)

EDGE_QUERY = (
    HEADER
    + """
SELECT ?s ?predicate ?label ?symmetric ?participant ?object ?date ?precision ?year ?place
       ?status ?attributed ?article ?title ?outlet ?published ?quote ?detail ?role WHERE {
  ?s a rg:Statement ; rdf:predicate ?p ; rg:participant ?participant ; rg:status ?st ;
     prov:wasDerivedFrom ?a ; rg:evidence/oa:hasTarget/oa:hasSelector/oa:exact ?quote .
  ?p rg:curatorName ?predicate ; rdfs:label ?label .
  ?st rg:curatorName ?status .
  ?a schema:identifier ?article ; schema:headline ?title ; schema:publisher/rdfs:label ?outlet ;
     schema:datePublished ?published .
  BIND(IF(EXISTS { ?p a owl:SymmetricProperty }, "true", "false") AS ?symmetric)
  OPTIONAL { ?s rdf:object ?object . ?object rg:entityType ?objectType }
  OPTIONAL { ?s rg:date ?date ; rg:datePrecision/rg:curatorName ?precision ; rg:year ?year }
  OPTIONAL { ?s rg:place/rdfs:label ?place }
  OPTIONAL { ?s rg:assertedBy/rdfs:label ?attributed }
  OPTIONAL { ?s rg:detail ?detail }
  OPTIONAL { ?s rg:roleTitle ?role }
}
"""
)

EDGE_ATTRS = (
    "relation",
    "label",
    "date",
    "precision",
    "year",
    "place",
    "status",
    "attributed_to",
    "article",
    "article_title",
    "outlet",
    "published",
    "quote",
    "detail",
    "role",
    "statement",
)
NODE_ATTRS = ("label", "type", "country", "aliases")


@dataclass(frozen=True)
class Projection:
    """Options for :func:`project`; the defaults keep everything."""

    since: int | None = None
    until: int | None = None
    predicates: frozenset[str] = frozenset()
    types: frozenset[str] = frozenset()
    statuses: frozenset[str] = frozenset()
    min_evidence: int = 1
    aggregate: bool = False
    drop_isolated: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


def _local(iri: str, prefix: str) -> str:
    return iri[len(prefix) :] if iri.startswith(prefix) else iri


def _value(solution: Any, name: str) -> str:
    term = solution[name]
    return "" if term is None else str(term.value)


def nodes_from(store: Any) -> dict[str, dict[str, Any]]:
    nodes = {}
    for row in store.query(NODE_QUERY):
        node_id = _local(_value(row, "e"), ENTITY)
        aliases = sorted(a for a in _value(row, "aliases").split("\x1f") if a)
        nodes[node_id] = {
            "label": _value(row, "label"),
            "type": _value(row, "type"),
            "country": _local(_value(row, "country"), ENTITY),
            "aliases": aliases,
        }
    return nodes


def statements_from(store: Any) -> dict[str, dict[str, Any]]:
    """Statement id -> its attributes and its participants, from one query."""
    found: dict[str, dict[str, Any]] = {}
    for row in store.query(EDGE_QUERY, use_default_graph_as_union=True):
        sid = _local(_value(row, "s"), STATEMENT)
        item = found.get(sid)
        if item is None:
            published = _value(row, "published")
            year = _value(row, "year") or published[:4]
            item = {
                "statement": sid,
                "relation": _value(row, "predicate"),
                "label": _value(row, "label"),
                "symmetric": _value(row, "symmetric") == "true",
                "object": _local(_value(row, "object"), ENTITY),
                "date": _value(row, "date"),
                "precision": _value(row, "precision"),
                "year": int(year),
                "place": _value(row, "place"),
                "status": _value(row, "status"),
                "attributed_to": _value(row, "attributed"),
                "article": _value(row, "article"),
                "article_title": _value(row, "title"),
                "outlet": _value(row, "outlet"),
                "published": published,
                "quote": _value(row, "quote"),
                "detail": _value(row, "detail"),
                "role": _value(row, "role"),
                "participants": set(),
            }
            found[sid] = item
        item["participants"].add(_local(_value(row, "participant"), ENTITY))
    return found


def edge_pairs(statement: dict[str, Any]) -> list[tuple[str, str]]:
    """The entity pairs one statement links (sorted, so the result is deterministic)."""
    people = sorted(statement["participants"])
    target = statement["object"]
    if target:
        return [(p, target) for p in people if p != target]
    if statement["symmetric"]:
        return list(combinations(people, 2))
    return []


def _keep(statement: dict[str, Any], options: Projection) -> bool:
    if options.predicates and statement["relation"] not in options.predicates:
        return False
    if options.statuses and statement["status"] not in options.statuses:
        return False
    if options.since is not None and statement["year"] < options.since:
        return False
    return not (options.until is not None and statement["year"] > options.until)


def build_graph(
    nodes: dict[str, dict[str, Any]],
    statements: Iterable[dict[str, Any]],
    options: Projection | None = None,
) -> nx.MultiDiGraph:
    """The projection from already-fetched nodes and statements (pure; no store)."""
    options = options or Projection()
    graph = nx.MultiDiGraph()
    for node_id in sorted(nodes):
        if not options.types or nodes[node_id]["type"] in options.types:
            graph.add_node(node_id, **nodes[node_id])
    edges = []
    for st in statements:
        if not _keep(st, options):
            continue
        for u, v in edge_pairs(st):
            if u in graph and v in graph:
                edges.append((u, v, st["statement"], {k: st[k] for k in EDGE_ATTRS}))
    edges.sort(key=lambda e: (e[0], e[1], e[2]))
    if options.aggregate or options.min_evidence > 1:
        edges = _aggregate(edges, options)
    for u, v, key, data in edges:
        graph.add_edge(u, v, key=key, **data)
    if options.drop_isolated:
        graph.remove_nodes_from([n for n in list(graph) if graph.degree(n) == 0])
    return graph


def _aggregate(
    edges: list[tuple[str, str, str, dict[str, Any]]], options: Projection
) -> list[tuple[str, str, str, dict[str, Any]]]:
    """Merge parallel edges of one relation; keep groups with enough evidence."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for u, v, _, data in edges:
        groups[(u, v, data["relation"])].append(data)
    out: list[tuple[str, str, str, dict[str, Any]]] = []
    for (u, v, relation), items in sorted(groups.items()):
        if len(items) < options.min_evidence:
            continue
        if not options.aggregate:
            out.extend((u, v, d["statement"], d) for d in items)
            continue
        first = items[0]
        merged = dict(first)
        merged.update(
            count=len(items),
            dates=sorted({d["date"] for d in items if d["date"]}),
            years=sorted({d["year"] for d in items}),
            articles=sorted({d["article"] for d in items}),
            statements=[d["statement"] for d in items],
            statuses=sorted({d["status"] for d in items}),
            year=min(d["year"] for d in items),
        )
        out.append((u, v, relation, merged))
    return out


def project(location: str, options: Projection | None = None) -> nx.MultiDiGraph:
    """The store at ``location`` as a networkx ``MultiDiGraph``."""
    store = open_store(location)
    return build_graph(nodes_from(store), statements_from(store).values(), options)
