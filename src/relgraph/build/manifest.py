"""What a build was made from: content hashes that make rebuilds incremental.

Each build directory holds a ``manifest.json`` beside its database: the hash of
every article file, of the entity registry, and of what turns them into quads
(the ontology and the mapping code). A rebuild compares hashes: if only articles
differ, only their named graphs are replaced; anything else means a full build.

Hashing means reading every article file, which at 10,000 articles was a
quarter of a one-article rebuild. So the manifest also keeps each file's
``stat`` signature (size, modification and change times, inode), as git's index
does, and a file whose signature is unchanged keeps its recorded hash unread.
Only files already *settled* when the manifest was taken (not touched in the
last ``SETTLE_NS``) get a signature: an edit in the same clock tick as the
recording could otherwise keep every field the same. Any write updates the
change time, which no tool can set back, so an edit that keeps the size and
restores the modification time is still seen. ``relgraph build --full`` ignores
all of this.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path

from relgraph import __version__
from relgraph.corpus.layout import ARTICLES, REGISTRY, article_names, article_paths
from relgraph.store.base import MANIFEST as RECORD

MANIFEST = RECORD  # beside each build's database; opening a store checks it
SETTLE_NS = 2_000_000_000  # coarser than any file system's time stamps (FAT: 2 s)
Signature = tuple[int, int, int, int]  # size, mtime_ns, ctime_ns, inode


def file_hash(path: str | Path) -> str:
    with open(path, "rb") as file:
        return hashlib.sha256(file.read()).hexdigest()


def code_hash() -> str:
    """Hash of everything that decides the quads besides the corpus itself."""
    from relgraph.rdf import mapping
    from relgraph.rdf.vocabulary import ontology_bytes

    digest = hashlib.sha256(__version__.encode())
    digest.update(ontology_bytes())
    digest.update(Path(mapping.__file__).read_bytes())
    return digest.hexdigest()


@dataclass(frozen=True)
class Manifest:
    code: str
    registry: str
    articles: dict[str, str] = field(default_factory=dict)
    quads: int = 0  # how many quads the build holds, so no rebuild has to count them
    stats: dict[str, Signature] = field(default_factory=dict)  # settled articles only
    #: :func:`relgraph.store.sample_digest` of the database ("" from older builds)
    digest: str = ""

    def dumps(self) -> str:
        doc = {
            "code": self.code,
            "registry": self.registry,
            "articles": self.articles,
            "quads": self.quads,
            "stats": {name: list(sig) for name, sig in self.stats.items()},
        }
        if self.digest:
            doc["digest"] = self.digest
        # Compact: with an indent, json encodes in Python (0.2 s at 10,000 articles).
        return json.dumps(doc, sort_keys=True, separators=(",", ":")) + "\n"

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        try:
            return cls.loads(path.read_text(encoding="utf-8"))
        except OSError:
            return None

    @classmethod
    def loads(cls, text: str) -> Manifest | None:
        """The manifest :meth:`dumps` wrote, or None for anything else."""
        try:
            doc = json.loads(text)
            stats = {str(k): _signature_of(v) for k, v in doc.get("stats", {}).items()}
            return cls(
                str(doc["code"]),
                str(doc["registry"]),
                dict(doc["articles"]),
                int(doc["quads"]),
                stats,
                str(doc.get("digest", "")),
            )
        except (ValueError, KeyError, TypeError, AttributeError):
            return None


def _signature_of(value: object) -> Signature:
    if not isinstance(value, list) or len(value) != 4:
        raise ValueError("a stat signature is four integers")
    size, mtime, ctime, inode = (int(v) for v in value)
    return size, mtime, ctime, inode


def article_files(root: Path) -> dict[str, Path]:
    return {p.stem: p for p in article_paths(root)}


def current(
    root: Path,
    previous: Manifest | None = None,
    settle_ns: int | None = None,
    include_suggested: bool = False,
) -> Manifest:
    """The manifest the corpus at ``root`` would have now.

    An article whose file has the signature ``previous`` recorded keeps the
    hash recorded with it; every other file is read and hashed. Whether
    suggestions are built in is part of ``code``: it decides the quads too.
    """
    taken = time.time_ns()
    settle_ns = SETTLE_NS if settle_ns is None else settle_ns
    known = previous.stats if previous is not None else {}
    hashes: dict[str, str] = {}
    stats: dict[str, Signature] = {}
    folder = str(root / ARTICLES)
    for filename in article_names(root):
        name, path = os.path.splitext(filename)[0], os.path.join(folder, filename)
        try:
            st = os.stat(path)
            signature = (st.st_size, st.st_mtime_ns, st.st_ctime_ns, st.st_ino)
            recorded = previous.articles.get(name) if previous is not None else None
            if recorded is not None and known.get(name) == signature:
                hashes[name] = recorded
            else:
                hashes[name] = file_hash(path)
        except OSError:  # gone or unreadable: "changed", and reading it will say why
            hashes[name] = ""
            continue
        if max(st.st_mtime_ns, st.st_ctime_ns) < taken - settle_ns:
            stats[name] = signature
    registry = root / REGISTRY
    return Manifest(
        code=code_hash() + ("+suggested" if include_suggested else ""),
        registry=file_hash(registry) if registry.is_file() else "",
        articles=hashes,
        stats=stats,
    )


@dataclass(frozen=True)
class Plan:
    """What an incremental build must do, or ``full`` when it cannot be incremental."""

    full: bool
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()

    @property
    def touched(self) -> tuple[str, ...]:
        return self.added + self.changed

    @property
    def nothing(self) -> bool:
        return not (self.full or self.added or self.changed or self.removed)


def plan(previous: Manifest | None, now: Manifest) -> Plan:
    if previous is None or previous.code != now.code or previous.registry != now.registry:
        return Plan(full=True)
    old, new = previous.articles, now.articles
    return Plan(
        full=False,
        added=tuple(sorted(set(new) - set(old))),
        changed=tuple(sorted(k for k in set(new) & set(old) if new[k] != old[k])),
        removed=tuple(sorted(set(old) - set(new))),
    )
