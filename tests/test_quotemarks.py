"""Quotation-mark pairing: every style news uses, apostrophes, recovery of lost marks."""

import pytest

from onrecord.stages.quotes.marks import find_quoted_spans


def quoted(text: str) -> list[str]:
    spans, _ = find_quoted_spans(text)
    return [text[s.start:s.end] for s in spans]


@pytest.mark.parametrize(
    "text, expected",
    [
        ('"We will rebuild," the mayor said.', ["We will rebuild,"]),
        ("“We will rebuild,” the mayor said.", ["We will rebuild,"]),
        ("«Nous reconstruirons», a dit la maire.", ["Nous reconstruirons"]),
        ("„Wir bauen wieder auf“, sagte die Bürgermeisterin.", ["Wir bauen wieder auf"]),
        ("‚Wir bauen‘, sagte sie.", ["Wir bauen"]),
        ("''We will rebuild,'' the mayor said.", ["We will rebuild,"]),
    ],
    ids=["straight", "curly", "guillemets", "german-low-high", "german-single", "typewriter-doubled"],
)
def test_every_quotation_mark_style_is_paired(text, expected):
    assert quoted(text) == expected


def test_british_single_mark_quoting_is_read_as_quotes():
    text = "‘The pier is safe,’ the engineer said. ‘We checked it twice.’"
    assert quoted(text) == ["The pier is safe,", "We checked it twice."]


def test_apostrophes_are_never_quotation_marks():
    text = "“Chrissy’s book sold out, and the ’90s are back,” she said. ‘Rock ’n’ roll,’ he said."
    assert quoted(text)[0] == "Chrissy’s book sold out, and the ’90s are back,"


def test_plural_possessive_inside_single_mark_quote_does_not_close_it():
    text = "‘It was the players’ day, not ours,’ the coach said. ‘We lost.’"
    assert quoted(text)[0] == "It was the players’ day, not ours,"


def test_quote_split_around_its_attribution_gives_two_spans():
    text = '"The ferry is late," Reyes said. "It is always late."'
    assert quoted(text) == ["The ferry is late,", "It is always late."]


def test_quote_over_several_paragraphs_is_one_span():
    text = "“I ride that boat every morning.\n\n“Give us one season,” Marsh said."
    spans, _ = find_quoted_spans(text)
    assert len(spans) == 1
    assert spans[0].paragraphs == 2
    assert text[spans[0].start:spans[0].end] == "I ride that boat every morning.\n\n“Give us one season,"


def test_nested_quote_stays_inside_the_quote_that_holds_it():
    text = "“He told me ‘never again,’ and I believed him,” she said."
    assert quoted(text) == ["He told me ‘never again,’ and I believed him,"]


def test_missing_closing_mark_is_recovered_at_the_paragraph_end():
    text = "“We will keep the ferry running every single day.\n\nThe council voted later."
    spans, _ = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["We will keep the ferry running every single day."]
    assert spans[0].rule == "unclosed-at-paragraph-end"
    assert spans[0].confidence < 0.9


def test_missing_opening_mark_is_recovered_from_the_paragraph_start():
    text = "We will keep the ferry running,” Marsh said."
    spans, _ = find_quoted_spans(text)
    assert [text[s.start:s.end] for s in spans] == ["We will keep the ferry running,"]
    assert spans[0].rule == "unopened-from-paragraph-start"


def test_inch_marks_are_not_quotation_marks():
    assert quoted('The 6\'2" forward said "we played well," and left.') == ["we played well,"]


def test_a_stray_opening_mark_is_recorded_not_paired():
    spans, strays = find_quoted_spans('The vote was "close\n\nThe council adjourned.')
    assert spans == []
    assert strays and "never closed" in strays[0].reason


def test_ten_thousand_stray_marks_are_handled_in_one_pass():
    text = 'word " ' * 10_000
    spans, strays = find_quoted_spans(text)
    assert len(spans) + len(strays) <= 10_000


def test_attribute_values_of_markup_left_in_the_text_are_not_quotes():
    text = 'He posted it.\n\n<tweet id="7681" author="@harborcity">Ferry delayed</tweet>\n\n"We know," he said.'
    assert quoted(text) == ["We know,"]
