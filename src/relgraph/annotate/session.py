"""The annotation app's library: one corpus folder, every action the page can ask for.

The web server only translates HTTP to these calls. Everything here is stateless
per article (the page holds its document and the etag of the file it opened),
so two tabs never share hidden state: the file on disk decides, and a save over
a file that changed since the page opened it is refused (the refused version is
kept in ``.annotate/unsaved/`` so no work is lost).
"""

from __future__ import annotations

import datetime as dt
import re
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relgraph.annotate import calibration, choices, ops, registry
from relgraph.annotate.check import Registry, check_document, load_registry
from relgraph.annotate.document import (
    MEMORY,
    ConflictError,
    Document,
    dump_document,
    etag_of,
    read_document,
    save_document,
)
from relgraph.annotate.view import build_view, quote_status, suggestion_count
from relgraph.core.errors import CorpusError, Problem, RelgraphError
from relgraph.core.files import write_atomic
from relgraph.corpus import rejections
from relgraph.corpus.layout import REGISTRY, article_names, article_path

# An id names a file (id.yaml): longer than a file name may be, it names no article.
_ARTICLE_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,249}\Z")
UNSAVED = Path(".annotate") / "unsaved"


class NotFound(RelgraphError):
    """No such article in the corpus."""


@dataclass
class Annotator:
    """Annotation actions over the corpus folder ``root``."""

    root: Path
    #: the recommender (a name in relgraph.draft.RECOMMENDERS) that drafts a page opened
    recommender: str = "rules"
    _registry: Registry | None = field(default=None, repr=False)
    _stamp: tuple[int, int] | None = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)
    # entity edits applied in this run, so the page's undo can reverse them
    _applied: list[Any] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        if not (self.root / REGISTRY).is_file():
            raise CorpusError(
                [
                    Problem(
                        str(self.root),
                        0,
                        "no entities.yaml here",
                        "give the corpus folder with --corpus (default: data/)",
                    )
                ]
            )

    # -- registry -----------------------------------------------------------------------
    def registry(self) -> Registry:
        """The registry, read again whenever ``entities.yaml`` changed on disk."""
        stat = (self.root / REGISTRY).stat()
        stamp = (stat.st_mtime_ns, stat.st_size)
        with self._lock:
            if self._registry is None or stamp != self._stamp:
                self._registry, self._stamp = load_registry(self.root), stamp
            return self._registry

    # -- articles -----------------------------------------------------------------------
    def path_of(self, article_id: str) -> Path:
        if not _ARTICLE_ID.match(article_id):
            raise NotFound(f"bad article id {article_id[:80]!r}")
        path = article_path(self.root, article_id)
        if not path.is_file():
            raise NotFound(f"no article {article_id!r}", self.root / "articles")
        return path

    def target(self, given: str | None) -> str | None:
        """The article to open for the command's argument (none: the list of articles).

        An article id or file opens that article; a saved news page is drafted
        first (``relgraph draft``: a page drafted before is merged, reviewed items
        kept) and its article opened.
        """
        if not given:
            return None
        path = Path(given)
        if path.suffix in (".yaml", ".yml") and path.is_file():
            self.path_of(path.stem)
            return path.stem
        if path.is_file():
            return self.draft(path)
        self.path_of(given)
        return given

    def draft(self, page: Path) -> str:
        """Draft one saved page into the corpus; the id of its article."""
        from relgraph.draft import recommender
        from relgraph.draft.run import draft_pages

        report = draft_pages([page], self.root, recommender=recommender(self.recommender)).pages[0]
        if report.error or report.article is None:
            raise NotFound(report.error or f"{page}: no article drafted")
        return report.article

    def list_articles(self) -> list[dict[str, Any]]:
        """Every article with its title and how many suggestions await review."""
        found: list[dict[str, Any]] = []
        for name in article_names(self.root):
            path = self.root / "articles" / name
            try:
                doc, _ = read_document(path)
            except CorpusError as exc:
                found.append({"id": Path(name).stem, "title": "", "error": str(exc)})
                continue
            found.append(
                {
                    "id": Path(name).stem,
                    "title": doc.get("title") if isinstance(doc.get("title"), str) else "",
                    "suggestions": suggestion_count(doc),
                }
            )
        return found

    def view(self, article_id: str, doc: Document) -> dict[str, Any]:
        path = self.path_of(article_id)
        reg = self.registry()
        problems = check_document(doc, str(path), reg)
        return build_view(doc, reg, problems)

    def open(self, article_id: str) -> dict[str, Any]:
        """The document, the etag of its file and the view: what a page starts from."""
        doc, etag = read_document(self.path_of(article_id))
        memory = rejections.read(self.root, article_id)
        if memory:
            doc[MEMORY] = memory
        return {"doc": doc, "etag": etag, "view": self.view(article_id, doc)}

    def etag(self, article_id: str) -> str:
        """The etag of the file as it is now (the page compares it with the one it opened)."""
        return etag_of(self.path_of(article_id).read_bytes())

    def apply(self, article_id: str, doc: Document, op: dict[str, Any]) -> dict[str, Any]:
        new = ops.apply(doc, op)
        return {"doc": new, "view": self.view(article_id, new)}

    def save(self, article_id: str, doc: Document, etag: str) -> dict[str, Any]:
        """Write atomically if the file is as opened; on conflict keep the work aside."""
        path = self.path_of(article_id)
        memory = doc.get(MEMORY)
        items = [m for m in memory if isinstance(m, dict)] if isinstance(memory, list) else []

        def remember() -> None:
            rejections.write(self.root, article_id, items)

        try:
            return {"etag": save_document(path, doc, etag, remember)}
        except ConflictError as exc:
            kept = self.keep_unsaved(article_id, doc)
            exc.hint = f"your version is kept in {kept}; reload to see the file as it is now"
            raise

    def keep_unsaved(self, article_id: str, doc: Document) -> Path:
        folder = self.root / UNSAVED
        folder.mkdir(parents=True, exist_ok=True)
        target = folder / f"{article_id}.yaml"
        write_atomic(target, dump_document(doc).encode("utf-8"))
        return target

    # -- the editor's choices -----------------------------------------------------------
    def choices(self) -> dict[str, Any]:
        return {
            "predicates": choices.predicates(),
            "types": choices.entity_types(),
            "statuses": list(choices.STATUSES),
            "families": choices.families(),
            "calibration": calibration.load().as_json(),
        }

    def search(self, slot: str, predicate: str | None, query: str) -> list[dict[str, str]]:
        return choices.search_entities(self.registry(), slot, predicate, query)

    def quote(self, doc: Document, text: str, predicate: str | None) -> dict[str, Any]:
        """Uniqueness of a selection and the arguments a claim quoting it would get."""
        status = quote_status(doc, text)
        reg = self.registry()
        try:
            published: dt.date | None = dt.date.fromisoformat(str(doc.get("published")))
        except ValueError:
            published = None
        guess = choices.guess_arguments(reg, text, predicate, published=published)
        names = reg.by_id()
        ids = [v for k, v in guess.items() if k in ("subject", "object", "place")]
        ids += guess.get("participants", [])
        guess["labels"] = {v: f"{names[v].name} ({names[v].type})" for v in ids if v in names}
        status["guess"] = guess
        status["suggested_id"] = registry.suggest_id(text)
        return status

    def add_entity(self, fields: dict[str, Any]) -> int:
        """A new entity; the number that undoes it (``entity_undo``)."""
        return self._undoable(
            f"new entity {fields.get('id')}", lambda: registry.add_entity(self.root, fields)
        )

    def add_alias(self, entity_id: str, alias: str) -> int:
        """A new alias; the number that undoes it."""
        return self._undoable(
            f"alias {alias!r} of {entity_id}",
            lambda: registry.add_alias(self.root, entity_id, alias),
        )

    def _undoable(self, title: str, edit: Callable[[], object]) -> int:
        """Run an edit of entities.yaml and remember its bytes before and after, so the
        page's undo can put them back (as it does an entity plan's)."""
        from relgraph.annotate.entities import FileChange, Plan

        path = self.root / REGISTRY
        before = path.read_bytes()
        edit()
        change = FileChange(path, before, path.read_bytes(), (title,))
        with self._lock:
            self._applied.append(Plan(title, (change,), 0, 0))
            return len(self._applied) - 1

    # -- entity edits across files: a plan to preview, then applied in one step --------
    def entity_plan(self, action: str, entity_id: str, value: str = "") -> dict[str, Any]:
        """What the edit would change, in which files (nothing written)."""
        from relgraph.annotate import entities

        return entities.plan(self.root, action, entity_id, value).as_json(self.root)

    def entity_apply(self, action: str, entity_id: str, value: str = "") -> dict[str, Any]:
        """Make the edit: every file of its plan written atomically, articles first."""
        from relgraph.annotate import entities

        plan = entities.plan(self.root, action, entity_id, value)
        entities.apply(plan)
        with self._lock:
            self._applied.append(plan)
            number = len(self._applied) - 1
        return {**plan.as_json(self.root), "undo": number}

    def entity_undo(self, number: int) -> dict[str, Any]:
        """Reverse an entity edit of this run, if none of its files changed since."""
        from relgraph.annotate import entities

        with self._lock:
            if not 0 <= number < len(self._applied) or self._applied[number] is None:
                raise NotFound(f"no entity edit number {number} to undo")
            plan = self._applied[number]
        entities.apply(entities.reverse(plan))
        with self._lock:
            self._applied[number] = None
        return {"undone": plan.title}

    def page(self, article_id: str, doc: Document) -> dict[str, Any]:
        """The article's saved page, block by block, marked kept or lost."""
        from relgraph.annotate.source import compare

        self.path_of(article_id)
        return compare(self.root, doc)
