"""SQLite backend: one file, WAL journal (readers never block the writer), FTS5 over quote text."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from onrecord.errors import StoreError
from onrecord.store.schema import SCHEMA_VERSION, sqlite_schema
from onrecord.store.sql import Dialect

_WORD = re.compile(r"\w+", re.UNICODE)


class SQLiteDialect(Dialect):
    def __init__(self, path: str, *, read_only: bool) -> None:
        file = Path(path)
        if read_only and not file.is_file():
            raise StoreError(f"{path}: no such store")
        if not read_only and not file.parent.is_dir():
            raise StoreError(f"{path}: folder {str(file.parent)!r} does not exist")
        try:
            if read_only:
                self._conn = sqlite3.connect(f"{file.resolve().as_uri()}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
            else:
                self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                self._conn.execute("PRAGMA journal_mode = WAL")
                # A commit is durable once it is in the WAL; a crash loses no committed article.
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA busy_timeout = 30000")
            if not read_only:
                self._create()
            self._check_version(path)
        except sqlite3.DatabaseError as err:
            raise StoreError(f"{path}: not a usable SQLite store ({err})") from None

    def _create(self) -> None:
        with self.transaction():
            for statement in sqlite_schema().split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", (str(SCHEMA_VERSION),)
            )

    def _check_version(self, path: str) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or row[0] != str(SCHEMA_VERSION):
            raise StoreError(f"{path}: store schema version {row and row[0]!r}, this onrecord needs {SCHEMA_VERSION}: "
                             "ingest the articles again into a new store")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, tuple(params))

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        self._conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._conn.execute("ROLLBACK")
            raise
        self._conn.execute("COMMIT")

    def fulltext(self, text: str) -> tuple[str, str, list[Any]] | None:
        words = _WORD.findall(text)
        if not words:
            return None
        # Every word as a quoted FTS5 string: user text is never FTS5 syntax.
        query = " ".join('"' + w.replace('"', '""') + '"' for w in words)
        return "JOIN quotes_fts ON quotes_fts.rowid = q.id AND quotes_fts MATCH ?", "quotes_fts.rank", [query]

    def index_quote(self, quote_id: int, text: str) -> None:
        self._conn.execute("INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)", (quote_id, text))

    def close(self) -> None:
        self._conn.close()
