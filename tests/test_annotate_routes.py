"""The routes this issue added, over HTTP: entity plans, the saved page, undo; refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotating import ARTICLE, HERE, api, copy_corpus, running


@pytest.fixture
def root(tmp_path: Path) -> Path:
    corpus = copy_corpus(HERE / "stubs", tmp_path / "corpus")
    (corpus / "pages").mkdir()
    (corpus / "pages" / "001_test.txt").write_bytes(
        (HERE / "source" / "pages" / "001_test.txt").read_bytes()
    )
    return corpus


def test_entity_plan_apply_and_undo(root: Path) -> None:
    before = (root / "entities.yaml").read_bytes()
    with running(root) as server:
        asked = {"action": "delete", "id": "the", "value": ""}
        status, answer = api(server, "POST", "/api/entity-plan", asked)
        assert status == 200 and answer["plan"]["problems_after"] == 0
        assert (root / "entities.yaml").read_bytes() == before
        status, answer = api(server, "POST", "/api/entity-apply", asked)
        assert status == 200 and answer["plan"]["undo"] == 0
        assert (root / "entities.yaml").read_bytes() != before
        status, answer = api(server, "POST", "/api/entity-undo", {"undo": 0})
        assert status == 200 and (root / "entities.yaml").read_bytes() == before
        status, answer = api(server, "POST", "/api/entity-undo", {"undo": 0})  # once only
        assert status == 404


def test_bad_entity_requests_are_clear_refusals(root: Path) -> None:
    with running(root) as server:
        for body, code, words in [
            ({"action": "delete", "id": "nobody"}, 422, "unknown entity 'nobody'"),
            ({"action": "explode", "id": "the"}, 422, "unknown entity action"),
            ({"action": "delete", "id": 3}, 400, "must be text"),
        ]:
            status, answer = api(server, "POST", "/api/entity-plan", body)
            assert status == code and words in answer["error"], answer
        status, answer = api(server, "POST", "/api/entity-undo", {"undo": "0"})
        assert status == 400
        status, answer = api(server, "POST", "/api/entity-apply", {"action": "delete"}, False)
        assert status == 403  # no token, nothing written
    assert "id: the\n" in (root / "entities.yaml").read_text(encoding="utf-8")


def test_the_saved_page_route(root: Path) -> None:
    with running(root) as server:
        _, opened = api(server, "GET", f"/api/article/{ARTICLE}")
        status, answer = api(server, "POST", f"/api/page/{ARTICLE}", {"doc": opened["doc"]})
        assert status == 200 and answer["source"] == "pages/001_test.txt"
        assert sum(not b["kept"] and b["prose"] for b in answer["blocks"]) == 2
        doc = {**opened["doc"], "source": "../outside.txt"}
        status, answer = api(server, "POST", f"/api/page/{ARTICLE}", {"doc": doc})
        assert status == 422 and "outside the corpus folder" in answer["error"]
        status, answer = api(server, "POST", f"/api/page/{ARTICLE}", {"doc": "x"})
        assert status == 400
