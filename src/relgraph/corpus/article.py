"""Read one article file (format 3, and 2, which is a subset) into the domain model.

Reading does everything that needs one file: YAML safety, field names and types,
dates (relative ones resolved against the article date), the roles the article
attests, and locating each quote in the text and captions. Cross-file checks
(entity ids, predicates, domain and range) are in :mod:`relgraph.corpus.validate`.
Every problem is recorded and reading goes on, so ``relgraph check`` lists them
all in one pass.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from pathlib import Path

from relgraph.core.dates import DATE_HINT, DateError, parse_iso, resolve
from relgraph.core.errors import Problem
from relgraph.core.model import (
    REVIEWS,
    STATUSES,
    Article,
    Claim,
    DateValue,
    Evidence,
    Review,
    Role,
    UnnamedSource,
)
from relgraph.corpus.fields import Fields, as_mapping
from relgraph.corpus.quotes import QuoteFinder
from relgraph.corpus.schema import ARTICLE_FIELDS, CLAIM_FIELDS, ROLE_FIELDS, UNNAMED_FIELDS
from relgraph.corpus.yamlsafe import LList, LMap, LStr, read_yaml

ARTICLE_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
CLAIM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
ROLE_ID = re.compile(r"r[0-9]{2,}\Z")
ENTITY_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


def read_date(fields: Fields, key: str, anchor: dt.date | None) -> DateValue | None:
    raw = fields.text(key)
    if raw is None:
        return None
    try:
        return resolve(raw, anchor)
    except DateError as exc:
        fields.report(fields.line_of(key), str(exc), DATE_HINT)
        return None


def read_id(fields: Fields, pattern: re.Pattern[str], hint: str) -> LStr | None:
    value = fields.text("id", required=True)
    if value is not None and not pattern.match(value):
        fields.report(value.line, f"bad id {str(value)!r}", hint)
        return None
    return value


def opt(value: LStr | None) -> str | None:
    return None if value is None else str(value)


def _review(f: Fields) -> tuple[Review | None, float | None]:
    """``review: suggested`` and ``confidence`` (a number in [0, 1]), both optional."""
    review = f.text("review")
    if review is not None and review not in REVIEWS:
        f.report(
            review.line,
            f"unknown review {str(review)!r}",
            "the only value is 'suggested'; delete the line to accept the item",
        )
        review = None
    raw = f.text("confidence")
    confidence = None
    if raw is not None:
        try:
            confidence = float(raw)
        except ValueError:
            confidence = math.nan
        if not 0.0 <= confidence <= 1.0:  # NaN fails too
            f.report(raw.line, f"confidence {str(raw)!r} is not a number from 0 to 1")
            confidence = None
    return (None if review is None else "suggested"), confidence


_ARTICLE_WORDS = ("a ", "an ", "the ", "unnamed ", "anonymous ")


def _unnamed(node: LMap, f: Fields, key: str) -> UnnamedSource | None:
    """``{unnamed: "Western diplomat in Moscow", affiliation: id, country: id}``."""
    where = f"{f.where}: {key}" if f.where else key
    u = Fields(node, f.path, f.problems, where, UNNAMED_FIELDS)
    if "unnamed" not in node:
        u.report(
            node.line,
            "an unnamed source needs its description in 'unnamed'",
            'as the text gives it, e.g. unnamed: "Western diplomat in Moscow"',
        )
        return None
    description = u.text("unnamed", required=True)
    affiliation, country = u.text("affiliation"), u.text("country")
    if description is None:
        return None
    text = " ".join(description.split())
    if text.casefold().startswith(_ARTICLE_WORDS):
        word = text.split(" ", 1)[0]
        rest = text.split(" ", 1)[1] if " " in text else ""
        u.report(
            description.line,
            f"an unnamed source's description starts with {word!r}",
            f'write the description alone, e.g. unnamed: "{rest}"; it is shown as "an unnamed …"',
        )
        return None
    lines = tuple((str(k), u.line_of(k)) for k in node)
    return UnnamedSource(text, opt(affiliation), opt(country), lines)


def _sources(f: Fields, key: str, many: bool) -> tuple[list[LStr], list[UnnamedSource]]:
    """Who asserts or denies a claim: entity ids and unnamed sources (mappings).

    ``asserted_by`` names one source; ``denied_by`` one or a list.
    """
    value = f.node.get(key)
    if value is None:
        return [], []
    items = list(value) if isinstance(value, LList) and many else [value]
    if isinstance(value, LList) and not many:
        f.report(value.line, f"{key!r} names one source", "keep the one the text names")
        return [], []
    ids: list[LStr] = []
    unnamed: list[UnnamedSource] = []
    for item in items:
        if isinstance(item, LStr):
            ids.append(item)
        elif isinstance(item, LMap):
            source = _unnamed(item, f, key)
            if source is not None:
                unnamed.append(source)
        else:
            line = item.line if isinstance(item, LList) else f.line_of(key)
            f.report(
                line,
                f"{key!r} must be an entity id or an unnamed source",
                'e.g. {unnamed: "Western diplomat in Moscow", country: russia}',
            )
    return ids, unnamed


def _quote(f: Fields, finder: QuoteFinder) -> Evidence | None:
    quote = f.text("quote", required=True)
    if quote is None:
        return None
    evidence, message, hint = finder.locate(quote)
    if evidence is None:
        f.report(quote.line, message, hint)
    return evidence


def _read_claim(
    node: LMap, path: str, finder: QuoteFinder, anchor: dt.date | None, problems: list[Problem]
) -> Claim | None:
    raw_id = node.get("id")
    where = f"claim {raw_id}" if isinstance(raw_id, LStr) else "claim"
    f = Fields(node, path, problems, where, CLAIM_FIELDS)
    claim_id = read_id(f, CLAIM_ID, "use letters, digits, '-' and '_', e.g. c07")
    predicate = f.text("predicate", required=True)
    subject = f.text("subject")
    participants = f.texts("participants")
    if subject is not None and participants:
        f.report(f.line_of("participants"), "give either 'subject' or 'participants', not both")
    elif subject is None and not participants:
        f.report(f.line, "missing field 'subject' (or 'participants')")
    elif participants and len(participants) < 2:
        f.report(f.line_of("participants"), "'participants' needs two or more entity ids")
    elif len(set(participants)) != len(participants):
        f.report(f.line_of("participants"), "an entity is listed twice in 'participants'")
    status = f.text("status") or "asserted"
    if status not in STATUSES:
        f.report(f.line_of("status"), f"unknown status {status!r}", "use " + ", ".join(STATUSES))
        status = "asserted"
    date = read_date(f, "date", anchor)
    asserted, asserted_unnamed = _sources(f, "asserted_by", many=False)
    denied, denied_unnamed = _sources(f, "denied_by", many=True)
    review, confidence = _review(f)
    evidence = _quote(f, finder)
    if claim_id is None or predicate is None or (subject is None and not participants):
        return None  # nothing left to check against the registry and the vocabulary
    if evidence is None:  # reported; the claim is still checked, never mapped
        evidence = Evidence(str(f.text("quote") or ""), 0, 0)
    return Claim(
        id=str(claim_id),
        predicate=str(predicate),
        participants=tuple(str(p) for p in participants) if participants else (str(subject),),
        object=opt(f.text("object")),
        evidence=evidence,
        date=date,
        place=opt(f.text("place")),
        host=opt(f.text("host")),
        about=opt(f.text("about")),
        status=str(status),  # type: ignore[arg-type]  # checked against STATUSES above
        asserted_by=str(asserted[0]) if asserted else None,
        denied_by=tuple(str(d) for d in denied),
        detail=opt(f.text("detail")),
        asserted_by_unnamed=asserted_unnamed[0] if asserted_unnamed else None,
        denied_by_unnamed=tuple(denied_unnamed),
        review=review,
        confidence=confidence,
        line=node.line,
        field_lines=tuple((str(k), f.line_of(k)) for k in node),
    )


def _read_role(
    node: LMap,
    path: str,
    article_id: str,
    finder: QuoteFinder,
    anchor: dt.date | None,
    problems: list[Problem],
) -> Role | None:
    raw_id = node.get("id")
    where = f"role {raw_id}" if isinstance(raw_id, LStr) else "role"
    f = Fields(node, path, problems, where, ROLE_FIELDS)
    role_id = read_id(f, ROLE_ID, "r followed by two or more digits, e.g. r01")
    entity = f.text("entity", required=True)
    title = f.text("title", required=True)
    date = read_date(f, "date", anchor)
    review, confidence = _review(f)
    evidence = _quote(f, finder)
    if role_id is None or entity is None or title is None:
        return None
    if evidence is None:  # reported; the role is still checked, never mapped
        evidence = Evidence(str(f.text("quote") or ""), 0, 0)
    return Role(
        entity=str(entity),
        title=str(title),
        of=opt(f.text("of")),
        date=date,
        article=article_id,
        evidence=evidence,
        path=path,
        line=node.line,
        id=str(role_id),
        review=review,
        confidence=confidence,
        field_lines=tuple((str(k), f.line_of(k)) for k in node),
    )


def _captions(f: Fields) -> tuple[str, ...]:
    """Photo captions, verbatim: quotable like the text (docs/annotating.md, rule 5)."""
    texts = f.texts("captions")
    for caption in texts:
        if not caption.strip():
            f.report(caption.line, "a caption is empty", "remove it or copy its text")
    return tuple(str(c) for c in texts)


def _updated(f: Fields, published: DateValue | None) -> DateValue | None:
    """``updated: YYYY-MM-DD``: when the article was last updated, on or after ``published``."""
    raw = f.text("updated")
    if raw is None:
        return None
    try:
        updated = parse_iso(raw)
    except DateError as exc:
        f.report(raw.line, str(exc), "write the date of the update as YYYY-MM-DD")
        return None
    if updated.precision != "day":
        f.report(raw.line, "'updated' must be a full date", "YYYY-MM-DD")
        return None
    if published is not None and published.precision == "day" and updated.iso < published.iso:
        f.report(
            raw.line,
            f"'updated' {updated.iso} is before 'published' {published.iso}",
            "give the date the article says it was updated, on or after its publication",
        )
        return None
    return updated


# Stands in for a missing or bad 'published' in a partial article: no claim date
# is after it, so no second message follows the one about the date itself.
_UNKNOWN_DATE = DateValue("9999-12-31", "day")


def read_article(path: Path, display: str, problems: list[Problem]) -> Article | None:
    """Read one ``articles/<id>.yaml``, recording every problem.

    Returns None only when the file is not a YAML mapping. When problems were
    recorded the article is *partial* (what could be read, with blanks for the
    rest, claims without a usable quote included): good for checking the rest
    of the file in the same pass, never for building.
    """
    doc, found = read_yaml(path, display)
    problems.extend(found)
    if doc is None and not found:
        problems.append(Problem(display, 1, "the article file is empty", "remove it or fill it"))
        return None
    node = as_mapping(doc, display, problems, "an article") if doc is not None else None
    if node is None:
        return None
    f = Fields(node, display, problems, "", ARTICLE_FIELDS)
    article_id = read_id(f, ARTICLE_ID, "lower-case letters, digits and '-', e.g. 2014-11-20-ap")
    if article_id is not None and article_id != path.stem:
        f.report(
            article_id.line,
            f"id {str(article_id)!r} differs from the file name",
            f"rename the file to {article_id}.yaml or change the id",
        )
    title = f.text("title", required=True)
    outlet = f.text("outlet", required=True)
    published: DateValue | None = None
    raw_published = f.text("published", required=True)
    if raw_published is not None:
        try:
            published = parse_iso(raw_published)
            if published.precision != "day":
                f.report(raw_published.line, "'published' must be a full date", "YYYY-MM-DD")
        except DateError as exc:
            f.report(raw_published.line, str(exc), "write the article's date as YYYY-MM-DD")
    anchor = (
        dt.date.fromisoformat(published.iso) if published and published.precision == "day" else None
    )
    updated = _updated(f, published)
    text = f.text("text", required=True)
    datelines = f.texts("dateline")
    captions = _captions(f)
    finder = QuoteFinder(str(text or ""), captions)
    roles = [
        _read_role(item, display, str(article_id or path.stem), finder, anchor, problems)
        for item in f.mappings("roles")
    ]
    claims = [_read_claim(item, display, finder, anchor, problems) for item in f.mappings("claims")]
    return Article(
        id=str(article_id or path.stem),
        title=str(title or ""),
        outlet=str(outlet or ""),
        published=published or _UNKNOWN_DATE,
        datelines=tuple(str(d) for d in datelines),
        text=str(text or ""),
        claims=tuple(c for c in claims if c is not None),
        agency=opt(f.text("agency")),
        url=opt(f.text("url")),
        source=opt(f.text("source")),
        updated=updated,
        captions=captions,
        roles=tuple(r for r in roles if r is not None),
        path=display,
        line=node.line,
        field_lines=tuple((str(k), f.line_of(k)) for k in node),
    )
