"""Claims and roles suggested from sentences, checked against the ontology."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from relgraph.corpus.registry import Registry
from relgraph.draft.rules.claims import DraftClaim
from relgraph.draft.rules.recommend import ArticleText, RuleBased
from relgraph.draft.rules.roles import DraftRole
from relgraph.draft.rules.sentences import find_dates, shortest_unique, split_sentences
from relgraph.draft.rules.triggers import declared_triggers, trigger_patterns
from relgraph.draft.run import load_registry
from relgraph.rdf.vocabulary import load_vocabulary

TESTDATA = Path(__file__).resolve().parent / "data"
PUBLISHED = dt.date(2014, 11, 20)  # a Thursday


@pytest.fixture(scope="module")
def registry() -> Registry:
    return load_registry(TESTDATA / "draft")


def suggest(
    registry: Registry, text: str, captions: tuple[str, ...] = ()
) -> tuple[list[DraftClaim], list[DraftRole]]:
    s = RuleBased().suggest(ArticleText(text, captions, PUBLISHED, ("moscow",)), registry)
    return list(s.claims), list(s.roles)


def one(claims: list[DraftClaim], predicate: str) -> DraftClaim:
    found = [c for c in claims if c.predicate == predicate]
    assert len(found) == 1, claims
    return found[0]


def test_met_with_date_place_and_shortest_unique_quote(registry: Registry) -> None:
    text = "Foreign Minister Sergey Lavrov met Choe Ryong Hae in Moscow on Thursday.\n"
    claims, _ = suggest(registry, text)
    met = one(claims, "met")
    assert (met.participants, met.object) == (("lavrov",), "choe_ryong_hae")
    assert (met.date, met.place, met.status) == ("Thursday", "moscow", "asserted")
    assert met.quote == "Sergey Lavrov met Choe Ryong Hae"
    assert 0 < met.confidence <= 1


def test_x_and_y_held_talks_is_one_meeting(registry: Registry) -> None:
    claims, _ = suggest(registry, "Lavrov and Choe Ryong Hae held talks in Moscow on Monday.\n")
    met = one(claims, "met")
    assert {*met.participants, met.object} == {"lavrov", "choe_ryong_hae"}
    assert met.date == "Monday"


def test_attribution_and_capital_standing_for_its_country(registry: Registry) -> None:
    claims, _ = suggest(registry, "Lavrov said Pyongyang is ready to resume the six-party talks.\n")
    position = one(claims, "stated_position")
    assert (position.participants, position.object) == (("dprk",), "six_party_talks")
    assert position.asserted_by == "lavrov"


def test_a_letter_from_the_sender_to_the_recipient(registry: Registry) -> None:
    claims, _ = suggest(registry, "Choe gave Vladimir Putin a letter from Kim Jong Un.\n")
    message = one(claims, "sent_message")
    assert (message.participants, message.object) == (("kim_jong_un",), "putin")


def test_status_planned_alleged_and_future_dates(registry: Registry) -> None:
    claims, _ = suggest(
        registry,
        "Lavrov will meet Kim Jong Un in Pyongyang next Monday.\n\n"
        "The Kremlin accused Putin of meeting Kim Jong Un.\n",
    )
    planned = next(c for c in claims if c.quote.startswith("Lavrov will meet"))
    assert planned.status == "planned" and planned.date == "next Monday"
    alleged = [c for c in claims if c.status == "alleged"]
    assert alleged


def test_a_day_without_a_year_after_the_article_is_last_years_unless_planned(
    registry: Registry,
) -> None:
    claims, _ = suggest(registry, "Lavrov met Choe Ryong Hae on December 1.\n")
    assert one(claims, "met").date == "2013-12-01"  # published 2014-11-20
    claims, _ = suggest(registry, "Lavrov will meet Choe Ryong Hae on December 1.\n")
    assert one(claims, "met").date == "2014-12-01"
    claims, _ = suggest(registry, "Lavrov met Choe Ryong Hae on November 19.\n")
    assert one(claims, "met").date == "2014-11-19"
    claims, _ = suggest(registry, "Lavrov met Choe Ryong Hae on December 1, 2015.\n")
    assert one(claims, "met").date is None  # after the article's date, and not planned


def test_domain_and_range_are_respected(registry: Registry) -> None:
    vocab = load_vocabulary()
    text = (
        "Lavrov visited Pyongyang on Tuesday. Russia signed nothing. "
        "Moscow proposed a gas pipeline. Putin met Choe in Moscow.\n"
    )
    claims, _ = suggest(registry, text)
    assert claims
    for c in claims:
        spec = vocab.predicates[c.predicate]
        for who in c.participants:
            assert registry.type_of(who) in spec.domain, c
        assert c.object is None or registry.type_of(c.object) in spec.range, c


def test_quotes_are_unique_across_text_and_captions(registry: Registry) -> None:
    text = "Lavrov met Choe Ryong Hae.\n"
    caption = "Lavrov met Choe Ryong Hae in Moscow, Russia, Thursday, Nov. 20, 2014. (AP Photo)"
    claims, _ = suggest(registry, text, (caption,))
    documents = (text, caption)
    for c in claims:
        assert sum(d.count(c.quote) for d in documents) == 1, c


def test_roles_from_titles_and_appositions(registry: Registry) -> None:
    text = (
        "Russian Foreign Minister Sergei Lavrov met Choe Ryong Hae, a special envoy for North "
        "Korean leader Kim Jong Un, on Thursday. Igor Ivanov, the Russian ambassador to Japan, "
        "was there.\n"
    )
    _, roles = suggest(registry, text)
    got = {(r.entity, r.title, r.of) for r in roles}
    assert ("lavrov", "Foreign Minister", "russia") in got
    assert ("kim_jong_un", "Leader", "dprk") in got
    assert ("ivanov_igor", "Ambassador to Japan", "russia") in got
    assert any(r.entity == "choe_ryong_hae" and "Envoy" in r.title for r in roles)
    for r in roles:
        assert r.quote in text


def test_dates_and_sentences() -> None:
    dates = find_dates(
        "on Tuesday, last Friday, June 12, May 31, 2018 and last year, in September, "
        "since November last year",
        dt.date(2018, 5, 31),
    )
    assert [(d.value, d.iso) for d in dates] == [
        ("Tuesday", "2018-05-29"),
        ("last Friday", "2018-05-25"),
        ("2017-06-12", "2017-06-12"),  # after the article's day: the year before
        ("2018-05-31", "2018-05-31"),
        ("2017", "2017"),
        ("2017-09", "2017-09"),
        ("2017-11", "2017-11"),
    ]
    text = "U.S. President George W. Bush arrived on Thursday. He met Putin."
    assert [s.text for s in split_sentences(text)] == [
        "U.S. President George W. Bush arrived on Thursday.",
        "He met Putin.",
    ]


def test_shortest_unique_grows_until_unique() -> None:
    text = "Lavrov met Choe. Lavrov met Choe again."
    start = text.index("met")
    assert shortest_unique((text,), 0, start, start + 3, (0, 15)) is None
    span = shortest_unique((text,), 0, 17 + 7, 17 + 10, (17, len(text)))
    assert span is not None and text[span[0] : span[1]] == "met Choe again"


def test_every_claim_predicate_has_triggers_from_the_ontology() -> None:
    vocab = load_vocabulary()
    patterns = trigger_patterns()
    usable = {n for n, p in vocab.predicates.items() if not p.registry_only}
    assert set(patterns) == usable
    assert set(declared_triggers()) <= set(vocab.predicates)


def test_this_year_this_month_next_month_last_month() -> None:
    dates = find_dates(
        "earlier this year, later this month, next month, last month, earlier in the day",
        dt.date(2012, 12, 18),
    )
    assert [d.value for d in dates] == ["2012", "2012-12", "2013-01", "2012-11", "today"]


def test_roles_with_a_portfolio_an_owner_before_or_an_owner_in_the_apposition(
    registry: Registry,
) -> None:
    text = (
        "Vladimir Putin met with Minister of Foreign Affairs of the Democratic People's "
        "Republic of Korea Choe Ryong Hae. North Korea's ambassador to Russia, Paek Nam Sun, "
        "was there. Igor Ivanov, Russia's minister of natural resources and ecology, "
        "spoke. Presidential Aide Sergei Lavrov listened.\n"
    )
    _, roles = suggest(registry, text)
    got = {(r.entity, r.title, r.of) for r in roles}
    assert ("choe_ryong_hae", "Minister of Foreign Affairs", "dprk") in got
    assert ("paek_nam_sun", "Ambassador to Russia", "dprk") in got
    assert ("ivanov_igor", "Minister of Natural Resources and Ecology", "russia") in got
    assert ("lavrov", "Presidential Aide", "russia") in got
    for r in roles:
        assert r.quote in text


def test_roles_in_a_chain_of_appositions_and_a_chief(registry: Registry) -> None:
    text = (
        "Kim Jong Un, chairman of the Workers' Party of Korea, chairman of the State Affairs "
        "Commission, received them. Igor Ivanov, chief of the Russian General Staff, spoke.\n"
    )
    _, roles = suggest(registry, text)
    got = {(r.entity, r.title) for r in roles}
    assert ("kim_jong_un", "Chairman of the Workers' Party of Korea") in got
    assert ("kim_jong_un", "Chairman of the State Affairs Commission") in got
    assert ("ivanov_igor", "Chief of the Russian General Staff") in got


def test_an_owner_named_by_a_short_form_before_the_title(registry: Registry) -> None:
    from relgraph.core.model import Entity

    known = registry.extended([Entity("uk", "Country", "United Kingdom")])
    _, roles = suggest(known, "Britain's ambassador, Paek Nam Sun, said so.\n")
    assert [(r.entity, r.title, r.of) for r in roles] == [("paek_nam_sun", "Ambassador", "uk")]
