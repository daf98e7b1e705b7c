"""Fixed relation colours: one per predicate, grouped into families, the same in every graph."""

from __future__ import annotations

from pathlib import Path

from relgraph.explorer.palette import FAMILIES, color_of, families, family_of
from relgraph.explorer.view import page_data
from relgraph.network.projection import Projection, project
from relgraph.rdf.vocabulary import load_vocabulary


def test_every_ontology_predicate_has_a_family_and_a_colour_of_its_own() -> None:
    names = set(load_vocabulary().predicates)
    registered = [name for f in FAMILIES for name, _ in f.predicates]
    assert names == set(registered)
    assert len(registered) == len(set(registered))
    colours = [color_of(name) for name in registered]
    assert len(set(colours)) == len(colours)
    assert all(c.startswith("#") and len(c) == 7 for c in colours)


def test_families_are_the_six_of_the_issue_plus_roles_and_other() -> None:
    assert [f.id for f in families()] == [
        "meetings", "agreements", "proposals", "positions", "pressure", "cooperation",
        "roles", "other",
    ]  # fmt: skip
    assert family_of("met").label == "Meetings and visits"
    assert family_of("sanctioned").id == "pressure"
    assert family_of("no_such_predicate").id == "other"
    assert color_of("no_such_predicate") == color_of("no_such_predicate") != color_of("other2")


def test_colours_do_not_depend_on_which_relations_a_graph_has(bundled_store_path: Path) -> None:
    whole = page_data(project(str(bundled_store_path)), "all")
    meetings = page_data(
        project(str(bundled_store_path), Projection(predicates=frozenset({"met", "visited"}))),
        "meetings",
    )
    colour = {r["id"]: r["color"] for r in whole["relations"]}
    assert {r["id"] for r in meetings["relations"]} == {"met", "visited"}
    for r in meetings["relations"]:
        assert r["color"] == colour[r["id"]] == color_of(r["id"])
    assert len({r["color"] for r in whole["relations"]}) == len(whole["relations"])
