"""The article boundary: one article's failure is a ``Failure`` record, never its neighbours' loss.

``analyse`` extracts a list of articles and gives, for each, its ``Article`` or a
``Failure`` (the stage that failed and why).  Articles are parsed in batches as usual;
when one raises or the batch runs past its wall-time budget, the articles before it are
kept and the rest are analysed one by one, each within its own budget (so a neighbour's
fault is never blamed on an article, and a failing batch costs at most one budget an
article more).  The budget (``article_timeout_s``, ``max_article_chars``) is enforced
here, in whichever process analyses: an article past its size is not parsed, and one
past its time is interrupted by a timer signal where the analysing thread is a main
thread (a worker process, the CLI).  A worker stuck where no signal reaches it is the
ingest runner's to abandon and replace (``ingest.run``).
"""

from __future__ import annotations

import signal
import threading
import traceback
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import PurePath
from types import FrameType
from typing import Any, cast

from onrecord.errors import InputError
from onrecord.records import Article
from onrecord.settings import float_default
from onrecord.stages.read import ArticleSource, check_length

ARTICLE_TIMEOUT_S = float_default("article_timeout_s")


@dataclass(frozen=True, slots=True)
class Failure:
    """An article that could not be analysed: its source id, the stage that failed, why."""

    id: str | None
    stage: str
    message: str

    def to_dict(self) -> dict[str, object]:
        """The error item ``extract`` prints in the article's place (``$defs/failure`` of the schema)."""
        return {"id": self.id, "error": {"stage": self.stage, "message": self.message}}


class Overtime(Exception):
    """An article's analysis ran past its wall-time budget."""


def _stage(err: BaseException) -> str:
    """The stage an exception came from: the innermost ``onrecord.stages.<stage>`` frame, else parsing."""
    stage = None
    for frame in traceback.extract_tb(err.__traceback__):
        parts = PurePath(frame.filename).parts
        if "onrecord" in parts and "stages" in parts:
            at = parts.index("stages")
            if at + 1 < len(parts):
                stage = PurePath(parts[at + 1]).stem
        elif stage is None and "spacy" in parts:
            stage = "parse"
    return stage or "extract"


def failure_of(source_id: str | None, err: BaseException, *, stage: str | None = None) -> Failure:
    """The ``Failure`` record of an exception met while handling one article."""
    message = str(err).strip() or type(err).__name__
    if not isinstance(err, (InputError, Overtime)):
        message = f"{type(err).__name__}: {message}"
    return Failure(source_id, stage or _stage(err), message[:2000])


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Raise ``Overtime`` in this thread after ``seconds`` (a no-op off the main thread or when ≤ 0)."""
    if seconds <= 0 or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> None:
        raise Overtime(f"analysis took longer than {seconds:g} s (setting article_timeout_s)")

    previous = signal.signal(signal.SIGALRM, interrupt)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _too_large(source: ArticleSource) -> Failure | None:
    try:
        check_length(source)
    except InputError as err:
        return failure_of(source.id, err, stage="read")
    return None


def _alone(source: ArticleSource, seconds: float, options: dict[str, Any]) -> Article | Failure:
    from onrecord.pipeline import extract_sources  # spaCy: loaded by the process that extracts

    try:
        with deadline(seconds):
            return next(extract_sources([source], **options))
    except Exception as err:  # the article boundary: whatever one article raises is its failure
        return failure_of(source.id, err)


def analyse(sources: Sequence[ArticleSource], *, seconds: float = ARTICLE_TIMEOUT_S, **options: Any) -> list[Article | Failure]:
    """For each source in order, its ``Article`` or its ``Failure``; nothing one article does stops another.

    ``options`` are ``pipeline.extract_sources``'s (``aliases=`` …), passed on as they are."""
    from onrecord.pipeline import extract_sources  # spaCy: loaded by the process that extracts

    results: list[Article | Failure | None] = [_too_large(source) for source in sources]
    runnable = [i for i, failed in enumerate(results) if failed is None]
    done = 0
    try:
        with deadline(seconds * len(runnable)):
            for article in extract_sources([sources[i] for i in runnable], **options):
                results[runnable[done]] = article
                done += 1
    except Exception as err:  # the article boundary; with neighbours, the rest are redone alone below
        if len(runnable) == 1:
            results[runnable[0]] = failure_of(sources[runnable[0]].id, err)
            return cast(list[Article | Failure], results)
    # Alone, each within its own budget: a batch that failed once costs at most one budget an article more.
    for i in runnable[done:]:
        results[i] = _alone(sources[i], seconds, options)
    return cast(list[Article | Failure], results)  # every slot is filled: a failure or an article


def analyse_one(source: ArticleSource, *, seconds: float = ARTICLE_TIMEOUT_S, **options: Any) -> Article | Failure:
    """One article within its budget, for a caller that handles articles one at a time (the web server)."""
    return analyse([source], seconds=seconds, **options)[0]
