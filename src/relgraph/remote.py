"""A store behind an http(s) SPARQL 1.1 endpoint, read through the same interface as LocalStore.

The embedded store is one process's; a server lets many readers (the web app,
the CLI on several machines) share one graph and lets the graph outgrow one
disk. :class:`RemoteStore` speaks only the standard protocols (SPARQL 1.1
Protocol for queries, SPARQL Update, Graph Store HTTP Protocol for whole
graphs), so Oxigraph, Fuseki and others work, and it hands back real pyoxigraph
result objects so every caller of ``store.query`` works unchanged.

Only the standard library's ``urllib`` is used: no new dependency for a thin
client. Every failure becomes a :class:`StoreError` (or :class:`QueryError` for a
query the server refused) with a message a user can act on; credentials never
appear in a message.

``use_default_graph_as_union=True`` is sent as Oxigraph's ``union-default-graph``
URL parameter. Other servers ignore it and must be configured to use the union
of all graphs as the default graph (Fuseki: ``tdb:unionDefaultGraph true``).
"""

from __future__ import annotations

import base64
import http.client
import os
import re
import socket
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator
from email.message import Message
from typing import IO, Any

import pyoxigraph as ox

from relgraph.errors import QueryError, StoreError

ENV_TOKEN = "RELGRAPH_STORE_TOKEN"
ACCEPT = "application/sparql-results+json, application/n-triples;q=0.9"
AUTH_HINT = (
    "put the user in the store URL (http://user:password@host:port) "
    f"or a bearer token in {ENV_TOKEN}"
)
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


def _split_credentials(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@`` and a Basic auth header value for it, if any."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{parts.port}" if parts.port else ""
    clean = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    user = urllib.parse.unquote(parts.username)
    password = urllib.parse.unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode("ascii")
    return clean, f"Basic {token}"


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
        self.location, auth = _split_credentials(location.rstrip("/"))
        self.timeout = timeout
        urls: list[str] = []
        for name, url in (("query", query_url), ("update", update_url), ("store", store_url)):
            clean, own_auth = _split_credentials(url or f"{self.location}/{name}")
            urls.append(clean)
            auth = auth or own_auth
        self.query_url, self.update_url, self.store_url = urls
        token = os.environ.get(ENV_TOKEN)
        self._auth = auth or (f"Bearer {token}" if token else None)
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

        Options that only mean something to the embedded store are ignored.
        """
        url = self.query_url
        if use_default_graph_as_union:
            url += ("&" if "?" in url else "?") + "union-default-graph"
        body = with_prefixes(sparql, prefixes).encode("utf-8")
        headers = {"Content-Type": "application/sparql-query; charset=utf-8", "Accept": ACCEPT}
        data, content_type = self._request("POST", url, body, headers, query=True)
        return self._parse(url, data, content_type)

    def quads(self) -> Iterator[ox.Quad]:
        """Every quad: the named graphs by one SELECT, the default graph by the Graph Store.

        The default graph is fetched with ``GET ?default`` because a server that
        serves the union as its default graph would answer a SELECT with every graph.
        Blank nodes get fresh labels from the server, so only blank-node-free data
        (relgraph's) round-trips exactly.
        """
        rows = self.query("SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }")
        named = [ox.Quad(r["s"], r["p"], r["o"], r["g"]) for r in rows]
        default = [ox.Quad(t.subject, t.predicate, t.object) for t in self._default_triples()]
        return iter(named + default)

    def named_graphs(self) -> list[str]:
        """IRIs of the named graphs holding at least one triple, sorted."""
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(str(r["g"].value) for r in rows)

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value) + sum(1 for _ in self._default_triples())

    def _default_triples(self) -> list[ox.Triple]:
        accept = {"Accept": "application/n-triples"}
        url = self.store_url + "?default"
        data, _ = self._request("GET", url, None, accept, missing_ok=True)
        return _triples(data, ox.RdfFormat.N_TRIPLES, self.store_url)

    # -- writing ---------------------------------------------------------------

    def replace_graph(self, graph_iri: str, statements: Iterable[ox.Quad | ox.Triple]) -> None:
        """Make the named graph hold exactly ``statements``, in one Graph Store PUT.

        The whole body is serialized before anything is sent, so an error while
        producing the statements sends nothing; the server replaces the graph as
        one change (Oxigraph 0.5 does: the tests check it), so a refused or broken
        upload leaves the previous graph whole. After a timeout the server may
        still finish: the graph is then the old or the new one, never a mix.
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
        """Remove every graph, by a standard SPARQL Update (one atomic request)."""
        headers = {"Content-Type": "application/sparql-update; charset=utf-8"}
        self._request("POST", self.update_url, b"DROP ALL", headers)

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
        """Send one request; return the body and its media type, or raise a clear error."""
        if self._auth:
            headers = {**headers, "Authorization": self._auth}
        request = urllib.request.Request(url, data=body, headers=headers, method=method)
        shown = url.split("?", 1)[0]
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read(), response.headers.get_content_type()
        except urllib.error.HTTPError as exc:
            if exc.code == 404 and missing_ok:
                return b"", ""
            raise self._http_error(exc, shown, query) from None
        except urllib.error.URLError as exc:
            raise self._unreachable(exc.reason, shown) from None
        except (OSError, http.client.HTTPException) as exc:  # timeouts, resets mid-answer
            raise self._unreachable(exc, shown) from None

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
            moved = _split_credentials(exc.headers.get("Location") or "?")[0]
            return StoreError(
                f"{url} redirects to {moved}", hint="use that URL as the store location"
            )
        if exc.code == 501 or (exc.code == 405 and not query):
            return StoreError(
                f"{url} does not accept this request ({exc.code} {exc.reason}): the server "
                "may be read-only (as 'relgraph serve' is), or its endpoints are elsewhere",
                hint="set query, update and graph-store under [store] in relgraph.toml",
            )
        if exc.code >= 500:
            return StoreError(
                f"server error {exc.code} from {url}: {detail}", hint="see the server's log"
            )
        if query and exc.code == 400:
            return QueryError(f"the SPARQL endpoint refused the query: {detail}")
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


def _triples(data: bytes, fmt: ox.RdfFormat, url: str) -> list[ox.Triple]:
    try:
        quads = list(ox.parse(data, format=fmt, without_named_graphs=True))
    except (SyntaxError, ValueError) as exc:
        raise StoreError(f"malformed answer from {url}: {exc}") from None
    return [ox.Triple(q.subject, q.predicate, q.object) for q in quads]
