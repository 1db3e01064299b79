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
from urllib.parse import parse_qsl, unquote, urlsplit

from onrecord.errors import StoreError
from onrecord.store.schema import SCHEMA_VERSION, postgres_schema
from onrecord.store.sql import MARK_END, MARK_START, Dialect, Terms

_SECRET_PARAMS = {"password", "passfile", "sslpassword"}


def _secrets(url: str) -> list[str]:
    """The secret values written in a connection URL: its userinfo password and ``password=`` parameters."""
    try:
        parts = urlsplit(url)
        password = parts.password
    except ValueError:  # not a URL urllib can split (e.g. a broken IPv6 host): the patterns below still blank it
        return []
    found = [password] if password else []
    found += [value for key, value in parse_qsl(parts.query, keep_blank_values=True) if key.lower() in _SECRET_PARAMS and value]
    return [unquote(secret) for secret in found] + found


def _redacted(url: str, text: str | None = None) -> str:
    """``text`` (by default the URL itself) with every secret of ``url`` blanked, as error messages show it."""
    shown = url if text is None else text
    for secret in sorted(set(_secrets(url)), key=len, reverse=True):
        shown = shown.replace(secret, "…")
    # A URL the text still carries, e.g. libpq echoing one urllib could not split.
    shown = re.sub(r"(//[^:@/\s]*):[^@/\s]*@", r"\1:…@", shown)
    return re.sub(r"((?:^|[?&\s])(?:password|passfile|sslpassword)=)[^&\s\"']*", r"\1…", shown, flags=re.IGNORECASE)


def _reason(url: str, err: Exception) -> str:
    """The first line of a driver error, with the URL's secrets blanked (libpq may echo the conninfo)."""
    lines = str(err).strip().splitlines()
    return _redacted(url, lines[0] if lines else type(err).__name__)


class PostgresDialect(Dialect):
    def __init__(self, url: str, *, read_only: bool) -> None:
        import psycopg

        self._errors = psycopg.Error
        self._url = url
        try:
            self._conn = psycopg.connect(url, autocommit=True)
        except psycopg.Error as err:
            raise StoreError(f"{_redacted(url)}: cannot connect ({_reason(url, err)})") from None
        try:
            if read_only:
                self._conn.execute("SET SESSION CHARACTERISTICS AS TRANSACTION READ ONLY")
            else:
                self._create()
            row = self._conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        except StoreError:
            self._conn.close()
            raise
        except psycopg.Error as err:
            self._conn.close()
            raise StoreError(f"{_redacted(url)}: not a usable onrecord store ({_reason(url, err)})") from None
        if row is None or row[0] != str(SCHEMA_VERSION):
            self._conn.close()
            raise StoreError(f"{_redacted(url)}: store schema version {row and row[0]!r}, this onrecord needs {SCHEMA_VERSION}: "
                             "ingest the articles again into a new database")

    def _create(self) -> None:
        with self._conn.transaction():
            # Two ingests creating the schema at once must not race.
            self._conn.execute("SELECT pg_advisory_xact_lock(7460031)")
            tables = [row[0] for row in self._conn.execute(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY table_name"
            ).fetchall()]
            if tables and "meta" not in tables:
                shown = ", ".join(tables[:5]) + (", …" if len(tables) > 5 else "")
                raise StoreError(f"{_redacted(self._url)}: a database that is not an onrecord store (tables: {shown}); give an empty one")
            for statement in postgres_schema().split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            # A store made before articles had an author gets the column (nothing else changed).
            self._conn.execute("ALTER TABLE articles ADD COLUMN IF NOT EXISTS author TEXT")
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

    @staticmethod
    def _query(terms: Terms) -> tuple[str, list[str]]:
        """A tsquery needing every term, each a phrase of its words in order (bound, never parsed as syntax)."""
        return " && ".join(["phraseto_tsquery('simple', ?)"] * len(terms)), [" ".join(words) for words in terms]

    def fulltext(self, terms: Terms) -> tuple[str, str, list[Any]]:
        query, params = self._query(terms)
        return (
            f"JOIN (SELECT {query} AS query) AS fts ON q.search @@ fts.query",
            "-ts_rank(q.search, fts.query)",
            list(params),
        )

    def marked(self, terms: Terms, quote_ids: Sequence[int]) -> dict[int, str]:
        query, params = self._query(terms)
        options = f"StartSel={MARK_START}, StopSel={MARK_END}, HighlightAll=true"
        rows = self.execute(
            f"SELECT id, ts_headline('simple', text, {query}, ?) FROM quotes WHERE id = ANY(?)",
            [*params, options, list(quote_ids)],
        )
        return dict(rows.fetchall())

    def index_quote(self, quote_id: int, text: str) -> None:
        """Nothing to do: the ``search`` column is generated from the text."""

    def close(self) -> None:
        self._conn.close()
