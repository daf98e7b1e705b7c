"""`relgraph stats`: values worked out by hand from the five articles."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.network.analytics import compute
from relgraph.network.projection import project


def test_stats_on_the_bundled_corpus(bundled_store_path: Path) -> None:
    stats = compute(project(str(bundled_store_path)))
    # The rail link is raised in 2002 (Ivanov and Paek), 2014 (Lavrov) and 2018 (Lavrov).
    assert stats.projects_by_years[0] == (
        "Trans-Korean–Trans-Siberian rail link",
        3,
        "2002, 2014, 2018",
    )
    # Six Russian–DPRK meetings between people, each pair once (Lavrov and Ri Yong Ho:
    # stated only in the 2018 article's photo captions).
    assert stats.russia_dprk_meetings == [
        ("Igor Ivanov", "Paek Nam Sun", 1, "2002-05-21"),
        ("Sergei Lavrov", "Choe Ryong Hae", 1, "2014-11-20"),
        ("Sergei Lavrov", "Kim Jong Un", 1, "2018-05-31"),
        ("Sergei Lavrov", "Ri Yong Ho", 1, "2018-05-31"),
        ("Vladimir Putin", "Choe Ryong Hae", 1, "2014-11"),
        ("Vladimir Putin", "Kim Jong Un", 1, "2023-09"),
    ]
    by_type = dict(stats.entities_by_type)
    assert by_type["Country"] == 8 and sum(by_type.values()) == 92
    by_predicate = dict(stats.statements_by_predicate)
    assert by_predicate["holds_role"] == 30 and by_predicate["proposed"] == 2
    years = dict(stats.statements_by_year)
    assert set(years) >= {2002, 2006, 2014, 2018, 2023}
    assert stats.central_actors[0][0] == "dprk"
    # The 1990s hold only an event (the 1998 missile launch), no actor-to-actor edge.
    assert {p for p, *_ in stats.central_actors_by_period} == {"2000s", "2010s", "2020s"}


def test_stats_cli_formats(bundled_store_path: Path, runner: CliRunner) -> None:
    table = runner.invoke(cli, ["stats", "--store", str(bundled_store_path)])
    assert table.exit_code == 0 and "Projects by years raised" in table.output
    doc = json.loads(
        runner.invoke(cli, ["stats", "--store", str(bundled_store_path), "--format", "json"]).output
    )
    assert doc["projects_by_years"][0]["years"] == 3
    csv_out = runner.invoke(cli, ["stats", "--store", str(bundled_store_path), "--format", "csv"])
    assert "russia_dprk_meetings,Sergei Lavrov,Kim Jong Un,1,2018-05-31" in csv_out.output
