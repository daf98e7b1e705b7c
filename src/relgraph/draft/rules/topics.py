"""Topics and projects that news copy names in lower case.

Curators make entities of things a story never capitalises: "a gas pipeline",
"international terrorism", "denuclearization of the peninsula". Proper-name rules
cannot see them, so two rules here do:

- **core names**: a registry Topic or Project is also found by its name stripped
  of proper words and qualifiers ("Russia–Korea gas pipeline via North Korea" ->
  "gas pipeline", "Denuclearization of the Korean Peninsula" ->
  "denuclearization"), written in lower case in the text;
- **stubs**: a lower-case noun phrase that a project phrase introduces ("a
  project to build a gas pipeline and a power line") or that ends in a topic
  word of news English ("international terrorism", "North Korea's nuclear
  program"), proposed as a new Project or Topic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from relgraph.corpus.cores import GENERIC
from relgraph.corpus.names import Mention
from relgraph.corpus.registry import Registry
from relgraph.draft import Stub
from relgraph.draft.stubs import slug

#: topic words of news English, with the modifiers that belong to the topic's name
TOPIC_HEADS = (
    "terrorism",
    "denuclearization",
    "denuclearisation",
    "disarmament",
    "non-proliferation",
    "nonproliferation",
    "strategic stability",
    "nuclear program",
    "nuclear programme",
    "missile program",
    "missile programme",
    "human rights",
    "climate change",
)
_MODIFIERS = r"(?:(?:international|regional|global|strategic|nuclear|economic|military)\s+){0,2}"
_OWNER = r"(?:(?P<owner>(?:[A-Z][\w-]*\s+){0,2}[A-Z][\w-]*['’]s)\s+)?"
_TOPIC = re.compile(
    _OWNER
    + r"(?P<topic>"
    + _MODIFIERS
    + r"(?:"
    + "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in TOPIC_HEADS)
    + r")(?:\s+of\s+the\s+[a-z]+(?:\s+[a-z]+)?(?=[\s.,;:!?\"”]))?)\b"
)
#: "a project to build a gas pipeline and a power line"
_PROJECT = re.compile(
    r"\bprojects?\s+to\s+(?:build|construct|lay|extend|link|connect|develop|create)\s+"
    r"(?P<list>(?:(?:a|an|the)\s+)?(?:[a-z][a-z-]*)(?:\s+(?!and\b)[a-z][a-z-]*){0,2}"
    r"(?:\s+and\s+(?:(?:a|an|the)\s+)?[a-z][a-z-]*(?:\s+(?!and\b)[a-z][a-z-]*){0,2})*)"
)
_LISTED = re.compile(
    r"(?:^|(?<=\band ))(?:(?:a|an|the)\s+)?(?P<np>[a-z][a-z-]*(?: [a-z][a-z-]*)*?)(?= and |$)"
)
_STOP = frozenset(["to", "via", "from", "across", "through", "in", "on", "with", "for", "at"])


def _project_names(listed: str, offset: int) -> list[tuple[str, int, int]]:
    """ "a gas pipeline and a power line to South Korea" -> gas pipeline, power line."""
    found = []
    for part in _LISTED.finditer(listed):
        words = []
        for word in part["np"].split():
            if word in _STOP:
                break
            words.append(word)
        if words and words[-1] not in GENERIC:
            start = offset + part.start("np")
            name = " ".join(words)
            found.append((name, start, start + len(name)))
    return found


def find_topic_stubs(text: str, mentions: Sequence[Mention], registry: Registry) -> list[Stub]:
    """New Topic and Project entities for lower-case phrases the registry does not know."""
    covered = {k for m in mentions for k in range(m.start, m.end)}
    stubs: dict[str, Stub] = {}

    def add(name: str, kind: str, start: int, end: int, reason: str) -> None:
        if end - 1 in covered or registry.by_name(name):
            return
        entity_id = slug(name)
        if entity_id in registry:
            return
        stubs.setdefault(entity_id, Stub(entity_id, name, kind, None, start, end, reason))

    for found in _PROJECT.finditer(text):
        for name, start, end in _project_names(found["list"], found.start("list")):
            add(name, "Project", start, end, "'a project to build …' names it")
    for found in _TOPIC.finditer(text):
        start = found.start("owner") if found["owner"] else found.start("topic")
        name = re.sub(r"\s+", " ", text[start : found.end("topic")])
        add(name, "Topic", start, found.end("topic"), "a topic word of news English")
    return list(stubs.values())
