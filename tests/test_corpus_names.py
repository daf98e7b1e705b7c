"""Mentions of registry names, surnames, new-entity stubs and near-misses."""

from __future__ import annotations

import pytest

from relgraph.core.model import Entity
from relgraph.corpus.names import fold
from relgraph.corpus.registry import Registry
from relgraph.draft.stubs import find_stubs, slug

from conftest import DATA

REGISTRY = Registry.of(
    [
        Entity("dprk", "Country", "North Korea", ("DPRK", "Democratic People's Republic of Korea")),
        Entity("usa", "Country", "United States", ("US", "U.S.")),
        Entity("russia", "Country", "Russia"),
        Entity("moscow", "Place", "Moscow", country="russia"),
        Entity("kim_jong_un", "Person", "Kim Jong Un", ("Kim Jong-un",), country="dprk"),
        Entity("kim_yong_chol", "Person", "Kim Yong Chol", ("Kim Yong-chol",), country="dprk"),
        Entity("lavrov", "Person", "Sergei Lavrov", ("Sergey Lavrov",), country="russia"),
        Entity("choe", "Person", "Choe Ryong Hae", ("Choe",), country="dprk"),
        Entity("talks", "Forum", "Six-party talks", ("six-way talks",)),
    ]
)


def linked(text: str) -> list[tuple[str, str]]:
    return [(m.surface, m.entity) for m in REGISTRY.find_mentions(text)]


def test_case_hyphens_diacritics_curly_quotes_and_possessives() -> None:
    assert linked("Kim Jong-un’s envoy") == [("Kim Jong-un", "kim_jong_un")]
    assert linked("KIM JONG UN's envoy") == [("KIM JONG UN", "kim_jong_un")]
    assert linked("Kim Jong Un's letter") == [("Kim Jong Un", "kim_jong_un")]
    assert linked("Sérgei Lávrov spoke") == [("Sérgei Lávrov", "lavrov")]
    assert linked("the Democratic People’s Republic of Korea") == [
        ("Democratic People’s Republic of Korea", "dprk")
    ]


def test_short_capital_aliases_need_capitals() -> None:
    assert linked("the U.S. and the US said") == [("U.S.", "usa"), ("US", "usa")]
    assert linked("he told us about it") == []


def test_sentence_case_names_match_inside_a_sentence() -> None:
    assert linked("resume the six-party talks soon") == [("six-party talks", "talks")]


def test_a_surname_is_the_nearest_person_named_before_it() -> None:
    text = "Kim Jong-un met Kim Yong-chol. Pompeo dined with Kim on Wednesday."
    assert linked(text)[-1] == ("Kim", "kim_yong_chol")


def test_a_surname_alias_gives_way_to_a_longer_unknown_name() -> None:
    assert linked("Choe Son-hui said") == []
    assert linked("Choe said") == [("Choe", "choe")]


def test_fold_and_slug() -> None:
    assert fold("U.S.") == "us"
    assert slug("Ri Yong-ho") == "ri_yong_ho"
    assert slug("Workers’ Party") == "workers_party"


def stubs(text: str) -> list[tuple[str, str, str | None]]:
    found, _, _ = find_stubs(text, REGISTRY.find_mentions(text), REGISTRY)
    return [(s.name, s.type, s.country) for s in found]


def test_stubs_for_people_with_titles_places_and_organisations() -> None:
    text = (
        "North Korean Foreign Minister Ri Yong-ho met officials at the Mansudae Assembly Hall. "
        "Later he flew to Vladivostok, where the Far Eastern Shipping Company hosted him."
    )
    assert stubs(text) == [
        ("Ri Yong-ho", "Person", "dprk"),
        ("Mansudae Assembly Hall", "Place", None),
        ("Vladivostok", "Place", None),
        ("Far Eastern Shipping Company", "Organization", None),
    ]


def test_no_stub_without_a_reason_to_believe_its_type() -> None:
    assert stubs("Meanwhile, Talking Points were issued. However, nothing happened.") == []
    assert stubs("TRIPARTITE SUMMIT?") == []


def test_a_near_miss_is_a_did_you_mean_and_a_weaker_link() -> None:
    text = "Russian Foreign Minister Sergei Lavrof met them."
    found, misses, extra = find_stubs(text, REGISTRY.find_mentions(text), REGISTRY)
    assert found == []
    assert [(m.surface, m.entity) for m in misses] == [("Sergei Lavrof", "lavrov")]
    assert extra[0].entity == "lavrov" and extra[0].score < 1.0


def test_a_kind_written_in_lower_case_after_the_name_and_quoting_agencies() -> None:
    text = (
        "Japan called for a statement by the Asia-Pacific Economic Co-operation forum in Hanoi. "
        "Interfax quoted diplomatic sources."
    )
    assert stubs(text) == [
        ("Japan", "Country", None),  # a country the registry lacks, by its English name
        ("Asia-Pacific Economic Co-operation forum", "Forum", None),
        ("Hanoi", "Place", None),
        ("Interfax", "Organization", None),
    ]


def _view_mentions(doc: dict[str, object], registry: Registry) -> list[tuple[int, int, str]]:
    """The marks annotate's page draws over the text, back at their offsets in it."""
    from relgraph.annotate.view import blocks, build_view

    view = build_view(doc, registry, [])
    found = []
    for block, shown in zip(blocks(doc), view["blocks"], strict=True):
        if block.kind == "paragraph":
            found += [
                (block.start + m["start"], block.start + m["end"], m["entity"])
                for m in shown["marks"]
                if "entity" in m
            ]
    return found


@pytest.mark.parametrize("name", sorted(p.name for p in (DATA / "articles").glob("*.yaml")))
def test_draft_and_annotate_see_the_same_mentions(name: str) -> None:
    from relgraph.annotate.document import read_document
    from relgraph.corpus.registry import load_registry

    registry = load_registry(DATA)
    doc, _ = read_document(DATA / "articles" / name)
    text = doc["text"]
    assert isinstance(text, str)
    drafted = [(m.start, m.end, m.entity) for m in registry.find_mentions(text)]
    assert drafted  # every bundled article names someone
    assert _view_mentions(doc, registry) == drafted


def test_the_reviewer_is_shown_folded_names_and_surnames() -> None:
    """Exact-case matching missed these; the one matcher finds them for both sides."""
    doc = {
        "text": "KIM JONG UN met Sergey Lavrov.\n\nLater Lavrov spoke to Kim Jong-un's aides.",
        "captions": ["Lavrov in Pyongyang"],
    }
    from relgraph.corpus.registry import load_registry

    registry = load_registry(DATA)
    assert [m[2] for m in _view_mentions(doc, registry)] == [
        "kim_jong_un",
        "lavrov",
        "lavrov",
        "kim_jong_un",
    ]
