"""The documented add-an-article workflow (docs/annotating.md), run on a scratch copy.

A user who follows the docs adds an article file and a new entity to their corpus, checks,
builds and queries. This runs exactly that through the CLI, on a copy of the bundled corpus,
so the suite stays green whatever a user keeps in ``data/``.
"""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.rdf.namespaces import ENTITY as ENT

ARTICLE = """\
id: 2024-06-19-efe-pyongyang
title: "Putin and Kim sign partnership treaty"
outlet: efe
published: 2024-06-19
dateline: pyongyang
source: "a test page"
text: |
  PYONGYANG — Russian President Vladimir Putin met North Korean leader Kim Jong Un on Wednesday.

  The two leaders signed the Comprehensive Strategic Partnership Treaty after their talks.
claims:
  - id: c01
    subject: putin
    predicate: met
    object: kim_jong_un
    date: Wednesday
    place: pyongyang
    quote: Russian President Vladimir Putin met North Korean leader Kim Jong Un
  - id: c02
    subject: putin
    predicate: signed
    object: partnership_treaty_2024
    date: Wednesday
    place: pyongyang
    quote: The two leaders signed the Comprehensive Strategic Partnership Treaty
"""

ENTITY = """\
  - id: partnership_treaty_2024
    type: Agreement
    name: Comprehensive Strategic Partnership Treaty
    aliases: [Russia-DPRK partnership treaty]
"""


def _run(runner: CliRunner, *args: str) -> str:
    result = runner.invoke(cli, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_adding_an_article_and_an_entity_as_documented(
    runner: CliRunner, bundled_corpus: Path, tmp_path: Path
) -> None:
    before = _run(runner, "check", str(bundled_corpus))
    (bundled_corpus / "articles" / "2024-06-19-efe-pyongyang.yaml").write_text(
        ARTICLE, encoding="utf-8"
    )
    registry = bundled_corpus / "entities.yaml"
    registry.write_text(registry.read_text(encoding="utf-8") + ENTITY, encoding="utf-8")

    after = _run(runner, "check", str(bundled_corpus))
    assert before.startswith("ok: 5 articles") and after.startswith("ok: 6 articles")

    store = str(tmp_path / "store")
    _run(runner, "build", str(bundled_corpus), "--store", store)
    out = _run(
        runner, "query", "meetings", "-p", "actor=putin", "--store", store, "--format", "json"
    )
    rows = json.loads(out)["results"]["bindings"]
    new = [r for r in rows if r["date"]["value"] == "2024-06-19"]
    assert [(r["russian"]["value"], r["dprk"]["value"]) for r in new] == [
        (ENT + "putin", ENT + "kim_jong_un")
    ]
    assert new[0]["quote"]["value"].startswith("Russian President Vladimir Putin met")

    # The new entity is in the graph with its name, and the signing links to it.
    out = _run(
        runner,
        "query",
        "-e",
        "SELECT ?who WHERE { ?s rdf:predicate rg:signed ; rdf:subject ?who ;"
        " rdf:object ent:partnership_treaty_2024 . ent:partnership_treaty_2024 rdfs:label ?n }",
        "--store",
        store,
        "--format",
        "csv",
    )
    assert out.splitlines()[1:] == [ENT + "putin"]
