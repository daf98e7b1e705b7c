"""The edge of drafting: read pages and the registry, write article files and stubs.

Everything between is pure (:mod:`relgraph.draft.assemble`). Here a draft meets
the corpus as it is: an article file that already exists keeps its text, its
metadata and every claim and role in it (reviewed or not); only suggestions it
does not hold yet are added, under fresh ids. New-entity stubs go at the end of
``entities.yaml`` under a comment that marks them as suggested, each described
as such, so ``check`` stays green and ``git diff`` shows them for review. Files
are replaced atomically (temporary file, then rename).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from relgraph.core.errors import RelgraphError
from relgraph.core.files import write_atomic
from relgraph.core.model import Article
from relgraph.corpus.layout import ARTICLES, REGISTRY
from relgraph.corpus.registry import Registry
from relgraph.draft import NearMiss, Recommender, Stub
from relgraph.draft.assemble import Draft, draft_article
from relgraph.draft.merge import article_from_draft, merge_articles
from relgraph.draft.page import display_name, read_page

STUB_HEADER = "  # ---- suggested by relgraph draft: review type, name and country ----"


class DraftError(RelgraphError):
    """A draft cannot be written into the corpus."""


@dataclass(frozen=True)
class PageReport:
    page: str
    article: str | None = None
    path: str | None = None
    claims_added: int = 0
    roles_added: int = 0
    kept: int = 0
    stubs: tuple[Stub, ...] = ()
    near_misses: tuple[NearMiss, ...] = ()
    warnings: tuple[str, ...] = ()
    error: str | None = None
    #: what became of the page: new, updated, unchanged, renamed (its id was taken), refused
    outcome: str = "new"
    #: the id the page's metadata gave, when another page's article already had it
    taken: str | None = None

    def __str__(self) -> str:
        if self.error:
            return self.error
        kept = f", {self.kept} kept" if self.kept else ""
        counts = f"{self.claims_added} claims and {self.roles_added} roles suggested{kept}"
        if self.outcome == "renamed":
            return (
                f"{self.path}: {counts} (new article from {self.page}: {self.taken!r} "
                "was taken by another page's article)"
            )
        return f"{self.path}: {counts}"


OUTCOMES = ("new", "renamed", "updated", "unchanged", "refused")


@dataclass(frozen=True)
class RunReport:
    pages: tuple[PageReport, ...] = field(default_factory=tuple)

    @property
    def failed(self) -> int:
        return sum(1 for p in self.pages if p.error)

    def summary(self) -> list[str]:
        """What the run did: the count of each outcome, then every page, one a line,
        under its outcome (``page -> article id``)."""
        if not self.pages:
            return ["no pages to draft"]
        groups = [(o, [p for p in self.pages if p.outcome == o]) for o in OUTCOMES]
        groups = [(o, pages) for o, pages in groups if pages]
        counts = ", ".join(f"{len(pages)} {_OUTCOME_WORDS[o]}" for o, pages in groups)
        lines = [f"{len(self.pages)} pages drafted: {counts}"]
        for outcome, pages in groups:
            lines.append(f"{_OUTCOME_WORDS[outcome]}:")
            lines += [f"  {p.page}" + (f" -> {p.article}" if p.article else "") for p in pages]
        return lines


_OUTCOME_WORDS = {
    "new": "new",
    "renamed": "new under a distinct id (their id was taken by another page's article)",
    "updated": "re-drafted with suggestions added",
    "unchanged": "re-drafted with nothing new",
    "refused": "refused (see the messages above)",
}


def load_registry(corpus_dir: Path) -> Registry:
    """The corpus's entity registry, for linking; a registry with problems is refused."""
    from relgraph.core.errors import CorpusError, Problem
    from relgraph.corpus.registry import read_entities

    path = corpus_dir / REGISTRY
    if not path.is_file():
        raise DraftError("entity registry not found", path, hint="give --corpus the corpus folder")
    problems: list[Problem] = []
    registry = read_entities(path, str(path), problems)
    if problems:
        raise CorpusError(problems)
    return registry


def _atomic_write(path: Path, text: str) -> None:
    write_atomic(path, text.encode("utf-8"))


def _stub_entry(stub: Stub, article: str) -> str:
    lines = [
        f"  - id: {stub.id}",
        f"    type: {stub.type}",
        f"    name: {_quoted(stub.name)}",
    ]
    if stub.aliases:
        lines.append(f"    aliases: [{', '.join(_quoted(a) for a in stub.aliases)}]")
    if stub.country:
        lines.append(f"    country: {stub.country}")
    note = (
        f"Suggested by relgraph draft from {article} ({stub.reason}); "
        "review it, then write a description."
    )
    lines.append(f"    description: {_quoted(note)}")
    return "\n".join(lines)


def _quoted(text: str) -> str:
    import json

    return json.dumps(text, ensure_ascii=False)


def add_stubs(
    corpus_dir: Path, stubs: Sequence[Stub], article: str, registry: Registry
) -> list[Stub]:
    """Append stubs the registry lacks to ``entities.yaml``; returns those added."""
    new = [s for s in stubs if s.id not in registry]
    if not new:
        return []
    path = corpus_dir / REGISTRY
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    if STUB_HEADER not in text:
        text += "\n" + STUB_HEADER + "\n"
    text += "\n".join(_stub_entry(s, article) for s in new) + "\n"
    _atomic_write(path, text)
    return new


_SOURCE_LINE = re.compile(r"^source:\s*[\"']?([^\"'\n]+?)[\"']?\s*$", re.MULTILINE)


def drafted_from(corpus_dir: Path, source: str) -> Path | None:
    """The article file already drafted from this page (its ``source`` names the page),
    whatever id it has now: a reviewer may have renamed it."""
    name = Path(source).name
    for path in sorted((corpus_dir / ARTICLES).glob("*.yaml")):
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        found = _SOURCE_LINE.search(head)
        if found and Path(found.group(1)).name == name:
            return path
    return None


def _read_existing(path: Path) -> Article:
    from relgraph.core.errors import CorpusError, Problem
    from relgraph.corpus.article import read_article

    problems: list[Problem] = []
    article = read_article(path, str(path), problems)
    if article is None or problems:
        raise CorpusError(problems or [Problem(str(path), 0, "cannot read the article file")])
    return article


def write_draft(
    draft: Draft,
    corpus_dir: Path,
    registry: Registry | None = None,
    sources: dict[str, Path] | None = None,
) -> PageReport:
    """Write (or merge) one draft's article file and its stubs into the corpus.

    The page's own article (found by its ``source``, in ``sources`` when the run
    keeps an index) is merged into; an article file of another page with the same
    id is never touched: the draft gets a distinct id (``-2``, ``-3``, …). The
    article file is checked against the corpus reader before anything is written;
    stubs are added to the registry only then.
    """
    from relgraph.corpus.writer import dump_article

    registry = registry or load_registry(corpus_dir)
    name = Path(draft.source).name
    own = sources.get(name) if sources is not None else drafted_from(corpus_dir, draft.source)
    taken: str | None = None
    if own is None:
        wanted = draft.metadata.id
        free = _free_id(corpus_dir, wanted)
        if free != wanted:
            taken = wanted
            draft = replace(draft, metadata=replace(draft.metadata, id=free))
    fresh = article_from_draft(draft)
    path = own or corpus_dir / ARTICLES / f"{fresh.id}.yaml"
    existing = _read_existing(path) if own is not None and path.exists() else None
    from relgraph.corpus import rejections

    memory = rejections.read(corpus_dir, path.stem)  # what review rejected stays out
    merged, added_claims, added_roles, kept = merge_articles(existing, fresh, memory)
    used = _used_ids(merged)
    new_stubs = [s for s in draft.suggestions.stubs if s.id not in registry]
    if existing is not None:  # a re-draft adds only the stubs its new suggestions name
        new_stubs = [s for s in new_stubs if s.id in used]
    changed = existing is None or bool(added_claims or added_roles or new_stubs)
    if changed:
        text = dump_article(merged) + _stub_comment(new_stubs)
        path.parent.mkdir(parents=True, exist_ok=True)
        add_stubs(corpus_dir, new_stubs, merged.id, registry)
        _atomic_write(path, text)  # else the file stays as the reviewer left it, byte for byte
    if sources is not None:
        sources[name] = path
    outcome = (
        ("renamed" if taken else "new")
        if existing is None
        else ("updated" if changed else "unchanged")
    )
    return PageReport(
        draft.source,
        merged.id,
        str(path),
        added_claims,
        added_roles,
        kept,
        tuple(new_stubs),
        draft.suggestions.near_misses,
        draft.metadata.warnings,
        outcome=outcome,
        taken=taken,
    )


def _free_id(corpus_dir: Path, wanted: str) -> str:
    """``wanted``, or ``wanted-2``, ``wanted-3``, … : the first id no article file has."""
    folder = corpus_dir / ARTICLES
    candidate, n = wanted, 1
    while (folder / f"{candidate}.yaml").exists():
        n += 1
        candidate = f"{wanted}-{n}"
    return candidate


def source_index(corpus_dir: Path) -> dict[str, Path]:
    """Page name -> the article file drafted from it, for every article in the corpus
    (read once per run: looking each page up by scanning every file is quadratic)."""
    index: dict[str, Path] = {}
    for path in sorted((corpus_dir / ARTICLES).glob("*.yaml")):
        head = path.read_text(encoding="utf-8", errors="replace")[:4000]
        found = _SOURCE_LINE.search(head)
        if found:
            index.setdefault(Path(found.group(1)).name, path)
    return index


def _stub_comment(stubs: Sequence[Stub]) -> str:
    """The stubs this draft added to entities.yaml, as a comment after the article."""
    if not stubs:
        return ""
    lines = ["# new entities suggested by relgraph draft (added to entities.yaml, review them):"]
    for s in stubs:
        country = f", {s.country}" if s.country else ""
        lines.append(f"#   {s.id}: {s.type}{country} ({s.name})")
    return "\n".join(lines) + "\n"


def _used_ids(article: Article) -> set[str]:
    ids = {article.outlet, *article.datelines}
    if article.agency:
        ids.add(article.agency)
    for c in article.claims:
        ids.update(c.participants)
        ids.update(x for x in (c.object, c.place, c.asserted_by, c.host) if x)
        ids.update(c.denied_by)
    for r in article.roles:
        ids.update(x for x in (r.entity, r.of) if x)
    return ids


def draft_pages(
    pages: Sequence[Path],
    corpus_dir: Path,
    reference: dt.date | None = None,
    progress: Callable[[Path], None] | None = None,
    recommender: Recommender | None = None,
) -> RunReport:
    """Draft every page into the corpus; a page that cannot be read is reported, not fatal.

    ``progress`` is called after each page (the CLI draws a progress bar with it).
    """
    reference = reference or dt.date.today()
    registry = load_registry(corpus_dir)
    sources = source_index(corpus_dir)
    reports = []
    for page_path in pages:
        try:
            page = read_page(page_path)
            source = _source_name(page_path, corpus_dir)
            draft = draft_article(page, registry, source, reference, recommender)
            report = write_draft(draft, corpus_dir, registry, sources)
            registry = load_registry(corpus_dir) if report.stubs else registry
        except RelgraphError as exc:  # this page only: the others are still drafted
            report = PageReport(display_name(page_path), error=str(exc), outcome="refused")
        reports.append(report)
        if progress is not None:
            progress(page_path)
    return RunReport(tuple(reports))


PAGE_SUFFIXES = (".txt", ".html", ".htm", ".xhtml")


def page_files(paths: Sequence[Path]) -> list[Path]:
    """The pages named, folders expanded to the pages in them (sorted by name)."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files += sorted(
                p for p in path.iterdir() if p.is_file() and p.suffix.lower() in PAGE_SUFFIXES
            )
        else:
            files.append(path)
    return files


def _source_name(page: Path, corpus_dir: Path) -> str:
    try:
        return page.resolve().relative_to(corpus_dir.resolve()).as_posix()
    except ValueError:
        return page.name
