"""What the explorer page shows, computed in Python before the page opens.

Why here and not in the browser: the old page laid the graph out with live physics
(5 s and a uniform disc at 3,000 articles), built every tooltip eagerly and counted
undated statements in their article's year. Here the page receives positions,
centrality, one chronological list of statements (each once, with the entity pairs
it links), each node's statements, fixed colours and the articles' text and photo
captions with UTF-16 offsets of every quote (and which caption holds it, when one
does), so the page only filters and draws. For the filters and search it also gets
each entity's country (a country is its own) and folded names, each statement's
parties and source (named or unnamed), the lists of countries and sources, and the
entities no statement links (found by search, never drawn); see
:mod:`relgraph.explorer.facets`. Everything in this module is pure and
testable without a browser; :func:`read_sources` is the one function that reads the
store (through SPARQL, like the projection does).

Data travels as rows (lists) with the field names listed once, to keep a
10,000-article page under 15 MB.
"""

from __future__ import annotations

import bisect
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from relgraph.explorer.facets import attribution_of, nation_of, search_key
from relgraph.explorer.layout import layout
from relgraph.explorer.palette import color_of, families, family_of
from relgraph.network.projection import HEADER, _local, _value
from relgraph.rdf.namespaces import STATEMENT
from relgraph.rdf.vocabulary import load_vocabulary
from relgraph.store.base import open_store

# Above either size the page opens in search-first mode. Measured with bench/explorer.py:
# the demo (69 entities, 133 links) filters in about 100 ms on a busy 2-core machine,
# 300 articles (169 entities, 1,101 links) take 120-370 ms: redrawing every link is the cost.
FULL_NODES = 250
FULL_EDGES = 600
OVERVIEW_NODES = 40  # the most central entities a search-first page opens with

TYPE_STYLE: dict[str, tuple[str, str, str]] = {  # colour, vis-network shape, legend glyph
    "Person": ("#4e79a7", "dot", "●"),
    "Country": ("#e15759", "diamond", "◆"),
    "Organization": ("#f28e2b", "square", "■"),
    "Place": ("#76b7b2", "triangle", "▲"),
    "Project": ("#59a14f", "hexagon", "⬢"),
    "Agreement": ("#b8a22e", "star", "★"),
    "Forum": ("#b07aa1", "triangleDown", "▼"),
    "Event": ("#ff9da7", "star", "★"),
    "Topic": ("#9c755f", "dot", "●"),
}
DEFAULT_STYLE = ("#97a7bc", "dot", "●")
STATUSES = ("asserted", "planned", "alleged", "denied")

ARTICLE_QUERY = (
    HEADER
    + """
SELECT ?id ?url ?text ?updated WHERE {
  ?a a rg:Article ; schema:identifier ?id ; schema:articleBody ?text .
  OPTIONAL { ?a schema:url ?url }
  OPTIONAL { ?a schema:dateModified ?updated }
}
"""
)
CAPTION_QUERY = (
    HEADER
    + """
SELECT ?id ?index ?text WHERE {
  ?a a rg:Article ; schema:identifier ?id ; schema:caption ?c .
  ?c rg:captionIndex ?index ; schema:text ?text .
}
"""
)
EVIDENCE_QUERY = (
    HEADER
    + """
SELECT ?s ?start ?end ?caption WHERE {
  ?s a rg:Statement ; rg:evidence/oa:hasTarget ?t .
  ?t oa:hasSelector ?p .
  ?p oa:start ?start ; oa:end ?end .
  OPTIONAL { ?t rg:inCaption/rg:captionIndex ?caption }
}
"""
)
NODE_FIELDS = (
    "id", "label", "type", "country", "aliases", "x", "y", "degree", "statements", "nation", "key",
)  # fmt: skip
# Entities without statements: not drawn, but found by search ("no statements").
UNLINKED_FIELDS = ("id", "label", "type", "country", "aliases", "nation", "key")
STATEMENT_FIELDS = (
    "id", "relation", "date", "year", "place", "status", "attributed_to", "detail", "role",
    "article", "quote", "start", "end", "caption", "month", "pairs", "parties", "by",
)  # fmt: skip
ARTICLE_FIELDS = ("id", "title", "outlet", "published", "url", "text", "captions", "updated")


@dataclass(frozen=True)
class Sources:
    """Article texts, URLs and photo captions, and where each statement's quote sits.

    A quote is in the article text unless ``in_caption`` names the caption (its index
    in the article's ``captions``) that holds it; its span is then within that caption.
    """

    texts: dict[str, tuple[str, str]]  # article id -> (url, text)
    spans: dict[str, tuple[int, int]]  # statement id -> (start, end) in code points
    captions: dict[str, tuple[str, ...]] = field(default_factory=dict)  # article id -> captions
    in_caption: dict[str, int] = field(default_factory=dict)  # statement id -> caption index
    updated: dict[str, str] = field(default_factory=dict)  # article id -> date of its update


def read_sources(location: str) -> Sources:
    """The articles' text, URL and captions and the quotes' offsets, read through SPARQL."""
    store = open_store(location)
    texts, updated = {}, {}
    for r in store.query(ARTICLE_QUERY, use_default_graph_as_union=True):
        texts[_value(r, "id")] = (_value(r, "url"), _value(r, "text"))
        if _value(r, "updated"):
            updated[_value(r, "id")] = _value(r, "updated")
    numbered: dict[str, dict[int, str]] = defaultdict(dict)
    for r in store.query(CAPTION_QUERY, use_default_graph_as_union=True):
        numbered[_value(r, "id")][int(_value(r, "index"))] = _value(r, "text")
    captions = {aid: tuple(found[i] for i in sorted(found)) for aid, found in numbered.items()}
    # (caption or -1 for the text, start, end): a statement with several selectors
    # keeps the first, text before captions, so the choice never depends on query order.
    located: dict[str, tuple[int, int, int]] = {}
    for r in store.query(EVIDENCE_QUERY, use_default_graph_as_union=True):
        sid = _local(_value(r, "s"), STATEMENT)
        caption = _value(r, "caption")
        where = (int(caption) if caption else -1, int(_value(r, "start")), int(_value(r, "end")))
        located[sid] = min(located.get(sid, where), where)
    spans = {sid: (start, end) for sid, (_, start, end) in located.items()}
    in_caption = {sid: c for sid, (c, _, _) in located.items() if c >= 0}
    return Sources(texts, spans, captions, in_caption, updated)


def _astral(text: str) -> list[int]:
    """Positions of the characters beyond the BMP (two UTF-16 units each)."""
    if text.isascii():
        return []
    return [i for i, ch in enumerate(text) if ord(ch) > 0xFFFF]


def _utf16(astral: list[int], index: int) -> int:
    """A code-point offset as the UTF-16 offset JavaScript's String.slice expects."""
    return index + bisect.bisect_left(astral, index)


def _statements(graph: nx.MultiDiGraph) -> dict[str, dict[str, Any]]:
    """Statement id -> its attributes and the sorted entity pairs it links."""
    found: dict[str, dict[str, Any]] = {}
    for u, v, d in graph.edges(data=True):
        sid = str(d["statement"])
        item = found.setdefault(sid, dict(d) | {"pairs": set()})
        item["pairs"].add((u, v))
    return found


def chronological_key(st: dict[str, Any]) -> tuple[str, str]:
    """Dated statements by their date; undated ones by their article's date."""
    return (str(st.get("date") or st.get("published") or st["year"]), str(st["statement"]))


def page_data(
    graph: nx.MultiDiGraph,
    title: str,
    sources: Sources | None = None,
    unlinked: Mapping[str, Mapping[str, Any]] | None = None,
) -> dict[str, Any]:
    """Everything the page needs, as JSON-ready rows (pure; deterministic).

    ``unlinked``: entities without statements (id -> attributes, as graph nodes have
    them), listed for search only.
    """
    vocab = load_vocabulary()
    unlinked = {k: v for k, v in (unlinked or {}).items() if k not in graph}
    everyone: dict[str, Mapping[str, Any]] = {n: graph.nodes[n] for n in graph} | unlinked
    label_ids: dict[str, str] = {}
    for n in sorted(everyone):
        label_ids.setdefault(str(everyone[n].get("label", n)), n)
    nations = sorted({nation_of(n, d) for n, d in everyone.items()} - {""})
    countries = sorted(
        (
            {"id": c, "label": str(everyone[c].get("label", c)) if c in everyone else c}
            for c in nations
        ),
        key=lambda c: (c["label"], c["id"]),
    )
    nation_index = {c["id"]: i for i, c in enumerate(countries)}
    attributions: dict[str, str] = {}
    for st in _statements(graph).values():
        found = attribution_of(st.get("attributed_to"), label_ids)
        if found:
            attributions.setdefault(found[0], found[1])
    by_list = sorted(
        ({"id": k, "label": v} for k, v in attributions.items()),
        key=lambda a: (a["label"].casefold(), a["id"]),
    )
    by_index = {a["id"]: i for i, a in enumerate(by_list)}
    texts = sources.texts if sources else {}
    spans = sources.spans if sources else {}
    captions = sources.captions if sources else {}
    in_caption = sources.in_caption if sources else {}
    updated = sources.updated if sources else {}
    node_ids = sorted(graph)
    index = {n: i for i, n in enumerate(node_ids)}
    statements = sorted(_statements(graph).values(), key=chronological_key)
    relations = sorted({str(st["relation"]) for st in statements})
    rel_index = {r: i for i, r in enumerate(relations)}
    family_list = families()
    fam_index = {f.id: i for i, f in enumerate(family_list)}
    types = sorted({str(d.get("type", "")) for d in everyone.values()})
    type_index = {t: i for i, t in enumerate(types)}

    articles: dict[str, list[Any]] = {}
    article_number: dict[str, int] = {}
    astral: dict[tuple[str, int], list[int]] = {}  # (article, caption or -1) -> astral positions
    rows = []
    per_node: dict[str, list[int]] = defaultdict(list)
    weights: dict[tuple[str, str], int] = defaultdict(int)
    for number, st in enumerate(statements):
        aid = str(st["article"])
        url, text = texts.get(aid, ("", ""))
        article_captions = captions.get(aid, ())
        if aid not in articles:
            articles[aid] = [
                aid, st["article_title"], st["outlet"], st["published"], url, text,
                list(article_captions), updated.get(aid, ""),
            ]  # fmt: skip
            article_number[aid] = len(article_number)
        quote, start, end, caption = str(st["quote"]), -1, -1, -1
        span = spans.get(str(st["statement"]))
        where = in_caption.get(str(st["statement"]), -1)
        source = text if where < 0 else (article_captions[where : where + 1] or ("",))[0]
        if span and source[span[0] : span[1]] == quote:
            if (aid, where) not in astral:
                astral[(aid, where)] = _astral(source)
            units = astral[(aid, where)]
            quote, start, end = "", _utf16(units, span[0]), _utf16(units, span[1])
            caption = where
        pairs = sorted(st["pairs"])
        flat = [index[x] for pair in pairs for x in pair]
        for u, v in pairs:
            weights[(min(u, v), max(u, v))] += 1
        for node in sorted({x for pair in pairs for x in pair}):
            per_node[node].append(number)
        status = str(st["status"])
        attribution = attribution_of(st.get("attributed_to"), label_ids)
        rows.append(
            [
                str(st["statement"]), rel_index[str(st["relation"])], str(st["date"] or ""),
                int(st["year"]), str(st["place"] or ""),
                STATUSES.index(status) if status in STATUSES else 0,
                attribution[1] if attribution else "",
                str(st["detail"] or ""), str(st["role"] or ""),
                article_number[aid],
                quote, start, end, caption,
                month_of(str(st["date"] or ""), str(st.get("precision") or "")), flat,
                sorted(set(flat)), by_index[attribution[0]] if attribution else -1,
            ]
        )  # fmt: skip
    positions = layout(node_ids, weights)
    degree = {n: 0 for n in node_ids}
    for u, v in weights:
        degree[u] += 1
        degree[v] += 1
    nodes = []
    for n in node_ids:
        x, y = positions[n]
        label, country, aliases, nation, key = _names(n, graph.nodes[n], everyone, nation_index)
        kind = type_index[str(graph.nodes[n].get("type", ""))]
        nodes.append(
            [n, label, kind, country, aliases, x, y, degree[n], per_node.get(n, []), nation, key]
        )
    central = sorted(node_ids, key=lambda n: (-degree[n], -len(per_node.get(n, [])), n))
    search_first = len(node_ids) > FULL_NODES or len(weights) > FULL_EDGES
    overview = central[:OVERVIEW_NODES] if search_first else []
    # The overview gets a layout of its own: the most central entities sit in the dense
    # core of the whole graph's layout, where they would overlap.
    chosen = set(overview)
    local = layout(overview, {p: w for p, w in weights.items() if set(p) <= chosen}, spaced=True)
    return {
        "title": title,
        "mode": "search-first" if search_first else "full",
        "overview": [index[n] for n in overview],
        "overviewPositions": [list(local[n]) for n in overview],
        "rank": [index[n] for n in central],
        "families": [{"id": f.id, "label": f.label, "color": f.color} for f in family_list],
        "relations": [
            {
                "id": r,
                "label": vocab.predicates[r].label if r in vocab.predicates else r,
                "family": fam_index[family_of(r).id],
                "color": color_of(r),
                "symmetric": bool(r in vocab.predicates and vocab.predicates[r].symmetric),
            }
            for r in relations
        ],
        "types": [
            {"id": t, "color": s[0], "shape": s[1], "glyph": s[2]}
            for t, s in ((t, TYPE_STYLE.get(t, DEFAULT_STYLE)) for t in types)
        ],
        "statuses": list(STATUSES),
        "countries": countries,
        "attributions": by_list,
        "fields": {
            "node": NODE_FIELDS,
            "statement": STATEMENT_FIELDS,
            "article": ARTICLE_FIELDS,
            "unlinked": UNLINKED_FIELDS,
        },
        "nodes": nodes,
        "unlinkeds": [
            [n, label, type_index[str(d.get("type", ""))], country, aliases, nation, key]
            for n, d in sorted(unlinked.items())
            for label, country, aliases, nation, key in [_names(n, d, everyone, nation_index)]
        ],
        "statements": rows,
        "articles": list(articles.values()),
        "years": _years(statements),
    }


def _names(
    n: str,
    d: Mapping[str, Any],
    everyone: Mapping[str, Mapping[str, Any]],
    nation_index: Mapping[str, int],
) -> tuple[str, str, list[str], int, str]:
    """An entity's label, country label, aliases, country index and search key."""
    label, country = str(d.get("label", n)), str(d.get("country") or "")
    aliases = [str(a) for a in d.get("aliases", [])]
    country_label = str(everyone[country].get("label", country)) if country in everyone else country
    nation = nation_index.get(nation_of(n, d), -1)
    return label, country_label, aliases, nation, search_key(label, aliases)


def month_of(date: str, precision: str = "") -> int:
    """The month (1-12) of a statement's date, or 0 when it is known to the year only.

    The timeline zooms into months; a date like "2002" (or one whose precision says
    "year") must stay apart as "year only" rather than be counted in January.
    """
    if precision == "year" or len(date) < 7 or date[4] != "-":
        return 0
    month = int(date[5:7]) if date[5:7].isdigit() else 0
    return month if 1 <= month <= 12 else 0


def _years(statements: list[dict[str, Any]]) -> list[int]:
    years = sorted({int(st["year"]) for st in statements})
    return [years[0], years[-1]] if years else [2000, 2000]


def rows_as_dicts(data: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    """The page's rows of one kind (``node``, ``statement``, ``article``) as dicts."""
    fields = data["fields"][kind]
    return [dict(zip(fields, row, strict=True)) for row in data[kind + "s"]]


def node_relations(data: dict[str, Any], node_id: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """A node's statements grouped by relation (groups in legend order), each group
    chronological, each item with its counterpart(s): what the page's panel lists."""
    nodes = rows_as_dicts(data, "node")
    statements = rows_as_dicts(data, "statement")
    articles = rows_as_dicts(data, "article")
    me = next(i for i, n in enumerate(nodes) if n["id"] == node_id)
    groups: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for number in nodes[me]["statements"]:
        st = statements[number]
        flat = st["pairs"]
        others = sorted(
            {
                nodes[flat[k + 1 - j]]["label"]
                for k in range(0, len(flat), 2)
                for j in (0, 1)
                if flat[k + j] == me
            }
        )
        article = articles[st["article"]]
        source = article["text"] if st["caption"] < 0 else article["captions"][st["caption"]]
        quote = st["quote"] or _slice16(source, st["start"], st["end"])
        groups[st["relation"]].append(st | {"counterparts": others, "quote": quote})
    order = sorted(groups, key=lambda r: (data["relations"][r]["family"], r))
    return [(data["relations"][r]["id"], groups[r]) for r in order]


def _slice16(text: str, start: int, end: int) -> str:
    encoded = text.encode("utf-16-le")
    return encoded[2 * start : 2 * end].decode("utf-16-le")
