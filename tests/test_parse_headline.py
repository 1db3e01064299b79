"""Title Case headlines: parsed again in sentence case by the pipeline's last component, so every stage sees their verbs."""

from __future__ import annotations

from collections import Counter

import pytest

from onrecord.pipeline import extract
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.headline import (
    headline_token_end,
    is_title_case,
    sentence_case_words,
)
from onrecord.stages.parse.language import load_pipeline

TITLE_CASE_ARTICLE = (
    "Farm Groups Slam Senator Hale As A ‘Friend Of Nobody’\n\n"
    "Three farm groups on Monday criticised Senator Hale for voting against the drought relief bill. "
    "Hale said the bill wasted money. The groups said farmers would remember the vote.\n"
)


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_title_case_headline_is_recognised() -> None:
    assert is_title_case("Farm Groups Slam Senator Hale As A Friend Of Nobody".split())


def test_sentence_case_headline_is_left_alone() -> None:
    assert not is_title_case("Mayor says the new bridge will open in spring".split())


def test_names_the_body_capitalises_keep_their_capitals() -> None:
    upper = Counter({"hale": 2, "senator": 1})
    lower = Counter({"groups": 2, "farm": 1})
    words = "Farm Groups Slam Senator Hale As A Friend Of Nobody".split()
    assert sentence_case_words(words, upper, lower) == "Farm groups slam Senator Hale as a friend of nobody".split()


def test_acronyms_keep_their_capitals() -> None:
    words = "Senate Panel Grills FBI Chief Over Email Probe".split()
    assert sentence_case_words(words, Counter(), Counter())[3] == "FBI"


def test_clause_after_a_colon_keeps_its_opening_capital() -> None:
    words = "Mayor Reyes : ‘ We Will Not Close The Clinic ’".split()
    cased = sentence_case_words(words, Counter({"reyes": 3}), Counter())
    assert cased == "Mayor Reyes : ‘ We will not close the clinic ’".split()


def test_quoted_phrase_inside_a_clause_is_lower_cased() -> None:
    words = "Critics Call The Levy A ‘ Hidden Tax ’".split()
    assert sentence_case_words(words, Counter(), Counter()) == "Critics call the levy a ‘ hidden tax ’".split()


def test_headline_ends_at_the_first_line_break(nlp) -> None:
    headline = build_context(nlp(TITLE_CASE_ARTICLE)).headline
    assert headline is not None and TITLE_CASE_ARTICLE[headline.start:headline.end] == "Farm Groups Slam Senator Hale As A ‘Friend Of Nobody’"
    assert headline.title_case and headline.sentence_cased


def test_title_case_headline_gets_a_verb_from_the_pipeline(nlp) -> None:
    doc = nlp(TITLE_CASE_ARTICLE)
    slam = doc[2]
    assert slam.text == "Slam" and slam.pos_ == "VERB"
    assert doc[1].head.i == slam.i and doc[1].dep_ == "nsubj"


def test_reparsing_keeps_the_text_and_the_body_parse(nlp) -> None:
    doc = nlp(TITLE_CASE_ARTICLE)
    with nlp.select_pipes(disable=["onrecord_headline_case"]):
        first = nlp(TITLE_CASE_ARTICLE)
    end = build_context(doc).headline.token_end
    assert doc.text == TITLE_CASE_ARTICLE
    assert [(t.text, t.dep_, t.head.i) for t in doc[end:]] == [(t.text, t.dep_, t.head.i) for t in first[end:]]
    assert [(t.text, t.pos_) for t in doc[:end]] != [(t.text, t.pos_) for t in first[:end]]


def test_sentence_case_headline_is_not_parsed_again(nlp) -> None:
    doc = nlp("Mayor says the new bridge will open in spring\n\nThe mayor said so on Monday.")
    assert not build_context(doc).headline.sentence_cased


def test_text_without_a_line_break_has_no_headline(nlp) -> None:
    doc = nlp("Farm Groups Slam Senator Hale As A Friend Of Nobody.")
    assert headline_token_end(doc) == 0
    assert build_context(doc).headline is None


# A wire byline as a first line, then a run of blank lines: the first parse runs the agency's
# name into the white space after it ("The Associated Press\n\n\n\n\n\n "), which the
# headline's second parse ends before.  Written over as raw IOB values, that left an "I"
# without its "B" (spaCy E093) and the article failed.
BYLINE_ARTICLE = (
    "Automakers Brace For Strike By Workers, By Dee-Ann Durbin, The Associated Press\n\n\n\n\n\n "
    "DETROIT (AP) -- The union said Monday that workers would walk out of three plants.\n"
)


def test_byline_before_blank_lines_is_parsed_without_an_entity_error(nlp) -> None:
    doc = nlp(BYLINE_ARTICLE)
    assert build_context(doc).headline.sentence_cased
    assert all(not (t.ent_iob_ == "I" and (t.i == 0 or doc[t.i - 1].ent_iob_ == "O")) for t in doc)


def test_byline_before_blank_lines_gives_its_quotes() -> None:
    article = extract(BYLINE_ARTICLE)
    assert [q.content.text for q in article.quotes] == ["that workers would walk out of three plants"]
