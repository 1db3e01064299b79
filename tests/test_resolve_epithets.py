"""Epithets: what the article says of each entity (titles, appositions, ages, parties, role
nouns near the name) links a later description to it; a description of someone never named
stands as its own name."""

from __future__ import annotations

import pytest

from onrecord.stages.parse.language import load_pipeline
from resolve_support import speaker_of


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    return load_pipeline()


def test_title_gives_the_role_an_epithet_repeats():
    text = ('Sen. Maria Delgado and Paul Whitmore toured the dam on Monday. '
            '"We will rebuild it," the senator said.')
    quote = speaker_of(text, "rebuild")
    assert quote.speaker_name == "Maria Delgado"
    assert quote.speaker_chain[0].rule == "epithet:role-noun"


def test_apposition_describes_the_person():
    text = ('Ana Ruiz, a pediatrician at Mercy Hospital, and her brother Carlos Ruiz spoke to the council. '
            '"Children are waiting for beds," the pediatrician said.')
    assert speaker_of(text, "waiting for beds").speaker_name == "Ana Ruiz"


def test_age_apposition_matches_the_year_old_epithet():
    text = ('Tom Keller, 48, and his neighbour Daniel Ortiz, 71, watched the water rise. '
            '"We lost everything," the 48-year-old said.')
    assert speaker_of(text, "lost everything").speaker_name == "Tom Keller"


def test_party_code_matches_the_party_epithet():
    text = ('Rep. Jim Hollis (R-Ohio) and Rep. Dana Pryor (D-Mich.) sparred over the budget. '
            '"This bill is a giveaway," the Republican said.')
    assert speaker_of(text, "giveaway").speaker_name == "Jim Hollis"


def test_epithet_with_quoted_title_and_role_noun():
    text = ('Singer John Legend and his wife, model Chrissy Teigen, arrived at the gala. '
            '"We are thrilled to be here," the "All of Me" singer said.')
    assert speaker_of(text, "thrilled").speaker_name == "John Legend"


def test_long_epithet_matches_the_role_word_of_the_name():
    text = ('Chrissy Teigen, a former Sports Illustrated Swimsuit cover model, posted a photo on Sunday. '
            '"Best day ever," the former Sports Illustrated Swimsuit cover model wrote.')
    assert speaker_of(text, "Best day").speaker_name == "Chrissy Teigen"


def test_epithet_introduced_before_the_name():
    text = ('"The rules ignored the neighbourhoods," a Denver judge said on Thursday.\n\n'
            'District Judge Karen Holt blocked the new zoning rules, which the council passed in May.')
    quote = speaker_of(text, "ignored the neighbourhoods")
    assert quote.speaker_name == "Karen Holt"
    assert quote.speaker_chain[0].rule.endswith("role-noun")


def test_company_epithet_refers_to_the_named_company():
    text = ('Paul Whitmore sued Brightline Foods Inc. on Monday. '
            '"The claims have no merit," the company said.')
    assert speaker_of(text, "no merit").speaker_name == "Brightline Foods Inc."


def test_gender_keeps_an_epithet_off_the_wrong_person():
    text = ('Tom Keller and his wife, Ellen Keller, ran the bakery for 30 years. '
            '"I never wanted to leave," the woman said.')
    assert speaker_of(text, "never wanted").speaker_name == "Ellen Keller"


def test_speaker_never_named_is_named_by_the_description():
    quote = speaker_of('"The evacuation was chaotic," a resident of the east side said.', "evacuation")
    assert quote.speaker_name == "resident of the east side"
    assert quote.speaker_chain[0].rule == "unnamed-description"


def test_definite_epithet_nothing_supports_stays_unresolved():
    quote = speaker_of('"We will appeal," the senator said.', "appeal")
    assert quote.speaker_name is None


def test_relation_epithet_finds_the_spouse_the_article_named():
    text = ('Model Chrissy Teigen and her husband, singer John Legend, arrived late. Mary Keller greeted them. '
            '"We are so happy to be here," Teigen\'s husband said.')
    assert speaker_of(text, "so happy").speaker_name == "John Legend"


def test_ministry_epithet_refers_to_the_named_ministry():
    text = 'The Ministry of Health issued new rules on Monday. "Hospitals must comply," the ministry said.'
    assert speaker_of(text, "must comply").speaker_name == "Ministry of Health"


def test_description_outside_the_role_lexicon_fits_the_person_the_article_gave_it():
    text = ('Elena Marsh, a former harbor pilot, defended the plan on Friday. '
            '"The pier will not fall into the bay," the former harbor pilot said.')
    assert speaker_of(text, "pier will not").speaker_name == "Elena Marsh"
