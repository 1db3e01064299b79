"""Store commands: ``ingest`` a collection, then ``search``, ``speakers``, ``quotation``, ``export``."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
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
from onrecord.stages.read import parse_date
from onrecord.store import Occurrence, Store, open_store

DbOption = Annotated[str, typer.Option("--db", help="SQLite file, or postgresql://… URL.", envvar="ONRECORD_DB")]
_err = Console(stderr=True)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Period(str, Enum):
    all = "all"
    year = "year"
    month = "month"


def _date(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    return parse_date(value, source=option)


@contextmanager
def _opened(db: str, *, read_only: bool) -> Iterator[Store]:
    store = open_store(db, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


@app.command()
def ingest(
    sources: Annotated[list[str] | None, typer.Argument(help="Files and folders to read; '-' (the default) is standard input.")] = None,
    db: DbOption = "onrecord.db",
    workers: Annotated[int, typer.Option(min=1, help=setting("workers").help)] = int_default("workers"),
    format: Annotated[InputFormat, typer.Option("--format", help="Input format; auto decides by file name and content.")] = InputFormat.AUTO,
    field: Annotated[list[str] | None, typer.Option("--field", help="JSONL field for a part, PART=NAME (id, text, date, url, title, outlet); dotted names reach nested fields.")] = None,
    log: Annotated[Path | None, typer.Option(help="Write skipped records here instead of standard error.")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress bar and no summary.")] = False,
) -> None:
    """Extract the quotations of a news collection into a store; re-running adds only what is new."""
    if not sources and sys.stdin.isatty():
        fail("no SOURCE given: name files or folders, or pipe articles in ('-' is standard input)")
    paths = sources or ["-"]
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
    with _opened(db, read_only=False) as store:
        try:
            with progress:
                run_ingest(records, store, workers=workers, counts=counts, on_bad=skipped, on_progress=show)
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


def _occurrence_line(o: Occurrence) -> str:
    where = " · ".join(part for part in (o.date or "undated", o.outlet, o.source_id) if part)
    return f"{o.speaker or '(unknown speaker)'}: “{o.text.strip()}”  [{where}]"


@app.command()
def search(
    text: Annotated[str | None, typer.Argument(help="Words the quote must contain (all of them).")] = None,
    db: DbOption = "onrecord.db",
    speaker: Annotated[str | None, typer.Option(help="Speaker name (whole words) or alias-file id.")] = None,
    since: Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, typer.Option(help="Outlet name.")] = None,
    limit: Annotated[int, typer.Option(min=1, help=setting("page_size").help)] = int_default("page_size"),
    offset: Annotated[int, typer.Option(min=0)] = 0,
    format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
) -> None:
    """Find quotations by their words, speaker, period and outlet."""
    with _opened(db, read_only=True) as store:
        page = store.search(
            text, speaker=speaker, since=_date(since, "--since"), until=_date(until, "--until"),
            outlet=outlet, limit=limit, offset=offset,
        )
    if format is ShowFormat.json:
        typer.echo(json.dumps(page.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"{page.total} quotations" + (f" (showing {offset + 1}–{offset + len(page.items)})" if page.items else ""))
    for hit in page.items:
        seen = f" — {hit.occurrences} occurrences" if hit.occurrences > 1 else ""
        typer.echo(f"#{hit.quotation_id} {_occurrence_line(hit.occurrence)}{seen}")


@app.command()
def speakers(
    db: DbOption = "onrecord.db",
    since: Annotated[str | None, typer.Option(help="From YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Until YYYY-MM-DD.")] = None,
    by: Annotated[Period, typer.Option(help="One ranking for the whole period, or one per year or month.")] = Period.all,
    limit: Annotated[int, typer.Option(min=1, help="Speakers per ranking.")] = int_default("page_size"),
    format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
) -> None:
    """Who is quoted most, overall or period by period."""
    since, until = _date(since, "--since"), _date(until, "--until")
    with _opened(db, read_only=True) as store:
        periods = _periods(store, by, since, until)
        rankings = [(label, store.speakers(since=start, until=end, limit=limit)) for label, start, end in periods]
    if format is ShowFormat.json:
        typer.echo(json.dumps([{"period": label, "speakers": [s.to_dict() for s in ranking]} for label, ranking in rankings], ensure_ascii=False, indent=2))
        return
    for label, ranking in rankings:
        if by is not Period.all:
            typer.echo(f"{label}:")
        for rank, s in enumerate(ranking, start=1):
            typer.echo(f"{rank:>4}. {s.name} — {s.quotes} quotes, {s.quotations} quotations, {s.articles} articles ({s.first_date or '?'} … {s.last_date or '?'})")


def _periods(store: Store, by: Period, since: str | None, until: str | None) -> list[tuple[str, str | None, str | None]]:
    """(label, first day, last day) of each year or month from ``since`` (or the first article) to ``until``."""
    if by is Period.all:
        return [("all", since, until)]
    stats = store.stats()
    first, last = since or stats.first_date, until or stats.last_date
    if first is None or last is None:
        return []
    if by is Period.year:
        spans = [(f"{y}", f"{y}-01-01", f"{y}-12-31") for y in range(int(first[:4]), int(last[:4]) + 1)]
    else:
        months = range(int(first[:4]) * 12 + int(first[5:7]) - 1, int(last[:4]) * 12 + int(last[5:7]))
        spans = [(f"{m // 12}-{m % 12 + 1:02d}", f"{m // 12}-{m % 12 + 1:02d}-01", f"{m // 12}-{m % 12 + 1:02d}-31") for m in months]
    return [(label, max(start, first), min(end, last)) for label, start, end in spans]


@app.command()
def quotation(
    id: Annotated[int, typer.Argument(help="Quotation id (as search shows it, #id).")],
    db: DbOption = "onrecord.db",
    format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
) -> None:
    """Every occurrence of a quotation, the earliest first, and its wordings."""
    with _opened(db, read_only=True) as store:
        record = store.quotation(id)
    if record is None:
        fail(f"no quotation #{id} in {db}")
    if format is ShowFormat.json:
        typer.echo(json.dumps(record.to_dict(), ensure_ascii=False, indent=2))
        return
    typer.echo(f"#{record.id} “{record.text.strip()}”")
    typer.echo(f"earliest: {_occurrence_line(record.earliest)}")
    typer.echo(f"{len(record.occurrences)} occurrences:")
    for o in record.occurrences:
        typer.echo(f"  {_occurrence_line(o)}")
    if len(record.variants) > 1:
        typer.echo(f"{len(record.variants)} wordings:")
        for v in record.variants:
            typer.echo(f"  ×{v.occurrences} {v.text}")


EXPORT_BATCH = int_default("export_batch")


@app.command()
def export(
    db: DbOption = "onrecord.db",
    format: Annotated[ExportFormat, typer.Option("--format", "-f")] = ExportFormat.jsonl,
    output: Annotated[str, typer.Option("--output", "-o", help="Output file; '-' is standard output (not for parquet).")] = "-",
) -> None:
    """Every stored quote with its quotation, speaker and article, one row each."""
    if format is ExportFormat.parquet and output == "-":
        fail("--format parquet needs --output FILE")
    with _opened(db, read_only=True) as store:
        rows = (o.to_dict() for o in store.iter_occurrences())
        if format is ExportFormat.parquet:
            _write_parquet(rows, output)
            return
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
        try:
            if format is ExportFormat.jsonl:
                for row in rows:
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
            else:
                writer = csv.DictWriter(out, fieldnames=list(Occurrence.__dataclass_fields__))
                writer.writeheader()
                writer.writerows(rows)
        finally:
            if out is not sys.stdout:
                out.close()


def _write_parquet(rows: Iterator[dict], output: str) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("quote_id", pa.int64()), ("quotation_id", pa.int64()), ("article_id", pa.int64()),
            ("source_id", pa.string()), ("date", pa.string()), ("outlet", pa.string()), ("title", pa.string()),
            ("url", pa.string()), ("text", pa.string()), ("start", pa.int64()), ("end", pa.int64()),
            ("kind", pa.string()), ("confidence", pa.float64()), ("speaker_id", pa.int64()), ("speaker", pa.string()),
        ]
    )
    with pq.ParquetWriter(output, schema) as writer:
        batch: list[dict] = []
        for row in rows:
            batch.append(row)
            if len(batch) == EXPORT_BATCH:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
