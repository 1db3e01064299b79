"""Extraction for the web: a worker process with the pipeline loaded, a deadline per request.

A parse cannot be interrupted inside a thread, and a thread that outlives its
deadline still holds the GIL the API's other routes need.  So extraction runs in one
child process that keeps spaCy loaded; a job past its deadline gets 504 at once and
the worker is killed (and started again), so a hostile or huge text costs at most
the deadline.  One thread in the server talks to the worker, so jobs run in order.
The queue is short: past ``max_waiting`` waiting jobs new ones get 503, and a job
that waited longer than the deadline for its turn gets 504 without running.  Loading
the pipeline when the worker (re)starts is not charged to a job's deadline.
"""

from __future__ import annotations

import asyncio
import multiprocessing
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from multiprocessing.connection import Connection
from typing import Any

from onrecord.errors import InputError, OnrecordError
from onrecord.settings import float_default
from onrecord.stages.read import parse_date, split_date_prefix
from onrecord.web.errors import ApiError

# A fresh interpreter for the worker: forking a server that runs threads is unsafe.
_SPAWN = multiprocessing.get_context("spawn")
# How long a starting worker may take to import onrecord and load the pipeline.
STARTUP_S = float_default("worker_startup_s")
WARM_UP_TEXT = '"We start in May," the mayor said on Friday, according to a statement.'


def _work(conn: Connection) -> None:
    """The worker process: load the pipeline once, then answer (text, date, id) jobs until the pipe closes."""
    from onrecord.pipeline import extract
    from onrecord.stages.parse.language import load_pipeline

    try:
        load_pipeline()
        extract(WARM_UP_TEXT)  # first use loads lexicons and models: not on a user's clock
    except Exception:  # noqa: BLE001, S110  each job meets the same failure and reports it
        pass
    conn.send(("ready", None))
    while True:
        try:
            text, date, id = conn.recv()
        except (EOFError, OSError):
            return
        try:
            conn.send(("ok", extract(text, date, id=id).to_dict()))
        except OnrecordError as err:  # coded: the API answers its status and code
            conn.send(("error", (err.status, err.code, str(err))))
        except Exception as err:  # noqa: BLE001  a bug in a stage: reported, and the worker goes on
            conn.send(("failed", f"{type(err).__name__}: {err}"))


class _Worker:
    """The child process and its pipe; used from one thread only."""

    def __init__(self) -> None:
        self._process: Any = None
        self._conn: Connection | None = None
        self.startup_s = 0.0  # seconds spent starting workers so far

    def start(self) -> bool:
        """Have a worker running with its pipeline loaded; ``False`` when it did not come up."""
        if self._process is not None and self._process.is_alive():
            return True
        self.stop()
        began = time.monotonic()
        try:
            return self._spawn()
        finally:
            self.startup_s += time.monotonic() - began

    def _spawn(self) -> bool:
        parent, child = _SPAWN.Pipe()
        self._process = _SPAWN.Process(target=_work, args=(child,), name="onrecord-extract", daemon=True)
        self._process.start()
        child.close()
        self._conn = parent
        try:
            if parent.poll(STARTUP_S) and parent.recv()[0] == "ready":
                return True
        except (EOFError, OSError):
            pass
        self.stop()
        return False

    def stop(self) -> None:
        if self._conn is not None:
            self._conn.close()
            self._conn = None
        if self._process is not None:
            self._process.kill()
            self._process.join(timeout=5)
            self._process = None

    def run(self, job: tuple[str, str | None, str | None], *, start_by: float, timeout_s: float) -> tuple[str, Any]:
        """The started worker's answer to ``job``: ``("ok", article dict)``, or a failure status and message.

        ``("timeout", None)`` when the job's turn came after ``start_by``, or it ran
        longer than ``timeout_s`` (the worker is then killed).
        """
        if time.monotonic() > start_by:
            return "timeout", None
        if self._conn is None:
            return "failed", "the extraction worker is not running"
        try:
            self._conn.send(job)
            if self._conn.poll(timeout_s):
                return self._conn.recv()
        except (EOFError, OSError):
            self.stop()
            return "failed", "the extraction worker stopped"
        self.stop()
        return "timeout", None


class Extractor:
    """Runs ``pipeline.extract`` in a worker process with a deadline and a bounded queue."""

    def __init__(self, *, timeout_s: float, max_waiting: int = 4) -> None:
        self.timeout_s = timeout_s
        self.max_waiting = max_waiting
        self._worker = _Worker()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="onrecord-extract")
        self._lock = threading.Lock()
        self._unfinished = 0

    def warm_up(self) -> None:
        """Start the worker now (it loads the pipeline), so the first request does not wait for it."""
        self._pool.submit(self._worker.start)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
        self._worker.stop()

    def _run_counted(self, job: tuple[str, str | None, str | None], start_by: float, startup_before: float) -> tuple[str, Any]:
        try:
            if not self._worker.start():
                return "failed", "the extraction worker did not start"
            # Time spent starting the worker while this job waited does not count against it.
            start_by += self._worker.startup_s - startup_before
            return self._worker.run(job, start_by=start_by, timeout_s=self.timeout_s)
        finally:
            with self._lock:
                self._unfinished -= 1

    async def run(self, text: str, *, date: str | None, id: str | None) -> dict[str, Any]:
        """The article JSON of a pasted text; a ``date YYYY-MM-DD`` first line gives the date when none is sent."""
        try:
            checked = parse_date(date, source="date") if date else None
            prefixed, body = split_date_prefix(text, source="text")
        except InputError as err:
            raise ApiError.of(err) from None
        if not body.strip():
            raise ApiError(422, "empty_article", "the article text is empty")
        with self._lock:
            if self._unfinished > self.max_waiting:
                raise ApiError(503, "busy", "the server is extracting other articles; try again shortly")
            self._unfinished += 1
        job = (body, prefixed or checked, id)
        start_by = time.monotonic() + self.timeout_s
        status, payload = await asyncio.get_running_loop().run_in_executor(
            self._pool, self._run_counted, job, start_by, self._worker.startup_s
        )
        if status == "ok":
            return payload
        if status == "timeout":
            raise ApiError(504, "extraction_timeout", f"extraction took longer than {self.timeout_s:g} s; send a shorter text")
        if status == "error":
            raise ApiError(*payload)
        raise RuntimeError(f"extraction failed: {payload}")
