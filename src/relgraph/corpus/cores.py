"""The lower-case core of a Topic or Project name: what news copy calls it.

"Russia–Korea gas pipeline via North Korea" is "a gas pipeline" in a story, and
"Denuclearization of the Korean Peninsula" is "denuclearization". The registry
matches these cores (lower case only) beside the entity's names; see topics.py
for the stubs proposed when the registry lacks the entity.
"""

from __future__ import annotations

import re

#: a qualifier after the core of a name: "... of the Korean Peninsula", "... via North Korea"
_QUALIFIERS = frozenset(
    ["of", "via", "in", "between", "with", "on", "for", "to", "by", "against", "under", "over"]
)
#: heads too general to stand for one entity on their own
GENERIC = frozenset(
    [
        "relations",
        "talks",
        "cooperation",
        "issues",
        "issue",
        "policy",
        "ties",
        "situation",
        "problem",
        "problems",
        "activity",
        "project",
        "projects",
        "program",
        "programme",
        "visit",
        "meeting",
        "summit",
    ]
)


def core_name(name: str) -> str | None:
    """The lower-case core of a Topic or Project name, or None when it has none.

    Proper words at the start go ("North Korean nuclear program" -> "nuclear
    program"), except a sentence-case first word ("Military activity ..."); the
    name is cut at its first qualifier or parenthesis.
    """
    words = re.split(r"[\s–—]+", name.split("(")[0].strip())
    for k, word in enumerate(words):
        if word.lower() in _QUALIFIERS and k > 0:
            words = words[:k]
            break
    kept: list[str] = []
    for k, word in enumerate(words):
        capital = word[:1].isupper()
        following = words[k + 1][:1].isupper() if k + 1 < len(words) else False
        inner = any(c.isupper() for c in word[1:])  # "Inter-Korean", "US"
        proper = capital and (k > 0 or following or inner)
        if not kept and proper:
            continue
        if proper:
            return None  # a proper word inside the core: the name is a proper name
        kept.append(word.lower())
    if not kept or (len(kept) == 1 and (kept[0] in GENERIC or len(kept[0]) < 8)):
        return None
    if not all(re.fullmatch(r"[a-z][a-z-]*", w) for w in kept):
        return None
    return " ".join(kept)
