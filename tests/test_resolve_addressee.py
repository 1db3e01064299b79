"""Addressees where the text states them."""

from __future__ import annotations

import pytest

from onrecord.stages.parse.language import load_pipeline
from resolve_support import resolved, speaker_of


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    return load_pipeline()


def test_message_to_his_wife_names_her():
    text = 'John Legend wrote a message to his wife Chrissy Teigen: "Happy anniversary, my love."'
    quote = speaker_of(text, "Happy anniversary")
    assert quote.speaker_name == "John Legend"
    assert quote.addressee_name == "Chrissy Teigen"


def test_told_names_the_listener():
    text = 'Mayor Tom Keller met Daniel Ortiz on Friday. "I will not resign," Keller told Ortiz.'
    quote = speaker_of(text, "not resign")
    assert (quote.speaker_name, quote.addressee_name) == ("Tom Keller", "Daniel Ortiz")


def test_replied_to_names_the_one_answered():
    text = 'Tom Keller and Daniel Ortiz debated on Friday. Ortiz replied to Keller, "Then we will vote."'
    quote = speaker_of(text, "we will vote")
    assert quote.addressee_name == "Tom Keller"


def test_salutation_in_the_quote_names_the_addressee():
    text = 'The family posted a tribute on Sunday. "To our Jack – we miss you every day," the family wrote.'
    quote = speaker_of(text, "miss you")
    assert quote.addressee.text == "Jack"


def test_addressee_entity_is_listed():
    quotes, entities = resolved('Tom Keller met Daniel Ortiz on Friday. "I will not resign," Keller told Ortiz.')
    assert quotes[0].addressee_entity in {e.id for e in entities}


def test_no_addressee_unless_stated():
    assert speaker_of('Tom Keller spoke on Friday. "I will not resign," Keller said.', "resign").addressee is None
