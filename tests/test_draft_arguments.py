"""Who did what to whom: the structure rules of the claim steps, on sentences of
plain news English (none taken from the dev set or the bundled pages)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relgraph.core.model import Entity
from relgraph.corpus.registry import Registry
from relgraph.draft.rules.claims import DraftClaim
from relgraph.draft.rules.recommend import ArticleText, RuleBased
from relgraph.draft.run import load_registry

TESTDATA = Path(__file__).resolve().parent / "data"
PUBLISHED = dt.date(2014, 11, 20)  # a Thursday


@pytest.fixture(scope="module")
def registry() -> Registry:
    base = load_registry(TESTDATA / "draft")
    extra = [
        Entity("st_petersburg", "Place", "St. Petersburg", country="russia"),
        Entity("fefu", "Organization", "Far Eastern Federal University", country="russia"),
        Entity("treaty_2024", "Agreement", "Comprehensive Strategic Partnership Treaty"),
    ]
    return base.extended(extra)


def claims(registry: Registry, text: str) -> list[DraftClaim]:
    article = ArticleText(text + "\n", (), PUBLISHED, ())
    return list(RuleBased().suggest(article, registry).claims)


def parties(claim: DraftClaim) -> set[str]:
    return {*claim.participants, *([claim.object] if claim.object else [])}


def of(found: list[DraftClaim], predicate: str) -> list[DraftClaim]:
    return [c for c in found if c.predicate == predicate]


def test_the_subject_of_the_main_verb_is_past_a_relative_clause(registry: Registry) -> None:
    found = claims(
        registry,
        "Choe Ryong Hae, who is in Russia to attend a forum in St. Petersburg, held talks "
        "with Sergei Lavrov in Moscow on Wednesday.",
    )
    met = of(found, "met")
    assert [parties(c) for c in met] == [{"choe_ryong_hae", "lavrov"}], found
    assert met[0].place == "moscow" and met[0].date == "Wednesday"
    assert not [c for c in found if "russia" in parties(c) or "st_petersburg" in parties(c)]


def test_the_subject_is_past_a_participial_phrase(registry: Registry) -> None:
    found = claims(
        registry, "Vladimir Putin, speaking in Beijing on Tuesday, urged North Korea to talk."
    )
    assert [(c.participants, c.object) for c in of(found, "urged")] == [(("putin",), "dprk")]
    assert not [c for c in found if "beijing" in parties(c)]


def test_a_trigger_in_a_relative_clause_has_the_antecedent_as_subject(
    registry: Registry,
) -> None:
    found = claims(
        registry,
        "Sergei Lavrov, who arrived in Pyongyang on Sunday, was received by Kim Jong Un on Monday.",
    )
    visited = of(found, "visited")
    assert [(c.participants, c.object, c.date) for c in visited] == [
        (("lavrov",), "pyongyang", "Sunday")
    ]
    met = of(found, "met")  # a person receiving a person: a meeting
    assert [(c.participants, c.object, c.date) for c in met] == [
        (("kim_jong_un",), "lavrov", "Monday")  # not the Sunday of the relative clause
    ]


def test_coordinated_parties_and_a_place_in_a_prepositional_phrase(registry: Registry) -> None:
    found = claims(
        registry, "Kim Jong Un and Vladimir Putin met at Far Eastern Federal University."
    )
    assert [parties(c) for c in of(found, "met")] == [{"kim_jong_un", "putin"}], found
    found = claims(registry, "Sergei Lavrov met Choe Ryong Hae and Paek Nam Sun in Pyongyang.")
    met = of(found, "met")
    assert sorted(c.object or "" for c in met) == ["choe_ryong_hae", "paek_nam_sun"], found
    found = claims(
        registry,
        "Sergei Lavrov met Choe Ryong Hae, an envoy, and Paek Nam Sun, a minister, in Pyongyang.",
    )
    met = of(found, "met")
    assert sorted(c.object or "" for c in met) == ["choe_ryong_hae", "paek_nam_sun"], found
    assert {c.place for c in met} == {"pyongyang"}


def test_a_person_not_the_country_is_the_party_met(registry: Registry) -> None:
    found = claims(registry, "Vladimir Putin met with Kim Jong Un of North Korea on Monday.")
    assert [(c.participants, c.object) for c in of(found, "met")] == [(("putin",), "kim_jong_un")]


def test_passives_put_the_agent_first(registry: Registry) -> None:
    found = claims(registry, "Choe Ryong Hae was received by Vladimir Putin on Monday.")
    assert [(c.participants, c.object) for c in of(found, "met")] == [
        (("putin",), "choe_ryong_hae")
    ]
    found = claims(
        registry,
        "Choe Ryong Hae arrived in Moscow on Monday. He was met there by Sergei Lavrov.",
    )
    assert (("lavrov",), "choe_ryong_hae") in [(c.participants, c.object) for c in found]


def test_at_the_invitation_of_x_x_is_the_inviter(registry: Registry) -> None:
    found = claims(registry, "Choe Ryong Hae arrived in Moscow at the invitation of Sergei Lavrov.")
    assert [(c.participants, c.object) for c in of(found, "invited")] == [
        (("lavrov",), "choe_ryong_hae")
    ]
    assert [(c.participants, c.object) for c in of(found, "visited")] == [
        (("choe_ryong_hae",), "moscow")
    ]


def test_a_signing_is_signed_not_a_partnership(registry: Registry) -> None:
    found = claims(
        registry,
        "Vladimir Putin and Kim Jong Un signed the Comprehensive Strategic Partnership Treaty.",
    )
    signed = of(found, "signed")
    assert [(set(c.participants), c.object) for c in signed] == [
        ({"putin", "kim_jong_un"}, "treaty_2024")
    ]
    assert not of(found, "cooperates_with")


def test_welcomed_a_person_is_a_reception_welcomed_a_thing_is_support(
    registry: Registry,
) -> None:
    found = claims(registry, "Vladimir Putin welcomed Kim Jong Un at the Kremlin.")
    assert [c.predicate for c in found] == ["met"], found
    found = claims(registry, "Russia welcomed the six-party talks.")
    assert [(c.predicate, c.object) for c in found] == [("supported", "six_party_talks")]


@pytest.mark.parametrize(
    "sentence",
    [
        "Vladimir Putin wants to visit Pyongyang.",
        "Vladimir Putin is due to visit Pyongyang.",
        "Vladimir Putin plans to visit Pyongyang.",
        "Vladimir Putin will visit Pyongyang.",
    ],
)
def test_modality_and_future_are_planned(registry: Registry, sentence: str) -> None:
    visited = of(claims(registry, sentence), "visited")
    assert [(c.object, c.status) for c in visited] == [("pyongyang", "planned")]


def test_a_denied_event_is_no_event(registry: Registry) -> None:
    assert not of(claims(registry, "Kim Jong Un will not travel to Moscow."), "visited")
    assert not of(claims(registry, "Vladimir Putin did not meet Kim Jong Un."), "met")


@pytest.mark.parametrize(
    "sentence",
    [
        "Sergei Lavrov had a meeting with Choe Ryong Hae.",
        "Sergei Lavrov began talks with Choe Ryong Hae.",
        "Talks were held between Sergei Lavrov and Choe Ryong Hae.",
    ],
)
def test_common_phrasings_of_a_meeting(registry: Registry, sentence: str) -> None:
    assert [parties(c) for c in of(claims(registry, sentence), "met")] == [
        {"lavrov", "choe_ryong_hae"}
    ]


def test_a_time_between_verb_and_place_and_an_event_noun_as_a_topic(
    registry: Registry,
) -> None:
    found = claims(registry, "Sergei Lavrov arrived Wednesday in Pyongyang.")
    assert [(c.object, c.date) for c in of(found, "visited")] == [("pyongyang", "Wednesday")]
    # "preparations for the summit": what they talked about, not a summit they held
    found = claims(registry, "Sergei Lavrov discussed preparations for the summit with Putin.")
    assert not of(found, "met")


def test_an_object_belongs_to_its_own_verb(registry: Registry) -> None:
    found = claims(
        registry, "Russia backed the six-party talks, days before criticizing South Korea."
    )
    assert [(c.predicate, c.object) for c in of(found, "supported")] == [
        ("supported", "six_party_talks")
    ]
    found = claims(registry, "Russia vetoed a US-drafted resolution.")
    assert not [c for c in found if c.object == "usa"]


def test_a_letter_of_x_is_from_x(registry: Registry) -> None:
    found = claims(registry, "Choe Ryong Hae handed over a letter of Kim Jong Un to Putin.")
    assert [(c.participants, c.object) for c in of(found, "sent_message")] == [
        (("kim_jong_un",), "putin")
    ]


def test_an_accusation_is_asserted_what_it_alleges_is_alleged(registry: Registry) -> None:
    found = claims(
        registry, "South Korea accused North Korea of supplying shells to Russia on Monday."
    )
    accused = of(found, "accused")
    assert [(c.participants, c.object, c.status) for c in accused] == [
        (("rok",), "dprk", "asserted")
    ]
    transferred = of(found, "transferred")
    assert [(c.participants, c.object, c.status, c.asserted_by) for c in transferred] == [
        (("dprk",), "russia", "alleged", "rok")
    ]


def test_statements_of_several_subjects_are_one_claim_each(registry: Registry) -> None:
    found = claims(registry, "The United States and South Korea accused North Korea.")
    assert sorted(c.participants for c in of(found, "accused")) == [("rok",), ("usa",)]
    found = claims(
        registry,
        "Vladimir Putin and Kim Jong Un signed the Comprehensive Strategic Partnership Treaty.",
    )
    assert [len(c.participants) for c in of(found, "signed")] == [2]  # one act of both


def test_an_event_asked_for_is_no_event(registry: Registry) -> None:
    found = claims(registry, "Vladimir Putin invited Kim Jong Un to visit Moscow.")
    assert not of(found, "visited")
    assert [(c.participants, c.object) for c in of(found, "invited")] == [
        (("putin",), "kim_jong_un")
    ]
    found = claims(
        registry,
        "Russia accepted the invitation of the leader of North Korea, Kim Jong Un, to visit "
        "Pyongyang.",
    )
    assert not of(found, "visited")


def test_a_passive_without_agent_names_no_doer(registry: Registry) -> None:
    found = claims(registry, "Vladimir Putin said a pipeline would be built in Pyongyang.")
    assert not of(found, "built")


def test_sending_troops_is_a_transfer_sending_a_letter_a_message(registry: Registry) -> None:
    found = claims(registry, "North Korea sent troops to Russia.")
    assert [(c.predicate, c.participants, c.object) for c in found] == [
        ("transferred", ("dprk",), "russia")
    ]
    found = claims(registry, "Vladimir Putin sent a letter to Kim Jong Un.")
    assert [(c.predicate, c.participants, c.object) for c in found] == [
        ("sent_message", ("putin",), "kim_jong_un")
    ]


def test_it_in_a_reported_clause_is_the_body_that_reports(registry: Registry) -> None:
    found = claims(
        registry, "North Korea acknowledged on Monday that it had sent troops to Russia."
    )
    assert [(c.predicate, c.participants, c.object) for c in found] == [
        ("transferred", ("dprk",), "russia")
    ]


def test_a_demonym_and_a_group_act_for_the_country(registry: Registry) -> None:
    found = claims(
        registry, "Kim Jong Un arrived for a visit at the invitation of the Russian leadership."
    )
    assert [(c.participants, c.object) for c in of(found, "invited")] == [
        (("russia",), "kim_jong_un")
    ]


def test_an_event_in_the_pluperfect_takes_no_date_of_the_sentence(registry: Registry) -> None:
    found = claims(registry, "On Monday, Vladimir Putin said Russia had invited Kim Jong Un.")
    assert [(c.participants, c.object, c.date) for c in of(found, "invited")] == [
        (("russia",), "kim_jong_un", None)
    ]


def test_a_noun_takes_no_direct_object_and_between_names_both_sides(
    registry: Registry,
) -> None:
    found = claims(registry, "North Korea is ready for talks on its program, Russia said.")
    assert not of(found, "met")
    found = claims(
        registry, "South Korea awaits the meeting between the leaders of the US and North Korea."
    )
    assert [parties(c) for c in of(found, "met")] == [{"usa", "dprk"}]


def test_an_owner_is_not_the_object_and_an_invitee_is_a_person(registry: Registry) -> None:
    found = claims(registry, "North Korea reaffirmed its support for Russia's campaign.")
    assert not [c for c in found if c.object == "russia"]
    found = claims(registry, "The Kremlin called it a visit at the invitation of Vladimir Putin.")
    assert not of(found, "invited")  # the Kremlin describes the visit; it is not invited


def test_a_tour_is_not_goods(registry: Registry) -> None:
    found = claims(registry, "Russia provided Kim Jong Un with a tour of the plant.")
    assert not of(found, "transferred")
    found = claims(registry, "Russia provided North Korea with fuel.")
    assert [(c.participants, c.object) for c in of(found, "transferred")] == [(("russia",), "dprk")]


def test_in_a_place_on_a_visit_at_the_invitation_of_x(registry: Registry) -> None:
    found = claims(
        registry,
        "Vladimir Putin met with Choe Ryong Hae, who is in Moscow on a visit at the "
        "invitation of Sergei Lavrov.",
    )
    assert [(c.participants, c.object) for c in of(found, "invited")] == [
        (("lavrov",), "choe_ryong_hae")
    ]
    assert [(c.participants, c.object) for c in of(found, "visited")] == [
        (("choe_ryong_hae",), "moscow")
    ]


def test_an_undated_lead_event_is_of_the_articles_day(registry: Registry) -> None:
    found = claims(registry, "Vladimir Putin met Kim Jong Un in Moscow.")
    assert [c.date for c in of(found, "met")] == [PUBLISHED.isoformat()]


def test_a_visit_by_x_to_y_and_no_pair_across_a_verb(registry: Registry) -> None:
    found = claims(registry, "Russia welcomed a planned visit by a US envoy to North Korea.")
    assert [(c.participants, c.object) for c in of(found, "visited")] == [(("usa",), "dprk")]
    found = claims(registry, "Sergei Lavrov said Kim Jong Un wants to cooperate.")
    assert not of(found, "cooperates_with")


def test_a_countrys_soldiers_sent_are_sent_by_it(registry: Registry) -> None:
    found = claims(registry, "Reports say North Korean soldiers were sent to Russia.")
    assert [(c.participants, c.object) for c in of(found, "transferred")] == [(("dprk",), "russia")]
    found = claims(registry, "Reports say a pipeline was sent to Russia.")
    assert not of(found, "transferred")


def test_an_invitation_is_not_dated_by_the_arrival(registry: Registry) -> None:
    found = claims(
        registry, "Choe Ryong Hae arrived in Moscow on Monday at the invitation of Sergei Lavrov."
    )
    assert [c.date for c in of(found, "invited")] == [None]
    assert [c.date for c in of(found, "visited")] == ["Monday"]


def test_a_speaker_with_the_day_before_the_verb(registry: Registry) -> None:
    found = claims(
        registry, "South Korea on Monday said that North Korea had sent troops to Russia."
    )
    assert [(c.participants, c.asserted_by) for c in of(found, "transferred")] == [
        (("dprk",), "rok")
    ]
