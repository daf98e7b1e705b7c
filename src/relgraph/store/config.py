"""The project's settings file, ``relgraph.toml``: where the store is, and how a server is laid out.

A team that moves to a SPARQL server writes its address once instead of
passing ``--store`` to every command. Servers also differ in where their
endpoints are: Oxigraph and Fuseki answer queries at ``<base>/query``,
updates at ``<base>/update`` and the Graph Store Protocol at ``<base>/store``,
GraphDB and Virtuoso elsewhere, and ``relgraph serve`` answers queries at
``/sparql`` only. The ``[store]`` table says where, relative to the store
location (or as full URLs)::

    [store]
    location = "http://127.0.0.1:7200/repositories/relgraph"
    query = ""                       # the location itself
    update = "statements"
    graph-store = "rdf-graphs/service"

The file is ``relgraph.toml`` in the current directory, or the one named by
``$RELGRAPH_CONFIG``; a folder it names as the location is relative to the
file. ``--store`` and ``$RELGRAPH_STORE`` override its location; its endpoint
layout applies to whichever server the location names.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from relgraph.core.errors import RelgraphError
from relgraph.store.location import is_remote

CONFIG_FILE = "relgraph.toml"
ENV_CONFIG = "RELGRAPH_CONFIG"
_KEYS = {"location", "query", "update", "graph-store"}


class ConfigError(RelgraphError):
    """The settings file cannot be read or says something relgraph does not know."""


@dataclass(frozen=True)
class Endpoints:
    """Where a server's endpoints are, relative to its base URL (or absolute)."""

    query: str = "query"
    update: str = "update"
    graph_store: str = "store"

    def resolve(self, base: str) -> tuple[str, str, str]:
        """The query, update and Graph Store URLs of the server at ``base``."""
        return (_join(base, self.query), _join(base, self.update), _join(base, self.graph_store))


@dataclass(frozen=True)
class Config:
    path: Path | None = None  # the file read, if any
    location: str | None = None
    endpoints: Endpoints = field(default_factory=Endpoints)


def _join(base: str, endpoint: str) -> str:
    if is_remote(endpoint):
        return endpoint
    base = base.rstrip("/")
    return f"{base}/{endpoint.lstrip('/')}" if endpoint.strip("/") else base


def _line_of(text: str, key: str) -> int:
    for number, line in enumerate(text.splitlines(), start=1):
        # a key (key = …) or a table header ([key])
        if re.match(rf"\s*\[?\s*[\"']?{re.escape(key)}[\"']?\s*[=\]]", line):
            return number
    return 0


def read_config(path: Path) -> Config:
    """Read one settings file; ``ConfigError`` names the line to fix."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read settings file: {exc}", path) from None
    try:
        doc = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        message = re.sub(r"\s*\(at line \d+, column \d+\)", "", str(exc))
        line = int(found.group(1)) if found else 0
        raise ConfigError(f"invalid TOML: {message}", path, line) from None
    for table in doc:
        if table != "store":
            raise ConfigError(
                f"unknown setting {table!r}", path, _line_of(text, table), hint="only [store]"
            )
    store = doc.get("store", {})
    if not isinstance(store, dict):
        raise ConfigError("'store' must be a table: [store]", path, _line_of(text, "store"))
    for key, value in store.items():
        if key not in _KEYS:
            known = ", ".join(sorted(_KEYS))
            raise ConfigError(
                f"unknown setting {key!r} in [store]", path, _line_of(text, key), hint=known
            )
        if not isinstance(value, str):
            raise ConfigError(
                f"{key!r} must be a quoted string", path, _line_of(text, key), hint=f'{key} = "…"'
            )
    defaults = Endpoints()
    endpoints = Endpoints(
        store.get("query", defaults.query),
        store.get("update", defaults.update),
        store.get("graph-store", defaults.graph_store),
    )
    location = store.get("location") or None
    if location and not is_remote(location):
        location = str(path.parent / location)  # a folder is relative to the file naming it
    return Config(path, location, endpoints)


def load_config() -> Config:
    """The settings in force: ``$RELGRAPH_CONFIG``'s file, else ``./relgraph.toml``, else none."""
    named = os.environ.get(ENV_CONFIG)
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"settings file not found (named by ${ENV_CONFIG})", path)
        return read_config(path)
    path = Path(CONFIG_FILE)
    return read_config(path) if path.is_file() else Config()
