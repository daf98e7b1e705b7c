"""The build manifest: content hashes, and the stat signatures that spare re-reading files."""

from __future__ import annotations

import dataclasses
import os
import shutil
import time
from pathlib import Path

import pytest

from relgraph.build import build
from relgraph.build.manifest import MANIFEST, Manifest, current, file_hash, plan
from relgraph.core.errors import CorpusError

ARTICLE = "2014-11-20-wire-moscow"
SENTINEL = "recorded-hash-not-the-file's"


@pytest.fixture
def corpus(bundled_corpus: Path) -> Path:
    return bundled_corpus


def _article(corpus: Path) -> Path:
    return corpus / "articles" / f"{ARTICLE}.yaml"


def _recorded(corpus: Path) -> Manifest:
    """A manifest taken with every file settled, its hash for ARTICLE replaced by a sentinel.

    When ``current`` returns the sentinel, it trusted the signature and did not read the file.
    """
    taken = current(corpus, settle_ns=0)
    assert ARTICLE in taken.stats
    return dataclasses.replace(taken, articles={**taken.articles, ARTICLE: SENTINEL})


def _after_a_tick() -> None:
    # File times come from a coarse kernel clock: make sure an edit lands on a later tick.
    time.sleep(0.05)


def test_unchanged_signature_keeps_the_recorded_hash(corpus: Path) -> None:
    previous = _recorded(corpus)
    now = current(corpus, previous, settle_ns=0)
    assert now.articles[ARTICLE] == SENTINEL
    assert now.stats == previous.stats
    assert all(
        h == file_hash(_article(corpus).parent / f"{a}.yaml")
        for a, h in now.articles.items()
        if a != ARTICLE
    )


def test_an_edit_is_seen_even_with_size_and_mtime_restored(corpus: Path) -> None:
    previous = _recorded(corpus)
    path = _article(corpus)
    before = path.stat()
    _after_a_tick()
    text = path.read_text()
    edited = text.replace("place: moscow", "place: mascow", 1)
    assert edited != text and len(edited) == len(text)
    path.write_text(edited)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # the change time moves on
    now = current(corpus, previous, settle_ns=0)
    assert now.articles[ARTICLE] == file_hash(path) != SENTINEL
    assert plan(previous, now).changed == (ARTICLE,)


def test_recently_written_files_get_no_signature(corpus: Path) -> None:
    """A file written in the last two seconds could change again within one clock tick."""
    _article(corpus).write_text(_article(corpus).read_text() + "\n")
    now = current(corpus)  # default settle window
    assert ARTICLE not in now.stats
    assert now.articles[ARTICLE] == file_hash(_article(corpus))


def test_a_replaced_file_is_hashed_again(corpus: Path) -> None:
    previous = _recorded(corpus)
    path = _article(corpus)
    copy = path.with_suffix(".tmp")
    shutil.copy2(path, copy)
    copy.replace(path)  # same content, size and mtime; a new inode
    now = current(corpus, previous, settle_ns=0)
    assert now.articles[ARTICLE] == file_hash(path)
    assert plan(previous, now).changed == (ARTICLE,)  # against the sentinel: read again


def test_round_trip_and_older_manifests(corpus: Path, tmp_path: Path) -> None:
    taken = current(corpus, settle_ns=0)
    path = tmp_path / MANIFEST
    path.write_text(taken.dumps())
    assert Manifest.load(path) == taken
    old = taken.dumps().replace('"stats":', '"unused":')  # written before signatures existed
    path.write_text(old)
    loaded = Manifest.load(path)
    assert loaded is not None and loaded.stats == {} and loaded.articles == taken.articles
    path.write_text(taken.dumps().replace('"stats":{', '"stats":{"x":[1,2],', 1))
    assert Manifest.load(path) is None  # unreadable: the next build is a full one


def test_an_unreadable_article_is_reported_by_the_next_build(corpus: Path, tmp_path: Path) -> None:
    store = tmp_path / "store"
    build(corpus, store)
    link = os.readlink(store)
    broken = _article(corpus)
    broken.unlink()
    broken.symlink_to(corpus / "articles" / "missing.yaml")  # listed, but unreadable
    assert current(corpus, Manifest.load(store.resolve() / MANIFEST)).articles[ARTICLE] == ""
    with pytest.raises(CorpusError) as caught:
        build(corpus, store)
    assert f"{broken}: cannot read file: No such file" in str(caught.value)
    assert os.readlink(store) == link


def test_full_build_rehashes_every_file(corpus: Path, tmp_path: Path) -> None:
    """`build --full` is the escape hatch: it records hashes of what it read, not recorded ones."""
    store = tmp_path / "store"
    build(corpus, store)
    manifest = store.resolve() / MANIFEST
    recorded = dataclasses.replace(_recorded(corpus), quads=0)
    manifest.write_text(recorded.dumps())  # as if ARTICLE's hash had been recorded wrong
    build(corpus, store, full=True)
    rebuilt = Manifest.load(store.resolve() / MANIFEST)
    assert rebuilt is not None and rebuilt.articles[ARTICLE] == file_hash(_article(corpus))


def test_an_up_to_date_build_records_signatures(
    corpus: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files too fresh at the first build get their signatures at the next, even with no change."""
    import relgraph.build.manifest

    store = tmp_path / "store"
    build(corpus, store)  # just copied: too fresh for signatures
    first = Manifest.load(store.resolve() / MANIFEST)
    assert first is not None and first.stats == {}
    link = os.readlink(store)
    monkeypatch.setattr(relgraph.build.manifest, "SETTLE_NS", 0)  # as if two seconds had passed
    assert build(corpus, store).mode == "unchanged"
    second = Manifest.load(store.resolve() / MANIFEST)
    assert second is not None and os.readlink(store) == link
    assert set(second.stats) == set(first.articles)
    assert dataclasses.replace(second, stats={}) == first  # same hashes, same quad count
