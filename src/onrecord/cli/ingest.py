"""``onrecord ingest``: a news collection into a store, with progress and a summary."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated, TextIO

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
from onrecord.ingest.isolation import Failure
from onrecord.ingest.metadata import Metadata, MetadataColumns, how_to_give, with_metadata
from onrecord.settings import bool_default, float_default, int_default, setting
from onrecord.stages.resolve import AliasTable
from onrecord.store import Store
from onrecord.store.failures import Failures

_err = Console(stderr=True)


@app.command()
def ingest(
    sources: Annotated[list[str] | None, typer.Argument(help="Files and folders to read; '-' (the default) is standard input.")] = None,
    db: DbOption = "onrecord.db",
    workers: Annotated[int, typer.Option(min=1, help=setting("workers").help)] = int_default("workers"),
    format: Annotated[InputFormat, typer.Option("--format", help="Input format; auto decides by file name and content.")] = InputFormat.AUTO,
    field: Annotated[list[str] | None, typer.Option("--field", help="JSONL field for a part, PART=NAME (id, text, date, url, title, outlet, author); dotted names reach nested fields.")] = None,
    metadata: Annotated[Path | None, typer.Option(help="CSV, TSV or JSONL of article metadata (date, outlet, title, url, author), one row per article keyed by file name, file stem or id.")] = None,
    metadata_field: Annotated[list[str] | None, typer.Option("--metadata-field", help="Metadata column for a part, PART=COLUMN (key, date, outlet, title, url, author); usual names are recognised.")] = None,
    log: Annotated[Path | None, typer.Option(help="Write skipped records and failed articles here instead of standard error.")] = None,
    retry_failed: Annotated[bool, typer.Option("--retry-failed", help="Analyse again the articles earlier runs recorded as failed (then any SOURCES given).")] = False,
    timeout: Annotated[float, typer.Option(min=setting("article_timeout_s").minimum, help=setting("article_timeout_s").help)] = float_default("article_timeout_s"),
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
    aliases: Annotated[Path | None, typer.Option(help="JSONL of known entities (name, aliases, qid, description, gender): their names and ids for the corpus speakers.")] = None,
    given_name_gender: Annotated[bool, typer.Option(help="Let a given name alone (Mary, John) give a person's gender.")] = bool_default("given_name_gender"),
) -> None:
    """Extract the quotations of a news collection into a store; re-running adds only what is new.

    A record that cannot be read is skipped and an article whose analysis fails is recorded
    in the store (``--retry-failed`` retries those); either way the run goes on, and then
    ends with exit status 2.
    """
    if not sources and not retry_failed and sys.stdin.isatty():
        fail("no SOURCE given: name files or folders, or pipe articles in ('-' is standard input)")
    paths = sources or ([] if retry_failed else ["-"])
    alias_table = AliasTable.load(aliases) if aliases else None
    fields = JsonFields.parse(field or [])
    known = Metadata.load(metadata, MetadataColumns.parse(metadata_field or [])) if metadata else None
    meter = Meter(input_size(paths))
    log_file = _open_log(log)
    progress = Progress(
        SpinnerColumn(),
        TextColumn("[bold]ingest"),
        BarColumn(),
        TextColumn("{task.percentage:>3.0f}%" if meter.total else ""),
        TextColumn("{task.fields[articles]} articles · {task.fields[rate]:.1f}/s · {task.fields[quotes]} quotes · {task.fields[skipped]} skipped · {task.fields[failed]} failed"),
        TimeElapsedColumn(),
        TimeRemainingColumn(),
        console=_err,
        disable=quiet or not _err.is_terminal,
    )
    task = progress.add_task("ingest", total=meter.total or None, articles=0, rate=0.0, quotes=0, skipped=0, failed=0)

    def show(counts: IngestCounts) -> None:
        done = counts.stored + counts.already_stored
        progress.update(
            task,
            completed=meter.done,
            articles=done,
            rate=done / max(counts.seconds, 1e-9),
            quotes=counts.quotes,
            skipped=counts.skipped,
            failed=counts.failures,
        )

    def tell(line: str) -> None:
        if log_file is not None:
            log_file.write(line + "\n")
        elif not quiet:
            progress.console.print(line, markup=False, highlight=False, soft_wrap=True)

    def skipped(bad: Bad) -> None:
        tell(f"skipped {bad.where}: {bad.reason}")

    def failed(failure: Failure) -> None:
        tell(f"failed {failure.id}: {failure.stage}: {failure.message}")

    counts = IngestCounts()
    with opened(db, read_only=False) as store:
        records = with_metadata(read_inputs(paths, format=format, json_fields=fields, meter=meter), known)
        try:
            with progress:
                if retry_failed:
                    run_ingest(Failures(store).sources(), store, workers=workers, seconds=timeout, retrying=True,
                               counts=counts, on_bad=skipped, on_failure=failed, on_progress=show, aliases=alias_table,
                               given_name_gender=given_name_gender)
                run_ingest(records, store, workers=workers, seconds=timeout, counts=counts,
                           on_bad=skipped, on_failure=failed, on_progress=show, aliases=alias_table,
                               given_name_gender=given_name_gender)
        except KeyboardInterrupt:
            _err.print("interrupted: every article written so far is complete; run the same command again to go on")
            raise typer.Exit(130) from None
        finally:
            if log_file is not None:
                log_file.close()
        if not quiet:
            _summary(counts, store)
    if counts.skipped or counts.failures:
        raise typer.Exit(2)


def _open_log(log: Path | None) -> TextIO | None:
    if log is None:
        return None
    try:
        return log.open("a", encoding="utf-8")
    except OSError as err:
        fail(f"--log {str(log)!r}: cannot be written ({err.strerror})")


def _summary(counts: IngestCounts, store: Store) -> None:
    table = Table(title="ingest summary", show_header=False, title_justify="left")
    table.add_row("articles read", str(counts.read))
    table.add_row("stored", str(counts.stored))
    table.add_row("already in the store", str(counts.already_stored))
    table.add_row("quotes found", str(counts.quotes))
    for kind, n in sorted(counts.bad.items()):
        table.add_row(f"skipped: {kind}", str(n))
    for part, n in sorted(counts.lacking.items()):
        table.add_row(f"stored without {'a' if part == 'date' else 'an'} {part}", f"{n} ({how_to_give(part)})")
    for stage, n in sorted(counts.failed.items()):
        table.add_row(f"failed: {stage}", str(n))
    if counts.failed_before:
        table.add_row("failed in an earlier run", f"{counts.failed_before} (--retry-failed analyses them again)")
    table.add_row("time", f"{counts.seconds:.1f} s ({counts.read / max(counts.seconds, 1e-9):.1f} articles/s)")
    stats = store.stats()
    table.add_row("store", f"{stats.articles} articles, {stats.quotes} quotes, {stats.quotations} quotations, {stats.speakers} speakers")
    _err.print(table)
