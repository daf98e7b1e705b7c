"""Verbs whose subject is what is felt, not who feels it: "X worries Moscow and Pyongyang".

For most triggers the subject acts and the object undergoes. A few verbs of
feeling put the cause first and the people concerned after ("the build-up
worries Moscow", "the test alarms Tokyo"). Read the usual way they make the
cause a party to the concern; here the ones after the verb are the participants
and the first topic, event or project before it (the cause) is the object.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft.rules.cues import ACTORS, CLAUSE_BREAK

#: third-person verbs of feeling with the cause as subject
STIMULUS = re.compile(r"\b(?:worries|worried|alarms|alarmed|troubles|troubled|concerns)\s+$")
_JOIN = re.compile(r"^(?:\s*,\s*|\s+and\s+|\s*,\s*and\s+)$")
_CAUSES = frozenset(["Topic", "Event", "Project"])


def stimulus_parties(
    document: str,
    t0: int,
    t1: int,
    start: int,
    actors: Sequence[Mention],
    registry: Registry,
) -> tuple[tuple[Mention, ...], Mention] | None:
    """(who is concerned, about what) for "<cause> worries X and Y", else None.

    ``start`` is where the clause holding the cause may begin (the sentence, or
    after "said that").
    """
    if not STIMULUS.search(document[t0:t1] + " "):
        return None
    felt: list[Mention] = []
    at = t1
    for m in actors:
        if m.start < t1:
            continue
        gap = document[at : m.start]
        if registry.type_of(m.entity) not in ACTORS:
            break
        if (felt and not _JOIN.match(gap)) or (not felt and gap.strip()):
            break
        felt.append(m)
        at = m.end
    causes = [
        m
        for m in actors
        if start <= m.start
        and m.end <= t0
        and registry.type_of(m.entity) in _CAUSES
        and not CLAUSE_BREAK.search(document, m.end, t0)
    ]
    if not felt or not causes:
        return None
    return tuple(dict.fromkeys(felt)), causes[0]
