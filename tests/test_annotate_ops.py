"""Reviewer decisions on a document: accept, reject, edit, add, accept above a confidence."""

from __future__ import annotations

import pytest

from annotating import ARTICLE, DRAFT
from relgraph.annotate.document import read_document
from relgraph.annotate.ops import OperationError, apply, next_id
from relgraph.annotate.view import suggestion_count

DOC, _ = read_document(DRAFT / "articles" / f"{ARTICLE}.yaml")


def test_accept_deletes_only_the_review_line() -> None:
    new = apply(DOC, {"op": "accept", "kind": "claims", "index": 1})
    assert "review" not in new["claims"][1]
    assert new["claims"][1]["confidence"] == "0.72"
    assert DOC["claims"][1]["review"] == "suggested"  # the input is left alone
    assert suggestion_count(new) == suggestion_count(DOC) - 1


def test_reject_deletes_the_item_and_an_empty_list() -> None:
    new = apply(DOC, {"op": "reject", "kind": "roles", "index": 0})
    assert "roles" not in new
    new = apply(DOC, {"op": "reject", "kind": "claims", "index": 0})
    assert [c["id"] for c in new["claims"]] == ["c02", "c03"]


def test_accept_above_a_confidence() -> None:
    new = apply(DOC, {"op": "accept_above", "threshold": 0.8})
    assert [i.get("review") for i in new["roles"] + new["claims"]] == [
        None,
        None,
        "suggested",
        "suggested",
    ]


def test_edit_changes_fields_keeps_order_and_accepts() -> None:
    op = {"op": "edit", "kind": "claims", "index": 2, "fields": {"object": "russia", "date": ""}}
    new = apply(DOC, op)
    claim = new["claims"][2]
    assert claim["object"] == "russia"
    assert "review" not in claim and "date" not in claim
    assert list(claim) == ["id", "subject", "predicate", "object", "quote", "confidence"]


def test_edit_to_participants_drops_subject() -> None:
    fields = {"participants": "lavrov, ri_yong_ho", "object": ""}
    new = apply(DOC, {"op": "edit", "kind": "claims", "index": 1, "fields": fields})
    assert new["claims"][1]["participants"] == ["lavrov", "ri_yong_ho"]
    assert "subject" not in new["claims"][1] and "object" not in new["claims"][1]


def test_add_gives_the_next_free_id_and_no_review() -> None:
    fields = {"predicate": "met", "subject": "lavrov", "object": "ri_yong_ho", "quote": "x"}
    new = apply(DOC, {"op": "add", "kind": "claims", "fields": fields})
    assert new["claims"][-1] == {"id": "c04", **fields}
    assert next_id({"claims": [{"id": "c09"}, {"id": "note"}]}, "claims") == "c10"
    assert next_id({}, "roles") == "r01"


@pytest.mark.parametrize(
    ("op", "message"),
    [
        ({"op": "accept", "kind": "claims", "index": 9}, "no claims item number 9"),
        ({"op": "edit", "kind": "claims", "index": 0, "fields": {"review": "x"}}, "cannot be"),
        ({"op": "edit", "kind": "claims", "index": 0, "fields": {"object": 3}}, "must be text"),
        ({"op": "accept_above", "threshold": "high"}, "must be a number"),
        ({"op": "explode"}, "unknown operation"),
        ({"op": "accept", "kind": "__class__", "index": 0}, "no __class__ item"),
    ],
)
def test_bad_operations_are_refused(op: dict[str, object], message: str) -> None:
    with pytest.raises(OperationError, match=message):
        apply(DOC, op)


def test_a_subject_typed_as_several_ids_becomes_participants() -> None:
    fields = {"subject": "russia, dprk", "predicate": "met", "quote": "x"}
    claim = apply(DOC, {"op": "add", "kind": "claims", "fields": fields})["claims"][-1]
    assert claim["participants"] == ["russia", "dprk"] and "subject" not in claim
    edit = {"op": "edit", "kind": "claims", "index": 1, "fields": {"subject": "lavrov, dprk"}}
    claim = apply(DOC, edit)["claims"][1]
    assert claim["participants"] == ["lavrov", "dprk"] and "subject" not in claim
    # one left: a subject again
    edit = {"op": "edit", "kind": "claims", "index": 1, "fields": {"participants": ["lavrov"]}}
    claim = apply(DOC, edit)["claims"][1]
    assert claim["subject"] == "lavrov" and "participants" not in claim


@pytest.mark.parametrize("key", ["object", "place", "host"])
def test_a_one_entity_field_refuses_a_list(key: str) -> None:
    op = {"op": "edit", "kind": "claims", "index": 1, "fields": {key: "russia, dprk"}}
    with pytest.raises(OperationError, match=f"{key} is one entity id"):
        apply(DOC, op)


def test_unnamed_sources_are_kept_as_mappings() -> None:
    source = {"unnamed": " Western diplomat in Moscow ", "country": "russia", "affiliation": ""}
    fields = {"asserted_by": source, "denied_by": [{"unnamed": "an official"}, "dprk"]}
    claim = apply(DOC, {"op": "edit", "kind": "claims", "index": 0, "fields": fields})["claims"][0]
    assert claim["asserted_by"] == {"unnamed": "Western diplomat in Moscow", "country": "russia"}
    assert claim["denied_by"] == [{"unnamed": "an official"}, "dprk"]
    with pytest.raises(OperationError, match="unknown key 'name'"):
        apply(
            DOC,
            {"op": "edit", "kind": "claims", "index": 0, "fields": {"asserted_by": {"name": "x"}}},
        )


def test_metadata_is_editable_and_text_is_not() -> None:
    fields = {
        "title": " New title ",
        "dateline": "pyongyang, moscow",
        "agency": "",
        "updated": "2018-06-01",
    }
    new = apply(DOC, {"op": "meta", "fields": fields})
    assert new["title"] == "New title" and new["dateline"] == ["pyongyang", "moscow"]
    assert new["updated"] == "2018-06-01" and "agency" not in new
    assert list(new).index("updated") > list(new).index("title")
    with pytest.raises(OperationError, match="'text' of the article cannot be edited"):
        apply(DOC, {"op": "meta", "fields": {"text": "other words"}})
    with pytest.raises(OperationError, match="outlet is one entity id"):
        apply(DOC, {"op": "meta", "fields": {"outlet": "xinhua, tass"}})


def test_a_role_is_added_by_the_reviewer() -> None:
    fields = {"entity": "ri_yong_ho", "title": "Foreign Minister", "of": "dprk", "quote": "y"}
    new = apply(DOC, {"op": "add", "kind": "roles", "fields": fields})
    assert new["roles"][-1] == {"id": "r02", **fields}
