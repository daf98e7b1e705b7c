"""`relgraph build`: the graph answers the questions the corpus states, atomically built."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from click.testing import CliRunner

from relgraph.build import build
from relgraph.build.lock import build_lock
from relgraph.cli import cli
from relgraph.core.errors import CorpusError, StoreError
from relgraph.store.base import LocalStore, builds_dir, open_store

from conftest import DATA, MINI
from sparql import rows


def test_meetings_between_russian_and_dprk_officials(bundled_store: LocalStore) -> None:
    found = rows(
        bundled_store,
        """
        SELECT ?ru ?kp ?date ?place WHERE {
          ?s rdf:predicate rg:met ; rg:status rg:Asserted ; rg:participant ?a, ?b .
          ?a rg:entityType "Person" ; rg:country ent:russia .
          ?b rg:entityType "Person" ; rg:country ent:dprk .
          BIND(STRAFTER(STR(?a), STR(ent:)) AS ?ru) BIND(STRAFTER(STR(?b), STR(ent:)) AS ?kp)
          OPTIONAL { ?s rg:date ?date }
          OPTIONAL { ?s rg:place ?p BIND(STRAFTER(STR(?p), STR(ent:)) AS ?place) }
        }""",
    )
    assert sorted(found, key=lambda r: r[2] or "") == [
        ("ivanov_igor", "paek_nam_sun", "2002-05-21", "moscow"),
        ("putin", "choe_ryong_hae", "2014-11", None),
        ("lavrov", "choe_ryong_hae", "2014-11-20", "moscow"),
        ("lavrov", "kim_jong_un", "2018-05-31", "pyongyang"),
        ("lavrov", "ri_yong_ho", "2018-05-31", "mansudae_assembly_hall"),  # photo caption
        ("putin", "kim_jong_un", "2023-09", "russian_far_east"),
    ]


def test_projects_russia_proposed_involving_the_dprk(bundled_store: LocalStore) -> None:
    # Proposed by Russia (or a Russian actor) and considered or discussed by the DPRK side.
    found = rows(
        bundled_store,
        """
        SELECT DISTINCT ?project WHERE {
          ?proposal rdf:predicate rg:proposed ; rdf:object ?p ; rdf:subject ?who .
          ?who rg:country? ent:russia .
          ?other rdf:object ?p ; rg:participant ?k .
          ?k rg:country? ent:dprk .
          ?p rg:entityType "Project" .
          BIND(STRAFTER(STR(?p), STR(ent:)) AS ?project)
        }""",
    )
    assert sorted(found) == [("gas_pipeline",), ("power_line",)]


def test_rail_link_is_raised_in_three_articles(bundled_store: LocalStore) -> None:
    found = rows(
        bundled_store,
        """
        SELECT DISTINCT ?year WHERE {
          ?s rdf:object ent:rail_link ; prov:wasDerivedFrom ?a .
          ?a schema:datePublished ?d . BIND(YEAR(?d) AS ?year)
        }""",
    )
    assert sorted(int(y) for (y,) in found) == [2002, 2014, 2018]


def test_losyukov_holds_two_roles_with_dates(bundled_store: LocalStore) -> None:
    found = rows(
        bundled_store,
        """
        SELECT ?title ?date ?of WHERE {
          ?s rdf:predicate rg:holdsRole ; rdf:subject ent:losyukov ;
             rg:roleTitle ?title ; rg:date ?date ; rdf:object ?org .
          BIND(STRAFTER(STR(?org), STR(ent:)) AS ?of)
        } ORDER BY ?date""",
    )
    assert found == [
        ("Deputy Foreign Minister", "2002-05-20", "russia"),
        ("Ambassador to Japan", "2006-11-13", "russia"),
    ]


def test_source_sentence_of_a_claim(bundled_store: LocalStore) -> None:
    article = yaml.safe_load((DATA / "articles/2014-11-20-wire-moscow.yaml").read_text())
    found = rows(
        bundled_store,
        """
        SELECT ?quote ?start ?end ?headline ?published WHERE {
          ?s rdf:predicate rg:met ; rg:participant ent:lavrov, ent:choe_ryong_hae ;
             prov:wasDerivedFrom ?a ; rg:evidence/oa:hasTarget ?t .
          ?t oa:hasSelector ?q, ?pos .
          ?q oa:exact ?quote . ?pos oa:start ?start ; oa:end ?end .
          ?a schema:headline ?headline ; schema:datePublished ?published .
        }""",
    )
    assert len(found) == 1
    quote, start, end, headline, published = found[0]
    assert quote == "Foreign Minister Sergey Lavrov spoke after meeting with Choe Ryong Hae"
    assert article["text"][int(start) : int(end)] == quote
    assert headline == "Russia: North Korea ready to resume nuclear talks"
    assert published == "2014-11-20"


def test_lavrov_spellings_are_one_node(bundled_store: LocalStore) -> None:
    found = rows(
        bundled_store,
        """
        SELECT DISTINCT ?e WHERE {
          ?e rdfs:label|skos:altLabel ?name . FILTER(?name IN ("Sergei Lavrov", "Sergey Lavrov"))
        }""",
    )
    assert found == [("https://w3id.org/relgraph/entity/lavrov",)]


def test_allegation_is_not_a_fact_and_keeps_who_denies_it(bundled_store: LocalStore) -> None:
    (row,) = rows(
        bundled_store,
        """
        SELECT ?status ?by ?denier WHERE {
          ?s rdf:predicate rg:transferred ; rdf:subject ent:dprk ; rdf:object ent:russia ;
             rg:status ?status ; rg:assertedBy ?by ; rg:deniedBy ?denier .
        }""",
    )
    assert row == (
        "https://w3id.org/relgraph/ontology#Alleged",
        "https://w3id.org/relgraph/entity/usa",
        "https://w3id.org/relgraph/entity/kremlin",
    )
    # No direct triple: the allegation does not become a fact.
    assert rows(bundled_store, "SELECT * WHERE { ent:dprk rg:transferred ent:russia }") == []


def test_each_article_has_its_own_named_graph(bundled_store: LocalStore) -> None:
    graphs = {g.value for g in bundled_store.store.named_graphs()}
    for path in (DATA / "articles").glob("*.yaml"):
        assert f"https://w3id.org/relgraph/graph/{path.stem}" in graphs
    found = rows(
        bundled_store,
        """SELECT ?g WHERE { GRAPH ?g { stmt:2014-11-20-wire-moscow.c02 a rg:Statement } }""",
    )
    assert found == [("https://w3id.org/relgraph/graph/2014-11-20-wire-moscow",)]


def test_build_cli_prints_summary(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["build", str(MINI), "--store", str(tmp_path / "s")])
    assert result.exit_code == 0, result.output
    assert "1 articles, 7 entities, 3 claims, 1 roles" in result.output
    assert open_store(tmp_path / "s").store.query("ASK { GRAPH ?g { ?s ?p ?o } }")


def test_build_writes_nothing_when_the_corpus_has_errors(
    tmp_path: Path, mini_corpus: Path, runner: CliRunner
) -> None:
    store = tmp_path / "s"
    article = mini_corpus / "articles/2014-11-20-mini.yaml"
    article.write_text(article.read_text().replace("predicate: met", "predicate: meet"))
    result = runner.invoke(cli, ["build", str(mini_corpus), "--store", str(store)])
    assert result.exit_code == 1
    assert "unknown predicate 'meet'" in result.output
    assert not store.exists() and not builds_dir(store).exists()
    with pytest.raises(CorpusError):
        build(mini_corpus, store)


def test_second_concurrent_build_gets_a_clear_error(tmp_path: Path, runner: CliRunner) -> None:
    store = tmp_path / "s"
    with build_lock(store):
        result = runner.invoke(cli, ["build", str(MINI), "--store", str(store)])
    assert result.exit_code == 1
    assert "another build is writing" in result.output
    assert not store.exists()


def test_missing_store_is_a_clear_error(tmp_path: Path, runner: CliRunner) -> None:
    result = runner.invoke(cli, ["export", "--store", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "no store at" in result.output and "relgraph build" in result.output
    with pytest.raises(StoreError):
        open_store(tmp_path / "none")


def _dump_digest(location: Path) -> str:
    store = open_store(location)
    data = ox.serialize(sorted(store.quads(), key=str), format=ox.RdfFormat.N_QUADS)
    return hashlib.sha256(data or b"").hexdigest()


def _big_corpus(tmp_path: Path, copies: int) -> Path:
    """The bundled corpus with each article repeated under new ids: a slow build."""
    corpus = tmp_path / "big"
    (corpus / "articles").mkdir(parents=True)
    (corpus / "entities.yaml").write_bytes((DATA / "entities.yaml").read_bytes())
    for path in sorted((DATA / "articles").glob("*.yaml")):
        text = path.read_text()
        (corpus / "articles" / path.name).write_text(text)
        for n in range(copies):
            new_id = f"{path.stem}-copy{n}"
            (corpus / "articles" / f"{new_id}.yaml").write_text(
                text.replace(f"id: {path.stem}", f"id: {new_id}", 1)
            )
    return corpus


def test_killed_build_leaves_previous_store_intact(tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(DATA, store)
    before_link = os.readlink(store)
    before = _dump_digest(store)
    corpus = _big_corpus(tmp_path, copies=150)
    proc = subprocess.Popen(
        [sys.executable, "-m", "relgraph", "build", str(corpus), "--store", str(store)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 120
        # Wait until the new build directory exists and is being written to.
        while len(list(builds_dir(store).iterdir())) < 2:
            assert proc.poll() is None, "the build finished before it could be killed"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        time.sleep(0.2)
        assert proc.poll() is None, "the build finished before it could be killed"
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    assert os.readlink(store) == before_link
    assert _dump_digest(store) == before
    # The next build cleans up the killed build's directory and succeeds.
    build(MINI, store)
    assert len(list(builds_dir(store).iterdir())) == 2  # the new build and the previous one


def test_large_corpus_streaming_build_equals_plain_build(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import relgraph.build.local

    corpus = _big_corpus(tmp_path, copies=80)  # 405 articles: read, map and load in parallel
    streamed = build(corpus, tmp_path / "streamed")
    assert not (tmp_path / "streamed" / "parts").exists()  # the N-Quads parts are gone
    assert not (tmp_path / "streamed").resolve().joinpath("parts").exists()
    monkeypatch.setattr(relgraph.build.local, "PARALLEL_FROM", 10**9)
    plain = build(corpus, tmp_path / "plain")
    assert streamed.quads == plain.quads and streamed.claims == plain.claims
    assert _dump_digest(tmp_path / "streamed") == _dump_digest(tmp_path / "plain")


def test_large_corpus_with_errors_writes_nothing(tmp_path: Path, runner: CliRunner) -> None:
    corpus = _big_corpus(tmp_path, copies=80)
    broken = corpus / "articles" / "2014-11-20-wire-moscow-copy7.yaml"
    broken.write_text(broken.read_text().replace("predicate: met", "predicate: meet", 1))
    store = tmp_path / "store"
    result = runner.invoke(cli, ["build", str(corpus), "--store", str(store)])
    assert result.exit_code == 1
    assert f"{broken}:" in result.output and "unknown predicate 'meet'" in result.output
    assert not store.exists() and list(builds_dir(store).iterdir()) == []


def test_rdflib_view_of_the_store(bundled_store: LocalStore) -> None:
    dataset = bundled_store.as_rdflib()
    assert sum(1 for _ in dataset.quads((None, None, None, None))) == len(bundled_store)
    result = dataset.query(
        "SELECT ?name WHERE { GRAPH ?g { ent:lavrov skos:altLabel ?name } } ORDER BY ?name",
        initNs={
            "skos": "http://www.w3.org/2004/02/skos/core#",
            "ent": "https://w3id.org/relgraph/entity/",
        },
    )
    assert [str(row[0]) for row in result] == [  # type: ignore[index]
        "Lavrov",
        "Sergei Viktorovich Lavrov",
        "Sergey Lavrov",
    ]


def _children(pid: int) -> set[int]:
    """The live child processes of ``pid`` (zombies left out), from /proc."""
    found: set[int] = set()
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found.update(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return {c for c in found if _alive(c)}


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status and "\nState:\tX" not in status


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM], ids=["kill-9", "sigterm"])
def test_killed_parallel_build_leaves_no_worker_and_no_lock(
    tmp_path: Path, parallel_corpus: Path, sig: signal.Signals
) -> None:
    """Killing a parallel ``build --full`` kills its pool workers; the next build just works."""
    store = tmp_path / "store"
    command = [sys.executable, "-m", "relgraph", "build", "--full", str(parallel_corpus)]
    proc = subprocess.Popen(
        [*command, "--store", str(store)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
    )
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 120
        while len(workers) < 2:  # the pool's workers are running
            assert proc.poll() is None, "the build finished before it could be killed"
            assert time.monotonic() < deadline, "no pool workers appeared"
            workers = _children(proc.pid)
            time.sleep(0.01)
    finally:
        proc.send_signal(sig)
        _, err = proc.communicate(timeout=60)
    assert b"Traceback" not in err
    deadline = time.monotonic() + 10
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    survivors = [w for w in workers if _alive(w)]
    for pid in survivors:  # leave no stray process behind a failing test
        os.kill(pid, signal.SIGKILL)
    assert not survivors, "pool workers outlived the build"
    assert not store.exists()  # killed before its swap: no half store
    if sig == signal.SIGTERM:  # unwound: the partial build directory is gone already
        assert proc.returncode == 128 + signal.SIGTERM
        assert list(builds_dir(store).iterdir()) == []
    done = subprocess.run(
        [*command, "--store", str(store)], capture_output=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr.decode()
    assert len(open_store(store)) > 0
    assert [p.resolve() for p in builds_dir(store).iterdir()] == [store.resolve()]
