"""Extraction for the web: one worker thread, a deadline per request, a short queue.

spaCy parses on one worker thread, so the event loop keeps answering while an
article is parsed.  A request that passes its deadline is answered 504 at once;
a job still waiting in the queue is then dropped (a running parse cannot be
interrupted, so the queue is kept short: past ``max_waiting`` jobs, new ones get
503 instead of waiting behind work that will time out anyway).
"""

from __future__ import annotations

import asyncio
import threading
from concurrent.futures import Future, ThreadPoolExecutor

from ..article import Article
from ..language import PipelineMissing, load_pipeline
from ..pipeline import extract
from ..read import InputError, parse_date, split_date_prefix
from .errors import ApiError


class Extractor:
    """Runs ``pipeline.extract`` off the event loop with a timeout and a bounded queue."""

    def __init__(self, *, timeout_s: float, max_waiting: int = 4) -> None:
        self.timeout_s = timeout_s
        self.max_waiting = max_waiting
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="onrecord-extract")
        self._lock = threading.Lock()
        self._unfinished = 0

    def warm_up(self) -> Future[object]:
        """Load the spaCy pipeline on the worker now, so the first request does not pay for it."""
        return self._pool.submit(load_pipeline)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _finished(self, _: Future[Article]) -> None:
        with self._lock:
            self._unfinished -= 1

    async def run(self, text: str, *, date: str | None, id: str | None) -> Article:
        """Extract one pasted article; a ``date YYYY-MM-DD`` first line gives the date when none is sent."""
        try:
            checked = parse_date(date, source="date") if date else None
            prefixed, body = split_date_prefix(text, source="text")
        except InputError as err:
            raise ApiError(422, "invalid_input", str(err)) from None
        if not body.strip():
            raise ApiError(422, "empty_article", "the article text is empty")
        with self._lock:
            if self._unfinished > self.max_waiting:
                raise ApiError(503, "busy", "the server is extracting other articles; try again shortly")
            self._unfinished += 1
        job = self._pool.submit(extract, body, prefixed or checked, id=id)
        job.add_done_callback(self._finished)
        try:
            return await asyncio.wait_for(asyncio.wrap_future(job), self.timeout_s)
        except TimeoutError:
            job.cancel()
            raise ApiError(
                504, "extraction_timeout", f"extraction took longer than {self.timeout_s:g} s; send a shorter text"
            ) from None
        except PipelineMissing as err:
            raise ApiError(503, "pipeline_missing", str(err)) from None
