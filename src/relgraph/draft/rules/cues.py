"""What a sentence says around a claim: who speaks, the status, the date, the clause,
which names only modify others ("US President Donald Trump"), which act together.

Small functions of the text and its mentions, shared by the claim rules
(:mod:`relgraph.draft.rules.claims`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache

from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft.lexicon import DEMONYMS, TITLE_WORDS
from relgraph.draft.rules.sentences import DateMention, Sentence
from relgraph.draft.rules.triggers import speech_alternation

ACTORS = ("Person", "Country", "Organization")


@cache
def _speaker_after() -> re.Pattern[str]:
    """ "X said", "X, the spokesman, told", "X also stressed"."""
    return re.compile(
        r"^(?:,[^,.;\"“”]{1,60},)?\s*(?:(?:also|later|then|further|again|earlier|previously)\s+)?"
        r"(?:(?:on\s+)?(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|today|yesterday)\s+)?"
        rf"(?:{speech_alternation()})\b"
    )


@cache
def _speaker_before() -> re.Pattern[str]:
    """ "according to X", "said X", "quoted X"."""
    return re.compile(
        rf"\b(?:[Aa]ccording to|{speech_alternation()}|cited|quoted)\s+(?:the\s+|an?\s+)?$"
    )


_ALLEGED = re.compile(r"\b(?:accus\w*|alleg\w*|claims?|claimed|suspected|reportedly)\b", re.I)
_DENIED = re.compile(r"\b(?:denied|denies|deny|not presented any evidence|no evidence)\b")
#: modality and future: what is wanted, due, planned or will happen
_PLANNED = re.compile(
    r"\b(?:will|would|shall|expected to|expects|is to|are to|was to|were to|plans? to|planned|"
    r"scheduled|due to|wants? to|wanted to|intends? to|hopes? to|is set to|are set to|"
    r"could start|should|to be held|next month|next week|next year|if implemented)\b"
)
PRONOUN = re.compile(r"^(?:He|She)\b")
PRONOUN_ANY = re.compile(r"\b(?:he|she|He|She)\b")
PASSIVE = re.compile(r"\s+by\s+(?:the\s+|an?\s+)?")
LIST_GAP = re.compile(r"^\s*(?:,|and|,\s*and)?\s*(?:the\s+)?$")


@cache
def pronoun_said() -> re.Pattern[str]:
    """'"…," he said', "the minister added": a saying by the person named before."""
    return re.compile(
        r"\b(?:he|she|He|She|[Tt]he (?:[A-Za-z-]+ ){0,2}(?:minister|ambassador|"
        r"spokes(?:man|woman|person)|envoy|diplomat|secretary))"
        rf"(?:,[^,]{{1,60}},)? (?:also )?(?:{speech_alternation()})\b"
    )


def speaker_of(sentence: Sentence, mentions: Sequence[Mention], registry: Registry) -> str | None:
    """Who the sentence quotes: "X said", "said X", "according to X", "X told"."""
    for m in mentions:
        if registry.type_of(m.entity) not in ACTORS:
            continue
        after = sentence.text[m.end - sentence.start :]
        before = sentence.text[: m.start - sentence.start]
        if _speaker_after().match(after) or _speaker_before().search(before):
            return m.entity
    return None


def status_of(text: str) -> str:
    if _DENIED.search(text):
        return "denied"
    if _ALLEGED.search(text):
        return "alleged"
    if _PLANNED.search(text):
        return "planned"
    return "asserted"


_OTHER_EVENT = re.compile(r"\b(?:after|before|since|following)\b")
_RELATIVE_CLAUSE = re.compile(r",\s+(?:who|which|whose|where)\b")


@cache
def _said_date() -> re.Pattern[str]:
    """ "X said Friday that …": the date of the saying."""
    return re.compile(rf"\b(?:told \w+|{speech_alternation()})\s+(?:on\s+|late\s+)?$")


def of_a_saying(date: DateMention, text: str) -> bool:
    """Is ``date`` the date of a saying ("said on Thursday", "told reporters Friday")?"""
    return bool(_said_date().search(text, max(0, date.start - 30), date.start))


def dated_saying(dates: Sequence[DateMention], at: int, text: str) -> bool:
    """ "The US said Friday that North Korea has sent …": the nearest date is the saying's."""
    if not dates:
        return False
    nearest = min(dates, key=lambda d: abs(d.start - at))
    return nearest.end <= at and bool(
        _said_date().search(text, max(0, nearest.start - 30), nearest.start)
    )


def claim_date(
    dates: Sequence[DateMention], at: int, published_iso: str, status: str, text: str
) -> str | None:
    if not dates:
        return None
    nearest = min(dates, key=lambda d: abs(d.start - at))
    if status == "planned" and nearest.ahead is not None:
        # "will meet on December 1" in a story of November 20: this year's
        nearest = DateMention(nearest.start, nearest.end, nearest.ahead, nearest.ahead)
    between = text[min(at, nearest.end) : max(at, nearest.start)]
    if status != "planned" and _RELATIVE_CLAUSE.search(between):
        return None  # "met X, who earlier this week gave …": that date is the clause's
    if nearest.start > at and _OTHER_EVENT.search(between):
        return None  # "… visit, and comes after the summit held in September": the summit's
    if nearest.iso > published_iso and status != "planned":
        return None  # a future date on a claim that did not say it was planned
    if status == "planned" and nearest.end <= at and CLAUSE_BREAK.search(text[nearest.end : at]):
        return None  # "On Tuesday, X announced that Y will meet Z": Tuesday is the announcement
    return nearest.value


def place_of(sentence: Sentence, mentions: Sequence[Mention], registry: Registry) -> str | None:
    for m in mentions:
        before = sentence.text[max(0, m.start - sentence.start - 4) : m.start - sentence.start]
        if registry.type_of(m.entity) == "Place" and before.endswith(("in ", "at ")):
            return m.entity
    return None


#: "the Bush administration", "the Putin government": the leader's country acts
_GOVERNMENT_AFTER = re.compile(r"(?:'s|’s)?\s+(?:administration|government|cabinet)\b")


def as_actor(m: Mention, registry: Registry, text: str) -> Mention:
    """A capital named as an actor ("Pyongyang is ready") stands for its country,
    and so does a leader's administration ("the Bush administration").

    Only when the place is not the object of a preposition of place ("in Moscow").
    """
    entity = registry.get(m.entity)
    if (
        entity is not None
        and entity.type == "Person"
        and entity.country
        and registry.type_of(entity.country) == "Country"
        and _GOVERNMENT_AFTER.match(text, m.end)
    ):
        return Mention(entity.country, m.start, m.end, m.surface, m.score * 0.9)
    if entity is None or entity.type != "Place" or not entity.country:
        return m
    if registry.type_of(entity.country) != "Country":
        return m
    if re.search(
        r"\b(?:in|at|to|from|near|via|of)\s+(?:the\s+)?$", text[max(0, m.start - 12) : m.start]
    ):
        return m
    return Mention(entity.country, m.start, m.end, m.surface, m.score * 0.9)


_TITLE_RUN = re.compile(
    r"^(?:'s|’s)?\s*(?:\([A-Z]{2,6}\)\s*)?(?:[A-Z][\w-]*\s+|(?:of|the|for|"
    + "|".join(sorted(TITLE_WORDS, key=len, reverse=True))
    + r")\s+){0,6}$"
)
PREP_BEFORE = re.compile(r"\b(?:in|at|from|near|via|between)\s+(?:the\s+)?$")


def background(mentions: Sequence[Mention], registry: Registry, text: str) -> set[int]:
    """Mentions that are not actors of the clause: a country that only modifies a title
    ("US President Donald Trump"), and whatever sits inside an apposition
    ("Kim Yong-chol, vice-chairman of … Central Committee, was traveling")."""
    skip: set[int] = set()
    for k, m in enumerate(mentions):
        if (
            k + 1 < len(mentions)
            and mentions[k + 1].entity == m.entity
            and text[m.end : mentions[k + 1].start] == " ("
        ):
            skip.add(k + 1)  # "Democratic People's Republic of Korea (DPRK)": one name
        rest = [n for j, n in enumerate(mentions[k + 1 :], k + 1) if j not in skip]
        nxt = rest[0] if rest else None
        if (
            nxt is not None
            and registry.type_of(nxt.entity) == "Person"
            and _TITLE_RUN.match(text[m.end : nxt.start])
            and nxt.start - m.end <= 60
            and registry.type_of(m.entity) in ("Country", "Organization", "Place")
        ):
            skip.add(k)
        if registry.type_of(m.entity) == "Person" and text[m.end : m.end + 2] == ", ":
            close = text.find(",", m.end + 2, m.end + 120)
            if close > 0 and not re.match(r"\s*(?:and|but|who|which)\b", text[m.end + 2 :]):
                for j in range(k + 1, len(mentions)):
                    if mentions[j].start < close:
                        skip.add(j)
    return skip


CLAUSE_BREAK = re.compile(r"\bthat\b|,\s+(?:and|but|while)\b|;|\bwho\b")
VISIT_OBJECT = re.compile(
    r"(?:\bto|\bin|\bacross|\binto|\bvisit(?:ed|ing|s)?|\btrip)\s+(?:the\s+)?$", re.IGNORECASE
)


_BOUNDARY = re.compile(
    r",\s+(?:and|but|while|which|who)\b|;|\s+and\s+(?:is|was|are|were|will|has|had)\b"
)


def clause_of(text: str, sentence: Sentence, t0: int, t1: int) -> str:
    """The clause around a trigger, for its status ("arrived …, and is expected to …")."""
    start, end = sentence.start, sentence.end
    for m in _BOUNDARY.finditer(text, sentence.start, sentence.end):
        if m.end() <= t0:
            start = m.start()
        elif m.start() >= t1:
            end = m.start()
            break
    return text[start:end]


NOUN_TRIGGER = re.compile(r"(?:visit|trip|letter|message|note|meeting|talks|summit)", re.I)


def may_lead(m: Mention, t0: int, text: str) -> bool:
    """Can this mention be the subject of a trigger at ``t0``? Not across "that" or ", and",
    and a possessive only when the trigger is its noun ("Lavrov's fourth visit")."""
    between = text[m.end : t0]
    if CLAUSE_BREAK.search(between):
        return False
    if between[:2] in ("'s", "’s"):
        return len(between[2:].split()) <= 1 and bool(NOUN_TRIGGER.match(text[t0 : t0 + 8]))
    return True


def joined(a: Mention, b: Mention, text: str) -> bool:
    """ "Moon Jae-in and Kim", "Lavrov, center left, and … Ri Yong-ho": acting together."""
    between = text[a.end : b.start]
    return len(between) <= 60 and bool(re.search(r"(?:^|\s|,)and\s", between))


def possessive(m: Mention, text: str) -> bool:
    return text[m.end : m.end + 2] in ("'s", "’s")


#: events a rejection calls off: "canceled the meeting", "refused bilateral talks"
EVENTS = frozenset(["met", "visited", "participates_in", "discussed", "hosted"])
CALLED_OFF = re.compile(
    r"\b(?:cancell?ed|cancels|refused|refuses|rejected|called off|postponed|ruled out|scrapped)"
    r"\s+(?:(?:the|a|an|its|his|her|their)\s+)?(?:[\w-]+\s+){0,2}$"
)

#: what joins two objects of one verb: "a gas pipeline and a power line", "X, Y and Z"
COORDINATED = re.compile(r"^,?\s+and\s+(?:(?:a|an|the)\s+)?$")

#: work that is only planned: "a project to build", "plans to construct"
PLANNED_WORK = re.compile(r"\b(?:projects?|plans?|proposals?|offers?|considering)\s+to\s+$")
DEMONYM_BEFORE = re.compile(r"\b(?:a|an|the)\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)\s+$")


def demonym_before(document: str, t0: int, registry: Registry) -> Mention | None:
    """ "a Russian project", "the Chinese proposal": the country the adjective names."""
    found = DEMONYM_BEFORE.search(document, max(0, t0 - 40), t0)
    if found is None:
        return None
    word = found.group(1)
    for country, forms in DEMONYMS.items():
        if word in forms:
            entity = registry.by_name(country)
            if entity is not None:
                return Mention(entity, found.start(1), found.end(1), word)
    return None
