"""The memoised attribute ruler and lemmatizer write exactly what spaCy's own write."""

from __future__ import annotations

import functools

import pytest
from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, SENT_START, TAG

from onrecord.stages.parse.language import build_pipeline, load_pipeline

ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD, SENT_START]

PASSAGES = [
    "There is no plan, the mayor said on Tuesday. \"We're gonna fix it,\" she told reporters.\n\nY'all ain't seen it yet.",
    "Lawmaker Urges Review Of Port Deal\n\nI told him it was over, and he told me that I was wrong. Let's go, c'mon.",
    "What did they do?  It has had its day;\tbut   they have said nothing.\n \nThe   end",
]


@functools.cache
def _spacy_own():
    return build_pipeline(memoised=False)


def _original(text: str):
    return _spacy_own()(text)


@pytest.mark.parametrize("text", PASSAGES)
def test_memoised_components_write_what_the_originals_write(text: str) -> None:
    memoised = load_pipeline()(text)
    original = _original(text)
    assert (memoised.to_array(ANNOTATIONS) == original.to_array(ANNOTATIONS)).all()
    assert [t.morph.key for t in memoised] == [t.morph.key for t in original]


def test_a_remembered_kind_of_token_is_written_as_when_first_met() -> None:
    nlp = load_pipeline()
    first, again = nlp("There is a vote. There is a plan."), nlp("There is a vote. There is a plan.")
    assert [(t.pos_, t.lemma_, str(t.morph)) for t in first] == [(t.pos_, t.lemma_, str(t.morph)) for t in again]
    assert [t.pos_ for t in again][:2] == [t.pos_ for t in _original("There is a vote.")][:2]
