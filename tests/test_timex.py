"""The news time normaliser: a table of expressions with publication dates, then behaviours."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from onrecord.stages.situate.timex import (
    TimeExpression,
    find_time_expressions,
    normalise,
)
from parsed import python_calls


def _cases() -> list[tuple[str, dt.date | None, str | None]]:
    rows = Path(__file__).with_name("data").joinpath("timex_cases.tsv").read_text(encoding="utf-8")
    cases = []
    for line in rows.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        expression, published, expected = line.split("\t")
        anchor = None if published == "none" else dt.date.fromisoformat(published)
        cases.append((expression, anchor, None if expected == "null" else expected))
    return cases


CASES = _cases()


def test_the_table_has_at_least_150_expressions() -> None:
    assert len(CASES) >= 150


@pytest.mark.parametrize(("expression", "anchor", "expected"), CASES, ids=[f"{c[0]}@{c[1]}" for c in CASES])
def test_expression_normalises_to_expected_value(expression: str, anchor: dt.date | None, expected: str | None) -> None:
    assert normalise(expression, anchor) == expected


def test_offsets_point_at_the_words_in_a_sentence() -> None:
    text = "Late last month, she shared the news in an Instagram post."
    (found,) = find_time_expressions(text, anchor=dt.date(2020, 10, 13))
    assert text[found.start : found.end] == found.text == "Late last month"
    assert found.value == "2020-09-21/2020-09-30"


def test_several_expressions_are_found_left_to_right() -> None:
    text = "He told CNN on Tuesday that the plan, first floated in 2015, would pass next year."
    found = find_time_expressions(text, anchor=dt.date(2020, 10, 15))
    assert [t.value for t in found] == ["2020-10-13", "2015", "2021"]


def test_lower_case_may_and_march_are_verbs_not_months() -> None:
    text = "Protesters may march on the capital, officials said."
    assert find_time_expressions(text, anchor=dt.date(2016, 9, 15)) == []


def test_fall_as_a_verb_is_not_a_season() -> None:
    assert find_time_expressions("Prices could fall sharply.", anchor=dt.date(2016, 9, 15)) == []


def test_bare_number_is_not_a_year() -> None:
    assert find_time_expressions("About 2015 people attended.", anchor=dt.date(2016, 9, 15)) == []


def test_relative_expression_without_anchor_is_marked_unresolved() -> None:
    (found,) = find_time_expressions("She spoke on Tuesday.", anchor=None)
    assert found.value is None and found.anchored


def test_absolute_expression_does_not_depend_on_the_anchor() -> None:
    (found,) = find_time_expressions("The law passed on Sept. 12, 2016.", anchor=None)
    assert found.value == "2016-09-12" and not found.anchored


def test_fuzzy_expression_is_neither_valued_nor_anchored() -> None:
    (found,) = find_time_expressions("She recently told reporters.", anchor=dt.date(2016, 9, 15))
    assert (found.value, found.anchored, found.rule) == (None, False, "fuzzy")


def test_event_relative_expression_has_no_value() -> None:
    (found,) = find_time_expressions("Weeks after the vote, he resigned.", anchor=dt.date(2016, 9, 15))
    assert (found.value, found.rule) == (None, "event_relative")


def test_impossible_date_is_recorded_as_invalid_not_raised() -> None:
    (found,) = find_time_expressions("It was signed on February 30.", anchor=dt.date(2016, 9, 15))
    assert (found.value, found.rule) == (None, "invalid")


def test_year_arithmetic_out_of_range_is_invalid() -> None:
    (found,) = find_time_expressions("It began 999999 years ago.", anchor=dt.date(2016, 9, 15))
    assert (found.value, found.rule) == (None, "invalid")


def test_far_years_keep_valid_output() -> None:
    found = find_time_expressions("From the year 1200 to July 4, 2999.", anchor=dt.date(2016, 9, 15))
    assert [t.value for t in found] == ["1200", "2999-07-04"]


def test_expression_is_a_frozen_record() -> None:
    (found,) = find_time_expressions("yesterday", anchor=dt.date(2016, 9, 15))
    assert isinstance(found, TimeExpression)
    with pytest.raises(AttributeError):
        found.value = "2000"  # type: ignore[misc]


def test_many_dates_are_all_found() -> None:
    sentence = "On Tuesday, Sept. 13, 2016, and late last month, officials met. "
    assert len(find_time_expressions(sentence * 2000, anchor=dt.date(2016, 9, 15))) == 2 * 2000


def test_ten_times_the_text_takes_about_ten_times_the_work() -> None:
    sentence = "On Tuesday, Sept. 13, 2016, and late last month, officials met. "
    small = python_calls(find_time_expressions, sentence * 200, anchor=dt.date(2016, 9, 15))
    large = python_calls(find_time_expressions, sentence * 2000, anchor=dt.date(2016, 9, 15))
    assert large < 12 * small, (small, large)


def test_a_day_word_inside_a_name_is_not_a_time() -> None:
    text = "He told Trending Today USA and USA TODAY that Today he would decide."
    assert [t.text for t in find_time_expressions(text, anchor=dt.date(2016, 9, 15))] == ["Today"]
