"""Who gets quoted: quotes and sources by gender, type, outlet and month, the share of women.

A **source** is one speaker of one article (an article entity that speaks: ``Alice Moreno`` in
an article, however many times she is quoted there), as the Gender Gap Tracker counts them,
typed person, organisation, account, group (an unnamed plural), document (a poll, a report) or
other (``identity.source_type``; ``none``: quotes with no speaker); a **person** is a source of
type person; **speakers** counts distinct corpus speakers (store/identity.py).  Gender is the one the article's text shows (pronoun,
title, role word, given name; see ``Entity.gender_evidence``).  The share of women is given two
ways: among all persons quoted (``share_women``: persons with no gender shown count in the
denominator) and among those whose gender the text shows (``share_women_gendered``).  The most
quoted women and men are corpus speakers (store/identity.py), by their corpus gender.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from onrecord.errors import InputError


@dataclass(frozen=True, slots=True)
class StatsFilters:
    """Which quotes count: a period, an outlet, a kind, an act and a lowest confidence."""

    since: str | None = None
    until: str | None = None
    outlet: str | None = None
    kind: str | None = None
    act: str | None = None
    min_confidence: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Breakdown:
    """Counts for one value of a dimension (one gender, type, outlet or month)."""

    key: str | None
    quotes: int
    sources: int
    persons: int
    women: int
    men: int
    speakers: int = 0  # distinct corpus speakers (one per person across articles)

    @property
    def share_women(self) -> float | None:
        return round(self.women / self.persons, 4) if self.persons else None

    @property
    def share_women_gendered(self) -> float | None:
        return round(self.women / (self.women + self.men), 4) if self.women + self.men else None

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "share_women": self.share_women, "share_women_gendered": self.share_women_gendered}


@dataclass(frozen=True, slots=True)
class QuotedSpeaker:
    """A corpus speaker among the most quoted."""

    id: int
    name: str
    quotes: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Statistics:
    """The statistics of the quotes a filter keeps."""

    filters: StatsFilters
    total: Breakdown
    by_gender: tuple[Breakdown, ...]
    by_type: tuple[Breakdown, ...]
    by_outlet: tuple[Breakdown, ...]
    by_month: tuple[Breakdown, ...]
    top_women: tuple[QuotedSpeaker, ...]
    top_men: tuple[QuotedSpeaker, ...]
    undated_quotes: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "filters": self.filters.to_dict(),
            "total": self.total.to_dict(),
            "undated_quotes": self.undated_quotes,
            **{name: [row.to_dict() for row in getattr(self, name)] for name in TABLES},
            "top_women": [s.to_dict() for s in self.top_women],
            "top_men": [s.to_dict() for s in self.top_men],
        }

    def to_csv(self) -> str:
        """One CSV: a row per (table, key), the most quoted women and men as tables of their own."""
        out = io.StringIO()
        columns = ["table", "key", "quotes", "sources", "persons", "women", "men", "share_women", "share_women_gendered",
                   "speakers", "articles"]
        writer = csv.DictWriter(out, fieldnames=columns, extrasaction="ignore", lineterminator="\n")
        writer.writeheader()
        writer.writerow({"table": "total", **self.total.to_dict()})
        for name in TABLES:
            for row in getattr(self, name):
                writer.writerow({"table": name, **row.to_dict()})
        for name in ("top_women", "top_men"):
            for speaker in getattr(self, name):
                writer.writerow({"table": name, "key": speaker.name, "quotes": speaker.quotes, "articles": speaker.articles})
        return out.getvalue()


TABLES = ("by_gender", "by_type", "by_outlet", "by_month")

_DIMENSIONS = {
    "total": "'all'",
    "by_gender": "CASE WHEN e.source_type = 'person' THEN COALESCE(e.gender, 'unknown') END",
    "by_type": "COALESCE(e.source_type, 'none')",
    "by_outlet": "a.outlet",
    "by_month": "SUBSTR(a.date, 1, 7)",
}
_COUNTS = """
    COUNT(q.id), COUNT(DISTINCT e.id),
    COUNT(DISTINCT CASE WHEN e.source_type = 'person' THEN e.id END),
    COUNT(DISTINCT CASE WHEN e.source_type = 'person' AND e.gender = 'f' THEN e.id END),
    COUNT(DISTINCT CASE WHEN e.source_type = 'person' AND e.gender = 'm' THEN e.id END),
    COUNT(DISTINCT q.speaker_id)
"""
_FROM = """
    quotes q JOIN articles a ON a.id = q.article_id
    LEFT JOIN entities e ON e.article_id = q.article_id AND e.entity = q.entity
    LEFT JOIN speakers s ON s.id = q.speaker_id
"""


def _where(filters: StatsFilters) -> tuple[str, list[Any]]:
    conditions, params = [], []
    for condition, value in (
        ("a.date >= ?", filters.since), ("a.date <= ?", filters.until), ("LOWER(a.outlet) = LOWER(?)", filters.outlet),
        ("q.kind = ?", filters.kind), ("q.act = ?", filters.act), ("q.confidence >= ?", filters.min_confidence),
    ):
        if value is not None and value != "":
            conditions.append(condition)
            params.append(value)
    return (" WHERE " + " AND ".join(conditions)) if conditions else "", params


class StatisticsReader:
    """``Store.statistics`` (a mixin over the store's queries)."""

    if TYPE_CHECKING:
        def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def statistics(self, filters: StatsFilters | None = None, *, top: int = 10) -> Statistics:
        """Quotes and sources by gender, type, outlet and month, and the most quoted women and men."""
        filters = filters or StatsFilters()
        if filters.min_confidence is not None and not 0 <= filters.min_confidence <= 1:
            raise InputError(f"minimum confidence {filters.min_confidence} is not between 0 and 1")
        where, params = _where(filters)
        tables: dict[str, tuple[Breakdown, ...]] = {}
        for name, dimension in _DIMENSIONS.items():
            grouped = "" if name == "total" else f" GROUP BY {dimension}"  # PostgreSQL groups by no constant
            rows = self._all(f"SELECT {dimension} AS k, {_COUNTS} FROM {_FROM}{where}{grouped}", params)
            ranked = [Breakdown(*row) for row in rows if not (name == "by_gender" and row[0] is None)]
            order = (lambda b: ((b.key is None), b.key or "")) if name == "by_month" else (lambda b: (-b.quotes, b.key or ""))
            tables[name] = tuple(sorted(ranked, key=order))
        total = tables.pop("total")
        undated = sum(b.quotes for b in tables["by_month"] if b.key is None)
        return Statistics(
            filters,
            total[0] if total else Breakdown("all", 0, 0, 0, 0, 0),
            tables["by_gender"], tables["by_type"], tables["by_outlet"], tables["by_month"],
            self._most_quoted("f", where, params, top), self._most_quoted("m", where, params, top),
            undated,
        )

    def _most_quoted(self, gender: str, where: str, params: list[Any], top: int) -> tuple[QuotedSpeaker, ...]:
        condition = (where + " AND " if where else " WHERE ") + "s.type = 'person' AND s.gender = ?"
        rows = self._all(
            f"SELECT s.id, s.name, COUNT(q.id), COUNT(DISTINCT q.article_id) FROM {_FROM}{condition} "
            "GROUP BY s.id, s.name ORDER BY COUNT(q.id) DESC, s.name LIMIT ?",
            [*params, gender, top],
        )
        return tuple(QuotedSpeaker(*row) for row in rows)
