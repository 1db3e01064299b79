"""PostgreSQL backend: the same schema and queries as SQLite, for a server deployment.

Full text is a generated ``tsvector`` column with a GIN index, built with the ``simple``
configuration (lower-cased words, no stemming, no stop words) so that a search finds
what it finds on SQLite (FTS5 ``unicode61``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from onrecord.errors import StoreError
from onrecord.store.schema import SCHEMA_VERSION, postgres_schema
from onrecord.store.sql import Dialect

_WORD = re.compile(r"\w+", re.UNICODE)


def _redacted(url: str) -> str:
    return re.sub(r"//[^@/]*@", "//…@", url)


class PostgresDialect(Dialect):
    def __init__(self, url: str, *, read_only: bool) -> None:
        import psycopg

        self._errors = psycopg.Error
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"{_redacted(url)}: cannot connect ({str(err).strip().splitlines()[0]})") from None
        try:
            if read_only:
                self._conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            else:
                self._create()
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except psycopg.Error as err:
            self._conn.close()
            raise StoreError(f"{_redacted(url)}: not a usable onrecord store ({str(err).strip().splitlines()[0]})") from None
        if row is None or row[0] != str(SCHEMA_VERSION):
            self._conn.close()
            raise StoreError(f"{_redacted(url)}: store schema version {row and row[0]!r}, this onrecord needs {SCHEMA_VERSION}: "
                             "ingest the articles again into a new database")

    def _create(self) -> None:
        with self._conn.transaction():
            # Two ingests creating the schema at once must not race.
            self._conn.execute("SELECT pg_advisory_xact_lock(7460031)")
            for statement in postgres_schema().split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', %s) ON CONFLICT DO NOTHING", (str(SCHEMA_VERSION),)
            )

    @staticmethod
    def _sql(sql: str) -> str:
        return sql.replace("?", "%s")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(self._sql(sql), tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            with self._conn.cursor() as cursor:
                cursor.executemany(self._sql(sql), rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with self._conn.transaction():
            yield

    def fulltext(self, text: str) -> tuple[str, str, list[Any]] | None:
        words = _WORD.findall(text)
        if not words:
            return None
        return (
            "JOIN (SELECT plainto_tsquery('simple', ?) AS query) AS fts ON q.search @@ fts.query",
            "-ts_rank(q.search, fts.query)",
            [" ".join(words)],
        )

    def index_quote(self, quote_id: int, text: str) -> None:
        """Nothing to do: the ``search`` column is generated from the text."""

    def close(self) -> None:
        self._conn.close()
