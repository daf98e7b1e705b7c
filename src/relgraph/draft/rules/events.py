"""Step one of a claim: is this trigger an event of its predicate, in this sentence?

Not when it is a word of a name ("Shanghai Cooperation Organization") or modifies
an agreement's name ("a strategic partnership treaty"), when the event is called
off, denied, only asked for ("invited Kim to visit") or only planned as work ("a
project to build"), when a verb of sending sends the wrong kind of thing ("sent
troops" is no message), when what is "provided" is no goods ("a tour"), or when
an event noun is only what something is about ("a commission on cooperation").
"""

from __future__ import annotations

import re

from relgraph.draft.lexicon import AGREEMENT_WORDS
from relgraph.draft.rules.cues import CALLED_OFF, PLANNED_WORK
from relgraph.draft.rules.frame import Event, Frame
from relgraph.draft.rules.predicate_rules import (
    MESSAGE_NOUNS,
    NOT_GOODS,
    SEND_VERBS,
    TOPIC_PREPOSITIONS,
    Rule,
)


def find_event(frame: Frame, predicate: str, rule: Rule, start: int, end: int) -> Event | None:
    """The trigger at ``start:end`` of the sentence as an event, or None when it is not one."""
    document = frame.document
    t0, t1 = frame.sentence.start + start, frame.sentence.start + end
    if any(m.start <= t0 and t1 <= m.end for m in frame.all_mentions):
        return None  # "Shanghai Cooperation Organization": a word of a name
    if _modifies_agreement(frame, t1):
        return None  # "a strategic partnership treaty": the treaty is what is signed
    if rule.event and CALLED_OFF.search(document, max(0, t0 - 40), t0):
        return None  # "Trump canceled the meeting", "refused bilateral talks": no meeting
    if rule.event and _REQUESTED.search(document, max(0, t0 - 100), t0):
        return None  # "invited Kim to visit Russia": asked for, not planned or done
    if rule.event and _NEGATED.search(document, max(0, t0 - 25), t0):
        return None  # "will not travel to Moscow": no visit
    if rule.deed and PLANNED_WORK.search(document, max(0, t0 - 30), t0):
        return None  # "a project to build a pipeline" is a proposal, not a deed
    if rule.sends == "goods" and not _goods(frame, t1):
        return None  # "provided Kim with a tour of the plant": no transfer
    if rule.sends and not _sends(frame, t1, rule.sends):
        return None  # "sent troops" is no message, "sent a letter" no transfer
    noun = _is_noun(frame, t0)
    if (
        noun
        and frame.parse.preposition_of(t0) in TOPIC_PREPOSITIONS
        and not _ON_A_VISIT.search(document, max(0, t0 - 30), t0)
    ):
        return None  # "a commission on … cooperation": what it is about, not an event
    return Event(predicate, rule, t0, t1, noun)


def _sends(frame: Frame, t1: int, sense: str) -> bool:
    """Does the sending verb ending at ``t1`` send what ``sense`` asks for?"""
    words = frame.parse.words
    k = frame.parse.at(t1 - 1)
    if k is None or words[k].text.lower() not in SEND_VERBS:
        return True  # not a verb of sending: "letter", "delivered"
    head = next(
        (w for w in words[k + 1 : k + 8] if w.tag.startswith("NN") or w.tag in ("IN", "TO")),
        None,
    )
    message = head is not None and head.text.lower() in MESSAGE_NOUNS
    return message if sense == "message" else not message


def _goods(frame: Frame, t1: int) -> bool:
    """Is what a transfer gives goods? "provided Kim with a tour" gives none."""
    words = frame.parse.words
    k = frame.parse.at(t1 - 1)
    if k is None:
        return True
    nouns = [w for w in words[k + 1 : k + 9] if w.tag in ("NN", "NNS")]
    return not (nouns and nouns[0].text.lower() in NOT_GOODS)


def _is_noun(frame: Frame, t0: int) -> bool:
    """Is the trigger a noun ("talks with", "at the invitation of"), not a verb
    ("held talks", "to visit")? Its first word past prepositions and articles says."""
    words = frame.parse.words
    k = frame.parse.at(t0)
    while k is not None and k + 1 < len(words) and words[k].tag in ("IN", "DT", "TO"):
        k += 1
    if k is None or not words[k].tag.startswith("NN"):
        return False
    return not (k and words[k - 1].text.lower() == "to")  # "wants to visit": a verb


def _modifies_agreement(frame: Frame, t1: int) -> bool:
    """Is the trigger a modifier in a noun phrase headed by an agreement word?"""
    words = frame.parse.words
    k = frame.parse.at(t1 - 1)
    if k is None or words[k].chunk != "NP":
        return False
    for w in words[k + 1 :]:
        if w.chunk != "NP" or w.begins:
            return False
        if w.text.lower() in AGREEMENT_WORDS:
            return True
    return False


#: an event another party asks for: "invited X to visit", "urged Y to attend"
_REQUESTED = re.compile(
    r"\b(?:invit\w*|ask\w*|urg\w*|called on|calls on|encourag\w*|press\w*)\s+"
    r"(?:[\w'’.,-]+\s+){0,12}?to\s+$"
)

#: "in Moscow on a visit", "on a two-day trip": the clause's own event
_ON_A_VISIT = re.compile(r"\bon\s+(?:a|an|his|her|their)\s+(?:[\w-]+\s+){0,2}$")

#: a verb group denied: "will not travel", "did not meet", "never visited"
_NEGATED = re.compile(r"\b(?:not|never|n't|no longer)\s+(?:\w+\s+)?$")
