"""Content boundaries of indirect attributions: where the reported words start and end,
as PolNeAR annotators mark them."""

from __future__ import annotations

import pytest
from spacy.language import Language

from onrecord.stages.indirect.candidates import find_candidates
from onrecord.stages.indirect.content import content_range
from onrecord.stages.parse.language import load_pipeline


@pytest.fixture(scope="module")
def nlp() -> Language:
    return load_pipeline()


def content(nlp: Language, text: str, cue: str, relation: str) -> str | None:
    """The content ``content_range`` cuts for the candidate with this cue text and relation."""
    doc = nlp(text)
    for candidate in find_candidates(doc, blocked=lambda offset: False):
        if doc[candidate.cue[0]:candidate.cue[1]].text == cue and candidate.relation == relation:
            found = content_range(doc, candidate)
            return None if found is None else doc[found[0]:found[1]].text
    raise AssertionError(f"no {relation} candidate with cue {cue!r}")


def test_no_break_space_inside_the_clause_does_not_end_the_content(nlp: Language) -> None:
    text = "She said the plan would cut\xa0costs for renters by half."
    assert content(nlp, text, "said", "ccomp") == "the plan would cut\xa0costs for renters by half"


def test_paragraph_break_still_ends_the_content(nlp: Language) -> None:
    text = "The mayor said the bridge would reopen\n\nCommuters have waited two years."
    assert content(nlp, text, "said", "ccomp") == "the bridge would reopen"


def test_object_of_urge_stays_in_the_infinitive_content(nlp: Language) -> None:
    text = "The governor urged residents to conserve water this summer."
    assert content(nlp, text, "urged", "xcomp") == "residents to conserve water this summer"


def test_object_after_called_on_stays_in_the_infinitive_content(nlp: Language) -> None:
    text = "The senator called on the agency to release the records."
    assert content(nlp, text, "called on", "xcomp") == "the agency to release the records"


def test_object_of_warn_stays_out_of_the_infinitive_content(nlp: Language) -> None:
    text = "The FBI warned state officials to boost their election security."
    assert content(nlp, text, "warned", "xcomp") == "to boost their election security"


def test_trailing_relative_clause_is_left_out_of_an_object_content(nlp: Language) -> None:
    text = "Critics have questioned the health of the senator, who is 82."
    assert content(nlp, text, "have questioned", "dobj") == "the health of the senator"


def test_trailing_which_clause_is_left_out_of_an_object_content(nlp: Language) -> None:
    text = "Critics questioned the plan, which the council approved in May."
    assert content(nlp, text, "questioned", "dobj") == "the plan"


def test_trailing_apposition_with_an_article_is_left_out(nlp: Language) -> None:
    text = "The mayor praised the new library, the largest in the county."
    assert content(nlp, text, "praised", "dobj") == "the new library"


def test_trailing_named_apposition_stays(nlp: Language) -> None:
    text = "The mayor praised the plan of the county executive, Maria Lopez."
    assert content(nlp, text, "praised", "dobj") == "the plan of the county executive, Maria Lopez"


def test_trailing_relative_clause_stays_in_a_reported_clause(nlp: Language) -> None:
    text = "She said the bridge would close in March, which worries commuters."
    assert content(nlp, text, "said", "ccomp") == "the bridge would close in March, which worries commuters"


def test_time_phrase_after_the_object_is_left_out(nlp: Language) -> None:
    text = "The senator stressed her record on trade during the debate."
    assert content(nlp, text, "stressed", "dobj") == "her record on trade"


def test_object_complement_after_the_object_stays(nlp: Language) -> None:
    text = "The senator compared the plan to a tax hike."
    assert content(nlp, text, "compared", "dobj") == "the plan to a tax hike"


def test_opening_but_stays_with_a_content_before_its_speaker(nlp: Language) -> None:
    text = "But the bridge will not reopen this year, the mayor said."
    assert content(nlp, text, "said", "ccomp-before") == "But the bridge will not reopen this year"


def test_opening_and_is_left_out_of_a_content_before_its_speaker(nlp: Language) -> None:
    text = "And the bridge will not reopen this year, the mayor said."
    assert content(nlp, text, "said", "ccomp-before") == "the bridge will not reopen this year"


def test_trailing_participle_clause_is_left_out_of_an_infinitive_content(nlp: Language) -> None:
    text = "Clinton wants to sign up 5 million people, focusing on people under 30."
    assert content(nlp, text, "wants", "xcomp") == "to sign up 5 million people"


def test_object_of_tell_is_not_extended_over_the_told_clause(nlp: Language) -> None:
    # "reporters" is the addressee; the that-clause is the ccomp candidate's own content.
    text = "The mayor told reporters that the ferry would run all winter."
    assert content(nlp, text, "told", "dobj") == "reporters"
    assert content(nlp, text, "told", "ccomp") == "that the ferry would run all winter"


def test_quoted_words_opened_in_the_content_run_on_to_their_closing_mark(nlp: Language) -> None:
    text = "The senator said she would “fight for every vote. We will not give up.”"
    assert content(nlp, text, "said", "ccomp") == "she would “fight for every vote. We will not give up.”"


def test_content_through_a_quotation_stops_at_its_closing_mark(nlp: Language) -> None:
    text = "The governor told reporters that the budget was “a mess. Nobody wants to admit it.” Then he left."
    assert content(nlp, text, "told", "ccomp") == "that the budget was “a mess. Nobody wants to admit it.”"


def test_dash_set_apposition_is_left_out_of_an_object_content(nlp: Language) -> None:
    text = "The mayor likened the proposal to “highway robbery” — a charge the developer denied."
    assert content(nlp, text, "likened", "dobj") == "the proposal to “highway robbery”"


def test_spaced_hyphen_apposition_is_left_out_of_an_object_content(nlp: Language) -> None:
    text = "Critics dismissed the report - a document that took two years to write."
    assert content(nlp, text, "dismissed", "dobj") == "the report"


def test_clitic_the_parser_hangs_elsewhere_stays_with_its_word(nlp: Language) -> None:
    text = "The senator appeared to suggest that veterans who suffer from PTSD might not be as strong as those who don’t."
    assert content(nlp, text, "appeared to suggest", "ccomp") == (
        "that veterans who suffer from PTSD might not be as strong as those who don’t"
    )
