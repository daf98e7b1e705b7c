"""Credentials for a SPARQL server: where they come from, and HTTP Basic and Digest.

Servers guard their write endpoints differently: Virtuoso asks for Digest
(``/sparql-auth``, ``/sparql-graph-crud-auth``), Fuseki and GraphDB for Basic,
others take a bearer token. :class:`Credentials` answers whichever the server
asks for in its ``WWW-Authenticate`` challenge, so one setting works on all of
them, and keeps Digest's challenge to sign later requests without asking again.

Credentials come from the store URL (``http://user:password@host:port``), else
from ``$RELGRAPH_STORE_USER`` and ``$RELGRAPH_STORE_PASSWORD``, else a bearer
token from ``$RELGRAPH_STORE_TOKEN``. They never appear in a message: every URL
shown goes through :func:`redact` first.
"""

from __future__ import annotations

import base64
import hashlib
import os
import secrets
import threading
import urllib.parse
import urllib.request
from dataclasses import dataclass, field

ENV_USER = "RELGRAPH_STORE_USER"
ENV_PASSWORD = "RELGRAPH_STORE_PASSWORD"
ENV_TOKEN = "RELGRAPH_STORE_TOKEN"
AUTH_HINT = (
    "put the user in the store URL (http://user:password@host:port), or set "
    f"{ENV_USER} and {ENV_PASSWORD}, or a bearer token in {ENV_TOKEN}"
)


def split_credentials(url: str) -> tuple[str, tuple[str, str] | None]:
    """The URL without ``user:password@``, and the user and password it held, if any."""
    parts = urllib.parse.urlsplit(url)
    if parts.username is None:
        return url, None
    host = parts.hostname or ""
    netloc = f"[{host}]" if ":" in host else host
    netloc += f":{parts.port}" if parts.port else ""
    clean = urllib.parse.urlunsplit(parts._replace(netloc=netloc))
    user = urllib.parse.unquote(parts.username)
    return clean, (user, urllib.parse.unquote(parts.password or ""))


def redact(location: str) -> str:
    """A location fit to print: an http(s) URL loses its ``user:password@``."""
    if not location.startswith(("http://", "https://")):
        return location
    try:
        return split_credentials(location)[0]
    except ValueError:  # a malformed port: show only the scheme and host part we trust
        scheme, _, rest = location.partition("://")
        return f"{scheme}://{rest.rsplit('@', 1)[-1]}"


def _md5(text: str) -> str:
    return hashlib.md5(text.encode("utf-8"), usedforsecurity=False).hexdigest()


@dataclass
class Credentials:
    """A user and password (or a bearer token), answering Basic or Digest challenges."""

    user: str | None = None
    password: str = ""
    token: str | None = None
    _digest: dict[str, str] | None = field(default=None, repr=False)
    _basic: bool = field(default=False, repr=False)
    _count: int = field(default=0, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False, compare=False)

    def __repr__(self) -> str:  # never shows the secret
        return f"Credentials(user={self.user!r})"

    @classmethod
    def from_sources(cls, found: tuple[str, str] | None) -> Credentials | None:
        """The URL's user and password, else the environment's, else its token, else none."""
        if found is not None:
            return cls(found[0], found[1])
        user = os.environ.get(ENV_USER)
        if user:
            return cls(user, os.environ.get(ENV_PASSWORD, ""))
        token = os.environ.get(ENV_TOKEN)
        return cls(token=token) if token else None

    @property
    def answers_challenges(self) -> bool:
        return self.user is not None

    def header(self, method: str, url: str) -> str | None:
        """The Authorization value to send unasked: a token, or the scheme a server asked for."""
        if self.token:
            return f"Bearer {self.token}"
        if self.user is None:
            return None
        if self._digest is not None:
            return self._sign(method, url)
        if self._basic:
            return self._basic_value()
        return None

    def challenged(self, challenge: str, method: str, url: str) -> str | None:
        """The Authorization value answering ``WWW-Authenticate: challenge``; None if no use.

        A server that names no scheme gets Basic. Digest's challenge is kept, so
        the next requests are signed at once (with a fresh nonce count each).
        """
        if self.user is None:
            return None
        scheme, _, rest = challenge.strip().partition(" ")
        if scheme.lower() == "digest":
            items = urllib.request.parse_keqv_list(urllib.request.parse_http_list(rest))
            if items.get("algorithm", "MD5").upper() != "MD5" or "nonce" not in items:
                return None
            self._digest, self._count = items, 0
            return self._sign(method, url)
        self._basic = True
        return self._basic_value()

    def _basic_value(self) -> str:
        token = base64.b64encode(f"{self.user}:{self.password}".encode()).decode("ascii")
        return f"Basic {token}"

    def _sign(self, method: str, url: str) -> str:
        """RFC 7616 Digest with MD5 (what Virtuoso offers), qop=auth when the server asks."""
        assert self._digest is not None and self.user is not None
        challenge = self._digest
        parts = urllib.parse.urlsplit(url)
        uri = parts.path + (f"?{parts.query}" if parts.query else "")
        realm, nonce = challenge.get("realm", ""), challenge["nonce"]
        ha1 = _md5(f"{self.user}:{realm}:{self.password}")
        ha2 = _md5(f"{method}:{uri}")
        fields = {"username": self.user, "realm": realm, "nonce": nonce, "uri": uri}
        qops = [q.strip() for q in challenge.get("qop", "").split(",") if q.strip()]
        if "auth" in qops:
            with self._lock:  # pushes sign from several threads; each count once
                self._count += 1
                nc = f"{self._count:08x}"
            cnonce = secrets.token_hex(8)
            fields["response"] = _md5(f"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}")
            fields.update(qop="auth", nc=nc, cnonce=cnonce)
        else:
            fields["response"] = _md5(f"{ha1}:{nonce}:{ha2}")
        if "opaque" in challenge:
            fields["opaque"] = challenge["opaque"]
        fields["algorithm"] = "MD5"
        unquoted = {"qop", "nc", "algorithm"}
        return "Digest " + ", ".join(
            f"{k}={v}" if k in unquoted else f'{k}="{v}"' for k, v in fields.items()
        )
