"""The syntactic layer: part-of-speech tags and chunks of a sentence, with offsets.

The tagger and chunker are the pattern-based ones shipped inside textblob's wheel
(``textblob.en``: a Brill-style lexicon and rules, no model or corpus downloaded;
bench/DRAFT.md says why this library and not another). Words are cut here, so
every word keeps its character offsets in the article; textblob only tags and
chunks them.

On top of the chunks, the few structures the claim rules ask about:

- **asides**: stretches that do not hold the clause's subject or its verb's
  arguments: a relative clause (", who is in Russia to …,"), a participial
  phrase (", speaking at the G20 summit,"), an apposition after a name
  (", Russia's top diplomat,"), a parenthesis;
- **the preposition** that heads the phrase a name sits in ("in Moscow": a
  place of the event, never an argument; "with Lavrov": a party; "by Kim": the
  agent of a passive);
- **passive verb groups** ("was received", "were signed").
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(
    r"\b(?:St|Mr|Mrs|Ms|Dr|Gen|Lt|Col|Sen|Rep|Gov|Prof|Adm|Jr|Sr|Jan|Feb|Mar|Apr|Aug|Sept?|"
    r"Oct|Nov|Dec)\.(?=\s+[A-Z0-9])|(?:[A-Za-z]\.){2,}|\w+(?:[-’']\w+)*(?<![’']s)(?<!['’])|['’]s\b|[^\w\s]"
)
_BE_PASSIVE = frozenset(["is", "are", "was", "were", "be", "been", "being"])
_RELATIVE = frozenset(["who", "whom", "whose", "which", "where", "when"])
#: words tagged IN that open a clause, not a prepositional phrase
_SUBORDINATORS = frozenset(
    ["that", "whether", "if", "because", "although", "though", "while", "as", "since", "than"]
)


@dataclass(frozen=True)
class Word:
    text: str
    start: int
    end: int
    tag: str  # Penn Treebank tag: NNP, VBD, IN, …
    chunk: str  # NP, VP, PP, ADJP, ADVP, PRT, or "" outside any chunk
    begins: bool  # the first word of its chunk


@dataclass(frozen=True)
class Parse:
    words: tuple[Word, ...]

    def at(self, offset: int) -> int | None:
        """The index of the word that holds ``offset``."""
        for k, w in enumerate(self.words):
            if w.start <= offset < w.end:
                return k
        return None

    def preposition_of(self, offset: int) -> str | None:
        """The preposition heading the phrase that holds ``offset`` ("in", "with", "by"),
        or None when the word is not inside a prepositional phrase.

        The walk goes back to the start of the noun phrase, past a possessive owner
        ("of Moscow's campaign") and past "of" inside a title ("with Minister of
        Foreign Affairs of Russia Sergei Lavrov"), and reads the word before it.
        """
        words = self.words
        k = self.at(offset)
        while k is not None:
            while k > 0 and words[k].chunk == "NP" and not words[k].begins:
                k -= 1
            j = k - 1
            if j >= 0 and words[j].tag == "POS":
                k = j - 1 if j > 0 else None
                continue
            if j < 0 or words[j].tag not in ("IN", "TO") or words[j].chunk not in ("PP", ""):
                return None
            lower = words[j].text.lower()
            if lower == "of" and j > 0 and words[j - 1].text[:1].isupper():
                k = j - 1  # "Minister of Foreign Affairs of Russia Sergei Lavrov": a title
                continue
            return None if lower in _SUBORDINATORS else lower
        return None

    def passive_at(self, offset: int) -> bool:
        """Is the verb at ``offset`` a passive participle ("was received", "has been
        received", "were formally signed")?"""
        k = self.at(offset)
        if k is None or self.words[k].tag not in ("VBN", "VBD"):
            return False
        for j in range(k - 1, max(-1, k - 4), -1):
            word = self.words[j]
            if word.text.lower() in _BE_PASSIVE:
                return True
            if word.tag not in ("RB", "RBR", "VBN", "VBD") or word.chunk == "NP":
                return False
        return False

    def asides(self) -> list[tuple[int, int]]:
        """Character spans of relative clauses, participial phrases, appositions and
        parentheses: no subject of the main verb is inside one."""
        found: list[tuple[int, int]] = []
        words = self.words
        for k, w in enumerate(words):
            if w.text == "(":
                close = next((j for j in range(k + 1, len(words)) if words[j].text == ")"), None)
                if close is not None:
                    found.append((w.start, words[close].end))
            if w.text != "," or k + 1 >= len(words):
                continue
            nxt = words[k + 1]
            end = _aside_end(words, k + 1)
            if nxt.text.lower() in _RELATIVE:
                found.append((w.start, end))
            elif (
                nxt.tag in ("VBG", "VBN")
                and k > 0
                and words[k - 1].chunk == "NP"
                and _verb_after(words, end)
            ):
                found.append((w.start, end))  # ", speaking at …, urged", ", accompanied by …,"
            elif (
                k > 0
                and words[k - 1].tag == "NNP"
                and nxt.chunk == "NP"
                and end < words[-1].end
                and _closing_comma(words, k + 1)
                and not any(x.chunk == "VP" for x in words[k + 1 : _index(words, end)])
            ):
                found.append((w.start, end))  # "Sergei Lavrov, Russia's top diplomat, was"
        return found


def _verb_after(words: Sequence[Word], end: int) -> bool:
    """Is there a finite verb after ``end``, the main verb the aside stands before?"""
    return any(w.tag in ("VBD", "VBZ", "VBP", "MD") for w in words if w.start >= end)


def _index(words: Sequence[Word], end: int) -> int:
    return next((j for j, w in enumerate(words) if w.start >= end), len(words))


def _closing_comma(words: Sequence[Word], k: int) -> bool:
    return any(w.text == "," for w in words[k:])


def _aside_end(words: Sequence[Word], k: int) -> int:
    """Where an aside opened at word ``k`` ends: at the next comma, dash or the end."""
    for j in range(k, len(words)):
        if words[j].text in (",", "—", "–", ";", ")"):
            return words[j].start
    return words[-1].end


def _tagged(tokens: tuple[str, ...]) -> list[list[str]]:
    with warnings.catch_warnings():
        # textblob reads its lexicon through an unclosed file on first use, and
        # newer Pythons warn about escapes in its sources: its business, not ours
        warnings.simplefilter("ignore", ResourceWarning)
        warnings.simplefilter("ignore", SyntaxWarning)
        warnings.simplefilter("ignore", DeprecationWarning)
        from textblob.en import parser  # start-up time: only a draft needs it

        tags = parser.find_tags(list(tokens))
        chunks: list[list[str]] = parser.find_chunks(tags)
    return chunks


@lru_cache(maxsize=256)
def parse(text: str, offset: int = 0) -> Parse:
    """Tags and chunks of ``text`` (one sentence), with offsets shifted by ``offset``."""
    spans = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    if not spans:
        return Parse(())
    tokens = tuple(text[a:b] for a, b in spans)
    rows = _tagged(tokens)
    words = []
    for (a, b), row in zip(spans, rows, strict=True):
        chunk = row[2] if len(row) > 2 else "O"
        kind = "" if chunk == "O" else chunk[2:]
        words.append(Word(text[a:b], offset + a, offset + b, row[1], kind, chunk.startswith("B-")))
    return Parse(tuple(words))
