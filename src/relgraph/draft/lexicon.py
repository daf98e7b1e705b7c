"""General word lists for news copy: titles, demonyms, kinds of names.

These are knowledge of English news style, not of any one article: they are
what lets the drafter tell "Foreign Minister" from a name and guess that "Bank"
ends an organisation's name.
"""

from __future__ import annotations

#: country name (as a registry would spell it) -> adjectives and short forms in copy
DEMONYMS: dict[str, tuple[str, ...]] = {
    "Russia": ("Russian", "Russia's"),
    "North Korea": ("North Korean", "NKorean", "DPRK", "DPRK's", "North Korea's", "Pyongyang's"),
    "South Korea": ("South Korean", "ROK", "South Korea's", "Seoul's"),
    "United States": ("American", "US", "U.S.", "US's", "Washington's"),
    "Japan": ("Japanese", "Japan's", "Tokyo's"),
    "China": ("Chinese", "China's", "Beijing's"),
    "Ukraine": ("Ukrainian", "Ukraine's"),
    "Soviet Union": ("Soviet",),
    "United Kingdom": ("British", "UK"),
    "France": ("French",),
    "Germany": ("German",),
    "India": ("Indian",),
    "Iran": ("Iranian",),
    "Mongolia": ("Mongolian",),
    "Vietnam": ("Vietnamese",),
    "Belarus": ("Belarusian",),
}

#: words that make up a title before or after a person's name
TITLE_WORDS = frozenset(
    """
    president vice minister ministers foreign defense defence deputy first prime secretary
    state press chief cabinet ambassador envoy special leader top spokesman spokeswoman
    spokesperson chairman chairwoman vice-chairman diplomat veteran senior premier general
    head director commander official officer delegate representative counterpart king queen
    emperor chancellor governor mayor senator lawmaker negotiator adviser advisor aide
    supreme marshal colonel admiral lieutenant ruling executive assistant undersecretary
    """.split()
)

#: title words that can head a role on their own ("leader", "President")
TITLE_HEADS = frozenset(
    """
    president minister secretary ambassador envoy leader spokesman spokeswoman spokesperson
    chairman chairwoman vice-chairman diplomat premier director commander negotiator adviser
    advisor chancellor governor mayor senator king queen
    """.split()
)

ORGANIZATION_WORDS = frozenset(
    """
    ministry party agency group committee council bank office railways railway-company company
    corporation corp institute university army navy forces assembly parliament congress
    government administration service news times post daily kremlin commission association
    union federation fund organization organisation house
    """.split()
)
#: the last word of a newspaper's or agency's name
OUTLET_WORDS = frozenset(
    "daily times post herald journal tribune gazette press news telegraph guardian observer "
    "agency chronicle star mail express".split()
)
PLACE_WORDS = frozenset(
    "hall square palace airport station port island islands zone village street city "
    "province region district peninsula sea river mountain".split()
)
FORUM_WORDS = frozenset("forum conference talks initiative dialogue process summit".split())
AGREEMENT_WORDS = frozenset("declaration treaty agreement accord pact charter convention".split())
PROJECT_WORDS = frozenset("railroad pipeline bridge project corridor".split())

#: capitalised words that never start a name
NOT_NAMES = frozenset(
    """
    the a an and or but if when while as at in on of for to from by with without after before
    this that these those it its he she they we i you his her their our my your there here
    monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow
    january february march april may june july august september october november december
    jan feb mar apr jun jul aug sep sept oct nov dec
    meanwhile however also although though according under over since until then so
    talking speaking asked asking what who why how where which earlier later last next
    mr mrs ms dr western eastern northern southern communist
    """.split()
)
