"""Reading the corpus speakers: the most quoted, one speaker by id, alias id or any of its names.

A speaker here is the corpus identity (store/identity.py): ``Donald Trump`` with its variants
``Donald J. Trump``, ``Trump``, ``Mr. Trump``.  A name finds the speaker that goes by it
(exactly, any variant), else the most quoted one whose name or a variant contains it as
whole words (``Trump`` finds ``Donald Trump``).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from onrecord.store import dedup
from onrecord.store.records import MAX_ID, PeriodCount, SpeakerRecord, SpeakerSummary, SpeakerVariant, bounded

if TYPE_CHECKING:
    from onrecord.store.records import Occurrence

_SUMMARY = """
    SELECT s.id, s.name, s.type, s.gender, s.qid, COUNT(q.id), COUNT(DISTINCT q.quotation_id),
           COUNT(DISTINCT q.article_id), MIN(a.date), MAX(a.date)
    FROM speakers s JOIN quotes q ON q.speaker_id = s.id JOIN articles a ON a.id = q.article_id
"""
_GROUP = "GROUP BY s.id, s.name, s.type, s.gender, s.qid"


def speaker_condition(speaker: str | int, params: list[Any]) -> str:
    """SQL over ``s`` (speakers) for a speaker given by id, alias id or name (whole words of a name or variant)."""
    if isinstance(speaker, int):
        params.append(speaker if 0 < speaker <= MAX_ID else 0)  # ids start at 1: 0 matches nothing
        return "s.id = ?"
    words = dedup.normalise(speaker)
    like = [words, f"{words} %", f"% {words}", f"% {words} %"]
    params.extend([speaker, *like])
    names = " OR ".join(["v.norm = ?"] + ["v.norm LIKE ?"] * 3)
    return (
        "(s.qid = ? OR s.id IN (SELECT v.speaker_id FROM (SELECT speaker_id, norm FROM speaker_variants "
        f"UNION ALL SELECT id, norm FROM speakers) AS v WHERE {names}))"
    )


def _summary(row: Sequence[Any], variants: tuple[SpeakerVariant, ...]) -> SpeakerSummary:
    id, name, type, gender, qid, quotes, quotations, articles, first, last = row
    return SpeakerSummary(id, name, type, gender, qid, quotes, quotations, articles, first, last, variants)


class SpeakerReader:
    """The speaker queries of ``SQLStore`` (a mixin over its one-row queries)."""

    if TYPE_CHECKING:
        def _one(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

        def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

        def _filters(self, *, speaker: str | int | None, since: str | None, until: str | None,
                     outlet: str | None) -> tuple[list[str], list[Any]]: ...

        def _speaker_occurrences(self, speaker_id: int, limit: int) -> tuple[Occurrence, ...]: ...

    def speakers(self, *, since: str | None = None, until: str | None = None, limit: int = 50,
                 type: str | None = None, gender: str | None = None) -> tuple[SpeakerSummary, ...]:
        """The most quoted corpus speakers (by quotes) in the period, with their counts and names."""
        conditions, params = self._filters(speaker=None, since=since, until=until, outlet=None)
        for column, value in (("s.type", type), ("s.gender", gender)):
            if value:
                conditions.append(f"{column} = ?")
                params.append(value)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        rows = self._all(f"{_SUMMARY} {where} {_GROUP} ORDER BY COUNT(q.id) DESC, s.name LIMIT ?", [*params, bounded(limit)])
        variants = self._variants([row[0] for row in rows])
        return tuple(_summary(row, variants.get(row[0], ())) for row in rows)

    def variant_names(self) -> list[tuple[int, str, str, int]]:
        """Every (speaker id, speaker name, variant name, quotes) of the corpus identity."""
        return [tuple(row) for row in self._all(
            "SELECT v.speaker_id, s.name, v.name, v.quotes FROM speaker_variants v JOIN speakers s ON s.id = v.speaker_id "
            "ORDER BY v.speaker_id, v.quotes DESC"
        )]

    def _variants(self, speaker_ids: Sequence[int]) -> dict[int, tuple[SpeakerVariant, ...]]:
        if not speaker_ids:
            return {}
        marks = ",".join("?" * len(speaker_ids))
        out: dict[int, list[SpeakerVariant]] = {}
        for speaker_id, name, evidence, quotes in self._all(
            f"SELECT speaker_id, name, evidence, quotes FROM speaker_variants WHERE speaker_id IN ({marks}) "
            "ORDER BY speaker_id, quotes DESC, name",
            list(speaker_ids),
        ):
            out.setdefault(speaker_id, []).append(SpeakerVariant(name, evidence, quotes))
        return {k: tuple(v) for k, v in out.items()}

    def speaker(self, name: str | int, *, recent: int = 20) -> SpeakerRecord | None:
        """A speaker by id, alias id or name (its own or a variant's, exact first, else the most quoted containing it)."""
        params: list[Any] = []
        condition = speaker_condition(name, params)
        exact = dedup.normalise(str(name))
        row = self._one(
            f"{_SUMMARY} WHERE {condition} {_GROUP} "
            "ORDER BY (s.norm = ? OR s.id IN (SELECT speaker_id FROM speaker_variants WHERE norm = ?)) DESC, "
            "COUNT(q.id) DESC, s.id LIMIT 1",
            [*params, exact, exact],
        )
        if row is None:
            return None
        summary = _summary(row, self._variants([row[0]]).get(row[0], ()))
        timeline = self._all(
            """
            SELECT SUBSTR(a.date, 1, 7) AS period, COUNT(*) FROM quotes q JOIN articles a ON a.id = q.article_id
            WHERE q.speaker_id = ? GROUP BY SUBSTR(a.date, 1, 7) ORDER BY (SUBSTR(a.date, 1, 7) IS NULL), period
            """,
            (summary.id,),
        )
        return SpeakerRecord(
            summary,
            tuple(PeriodCount(p, n) for p, n in timeline),
            self._speaker_occurrences(summary.id, recent),
        )
