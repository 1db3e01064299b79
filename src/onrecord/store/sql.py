"""The store over any SQL backend: the read queries (writing, with quotation dedup, is ``writes``).

A backend (``sqlite.py``, ``postgres.py``) supplies a ``Dialect``: how to run a
statement, a transaction, and full-text matching.  Everything else — the SQL of every
query and the dedup logic — is here once, written with ``?`` placeholders and bound
parameters only.
"""

from __future__ import annotations

import abc
import json
import re
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import fields
from typing import TYPE_CHECKING, Any, TypedDict

from onrecord.records import Article, Entity, Span
from onrecord.store.codec import (
    quote_from_row,
    skipped_from_json,
)
from onrecord.store.export import ExportRow
from onrecord.store.records import (
    MAX_ID,
    ArticleMetadata,
    Occurrence,
    QuotationRecord,
    SearchHit,
    SearchPage,
    StoreStats,
    Variant,
    bounded,
)
from onrecord.store.speakers import SpeakerReader, speaker_condition
from onrecord.store.statistics import StatisticsReader
from onrecord.store.writes import StoreWriter

if TYPE_CHECKING:  # typing.Unpack from Python 3.12
    from typing_extensions import Unpack

_OCCURRENCE_COLUMNS = """
    q.id, q.quotation_id, a.id, a.source_id, a.date, a.outlet, a.title, a.url,
    q.text, q.char_start, q.char_end, q.kind, q.confidence, q.speaker_id,
    s.name, s.type, s.gender, q.speaker_text
"""
_OCCURRENCE_FROM = """
    quotes q JOIN articles a ON a.id = q.article_id LEFT JOIN speakers s ON s.id = q.speaker_id
"""
# What export reads beyond an occurrence (``export.ExportRow``): the act, the corpus
# speaker's alias-file id, and the JSON detail holding cue, addressee, channel and when.
EXPORT_SELECT = "q.act, s.qid, q.detail"
# How search orders its hits (``order=``): newest first, or best text match first.
SEARCH_ORDERS = {
    "date": "(date IS NULL), date DESC, best, quotation_id DESC",
    "relevance": "best, (date IS NULL), date DESC, quotation_id DESC",
}
# Earliest first: dated before undated, then by date, then ingest order.
_EARLIEST = "(a.date IS NULL), a.date, a.id, q.id"


def _article_column(id: int | str) -> str | None:
    """The articles column an id is looked up in: a store id (int) or a source id (str); ``None``: no such id."""
    if isinstance(id, int):
        return "id" if 0 < id <= MAX_ID else None
    return "source_id"


class Where(TypedDict, total=False):
    """The filters of ``search`` and ``iter_export``; each one left out does not filter."""

    speaker: str | int | None  # a name (whole words of it), an alias-file id, or a store id
    since: str | None  # YYYY-MM-DD, inclusive
    until: str | None
    outlet: str | None  # exactly, any case
    kind: Sequence[str]  # QuoteKind values
    act: Sequence[str]  # SpeechAct values
    min_confidence: float | None


Terms = tuple[tuple[str, ...], ...]
_WORD = re.compile(r"\w+", re.UNICODE)
_TERM = re.compile(r'"([^"]*)"?|([^"\s]+)')
_DOUBLE_QUOTES = str.maketrans({"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"'})
# What the backends' highlight functions put around a found term; no quote text holds them.
MARK_START, MARK_END = "\x01", "\x02"


def search_terms(text: str) -> Terms:
    """The terms of a search: ``"law and order" crime`` → (("law", "and", "order"), ("crime",)).

    Words between double quotes (straight, curly or low: a phone types “these”) are one
    phrase (an unclosed quote runs to the end);
    every other word is a term of its own.  Only words count: punctuation and search
    syntax (``*``, ``-``, ``OR``) are data, never operators.
    """
    terms: list[tuple[str, ...]] = []
    for phrase, loose in _TERM.findall(text.translate(_DOUBLE_QUOTES)):
        if phrase:
            words = tuple(_WORD.findall(phrase))
            if words:
                terms.append(words)
        else:
            terms.extend((word,) for word in _WORD.findall(loose))
    return tuple(terms)


def highlight_spans(text: str, marked: str) -> tuple[tuple[int, int], ...]:
    """The (start, end) offsets in ``text`` of the stretches ``marked`` puts between the marks."""
    spans: list[tuple[int, int]] = []
    plain: list[str] = []
    at, start = 0, None
    for ch in marked:
        if ch == MARK_START:
            start = at
        elif ch == MARK_END and start is not None:
            if at > start:
                spans.append((start, at))
            start = None
        else:
            plain.append(ch)
            at += 1
    return tuple(spans) if "".join(plain) == text else ()  # a text that held a mark itself: nothing shown


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
    def fulltext(self, terms: Terms) -> tuple[str, str, list[Any]]:
        """(join clause, rank expression, parameters) matching every term (a word, or a phrase's words in order)."""

    @abc.abstractmethod
    def marked(self, terms: Terms, quote_ids: Sequence[int]) -> dict[int, str]:
        """Each quote's text with the terms found in it between ``MARK_START`` and ``MARK_END``."""

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
        self, text: str | None = None, *, order: str = "date", limit: int = 20, offset: int = 0, **where: Unpack[Where]
    ) -> SearchPage:
        """Quotations whose quotes hold every term of ``text`` (see ``search_terms``) and pass the filters.

        Each quotation appears once, shown by its earliest matching occurrence (its
        searched words highlighted), with the number of its occurrences that match.
        ``order``: ``"date"``, newest first (by that earliest occurrence; undated last);
        ``"relevance"``, best text match first, newest first among equals.
        """
        if order not in SEARCH_ORDERS:
            raise ValueError(f"order must be one of {', '.join(SEARCH_ORDERS)}")
        terms = search_terms(text or "")
        if text and text.strip() and not terms:
            return SearchPage((), 0, limit, offset)  # only punctuation: no quote can hold it
        if not terms and not any(value not in (None, "", ()) for value in where.values()):
            return self._browse(limit, offset)
        joins, rank = "", "0"
        params: list[object] = []
        if terms:
            joins, rank, params = self._db.fulltext(terms)
        conditions, filter_params = self._filters(**where)
        params = params + filter_params
        condition = " AND ".join(conditions) or "1 = 1"
        hits = f"""
            SELECT q.id AS quote_id, q.quotation_id, a.date, a.id AS article_id, {rank} AS rank
            FROM {_OCCURRENCE_FROM} {joins} WHERE {condition}
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
            ORDER BY {SEARCH_ORDERS[order]}
            LIMIT ? OFFSET ?
            """,
            [*params, bounded(limit), bounded(offset)],
        )
        quote_ids = [r[0] for r in rows]
        occurrences = self._occurrences_by_id(quote_ids)
        marked = self._db.marked(terms, quote_ids) if terms and quote_ids else {}
        items = tuple(
            SearchHit(r[1], occurrences[r[0]], r[2], highlight_spans(occurrences[r[0]].text, marked.get(r[0], "")))
            for r in rows
        )
        return SearchPage(items, total, limit, offset)

    def _browse(self, limit: int, offset: int) -> SearchPage:
        """Every quotation, newest first: the same answer as the general query, read from
        ``quotations`` and its index (fast on any store size)."""
        total = self._one("SELECT COUNT(*) FROM quotations")[0]
        rows = self._all(
            "SELECT earliest_quote_id, id, occurrences FROM quotations "
            "ORDER BY (earliest_date IS NULL), earliest_date DESC, id DESC LIMIT ? OFFSET ?",
            (bounded(limit), bounded(offset)),
        )
        occurrences = self._occurrences_by_id([r[0] for r in rows])
        return SearchPage(tuple(SearchHit(r[1], occurrences[r[0]], r[2]) for r in rows), total, limit, offset)

    def _filters(self, **where: Unpack[Where]) -> tuple[list[str], list[Any]]:
        conditions: list[str] = []
        params: list[Any] = []
        for column, values in (("q.kind", where.get("kind", ())), ("q.act", where.get("act", ()))):
            if values:
                conditions.append(f"{column} IN ({','.join('?' * len(values))})")
                params.extend(str(value) for value in values)
        if (min_confidence := where.get("min_confidence")) is not None:
            conditions.append("q.confidence >= ?")
            params.append(min_confidence)
        if (speaker := where.get("speaker")) is not None:
            conditions.append(speaker_condition(speaker, params))
        if since := where.get("since"):
            conditions.append("a.date >= ?")
            params.append(since)
        if until := where.get("until"):
            conditions.append("a.date <= ?")
            params.append(until)
        if outlet := where.get("outlet"):
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
        if not 0 < id <= MAX_ID:
            return None
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
            (speaker_id, bounded(limit)),
        )
        return tuple(Occurrence(*r) for r in rows)

    def article_metadata(self, id: int | str) -> ArticleMetadata | None:
        """A stored article's id, source id, date, outlet, title and url, by store id (int) or source id (str)."""
        if (column := _article_column(id)) is None:
            return None
        row = self._one(
            f"SELECT id, source_id, date, outlet, title, url FROM articles WHERE {column} = ? ORDER BY id LIMIT 1", (id,)
        )
        return None if row is None else ArticleMetadata(*row)

    def article(self, id: int | str) -> Article | None:
        """A stored article by store id (int) or by the id it came with (str), as extracted."""
        if (column := _article_column(id)) is None:
            return None
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

    def iter_export(self, *, batch: int = 1000, **where: Unpack[Where]) -> Iterator[ExportRow]:
        """Every quote passing the filters, in ingest order, with what export writes of it (bounded memory)."""
        conditions, params = self._filters(**where)
        condition = "".join(f" AND {c}" for c in conditions)
        after = 0
        while True:
            rows = self._all(
                f"SELECT {_OCCURRENCE_COLUMNS}, {EXPORT_SELECT} FROM {_OCCURRENCE_FROM} "
                f"WHERE q.id > ?{condition} ORDER BY q.id LIMIT ?",
                [after, *params, batch],
            )
            if not rows:
                return
            width = len(fields(Occurrence))
            for row in rows:
                act_value, qid, detail = row[width:]
                yield ExportRow(Occurrence(*row[:width]), act_value, qid, json.loads(detail))
            after = rows[-1][0]

    def iter_occurrences(self, *, batch: int = 1000) -> Iterator[Occurrence]:
        """Every quote in ingest order, streamed in batches (bounded memory for exports)."""
        return (row.occurrence for row in self.iter_export(batch=batch))

    # -- writing --------------------------------------------------------------------------


    def close(self) -> None:
        self._db.close()

    def __enter__(self) -> SQLStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()
