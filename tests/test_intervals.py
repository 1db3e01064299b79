"""Merged character ranges: membership and overlap in logarithmic time."""

from onrecord.intervals import Intervals


def test_offset_inside_a_range_is_a_member() -> None:
    ranges = Intervals([(10, 20), (30, 40)])
    assert ranges(10) and ranges(19) and ranges(35)
    assert not ranges(20) and not ranges(25) and not ranges(9)


def test_overlapping_ranges_are_merged() -> None:
    ranges = Intervals([(10, 20), (15, 30), (5, 8)])
    assert ranges(25) and ranges(6)
    assert not ranges(8)


def test_stretch_touching_a_range_overlaps_it() -> None:
    ranges = Intervals([(10, 20)])
    assert ranges.overlaps(0, 11) and ranges.overlaps(19, 25) and ranges.overlaps(12, 13)
    assert not ranges.overlaps(0, 10) and not ranges.overlaps(20, 30)


def test_no_ranges_hold_nothing() -> None:
    assert not Intervals([])(0)
    assert not Intervals([]).overlaps(0, 100)
