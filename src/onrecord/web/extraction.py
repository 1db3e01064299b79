"""Extraction for the web: a worker process with the pipeline loaded, fair turns, a deadline per job.

A parse cannot be interrupted inside a thread, and a thread that outlives its
deadline still holds the GIL the API's other routes need.  So extraction runs in one
child process that keeps spaCy loaded; a job past its deadline gets 504 and the worker
is killed (and started again), so a hostile or huge text costs at most the deadline.

Turns are fair: each client (its address; an IPv6 client by its /64) has a queue of
its own, at most ``per_client`` jobs long, and the one thread that talks to the worker
takes the clients' queues in turn.  A client posting long articles back to back waits
for its own jobs, never makes others wait for more than one of its jobs.  A job's
deadline counts from the moment its work starts, never while it waits; the wait is
bounded by the queues' bounds instead (``per_client`` jobs waiting or running per
client, ``max_waiting`` in all).  A full queue answers 503 with ``Retry-After``: the recent jobs' mean length
times the turns ahead.  Loading the pipeline when the
worker (re)starts is not charged to a job.  A worker that dies under a job (killed,
out of memory) answers 503 for that job, and the next one starts a fresh worker.
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import math
import multiprocessing
import threading
import time
from collections import OrderedDict, deque
from dataclasses import dataclass, field
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

log = logging.getLogger(__name__)

Job = tuple[str, str | None, str | None]  # (text, date, id)


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

    def start(self) -> bool:
        """Have a worker running with its pipeline loaded; ``False`` when it did not come up."""
        if self._process is not None and self._process.is_alive():
            return True
        self.stop()
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

    def run(self, job: Job, *, timeout_s: float) -> tuple[str, Any]:
        """The started worker's answer to ``job``: ``("ok", article dict)``, or a failure status and message.

        ``("timeout", None)`` when it ran longer than ``timeout_s`` (the worker is then
        killed); ``("lost", message)`` when the worker died under it.
        """
        if self._conn is None:
            return "lost", "the extraction worker is not running"
        try:
            self._conn.send(job)
            if self._conn.poll(timeout_s):
                return self._conn.recv()
        except (EOFError, OSError):
            self.stop()
            return "lost", "the extraction worker stopped"
        self.stop()
        return "timeout", None


@dataclass(eq=False)
class _Ticket:
    """One job waiting for its turn, and where its answer goes."""

    client: str
    job: Job
    loop: asyncio.AbstractEventLoop
    answer: asyncio.Future[tuple[str, Any]] = field(init=False)

    def __post_init__(self) -> None:
        self.answer = self.loop.create_future()

    def settle(self, result: tuple[str, Any]) -> None:
        def _set() -> None:
            if not self.answer.done():
                self.answer.set_result(result)

        self.loop.call_soon_threadsafe(_set)


def client_key(host: str | None) -> str:
    """Whose queue a request joins: its address, an IPv6 one by its /64 (one machine often holds many)."""
    if not host:
        return "?"
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        return host
    if isinstance(address, ipaddress.IPv6Address):
        if address.ipv4_mapped is not None:
            return str(address.ipv4_mapped)
        return str(ipaddress.IPv6Network((address, 64), strict=False))
    return str(address)


class Extractor:
    """Runs ``pipeline.extract`` in a worker process: per-client queues served in turn, a deadline per job."""

    def __init__(self, *, timeout_s: float, per_client: int, max_waiting: int) -> None:
        self.timeout_s = timeout_s
        self.per_client = per_client
        self.max_waiting = max_waiting
        self._worker = _Worker()
        self._queues: OrderedDict[str, deque[_Ticket]] = OrderedDict()  # the next client to serve first
        self._unfinished: dict[str, int] = {}  # each client's jobs waiting or running
        self._mean_job_s = 1.0  # how long a job takes, on recent jobs
        self._wake = threading.Condition()
        self._closed = False
        self._thread = threading.Thread(target=self._serve, name="onrecord-extract", daemon=True)

    def warm_up(self) -> None:
        """Start the worker now (it loads the pipeline), so the first request does not wait for it."""
        with self._wake:
            if self._thread.ident is None and not self._closed:  # never started
                self._thread.start()

    def close(self) -> None:
        with self._wake:
            self._closed = True
            self._wake.notify_all()
        self._worker.stop()

    def retry_after_s(self, jobs_ahead: int) -> int:
        """When a refused client likely finds room: ``jobs_ahead`` jobs of the recent mean length,
        at least a second, at most one deadline each."""
        return max(1, math.ceil(min(self._mean_job_s, self.timeout_s) * max(1, jobs_ahead)))

    def _next(self) -> _Ticket | None:
        """The next client's oldest job (round robin over clients), or ``None`` once closed."""
        with self._wake:
            while not self._queues and not self._closed:
                self._wake.wait()
            if self._closed:
                return None
            client, queue = self._queues.popitem(last=False)
            ticket = queue.popleft()
            if queue:
                self._queues[client] = queue  # to the back of the line
            return ticket

    def _serve(self) -> None:
        try:
            self._worker.start()
        except Exception:  # noqa: BLE001  the first job tries again and reports it
            log.exception("the extraction worker did not start")
        while (ticket := self._next()) is not None:
            try:
                if ticket.answer.cancelled():  # its client went away while it waited
                    continue
                if not self._worker.start():
                    ticket.settle(("lost", "the extraction worker did not start"))
                    continue
                began = time.monotonic()
                ticket.settle(self._worker.run(ticket.job, timeout_s=self.timeout_s))
                self._mean_job_s += 0.3 * (time.monotonic() - began - self._mean_job_s)  # a moving mean of recent jobs
            except Exception as err:  # noqa: BLE001  this thread serves every later job: it must not die
                log.exception("extraction worker failed")
                self._worker.stop()
                ticket.settle(("lost", f"the extraction worker failed ({type(err).__name__})"))
            finally:
                self._finished(ticket.client)

    def _finished(self, client: str) -> None:
        with self._wake:
            self._unfinished[client] -= 1
            if not self._unfinished[client]:
                del self._unfinished[client]

    def _enqueue(self, client: str, job: Job) -> _Ticket:
        ticket = _Ticket(client, job, asyncio.get_running_loop())
        with self._wake:
            mine, everyone = self._unfinished.get(client, 0), sum(self._unfinished.values())
            if mine >= self.per_client or everyone >= self.max_waiting:
                # Room comes when this client's next job ends, after at most one turn of each client
                # with work; when everyone's room is full, when anyone's next job ends.
                ahead = len(self._unfinished) if mine >= self.per_client else 1
                wait = self.retry_after_s(ahead)
                raise ApiError(
                    503, "busy", f"the server is extracting other articles; try again in {wait} s",
                    headers={"retry-after": str(wait)},
                )
            self._queues.setdefault(client, deque()).append(ticket)
            self._unfinished[client] = self._unfinished.get(client, 0) + 1
            self._wake.notify()
        return ticket

    def _withdraw(self, ticket: _Ticket) -> None:
        """Take the job of a client that went away out of its queue, if its turn has not come."""
        with self._wake:
            queue = self._queues.get(ticket.client)
            if queue is None or ticket not in queue:
                return
            queue.remove(ticket)
            if not queue:
                del self._queues[ticket.client]
        self._finished(ticket.client)

    async def run(self, text: str, *, date: str | None, id: str | None, client: str) -> dict[str, Any]:
        """The article JSON of a pasted text; a ``date YYYY-MM-DD`` first line gives the date when none is sent."""
        try:
            checked = parse_date(date, source="date") if date else None
            prefixed, body = split_date_prefix(text, source="text")
        except InputError as err:
            raise ApiError.of(err) from None
        if not body.strip():
            raise ApiError(422, "empty_article", "the article text is empty")
        self.warm_up()  # an app run without its lifespan (an ASGI test client) starts the worker here
        ticket = self._enqueue(client, (body, prefixed or checked, id))
        try:
            status, payload = await ticket.answer
        except asyncio.CancelledError:
            self._withdraw(ticket)
            raise
        if status == "ok":
            return payload
        if status == "timeout":
            raise ApiError(504, "extraction_timeout", f"extraction took longer than {self.timeout_s:g} s; send a shorter text")
        if status == "error":
            raise ApiError(*payload)
        if status == "lost":
            raise ApiError(503, "worker_unavailable", f"{payload}; try again in a second", headers={"retry-after": "1"})
        log.error("extraction failed: %s", payload)
        raise ApiError(500, "extraction_failed", f"extraction failed on this article ({payload}); the error was logged")
