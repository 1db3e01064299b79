"""Mixed attributions: a reported clause holding quoted words is one ``mixed`` quote over
the whole clause, and replaces the direct quote it swallows."""

from __future__ import annotations

from onrecord.pipeline import extract


def kinds(text: str) -> list[tuple[str, str]]:
    return [(q.kind, q.content.text) for q in extract(text).quotes]


def test_scare_quoted_fragment_makes_the_clause_mixed() -> None:
    assert kinds('The senator called the plan "a disaster" for rural hospitals.') == [
        ("mixed", 'the plan "a disaster" for rural hospitals'),
    ]


def test_quote_inside_a_that_clause_becomes_one_mixed_quote() -> None:
    text = 'The governor said he would "fight this bill with everything we have" in the courts.'
    assert kinds(text) == [("mixed", 'he would "fight this bill with everything we have" in the courts')]


def test_an_opening_mark_the_parser_hangs_on_the_verb_keeps_the_quoted_predicate() -> None:
    text = "Marty West, an education professor at Harvard, called it “an incredibly significant development.”"
    assert kinds(text) == [("mixed", "it “an incredibly significant development.”")]


def test_an_object_the_parser_folds_into_the_quoted_predicate_is_one_mixed_content() -> None:
    text = "He called her “third-rate” and boycotted one of the debates."
    assert ("mixed", "her “third-rate”") in kinds(text)


def test_mixed_quote_keeps_cue_and_speaker() -> None:
    (q,) = extract('The union said the offer was "an insult to every nurse in the state."').quotes
    assert q.kind == "mixed"
    assert (q.cue.text, q.speaker.text) == ("said", "The union")


def test_direct_quote_with_its_own_cue_is_not_reported_twice() -> None:
    assert kinds('"We will win this seat back," she said on Tuesday.') == [
        ("direct", "We will win this seat back,"),
    ]


def test_direct_quote_after_a_colon_stays_direct() -> None:
    found = kinds('The campaign is rolling out a new message: "It is about you, not me."')
    assert ("direct", "It is about you, not me.") in found
    assert all(kind != "mixed" for kind, _ in found)


def test_title_in_marks_does_not_make_a_clause_mixed() -> None:
    found = kinds('She said she had read "The Art of the Deal" twice.')
    assert found == [("indirect", 'she had read "The Art of the Deal" twice')]
