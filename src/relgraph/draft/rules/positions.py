"""Where a name stands in its clause: the facts the argument rules ask about.

A subject is not inside an aside (relative clause, participial phrase, apposition)
the trigger is not in, is not governed by a preposition, and is not an adjective
modifying a common noun ("a North Korean ship"); nothing that opens another
clause stands between it and its verb, asides aside. An object has no other verb
between it and its trigger.
"""

from __future__ import annotations

import re

from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft.lexicon import GROUP_WORDS
from relgraph.draft.rules.cues import CLAUSE_BREAK, may_lead, possessive
from relgraph.draft.rules.frame import Frame


def is_person(registry: Registry, m: Mention) -> bool:
    return registry.type_of(m.entity) == "Person"


def in_other_aside(frame: Frame, m: Mention, t0: int) -> bool:
    aside = frame.aside_of(m.start)
    return aside is not None and aside != frame.aside_of(t0)


def may_be_subject(frame: Frame, m: Mention, t0: int) -> bool:
    """Not inside an aside the trigger is not in, and not governed by a preposition."""
    document = frame.document
    if _LED_BY.search(document, max(0, m.start - 30), m.start):
        return True  # "a delegation, led by Sung Kim, met …": the one who leads acts
    if in_other_aside(frame, m, t0):
        return False
    if _modifier(frame, m):
        return False  # "a North Korean cargo ship arrived": the ship did
    return frame.preposition_of(m) == "" or possessive(m, document)


def _modifier(frame: Frame, m: Mention) -> bool:
    """A name that modifies a common noun in its phrase ("North Korean ship"), unless
    the noun is a group that acts for it ("North Korean officials")."""
    words = frame.parse.words
    k = frame.parse.at(m.end - 1)
    if k is None or k + 1 >= len(words):
        return False
    first = frame.parse.at(m.start)
    adjective = words[k].tag == "JJ"  # "North Korean", "Russian"
    determined = first is not None and first > 0 and words[first - 1].tag == "DT"
    if not (adjective or determined):
        return False  # "Putin plans to …": a name heading its phrase
    nxt = words[k + 1]
    if nxt.chunk != "NP" or nxt.begins or nxt.start > m.end + 1:
        return False
    head = next((w for w in words[k + 1 :] if w.tag in ("NN", "NNS")), None)
    if head is None or any(w.chunk != "NP" or w.begins for w in words[k + 1 : words.index(head)]):
        return False
    return head.text.lower() not in GROUP_WORDS


#: the agent of "led by", "headed by": acts for the group it leads
_LED_BY = re.compile(r"\b(?:led|headed)\s+by\s+(?:[A-Z][\w.-]*\s+){0,4}$")


def aside_length(frame: Frame, start: int, end: int) -> int:
    return sum(b - a for a, b in frame.asides if start <= a and b <= end)


def verb_between(frame: Frame, start: int, end: int, shared: bool = True) -> bool:
    """A finite verb or a gerund between the trigger and a name: the name is another
    verb's argument ("accused X of supplying Russia", "welcomed it and said …").
    With ``shared``, a verb right after "and" shares the object ("signing and
    announcing the declaration")."""
    words = frame.parse.words
    return any(
        w.chunk == "VP"
        and w.tag in ("VBD", "VBZ", "VBP", "VBG")
        and not (shared and k and words[k - 1].text.lower() in ("and", "or"))
        for k, w in enumerate(words)
        if start <= w.start and w.end <= end
    )


def leads(frame: Frame, m: Mention, t0: int) -> bool:
    """May ``m`` be the subject of the trigger at ``t0``: nothing between them that
    starts another clause, unless the trigger is in a relative clause on ``m``
    ("Lavrov, who flew in to Wonsan")."""
    document = frame.document
    aside = frame.aside_of(t0)
    if aside is not None and document[m.end : aside[0]].strip() == "":
        return True
    # the asides between them are not clauses of this verb ("Kim, who traveled …, arrived")
    cut = [a for a in frame.asides if m.end <= a[0] and a[1] <= t0]
    if not cut:
        return may_lead(m, t0, document)
    kept, at = [], m.end
    for a0, a1 in sorted(cut):
        kept.append(document[at:a0])
        at = max(at, a1)
    kept.append(document[at:t0])
    return not CLAUSE_BREAK.search("".join(kept))


def antecedent(frame: Frame, t0: int, candidates: list[Mention]) -> Mention | None:
    """The name a relative clause holding ``t0`` is about: "Choe, who is in Moscow …"
    (whatever its own role in the main clause: "Putin met with Choe, who …")."""
    aside = frame.aside_of(t0)
    if aside is None or not _RELATIVE.match(frame.document, aside[0]):
        return None
    return next(
        (
            m
            for m in candidates
            if m.end <= aside[0] and not frame.document[m.end : aside[0]].strip()
        ),
        None,
    )


_RELATIVE = re.compile(r",\s+(?:who|which|whose)\b")
