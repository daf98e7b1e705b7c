"""Roles moved from entities.yaml into the articles: the graph keeps the same role statements."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.rdf.namespaces import RG, STATEMENT
from relgraph.store.base import LocalStore

from conftest import TESTDATA

# Every quad of every role statement (and holds_role triple) of the bundled corpus,
# built before the migration, when roles lived in entities.yaml.
BEFORE = TESTDATA / "roles_before_v2.nq"


def _role_quads(store: LocalStore) -> set[ox.Quad]:
    found = set()
    for q in store.store.quads_for_pattern(None, None, None, None):
        subject = q.subject.value if isinstance(q.subject, ox.NamedNode) else ""
        is_role = subject.startswith(STATEMENT) and ".role-" in subject
        if q.predicate.value == RG + "participantNames":
            continue  # added by format 3 to every statement, for listings
        if is_role or q.predicate.value == RG + "holdsRole":
            found.add(q)
    return found


_EVIDENCE = (".evidence", ".target", ".quote", ".position")


def _split(quads: set[ox.Quad]) -> tuple[set[ox.Quad], dict[str, str]]:
    """The statements' own quads, and each statement's quoted evidence."""
    own = {q for q in quads if not q.subject.value.endswith(_EVIDENCE)}
    exact = {
        q.subject.value.removesuffix(".quote"): q.object.value
        for q in quads
        if q.predicate.value == "http://www.w3.org/ns/oa#exact"
    }
    return own, exact


def test_role_statements_are_the_same_as_before_the_migration(bundled_store: LocalStore) -> None:
    """Same statements; a quote lengthened only where a caption made it ambiguous."""
    before = set(ox.parse(BEFORE.read_bytes(), format=ox.RdfFormat.N_QUADS))
    assert len(before) > 800
    after = _role_quads(bundled_store)
    own_before, exact_before = _split(before)
    own_after, exact_after = _split(after)
    assert own_before <= own_after
    for statement, quote in exact_before.items():
        assert quote in exact_after[statement], statement
    changed = {s for s, q in exact_before.items() if exact_after[s] != q}
    assert len(changed) == 3  # the 2014 photo caption repeats three titles
    # The one role added since is attested by a photo caption.
    added = {
        q.subject.value for q in own_after - own_before if q.subject.value.startswith(STATEMENT)
    }
    assert added == {
        STATEMENT + "2018-05-31-xinhua-pyongyang.role-ri_yong_ho-foreign-minister-2018-05-31"
    }
    in_caption = list(
        bundled_store.store.quads_for_pattern(
            ox.NamedNode(next(iter(added)) + ".target"), ox.NamedNode(RG + "inCaption"), None
        )
    )
    assert in_caption[0].object.value.endswith("/caption/1")


def test_roles_in_the_registry_are_refused_with_a_hint(
    bundled_corpus: Path, runner: CliRunner
) -> None:
    registry = bundled_corpus / "entities.yaml"
    text = registry.read_text(encoding="utf-8")
    lines = text.splitlines()
    at = lines.index("    name: Sergei Lavrov") + 1
    lines[at:at] = [
        "    roles:",
        "      - title: Foreign Minister",
        "        article: 2014-11-20-wire-moscow",
    ]
    registry.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["check", str(bundled_corpus)])
    assert result.exit_code == 1
    # One problem: lavrov's many uses in articles are not reported as unknown.
    assert result.output.splitlines()[0] == (
        f"{registry}:{at + 1}: entity lavrov: 'roles' is not a registry field (roles now live "
        "in the article that attests them: move each one to the 'roles:' list of the article "
        "it cites (docs/annotating.md, 'Roles'))"
    )
    assert result.output.splitlines()[1:] == ["1 problem found"], result.output
