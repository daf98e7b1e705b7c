"""Where a store is: local paths and remote locations, and a build directory's layout.

Pure path logic, below the settings (``config``) and the stores that use it, so that
neither needs to import the other to tell a remote location from a local one.
"""

from __future__ import annotations

from pathlib import Path

from relgraph.core.errors import StoreError

DEFAULT_STORE = Path(".relgraph") / "store"
ENV_STORE = "RELGRAPH_STORE"


def is_remote(location: str | Path) -> bool:
    return str(location).startswith(("http://", "https://"))


def local_path(location: str | Path) -> Path:
    """The path of a local store location, refusing remote ones for now."""
    if is_remote(location):
        raise StoreError(
            f"remote stores are not supported yet: {location}",
            hint="give a directory path with --store",
        )
    return Path(location)


DATABASE = "oxigraph"


def builds_dir(target: Path) -> Path:
    return target.parent / f".{target.name}.builds"


def database_dir(build: Path) -> Path:
    """Where a build directory keeps its Oxigraph database."""
    return build / DATABASE


__all__ = [
    "DATABASE",
    "DEFAULT_STORE",
    "ENV_STORE",
    "builds_dir",
    "database_dir",
    "is_remote",
    "local_path",
]
