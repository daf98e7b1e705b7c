"""One page to one draft: page text, metadata, then the recommender's suggestions.

Pure: the page is already read, the registry already loaded; nothing is written
here. ``relgraph.draft.run`` does the reading and writing around it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from relgraph.corpus.registry import Registry
from relgraph.draft import ArticleText, Recommender, Suggestions
from relgraph.draft import recommender as by_name
from relgraph.draft.metadata import Metadata, find_metadata
from relgraph.draft.page import PageText
from relgraph.draft.runs import plausible
from relgraph.draft.stubs import with_stubs

UNNAMED_OUTLET = "unnamed_wire"


@dataclass(frozen=True)
class Draft:
    metadata: Metadata
    source: str
    text: str
    captions: tuple[str, ...]
    suggestions: Suggestions


def real_places(metadata: Metadata, registry: Registry) -> Metadata:
    """A dateline place that is no name (a clause read as a dateline) is not proposed."""
    dropped = {
        s.id
        for s in metadata.stubs
        if s.id in metadata.datelines and not plausible(s.name, registry)
    }
    if not dropped:
        return metadata
    return replace(
        metadata,
        datelines=tuple(d for d in metadata.datelines if d not in dropped),
        stubs=tuple(s for s in metadata.stubs if s.id not in dropped),
    )


def draft_article(
    page: PageText,
    registry: Registry,
    source: str,
    reference: dt.date,
    recommender: Recommender | None = None,
) -> Draft:
    """Draft an article from a page's text: metadata, then suggestions."""
    metadata = real_places(find_metadata(page, registry, reference, UNNAMED_OUTLET), registry)
    article = ArticleText(page.text, page.captions, metadata.published, metadata.datelines)
    # the dateline's new places ("WASHINGTON") are names the story may use again
    known = with_stubs(registry, metadata.stubs)
    suggestions = (recommender or by_name()).suggest(article, known)
    own = {s.id for s in metadata.stubs}
    stubs = (*metadata.stubs, *(s for s in suggestions.stubs if s.id not in own))
    suggestions = replace(suggestions, stubs=stubs)
    return Draft(metadata, source, page.text, page.captions, suggestions)
