"""A recommender that suggests no claims: the article's names, for annotating by hand.

``relgraph draft --recommender names`` writes the article (text, captions,
metadata) with the registry's mentions found and names that nearly spell a
registry name reported as "did you mean", but proposes no roles, claims or new
entities: for a curator who annotates a page from scratch and wants no
suggestions to clear first. It reads only the package's face and the corpus
layer, never the rule engine: it is also the proof that a second recommender
plugs in through the interface alone.
"""

from __future__ import annotations

from relgraph.corpus.names import tokenize
from relgraph.corpus.registry import Registry
from relgraph.draft import ArticleText, NearMiss, Suggestions


class NamesOnly:
    """The registry's names in the article; nothing else suggested."""

    name = "names"

    def suggest(self, article: ArticleText, registry: Registry) -> Suggestions:
        mentioned: set[str] = set()
        misses: list[NearMiss] = []
        for document in (article.text, *article.captions):
            found = registry.find_mentions(document)
            mentioned.update(m.entity for m in found)
            misses.extend(_near_misses(document, {m.start for m in found}, registry))
        return Suggestions((), (), (), tuple(misses), tuple(sorted(mentioned)))


def _near_misses(text: str, linked: set[int], registry: Registry) -> list[NearMiss]:
    """Two or three capitalised words in a row that nearly spell a registry name."""
    tokens = tokenize(text)
    found: list[NearMiss] = []
    i = 0
    while i < len(tokens):
        i += 1
        if tokens[i - 1].start in linked or not tokens[i - 1].capital:
            continue
        for n in (3, 2):
            window = tokens[i - 1 : i - 1 + n]
            if len(window) < n or not all(t.capital for t in window):
                continue
            if any(t.start in linked for t in window):
                continue
            surface = text[window[0].start : window[-1].end]
            near = registry.names.closest(surface)
            if near is not None and registry.by_name(surface) is None:
                found.append(NearMiss(surface, near[0].entity, near[0].text, window[0].start))
                i += n - 1
                break
    return found
