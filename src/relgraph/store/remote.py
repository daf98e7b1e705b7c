"""A store behind an http(s) SPARQL 1.1 endpoint, read through the same interface as LocalStore.

The embedded store is one process's; a server lets many readers (the web app,
the CLI on several machines) share one graph and lets the graph outgrow one
disk. :class:`RemoteStore` speaks only the standard protocols (SPARQL 1.1
Protocol for queries, SPARQL Update, Graph Store HTTP Protocol for whole
graphs), in the forms every tested server answers (Virtuoso 7, Oxigraph,
``relgraph serve``), and it hands back real pyoxigraph result objects so every
caller of ``store.query`` works unchanged. Credentials: :mod:`relgraph.store.credentials`.

Only the standard library's ``urllib`` is used: no new dependency for a thin
client. Every failure becomes a :class:`StoreError` (or :class:`QueryError` for a
query the server refused) with a message a user can act on; credentials never
appear in a message.

``use_default_graph_as_union=True`` is sent as Oxigraph's ``union-default-graph``
URL parameter. Other servers ignore it: Virtuoso uses the union of all graphs as
the default graph anyway; Fuseki must be told to (``tdb:unionDefaultGraph true``).
"""

from __future__ import annotations

import http.client
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from email.message import Message
from typing import IO, Any

import pyoxigraph as ox

from relgraph.core.errors import QueryError, StoreError
from relgraph.rdf.namespaces import GRAPH
from relgraph.rdf.sparql_lexer import FORMS, tokenize
from relgraph.store.credentials import AUTH_HINT, ENV_TOKEN, Credentials, split_credentials

__all__ = ["AUTH_HINT", "ENV_TOKEN", "RemoteStore", "with_prefixes"]

# JSON first: pyoxigraph 0.5's XML results parser trims the white space around a
# literal (article texts end with a newline), so XML would change the data.
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
# Virtuoso answers a CONSTRUCT with a results table if the client accepts one.
ACCEPT_GRAPH = "application/n-triples, text/turtle;q=0.9"
FORM = "application/x-www-form-urlencoded"
MAX_ROWS_HEADER = "X-SPARQL-MaxRows"  # Virtuoso: the answer stops at this many rows
GRAPH_PAGE = 5000  # graph IRIs a listing request asks for
GRAPH_BATCH = 64  # graphs whose quads one request fetches (halved when cut short)
# Virtuoso reports a query it cannot compile as a 500 with its SPARQL error code.
_VIRTUOSO_QUERY_ERROR = re.compile(r"Virtuoso \w+ Error SP\d+")


class TruncatedAnswer(StoreError):
    """The server answered only part of the rows (a row limit of its own)."""


def _form(sparql: str) -> str | None:
    """The query form keyword (SELECT, ASK, CONSTRUCT, DESCRIBE), if the text is readable."""
    try:
        return next((t.keyword for t in tokenize(sparql) if t.keyword in FORMS), None)
    except QueryError:
        return None


def _is_query_error(code: int, text: str) -> bool:
    return code == 400 or (code == 500 and bool(_VIRTUOSO_QUERY_ERROR.search(text)))


RESULTS_FORMATS = (ox.QueryResultsFormat.JSON, ox.QueryResultsFormat.XML, ox.QueryResultsFormat.TSV)
_DECLARED = re.compile(r"\bPREFIX\s+([A-Za-z][\w.-]*)?\s*:", re.IGNORECASE)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """Refuse redirects: urllib would forward the Authorization header to any host."""

    def redirect_request(
        self,
        req: urllib.request.Request,
        fp: IO[bytes],
        code: int,
        msg: str,
        headers: Message,
        newurl: str,
    ) -> urllib.request.Request | None:
        return None


def with_prefixes(sparql: str, prefixes: dict[str, str] | None) -> str:
    """Declare the given prefixes the query does not declare itself (its own win)."""
    if not prefixes:
        return sparql
    declared = {m.group(1) or "" for m in _DECLARED.finditer(sparql)}
    header = "".join(f"PREFIX {k}: <{v}>\n" for k, v in prefixes.items() if k not in declared)
    return header + sparql


def _ntriples(triples: Iterable[ox.Triple]) -> bytes:
    data = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES)
    assert data is not None  # no output given: serialize returns the bytes
    return data


class RemoteStore:
    """A SPARQL 1.1 server at ``location`` (its base URL), read and written over HTTP.

    Endpoints default to ``<base>/query``, ``<base>/update`` and ``<base>/store``
    (Oxigraph's layout; Fuseki's too, with the dataset URL as base); pass
    ``query_url``, ``update_url`` or ``store_url`` for servers laid out otherwise.

    The store is relgraph's graphs on that server: the named graphs under
    ``https://w3id.org/relgraph/graph/``. A server's own graphs (Virtuoso keeps
    its system graphs beside the data) are neither read, counted nor removed.
    """

    def __init__(
        self,
        location: str,
        timeout: float = 30.0,
        *,
        query_url: str | None = None,
        update_url: str | None = None,
        store_url: str | None = None,
    ) -> None:
        self.location, found = split_credentials(location.rstrip("/"))
        self.timeout = timeout
        urls: list[str] = []
        for name, url in (("query", query_url), ("update", update_url), ("store", store_url)):
            clean, own = split_credentials(url or f"{self.location}/{name}")
            urls.append(clean)
            found = found or own
        self.query_url, self.update_url, self.store_url = urls
        self._credentials = Credentials.from_sources(found)
        self._probed = False
        self._opener = urllib.request.build_opener(_NoRedirect)

    def __repr__(self) -> str:  # never shows credentials
        return f"RemoteStore({self.location!r})"

    # -- reading ---------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        use_default_graph_as_union: bool = False,
        prefixes: dict[str, str] | None = None,
        **ignored: Any,
    ) -> Any:
        """Evaluate on the server; return QuerySolutions, QueryBoolean or an iterator of Triples.

        The query goes form-encoded in a POST body, the one form every server
        answers (Virtuoso 7 never answers ``application/sparql-query``). Options
        that only mean something to the embedded store are ignored.
        """
        url = self.query_url
        if use_default_graph_as_union:
            url += ("&" if "?" in url else "?") + "union-default-graph"
        body = urllib.parse.urlencode({"query": with_prefixes(sparql, prefixes)}).encode("ascii")
        accept = ACCEPT_GRAPH if _form(sparql) in ("CONSTRUCT", "DESCRIBE") else ACCEPT
        headers = {"Content-Type": FORM, "Accept": accept}
        data, content_type = self._request("POST", url, body, headers, query=True)
        return self._parse(url, data, content_type)

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (form-encoded POST, as for queries): one atomic request."""
        body = urllib.parse.urlencode({"update": sparql}).encode("ascii")
        self._request("POST", self.update_url, body, {"Content-Type": FORM})

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad of relgraph's graphs, a few graphs a request.

        A server may cut long answers short (Virtuoso at its ``ResultSetMaxRows``,
        10,000 by default, and says so in a header): a batch cut short is asked
        again in halves, so the whole store comes back whatever that limit.
        relgraph keeps nothing in the default graph; a server that serves the
        union as its default graph (Virtuoso does) would repeat every graph there.
        """
        graphs = self.named_graphs()
        pending = [graphs[i : i + GRAPH_BATCH] for i in range(0, len(graphs), GRAPH_BATCH)][::-1]
        found: list[ox.Quad] = []
        while pending:
            batch = pending.pop()
            values = " ".join(f"<{g}>" for g in batch)
            text = f"SELECT * WHERE {{ VALUES ?g {{ {values} }} GRAPH ?g {{ ?s ?p ?o }} }}"
            try:
                rows = self.query(text)
            except TruncatedAnswer:
                if len(batch) == 1:
                    raise
                half = len(batch) // 2
                pending += [batch[half:], batch[:half]]
                continue
            found.extend(ox.Quad(r["s"], r["p"], _canonical(r["o"]), r["g"]) for r in rows)
        return iter(found)

    def named_graphs(self) -> list[str]:
        """IRIs of relgraph's named graphs holding at least one triple, sorted.

        Read a page at a time after the last IRI seen (no OFFSET: Virtuoso
        refuses to sort past 10,000 rows by default).
        """
        found: list[str] = []
        while True:
            after = ox.Literal(found[-1] if found else "")
            rows = self.query(
                "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(STRSTARTS(STR(?g), "{GRAPH}") && STR(?g) > {after}) }} '
                f"ORDER BY STR(?g) LIMIT {GRAPH_PAGE}"
            )
            page = [str(r["g"].value) for r in rows]
            found += page
            if len(page) < GRAPH_PAGE:
                return sorted(found)

    def __len__(self) -> int:
        rows = list(
            self.query(
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } "
                f'FILTER(STRSTARTS(STR(?g), "{GRAPH}")) }}'
            )
        )
        return int(rows[0]["n"].value)

    # -- writing ---------------------------------------------------------------

    def replace_graph(self, graph_iri: str, statements: Iterable[ox.Quad | ox.Triple]) -> None:
        """Make the named graph hold exactly ``statements``, in one Graph Store PUT.

        The whole body is serialized before anything is sent, so an error while
        producing the statements sends nothing; the server replaces the graph as
        one change (Oxigraph 0.5 and Virtuoso 7 do: the tests check both), so a
        refused or broken upload leaves the previous graph whole. After a timeout
        the server may still finish: the graph is then the old or the new one.
        """
        target = ox.NamedNode(graph_iri)
        triples = []
        for item in statements:
            if isinstance(item, ox.Quad) and item.graph_name != target:
                raise ValueError(f"quad of graph {item.graph_name} pushed to <{graph_iri}>")
            triples.append(ox.Triple(item.subject, item.predicate, item.object))
        headers = {"Content-Type": "application/n-triples"}
        self._request("PUT", self._graph_url(graph_iri), _ntriples(triples), headers)

    def delete_graph(self, graph_iri: str) -> None:
        """Remove a named graph; one that is not there is already deleted."""
        self._request("DELETE", self._graph_url(graph_iri), None, {}, missing_ok=True)

    def clear(self) -> None:
        """Remove relgraph's graphs, and nothing else, a hundred per SPARQL Update.

        Not ``DROP ALL``: on Virtuoso that would drop the server's own system
        graphs; and Virtuoso refuses one update that drops thousands of graphs.
        """
        graphs = self.named_graphs()
        for at in range(0, len(graphs), 100):
            self.update(" ;\n".join(f"DROP SILENT GRAPH <{g}>" for g in graphs[at : at + 100]))

    def _graph_url(self, graph_iri: str) -> str:
        return f"{self.store_url}?graph={urllib.parse.quote(graph_iri, safe='')}"

    # -- HTTP ------------------------------------------------------------------

    def _request(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: dict[str, str],
        *,
        query: bool = False,
        missing_ok: bool = False,
    ) -> tuple[bytes, str]:
        """Send one request; return the body and its media type, or raise a clear error.

        Credentials go only where a server asks for them (a 401 and its
        ``WWW-Authenticate`` challenge), in the scheme it names; a bearer token
        goes with every request. Before the first body is sent with credentials,
        a GET of the same URL learns the challenge, so a large upload is not sent
        twice or cut off by the server's refusal.
        """
        shown = url.split("?", 1)[0]
        credentials = self._credentials
        writing = body is not None and not query  # a query's body is small: no probe
        if credentials and credentials.answers_challenges and writing and not self._probed:
            self._probed = True
            if credentials.header(method, url) is None:
                try:
                    self._send("GET", url, None, {}, None, shown)
                except urllib.error.HTTPError as exc:
                    with exc:
                        if exc.code == 401:
                            credentials.challenged(
                                exc.headers.get("WWW-Authenticate", ""), method, url
                            )
        auth = credentials.header(method, url) if credentials else None
        try:
            try:
                return self._send(method, url, body, headers, auth, shown)
            except urllib.error.HTTPError as exc:
                if exc.code != 401 or credentials is None:
                    raise
                with exc:
                    again = credentials.challenged(
                        exc.headers.get("WWW-Authenticate", ""), method, url
                    )
                if again is None or again == auth:
                    raise StoreError(
                        f"authentication failed for {shown} (401)", hint=AUTH_HINT
                    ) from None
                return self._send(method, url, body, headers, again, shown)
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and missing_ok:
                exc.close()
                return b"", ""
            raise self._http_error(exc, shown, query) from None

    def _send(
        self,
        method: str,
        url: str,
        body: bytes | None,
        headers: dict[str, str],
        auth: str | None,
        shown: str,
    ) -> tuple[bytes, str]:
        if auth:
            headers = {**headers, "Authorization": auth}
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                data = response.read()
                cut = response.headers.get(MAX_ROWS_HEADER)
                content_type = response.headers.get_content_type()
        except urllib.error.HTTPError:
            raise
        except urllib.error.URLError as exc:
            raise self._unreachable(exc.reason, shown) from None
        except (OSError, http.client.HTTPException) as exc:  # timeouts, resets mid-answer
            raise self._unreachable(exc, shown) from None
        if cut:
            raise TruncatedAnswer(
                f"{shown} cut its answer short at {cut} rows",
                hint="ask for fewer rows (LIMIT/OFFSET, --page), or raise the server's "
                "limit (Virtuoso: ResultSetMaxRows under [SPARQL] in virtuoso.ini)",
            )
        return data, content_type

    def _http_error(
        self, exc: urllib.error.HTTPError, url: str, query: bool
    ) -> StoreError | QueryError:
        try:
            with exc:
                text = exc.read(4096).decode("utf-8", "replace").strip()
        except (OSError, http.client.HTTPException):
            text = ""
        # An HTML error page's first line says nothing ("<!DOCTYPE html>"): use the reason.
        detail = text.splitlines()[0][:300] if text and not text.startswith("<") else exc.reason
        if exc.code in (401, 403):
            return StoreError(f"authentication failed for {url} ({exc.code})", hint=AUTH_HINT)
        if 300 <= exc.code < 400:
            moved = split_credentials(exc.headers.get("Location") or "?")[0]
            return StoreError(
                f"{url} redirects to {moved}", hint="use that URL as the store location"
            )
        if exc.code == 501 or (exc.code == 405 and not query):
            return StoreError(
                f"{url} does not accept this request ({exc.code} {exc.reason}): the server "
                "may be read-only (as 'relgraph serve' is), or its endpoints are elsewhere",
                hint="set query, update and graph-store under [store] in relgraph.toml",
            )
        if query and _is_query_error(exc.code, text):
            return QueryError(f"the SPARQL endpoint refused the query: {detail}")
        if exc.code >= 500:
            return StoreError(
                f"server error {exc.code} from {url}: {detail}", hint="see the server's log"
            )
        hint = "check the endpoint URLs" if exc.code in (404, 405) else ""
        return StoreError(f"request refused with {exc.code} by {url}: {detail}", hint=hint)

    def _unreachable(self, reason: object, url: str) -> StoreError:
        if isinstance(reason, TimeoutError):  # socket.timeout is TimeoutError
            return StoreError(
                f"SPARQL endpoint {url} did not answer within {self.timeout:g} s",
                hint="the server may be overloaded; try again or raise the timeout",
            )
        if isinstance(reason, ConnectionRefusedError):
            why = "connection refused"
        elif isinstance(reason, socket.gaierror):
            why = "unknown host"
        elif isinstance(reason, ConnectionError):
            why = "connection lost"
        else:
            why = str(reason)
        return StoreError(
            f"cannot reach SPARQL endpoint {self.location} ({why})",
            hint="check that the server is running and the store URL",
        )

    # -- answers ---------------------------------------------------------------

    def _parse(self, url: str, data: bytes, content_type: str) -> Any:
        """Decode by the Content-Type the server chose, so any server's choice works."""
        shown = url.split("?", 1)[0]
        results = ox.QueryResultsFormat.from_media_type(content_type)
        if results in RESULTS_FORMATS:
            try:
                return ox.parse_query_results(data, format=results)
            except (SyntaxError, ValueError) as exc:
                raise StoreError(f"malformed answer from {shown}: {exc}") from None
        graph = ox.RdfFormat.from_media_type(content_type)
        if graph is None:
            raise StoreError(f"unexpected answer of type {content_type!r} from {shown}")
        return iter(_triples(data, graph, shown))


_BOOLEAN = ox.NamedNode("http://www.w3.org/2001/XMLSchema#boolean")


def _canonical(term: Any) -> Any:
    """Virtuoso stores an ``xsd:boolean`` as ``"1"``/``"0"``: give back the canonical form."""
    if isinstance(term, ox.Literal) and term.datatype == _BOOLEAN and term.value in ("1", "0"):
        return ox.Literal("true" if term.value == "1" else "false", datatype=_BOOLEAN)
    return term


def _triples(data: bytes, fmt: ox.RdfFormat, url: str) -> list[ox.Triple]:
    try:
        quads = list(ox.parse(data, format=fmt, without_named_graphs=True))
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"malformed answer from {url}: {exc}") from None
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
