"""Cue and speaker of direct quotations, in every position news puts them."""

from types import SimpleNamespace

import pytest

from onrecord.stages.direct.attribution import attribute
from onrecord.stages.quotes.speech import classify_quoted
from parsed import context_of


def extract(text: str):
    """The find-quotes and attribution stages alone, on one passage."""
    context = context_of(text)
    decided = [(span, classify_quoted(text, span)) for span in context.marks.spans]
    spoken = [(span, use) for span, use in decided if use.use == "speech"]
    skipped = [use for _, use in decided if use.use != "speech"]
    return SimpleNamespace(quotes=tuple(attribute(context, spoken)), skipped=skipped)


def only_quote(text: str):
    article = extract(text)
    assert len(article.quotes) == 1, [q.content.text for q in article.quotes]
    return article.quotes[0]


def cue_and_speaker(quote) -> tuple[str | None, str | None]:
    return (quote.cue.text if quote.cue else None, quote.speaker.text if quote.speaker else None)


def test_cue_and_pronoun_after_the_quote():
    quote = only_quote('"The pier will not fall into the bay," she said.')
    assert cue_and_speaker(quote) == ("said", "she")


def test_inverted_cue_before_the_speaker():
    quote = only_quote('"Riders are paying more to wait longer," said Tomas Reyes, a union leader.')
    assert cue_and_speaker(quote) == ("said", "Tomas Reyes")


def test_speaker_and_cue_with_colon_before_the_quote():
    quote = only_quote('The mayor of Harbor City said: "The money is there."')
    assert cue_and_speaker(quote) == ("said", "The mayor of Harbor City")


def test_according_to_before_the_quote():
    quote = only_quote('According to the union, "fares have doubled in five years."')
    assert cue_and_speaker(quote) == ("According to", "the union")


def test_dash_attribution_after_the_quote():
    quote = only_quote("“Give us one season and judge us by the results.” — Elena Marsh")
    assert cue_and_speaker(quote) == ("—", "Elena Marsh")


def test_told_reporters_that_before_the_quote():
    quote = only_quote('Reyes told reporters that "the union will vote next week on a boycott."')
    assert cue_and_speaker(quote) == ("told", "Reyes")


def test_speaker_named_with_honorific_and_party_before_the_cue():
    quote = only_quote('"We need the loan," Sen. Maria Ortiz (D-Wis.) said.')
    assert cue_and_speaker(quote) == ("said", "Sen. Maria Ortiz")


def test_cue_keeps_its_auxiliary_and_adverb_as_annotators_mark_them():
    quote = only_quote('"We need the loan," Ortiz has also said.')
    assert cue_and_speaker(quote) == ("has also said", "Ortiz")


def test_adverb_right_after_the_cue_belongs_to_it():
    quote = only_quote('"What a fine plan," Ortiz said sarcastically.')
    assert cue_and_speaker(quote) == ("said sarcastically", "Ortiz")


def test_in_a_statement_belongs_to_the_cue():
    quote = only_quote('"The pier will reopen in May," the harbor authority said in a statement.')
    assert cue_and_speaker(quote)[0] == "said in a statement"


def test_with_a_grin_belongs_to_the_cue():
    quote = only_quote('"The ferry will be on time," Ortiz said with a grin.')
    assert cue_and_speaker(quote)[0] == "said with a grin"


def test_governing_verbs_belong_to_the_cue_of_a_quote():
    quote = only_quote('The mayor went on to say: "The pier will reopen in May."')
    assert cue_and_speaker(quote) == ("went on to say", "The mayor")


def test_governing_instrument_verb_does_not_carry_its_object_into_a_quote_cue():
    quote = only_quote('The new ad uses footage of the mayor asking, "Who will pay for the pier?"')
    assert cue_and_speaker(quote)[0] == "asking"


def test_in_an_interview_stays_out_of_the_cue():
    quote = only_quote('"The pier will reopen in May," Ortiz said in an interview.')
    assert cue_and_speaker(quote)[0] == "said"


def test_second_half_of_a_split_quote_shares_cue_and_speaker():
    article = extract('"The ferry is late," Reyes said. "It is always late."')
    first, second = article.quotes
    assert cue_and_speaker(second) == cue_and_speaker(first) == ("said", "Reyes")


def test_quote_paragraph_without_cue_continues_the_previous_speaker():
    text = '"The ferry is late again," Reyes said.\n\n"We have waited long enough for a real plan."'
    second = extract(text).quotes[1]
    assert second.speaker.text == "Reyes"
    assert any(e.rule == "continues-previous-quote" for e in second.evidence)


def test_quote_introduced_by_a_sentence_ending_in_a_colon():
    text = 'Marsh had a message for the riders:\n\n"I ride that boat every morning."'
    assert only_quote(text).speaker.text == "Marsh"


def test_quote_after_an_attributing_sentence_in_the_same_paragraph():
    text = 'The plan is fine, Mr. Clarke said. "We will finish the pier by May."'
    assert only_quote(text).speaker.text == "Mr. Clarke"


def test_time_word_after_the_cue_is_not_the_speaker():
    quote = only_quote('"We will appeal," Chief Ann Lowe said Monday.')
    assert quote.speaker.text == "Chief Ann Lowe"


def test_quote_with_no_cue_anywhere_keeps_null_speaker_and_says_why():
    quote = only_quote("The storm passed.\n\n“Nothing was left standing on the pier.”")
    assert quote.speaker is None
    assert quote.evidence[-1].rule == "no-cue"


def test_every_quote_records_the_rules_that_found_it():
    quote = only_quote('"The pier will not fall," she said.')
    stages = [e.stage for e in quote.evidence]
    assert stages[:3] == ["find-quotes", "classify", "attribute"]


@pytest.mark.parametrize(
    "text",
    ['His new ballad "Never Break" topped the chart.', 'The council called it a "temporary" measure.'],
)
def test_titles_and_scare_quotes_are_skipped_with_a_reason(text):
    article = extract(text)
    assert article.quotes == ()
    assert article.skipped[0].use in ("title", "fragment") and article.skipped[0].why
