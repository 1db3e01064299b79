"""The store over any SQL backend: the read queries (writing, with quotation dedup, is ``writes``).

A backend (``sqlite.py``, ``postgres.py``) supplies a ``Dialect``: how to run a
statement, a transaction, and full-text matching.  Everything else — the SQL of every
query and the dedup logic — is here once, written with ``?`` placeholders and bound
parameters only.
"""

from __future__ import annotations

import abc
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from typing import Any

from onrecord.records import Article, Entity, Span
from onrecord.store.codec import (
    quote_from_row,
    skipped_from_json,
)
from onrecord.store.records import (
    Occurrence,
    QuotationRecord,
    SearchHit,
    SearchPage,
    StoreStats,
    Variant,
)
from onrecord.store.speakers import SpeakerReader, speaker_condition
from onrecord.store.statistics import StatisticsReader
from onrecord.store.writes import StoreWriter

_OCCURRENCE_COLUMNS = """
    q.id, q.quotation_id, a.id, a.source_id, a.date, a.outlet, a.title, a.url,
    q.text, q.char_start, q.char_end, q.kind, q.confidence, q.speaker_id,
    s.name, s.type, s.gender, q.speaker_text
"""
_OCCURRENCE_FROM = """
    quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id
"""
# Earliest first: dated before undated, then by date, then ingest order.
_EARLIEST = "(a.date IS NULL), a.date, a.id, q.id"


class Dialect(abc.ABC):
    """What differs between SQL backends."""

    @abc.abstractmethod
    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        """Run one statement (``?`` placeholders) and return its cursor."""

    @abc.abstractmethod
    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        """Run one statement for each row of parameters."""

    @abc.abstractmethod
    def transaction(self) -> AbstractContextManager[None]:
        """A write transaction: committed on success, rolled back on any error."""

    @abc.abstractmethod
    def fulltext(self, text: str) -> tuple[str, str, list[Any]] | None:
        """(join clause, rank expression, parameters) matching ``text``, or ``None`` if it has no words."""

    @abc.abstractmethod
    def index_quote(self, quote_id: int, text: str) -> None:
        """Add one quote to the full-text index (where the backend does not do it itself)."""

    @abc.abstractmethod
    def close(self) -> None: ...


class SQLStore(StoreWriter, SpeakerReader, StatisticsReader):
    """A quote store on one SQL database (see ``onrecord.store.open_store``)."""

    def __init__(self, dialect: Dialect, *, read_only: bool = False) -> None:
        self._db = dialect
        self.read_only = read_only

    # -- reading --------------------------------------------------------------------------

    def _one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._db.execute(sql, params).fetchone()

    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return self._db.execute(sql, params).fetchall()

    def has_article(self, content_hash: str) -> bool:
        """True when an article with this body (``dedup.content_hash``) is stored."""
        return self._one("SELECT 1 FROM articles WHERE content_hash = ?", (content_hash,)) is not None

    def stats(self) -> StoreStats:
        dates = self._one("SELECT MIN(date), MAX(date) FROM articles")
        counts = [self._one(f"SELECT COUNT(*) FROM {t}")[0] for t in ("articles", "quotes", "quotations", "speakers")]
        articles, quotes, quotations, speakers = counts
        return StoreStats(articles=articles, quotes=quotes, quotations=quotations, speakers=speakers,
                          first_date=dates[0], last_date=dates[1])

    def search(
        self,
        text: str | None = None,
        *,
        speaker: str | int | None = None,
        since: str | None = None,
        until: str | None = None,
        outlet: str | None = None,
        limit: int = 20,
        offset: int = 0,
    ) -> SearchPage:
        """Quotations whose quotes match every word of ``text`` and the filters, best match first.

        Each quotation appears once, shown by its earliest matching occurrence, with the
        number of its occurrences that match.
        """
        if not (text and text.strip()) and speaker is None and not (since or until or outlet):
            return self._browse(limit, offset)
        joins, rank = "", "0"
        params: list[object] = []
        if text is not None and text.strip():
            matched = self._db.fulltext(text)
            if matched is None:
                return SearchPage((), 0, limit, offset)
            joins, rank, params = matched
        conditions, filter_params = self._filters(speaker=speaker, since=since, until=until, outlet=outlet)
        params = params + filter_params
        where = " AND ".join(conditions) or "1 = 1"
        hits = f"""
            SELECT q.id AS quote_id, q.quotation_id, a.date, a.id AS article_id, {rank} AS rank
            FROM {_OCCURRENCE_FROM} {joins} WHERE {where}
        """
        total = self._one(f"SELECT COUNT(DISTINCT quotation_id) FROM ({hits}) AS hits", params)[0]
        rows = self._all(
            f"""
            SELECT quote_id, quotation_id, n FROM (
                SELECT quote_id, quotation_id, date, rank,
                       COUNT(*) OVER (PARTITION BY quotation_id) AS n,
                       MIN(rank) OVER (PARTITION BY quotation_id) AS best,
                       ROW_NUMBER() OVER (
                           PARTITION BY quotation_id ORDER BY (date IS NULL), date, article_id, quote_id
                       ) AS rn
                FROM ({hits}) AS hits
            ) AS ranked
            WHERE rn = 1
            ORDER BY best, (date IS NULL), date DESC, quotation_id DESC
            LIMIT ? OFFSET ?
            """,
            [*params, limit, offset],
        )
        occurrences = self._occurrences_by_id([r[0] for r in rows])
        items = tuple(SearchHit(r[1], occurrences[r[0]], r[2]) for r in rows)
        return SearchPage(items, total, limit, offset)

    def _browse(self, limit: int, offset: int) -> SearchPage:
        """Every quotation, newest first: the same answer as the general query, read from
        ``quotations`` and its index (fast on any store size)."""
        total = self._one("SELECT COUNT(*) FROM quotations")[0]
        rows = self._all(
            "SELECT earliest_quote_id, id, occurrences FROM quotations "
            "ORDER BY (earliest_date IS NULL), earliest_date DESC, id DESC LIMIT ? OFFSET ?",
            (limit, offset),
        )
        occurrences = self._occurrences_by_id([r[0] for r in rows])
        return SearchPage(tuple(SearchHit(r[1], occurrences[r[0]], r[2]) for r in rows), total, limit, offset)

    def _filters(
        self, *, speaker: str | int | None, since: str | None, until: str | None, outlet: str | None
    ) -> tuple[list[str], list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        if speaker is not None:
            conditions.append(speaker_condition(speaker, params))
        if since:
            conditions.append("a.date >= ?")
            params.append(since)
        if until:
            conditions.append("a.date <= ?")
            params.append(until)
        if outlet:
            conditions.append("LOWER(a.outlet) = LOWER(?)")
            params.append(outlet)
        return conditions, params

    def _occurrences_by_id(self, quote_ids: Sequence[int]) -> dict[int, Occurrence]:
        if not quote_ids:
            return {}
        marks = ",".join("?" * len(quote_ids))
        rows = self._all(f"SELECT {_OCCURRENCE_COLUMNS} FROM {_OCCURRENCE_FROM} WHERE q.id IN ({marks})", quote_ids)
        return {row[0]: Occurrence(*row) for row in rows}

    def quotation(self, id: int) -> QuotationRecord | None:
        """A quotation with all its occurrences (earliest first) and its wordings, or ``None``."""
        head = self._one("SELECT id, text FROM quotations WHERE id = ?", (id,))
        if head is None:
            return None
        rows = self._all(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM {_OCCURRENCE_FROM} WHERE q.quotation_id = ? ORDER BY {_EARLIEST}",
            (id,),
        )
        occurrences = tuple(Occurrence(*row) for row in rows)
        variants = self._all(
            """
            SELECT t.normalised, COUNT(q.id) FROM quotation_texts t
            JOIN quotes q ON q.text_hash = t.text_hash AND q.quotation_id = t.quotation_id
            WHERE t.quotation_id = ? GROUP BY t.normalised ORDER BY COUNT(q.id) DESC, t.normalised
            """,
            (id,),
        )
        return QuotationRecord(
            id=head[0],
            text=head[1],
            earliest=occurrences[0],
            occurrences=occurrences,
            variants=tuple(Variant(text, count) for text, count in variants),
        )

    def _speaker_occurrences(self, speaker_id: int, limit: int) -> tuple[Occurrence, ...]:
        """A speaker's latest quotes, newest first."""
        rows = self._all(
            f"SELECT {_OCCURRENCE_COLUMNS} FROM {_OCCURRENCE_FROM} WHERE q.speaker_id = ? "
            "ORDER BY (a.date IS NULL), a.date DESC, a.id DESC, q.id LIMIT ?",
            (speaker_id, limit),
        )
        return tuple(Occurrence(*r) for r in rows)

    def article(self, id: int | str) -> Article | None:
        """A stored article by store id (int) or by the id it came with (str), as extracted."""
        column = "id" if isinstance(id, int) else "source_id"
        row = self._one(f"SELECT id, source_id, date, text, skipped FROM articles WHERE {column} = ? ORDER BY id LIMIT 1", (id,))
        if row is None:
            return None
        article_id, source_id, date, text, skipped = row
        quotes = tuple(
            quote_from_row(
                kind=r[0],
                act=r[1],
                content=Span(r[2], r[3], r[4]),
                speaker=Span(r[5], r[6], r[7]) if r[5] is not None else None,
                speaker_name=r[8],
                entity=r[9],
                confidence=r[10],
                detail=r[11],
            )
            for r in self._all(
                "SELECT kind, act, text, char_start, char_end, speaker_text, speaker_start, speaker_end, "
                "speaker_name, entity, confidence, detail FROM quotes WHERE article_id = ? ORDER BY ordinal",
                (article_id,),
            )
        )
        mentions: dict[int, list[Span]] = {}
        for entity_row, m_text, m_start, m_end in self._all(
            "SELECT m.entity_row_id, m.text, m.char_start, m.char_end FROM mentions m "
            "JOIN entities e ON e.id = m.entity_row_id WHERE e.article_id = ? ORDER BY m.entity_row_id, m.ordinal",
            (article_id,),
        ):
            mentions.setdefault(entity_row, []).append(Span(m_text, m_start, m_end))
        entities = tuple(
            Entity(e_id, name, type_, tuple(mentions.get(row_id, ())), behalf, gender,
                   tuple(evidence.split(",")) if evidence else (), qid)
            for row_id, e_id, name, type_, gender, evidence, qid, behalf in self._all(
                "SELECT id, entity, name, type, gender, gender_evidence, qid, on_behalf_of FROM entities "
                "WHERE article_id = ? ORDER BY ordinal",
                (article_id,),
            )
        )
        return Article(source_id, date, text, quotes, entities, skipped_from_json(skipped))

    def iter_occurrences(self, *, batch: int = 1000) -> Iterator[Occurrence]:
        """Every quote in ingest order, streamed in batches (bounded memory for exports)."""
        after = 0
        while True:
            rows = self._all(
                f"SELECT {_OCCURRENCE_COLUMNS} FROM {_OCCURRENCE_FROM} WHERE q.id > ? ORDER BY q.id LIMIT ?",
                (after, batch),
            )
            if not rows:
                return
            for row in rows:
                yield Occurrence(*row)
            after = rows[-1][0]

    # -- writing --------------------------------------------------------------------------


    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
