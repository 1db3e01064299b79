"""Reading articles: the date prefix, decoding, and the pipeline's presence."""

import pytest

from onrecord.stages.parse import language
from onrecord.stages.read import InputError, parse_date, source_from_bytes


def test_date_prefix_after_white_space_on_its_own_line():
    source = source_from_bytes(b"  date 2024-05-02\nBody text.", name="a.txt")
    assert (source.date, source.text) == ("2024-05-02", "Body text.")


def test_date_prefix_on_the_same_line_as_the_body():
    source = source_from_bytes(b"date 2024-05-02 Body text.", name="a.txt")
    assert (source.date, source.text) == ("2024-05-02", "Body text.")


def test_date_prefix_wins_over_the_given_date():
    assert source_from_bytes(b"date 2024-05-02 Body.", name="a.txt", date="2020-01-01").date == "2024-05-02"


def test_a_body_starting_with_the_word_date_is_not_a_prefix():
    source = source_from_bytes(b"Dates were set for the hearing.", name="a.txt", date="2020-01-01")
    assert (source.date, source.text) == ("2020-01-01", "Dates were set for the hearing.")


def test_impossible_prefix_date_is_a_clear_error():
    with pytest.raises(InputError, match=r"a.txt: date prefix: '2024-02-30' is not a publication date"):
        source_from_bytes(b"date 2024-02-30 Body.", name="a.txt")


def test_byte_order_mark_is_dropped():
    assert source_from_bytes("\ufeffBody.".encode("utf-8"), name="a.txt").text == "Body."


@pytest.mark.parametrize("value", ["2024-5-2", "02/05/2024", "yesterday", "2024-13-01"])
def test_bad_publication_dates_are_refused(value):
    with pytest.raises(InputError, match="YYYY-MM-DD"):
        parse_date(value)


def test_missing_spacy_pipeline_is_a_clear_error(monkeypatch):
    monkeypatch.setattr(language, "PIPELINE_PACKAGES", ("no_such_pipeline",))
    language.load_pipeline.cache_clear()
    try:
        with pytest.raises(language.PipelineMissing, match="requirements-model.txt"):
            language.load_pipeline()
    finally:
        language.load_pipeline.cache_clear()
