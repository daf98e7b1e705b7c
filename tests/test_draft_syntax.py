"""The syntactic layer: tags and chunks with offsets, asides, prepositions, passives;
and the trigger words, read from the ontology alone."""

from __future__ import annotations

import re

from relgraph.draft.rules.syntax import parse
from relgraph.draft.rules.triggers import declared_triggers, speech_verbs, trigger_patterns
from relgraph.rdf.vocabulary import load_vocabulary

SENTENCE = (
    "Choe, who is in Russia to attend a forum in St. Petersburg, held talks with Lavrov "
    "in Moscow on Wednesday."
)


def test_words_keep_their_offsets_in_the_article() -> None:
    offset = 1000
    article = " " * offset + SENTENCE
    words = parse(SENTENCE, offset).words
    assert all(article[w.start : w.end] == w.text for w in words)
    assert [w.text for w in words][:3] == ["Choe", ",", "who"]
    assert "St." in [w.text for w in words]  # an abbreviation stays one word
    held = next(w for w in words if w.text == "held")
    assert held.tag.startswith("VB") and held.chunk == "VP"


def test_asides_are_relative_clauses_participial_phrases_and_appositions() -> None:
    asides = parse(SENTENCE).asides()
    assert [SENTENCE[a:b] for a, b in asides] == [
        ", who is in Russia to attend a forum in St. Petersburg"
    ]
    text = "Yoon, speaking in Brazil this week, urged Pyongyang to stop."
    assert [text[a:b] for a, b in parse(text).asides()] == [", speaking in Brazil this week"]
    text = "Sergei Lavrov, Russia's top diplomat, was received by Kim."
    assert [text[a:b] for a, b in parse(text).asides()] == [", Russia's top diplomat"]
    # the main verb after a comma is no aside
    text = "After the forum in Vladivostok, held talks with Kim."
    assert parse(text).asides() == []


def test_the_preposition_a_name_sits_behind() -> None:
    p = parse(SENTENCE)
    assert p.preposition_of(SENTENCE.index("Lavrov")) == "with"
    assert p.preposition_of(SENTENCE.index("Moscow")) == "in"
    assert p.preposition_of(SENTENCE.index("Choe")) is None
    text = "Putin met with Minister of Foreign Affairs of Russia Sergei Lavrov."
    assert parse(text).preposition_of(text.index("Sergei")) == "with"  # through a title
    text = "The US said that North Korea has shipped shells."
    assert parse(text).preposition_of(text.index("North")) is None  # "that" opens a clause


def test_passive_participles() -> None:
    for text, verb, passive in [
        ("Lavrov was received by Kim.", "received", True),
        ("Kim has been received by Shoigu.", "received", True),
        ("Kim received Lavrov.", "received", False),
        ("Kim has received Lavrov.", "received", False),
    ]:
        assert parse(text).passive_at(text.index(verb)) is passive, text


def test_triggers_and_speech_verbs_come_from_the_ontology_only() -> None:
    vocab = load_vocabulary()
    declared = {
        phrase
        for p in vocab.predicates.values()
        if not p.registry_only
        for phrase in (*p.triggers, *p.cues)
    }
    assert set().union(*map(set, declared_triggers().values())) >= declared
    speech = speech_verbs()
    assert {"said", "told", "stressed"} <= speech
    assert speech == set(vocab.predicates["stated_position"].speech_verbs)
    for name, pattern in trigger_patterns().items():
        spec = vocab.predicates[name]
        for phrase in (*spec.triggers, *spec.cues):
            if phrase in speech or phrase == "statement":
                assert not pattern.fullmatch(phrase), (name, phrase)
            else:
                assert pattern.fullmatch(phrase), (name, phrase)
        # every alternative of the pattern is a declared phrase: nothing added in code
        for alternative in pattern.pattern.split("|"):
            phrase = alternative.replace(r"\b", "").replace(r"\s+", " ")
            phrase = re.sub(r"\\(.)", r"\1", phrase)
            assert phrase in (*spec.triggers, *spec.cues), (name, alternative)
