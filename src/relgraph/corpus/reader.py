"""Read an annotated corpus folder into the domain model.

Reading does everything that needs one file: YAML safety, field names and types,
dates (relative ones resolved against the article date) and locating each quote
in the article text. Cross-file checks (entity ids, predicates, domain and range)
are in :mod:`relgraph.corpus.validate`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from pathlib import Path

from relgraph.corpus.fields import Fields, as_mapping
from relgraph.corpus.layout import ARTICLES, REGISTRY, article_path, article_paths
from relgraph.corpus.yamlsafe import LMap, LStr, read_yaml
from relgraph.dates import DATE_HINT, DateError, parse_iso, resolve
from relgraph.errors import CorpusError, Problem
from relgraph.model import STATUSES, Article, Claim, Corpus, DateValue, Entity, Evidence, Role

ENTITY_FIELDS = ("id", "type", "name", "aliases", "country", "description", "roles")
ROLE_FIELDS = ("title", "of", "date", "article", "quote")
ARTICLE_FIELDS = (
    "id",
    "title",
    "outlet",
    "agency",
    "published",
    "dateline",
    "url",
    "source",
    "text",
    "claims",
)
CLAIM_FIELDS = (
    "id",
    "predicate",
    "subject",
    "object",
    "participants",
    "host",
    "about",
    "date",
    "place",
    "status",
    "asserted_by",
    "denied_by",
    "detail",
    "quote",
)

_ARTICLE_ID = re.compile(r"[a-z0-9][a-z0-9-]*\Z")
_CLAIM_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]*\Z")
_ENTITY_ID = re.compile(r"[a-z][a-z0-9_]*\Z")


def locate_quote(text: str, quote: str) -> tuple[Evidence | None, str, str]:
    """Find a verbatim quote; on failure say why and show where it diverges."""
    count = text.count(quote)
    if count == 1:
        start = text.index(quote)
        return Evidence(str(quote), start, start + len(quote)), "", ""
    if count > 1:
        return None, f"quote occurs {count} times in the text", "lengthen it until it is unique"
    lo, hi = 0, len(quote)
    while lo < hi:  # longest prefix of the quote that is in the text
        mid = (lo + hi + 1) // 2
        if quote[:mid] in text:
            lo = mid
        else:
            hi = mid - 1
    if lo < 8:
        return None, "quote not found in the article text", "copy it verbatim from 'text'"
    at = text.index(quote[:lo])
    return (
        None,
        "quote not found in the article text",
        f"the first {lo} characters match; then the text has "
        f"{text[at + lo : at + lo + 25]!r} where the quote has {quote[lo : lo + 25]!r}",
    )


def _date(fields: Fields, key: str, anchor: dt.date | None) -> DateValue | None:
    raw = fields.text(key)
    if raw is None:
        return None
    try:
        return resolve(raw, anchor)
    except DateError as exc:
        fields.report(fields.line_of(key), str(exc), DATE_HINT)
        return None


def _id(fields: Fields, pattern: re.Pattern[str], hint: str) -> LStr | None:
    value = fields.text("id", required=True)
    if value is not None and not pattern.match(value):
        fields.report(value.line, f"bad id {str(value)!r}", hint)
        return None
    return value


def _read_claim(
    node: LMap, path: str, text: str, anchor: dt.date | None, problems: list[Problem]
) -> Claim | None:
    before = len(problems)
    raw_id = node.get("id")
    where = f"claim {raw_id}" if isinstance(raw_id, LStr) else "claim"
    f = Fields(node, path, problems, where, CLAIM_FIELDS)
    claim_id = _id(f, _CLAIM_ID, "use letters, digits, '-' and '_', e.g. c07")
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
    date = _date(f, "date", anchor)
    quote = f.text("quote", required=True)
    evidence = None
    if quote is not None:
        evidence, message, hint = locate_quote(text, quote)
        if evidence is None:
            f.report(quote.line, message, hint)
    if len(problems) != before or claim_id is None or predicate is None or evidence is None:
        return None
    lines = tuple((str(k), f.line_of(k)) for k in node)
    return Claim(
        id=str(claim_id),
        predicate=str(predicate),
        participants=tuple(str(p) for p in participants) if participants else (str(subject),),
        object=_opt(f.text("object")),
        evidence=evidence,
        date=date,
        place=_opt(f.text("place")),
        host=_opt(f.text("host")),
        about=_opt(f.text("about")),
        status=str(status),  # type: ignore[arg-type]  # checked against STATUSES above
        asserted_by=_opt(f.text("asserted_by")),
        denied_by=tuple(str(d) for d in f.texts("denied_by")),
        detail=_opt(f.text("detail")),
        line=node.line,
        field_lines=lines,
    )


def _opt(value: LStr | None) -> str | None:
    return None if value is None else str(value)


def read_article(path: Path, display: str, problems: list[Problem]) -> Article | None:
    """Read one ``articles/<id>.yaml``; record problems and return None if unusable."""
    doc, found = read_yaml(path, display)
    problems.extend(found)
    node = as_mapping(doc, display, problems, "an article") if doc is not None else None
    if node is None:
        return None
    before = len(problems)
    f = Fields(node, display, problems, "", ARTICLE_FIELDS)
    article_id = _id(f, _ARTICLE_ID, "lower-case letters, digits and '-', e.g. 2014-11-20-ap")
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
    text = f.text("text", required=True)
    datelines = f.texts("dateline")
    claims: list[Claim] = []
    for item in f.mappings("claims"):
        claim = _read_claim(item, display, str(text or ""), anchor, problems)
        if claim is not None:
            claims.append(claim)
    if len(problems) != before or None in (article_id, title, outlet, published, text):
        return None
    assert published is not None
    return Article(
        id=str(article_id),
        title=str(title),
        outlet=str(outlet),
        published=published,
        datelines=tuple(str(d) for d in datelines),
        text=str(text),
        claims=tuple(claims),
        agency=_opt(f.text("agency")),
        url=_opt(f.text("url")),
        source=_opt(f.text("source")),
        path=display,
        line=node.line,
        field_lines=tuple((str(k), f.line_of(k)) for k in node),
    )


def _read_role(
    node: LMap,
    entity_id: str,
    path: str,
    articles: dict[str, Article],
    broken: set[str],
    problems: list[Problem],
) -> Role | None:
    before = len(problems)
    f = Fields(node, path, problems, f"entity {entity_id}: role", ROLE_FIELDS)
    title = f.text("title", required=True)
    article_id = f.text("article", required=True)
    quote = f.text("quote", required=True)
    article = articles.get(str(article_id)) if article_id is not None else None
    if article_id is not None and article is None and article_id not in broken:
        f.report(
            article_id.line,
            f"unknown article {str(article_id)!r}",
            "give the id of an article in articles/",
        )
    if article is None:  # unknown (reported above) or unreadable (reported in its file)
        return None
    date = _date(f, "date", dt.date.fromisoformat(article.published.iso))
    evidence = None
    if quote is not None:
        evidence, message, hint = locate_quote(article.text, quote)
        if evidence is None:
            f.report(quote.line, message + f" of {article.id}", hint)
    if len(problems) != before or title is None or evidence is None:
        return None
    return Role(
        entity_id, str(title), _opt(f.text("of")), date, article.id, evidence, path, node.line
    )


def read_entities(
    path: Path,
    display: str,
    articles: dict[str, Article],
    problems: list[Problem],
    broken: set[str] | None = None,
) -> list[Entity]:
    """Read ``entities.yaml``; roles are checked against the articles already read.

    ``broken`` names articles whose files exist but were not read here (they
    failed to read, or an incremental build does not need them): a role citing
    one is skipped without a message.
    """
    broken = broken or set()
    doc, found = read_yaml(path, display)
    problems.extend(found)
    node = as_mapping(doc, display, problems, "with an 'entities' list") if doc else None
    if node is None:
        if doc is None and not found:
            problems.append(Problem(display, 0, "the entity registry is empty"))
        return []
    top = Fields(node, display, problems, "", ("entities",))
    entities = []
    for item in top.mappings("entities"):
        before = len(problems)
        raw_id = item.get("id")
        where = f"entity {raw_id}" if isinstance(raw_id, LStr) else "entity"
        f = Fields(item, display, problems, where, ENTITY_FIELDS)
        entity_id = _id(f, _ENTITY_ID, "lower-case letters, digits and '_', e.g. kim_jong_un")
        kind = f.text("type", required=True)
        name = f.text("name", required=True)
        aliases = f.texts("aliases")
        roles = [
            _read_role(r, str(entity_id), display, articles, broken, problems)
            for r in f.mappings("roles")
            if entity_id is not None
        ]
        if len(problems) != before or entity_id is None or kind is None or name is None:
            continue
        entities.append(
            Entity(
                id=str(entity_id),
                type=str(kind),
                name=str(name),
                aliases=tuple(str(a) for a in aliases),
                country=_opt(f.text("country")),
                description=_opt(f.text("description")),
                roles=tuple(r for r in roles if r is not None),
                path=display,
                line=item.line,
            )
        )
    return entities


PARALLEL_FROM = 400  # articles; below this a process pool costs more than it saves


def _read_one(path: Path) -> tuple[Article | None, list[Problem]]:
    problems: list[Problem] = []
    return read_article(path, str(path), problems), problems


def _read_all(files: list[Path]) -> list[tuple[Article | None, list[Problem]]]:
    """Read article files, in a process pool when there are many (YAML parsing is CPU-bound).

    Results come back in file order, so the corpus is the same either way.
    """
    import multiprocessing
    import os
    import threading
    from concurrent.futures import ProcessPoolExecutor

    workers = min(os.cpu_count() or 1, 8)
    if len(files) < PARALLEL_FROM or workers < 2 or threading.active_count() > 1:
        return [_read_one(p) for p in files]
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        return list(pool.map(_read_one, files, chunksize=64))


def read_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Read a corpus folder: ``entities.yaml`` and ``articles/*.yaml``.

    Returns the corpus (with unusable parts left out) and every problem found.
    A missing folder raises :class:`CorpusError` at once.
    """
    if not root.is_dir():
        raise CorpusError(
            [
                Problem(
                    str(root),
                    0,
                    "corpus folder not found",
                    "give the folder holding entities.yaml and articles/",
                )
            ]
        )
    problems: list[Problem] = []
    files = article_paths(root)
    if not files:
        problems.append(Problem(str(root / ARTICLES), 0, "no article files (*.yaml) found"))
    articles = []
    for article, found in _read_all(files):
        problems.extend(found)
        if article is not None:
            articles.append(article)
    entities = read_registry(root, articles, [p.stem for p in files], problems)
    return Corpus(tuple(entities), tuple(articles)), problems


def read_registry(
    root: Path, articles: Iterable[Article], existing: Iterable[str], problems: list[Problem]
) -> list[Entity]:
    """``entities.yaml``, its roles checked against the articles read.

    ``existing`` names every article file; a role citing one that was not read
    (it failed to read) is skipped, its file's own problems say enough.
    """
    registry = root / REGISTRY
    if not registry.is_file():
        problems.append(Problem(str(registry), 0, "entity registry not found"))
        return []
    by_id = {a.id: a for a in articles}
    broken = set(existing) - set(by_id)
    return read_entities(registry, str(registry), by_id, problems, broken)


def read_subset(
    root: Path, names: Iterable[str], existing: Iterable[str]
) -> tuple[Corpus, list[Problem]]:
    """The registry and only the named articles (for incremental builds).

    ``existing`` is every article id in the corpus: roles citing an existing
    article that is not read here are skipped, roles citing a missing one are
    reported as usual.
    """
    problems: list[Problem] = []
    articles = []
    for name in names:
        path = article_path(root, name)
        article = read_article(path, str(path), problems)
        if article is not None:
            articles.append(article)
    registry = root / REGISTRY
    by_id = {a.id: a for a in articles}
    skip = set(existing) - set(by_id)
    entities = read_entities(registry, str(registry), by_id, problems, skip)
    return Corpus(tuple(entities), tuple(articles)), problems
