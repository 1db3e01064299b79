"""ISO 8601 values of calendar stretches: days, weeks, months, seasons, quarters, and the
year a month and day fall in relative to the publication date."""

from __future__ import annotations

import calendar
import datetime as _dt


class Unanchored(Exception):
    """The expression is relative and there is no publication date to resolve it against."""


def day(d: _dt.date) -> str:
    return f"{d.year:04d}-{d.month:02d}-{d.day:02d}"


def span(first: _dt.date, last: _dt.date) -> str:
    return day(first) if first == last else f"{day(first)}/{day(last)}"


def year(y: int) -> str:
    if not 1 <= y <= 9999:
        raise ValueError(f"year {y} out of range")
    return f"{y:04d}"


def month(y: int, m: int) -> str:
    return f"{year(y)}-{m:02d}"


def add_months(y: int, m: int, k: int) -> tuple[int, int]:
    total = y * 12 + (m - 1) + k
    return total // 12, total % 12 + 1


def month_last(y: int, m: int) -> _dt.date:
    return _dt.date(y, m, calendar.monthrange(y, m)[1])


def months(y: int, m: int, count: int) -> str:
    """The interval of ``count`` whole months starting with month ``m`` of year ``y``."""
    ey, em = add_months(y, m, count - 1)
    return span(_dt.date(y, m, 1), month_last(ey, em))


def need(anchor: _dt.date | None) -> _dt.date:
    if anchor is None:
        raise Unanchored
    return anchor


def infer_year(month: int, day: int, anchor: _dt.date | None) -> int:
    """The year of a month (and day) given without one: the publication year, unless that
    puts it more than half a year ahead (then the year before; news looks back) or more
    than ~10 months behind (then the year after: "in January" written in December)."""
    a = need(anchor)
    candidate = _dt.date(a.year, month, min(day, 28))
    if (candidate - a).days > 183:
        return a.year - 1
    if (a - candidate).days > 300:
        return a.year + 1
    return a.year


def part_of(first: _dt.date, last: _dt.date, part: str, anchor: _dt.date | None) -> str:
    """A part of the period first..last: early/mid/late thirds, or earlier/later than publication."""
    if part in ("earlier", "later"):
        a = need(anchor)
        if not first <= a <= last:
            return span(first, last)
        return span(first, a) if part == "earlier" else span(a, last)
    length = (last - first).days + 1
    third = length // 3
    if part == "early":
        return span(first, first + _dt.timedelta(days=third - 1))
    if part == "mid":
        return span(first + _dt.timedelta(days=third), first + _dt.timedelta(days=2 * third - 1))
    return span(first + _dt.timedelta(days=2 * third), last)


def month_part(y: int, m: int, part: str, anchor: _dt.date | None) -> str:
    last = month_last(y, m)
    if part in ("earlier", "later"):
        return part_of(_dt.date(y, m, 1), last, part, anchor)
    # Thirds of a month are the newsroom's 1-10, 11-20, 21-end, not a third of its length.
    bounds = {"early": (1, 10), "mid": (11, 20), "late": (21, last.day)}[part]
    return span(_dt.date(y, m, bounds[0]), _dt.date(y, m, bounds[1]))


def year_part(y: int, part: str, anchor: _dt.date | None) -> str:
    if part in ("earlier", "later"):
        return part_of(_dt.date(y, 1, 1), _dt.date(y, 12, 31), part, anchor)
    start = {"early": 1, "mid": 5, "late": 9}[part]
    return months(y, start, 4)


def monday(d: _dt.date) -> _dt.date:
    return d - _dt.timedelta(days=d.weekday())


def week(monday: _dt.date) -> str:
    return span(monday, monday + _dt.timedelta(days=6))


def season(y: int, first_month: int, part: str | None) -> str:
    if part is None:
        return months(y, first_month, 3)
    offset = {"early": 0, "mid": 1, "late": 2}.get(part, 0)
    sy, sm = add_months(y, first_month, offset)
    return month(sy, sm)


def this_season_year(first_month: int, a: _dt.date) -> int:
    # Winter starts in December: in January and February "this winter" began last year.
    return a.year - 1 if first_month == 12 and a.month < 3 else a.year


def quarter(y: int, q: int) -> str:
    return months(y, 3 * (q - 1) + 1, 3)


def back(a: _dt.date, count: int, unit: str) -> _dt.date:
    """The date ``count`` units before ``a`` (months and years keep the day where they can)."""
    if unit in ("day", "week"):
        return a - _dt.timedelta(days=count * (7 if unit == "week" else 1))
    months = count * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    y, m = add_months(a.year, a.month, -months)
    return _dt.date(y, m, min(a.day, calendar.monthrange(y, m)[1]))
