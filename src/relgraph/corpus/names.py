"""The one name matcher: where a text names a registry entity.

Drafting, the annotation page and ``check`` all find names here, so the reviewer
is shown exactly the mentions the drafter used. Names are compared as token
sequences after folding case, diacritics, curly quotes, hyphens and possessives,
so "Kim Jong-un", "Kim Jong Un's" and "KIM JONG UN" are one name. A name written
with capitals in the registry needs a capital in the text ("US" is not "us"), and
a short all-capital alias needs all capitals. A person named once in full may
then be called by surname alone ("Lavrov said"); that surname goes to the
nearest person named before it. A name that nearly spells a known one is offered
as "did you mean" (:meth:`Names.closest`), never linked silently.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from relgraph.core.model import Entity
from relgraph.corpus.cores import core_name

KOREAN_SURNAMES = frozenset(
    [
        "kim",
        "lee",
        "ri",
        "park",
        "pak",
        "choe",
        "choi",
        "jang",
        "jong",
        "jung",
        "kang",
        "cho",
        "jo",
        "yun",
        "yoon",
        "han",
        "paek",
        "baek",
        "moon",
        "mun",
        "ro",
        "roh",
        "noh",
        "hwang",
        "ahn",
        "an",
        "song",
        "hong",
        "o",
        "oh",
        "ko",
        "go",
        "yang",
    ]
)


@dataclass(frozen=True)
class Token:
    """A word of the text, folded, with its offsets and how it is capitalised."""

    key: str  # folded form
    start: int
    end: int
    capital: bool  # first letter upper-case in the text
    upper: bool  # all letters upper-case in the text


@dataclass(frozen=True)
class Mention:
    """A span of text that names a registry entity."""

    entity: str
    start: int
    end: int
    surface: str
    score: float = 1.0  # 1 for an exact name, lower for a near-miss spelling


#: the least rapidfuzz ratio (0-100) at which a name is taken for a near-miss of a known one
NEAR_MISS = 88.0

_TOKEN = re.compile(r"(?:[^\W\d_]\.){2,}|[^\W_]+", re.UNICODE)


def fold(text: str) -> str:
    """Case, diacritics and dotted abbreviations folded: ``U.S.`` -> ``us``."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return plain.replace(".", "").casefold()


@lru_cache(maxsize=16)
def tokenize(text: str) -> tuple[Token, ...]:
    """Word tokens with offsets; hyphens and apostrophes split words (``Jong-un`` = 2)."""
    tokens = []
    for m in _TOKEN.finditer(text):
        word = m.group()
        letters = [c for c in word if c.isalpha()]
        tokens.append(
            Token(
                fold(word),
                m.start(),
                m.end(),
                bool(letters) and letters[0].isupper(),
                bool(letters) and all(c.isupper() for c in letters),
            )
        )
    return tuple(tokens)


def name_keys(name: str) -> tuple[str, ...]:
    keys = [t.key for t in tokenize(name)]
    while len(keys) > 1 and keys[-1] == "s" and ("'" in name or "’" in name):
        keys.pop()  # a possessive written into an alias
    return tuple(keys)


@dataclass(frozen=True)
class Name:
    """One name of an entity as the matcher compares it."""

    entity: str
    keys: tuple[str, ...]
    text: str
    needs_capital: bool
    needs_upper: bool
    #: a Topic's or Project's lower-case core ("gas pipeline") counts only in lower case
    needs_lower: bool = False


class Names:
    """Every name and alias of a set of entities, indexed for matching in text.

    Built once per registry (:attr:`relgraph.corpus.registry.Registry.names`).
    """

    def __init__(self, entities: Iterable[Entity]) -> None:
        self.entities: dict[str, Entity] = {}
        for e in entities:
            self.entities.setdefault(e.id, e)
        self.names: dict[tuple[str, ...], list[Name]] = {}
        for entity in self.entities.values():
            for name in entity.names:
                keys = name_keys(name)
                if not keys:
                    continue
                letters = [c for c in name if c.isalpha()]
                upper = all(c.isupper() for c in letters) and len(letters) <= 5
                words = name.split()
                # "Six-party talks" is written in sentence case: it may start a sentence
                # or sit inside one uncapitalised; "Lavrov" or "Kim Jong Un" may not.
                capital = (len(words) == 1 and name[:1].isupper()) or any(
                    c.isupper() for w in words[1:] for c in w
                )
                item = Name(entity.id, keys, name, capital, upper)
                self.names.setdefault(keys, []).append(item)
        self._add_cores()
        self.longest = max((len(k) for k in self.names), default=1)
        #: first token of a name -> the most tokens a name starting with it has
        self.first: dict[str, int] = {}
        for keys in self.names:
            self.first[keys[0]] = max(self.first.get(keys[0], 0), len(keys))
        self._by_name: dict[str, str | None] = {}
        self._choice_cache: dict[str, Name] | None = None
        self._prefix_cache: frozenset[tuple[str, ...]] | None = None
        self.surnames: dict[str, set[str]] = {}
        for entity in self.entities.values():
            if entity.type != "Person":
                continue
            for name in entity.names:
                keys = name_keys(name)
                if len(keys) >= 2:
                    korean = keys[0] in KOREAN_SURNAMES and len(keys) >= 3
                    self.surnames.setdefault(keys[0] if korean else keys[-1], set()).add(entity.id)

    def _add_cores(self) -> None:
        """Lower-case cores of Topic and Project names, when one entity alone has it."""
        cores: dict[tuple[str, ...], set[str]] = {}
        for entity in self.entities.values():
            if entity.type in ("Topic", "Project"):
                for name in entity.names:
                    core = core_name(name)
                    if core:
                        cores.setdefault(name_keys(core), set()).add(entity.id)
        for keys, owners in sorted(cores.items()):
            if len(owners) == 1 and keys not in self.names:
                entity_id = next(iter(owners))
                self.names[keys] = [Name(entity_id, keys, " ".join(keys), False, False, True)]

    def by_name(self, name: str) -> str | None:
        """The entity one of whose names is ``name`` (folded), or None."""
        if name not in self._by_name:
            found = self.names.get(name_keys(name))
            self._by_name[name] = found[0].entity if found else None
        return self._by_name[name]

    def find(self, text: str) -> list[Mention]:
        """Every name of these entities in ``text`` (see :func:`find_mentions`)."""
        return find_mentions(text, self)

    def closest(self, name: str, cutoff: float = NEAR_MISS) -> tuple[Name, float] | None:
        """The capitalised name of two or more words that ``name`` nearly spells, if any.

        "Sergey Lavrof" -> ("Sergei Lavrov", 0.92): a typo or a transliteration,
        offered as "did you mean"; the word count must agree, so a longer name
        that merely contains a known one is not taken for it.
        """
        from rapidfuzz import fuzz, process  # only drafting and hints ask; check starts fast

        keys = " ".join(name_keys(name))
        choices = self._choices
        if not keys or not choices:
            return None
        hit = process.extractOne(keys, list(choices), scorer=fuzz.ratio)
        if hit is None or hit[1] < cutoff or len(hit[0].split()) != len(keys.split()):
            return None
        return choices[hit[0]], round(hit[1] / 100, 2)

    @property
    def prefixes(self) -> frozenset[tuple[str, ...]]:
        """Every name cut short ("Trans-Siberian" of "Trans-Siberian Railway"), folded.

        Such a run names a known entity loosely; it is never a new one.
        """
        if self._prefix_cache is None:
            self._prefix_cache = frozenset(
                keys[:n] for keys in self.names for n in range(1, len(keys))
            )
        return self._prefix_cache

    @property
    def _choices(self) -> dict[str, Name]:
        if self._choice_cache is None:
            self._choice_cache = {
                " ".join(keys): names[0]
                for keys, names in self.names.items()
                if len(keys) >= 2 and names[0].needs_capital
            }
        return self._choice_cache


def _fits(name: Name, tokens: Sequence[Token]) -> bool:
    if name.needs_lower:
        return not any(t.capital for t in tokens[1:]) and not tokens[0].upper
    if name.needs_upper:
        return all(t.upper for t in tokens)
    if name.needs_capital:
        return tokens[0].capital
    return True


def find_mentions(text: str, registry: Names) -> list[Mention]:
    """Every registry name in ``text``, longest match first, then surnames of people named."""
    tokens = tokenize(text)
    mentions: list[Mention] = []
    taken = [False] * len(tokens)
    # a name does not run across a sentence or a parenthesis
    close = [tokens[k + 1].start - tokens[k].end <= 3 for k in range(len(tokens) - 1)]
    i = 0
    while i < len(tokens):
        longest = registry.first.get(tokens[i].key, 0)
        for n in range(min(longest, len(tokens) - i), 0, -1):
            if not all(close[i : i + n - 1]):
                continue
            window = tokens[i : i + n]
            candidates = [
                c for c in registry.names.get(tuple(t.key for t in window), ()) if _fits(c, window)
            ]
            if candidates and n == 1 and _continues(text, tokens, i):
                candidates = [c for c in candidates if registry.entities[c.entity].type != "Person"]
            if candidates:
                start, end = window[0].start, window[-1].end
                mentions.append(Mention(candidates[0].entity, start, end, text[start:end]))
                for k in range(i, i + n):
                    taken[k] = True
                i += n
                break
        else:
            i += 1
    return _add_surnames(text, tokens, taken, mentions, registry)


def _continues(text: str, tokens: Sequence[Token], i: int) -> bool:
    """The name goes on: "Choe Son-hui" is not "Choe" (a surname alias) and more."""
    if i + 1 >= len(tokens) or not tokens[i + 1].capital:
        return False
    return text[tokens[i].end : tokens[i + 1].start] in (" ", "-")


def _sentence_start(text: str, at: int) -> bool:
    before = text[:at].rstrip(" \"“'‘(")
    return not before or before[-1] in ".!?\n"


def _add_surnames(
    text: str,
    tokens: Sequence[Token],
    taken: list[bool],
    mentions: list[Mention],
    registry: Names,
) -> list[Mention]:
    """A capitalised surname alone is the nearest person named before it with that surname."""
    found = list(mentions)
    ordered = sorted(mentions, key=lambda m: m.end)
    last_end: dict[str, int] = {}  # person -> end of the latest mention before this token
    k = 0
    for i, token in enumerate(tokens):
        while k < len(ordered) and ordered[k].end <= token.start:
            last_end[ordered[k].entity] = ordered[k].end
            k += 1
        if taken[i] or not token.capital or token.key not in registry.surnames:
            continue
        if i + 1 < len(tokens) and tokens[i + 1].capital and tokens[i + 1].start - token.end <= 1:
            continue  # part of a longer name the registry does not know
        if (
            i
            and not taken[i - 1]
            and tokens[i - 1].capital
            and token.start - tokens[i - 1].end == 1
            and text[tokens[i - 1].start : token.start].strip().isalpha()
        ) and not _sentence_start(text, tokens[i - 1].start):
            continue  # "Sung Kim": the end of a longer name
        people = registry.surnames[token.key]
        before = [p for p in people if p in last_end]
        if before:
            entity = max(before, key=lambda p: last_end[p])
        elif len(people) == 1:
            entity = next(iter(people))
        else:
            continue
        found.append(Mention(entity, token.start, token.end, text[token.start : token.end], 0.9))
        last_end[entity] = token.end
    return sorted(found, key=lambda m: (m.start, m.end))


def slug(name: str) -> str:
    """An entity id from a name: ``Ri Yong-ho`` -> ``ri_yong_ho``.

    A possessive at the end goes ("Kim Jong-un's" -> ``kim_jong_un``), one inside
    the name is kept as part of its word ("People's Assembly" -> ``peoples_assembly``).
    """
    plain = re.sub(r"['’]s?\s*$", "", fold(name).strip())
    s = re.sub(r"[^a-z0-9]+", "_", re.sub(r"(?<=\w)['’](?=\w)", "", plain)).strip("_")
    return s if s and s[0].isalpha() else f"e_{s}"
