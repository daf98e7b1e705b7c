"""Cross-file checks: ids, references, predicates, domain and range, dates.

These need the whole corpus and the vocabulary, so they run after reading. Each
problem names the file and line the curator must edit and suggests a fix.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from relgraph.core.dates import period_start
from relgraph.core.errors import CorpusError, Problem
from relgraph.core.model import Article, Claim, Corpus, Entity
from relgraph.corpus.fields import did_you_mean
from relgraph.corpus.hints import Ids, predicate_hint
from relgraph.corpus.layout import REGISTRY
from relgraph.corpus.reader import read_corpus
from relgraph.rdf.namespaces import RG
from relgraph.rdf.vocabulary import Vocabulary, load_vocabulary


def _check_registry(entities: tuple[Entity, ...], vocab: Vocabulary) -> list[Problem]:
    problems: list[Problem] = []
    seen: dict[str, Entity] = {}
    names: dict[str, Entity] = {}
    for e in entities:
        if e.id in seen:
            first = seen[e.id]
            problems.append(
                Problem(
                    e.path,
                    e.line,
                    f"entity {e.id}: duplicate entity id",
                    f"first defined on line {first.line}",
                )
            )
            continue
        seen[e.id] = e
        if e.type not in vocab.entity_types:
            problems.append(
                Problem(
                    e.path,
                    e.line,
                    f"entity {e.id}: unknown type {e.type!r}",
                    did_you_mean(e.type, vocab.entity_types)
                    or "types: " + ", ".join(vocab.entity_types),
                )
            )
        for name in dict.fromkeys(e.names):
            other = names.get(name.casefold())
            if other is not None and other.id != e.id:
                problems.append(
                    Problem(
                        e.path,
                        e.line,
                        f"entity {e.id}: name {name!r} also names {other.id!r}",
                        "an alias must belong to one entity",
                    )
                )
            names.setdefault(name.casefold(), e)
    registry = Ids(entities)
    for e in entities:
        if e.country is not None:
            _expect(
                problems,
                registry,
                e.country,
                {"Country"},
                e.path,
                e.line,
                f"entity {e.id}: country",
            )
    return problems


def _expect(
    problems: list[Problem],
    registry: Ids,
    value: str,
    types: Iterable[str],
    path: str,
    line: int,
    what: str,
) -> Entity | None:
    """Report an unknown id or one of the wrong type; return the entity if fine."""
    allowed = frozenset(types)
    if not value:  # a missing field, already reported where it is read
        return None
    entity = registry.by_id.get(value)
    if entity is None and (not registry.usable or value in registry.broken):
        return None
    if entity is None:
        hint = registry.unknown_hint(value)
        problems.append(Problem(path, line, f"{what}: unknown entity {value!r}", hint))
        return None
    if entity.type not in allowed:
        problems.append(
            Problem(
                path,
                line,
                f"{what}: {value!r} is a {entity.type}, expected " + " or ".join(sorted(allowed)),
            )
        )
        return None
    return entity


def _check_claim(
    claim: Claim, article: Article, registry: Ids, vocab: Vocabulary, ids: set[str]
) -> list[Problem]:
    problems: list[Problem] = []
    where = f"claim {claim.id}"
    path = article.path
    predicate = vocab.predicates.get(claim.predicate)
    if predicate is None:
        problems.append(
            Problem(
                path,
                claim.line_of("predicate"),
                f"{where}: unknown predicate {claim.predicate!r}",
                predicate_hint(claim.predicate, vocab),
            )
        )
        return problems
    if predicate.registry_only:
        problems.append(
            Problem(
                path,
                claim.line_of("predicate"),
                f"{where}: {claim.predicate!r} is written in the article's 'roles' list",
                "move it to 'roles:' with entity, title, of and quote",
            )
        )
    field = "participants" if len(claim.participants) > 1 else "subject"
    for p in claim.participants:
        _expect(
            problems,
            registry,
            p,
            predicate.domain,
            path,
            claim.line_of(field),
            f"{where}: {claim.predicate} {field}",
        )
    if predicate.object_kind == "statement":
        if claim.object is not None:
            problems.append(
                Problem(
                    path,
                    claim.line_of("object"),
                    f"{where}: {claim.predicate!r} takes 'about', not 'object'",
                    "name the denied claim's id in 'about'",
                )
            )
        if claim.about is None:
            problems.append(
                Problem(
                    path,
                    claim.line,
                    f"{where}: missing field 'about'",
                    f"{claim.predicate!r} refers to another claim by id",
                )
            )
    elif claim.object is None:
        if not (predicate.symmetric and len(claim.participants) > 1):
            problems.append(Problem(path, claim.line, f"{where}: missing field 'object'"))
    else:
        if predicate.symmetric and len(claim.participants) > 1:
            problems.append(
                Problem(
                    path,
                    claim.line_of("object"),
                    f"{where}: with 'participants', {claim.predicate!r} takes no 'object'",
                    "list everyone in 'participants'",
                )
            )
        _expect(
            problems,
            registry,
            claim.object,
            predicate.range,
            path,
            claim.line_of("object"),
            f"{where}: {claim.predicate} object",
        )
        if claim.object in claim.participants:
            problems.append(
                Problem(
                    path,
                    claim.line_of("object"),
                    f"{where}: subject and object are the same entity",
                )
            )
    if claim.about is not None:
        if claim.about not in ids:
            problems.append(
                Problem(
                    path,
                    claim.line_of("about"),
                    f"{where}: 'about' names unknown claim {claim.about!r}",
                    did_you_mean(claim.about, ids),
                )
            )
        elif claim.about == claim.id:
            problems.append(Problem(path, claim.line_of("about"), f"{where}: refers to itself"))
    actors = vocab.covers[RG + "Actor"]
    if claim.host is not None:
        _expect(
            problems, registry, claim.host, actors, path, claim.line_of("host"), f"{where}: host"
        )
    if claim.place is not None:
        _expect(
            problems,
            registry,
            claim.place,
            {"Place", "Country"},
            path,
            claim.line_of("place"),
            f"{where}: place",
        )
    if claim.asserted_by is not None:
        _expect(
            problems,
            registry,
            claim.asserted_by,
            actors,
            path,
            claim.line_of("asserted_by"),
            f"{where}: asserted_by",
        )
    for d in claim.denied_by:
        _expect(
            problems, registry, d, actors, path, claim.line_of("denied_by"), f"{where}: denied_by"
        )
    unnamed = [("asserted_by", claim.asserted_by_unnamed)] if claim.asserted_by_unnamed else []
    unnamed += [("denied_by", u) for u in claim.denied_by_unnamed]
    for key, source in unnamed:
        if source.affiliation is not None:
            kinds = {"Organization", "Country"}
            line = source.line_of("affiliation", claim.line_of(key))
            what = f"{where}: {key} affiliation"
            _expect(problems, registry, source.affiliation, kinds, path, line, what)
        if source.country is not None:
            line = source.line_of("country", claim.line_of(key))
            what = f"{where}: {key} country"
            _expect(problems, registry, source.country, {"Country"}, path, line, what)
    latest = article.latest
    if (
        claim.date is not None
        and claim.status != "planned"
        and period_start(claim.date) > period_start(latest)
    ):
        said = "update" if article.updated else "date"
        hint = "use status: planned for what is expected"
        if article.updated is None:
            hint += "; if the article says it was updated, give 'updated: YYYY-MM-DD'"
        problems.append(
            Problem(
                path,
                claim.line_of("date"),
                f"{where}: date {claim.date.iso} is after the article's {said} {latest.iso}",
                hint,
            )
        )
    return problems


def _check_roles(article: Article, registry: Ids) -> list[Problem]:
    """Roles an article attests: a known person, a title of a country or organisation."""
    problems: list[Problem] = []
    ids: dict[str, int] = {}
    keys: dict[str, int] = {}
    for r in article.roles:
        where = f"role {r.id}"
        if r.id in ids:
            hint = f"first used on line {ids[r.id]}"
            problems.append(Problem(r.path, r.line, f"{where}: duplicate role id", hint))
        ids.setdefault(r.id, r.line)
        if r.key in keys:
            hint = f"same person, title and date as line {keys[r.key]}"
            problems.append(Problem(r.path, r.line, f"{where}: duplicate role", hint))
        keys.setdefault(r.key, r.line)
        _expect(problems, registry, r.entity, {"Person"}, r.path, r.line_of("entity"), where)
        if r.of is not None:
            _expect(
                problems,
                registry,
                r.of,
                {"Country", "Organization"},
                r.path,
                r.line_of("of"),
                f"{where}: 'of'",
            )
    return problems


def _check_article(article: Article, registry: Ids, vocab: Vocabulary) -> list[Problem]:
    problems: list[Problem] = []
    path = article.path
    _expect(
        problems,
        registry,
        article.outlet,
        {"Organization"},
        path,
        article.line_of("outlet"),
        "outlet",
    )
    if article.agency is not None:
        _expect(
            problems,
            registry,
            article.agency,
            {"Organization"},
            path,
            article.line_of("agency"),
            "agency",
        )
    for place in article.datelines:
        _expect(
            problems,
            registry,
            place,
            {"Place", "Country"},
            path,
            article.line_of("dateline"),
            "dateline",
        )
    ids: set[str] = set()
    for claim in article.claims:
        if claim.id in ids:
            problems.append(
                Problem(
                    path,
                    claim.line,
                    f"claim {claim.id}: duplicate claim id",
                    "claim ids are unique within an article",
                )
            )
        ids.add(claim.id)
    for claim in article.claims:
        problems.extend(_check_claim(claim, article, registry, vocab, ids))
    problems.extend(_check_roles(article, registry))
    return problems


def validate(corpus: Corpus, vocab: Vocabulary | None = None) -> list[Problem]:
    """Every cross-reference problem in a corpus (its unreadable parts left out)."""
    vocab = vocab or load_vocabulary()
    problems = _check_registry(corpus.entities, vocab)
    registry = Ids(corpus.entities, corpus.registry_usable, corpus.broken_entities)
    for article in corpus.articles:
        problems.extend(_check_article(article, registry, vocab))
    return problems


def ordered(problems: Iterable[Problem]) -> list[Problem]:
    """Problems once each, the registry's first (ids depend on it), then by file and line."""

    def key(p: Problem) -> tuple[bool, str, int, str]:
        return (not p.path.endswith(REGISTRY), p.path, p.line, p.message)

    return sorted(set(problems), key=key)


def check_corpus(root: Path) -> tuple[Corpus, list[Problem]]:
    """Read and validate a corpus folder; every problem, registry first, by file and line."""
    corpus, problems = read_corpus(root)
    return corpus, ordered(problems + validate(corpus))


def load_subset(root: Path, names: Iterable[str]) -> Corpus:
    """The registry and some articles, validated; ``CorpusError`` on any problem.

    Two files holding one article id are refused here too, as in a full build.
    """
    from relgraph.corpus.layout import article_paths
    from relgraph.corpus.reader import duplicate_ids, read_subset

    corpus, problems = read_subset(root, names)
    problems = duplicate_ids(article_paths(root)) + problems + validate(corpus)
    if problems:
        raise CorpusError(ordered(problems))
    return corpus


def load_corpus(root: Path) -> Corpus:
    """A valid corpus, or :class:`CorpusError` listing every problem."""
    corpus, problems = check_corpus(root)
    if problems:
        raise CorpusError(problems)
    return corpus


__all__ = ["check_corpus", "load_corpus", "load_subset", "ordered", "validate"]
