"""The ingest loop: records in, extracted articles stored, in input order, one transaction each.

Crash safety comes from three facts: an article is written with its quotes in one
transaction (all or nothing); an article is known by its content hash, so one already
stored is skipped before extraction; and articles are written in input order whatever
the number of workers, so a re-run after a kill writes the rest exactly as a clean run
would have.  Memory is bounded: readers stream, and at most ``2 × workers`` batches
are in flight.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass, field

from onrecord.ingest.readers import Bad, Record
from onrecord.records import Article
from onrecord.settings import int_default
from onrecord.stages.read import ArticleSource
from onrecord.store import Store
from onrecord.store.dedup import content_hash

BATCH_ARTICLES = int_default("ingest_batch")


@dataclass(slots=True)
class IngestCounts:
    """What an ingest did, updated as it goes (the progress bar and the summary read it)."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    quotes: int = 0
    bad: Counter[str] = field(default_factory=Counter)
    started: float = field(default_factory=time.monotonic)

    @property
    def skipped(self) -> int:
        return sum(self.bad.values())

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


def _extract_batch(sources: list[ArticleSource]) -> list[Article]:
    from onrecord.pipeline import extract_sources  # spaCy: loaded by the process that extracts

    return list(extract_sources(sources))


def _start_worker(parent: int) -> None:
    from onrecord.stages.parse.language import load_pipeline

    # A parent killed with SIGKILL cannot stop its workers: each one leaves on its own
    # as soon as it is orphaned, instead of living on with a loaded pipeline.
    def leave_when_orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=leave_when_orphaned, daemon=True).start()
    load_pipeline()


class _Extractor:
    """Extraction in this process (one worker) or in a pool of processes, results in order."""

    def __init__(self, workers: int) -> None:
        self.workers = workers
        self._pool: ProcessPoolExecutor | None = None
        if workers > 1:
            # spawn: the parent has threads (progress display), which fork does not copy safely.
            self._pool = ProcessPoolExecutor(
                workers,
                mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
                initargs=(os.getpid(),),
            )

    def submit(self, batch: list[ArticleSource]) -> Future[list[Article]] | list[Article]:
        if self._pool is None:
            return _extract_batch(batch)
        return self._pool.submit(_extract_batch, batch)

    @property
    def window(self) -> int:
        return 1 if self._pool is None else 2 * self.workers

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)


def _batches(
    records: Iterable[Record], store: Store, counts: IngestCounts, on_bad: Callable[[Bad], None], in_flight: set[str]
) -> Iterator[list[tuple[ArticleSource, str]]]:
    batch: list[tuple[ArticleSource, str]] = []
    for record in records:
        if isinstance(record, ArticleSource) and not record.text.strip():
            record = Bad(record.id or "?", "empty text")
        if isinstance(record, Bad):
            counts.bad[record.kind] += 1
            on_bad(record)
            continue
        counts.read += 1
        digest = content_hash(record.text)
        if digest in in_flight or store.has_article(digest):
            counts.already_stored += 1
            continue
        in_flight.add(digest)
        batch.append((record, digest))
        if len(batch) == BATCH_ARTICLES:
            yield batch
            batch = []
    if batch:
        yield batch


def ingest(
    records: Iterable[Record],
    store: Store,
    *,
    workers: int = 1,
    counts: IngestCounts | None = None,
    on_bad: Callable[[Bad], None] = lambda bad: None,
    on_progress: Callable[[IngestCounts], None] = lambda counts: None,
) -> IngestCounts:
    """Extract and store every new article of ``records``; bad records are counted and passed to ``on_bad``."""
    counts = counts or IngestCounts()
    extractor = _Extractor(workers)
    in_flight: set[str] = set()
    pending: deque[tuple[list[tuple[ArticleSource, str]], Future[list[Article]] | list[Article]]] = deque()

    def write_oldest() -> None:
        batch, result = pending.popleft()
        articles = result.result() if isinstance(result, Future) else result
        for (source, digest), article in zip(batch, articles):
            if store.add_article(article, source):
                counts.stored += 1
                counts.quotes += len(article.quotes)
            else:
                counts.already_stored += 1
            in_flight.discard(digest)
        on_progress(counts)

    try:
        for batch in _batches(records, store, counts, on_bad, in_flight):
            pending.append((batch, extractor.submit([source for source, _ in batch])))
            while len(pending) >= extractor.window:
                write_oldest()
            on_progress(counts)
        while pending:
            write_oldest()
    finally:
        extractor.close()
    on_progress(counts)
    return counts
