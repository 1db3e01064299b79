"""Quoted titles, nicknames and scare quotes are not speech."""

import pytest

from onrecord.stages.quotes.marks import find_quoted_spans
from onrecord.stages.quotes.speech import classify_quoted


def uses(text: str) -> dict[str, str]:
    spans, _ = find_quoted_spans(text)
    return {text[s.start:s.end]: classify_quoted(text, s).use for s in spans}


@pytest.mark.parametrize(
    "text, quoted",
    [
        ('The "All of Me" singer waved to fans.', "All of Me"),
        ("He played his new ballad “Never Break” twice.", "Never Break"),
        ("She wrote the “Cravings” cookbooks.", "Cravings"),
        ("Pence said on CNN's “State of the Union.”", "State of the Union."),
        ("The 30-second spot, titled “Arrogant,” ran in Ohio.", "Arrogant,"),
        ('Trump gave him the nickname "Lyin\' Ted."', "Lyin' Ted."),
    ],
)
def test_titles_and_names_in_marks_are_not_speech(text, quoted):
    assert uses(text)[quoted] == "title"


def test_scare_quotes_are_fragments_not_speech():
    assert uses('The council called it a "temporary" measure.')["temporary"] == "fragment"


def test_a_phrase_quoted_inside_a_clause_is_a_fragment():
    text = "Visitors were led into “a living room in western Pennsylvania” to watch."
    assert uses(text)["a living room in western Pennsylvania"] == "fragment"


def test_a_sentence_in_marks_is_speech():
    assert uses("“The money is there,” Marsh said.")["The money is there,"] == "speech"


def test_a_one_word_answer_before_its_cue_is_speech():
    assert uses("“Absolutely,” she said.")["Absolutely,"] == "speech"


def test_a_quote_after_a_reporting_verb_is_speech_even_when_lower_case():
    assert uses('He said "we will rebuild the pier."')["we will rebuild the pier."] == "speech"


def test_a_headline_in_capitals_inside_marks_is_not_speech():
    text = "The results came in.\n\n“DIVISIVE, STUPID AND WRONG”\n\nThe prime minister spoke later."
    assert uses(text)["DIVISIVE, STUPID AND WRONG"] == "title"
