"""The vocabulary in the ontology: complete, coherent, and documented for curators."""

from __future__ import annotations

import re

from relgraph.rdf.vocabulary import load_vocabulary

from conftest import ROOT

REQUIRED = {
    "met",
    "visited",
    "hosted",
    "sent_message",
    "proposed",
    "considered",
    "discussed",
    "supported",
    "signed",
    "agreed",
    "stated_position",
    "expressed_concern",
    "accused",
    "denied",
    "invited",
    "holds_role",
    "participates_in",
    "built",
    "transferred",
}
TYPES = {"Person", "Country", "Organization", "Project", "Agreement", "Forum", "Place"}


def test_issue_vocabulary_is_present() -> None:
    vocab = load_vocabulary()
    assert set(vocab.predicates) >= REQUIRED
    assert set(vocab.entity_types) >= TYPES


def test_every_predicate_is_fully_described() -> None:
    for p in load_vocabulary().predicates.values():
        assert p.label and p.definition, p.name
        assert p.domain, p.name
        assert p.range or p.object_kind == "statement", p.name
        assert p.cameo is None or re.fullmatch(r"\d{2,4}", p.cameo), p.name


def test_known_codes_and_symmetry() -> None:
    vocab = load_vocabulary().predicates
    assert vocab["met"].symmetric and not vocab["visited"].symmetric
    assert (vocab["met"].cameo, vocab["met"].plover) == ("040", "CONSULT")
    assert (vocab["accused"].cameo, vocab["accused"].plover) == ("112", "ACCUSE")
    assert vocab["denied"].object_kind == "statement"
    assert vocab["holds_role"].registry_only


def test_curator_docs_list_every_curated_predicate() -> None:
    doc = (ROOT / "docs" / "annotating.md").read_text(encoding="utf-8")
    for name, p in load_vocabulary().predicates.items():
        if not p.registry_only:
            assert f"| `{name}` |" in doc, name
