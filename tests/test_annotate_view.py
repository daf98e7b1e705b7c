"""What the page shows, computed without a browser: blocks, marks, items, checks, choices."""

from __future__ import annotations

from pathlib import Path

import pytest

from annotating import ARTICLE, DRAFT, HOSTILE, copy_corpus
from relgraph.annotate.check import check_document, load_registry
from relgraph.annotate.choices import allowed_types, guess_arguments, predicates, search_entities
from relgraph.annotate.document import read_document
from relgraph.annotate.registry import RegistryEditError, add_alias, add_entity, suggest_id
from relgraph.annotate.session import Annotator
from relgraph.annotate.view import blocks, build_view, quote_status, resolved_date

PATH = DRAFT / "articles" / f"{ARTICLE}.yaml"
DOC, _ = read_document(PATH)
REGISTRY = load_registry(DRAFT)


def _view(doc: dict[str, object]) -> dict[str, object]:
    return build_view(doc, REGISTRY, check_document(doc, str(PATH), REGISTRY))


def test_blocks_are_paragraphs_then_captions_with_offsets() -> None:
    found = blocks(DOC)
    assert [(b.kind, b.index) for b in found] == [
        ("paragraph", 0),
        ("paragraph", 1),
        ("paragraph", 2),
        ("caption", 0),
    ]
    for b in found[:3]:
        assert DOC["text"][b.start : b.start + len(b.text)] == b.text


def test_mentions_are_marked_by_type_longest_name_first() -> None:
    view = _view(DOC)
    first = view["blocks"][0]
    mentions = {
        (first["text"][m["start"] : m["end"]], m["entity"], m["type"])
        for m in first["marks"]
        if "entity" in m
    }
    assert ("Sergei Lavrov", "lavrov", "Person") in mentions
    assert ("Pyongyang", "pyongyang", "Place") in mentions
    assert not any(text == "Lavrov" for text, _, _ in mentions)  # inside "Sergei Lavrov"


def test_each_quote_is_marked_where_it_is() -> None:
    view = _view(DOC)
    for item in view["items"]:
        quote = item["fields"]["quote"]
        spans = [
            b["text"][m["start"] : m["end"]]
            for b in view["blocks"]
            for m in b["marks"]
            if m.get("item") == item["key"]
        ]
        assert spans == [quote]


def test_items_carry_entities_dates_and_suggestion_state() -> None:
    view = _view(DOC)
    met = next(i for i in view["items"] if i["fields"]["id"] == "c02")
    assert met["suggested"] and met["key"] == "claims:1"
    assert met["entities"] == ["lavrov", "ri_yong_ho", "pyongyang"]
    assert met["labels"]["ri_yong_ho"] == "Ri Yong Ho"
    assert met["date"] == {"written": "Thursday", "iso": "2018-05-31"}
    assert view["suggestions"] == 4


def test_check_messages_sit_beside_their_item() -> None:
    doc = {k: v for k, v in DOC.items() if k not in ("roles", "captions")}
    doc["claims"] = [
        {k: v for k, v in c.items() if k not in ("review", "confidence")} for c in DOC["claims"]
    ]
    assert not any(i["problems"] for i in _view(doc)["items"])
    doc["claims"][2]["object"] = "nobody"
    by_key = {i["key"]: [p["message"] for p in i["problems"]] for i in _view(doc)["items"]}
    assert by_key["claims:2"] == ["claim c03: invited object: unknown entity 'nobody'"]
    assert by_key["claims:0"] == by_key["claims:1"] == []
    doc["claims"][1]["quote"] = "not in the article at all"
    by_key = {i["key"]: [p["message"] for p in i["problems"]] for i in _view(doc)["items"]}
    assert any("quote not found" in m for m in by_key["claims:1"])
    assert by_key["claims:0"] == []


def test_quote_status_counts_text_and_captions() -> None:
    assert quote_status(DOC, "held talks with")["ok"]
    twice = quote_status(DOC, "Russian Foreign Minister Sergei Lavrov")  # text and caption
    assert twice == {
        "ok": False,
        "count": 2,
        "message": "occurs 2 times in text and captions: extend the selection",
    }
    assert quote_status(DOC, "(L) meets")["ok"]


def test_dates_as_written_and_resolved() -> None:
    assert resolved_date(DOC, "last Friday") == {"written": "last Friday", "iso": "2018-05-25"}
    assert "bad date" in resolved_date(DOC, "soonish")["error"]


def test_predicates_exclude_registry_only_ones() -> None:
    names = [p["name"] for p in predicates()]
    assert "met" in names and "holds_role" not in names


def test_search_offers_only_types_the_predicate_allows() -> None:
    objects = search_entities(REGISTRY, "object", "visited", "")
    assert {r["type"] for r in objects} <= {"Country", "Place"}
    assert {r["id"] for r in objects} == {"russia", "dprk", "pyongyang"}
    assert search_entities(REGISTRY, "subject", "visited", "pyong") == []
    assert allowed_types("subject", "no_such_predicate") == set()


def test_search_matches_any_alias_ignoring_case_and_hyphens() -> None:
    found = search_entities(REGISTRY, "object", "met", "kim jong-UN")
    assert [r["id"] for r in found] == ["kim_jong_un"]
    assert search_entities(REGISTRY, "subject", "met", "sergey")[0]["id"] == "lavrov"


def test_guess_arguments_from_the_quote() -> None:
    quote = "Lavrov held talks with Ri Yong Ho"
    assert guess_arguments(REGISTRY, quote, "met") == {"subject": "lavrov", "object": "ri_yong_ho"}
    assert guess_arguments(REGISTRY, "Lavrov arrived in Pyongyang", "visited") == {
        "subject": "lavrov",
        "object": "pyongyang",
    }


def test_add_entity_appends_and_keeps_comments(tmp_path: Path) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    before = (root / "entities.yaml").read_text()
    add_entity(root, {"id": "mansudae", "type": "Place", "name": "Mansudae Assembly Hall"})
    after = (root / "entities.yaml").read_text()
    assert after.startswith(before)
    assert after.endswith("  - id: mansudae\n    type: Place\n    name: Mansudae Assembly Hall\n")
    assert "mansudae" in load_registry(root).by_id()


def test_add_alias_edits_the_entity_lines_only(tmp_path: Path) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    add_alias(root, "lavrov", "Sergei V. Lavrov")
    add_alias(root, "ri_yong_ho", "Ri")
    registry = load_registry(root).by_id()
    assert registry["lavrov"].aliases == ("Lavrov", "Sergey Lavrov", "Sergei V. Lavrov")
    assert registry["ri_yong_ho"].aliases == ("Ri",)
    assert "# ---- countries ----" in (root / "entities.yaml").read_text()


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda r: add_entity(r, {"id": "lavrov", "type": "Person", "name": "X"}), "already"),
        (lambda r: add_entity(r, {"id": "Bad Id", "type": "Person", "name": "X"}), "bad id"),
        (lambda r: add_entity(r, {"id": "x", "type": "Dragon", "name": "X"}), "unknown type"),
        (lambda r: add_alias(r, "lavrov", "Lavrov"), "already an alias"),
        (lambda r: add_alias(r, "ghost", "Ghost"), "unknown entity"),
    ],
)
def test_registry_edits_that_would_break_it_are_refused(
    tmp_path: Path, call: object, message: str
) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    before = (root / "entities.yaml").read_bytes()
    with pytest.raises(RegistryEditError, match=message):
        call(root)  # type: ignore[operator]
    assert (root / "entities.yaml").read_bytes() == before


def test_suggest_id() -> None:
    assert suggest_id("Sergei Lavrov") == "sergei_lavrov"
    assert suggest_id("Kim Jong-un's") == "kim_jong_un"  # the one slug drafting uses
    assert suggest_id("1st Army") == "e_1st_army"


def test_session_lists_articles_with_suggestion_counts() -> None:
    listed = Annotator(DRAFT).list_articles()
    assert listed == [
        {"id": ARTICLE, "title": "Russian FM Lavrov arrives in Pyongyang", "suggestions": 4}
    ]
    hostile = Annotator(HOSTILE).list_articles()
    assert hostile[0]["suggestions"] == 1


def test_registry_problems_are_shown_with_their_file(tmp_path: Path) -> None:
    root = copy_corpus(DRAFT, tmp_path / "c")
    registry = root / "entities.yaml"
    registry.write_text(registry.read_text() + "  - id: Bad Id\n    type: Person\n    name: X\n")
    view = Annotator(root).open(ARTICLE)["view"]
    assert any("entities.yaml" in p and "bad id" in p for p in view["registry_problems"])


def test_guess_participants_date_and_place_from_a_selection() -> None:
    import datetime as dt

    published = dt.date(2018, 5, 31)
    quote = "Lavrov met Ri Yong Ho and Kim Jong Un on Thursday in Pyongyang"
    assert guess_arguments(REGISTRY, quote, "met", published=published) == {
        "participants": ["lavrov", "ri_yong_ho", "kim_jong_un"],
        "date": "Thursday",
        "place": "pyongyang",
    }
    quote = "Lavrov invited Kim Jong Un on May 30 at Pyongyang"
    assert guess_arguments(REGISTRY, quote, "invited", published=published) == {
        "subject": "lavrov",
        "object": "kim_jong_un",
        "date": "2018-05-30",
        "place": "pyongyang",
    }


def test_guess_without_a_place_or_object() -> None:
    assert guess_arguments(REGISTRY, "Lavrov said", "stated_position") == {"subject": "lavrov"}
