"""What a build was made from: content hashes that make rebuilds incremental.

Each build directory holds a ``manifest.json`` beside its database: the hash of
every article file, of the entity registry, and of what turns them into quads
(the ontology and the mapping code). A rebuild compares hashes: if only articles
differ, only their named graphs are replaced; anything else means a full build.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path

from relgraph import __version__

MANIFEST = "manifest.json"


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def code_hash() -> str:
    """Hash of everything that decides the quads besides the corpus itself."""
    from relgraph.rdf import mapping
    from relgraph.vocab import ontology_bytes

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

    def dumps(self) -> str:
        doc = {
            "code": self.code,
            "registry": self.registry,
            "articles": self.articles,
            "quads": self.quads,
        }
        return json.dumps(doc, indent=0, sort_keys=True) + "\n"

    @classmethod
    def load(cls, path: Path) -> Manifest | None:
        try:
            doc = json.loads(path.read_text(encoding="utf-8"))
            return cls(
                str(doc["code"]), str(doc["registry"]), dict(doc["articles"]), int(doc["quads"])
            )
        except (OSError, ValueError, KeyError, TypeError):
            return None


def article_files(root: Path) -> dict[str, Path]:
    folder = root / "articles"
    files = sorted(folder.glob("*.yaml")) + sorted(folder.glob("*.yml"))
    return {p.stem: p for p in files}


def current(root: Path) -> Manifest:
    """The manifest the corpus at ``root`` would have now."""
    registry = root / "entities.yaml"
    return Manifest(
        code=code_hash(),
        registry=file_hash(registry) if registry.is_file() else "",
        articles={name: file_hash(p) for name, p in article_files(root).items()},
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
