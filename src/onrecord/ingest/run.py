"""The ingest loop: records in, extracted articles stored, in input order, one transaction each.

Crash safety comes from three facts: an article is written with its quotes in one
transaction (all or nothing); an article is known by its content hash, so one already
stored is skipped before extraction; and articles are written in input order whatever
the number of workers, so a re-run after a kill writes the rest exactly as a clean run
would have.  Memory is bounded: readers stream, and at most ``2 × workers`` batches
are in flight.

Isolation: an article whose analysis or storing fails is a ``Failure`` recorded in the
store's ``failures`` table (``store.failures``) and the run goes on.  A worker process
that dies, or that stays past its batch's wall-time allowance where the in-worker timer
cannot reach (``ingest.isolation``), is killed and replaced; the articles of its batch
are then analysed one by one so that only the guilty one is recorded as failed.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import Counter, deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from typing import Any

from onrecord.ingest.isolation import ARTICLE_TIMEOUT_S, Failure, analyse, failure_of
from onrecord.ingest.readers import Bad, Record
from onrecord.records import Article
from onrecord.settings import float_default, int_default
from onrecord.stages.read import ArticleSource
from onrecord.store import Store
from onrecord.store.dedup import content_hash
from onrecord.store.failures import Failures

BATCH_ARTICLES = int_default("ingest_batch")
WORKER_STARTUP_S = float_default("worker_startup_s")


@dataclass(slots=True)
class IngestCounts:
    """What an ingest did, updated as it goes (the progress bar and the summary read it)."""

    read: int = 0
    stored: int = 0
    already_stored: int = 0
    failed_before: int = 0  # met again, recorded as failed by an earlier run (``--retry-failed`` retries)
    quotes: int = 0
    lacking: Counter[str] = field(default_factory=Counter)  # stored articles without a date, an outlet
    bad: Counter[str] = field(default_factory=Counter)
    failed: Counter[str] = field(default_factory=Counter)  # by stage
    started: float = field(default_factory=time.monotonic)

    @property
    def skipped(self) -> int:
        return sum(self.bad.values())

    @property
    def failures(self) -> int:
        return sum(self.failed.values())

    @property
    def seconds(self) -> float:
        return time.monotonic() - self.started


_worker_options: dict[str, Any] = {}  # a worker process's extraction options (alias table …), given once at its start


def _analyse_batch(sources: list[ArticleSource], seconds: float) -> list[Article | Failure]:
    return analyse(sources, seconds=seconds, **_worker_options)


def _start_worker(parent: int, options: dict[str, Any]) -> None:
    from onrecord.stages.parse.language import load_pipeline

    _worker_options.update(options)

    # A parent killed with SIGKILL cannot stop its workers: each one leaves on its own
    # as soon as it is orphaned, instead of living on with a loaded pipeline.
    def leave_when_orphaned() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=leave_when_orphaned, daemon=True).start()
    load_pipeline()


@dataclass(slots=True)
class _Task:
    batch: list[ArticleSource]
    result: Future[list[Article | Failure]] | list[Article | Failure]
    generation: int


class WorkerPool:
    """Extraction in this process (one worker) or in a pool of processes, results in order.

    A pooled task has an allowance of twice its articles' time budget (the worker's own
    timer redoes a culprit alone) plus, for a new pool, the pipeline's loading time.
    """

    def __init__(self, workers: int, *, seconds: float = ARTICLE_TIMEOUT_S, **options: Any) -> None:
        """``options`` are ``pipeline.extract_sources``'s (``aliases=`` …), for every article."""
        self.workers = workers
        self.seconds = seconds
        self.options = options
        self._pool: ProcessPoolExecutor | None = None
        self._generation = 0
        self._fresh = True
        if workers > 1:
            self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # spawn: the parent has threads (progress display), which fork does not copy safely.
        return ProcessPoolExecutor(
            self.workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_start_worker,
            initargs=(os.getpid(), self.options),
        )

    def submit(self, batch: list[ArticleSource]) -> _Task:
        if self._pool is None:
            return _Task(batch, analyse(batch, seconds=self.seconds, **self.options), self._generation)
        return _Task(batch, self._pool.submit(_analyse_batch, batch, self.seconds), self._generation)

    @property
    def window(self) -> int:
        return 1 if self._pool is None else 2 * self.workers

    def _allowance(self, articles: int) -> float:
        return 2 * self.seconds * articles + (WORKER_STARTUP_S if self._fresh else 5.0)

    def _restart(self) -> None:
        """Kill every worker (one is stuck or dead) and start a new pool; older tasks are resubmitted."""
        assert self._pool is not None
        for process in list(self._pool._processes.values()):
            process.kill()
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = self._new_pool()
        self._generation += 1
        self._fresh = True

    def _wait(self, future: Future[list[Article | Failure]], articles: int) -> list[Article | Failure] | str:
        """The task's result, or why its worker was abandoned (the pool is then restarted)."""
        try:
            result = future.result(timeout=self._allowance(articles))
        except FutureTimeout:
            reason = f"abandoned: its worker ran past {self._allowance(articles):g} s"
        except BrokenProcessPool:
            reason = "its worker process died (out of memory or killed)"
        else:
            self._fresh = False
            return result
        self._restart()
        return reason

    def collect(self, task: _Task) -> list[Article | Failure]:
        """The results of ``task``, each article's analysis or failure, in its order."""
        if isinstance(task.result, list):
            return task.result
        assert self._pool is not None
        if task.generation != self._generation:  # its pool was replaced before it ran
            task.result, task.generation = self._pool.submit(_analyse_batch, task.batch, self.seconds), self._generation
        outcome = self._wait(task.result, len(task.batch))
        if not isinstance(outcome, str):
            return outcome
        if len(task.batch) == 1:
            return [Failure(task.batch[0].id, "extract", outcome)]
        # Find the guilty article: each alone, in a fresh pool.
        return [result for source in task.batch for result in self.collect(self.submit([source]))]

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)

    def __enter__(self) -> WorkerPool:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()


def analysed(pool: WorkerPool, batches: Iterable[list[ArticleSource | Failure]]) -> Iterator[tuple[ArticleSource | Failure, Article | Failure]]:
    """Each item of ``batches`` with its article or failure, in order; a ``Failure`` item (one that could
    not be read) passes through as its own result.  At most ``pool.window`` batches are in flight."""
    pending: deque[tuple[list[ArticleSource | Failure], _Task]] = deque()

    def oldest() -> Iterator[tuple[ArticleSource | Failure, Article | Failure]]:
        items, task = pending.popleft()
        results = iter(pool.collect(task))
        for item in items:
            yield item, next(results) if isinstance(item, ArticleSource) else item

    for batch in batches:
        pending.append((batch, pool.submit([item for item in batch if isinstance(item, ArticleSource)])))
        while len(pending) >= pool.window:
            yield from oldest()
    while pending:
        yield from oldest()


def _batches(
    records: Iterable[Record],
    store: Store,
    failures: Failures,
    counts: IngestCounts,
    on_bad: Callable[[Bad], None],
    on_progress: Callable[[IngestCounts], None],
    in_flight: set[str],
    retrying: bool,
) -> Iterator[list[ArticleSource | Failure]]:
    batch: list[ArticleSource | Failure] = []
    for record in records:
        on_progress(counts)
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
        if not retrying and failures.has(digest):
            counts.failed_before += 1
            continue
        in_flight.add(digest)
        batch.append(record)
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
    seconds: float = ARTICLE_TIMEOUT_S,
    retrying: bool = False,
    counts: IngestCounts | None = None,
    on_bad: Callable[[Bad], None] = lambda bad: None,
    on_failure: Callable[[Failure], None] = lambda failure: None,
    on_progress: Callable[[IngestCounts], None] = lambda counts: None,
    **options: Any,
) -> IngestCounts:
    """Extract and store every new article of ``records`` (``options``: ``pipeline.extract_sources``'s).

    Bad records are counted and passed to ``on_bad``; an article whose analysis or storing
    fails is recorded in the store's failures, counted and passed to ``on_failure``.
    ``retrying`` analyses again articles recorded as failed (otherwise they are passed by).
    The corpus speaker identity is recomputed at the end (``Store.reidentify``); after an
    interruption the stored articles keep their provisional speakers until the next ingest,
    even one with nothing new, ends.
    """
    counts = counts or IngestCounts()
    failures = Failures(store)
    in_flight: set[str] = set()

    def failed(source: ArticleSource, digest: str, failure: Failure) -> None:
        failures.record(digest, source, failure.stage, failure.message)
        counts.failed[failure.stage] += 1
        on_failure(failure)

    def write(source: ArticleSource, result: Article | Failure) -> None:
        digest = content_hash(source.text)
        in_flight.discard(digest)
        if isinstance(result, Failure):
            failed(source, digest, result)
            return
        try:
            added = store.add_article(result, source)
        except Exception as err:  # the article boundary: storing one article never stops the run
            failed(source, digest, failure_of(source.id, err, stage="store"))
            return
        if added:
            counts.stored += 1
            counts.quotes += len(result.quotes)
            counts.lacking.update(part for part, value in (("date", result.date), ("outlet", source.outlet)) if value is None)
        else:
            counts.already_stored += 1
        if retrying:
            failures.clear(digest)

    with WorkerPool(workers, seconds=seconds, **options) as pool:
        for source, result in analysed(pool, _batches(records, store, failures, counts, on_bad, on_progress, in_flight, retrying)):
            assert isinstance(source, ArticleSource)  # ingest's batches hold sources only
            write(source, result)
            on_progress(counts)
    store.reidentify()
    on_progress(counts)
    return counts
