"""Time expressions in news, normalised to ISO 8601 against the publication date.

One compiled regular expression finds every expression in a single left-to-right pass
(linear in the text); a resolver per rule turns the words into a value.  The vocabulary
(month and weekday names, number words, seasons, fuzzy phrases ...) is data, in
``data/timex_words.tsv``; the grammar that combines it is here.

Values are ISO 8601: a date ``2020-10-10``, a month ``2020-10``, a year ``2020`` or an
interval ``2020-10-21/2020-10-31`` (weeks, weekends, parts of a month, seasons,
quarters, decades).  The conventions are those of past-tense news reporting: a bare
weekday is the latest such day on or before publication (``on Tuesday`` in a paper of
Tuesday is that day), ``over the weekend`` is the Saturday and Sunday before
publication, ``late last month`` is the last third (21st to end) of the previous month.

``TimeExpression.anchored`` says that the value depends on the publication date.
Without one, such expressions keep ``value=None`` (absolute ones still resolve), so a
caller can tell "unresolved" (anchored, no value) from "not placeable at all" (fuzzy or
event-relative: not anchored, no value).  Impossible dates (``February 30``) and years
outside 1-9999 give ``value=None`` with rule ``invalid``; nothing here raises on text.
"""

from __future__ import annotations

import datetime as _dt
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from onrecord.lexicon import data_rows
from onrecord.stages.situate import dates

__all__ = ["TimeExpression", "find_time_expressions", "normalise"]


@dataclass(frozen=True, slots=True)
class TimeExpression:
    """A time expression in a text: its words, offsets and ISO 8601 value (None if unplaceable)."""

    text: str
    start: int
    end: int
    value: str | None
    rule: str
    anchored: bool


@functools.cache
def _words() -> dict[str, dict[str, str]]:
    table: dict[str, dict[str, str]] = {}
    for row in data_rows("timex_words.tsv"):
        table.setdefault(row[0], {})[row[1]] = row[2] if len(row) > 2 else ""
    return table


def _alt(category: str, *, title: bool = False) -> str:
    """A regex alternation of one word category, longest first so that ``Sept`` beats ``Sep``."""
    words = sorted(_words()[category], key=len, reverse=True)
    if title:
        # Month and weekday names count only when capitalised: "may" and "march" are verbs.
        return "(?-i:" + "|".join(re.escape(w.capitalize()) for w in words) + ")"
    return "(?:" + "|".join(r"\s+".join(map(re.escape, w.split())) for w in words) + ")"


def _lookup(category: str, word: str) -> str:
    return _words()[category][" ".join(word.lower().rstrip(".").split())]


# --- calendar arithmetic ---------------------------------------------------------------


# --- resolvers: one per rule; each returns (value, anchored) ----------------------------

# A rule's regular-expression groups by name; a resolver reads the groups its own pattern always
# sets, and tests the optional ones before use, so they are typed as the match gives them.
Groups = dict[str, Any]
Resolver = Callable[[Groups, "_dt.date | None"], tuple[str | None, bool]]


def _num(word: str) -> int:
    return int(word) if word.isdigit() else int(_lookup("number", word))


def _deictic(word: str | None) -> int:
    return int(_lookup("deictic", word)) if word else 0


def _r_iso(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    return dates.day(_dt.date(int(g["y"]), int(g["m"]), int(g["d"]))), False


def _r_slash(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    y = int(g["y"])
    if y < 100:  # two-digit years: this century unless that is over 20 years after publication
        latest = anchor.year + 20 if anchor else 2069
        y += 2000 if 2000 + y <= latest else 1900
    return dates.day(_dt.date(y, int(g["m"]), int(g["d"]))), False


def _r_month_day(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    m, d = int(_lookup("month", g["mon"])), int(g["day"])
    if g["year"]:
        return dates.day(_dt.date(int(g["year"]), m, d)), False
    _dt.date(2000, m, d)  # reject February 30 even when the year is unknown (2000 is a leap year)
    return dates.day(_dt.date(dates.infer_year(m, d, anchor), m, d)), True


def _r_month_year(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    return dates.month(int(g["year"]), int(_lookup("month", g["mon"]))), False


def _r_part_month(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    m = int(_lookup("month", g["mon"]))
    part = _lookup("part", g["part"])
    if g["year"]:
        return dates.month_part(int(g["year"]), m, part, anchor), False
    return dates.month_part(dates.infer_year(m, 1, anchor), m, part, anchor), True


def _r_month_prep(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    m = int(_lookup("month", g["mon"]))
    offset = _deictic(g["deic"])
    a = dates.need(anchor)
    if offset < 0:  # "last March": the latest March before the current month
        return dates.month(a.year if m < a.month else a.year - 1, m), True
    if offset > 0:  # "next March": the first March after the current month
        return dates.month(a.year if m > a.month else a.year + 1, m), True
    return dates.month(dates.infer_year(m, 1, anchor), m), True


def _r_year_prep(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    return dates.year(int(g["year"])), False


def _r_part_year(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    return dates.year_part(int(dates.year(int(g["year"]))), _lookup("part", g["part"]), anchor), False


def _r_part_rel(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    a = dates.need(anchor)
    part, unit, offset = _lookup("part", g["part"]), g["unit"].lower(), _deictic(g["deic"])
    if unit == "month":
        y, m = dates.add_months(a.year, a.month, offset)
        return dates.month_part(y, m, part, a), True
    if unit == "year":
        return dates.year_part(a.year + offset, part, a), True
    monday = dates.monday(a) + _dt.timedelta(weeks=offset)
    return dates.part_of(monday, monday + _dt.timedelta(days=6), part, a), True


def _r_deic_unit(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    a = dates.need(anchor)
    unit, offset = g["unit"].lower(), _deictic(g["deic"])
    if unit == "week":
        return dates.week(dates.monday(a) + _dt.timedelta(weeks=offset)), True
    if unit == "month":
        return dates.month(*dates.add_months(a.year, a.month, offset)), True
    if unit == "quarter":
        y, m = dates.add_months(a.year, (a.month - 1) // 3 * 3 + 1, 3 * offset)
        return dates.quarter(y, (m - 1) // 3 + 1), True
    if unit == "decade":
        start = (a.year // 10 + offset) * 10
        return f"{dates.year(start)}/{dates.year(start + 9)}", True
    return dates.year(a.year + offset), True


def _r_ago(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    a = dates.need(anchor)
    unit = g["unit"].lower()
    then = dates.back(a, _num(g["num"]), unit)
    if unit in ("day", "week"):
        return dates.day(then), True
    if unit in ("month", "quarter"):
        return dates.month(then.year, then.month), True
    return dates.year(then.year), True


def _r_span_past(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    a = dates.need(anchor)
    return dates.span(dates.back(a, _num(g["num"] or "1"), g["unit"].lower()), a), True


def _r_weekend(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    a = dates.need(anchor)
    offset = _deictic(g["deic"]) if g["deic"] and g["deic"].lower() != "the" else None
    if offset is None:  # "over the weekend": the Saturday and Sunday before publication
        saturday = a - _dt.timedelta(days=(a.weekday() - 5) % 7 or 7)
    elif offset < 0:  # "last weekend": the one before the current (or just ended) weekend
        back = a - _dt.timedelta(days=2)
        saturday = back - _dt.timedelta(days=(back.weekday() - 5) % 7)
    elif offset == 0 and a.weekday() >= 5:  # "this weekend" on a weekend: the current one
        saturday = a - _dt.timedelta(days=a.weekday() - 5)
    else:  # "this/next weekend" on a weekday: the coming one
        saturday = a + _dt.timedelta(days=(5 - a.weekday()) % 7 or 7)
    return dates.span(saturday, saturday + _dt.timedelta(days=1)), True


def _r_dayword(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    return dates.day(dates.need(anchor) + _dt.timedelta(days=int(_lookup("day", g["word"])))), True


def _r_this_daypart(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    return dates.day(dates.need(anchor)), True


def _r_last_night(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    return dates.day(dates.need(anchor) - _dt.timedelta(days=1)), True


def _r_weekday(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    a = dates.need(anchor)
    wd = int(_lookup("weekday", g["wd"]))
    offset = _deictic(g["deic"])
    if offset > 0:  # "next Tuesday": strictly after publication
        return dates.day(a + _dt.timedelta(days=(wd - a.weekday()) % 7 or 7)), True
    back = (a.weekday() - wd) % 7
    if offset < 0 and back == 0:  # "last Tuesday" in a Tuesday paper: a week ago
        back = 7
    return dates.day(a - _dt.timedelta(days=back)), True


def _r_season(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    first = int(_lookup("season", g["season"]))
    part = _lookup("part", g["part"]) if g["part"] else None
    if g["year"]:
        return dates.season(int(dates.year(int(g["year"]))), first, part), False
    a = dates.need(anchor)
    return dates.season(dates.this_season_year(first, a) + _deictic(g["deic"]), first, part), True


def _r_quarter(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    q = int(g["qn"]) if g["qn"] else int(_lookup("ordinal", g["ord"]))
    if g["year"]:
        return dates.quarter(int(dates.year(int(g["year"]))), q), False
    return dates.quarter(dates.need(anchor).year + _deictic(g["deic"]), q), True


def _r_decade(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    start = int(g["dec"]) * 10
    return f"{dates.year(start)}/{dates.year(start + 9)}", False


def _r_unplaced(g: Groups, anchor: _dt.date | None) -> tuple[str | None, bool]:
    return None, False


# --- the grammar ------------------------------------------------------------------------


def _rules() -> list[tuple[str, str, Resolver]]:
    """(rule, pattern, resolver), in priority order: at one position the first that matches wins.

    Group names in a pattern are bare (``mon``, ``year``); they are made unique per rule
    when the master expression is built.
    """
    mon = rf"(?P<mon>{_alt('month', title=True)})\.?"
    wd = rf"(?P<wd>{_alt('weekday', title=True)})"
    day = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?!\d)"
    year = r"(?P<year>\d{4})(?![\d,]\d)"
    opt_year = rf"(?:,?\s+{year})?"
    num = rf"(?P<num>\d{{1,6}}|{_alt('number')})"
    deic = rf"(?P<deic>{_alt('deictic')})"
    part = rf"(?P<part>{_alt('part')})"
    unit = rf"(?P<unit>{_alt('unit')})s?"
    season = rf"(?P<season>{_alt('season')})"
    daypart = _alt("daypart")
    prep = _alt("preposition")
    lead = r"(?:(?:at|in|by|until|from|since|around|toward|towards)\s+)?(?:the\s+)?"
    wd_lead = rf"(?:on\s+)?(?:{wd},?\s+)?(?:the\s+)?"
    return [
        ("iso_date", r"(?P<y>\d{4})-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?!\d)", _r_iso),
        ("slash_date", r"(?P<m>[01]?\d)/(?P<d>[0-3]?\d)/(?P<y>\d{4}|\d{2})(?!\d)", _r_slash),
        ("month_day", rf"{wd_lead}{mon}\s+{day}{opt_year}", _r_month_day),
        ("day_month", rf"{wd_lead}{day}(?:\s+of)?\s+{mon}{opt_year}", _r_month_day),
        ("part_month", rf"{lead}{part}[-\s]+(?:in\s+)?{mon}{opt_year}", _r_part_month),
        ("month_year", rf"{mon},?\s+(?:of\s+)?{year}", _r_month_year),
        ("part_relative", rf"{lead}{part}[-\s]+(?:{deic}|the)\s+(?P<unit>week|month|year)", _r_part_rel),
        ("part_year", rf"{lead}{part}[-\s]+{year}", _r_part_year),
        ("span_past", rf"(?:(?:in|over|during|for|within)\s+)?the\s+(?:past|last)\s+(?:{num}\s+)?{unit}", _r_span_past),
        ("ago", rf"(?:(?:more|less) than\s+|about\s+|nearly\s+|almost\s+|some\s+)?{num}\s+{unit}\s+ago", _r_ago),
        ("weekend", rf"(?:(?:over|during|on|at)\s+)?(?P<deic>{_alt('deictic')}|the)\s+weekend", _r_weekend),
        ("quarter", rf"(?:the\s+)?(?:(?P<ord>{_alt('ordinal')})\s+quarter|Q(?P<qn>[1-4]))"
         rf"(?:(?:\s+of\s+|\s+){year}|\s+of\s+{deic}\s+year)?", _r_quarter),
        ("deictic_unit", rf"{deic}\s+(?P<unit>week|month|year|quarter|decade)", _r_deic_unit),
        ("season", rf"(?:{deic}\s+|(?:in|during|over|through)\s+(?:the\s+)?)(?:{part}[-\s]+)?{season}"
         rf"(?:\s+(?:of\s+)?{year})?", _r_season),
        ("season_year", rf"(?:the\s+)?(?:{part}[-\s]+)?{season}\s+(?:of\s+)?{year}", _r_season),
        ("decade", r"(?:the\s+)?(?P<dec>1\d\d|20\d)0s", _r_decade),
        ("day_word", rf"(?P<word>{_alt('day')})(?:\s+{daypart})?", _r_dayword),
        ("this_daypart", rf"this\s+{daypart}", _r_this_daypart),
        ("last_night", r"last\s+night", _r_last_night),
        ("weekday", rf"(?:on\s+)?(?:{deic}\s+)?{wd}(?:\s+{daypart})?", _r_weekday),
        ("month_prep", rf"(?:{deic}|{prep})\s+{mon}(?!\.?\s*\d)", _r_month_prep),
        # A bare four-digit number is a year only after a preposition and within 1000-2999.
        ("year_prep", rf"(?:{prep}|the\s+year)\s+(?P<year>(?:1\d|2\d)\d\d)(?![\d,]\d)", _r_year_prep),
        # A year that dates a thing: "her 2003 book", "a 2012 interview" (not "the 2016 election").
        ("year_modifier", r"(?:a|an|his|her|their|its)\s+(?P<year>(?:19|20)\d\d)(?=\s+[a-z])", _r_year_prep),
        ("event_relative", rf"(?:(?:(?:{num}|a\s+few|several)\s+)?(?:{unit}|{_alt('span')})\s+"
         rf"{_alt('event')}|the\s+(?:next|following|previous)\s+(?:day|week|month|year|morning|night)"
         r"|the\s+(?:day|night|week)\s+(?:before|after)|that\s+(?:day|week|morning|night)|the\s+same\s+day)",
         _r_unplaced),
        ("fuzzy", _alt("fuzzy"), _r_unplaced),
    ]


@functools.cache
def _grammar() -> tuple[re.Pattern[str], dict[str, tuple[str, Resolver]]]:
    parts, index = [], {}
    for i, (rule, pattern, resolver) in enumerate(_rules()):
        key = f"r{i}"
        renamed = re.sub(r"\(\?P<(\w+)>", rf"(?P<{key}_\1>", pattern)
        parts.append(f"(?P<{key}>{renamed})")
        index[key] = (rule, resolver)
    master = r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w])"
    return re.compile(master, re.IGNORECASE), index


_GROUPS = ("y", "m", "d", "mon", "day", "year", "num", "deic", "part", "unit", "season",
           "word", "wd", "ord", "qn", "dec")


def _resolve(match: re.Match[str], anchor: _dt.date | None) -> TimeExpression:
    _, index = _grammar()
    key = match.lastgroup or ""
    rule, resolver = index[key]
    found = match.groupdict()
    groups: Groups = {name: found.get(f"{key}_{name}") for name in _GROUPS}
    text = match.group(key)
    try:
        value, anchored = resolver(groups, anchor)
    except dates.Unanchored:
        return TimeExpression(text, match.start(), match.end(), None, rule, True)
    except (ValueError, OverflowError):  # February 30, year 0 or 10000, 10**6 years ago
        return TimeExpression(text, match.start(), match.end(), None, "invalid", False)
    return TimeExpression(text, match.start(), match.end(), value, rule, anchored)


# A capitalised word right before: a day word after it is part of a name ("Trending Today USA").
_NAME_BEFORE = re.compile(r"[A-Z][\w'’.&-]*[ \t]$")


def _in_name(match: re.Match[str], text: str) -> bool:
    key = match.lastgroup or ""
    return (_grammar()[1][key][0] == "day_word" and match.group(key)[:1].isupper()
            and _NAME_BEFORE.search(text, max(0, match.start() - 30), match.start()) is not None)


def find_time_expressions(text: str, *, anchor: _dt.date | None) -> list[TimeExpression]:
    """Every time expression in ``text``, left to right, resolved against ``anchor`` (publication date)."""
    pattern, _ = _grammar()
    return [_resolve(match, anchor) for match in pattern.finditer(text) if not _in_name(match, text)]


def normalise(expression: str, anchor: _dt.date | None) -> str | None:
    """The ISO 8601 value of a time expression (the longest one found in ``expression``)."""
    found = find_time_expressions(expression, anchor=anchor)
    if not found:
        return None
    return max(found, key=lambda t: t.end - t.start).value
