"""Names: a later surname or given name, titles, possessives, initials, particles, hyphens."""

from __future__ import annotations

import pytest

from onrecord.stages.parse.language import load_pipeline
from resolve_support import resolved, speaker_of


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    return load_pipeline()


def test_surname_resolves_to_the_full_name_given_earlier():
    text = 'Senator Maria Delgado introduced the bill on Monday. "This is overdue," Delgado said.'
    quote = speaker_of(text, "overdue")
    assert quote.speaker_name == "Maria Delgado"
    assert [link.text for link in quote.speaker_chain] == ["Delgado", "Maria Delgado"]


def test_title_is_not_part_of_the_canonical_name():
    text = 'Sen. Paul Whitmore voted against it. "It costs too much," Sen. Whitmore said.'
    assert speaker_of(text, "costs").speaker_name == "Paul Whitmore"


def test_matching_initial_joins_the_full_name():
    text = 'Paul Whitmore chairs the committee. "The numbers are wrong," P. Whitmore told reporters.'
    assert speaker_of(text, "numbers").speaker_name == "Paul Whitmore"


def test_different_initial_is_a_different_person():
    text = 'Paul Whitmore chairs the committee. "The numbers are wrong," J. Whitmore said.'
    assert speaker_of(text, "numbers").speaker_name == "J. Whitmore"


def test_name_particle_belongs_to_the_surname():
    text = 'Ludwig van Houten, who chairs the panel, closed the hearing. "We adjourn," Van Houten said.'
    assert speaker_of(text, "adjourn").speaker_name == "Ludwig van Houten"


def test_hyphenated_surname_stays_whole():
    text = 'Dr. Ana Ruiz-Soto testified first. "Children are waiting," Ruiz-Soto said.'
    assert speaker_of(text, "waiting").speaker_name == "Ana Ruiz-Soto"


def test_possessive_document_speaks_for_its_owner():
    text = 'Maria Delgado filed the motion on Monday. "The law is clear," Delgado\'s statement said.'
    quote = speaker_of(text, "law is clear")
    assert quote.speaker_name == "Maria Delgado"
    assert quote.speaker_chain[0].rule == "document-author"


def test_shared_surname_goes_to_the_person_the_pronoun_fits():
    text = ('Former Governor Jack Landry and his wife, Ellen Landry, toured the plant on Friday. '
            'Landry said she would return next month. "We owe these workers a visit," Landry said of her plans.')
    quote = speaker_of(text, "owe these workers")
    assert quote.speaker_name == "Ellen Landry"


def test_the_name_used_most_is_canonical():
    text = ('Donald Trump spoke in Ohio. "We will win," Trump said. Donald Trump repeated it later. '
            'A 1990 profile had called him Donald J. Trump. "Big league," Trump added.')
    assert speaker_of(text, "Big league").speaker_name == "Donald Trump"


def test_entities_are_numbered_by_first_mention():
    text = ('Maria Delgado and Paul Whitmore met on Monday. "It went well," Whitmore said. '
            '"We agreed on nothing," Delgado said.')
    quotes, entities = resolved(text)
    assert [(e.id, e.name) for e in entities] == [("E1", "Maria Delgado"), ("E2", "Paul Whitmore")]
    assert {q.entity for q in quotes} == {"E1", "E2"}


def test_a_dateline_is_never_part_of_a_name() -> None:
    from onrecord.stages.resolve.names import clean_name

    assert clean_name("CLEVELAND - Donald Trump") == "Donald Trump"
    assert clean_name("LONDON (AP) — Mira Halden") == "Mira Halden"
    assert clean_name("ST. LOUIS, Mo. — Jane Okafor") == "Jane Okafor"


def test_a_surname_goes_to_the_person_the_story_is_about_not_a_relative_named_later() -> None:
    from onrecord.pipeline import extract

    text = ("Senator accepts nomination.\n\nDENVER - Harold Voss accepted his party's nomination on Thursday night.\n\n"
            '"We will win this state," Voss said.\n\nHis daughter, Clara Voss, introduced him. "He is ready," she said.\n\n'
            '"Nobody works harder," Voss said later.\n')
    names = [q.speaker_name for q in extract(text).quotes if q.kind == "direct"]
    assert names == ["Harold Voss", "Clara Voss", "Harold Voss"]
