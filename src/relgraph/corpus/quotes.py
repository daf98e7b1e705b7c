"""Find a verbatim quote in an article's text and photo captions.

A quote must occur exactly once across the text and the captions together, so a
reader can always tell which sentence a statement rests on.

Cost: locating a quote is one scan of each source (``str.find`` from the start,
then from just after the match; never ``count`` plus ``index``), and a quote
written twice is searched once. The "where does it diverge" diagnostic costs
about log2(len(quote)) scans more; it was what made a 7 MB article with 900
failing 4 KB quotes take a minute to check, so only the first ``DIAGNOSED``
failing quotes of an article get it, the others a plain hint.
"""

from __future__ import annotations

from collections import Counter

from relgraph.core.model import Evidence

DIAGNOSED = 20  # failing quotes per article that get the divergence hint
_CONTEXT = 25
GRAM = 8  # characters per indexed gram
STEP = 8  # one indexed gram every STEP positions
INDEX_FROM = 65_536  # characters: a shorter source is scanned
INDEX_AFTER = 32  # quotes searched before a long source gets an index
CROWDED = 256  # starts of one gram beyond which the index cannot narrow a search


class GramIndex:
    """Where the grams at every ``STEP``-th position of a long text start.

    Any occurrence of a quote of ``GRAM + STEP - 1`` characters or more covers
    an indexed position ``x + j``, and the quote's gram at offset ``j`` (or at
    ``j + STEP``, ``j + 2 * STEP``, ...) is the one indexed there. So looking
    up one gram per residue ``j`` finds every occurrence, each checked with
    one ``startswith``: a search costs about the quote's length, not the
    text's. Built once per long text, in one pass over it.
    """

    def __init__(self, source: str) -> None:
        self.source = source
        positions = range(0, len(source) - GRAM + 1, STEP)
        grams = [source[at : at + GRAM] for at in positions]
        # Built by C loops (dict, Counter); Python only visits repeated grams.
        self.first: dict[str, int] = dict(zip(reversed(grams), reversed(positions), strict=True))
        self.more: dict[str, list[int]] = {}
        if len(self.first) < len(grams):
            repeated = {g for g, n in Counter(grams).items() if n > 1}
            for at, gram in zip(positions, grams, strict=True):
                if gram in repeated:
                    self.more.setdefault(gram, []).append(at)

    def starts(self, gram: str) -> list[int]:
        found = self.more.get(gram)
        if found is not None:
            return found
        at = self.first.get(gram)
        return [] if at is None else [at]

    def find(self, quote: str) -> list[int] | None:
        """Every start of ``quote``, ascending; None when only a scan can tell."""
        if len(quote) < GRAM + STEP - 1:
            return None
        found: list[int] = []
        for j in range(STEP):
            best: list[int] | None = None
            best_offset = j
            for offset in range(j, len(quote) - GRAM + 1, STEP):
                starts = self.starts(quote[offset : offset + GRAM])
                if best is None or len(starts) < len(best):
                    best, best_offset = starts, offset
                if len(starts) <= 1:
                    break
            if not best:
                continue
            if len(best) > CROWDED:
                return None
            for at in best:
                x = at - best_offset
                if x >= 0 and self.source.startswith(quote, x):
                    found.append(x)
        return sorted(found)


class QuoteFinder:
    """Locates quotes in one article's sources: the text, then each caption."""

    def __init__(self, text: str, captions: tuple[str, ...] = ()) -> None:
        self.sources: tuple[tuple[int | None, str], ...] = (
            (None, text),
            *enumerate(captions),
        )
        self.diagnosed = 0
        self._seen: dict[str, tuple[Evidence | None, str, str]] = {}
        self._indexes: dict[int | None, GramIndex] = {}

    def locate(self, quote: str) -> tuple[Evidence | None, str, str]:
        """The evidence for ``quote``; else None, the problem and a hint.

        A quote written twice is searched once (a claim and a role often share one).
        """
        key = str(quote)
        if key not in self._seen:
            self._seen[key] = self._locate(key)
        return self._seen[key]

    def _locate(self, quote: str) -> tuple[Evidence | None, str, str]:
        counts: list[int] = []
        found: Evidence | None = None
        for index, source in self.sources:
            starts = self._starts(index, source, quote)
            counts.append(len(starts))
            if len(starts) == 1:
                found = Evidence(str(quote), starts[0], starts[0] + len(quote), index)
        if sum(counts) == 1:
            return found, "", ""
        if sum(counts) > 1:
            return None, self._ambiguous(quote, counts), "lengthen it until it is unique"
        return None, self._missing(), self._divergence(quote)

    def _starts(self, index: int | None, source: str, quote: str) -> list[int]:
        """All starts of ``quote`` in ``source`` (index), or the first two (scan)."""
        grams = self._indexes.get(index)
        if grams is None and len(source) >= INDEX_FROM and len(self._seen) > INDEX_AFTER:
            grams = self._indexes[index] = GramIndex(source)
        if grams is not None:
            found = grams.find(quote)
            if found is not None:
                return found
        at = source.find(quote)
        if at < 0:
            return []
        again = source.find(quote, at + 1)
        return [at] if again < 0 else [at, again]

    def _ambiguous(self, quote: str, counts: list[int]) -> str:
        if any(n >= 2 for n in counts):  # a scan stops at two: count them all
            counts = [source.count(quote) for _, source in self.sources]
        where = "text" if sum(counts) == counts[0] else "text and captions"
        return f"quote occurs {sum(counts)} times in the {where}"

    def _missing(self) -> str:
        if len(self.sources) > 1:
            return "quote not found in the article text or captions"
        return "quote not found in the article text"

    def _divergence(self, quote: str) -> str:
        plain = "copy it verbatim from 'text'" + (" or 'captions'" if len(self.sources) > 1 else "")
        if self.diagnosed >= DIAGNOSED:
            return plain
        self.diagnosed += 1
        best, best_source, best_at = 0, "", 0
        for _, source in self.sources:
            length = _longest_prefix(source, quote)
            if length > best:
                best, best_source = length, source
                best_at = source.find(quote[:length])
        if best < 8:
            return plain
        return (
            f"the first {best} characters match; then the text has "
            f"{best_source[best_at + best : best_at + best + _CONTEXT]!r} "
            f"where the quote has {quote[best : best + _CONTEXT]!r}"
        )


def _longest_prefix(source: str, quote: str) -> int:
    """Length of the longest prefix of ``quote`` that occurs in ``source``.

    Binary search over prefix lengths: about log2(len(quote)) scans.
    """
    lo, hi = 0, len(quote)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if quote[:mid] in source:
            lo = mid
        else:
            hi = mid - 1
    return lo


def locate_quote(text: str, quote: str) -> tuple[Evidence | None, str, str]:
    """Find a quote in a text alone (kept for callers without captions)."""
    return QuoteFinder(text).locate(quote)
