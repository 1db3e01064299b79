"""The quote store: articles, quotes, speakers and deduplicated quotations, queryable.

``open_store("corpus.db")`` opens (or creates) a SQLite file; ``open_store("postgresql://…")``
a PostgreSQL database.  Both give the same ``Store`` with the same answers.
"""

from __future__ import annotations

from onrecord.errors import StoreError
from onrecord.store.records import (
    ArticleMetadata,
    Occurrence,
    PeriodCount,
    QuotationRecord,
    SearchHit,
    SearchPage,
    SpeakerRecord,
    SpeakerSummary,
    SpeakerVariant,
    StoreStats,
    Variant,
)
from onrecord.store.sql import SQLStore
from onrecord.store.statistics import Breakdown, QuotedSpeaker, Statistics, StatsFilters

Store = SQLStore

__all__ = [
    "ArticleMetadata",
    "Breakdown",
    "QuotedSpeaker",
    "Statistics",
    "StatsFilters",
    "Occurrence",
    "PeriodCount",
    "QuotationRecord",
    "SearchHit",
    "SearchPage",
    "SpeakerRecord",
    "SpeakerSummary",
    "SpeakerVariant",
    "Store",
    "StoreError",
    "StoreStats",
    "Variant",
    "open_store",
]


def open_store(db: str, *, read_only: bool = False) -> Store:
    """Open a store: a file path is SQLite (created if absent), ``postgresql://…`` is PostgreSQL."""
    if db.startswith(("postgresql://", "postgres://")):
        from onrecord.store.postgres import PostgresDialect

        return SQLStore(PostgresDialect(db, read_only=read_only), read_only=read_only)
    from onrecord.store.sqlite import SQLiteDialect

    return SQLStore(SQLiteDialect(db, read_only=read_only), read_only=read_only)
