"""Reporting nouns with a "to" or "that" clause offer the clause as reported content."""

from __future__ import annotations

import pytest

from onrecord.stages.indirect.candidates import find_candidates
from onrecord.stages.parse.language import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def noun_candidates(nlp, text: str) -> list[tuple[str, str]]:
    """(cue noun, first word of the content clause) for every noun cue candidate (how far
    the cue reaches around the noun is the cue finder's business)."""
    doc = nlp(text)
    return [(doc[c.head].text, doc[c.content_root].left_edge.text)
            for c in find_candidates(doc, blocked=lambda _: False) if c.relation.startswith("noun-")]


def test_decision_with_an_infinitive_is_a_candidate(nlp) -> None:
    found = noun_candidates(nlp, "The council's decision to close the library angered parents.")
    assert ("decision", "to") in found


def test_concern_with_a_that_clause_is_a_candidate(nlp) -> None:
    found = noun_candidates(nlp, "Residents voiced concern that the plant had polluted the river.")
    assert ("concern", "that") in found


def test_promise_with_an_infinitive_is_a_candidate(nlp) -> None:
    found = noun_candidates(nlp, "The mayor broke her promise to repair every bridge by June.")
    assert ("promise", "to") in found


def test_noun_outside_the_lexicon_offers_no_candidate(nlp) -> None:
    assert noun_candidates(nlp, "The city made an effort to repair every bridge by June.") == []
