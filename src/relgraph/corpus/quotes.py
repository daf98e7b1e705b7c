"""Find a verbatim quote in an article's text and photo captions.

A quote must occur exactly once across the text and the captions together, so a
reader can always tell which sentence a statement rests on. Locating costs one
scan of each source per quote (``str.find``, never ``count`` plus ``index``);
the "where does it diverge" diagnostic costs a few scans more, so only the first
``DIAGNOSED`` failing quotes of an article get it: a hostile file with hundreds
of long wrong quotes must not cost hundreds of times the text's size squared.
"""

from __future__ import annotations

from relgraph.model import Evidence

DIAGNOSED = 20  # failing quotes per article that get the divergence hint
_CONTEXT = 25


class QuoteFinder:
    """Locates quotes in one article's sources: the text, then each caption."""

    def __init__(self, text: str, captions: tuple[str, ...] = ()) -> None:
        self.sources: tuple[tuple[int | None, str], ...] = (
            (None, text),
            *enumerate(captions),
        )
        self.diagnosed = 0

    def locate(self, quote: str) -> tuple[Evidence | None, str, str]:
        """The evidence for ``quote``; else None, the problem and a hint."""
        found: Evidence | None = None
        for index, source in self.sources:
            at = source.find(quote)
            if at < 0:
                continue
            again = source.find(quote, at + 1)
            if found is not None or again >= 0:
                return None, self._ambiguous(quote), "lengthen it until it is unique"
            found = Evidence(str(quote), at, at + len(quote), index)
        if found is not None:
            return found, "", ""
        return None, self._missing(), self._divergence(quote)

    def _ambiguous(self, quote: str) -> str:
        counts = [source.count(quote) for _, source in self.sources]
        where = "text" if sum(counts) == counts[0] else "text and captions"
        return f"quote occurs {sum(counts)} times in the {where}"

    def _missing(self) -> str:
        if len(self.sources) > 1:
            return "quote not found in the article text or captions"
        return "quote not found in the article text"

    def _divergence(self, quote: str) -> str:
        plain = "copy it verbatim from 'text' or 'captions'"
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
