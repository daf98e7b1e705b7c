"""One rule per predicate: how its arguments sit in an English sentence.

The claim engine (:mod:`relgraph.draft.rules.claims`) finds a trigger, then asks the
predicate's rule where its object may stand (a direct object, or after which
prepositions), whether a place may be an argument, whether the claim takes the
sentence's place, and how its status and date are read. The ontology says what
may be related (domain and range); this table says how English says it. A
predicate not listed takes the default rule.
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: prepositions after which a name is where or when the event happened, not a party
PLACE_PREPOSITIONS = frozenset(
    ["in", "at", "near", "from", "via", "during", "outside", "inside", "across", "into", "on"]
)
#: a noun trigger after one of these is a topic, not an event of the clause
#: ("the commission on … cooperation", "preparations for the meeting"); not "of":
#: "at the beginning of talks with X" is still the talks
TOPIC_PREPOSITIONS = frozenset(["on", "for", "about", "into", "to"])
#: a direct object (no preposition), or one of these, by default
_DEFAULT = frozenset(["", "with", "for", "about", "of", "against", "over", "on"])


@dataclass(frozen=True)
class Rule:
    #: prepositions that may introduce the object ("" is a direct object)
    object_preps: frozenset[str] = _DEFAULT
    #: a place may be the object (visited, built); elsewhere a place after a
    #: preposition of place is where the event happened
    place_object: bool = False
    #: the claim takes the sentence's place ("met … in Moscow")
    takes_place: bool = False
    #: a person, when the sentence names one there, is the party, not a country or
    #: agency ("Lavrov met DPRK leader Kim" is not "Lavrov met DPRK")
    people_first: bool = False
    #: the claim is itself a saying: "X said Friday" dates it
    statement: bool = False
    #: a stance is taken when it is stated: talk of the future does not make it planned
    stance: bool = False
    #: an event a rejection can call off ("canceled the meeting")
    event: bool = False
    #: the sender follows "from" ("a letter from X to Y")
    sender_from: bool = False
    #: a demonym before the trigger owns it ("a Russian proposal")
    owner_demonym: bool = False
    #: a deed: "a project to build" is a proposal, not this claim
    deed: bool = False
    #: the agent of the noun follows this preposition ("at the invitation of X")
    agent_after: str | None = None
    #: the object follows this preposition when the trigger is a noun ("a visit to X")
    noun_object: frozenset[str] = field(default_factory=frozenset)
    #: with a person received by a person, the event is this predicate instead
    #: ("Kim received Lavrov" is a meeting; "China hosted the talks" stays hosted)
    person_to_person: str | None = None
    #: trigger words that, with a person as object, mean another sense
    #: ("welcomed the decision" is support; "welcomed Kim" is a reception)
    not_of_people: frozenset[str] = field(default_factory=frozenset)
    #: trigger words that mean this predicate only with a person as object
    #: ("welcomed Kim" is a reception; "welcomed the talks" is support)
    only_of_people: frozenset[str] = field(default_factory=frozenset)
    #: what a verb of sending must send for this predicate ("message": a letter,
    #: greetings; "goods": anything else), read from the noun after it
    sends: str | None = None
    #: one act of several subjects together ("X and Y signed"); else each subject's
    #: own claim ("the US, South Korea and Ukraine accused …": three accusations)
    joint: bool = True


DEFAULT = Rule()

_WELCOMED = frozenset(["welcomed", "welcome", "welcomes"])

_STATEMENT = Rule(statement=True, stance=True, joint=False)

RULES: dict[str, Rule] = {
    "met": Rule(
        object_preps=frozenset(["", "with", "between"]),
        takes_place=True,
        people_first=True,
        event=True,
    ),
    "visited": Rule(
        object_preps=frozenset(["", "to", "in", "into", "across"]),
        place_object=True,
        event=True,
        noun_object=frozenset(["to"]),
    ),
    "hosted": Rule(
        object_preps=frozenset([""]),
        takes_place=True,
        event=True,
        person_to_person="met",
        only_of_people=_WELCOMED,
    ),
    "discussed": Rule(
        object_preps=frozenset(["", "on", "about", "of"]), takes_place=True, event=True
    ),
    "participates_in": Rule(object_preps=frozenset(["", "in"]), event=True),
    "signed": Rule(object_preps=frozenset([""]), takes_place=True),
    "sent_message": Rule(
        object_preps=frozenset(["", "to", "from", "of"]), sender_from=True, sends="message"
    ),
    "invited": Rule(object_preps=frozenset([""]), agent_after="of"),
    "transferred": Rule(object_preps=frozenset(["", "to"]), sends="goods"),
    "built": Rule(object_preps=frozenset(["", "in"]), place_object=True, deed=True),
    "proposed": Rule(stance=True, owner_demonym=True),
    "considered": Rule(stance=True),
    "agreed": Rule(stance=True),
    "rejected": Rule(stance=True),
    "stated_position": _STATEMENT,
    "expressed_concern": _STATEMENT,
    "criticized": _STATEMENT,
    "urged": Rule(object_preps=frozenset([""]), statement=True, stance=True, joint=False),
    "accused": Rule(object_preps=frozenset([""]), statement=True, stance=True, joint=False),
    "denied": _STATEMENT,
    "supported": Rule(statement=True, stance=True, not_of_people=_WELCOMED),
}


#: verbs of sending, whose sense is the thing sent
SEND_VERBS = frozenset(["send", "sends", "sent", "sending"])
#: what is sent as a message
MESSAGE_NOUNS = frozenset(
    [
        "letter",
        "letters",
        "message",
        "messages",
        "greetings",
        "greeting",
        "note",
        "telegram",
        "congratulations",
        "condolences",
        "regards",
        "invitation",
        "signal",
        "signals",
    ]
)


#: what is given without being goods: "provided Kim with a tour" is no transfer
NOT_GOODS = frozenset(
    [
        "tour",
        "tours",
        "briefing",
        "briefings",
        "explanation",
        "information",
        "details",
        "update",
        "opportunity",
        "assurances",
        "assurance",
        "reception",
        "welcome",
        "hospitality",
        "overview",
        "support",
        "advice",
        "answers",
        "guarantees",
    ]
)


def rule_for(predicate: str) -> Rule:
    return RULES.get(predicate, DEFAULT)
