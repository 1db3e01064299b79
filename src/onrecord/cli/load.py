"""``onrecord load``: a Spark output (``onrecord spark ingest``) into a store for search, stats and the web."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from onrecord.cli import app
from onrecord.cli.store import DbOption, opened

_err = Console(stderr=True)


@app.command()
def load(
    out: Annotated[Path, typer.Argument(help="The --out folder of 'onrecord spark ingest'.")],
    db: DbOption = "onrecord.db",
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No summary.")] = False,
) -> None:
    """Write a Spark output into a store, in ingest order; articles already stored are skipped."""
    from onrecord.spark.load import check_output
    from onrecord.spark.load import load as run_load

    check_output(out)
    with opened(db, read_only=False) as store:
        counts = run_load(out, store)
        if not quiet:
            stats = store.stats()
            _err.print(f"load: {counts.stored} articles stored ({counts.quotes} quotes), {counts.already_stored} already in the store; "
                       f"store: {stats.articles} articles, {stats.quotes} quotes, {stats.quotations} quotations, {stats.speakers} speakers")
