"""Lower-case topics and projects: registry cores, stubs, and the claims they allow."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relgraph.core.model import Entity
from relgraph.corpus.cores import core_name
from relgraph.corpus.registry import Registry
from relgraph.draft.rules.claims import DraftClaim
from relgraph.draft.rules.recommend import ArticleText, RuleBased
from relgraph.draft.rules.topics import find_topic_stubs
from relgraph.draft.run import load_registry

TESTDATA = Path(__file__).resolve().parent / "data"
PUBLISHED = dt.date(2014, 11, 20)


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(TESTDATA / "draft")


def without(registry: Registry, *ids: str) -> Registry:
    return Registry.of([e for e in registry.entities if e.id not in ids])


def claims_of(registry: Registry, text: str) -> list[DraftClaim]:
    s = RuleBased().suggest(ArticleText(text, (), PUBLISHED, ("moscow",)), registry)
    return list(s.claims)


@pytest.mark.parametrize(
    ("name", "core"),
    [
        ("Russia–Korea gas pipeline via North Korea", "gas pipeline"),
        ("Denuclearization of the Korean Peninsula", "denuclearization"),
        ("North Korean nuclear program", "nuclear program"),
        ("Military activity of the US, Japan and South Korea in the region", "military activity"),
        ("International terrorism", "international terrorism"),
        # nothing specific is left: no core
        ("Inter-Korean relations", None),
        ("Bilateral US–North Korea talks", None),
        ("Panmunjom Declaration", None),
    ],
)
def test_core_of_a_topic_or_project_name(name: str, core: str | None) -> None:
    assert core_name(name) == core


def test_registry_topic_found_by_its_core_in_lower_case_only() -> None:
    registry = Registry.of(
        [
            Entity("nk_nukes", "Topic", "North Korean nuclear program"),
            Entity("dprk", "Country", "North Korea"),
        ]
    )
    found = registry.find_mentions("talks on its nuclear program resumed")
    assert [(m.entity, m.surface) for m in found] == [("nk_nukes", "nuclear program")]
    assert registry.find_mentions("the Nuclear Program Office opened") == []


def test_core_shared_by_two_entities_is_not_used() -> None:
    registry = Registry.of(
        [
            Entity("a", "Project", "Russia–Korea gas pipeline"),
            Entity("b", "Project", "China–Russia gas pipeline"),
        ]
    )
    assert registry.find_mentions("a gas pipeline") == []


def test_project_stubs_from_a_project_to_build_list(registry: Registry) -> None:
    text = (
        "Pyongyang is considering a Russian project to build a gas pipeline and a power line "
        "to Seoul."
    )
    reduced = without(registry, "gas_pipeline")
    stubs = find_topic_stubs(text, reduced.find_mentions(text), reduced)
    assert [(s.name, s.type) for s in stubs] == [
        ("gas pipeline", "Project"),
        ("power line", "Project"),
    ]
    assert text[stubs[1].start : stubs[1].end] == "power line"


def test_topic_stubs_keep_their_modifiers_owner_and_of_phrase(registry: Registry) -> None:
    text = (
        "They are ready to fight international terrorism. Talks on ending North Korea's nuclear "
        'program may start. Talks centered on the "denuclearization of the peninsula."'
    )
    stubs = find_topic_stubs(text, registry.find_mentions(text), registry)
    assert [(s.name, s.type) for s in stubs] == [
        ("international terrorism", "Topic"),
        ("North Korea's nuclear program", "Topic"),
        ("denuclearization of the peninsula", "Topic"),
    ]


def test_no_topic_stub_without_a_topic_word(registry: Registry) -> None:
    text = "The minister praised the good weather and a long walk in Moscow."
    assert find_topic_stubs(text, registry.find_mentions(text), registry) == []


def test_proposer_is_the_country_of_the_project_and_each_coordinated_object(
    registry: Registry,
) -> None:
    text = (
        "Lavrov also said Pyongyang is considering a Russian project to build a gas pipeline "
        "and a power line to South Korea.\n"
    )
    claims = claims_of(without(registry, "gas_pipeline"), text)
    got = {(c.predicate, c.participants, c.object, c.asserted_by) for c in claims}
    assert ("proposed", ("russia",), "gas_pipeline", "lavrov") in got
    assert ("proposed", ("russia",), "power_line", "lavrov") in got
    assert ("considered", ("dprk",), "gas_pipeline", "lavrov") in got
    assert ("considered", ("dprk",), "power_line", "lavrov") in got
    # a project to build is not a building done
    assert not [c for c in claims if c.predicate == "built"]


def test_between_x_and_y_is_not_two_objects(registry: Registry) -> None:
    text = "Russia was ready to assist any steps promoting contacts between the DPRK and the US.\n"
    claims = claims_of(registry, text)
    assert not [c for c in claims if c.object == "usa" and c.predicate == "supported"]


def test_the_minister_said_goes_to_the_last_person_named(registry: Registry) -> None:
    text = (
        "Sergey Lavrov arrived in Pyongyang on Wednesday.\n\n"
        "The Russian minister said Moscow backed the six-party talks.\n"
    )
    claims = claims_of(registry, text)
    backed = [c for c in claims if c.predicate == "supported"]
    assert backed and backed[0].asserted_by == "lavrov", claims


def test_said_friday_dates_the_saying_not_the_reported_deed(registry: Registry) -> None:
    text = "The US said Friday that North Korea has shipped ammunition to Russia.\n"
    claims = claims_of(registry, text)
    shipped = [c for c in claims if c.predicate == "transferred"]
    assert shipped and shipped[0].date is None, claims


def test_speaker_after_an_apposition(registry: Registry) -> None:
    text = "Sergey Lavrov, the minister, also said Pyongyang backed the six-party talks.\n"
    claims = claims_of(registry, text)
    backed = [c for c in claims if c.predicate == "supported"]
    assert backed and backed[0].asserted_by == "lavrov", claims


def test_a_new_capital_stands_for_its_country(registry: Registry) -> None:
    text = "Kim flew to Washington. Talks between Washington and Pyongyang went well on Monday.\n"
    s = RuleBased().suggest(ArticleText(text, (), PUBLISHED, ()), without(registry, "usa"))
    assert [(st.id, st.country) for st in s.stubs if st.id == "washington"] == [
        ("washington", None)
    ]  # no United States in the registry: no country to give it
    s = RuleBased().suggest(ArticleText(text, (), PUBLISHED, ()), registry)
    assert [(st.id, st.country) for st in s.stubs] == [("washington", "usa")]
    met = [c for c in s.claims if c.predicate == "met"]
    assert met and {*met[0].participants, met[0].object} == {"usa", "dprk"}


def test_a_meeting_in_text_and_caption_on_the_same_day_is_one_suggestion(
    registry: Registry,
) -> None:
    text = "Sergey Lavrov met Choe Ryong Hae in Moscow on Thursday.\n"
    caption = "Choe Ryong Hae meets Sergey Lavrov in Moscow on Thursday. (AP)"
    s = RuleBased().suggest(ArticleText(text, (caption,), PUBLISHED, ()), registry)
    assert len([c for c in s.claims if c.predicate == "met"]) == 1, s.claims
    other_day = "Choe Ryong Hae meets Sergey Lavrov in Moscow on Monday. (AP)"
    s = RuleBased().suggest(ArticleText(text, (other_day,), PUBLISHED, ()), registry)
    assert len([c for c in s.claims if c.predicate == "met"]) == 2, s.claims


def test_a_stance_about_the_future_is_asserted_a_meeting_is_planned(registry: Registry) -> None:
    text = (
        "Lavrov said Pyongyang is ready to resume the six-party talks next month.\n\n"
        "Lavrov will meet Choe Ryong Hae next week.\n"
    )
    claims = claims_of(registry, text)
    position = [c for c in claims if c.predicate == "stated_position"]
    met = [c for c in claims if c.predicate == "met"]
    assert position and position[0].status == "asserted", claims
    assert met and met[0].status == "planned", claims


def test_the_datelines_government_body_is_left_unqualified(registry: Registry) -> None:
    ministry = Entity(
        "russian_foreign_ministry", "Organization", "Russian Foreign Ministry", country="russia"
    )
    known = Registry.of([*registry.entities, ministry])
    text = "According to a Foreign Ministry statement, Russia backed the six-party talks.\n"
    in_moscow = RuleBased().suggest(ArticleText(text, (), PUBLISHED, ("moscow",)), known)
    assert "russian_foreign_ministry" in in_moscow.mentioned
    assert not [s for s in in_moscow.stubs if s.name == "Foreign Ministry"]
    backed = [c for c in in_moscow.claims if c.predicate == "supported"]
    assert backed and backed[0].asserted_by == "russian_foreign_ministry", backed
    # no dateline, or another country's: a new entity, as before
    nowhere = RuleBased().suggest(ArticleText(text, (), PUBLISHED, ()), known)
    assert "russian_foreign_ministry" not in nowhere.mentioned
    assert [s.name for s in nowhere.stubs] == ["Foreign Ministry"]


def test_a_canceled_meeting_is_no_meeting(registry: Registry) -> None:
    claims = claims_of(registry, "Putin canceled the meeting with Kim Jong Un on Monday.\n")
    assert not [c for c in claims if c.predicate == "met"], claims
    claims = claims_of(registry, "Putin held the meeting with Kim Jong Un on Monday.\n")
    assert [c for c in claims if c.predicate == "met"], claims


def test_the_longer_trigger_wins(registry: Registry) -> None:
    # "sent" (a message) is part of "has sent to" (a transfer): only the transfer
    claims = claims_of(registry, "North Korea has sent to Russia 1,000 containers of shells.\n")
    assert [c.predicate for c in claims] == ["transferred"], claims


def test_a_leaders_administration_acts_for_the_country(registry: Registry) -> None:
    text = "The Kremlin urged the Putin administration to talk to Kim Jong Un.\n"
    urged = [c for c in claims_of(registry, text) if c.predicate == "urged"]
    assert urged and urged[0].object == "russia", urged


def test_what_worries_moscow_is_the_object_of_its_concern(registry: Registry) -> None:
    buildup = Entity("regional_military_activity", "Topic", "Military activity in the region")
    known = Registry.of([*registry.entities, buildup])
    text = (
        "Lavrov said Thursday that the intensification of military activity by the "
        "United States in the area worries Moscow and Pyongyang.\n"
    )
    concern = [c for c in claims_of(known, text) if c.predicate == "expressed_concern"]
    assert [(c.participants, c.object, c.asserted_by) for c in concern] == [
        (("russia", "dprk"), "regional_military_activity", "lavrov")
    ]
    # "Moscow is worried about …": the usual order, no cause before the verb
    text = "Moscow is worried about the six-party talks.\n"
    concern = [c for c in claims_of(known, text) if c.predicate == "expressed_concern"]
    assert [(c.participants, c.object) for c in concern] == [(("russia",), "six_party_talks")]
