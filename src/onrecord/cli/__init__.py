"""The ``onrecord`` command line: one Typer app, one module of commands per product area.

Every command reports a failure the same way (``fail``): ``onrecord: error: <message>`` on
standard error and exit status 2.  A command lets ``OnrecordError`` (and the ``OSError`` of
a file it was given) propagate; ``OnrecordTyper`` reports it."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from typing import Any, NoReturn

import typer

from onrecord.errors import OnrecordError


def report(message: str) -> None:
    """Tell the user of one failure (the run may go on: one bad article never stops it)."""
    typer.echo(f"onrecord: error: {message}", err=True)


def fail(message: str) -> NoReturn:
    """Report a failure and stop with exit status 2."""
    report(message)
    raise typer.Exit(2)


def silence_stdout() -> None:
    """Point standard output at /dev/null once its reader has gone (`| head`), so the interpreter's
    last flush to the closed pipe says nothing: the command ends quietly, as any Unix filter does."""
    try:
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except (OSError, ValueError):  # not a real file (a test runner's buffer): nothing to flush into a pipe
        pass


def _reporting(command: Callable[..., Any]) -> Callable[..., Any]:
    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except (OnrecordError, OSError) as err:
            fail(str(err))
        except OverflowError:  # an id or count no store column holds: nothing of that number exists
            fail(f"a number given is out of range: ids and counts are below 2^63 ({2**63:,})")

    return run


class OnrecordTyper(typer.Typer):
    """A Typer app whose commands report ``OnrecordError`` and ``OSError`` through ``fail``."""

    def command(self, *args: Any, **kwargs: Any) -> Callable[[Callable[..., Any]], Callable[..., Any]]:  # type: ignore[override]  # same options, passed on
        register = super().command(*args, **kwargs)
        return lambda function: register(_reporting(function))


app = OnrecordTyper(
    name="onrecord",
    help="Reads news and records who said what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from onrecord.cli import eval_identity, evaluate, explain, extract, ingest, load, serve, spark, stats, store  # noqa: E402,F401  (each registers its commands on ``app``)
