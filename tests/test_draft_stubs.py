"""New-entity stubs: real names only, typed, one per name per run, with their aliases."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from relgraph.cli import cli
from relgraph.corpus.registry import load_registry
from relgraph.draft import ArticleText, Suggestions
from relgraph.draft.rules.recommend import RuleBased
from relgraph.draft.run import draft_pages

from conftest import DATA

TESTDATA = Path(__file__).resolve().parent / "data"
REGISTRY = load_registry(DATA)


def suggest(text: str) -> Suggestions:
    return RuleBased().suggest(ArticleText(text, (), dt.date(2020, 1, 1), ()), REGISTRY)


def stubs(text: str) -> list[tuple[str, str, str]]:
    return [(s.id, s.type, s.name) for s in suggest(text).stubs]


@pytest.mark.parametrize(
    "text",
    [
        # function words, directions and kinds of thing are no names, capitalised or not
        "The Ministry said our Party and the North would never agree.",
        "The talks ended. The leaders said nothing. Then It rained.",
        # a source after "according to" is no place
        "According to Ushakov, the leaders discussed the railway.",
        # a heading in capitals, hyphen or not
        "The train reached ULAN-UDE on Monday.",
        # a known name cut short is that entity loosely, not a new one
        "A line from South Korea to the Trans-Siberian could carry freight.",
    ],
)
def test_no_stub_for_what_is_not_a_name(text: str) -> None:
    assert stubs(text) == []


def test_an_abbreviation_and_hyphen_links_stay_inside_the_name() -> None:
    assert stubs("Choe attended a forum in St. Petersburg, then flew to Komsomolsk-on-Amur.") == [
        ("st_petersburg", "Place", "St. Petersburg"),
        ("komsomolsk_on_amur", "Place", "Komsomolsk-on-Amur"),
    ]


def test_a_possessive_inside_a_name() -> None:
    assert stubs("Kim addressed the Supreme People's Assembly on Monday.") == [
        ("supreme_peoples_assembly", "Organization", "Supreme People's Assembly")
    ]


def test_treaties_and_projects_get_stubs_so_signed_and_proposed_fire() -> None:
    signed = suggest("Russia and North Korea signed the Moscow Declaration on Friday.")
    assert [(s.id, s.type) for s in signed.stubs] == [("moscow_declaration", "Agreement")]
    assert [(c.predicate, c.object) for c in signed.claims] == [("signed", "moscow_declaration")]
    proposed = suggest(
        "Putin proposed to rebuild the Khasan–Rajin railway and the Tumen River bridge."
    )
    assert [(s.name, s.type) for s in proposed.stubs] == [
        ("Khasan–Rajin railway", "Project"),
        ("Tumen River bridge", "Project"),
    ]
    assert {c.object for c in proposed.claims if c.predicate == "proposed"} == {
        "khasan_rajin_railway",
        "tumen_river_bridge",
    }


def test_a_route_between_two_places_is_a_project() -> None:
    assert stubs("They reopened the Khasan–Rajin line and the Tumen bridge.") == [
        ("khasan_rajin_line", "Project", "Khasan–Rajin line"),
        ("tumen_bridge", "Project", "Tumen bridge"),
    ]
    # a hyphen inside a person's name is no route
    assert stubs("The Ri Son-gwon line held.") == [("ri_son_gwon", "Person", "Ri Son-gwon")]


def test_a_kind_in_lower_case_after_the_name_types_it_unless_a_compound_goes_on() -> None:
    assert stubs("Lavrov landed at the Kalma airport and left for the G20 summit.") == [
        ("kalma_airport", "Place", "Kalma airport"),
        ("g20_summit", "Forum", "G20 summit"),
    ]
    assert stubs("Kim held talks in this Pacific port city.") == []


def test_countries_are_typed_country() -> None:
    assert stubs("Yoon spoke in Brazil, and Syria followed.") == [
        ("brazil", "Country", "Brazil"),
        ("syria", "Country", "Syria"),
    ]


def test_an_agency_with_its_acronym_is_one_organisation_with_an_alias() -> None:
    found = suggest("The Korean Central News Agency (KCNA) said so. KCNA added more.")
    [stub] = found.stubs
    assert (stub.id, stub.type, stub.aliases) == (
        "korean_central_news_agency",
        "Organization",
        ("KCNA",),
    )
    assert "korean_central_news_agency" in found.mentioned


def test_a_dateline_clause_is_no_place(tmp_path: Path) -> None:
    """A lead with a hyphen ("Russian-made") is no dateline place, and no stub."""
    corpus = tmp_path / "corpus"
    shutil.copytree(TESTDATA / "draft", corpus)
    page = tmp_path / "brief.txt"
    page.write_text(
        "Putin gives Kim a car\n\n"
        "Russian President Vladimir Putin has given North Korean leader Kim Jong Un a "
        "Russian-made car, state media reported on Tuesday, Feb. 20, 2024.\n",
        encoding="utf-8",
    )
    [report] = draft_pages([page], corpus, dt.date(2026, 1, 1)).pages
    assert report.error is None
    assert all(len(s.name.split()) <= 4 for s in report.stubs), report.stubs


def test_one_stub_per_name_per_run_and_check_stays_green(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(TESTDATA / "draft", corpus)
    pages = []
    for n, day in enumerate(("Monday", "Tuesday")):
        page = tmp_path / f"page{n}.txt"
        page.write_text(
            f"MOSCOW, Nov. {20 + n}, 2014 - The Korean Central News Agency (KCNA) said on {day} "
            "that Deputy Foreign Minister Ivan Petrovsky met Sergei Lavrov. Petrovsky left.\n",
            encoding="utf-8",
        )
        pages.append(page)
    report = draft_pages(pages, corpus, dt.date(2026, 1, 1))
    assert report.failed == 0
    registry = (corpus / "entities.yaml").read_text(encoding="utf-8")
    assert registry.count("id: korean_central_news_agency\n") == 1
    assert registry.count("id: ivan_petrovsky\n") == 1
    assert 'aliases: ["KCNA"]' in registry
    assert [s.id for s in report.pages[1].stubs] == []  # the second page knows them
    result = CliRunner().invoke(cli, ["check", str(corpus)], catch_exceptions=False)
    assert result.exit_code == 0, result.output


def test_people_from_a_title_after_the_name_and_korean_names() -> None:
    assert stubs("Ivan Sidorov, Moscow's envoy to the region, arrived.") == [
        ("ivan_sidorov", "Person", "Ivan Sidorov")
    ]
    # a Korean surname and a two-syllable given name, hyphenated or not
    assert stubs("The car went to Ri Son Gwon and later to Pak Myong-ho.") == [
        ("ri_son_gwon", "Person", "Ri Son Gwon"),
        ("pak_myong_ho", "Person", "Pak Myong-ho"),
    ]


def test_coordinated_names_share_their_kind() -> None:
    assert stubs("Fighting went on in Mariupol and Kherson.") == [
        ("mariupol", "Place", "Mariupol"),
        ("kherson", "Place", "Kherson"),
    ]


def test_a_country_only_where_the_text_gives_one() -> None:
    def countries(text: str) -> list[tuple[str, str | None]]:
        return [(s.name, s.country) for s in suggest(text).stubs]

    assert countries("Russian Deputy Finance Minister Ivan Sidorov spoke.") == [
        ("Ivan Sidorov", "russia")
    ]
    assert countries("The talks were led by Ivan Sidorov, Russia's deputy minister.") == [
        ("Ivan Sidorov", "russia")
    ]
    assert countries("The Russian Energy Ministry agreed.") == [
        ("Russian Energy Ministry", "russia")
    ]
    # a country further back in the clause, or the one someone was sent to, is not theirs
    assert countries("Kim, leader of the DPRK, received Minister Ivan Sidorov.") == [
        ("Ivan Sidorov", None)
    ]
    assert countries("It was received by Ivan Sidorov, ambassador to Russia.") == [
        ("Ivan Sidorov", None)
    ]
    assert countries("They met in Tumangang, North Korea, on Friday.") == [("Tumangang", "dprk")]
    assert countries("He flew to Kazan, where it rained.") == [("Kazan", None)]


def test_a_function_word_is_never_a_name() -> None:
    from relgraph.draft.runs import has_content

    assert not has_content("the") and not has_content("It") and not has_content("of the")
    assert has_content("gas pipeline") and has_content("G20 summit")


def test_a_body_of_a_body_is_one_name_and_two_kind_words_can_be_one() -> None:
    assert stubs("Kim addressed the Presidium of the Supreme People's Assembly.") == [
        (
            "presidium_of_the_supreme_peoples_assembly",
            "Organization",
            "Presidium of the Supreme People's Assembly",
        )
    ]
    assert stubs("She chairs the Federation Council.") == [
        ("federation_council", "Organization", "Federation Council")
    ]
    # a title after the name; "General" is a title, and "Staff" alone no agency
    assert stubs("Ivan Sidorov, chief of the General Staff, reported.") == [
        ("ivan_sidorov", "Person", "Ivan Sidorov")
    ]


def test_a_quoted_treaty_is_an_agreement_so_signed_names_it() -> None:
    found = suggest("Putin and Kim have signed a “strategic partnership treaty” in Pyongyang.")
    assert [(s.name, s.type) for s in found.stubs] == [
        ("strategic partnership treaty", "Agreement")
    ]
    assert ("signed", "strategic_partnership_treaty") in {
        (c.predicate, c.object) for c in found.claims
    }
    # an apostrophe is no quote
    assert stubs("The Workers' new defence treaty' was cited.") == []
