"""Title Case headlines: parsed again in sentence case, so the cue finder sees their verbs."""

from __future__ import annotations

from collections import Counter

import pytest

from onrecord.pipeline import extract
from onrecord.stages.parse.headline import (
    headline_end,
    is_title_case,
    sentence_case_headline,
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
    doc = nlp(TITLE_CASE_ARTICLE)
    assert doc[:headline_end(doc)].text == "Farm Groups Slam Senator Hale As A ‘Friend Of Nobody’"


def test_title_case_headline_gets_a_verb_after_reparsing(nlp) -> None:
    doc = nlp(TITLE_CASE_ARTICLE)
    assert sentence_case_headline(doc)
    slam = doc[2]
    assert slam.text == "Slam" and slam.pos_ == "VERB"
    assert doc[1].head.i == slam.i and doc[1].dep_ == "nsubj"


def test_reparsing_keeps_the_text_and_the_body_parse(nlp) -> None:
    doc = nlp(TITLE_CASE_ARTICLE)
    body = [(t.text, t.dep_, t.head.i) for t in doc[headline_end(doc):]]
    sentence_case_headline(doc)
    assert doc.text == TITLE_CASE_ARTICLE
    assert [(t.text, t.dep_, t.head.i) for t in doc[headline_end(doc):]] == body


def test_headline_is_reparsed_once(nlp) -> None:
    doc = nlp(TITLE_CASE_ARTICLE)
    assert sentence_case_headline(doc)
    assert not sentence_case_headline(doc)


def test_text_without_a_line_break_has_no_headline(nlp) -> None:
    doc = nlp("Farm Groups Slam Senator Hale As A Friend Of Nobody.")
    assert headline_end(doc) == 0
    assert not sentence_case_headline(doc)


def test_title_case_headline_report_is_extracted() -> None:
    article = extract(TITLE_CASE_ARTICLE)
    headline = [q for q in article.quotes if q.content.end <= TITLE_CASE_ARTICLE.index("\n")]
    assert [(q.cue.text, q.speaker.text if q.speaker else None) for q in headline] == [("Slam", "Farm Groups")]
