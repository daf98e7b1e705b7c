"""Hints name an id or predicate only when it is genuinely what the curator meant."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.corpus.hints import ADD_ENTITY, Ids, closest, edit_distance, predicate_hint
from relgraph.corpus.registry import load_registry
from relgraph.rdf.vocabulary import load_vocabulary

ARTICLE = "articles/2014-11-20-wire-moscow.yaml"


def _check_with(corpus: Path, runner: CliRunner, old: str, new: str) -> str:
    path = corpus / ARTICLE
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    result = runner.invoke(cli, ["check", str(corpus)])
    assert result.exit_code == 1
    return result.output


def test_a_new_treaty_is_not_offered_a_lookalike(bundled_corpus: Path, runner: CliRunner) -> None:
    output = _check_with(
        bundled_corpus, runner, "object: six_party_talks", "object: russia_dprk_treaty_2024"
    )
    assert "unknown entity 'russia_dprk_treaty_2024'" in output
    assert f"({ADD_ENTITY})" in output
    assert "did you mean" not in output


def test_a_typo_of_an_id_is_still_caught(bundled_corpus: Path, runner: CliRunner) -> None:
    output = _check_with(bundled_corpus, runner, "subject: lavrov", "subject: lavorv")
    assert "unknown entity 'lavorv' (did you mean 'lavrov'?)" in output


def test_said_means_stated_position(bundled_corpus: Path, runner: CliRunner) -> None:
    output = _check_with(bundled_corpus, runner, "predicate: met", "predicate: said")
    assert "unknown predicate 'said' (did you mean 'stated_position'?)" in output


@pytest.mark.parametrize(
    ("name", "hint"),
    [
        ("said", "did you mean 'stated_position'?"),
        ("Held_Talks", "did you mean 'met'?"),
        ("signd", "did you mean 'signed'?"),
        ("meetting", "did you mean 'met'?"),
        ("welcomed", "did you mean 'hosted' or 'supported'?"),
        ("vetoed", "did you mean 'rejected'?"),  # a cue word (rg:cue) the drafter reads too
        ("frobnicated", "see docs/annotating.md for the list"),
    ],
)
def test_predicate_hints_come_from_the_ontology_triggers(name: str, hint: str) -> None:
    assert predicate_hint(name, load_vocabulary()) == hint


def test_every_predicate_declares_trigger_words() -> None:
    for predicate in load_vocabulary().predicates.values():
        assert predicate.triggers, predicate.name
        assert all(t == t.casefold().strip() for t in predicate.triggers), predicate.name


def test_closeness_is_a_few_typos_not_a_shared_shape() -> None:
    assert edit_distance("lavrof", "lavrov", 1) == 1
    assert edit_distance("lavorv", "lavrov", 2) == 1  # a swap is one typo
    assert closest("kim_jong_eun", ["kim_jong_un", "kim_yong_chol"]) == "kim_jong_un"
    assert closest("russia_dprk_treaty_2024", ["russia_dprk_relations", "rail_link"]) is None
    assert closest("moskva", ["moscow"]) is None


@pytest.mark.parametrize(
    ("written", "hint"),
    [
        # the one name matcher folds case and hyphens, as drafting and annotate do
        ("KIM JONG-UN", "'KIM JONG-UN' is a name of 'kim_jong_un'; write the id"),
        # an id guessed from a transliteration nearly spells a registry name
        ("sergey_lavrof", "did you mean 'lavrov'?"),
    ],
)
def test_a_name_written_for_an_id_is_recognised_by_the_name_matcher(
    written: str, hint: str
) -> None:
    ids = Ids(load_registry(Path(__file__).parent / "data" / "bundled").entities)
    assert ids.unknown_hint(written) == hint
