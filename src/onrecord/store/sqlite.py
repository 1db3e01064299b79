"""SQLite backend: one file, WAL journal (readers never block the writer), FTS5 over quote text."""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from onrecord.errors import StoreError
from onrecord.store.schema import SCHEMA_VERSION, sqlite_schema
from onrecord.store.sql import MARK_END, MARK_START, Dialect, Terms


class _Cursor:
    """A cursor whose database errors (a page found corrupt while reading, say) are ``StoreError``."""

    def __init__(self, cursor: sqlite3.Cursor, path: str) -> None:
        self._cursor = cursor
        self._path = path

    def fetchone(self) -> Any:
        with _unusable(self._path):
            return self._cursor.fetchone()

    def fetchall(self) -> list[Any]:
        with _unusable(self._path):
            return self._cursor.fetchall()

    def __iter__(self) -> Iterator[Any]:
        while (row := self.fetchone()) is not None:
            yield row

    def __getattr__(self, name: str) -> Any:
        return getattr(self._cursor, name)


@contextmanager
def _unusable(path: str) -> Iterator[None]:
    try:
        yield
    except sqlite3.DatabaseError as err:
        raise StoreError(f"{path}: not a usable SQLite store ({err})") from None


class SQLiteDialect(Dialect):
    def __init__(self, path: str, *, read_only: bool) -> None:
        file = Path(path)
        self._path = path
        if read_only and not file.is_file():
            raise StoreError(f"{path}: no such store")
        if not read_only and not file.parent.is_dir():
            raise StoreError(f"{path}: folder {str(file.parent)!r} does not exist")
        with _unusable(path):
            if read_only:
                self._conn = self._read_only(file)
            else:
                self._conn = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
                self._refuse_foreign(path)
                self._conn.execute("PRAGMA journal_mode = WAL")
                # A commit is durable once it is in the WAL; a crash loses no committed article.
                self._conn.execute("PRAGMA synchronous = NORMAL")
            self._conn.execute("PRAGMA foreign_keys = ON")
            self._conn.execute("PRAGMA busy_timeout = 30000")
            if not read_only:
                self._create()
            self._check_version(path)

    @staticmethod
    def _read_only(file: Path) -> sqlite3.Connection:
        """A read-only connection; in a folder it cannot write (no WAL index can be made there) a store
        without a pending WAL is opened immutable, which needs none."""
        uri = file.resolve().as_uri()
        conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, check_same_thread=False)
        try:
            conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
            return conn
        except sqlite3.OperationalError:
            conn.close()
            wal = file.with_name(file.name + "-wal")
            if os.access(file.parent, os.W_OK) or (wal.exists() and wal.stat().st_size > 0):
                raise
        return sqlite3.connect(f"{uri}?mode=ro&immutable=1", uri=True, isolation_level=None, check_same_thread=False)

    def _refuse_foreign(self, path: str) -> None:
        """Refuse to add onrecord's tables to a database that holds other things."""
        tables = [row[0] for row in self._conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
        if tables and "meta" not in tables:
            shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
            raise StoreError(f"{path}: an SQLite database that is not an onrecord store (tables: {shown}); give a new file")

    def _create(self) -> None:
        with self.transaction():
            for statement in sqlite_schema().split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            # A store made before articles had an author gets the column (nothing else changed).
            if "author" not in {row[1] for row in self._conn.execute("PRAGMA table_info(articles)")}:
                self._conn.execute("ALTER TABLE articles ADD COLUMN author TEXT")
            self._conn.execute(
                "INSERT INTO meta (key, value) VALUES ('schema_version', ?) ON CONFLICT DO NOTHING", (str(SCHEMA_VERSION),)
            )

    def _check_version(self, path: str) -> None:
        row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        if row is None or row[0] != str(SCHEMA_VERSION):
            raise StoreError(f"{path}: store schema version {row and row[0]!r}, this onrecord needs {SCHEMA_VERSION}: "
                             "ingest the articles again into a new store")

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Cursor:
        with _unusable(self._path):
            return _Cursor(self._conn.execute(sql, tuple(params)), self._path)

    def executemany(self, sql: str, rows: Sequence[Sequence[Any]]) -> None:
        with _unusable(self._path):
            self._conn.executemany(sql, rows)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        with _unusable(self._path):
            self._conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            if self._conn.in_transaction:
                self._conn.execute("ROLLBACK")
            raise
        with _unusable(self._path):
            self._conn.execute("COMMIT")

    @staticmethod
    def _match(terms: Terms) -> str:
        # Every term as a quoted FTS5 string (a phrase when it has several words), all required:
        # user text is never FTS5 syntax.
        return " ".join('"' + " ".join(words).replace('"', '""') + '"' for words in terms)

    def fulltext(self, terms: Terms) -> tuple[str, str, list[Any]]:
        return "JOIN quotes_fts ON quotes_fts.rowid = q.id AND quotes_fts MATCH ?", "quotes_fts.rank", [self._match(terms)]

    def marked(self, terms: Terms, quote_ids: Sequence[int]) -> dict[int, str]:
        marks = ",".join("?" * len(quote_ids))
        rows = self._conn.execute(
            f"SELECT rowid, highlight(quotes_fts, 0, ?, ?) FROM quotes_fts WHERE quotes_fts MATCH ? AND rowid IN ({marks})",
            (MARK_START, MARK_END, self._match(terms), *quote_ids),
        )
        return dict(rows.fetchall())

    def index_quote(self, quote_id: int, text: str) -> None:
        self.execute("INSERT INTO quotes_fts (rowid, text) VALUES (?, ?)", (quote_id, text))

    def close(self) -> None:
        self._conn.close()
