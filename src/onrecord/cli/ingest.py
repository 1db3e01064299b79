"""``onrecord ingest``: a news collection into a store, with progress and a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    Progress,
    SpinnerColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table

from onrecord.cli import app, fail
from onrecord.cli.store import DbOption, opened
from onrecord.ingest import (
    Bad,
    IngestCounts,
    InputFormat,
    JsonFields,
    Meter,
    input_size,
    read_inputs,
)
from onrecord.ingest import ingest as run_ingest
from onrecord.settings import int_default, setting
from onrecord.stages.resolve import AliasTable
from onrecord.store import Store

_err = Console(stderr=True)


@app.command()
def ingest(
    sources: Annotated[list[str] | None, typer.Argument(help="Files and folders to read; '-' (the default) is standard input.")] = None,
    db: DbOption = "onrecord.db",
    workers: Annotated[int, typer.Option(min=1, help=setting("workers").help)] = int_default("workers"),
    format: Annotated[InputFormat, typer.Option("--format", help="Input format; auto decides by file name and content.")] = InputFormat.AUTO,
    field: Annotated[list[str] | None, typer.Option("--field", help="JSONL field for a part, PART=NAME (id, text, date, url, title, outlet); dotted names reach nested fields.")] = None,
    log: Annotated[Path | None, typer.Option(help="Write skipped records here instead of standard error.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    aliases: Annotated[Path | None, typer.Option(help="JSONL of known entities (name, aliases, qid, description, gender): their names and ids for the corpus speakers.")] = None,
) -> None:
    """Extract the quotations of a news collection into a store; re-running adds only what is new."""
    if not sources and sys.stdin.isatty():
        fail("no SOURCE given: name files or folders, or pipe articles in ('-' is standard input)")
    paths = sources or ["-"]
    alias_table = AliasTable.load(aliases) if aliases else None
    fields = JsonFields.parse(field or [])
    meter = Meter(input_size(paths))
    records = read_inputs(paths, format=format, json_fields=fields, meter=meter)
    log_file = log.open("a", encoding="utf-8") if log else None
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%" if meter.total else ""),
        TextColumn("{task.fields[articles]} articles · {task.fields[rate]:.1f}/s · {task.fields[quotes]} quotes · {task.fields[skipped]} skipped"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=_err,
        disable=quiet or not _err.is_terminal,
    )
    task = progress.add_task("ingest", total=meter.total or None, articles=0, rate=0.0, quotes=0, skipped=0)

    def show(counts: IngestCounts) -> None:
        done = counts.stored + counts.already_stored
        progress.update(
            task,
            completed=meter.done,
            articles=done,
            rate=done / max(counts.seconds, 1e-9),
            quotes=counts.quotes,
            skipped=counts.skipped,
        )

    def skipped(bad: Bad) -> None:
        line = f"skipped {bad.where}: {bad.reason}"
        if log_file is not None:
            log_file.write(line + "\n")
        elif not quiet:
            progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    counts = IngestCounts()
    with opened(db, read_only=False) as store:
        try:
            with progress:
                run_ingest(records, store, workers=workers, counts=counts, on_bad=skipped, on_progress=show, aliases=alias_table)
        except KeyboardInterrupt:
            _err.print("interrupted: every article written so far is complete; run the same command again to go on")
            raise typer.Exit(130) from None
        finally:
            if log_file is not None:
                log_file.close()
        if not quiet:
            _summary(counts, store)


def _summary(counts: IngestCounts, store: Store) -> None:
    table = Table(title="ingest summary", show_header=False, title_justify="left")
    table.add_row("articles read", str(counts.read))
    table.add_row("stored", str(counts.stored))
    table.add_row("already in the store", str(counts.already_stored))
    table.add_row("quotes found", str(counts.quotes))
    for kind, n in sorted(counts.bad.items()):
        table.add_row(f"skipped: {kind}", str(n))
    table.add_row("time", f"{counts.seconds:.1f} s ({counts.read / max(counts.seconds, 1e-9):.1f} articles/s)")
    stats = store.stats()
    table.add_row("store", f"{stats.articles} articles, {stats.quotes} quotes, {stats.quotations} quotations, {stats.speakers} speakers")
    _err.print(table)
