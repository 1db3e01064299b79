"""Pronouns: gender, number, salience, distance; the previous attribution's subject first."""

from __future__ import annotations

import pytest

from onrecord.stages.parse.language import load_pipeline
from resolve_support import resolved, speaker_of


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    return load_pipeline()


def test_two_men_in_one_paragraph_the_subject_of_the_sentence_before_wins():
    text = ('Mayor Tom Keller and Police Chief Daniel Ortiz met residents on Tuesday night. '
            'Ortiz opened the meeting and thanked Keller. "We hear you," he said.')
    assert speaker_of(text, "hear you").speaker_name == "Daniel Ortiz"


def test_two_men_in_one_paragraph_the_previous_speaker_continues():
    text = ('"The budget is fixed," Mayor Tom Keller said, standing beside Police Chief Daniel Ortiz. '
            '"And it will stay fixed," he added.')
    assert speaker_of(text, "stay fixed").speaker_name == "Tom Keller"


def test_antecedent_in_the_previous_paragraph():
    text = ('Governor Laura Benning signed the order on Friday.\n\n'
            '"This protects every renter in the state," she said.')
    quote = speaker_of(text, "protects every renter")
    assert quote.speaker_name == "Laura Benning"
    assert quote.speaker_chain[0].rule.startswith("pronoun:")


def test_gender_rules_out_the_nearer_person():
    text = ('Laura Benning met Tom Keller at the capitol. Keller left early. '
            '"It was productive," she said.')
    assert speaker_of(text, "productive").speaker_name == "Laura Benning"


def test_they_refers_to_an_organisation_not_a_person():
    text = ('Paul Whitmore criticised the Northfield Water Authority on Monday. The Northfield Water Authority '
            'rejected the claims. "Our water is safe," they said.')
    assert speaker_of(text, "water is safe").speaker_name == "Northfield Water Authority"


def test_pronoun_with_nobody_to_refer_to_stays_unresolved():
    quote = speaker_of('"The water is rising," she said.', "water is rising")
    assert quote.speaker_name is None and quote.entity is None
    assert quote.speaker_confidence == 0.0


def test_pronoun_resolution_is_less_sure_when_two_candidates_fit():
    one = speaker_of('Tom Keller spoke first. "We are ready," he said.', "ready")
    two = speaker_of('Tom Keller spoke after Daniel Ortiz. "We are ready," he said.', "ready")
    assert one.speaker_confidence > two.speaker_confidence


def test_relative_pronoun_refers_to_the_noun_it_modifies():
    text = ('The bill was backed by Maria Delgado, who said it was "long overdue" and '
            'who told reporters, "We will pass it."')
    quotes, _ = resolved(text)
    named = [q.speaker_name for q in quotes if q.speaker is not None and q.speaker.text.lower() == "who"]
    assert named and set(named) == {"Maria Delgado"}
