"""``relgraph annotate``'s local server: routes over :class:`relgraph.annotate.session.Annotator`.

Safety, because the server can write the corpus:

* it listens on 127.0.0.1 only;
* every request that reads or writes corpus data carries the per-run token (the
  page's URL has it, as Jupyter's does; the page sends it in a header);
* a request whose ``Host`` is not this server's loopback address (DNS rebinding)
  or whose ``Origin``/``Sec-Fetch-Site`` says another site sent it is refused;
  writes must be ``application/json`` (a form post from another site cannot be);
* the page is static (corpus data arrives as JSON and is put into the page as
  text nodes) under a strict Content-Security-Policy: scripts and styles from
  this server only, no inline code, no frames, no outside connections.

Requests pass :mod:`relgraph.web.guard` first, the guard ``relgraph serve`` uses:
Host and Origin checks, a deadline to deliver each request (idle and slow
connections are closed), checked body lengths, a cap on open connections, and
errors answered in a few words, never with an exception's text or a traceback.
"""

from __future__ import annotations

import errno
import hmac
import json
import secrets
from http import HTTPStatus
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

from relgraph.annotate.document import ConflictError
from relgraph.annotate.session import Annotator, NotFound
from relgraph.annotate.view import resolved_date
from relgraph.core.errors import CorpusError, RelgraphError, os_reason
from relgraph.web.guard import GuardedHandler, GuardedServer, Limits, Policy, Refused

HOST = "127.0.0.1"
TOKEN_HEADER = "X-Relgraph-Token"
MAX_BODY = 16 * 1024 * 1024
LIMITS = Limits(request_seconds=10.0, connections=128, max_body=MAX_BODY)
NO_ROOM = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}
CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
STATIC_TYPES = {".js": "text/javascript", ".css": "text/css", ".html": "text/html"}


def _static(name: str) -> bytes | None:
    """A file of the page (no corpus data in any of them), or None."""
    if "/" in name or name.startswith(".") or not name.endswith(tuple(STATIC_TYPES)):
        return None
    resource = resources.files("relgraph.web").joinpath("static", name)
    return resource.read_bytes() if resource.is_file() else None


class AnnotateServer(GuardedServer):
    name = "relgraph annotate"

    def __init__(
        self,
        annotator: Annotator,
        port: int = 0,
        token: str | None = None,
        limits: Limits = LIMITS,
    ) -> None:
        self.annotator = annotator
        self.token = token or secrets.token_urlsafe(24)

        def policy(bound: str, port: int) -> Policy:
            hint = "open the URL relgraph annotate printed"
            names = frozenset({bound, "localhost"})
            action = "use relgraph annotate"
            return Policy(names, bound, port, action=action, host_hint=hint, origin_hint=hint)

        super().__init__((HOST, port), _Handler, limits, policy)

    def url(self, article_id: str | None = None) -> str:
        """The address to open: the article's page (or the list), with the token."""
        path = f"/article/{quote(article_id)}" if article_id else "/"
        return f"http://{HOST}:{self.port}{path}?token={self.token}"


class _Handler(GuardedHandler):
    server: AnnotateServer

    def answer_error(
        self, status: HTTPStatus, message: str, extra: dict[str, str] | None = None
    ) -> None:
        self._json(status, {"error": message}, extra)

    # -- checks ---------------------------------------------------------------------------
    def _check_token(self, query: dict[str, list[str]]) -> None:
        given = (query.get("token") or [""])[0] if query else self.headers.get(TOKEN_HEADER, "")
        if not hmac.compare_digest(given.encode(), self.server.token.encode()):
            raise Refused(HTTPStatus.FORBIDDEN, "missing or wrong token: open the URL printed")

    def _body(self) -> dict[str, Any]:
        media = self.headers.get("Content-Type", "").split(";")[0].strip().lower()
        if media != "application/json":
            raise Refused(HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "send application/json")
        try:
            body = json.loads(self.read_body() or b"{}")
        except (ValueError, UnicodeDecodeError):
            raise Refused(HTTPStatus.BAD_REQUEST, "the request is not JSON") from None
        if not isinstance(body, dict):
            raise Refused(HTTPStatus.BAD_REQUEST, "the request must be a JSON object")
        return body

    # -- dispatch -------------------------------------------------------------------------
    def do_GET(self) -> None:
        self._handle("GET")

    def do_POST(self) -> None:
        self._handle("POST")

    def _handle(self, method: str) -> None:
        url = urlsplit(self.path)
        query = parse_qs(url.query)
        parts = [p for p in url.path.split("/") if p]
        try:
            if method == "GET" and url.path == "/favicon.ico":
                self._send(HTTPStatus.NO_CONTENT, "image/x-icon", b"")
                return
            if method == "GET" and parts[:1] == ["static"] and len(parts) == 2:
                data = _static(parts[1])
                if data is None:
                    raise Refused(HTTPStatus.NOT_FOUND, "no such file")
                suffix = parts[1][parts[1].rfind(".") :]
                self._send(HTTPStatus.OK, STATIC_TYPES[suffix], data)
                return
            page = method == "GET" and (parts == [] or (len(parts) == 2 and parts[0] == "article"))
            # The page's URL carries the token; the page then sends it in a header, which a
            # page of another origin cannot do without a CORS preflight this server never grants.
            self._check_token(query if page else {})
            if page:
                html = _static("annotate.html")
                assert html is not None
                self._send(HTTPStatus.OK, "text/html; charset=utf-8", html)
                return
            if parts[:1] != ["api"]:
                raise Refused(HTTPStatus.NOT_FOUND, "no such page")
            body = self._body() if method == "POST" else {}
            self._json(HTTPStatus.OK, self._api(method, parts[1:], query, body))
        except ConflictError as exc:
            self._json(HTTPStatus.CONFLICT, {"error": exc.message, "hint": exc.hint})
        except NotFound as exc:
            self._json(HTTPStatus.NOT_FOUND, {"error": str(exc)})
        except CorpusError as exc:
            problems = [str(p) for p in exc.problems]
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": "\n".join(problems)})
        except RelgraphError as exc:
            self._json(HTTPStatus.UNPROCESSABLE_ENTITY, {"error": exc.message, "hint": exc.hint})
        except (ConnectionError, TimeoutError):
            raise  # the client left: the guard closes quietly
        except OSError as exc:  # a full disk, a folder made read-only: said, not shown raw
            status = (
                HTTPStatus.INSUFFICIENT_STORAGE
                if exc.errno in NO_ROOM
                else HTTPStatus.INTERNAL_SERVER_ERROR
            )
            action = parts[1] if parts[:1] == ["api"] and len(parts) > 1 else "the request"
            hint = "nothing was written: the files are as they were" if method == "POST" else ""
            self._json(status, {"error": f"{action} failed: {os_reason(exc)}", "hint": hint})

    def _api(
        self, method: str, parts: list[str], query: dict[str, list[str]], body: dict[str, Any]
    ) -> Any:
        app = self.server.annotator
        route = (method, parts[0] if parts else "", len(parts))
        arg = parts[1] if len(parts) > 1 else ""
        doc = body.get("doc")
        needs_doc = method == "POST" and route[1] in ("view", "op", "save", "quote", "page")
        if needs_doc and not isinstance(doc, dict):
            raise Refused(HTTPStatus.BAD_REQUEST, "'doc' must be the article as an object")
        match route:
            case ("GET", "articles", 1):
                return {"articles": app.list_articles()}
            case ("GET", "article", 2):
                return app.open(arg)
            case ("GET", "etag", 2):
                return {"etag": app.etag(arg)}
            case ("GET", "choices", 1):
                return app.choices()
            case ("GET", "date", 1):
                written, published = (query.get(k, [""])[0] for k in ("written", "published"))
                return resolved_date({"published": published}, written)
            case ("GET", "search", 1):

                def one(key: str) -> str:
                    return (query.get(key) or [""])[0]

                return {"results": app.search(one("slot"), one("predicate") or None, one("q"))}
            case ("POST", "view", 2):
                return {"view": app.view(arg, doc)}  # type: ignore[arg-type]
            case ("POST", "op", 2):
                op = body.get("op")
                if not isinstance(op, dict):
                    raise Refused(HTTPStatus.BAD_REQUEST, "'op' must be an object")
                return app.apply(arg, doc, op)  # type: ignore[arg-type]
            case ("POST", "save", 2):
                etag = body.get("etag")
                if not isinstance(etag, str):
                    raise Refused(HTTPStatus.BAD_REQUEST, "'etag' must be text")
                return app.save(arg, doc, etag)  # type: ignore[arg-type]
            case ("POST", "quote", 2):
                text, predicate = body.get("text"), body.get("predicate")
                if not isinstance(text, str):
                    raise Refused(HTTPStatus.BAD_REQUEST, "'text' must be text")
                pred = predicate if isinstance(predicate, str) else None
                return app.quote(doc, text, pred)  # type: ignore[arg-type]
            case ("POST", "entity", 1):
                fields = body.get("fields")
                if not isinstance(fields, dict):
                    raise Refused(HTTPStatus.BAD_REQUEST, "'fields' must be an object")
                if fields.get("alias_of"):
                    name = str(fields.get("name") or "")
                    return {"ok": True, "undo": app.add_alias(str(fields["alias_of"]), name)}
                return {"ok": True, "undo": app.add_entity(fields)}
            case ("POST", "entity-undo", 1):
                number = body.get("undo")
                if not isinstance(number, int) or isinstance(number, bool):
                    raise Refused(HTTPStatus.BAD_REQUEST, "'undo' must be a number")
                return app.entity_undo(number)
            case ("POST", "page", 2):
                return app.page(arg, doc)  # type: ignore[arg-type]
            case ("POST", "entity-plan" | "entity-apply", 1):
                action, entity_id, value = (body.get(k, "") for k in ("action", "id", "value"))
                if not all(isinstance(v, str) for v in (action, entity_id, value)):
                    raise Refused(HTTPStatus.BAD_REQUEST, "'action', 'id', 'value' must be text")
                if route[1] == "entity-plan":
                    return {"plan": app.entity_plan(action, entity_id, value)}
                return {"plan": app.entity_apply(action, entity_id, value)}
        raise Refused(HTTPStatus.NOT_FOUND, "no such API route")

    # -- responses ------------------------------------------------------------------------
    def _json(self, status: HTTPStatus, value: Any, extra: dict[str, str] | None = None) -> None:
        body = json.dumps(value, ensure_ascii=False).encode("utf-8")
        self._send(status, "application/json; charset=utf-8", body, extra)

    def _send(
        self, status: HTTPStatus, media: str, body: bytes, extra: dict[str, str] | None = None
    ) -> None:
        self.send_response(status)
        for key, value in (extra or {}).items():
            self.send_header(key, value)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Content-Security-Policy", CSP)
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("Cross-Origin-Resource-Policy", "same-origin")
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


def make_server(
    annotator: Annotator, port: int = 0, token: str | None = None, limits: Limits = LIMITS
) -> AnnotateServer:
    return AnnotateServer(annotator, port, token, limits)


def start(
    corpus: Path, target: str | None = None, port: int = 0, recommender: str = "rules"
) -> tuple[AnnotateServer, str]:
    """A server over the corpus folder and the URL (with the token) to open.

    ``recommender`` (a name in :data:`relgraph.draft.RECOMMENDERS`) drafts a page opened.
    """
    annotator = Annotator(corpus, recommender=recommender)
    article = annotator.target(target)
    try:
        server = make_server(annotator, port)
    except OSError as exc:
        raise RelgraphError(f"cannot listen on {HOST}:{port}: {exc.strerror}") from None
    return server, server.url(article)
