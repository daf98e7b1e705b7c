"""bench/draft_gold.py: pages with gold files are drafted and scored as documented
(names matched by name, a description matched by its words, the transfer's
recipient compared, misses listed), and every line carries its set's label."""

from __future__ import annotations

import datetime as dt
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from relgraph.draft.run import load_registry

ROOT = Path(__file__).resolve().parent.parent
TESTDATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(scope="module")
def draft_gold() -> ModuleType:
    spec = importlib.util.spec_from_file_location("draft_gold", ROOT / "bench" / "draft_gold.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["draft_gold"] = module
    spec.loader.exec_module(module)
    return module


def test_a_page_with_gold_is_scored(draft_gold: ModuleType) -> None:
    registry = load_registry(TESTDATA / "draft")
    [(result, draft)] = draft_gold.evaluate_folder(
        TESTDATA / "gold", registry, dt.date(2026, 11, 30), gold_date=True
    )
    assert draft.metadata.published == dt.date(2014, 11, 20)
    # met (a set of parties), transferred (the recipient in "troops (to Russia)"), and the
    # planned visit are found; the signing of an unnamed agreement is missed
    assert (result.claims.tp, result.claims.fp, result.claims.fn) == (3, 0, 1)
    assert result.per_predicate["signed"].fn == 1
    assert ("missed", "signed") in {m[:2] for m in result.misses}
    assert result.matched["matched"] == 3
    assert result.matched["status"] == 3 and result.matched["attribution"] == 3
    assert result.matched["date"] == 3  # Thursday; no date of the saying; next month
    assert (result.roles.tp, result.roles.fp, result.roles.fn) == (1, 0, 0)
    assert result.matched["nameable"] == 3  # "rail agreement" names no entity
    report = draft_gold.report("unseen", [result])
    assert "claims (unseen): P 1.00, R 0.75 (3 of 4 gold facts, 3 drafted)" in report
    assert all("(unseen" in line for line in report.splitlines() if line.startswith("- "))


def test_names_match_as_an_analyst_writes_them(draft_gold: ModuleType) -> None:
    registry = load_registry(TESTDATA / "draft")
    [(_, draft)] = draft_gold.evaluate_folder(TESTDATA / "gold", registry, dt.date(2026, 11, 30))
    names = draft_gold.Names(registry, draft)
    assert names.same("lavrov", "Sergei Lavrov")
    assert names.same("kim_jong_un", "Kim Jong-un")
    assert not names.same("lavrov", "Vladimir Putin")
    assert names.same_object("six_party_talks", "the resumption of the six-party talks")
    assert not names.same_object("russia", "goals of Russia's campaign")  # an actor: by name
    assert draft_gold._shortened("valentina matviyenko", "valentina ivanovna matviyenko")
    assert not draft_gold._shortened("valentina matviyenko", "valentina ivanovna petrova")
