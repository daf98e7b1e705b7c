"""The draft modules' names for the one registry and the one name matcher.

Matching lives in :mod:`relgraph.corpus.names` and the registry in
:mod:`relgraph.corpus.registry`, shared with ``relgraph annotate`` and ``check``;
the suggestion types live at the package's face (:mod:`relgraph.draft`). This
module only gathers them under the names the rule modules import.
"""

from __future__ import annotations

from relgraph.corpus.names import KOREAN_SURNAMES, Mention, Token, fold, slug, tokenize
from relgraph.corpus.registry import Registry
from relgraph.draft import NearMiss, Stub


def find_mentions(text: str, registry: Registry) -> list[Mention]:
    """Every registry name in ``text``: the one matcher, as annotate's page shows it."""
    return registry.find_mentions(text)


__all__ = [
    "KOREAN_SURNAMES",
    "Mention",
    "NearMiss",
    "Registry",
    "Stub",
    "Token",
    "find_mentions",
    "fold",
    "slug",
    "tokenize",
]
