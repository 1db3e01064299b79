"""Quote normalisation, shingles and containment (no database)."""

from __future__ import annotations

from onrecord.store.dedup import (
    containment,
    content_hash,
    normalise,
    shingles,
    text_hash,
)


def test_normalise_drops_case_marks_and_punctuation():
    assert normalise("“We WILL — rebuild,  it!”") == "we will rebuild it"


def test_normalise_unifies_apostrophes():
    assert normalise("We don’t know") == normalise("we don't know")


def test_equal_words_hash_equal():
    assert text_hash(normalise("Not today.")) == text_hash(normalise("not  today"))


def test_short_text_has_no_shingles():
    assert shingles(normalise("not today, maybe")) == frozenset()


def test_excerpt_shingles_are_contained_in_the_whole():
    whole = shingles(normalise("we will rebuild the bridge before the winter comes whatever it costs"))
    part = shingles(normalise("rebuild the bridge before the winter comes"))
    assert part <= whole
    assert containment(len(part & whole), len(part), len(whole)) == 1.0


def test_article_identity_ignores_line_endings_and_outer_space():
    assert content_hash("A line.\r\nAnother.\n") == content_hash("  A line.\nAnother.")
