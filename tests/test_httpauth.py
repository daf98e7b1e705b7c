"""Credentials: where they come from, Digest signing (RFC 2617's own example), redaction."""

from __future__ import annotations

import pytest

from relgraph.store import credentials as httpauth
from relgraph.store.credentials import Credentials, redact, split_credentials

CHALLENGE = (
    'Digest realm="testrealm@host.com", qop="auth,auth-int", '
    'nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093", opaque="5ccc069c403ebaf9f0171e9517f40e41"'
)


def test_digest_answer_is_rfc_2617s_example(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(httpauth.secrets, "token_hex", lambda n: "0a4f113b")
    credentials = Credentials("Mufasa", "Circle Of Life")
    answer = credentials.challenged(CHALLENGE, "GET", "http://host.com/dir/index.html")
    assert answer is not None and answer.startswith("Digest ")
    fields = dict(part.split("=", 1) for part in answer.removeprefix("Digest ").split(", "))
    assert fields["response"] == '"6629fae49393a05397450978507c4ef1"'
    assert (fields["nc"], fields["qop"], fields["uri"]) == ("00000001", "auth", '"/dir/index.html"')
    assert fields["opaque"] == '"5ccc069c403ebaf9f0171e9517f40e41"'
    # the challenge is kept: the next request is signed unasked, with the next count
    again = credentials.header("PUT", "http://host.com/store?graph=x")
    assert again is not None and "nc=00000002" in again and 'uri="/store?graph=x"' in again


def test_basic_when_asked_or_when_no_scheme_is_named() -> None:
    for challenge in ('Basic realm="x"', ""):
        credentials = Credentials("me", "pw")
        assert credentials.header("GET", "http://h/") is None  # nothing sent unasked
        assert credentials.challenged(challenge, "GET", "http://h/") == "Basic bWU6cHc="
        assert credentials.header("GET", "http://h/") == "Basic bWU6cHc="


def test_sources_url_then_environment_then_token(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (httpauth.ENV_USER, httpauth.ENV_PASSWORD, httpauth.ENV_TOKEN):
        monkeypatch.delenv(name, raising=False)
    assert Credentials.from_sources(None) is None
    monkeypatch.setenv(httpauth.ENV_TOKEN, "t0k")
    assert Credentials.from_sources(None) == Credentials(token="t0k")
    monkeypatch.setenv(httpauth.ENV_USER, "env-user")
    monkeypatch.setenv(httpauth.ENV_PASSWORD, "env-pw")
    assert Credentials.from_sources(None) == Credentials("env-user", "env-pw")
    assert Credentials.from_sources(("url-user", "url-pw")) == Credentials("url-user", "url-pw")
    assert "env-pw" not in repr(Credentials.from_sources(None))


@pytest.mark.parametrize(
    ("location", "shown"),
    [
        ("http://dba:dba@127.0.0.1:8890", "http://127.0.0.1:8890"),
        ("https://u:p%40ss@[::1]:8890/sparql?x=1", "https://[::1]:8890/sparql?x=1"),
        ("http://u:p@host:notaport/x", "http://host:notaport/x"),
        (".relgraph/store", ".relgraph/store"),
    ],
)
def test_redact(location: str, shown: str) -> None:
    assert redact(location) == shown


def test_split_credentials_unquotes() -> None:
    assert split_credentials("http://me:p%40ss@h:1/x") == ("http://h:1/x", ("me", "p@ss"))
    assert split_credentials("http://h/x") == ("http://h/x", None)
