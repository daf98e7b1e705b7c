"""The recommender seam: a second recommender plugs in through the draft package's face alone."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.annotate.session import Annotator
from relgraph.cli import cli
from relgraph.corpus.registry import Registry
from relgraph.draft import (
    RECOMMENDERS,
    ArticleText,
    DraftClaim,
    Recommender,
    Suggestions,
    UnknownRecommender,
    recommender,
)
from relgraph.draft.run import draft_pages

TESTDATA = Path(__file__).resolve().parent / "data"
PAGE = TESTDATA / "pages" / "wire_moscow.txt"
ARTICLE = Path("articles") / "2014-11-20-wire-moscow.yaml"
REFERENCE = ["--reference", "2026-01-01"]


class CoMention:
    """A second, real recommender: two people named in a sentence that says "met" met.

    It reads only the face's types and the corpus's registry and matcher, so it
    proves that a recommender needs nothing from the rule engine.
    """

    name = "comention"

    def suggest(self, article: ArticleText, registry: Registry) -> Suggestions:
        claims = []
        for sentence in re.split(r"(?<=[.!?])\s+", article.text):
            if not re.search(r"\bmet\b", sentence):
                continue
            people = []
            for m in registry.find_mentions(sentence):
                if registry.type_of(m.entity) == "Person" and m.entity not in people:
                    people.append(m.entity)
            if len(people) >= 2:
                claims.append(DraftClaim("met", (people[0],), people[1], sentence, 0.5))
        mentioned = {m.entity for m in registry.find_mentions(article.text)}
        return Suggestions((), tuple(claims), (), (), tuple(sorted(mentioned)))


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(TESTDATA / "draft", target)
    return target


def _check(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(cli, ["check", str(corpus)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_a_second_recommender_drafts_through_the_interface(runner: CliRunner, corpus: Path) -> None:
    plugged: Recommender = CoMention()
    report = draft_pages([PAGE], corpus, recommender=plugged)
    assert report.failed == 0
    text = (corpus / ARTICLE).read_text(encoding="utf-8")
    claims = text.split("\nclaims:\n", 1)[1]
    # its one claim, written and reviewed like any other: the quote found, the ids known
    assert claims.count("predicate: ") == 1
    assert "predicate: met" in claims and "subject: lavrov" in claims
    assert "object: choe_ryong_hae" in claims and "review: suggested" in claims
    assert "signed" not in claims and "roles:" not in text  # nothing from the rules
    _check(runner, corpus)


def test_the_recommender_registry_feeds_the_cli(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(
        cli,
        ["draft", str(PAGE), "--corpus", str(corpus), "--recommender", "names", *REFERENCE],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    text = (corpus / ARTICLE).read_text(encoding="utf-8")
    assert "predicate:" not in text and "review: suggested" not in text
    assert "Sergei Lavrov met North Korean envoy" in text  # the article itself is written
    _check(runner, corpus)
    # the same page through the default recommender gets suggestions
    again = runner.invoke(cli, ["draft", str(PAGE), "--corpus", str(corpus), *REFERENCE])
    assert again.exit_code == 0, again.output
    assert "predicate: met" in (corpus / ARTICLE).read_text(encoding="utf-8")


def test_an_unknown_recommender_is_a_usage_error(runner: CliRunner, corpus: Path) -> None:
    result = runner.invoke(cli, ["draft", str(PAGE), "--corpus", str(corpus), "--recommender", "x"])
    assert result.exit_code == 2
    for name in RECOMMENDERS:
        assert name in result.output
    assert not (corpus / ARTICLE).exists()
    with pytest.raises(UnknownRecommender, match="no recommender 'x'"):
        recommender("x")


def test_annotate_drafts_with_the_recommender_chosen(corpus: Path) -> None:
    article = Annotator(corpus, recommender="names").target(str(PAGE))
    assert article == "2014-11-20-wire-moscow"
    assert "predicate:" not in (corpus / ARTICLE).read_text(encoding="utf-8")
    help_text = CliRunner().invoke(cli, ["annotate", "--help"]).output
    assert "--recommender [names|rules]" in help_text


@pytest.mark.parametrize("module", ["relgraph.draft", "relgraph.draft.names_only"])
def test_a_recommender_outside_the_rules_never_imports_the_rule_engine(module: str) -> None:
    code = (
        f"import sys, {module}\n"
        "rules = [m for m in sys.modules if m.startswith('relgraph.draft.')"
        " and m not in ('relgraph.draft.names_only',)]\n"
        "print(','.join(sorted(rules)))\n"
    )
    found = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert found.strip() == ""


def test_every_registered_recommender_honours_the_interface(corpus: Path) -> None:
    for name in RECOMMENDERS:
        built = recommender(name)
        assert built.name == name
        report = draft_pages([PAGE], corpus, recommender=built)
        assert report.failed == 0


def test_the_names_recommender_reports_near_misses_and_mentions() -> None:
    import datetime as dt

    from relgraph.corpus.registry import load_registry

    from conftest import DATA

    text = "Sergey Lavrof met Kim Jong-un. Later KIM JONG UN left."
    found = recommender("names").suggest(
        ArticleText(text, (), dt.date(2020, 1, 1), ()), load_registry(DATA)
    )
    assert found.mentioned == ("kim_jong_un",)
    assert [(m.surface, m.entity) for m in found.near_misses] == [("Sergey Lavrof", "lavrov")]
    assert found.claims == found.roles == found.stubs == ()
