"""The ``failures`` table: articles whose analysis failed, kept with their source so they can be retried.

A failure is keyed by the article's content hash, like a stored article: a re-run that
meets the same body again neither retries it nor records it twice (``ingest
--retry-failed`` does retry it), and a retry that succeeds removes the row.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
import json
from collections.abc import Iterator
from dataclasses import dataclass

from onrecord.stages.read import ArticleSource
from onrecord.store.sql import SQLStore


@dataclass(frozen=True, slots=True)
class FailureRow:
    """One recorded failure: which article, the stage that failed, why and when (UTC, ISO 8601)."""

    content_hash: str
    source_id: str | None
    stage: str
    message: str
    failed_at: str


class Failures:
    """The failures recorded in one store."""

    def __init__(self, store: SQLStore) -> None:
        self._db = store._db

    def record(self, content_hash: str, source: ArticleSource, stage: str, message: str) -> None:
        """Record (or update) the failure of the article ``source`` whose body hashes to ``content_hash``."""
        now = _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")
        with self._db.transaction():
            self._db.execute(
                "INSERT INTO failures (content_hash, source_id, stage, message, failed_at, source) VALUES (?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (content_hash) DO UPDATE SET source_id = excluded.source_id, stage = excluded.stage, "
                "message = excluded.message, failed_at = excluded.failed_at, source = excluded.source",
                (content_hash, source.id, stage, message, now, json.dumps(dataclasses.asdict(source), ensure_ascii=False)),
            )

    def has(self, content_hash: str) -> bool:
        return self._db.execute("SELECT 1 FROM failures WHERE content_hash = ?", (content_hash,)).fetchone() is not None

    def clear(self, content_hash: str) -> None:
        """Forget a failure (its article has now been stored)."""
        with self._db.transaction():
            self._db.execute("DELETE FROM failures WHERE content_hash = ?", (content_hash,))

    def rows(self) -> list[FailureRow]:
        """Every recorded failure, oldest first."""
        found = self._db.execute(
            "SELECT content_hash, source_id, stage, message, failed_at FROM failures ORDER BY failed_at, source_id"
        ).fetchall()
        return [FailureRow(*row) for row in found]

    def sources(self) -> Iterator[ArticleSource]:
        """The article of every recorded failure, to analyse again."""
        hashes = [row.content_hash for row in self.rows()]
        for content_hash in hashes:
            row = self._db.execute("SELECT source FROM failures WHERE content_hash = ?", (content_hash,)).fetchone()
            if row is not None:
                known = {f.name for f in dataclasses.fields(ArticleSource)}
                yield ArticleSource(**{k: v for k, v in json.loads(row[0]).items() if k in known})
