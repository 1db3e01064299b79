"""Store commands: ``search``, ``speakers``, ``quotation``, ``export`` (``ingest`` fills the store: cli/ingest.py)."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from enum import Enum
from typing import Annotated

import typer
from rich.console import Console

from onrecord.cli import app, fail
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
def opened(db: str, *, read_only: bool) -> Iterator[Store]:
    store = open_store(db, read_only=read_only)
    try:
        yield store
    finally:
        store.close()


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
    with opened(db, read_only=True) as store:
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
    """Who is quoted most, overall or period by period: corpus speakers (one per person, organisation or
    account, whatever name each article uses), with their type, gender and the other names they go by."""
    since, until = _date(since, "--since"), _date(until, "--until")
    with opened(db, read_only=True) as store:
        periods = _periods(store, by, since, until)
        rankings = [(label, store.speakers(since=start, until=end, limit=limit)) for label, start, end in periods]
    if format is ShowFormat.json:
        typer.echo(json.dumps([{"period": label, "speakers": [s.to_dict() for s in ranking]} for label, ranking in rankings], ensure_ascii=False, indent=2))
        return
    for label, ranking in rankings:
        if by is not Period.all:
            typer.echo(f"{label}:")
        for rank, s in enumerate(ranking, start=1):
            what = ", ".join(x for x in (s.type, {"f": "woman", "m": "man"}.get(s.gender or ""), s.qid) if x)
            typer.echo(f"{rank:>4}. {s.name} ({what}) — {s.quotes} quotes, {s.quotations} quotations, {s.articles} articles "
                       f"({s.first_date or '?'} … {s.last_date or '?'})")
            others = [f"{v.name} ({v.quotes})" for v in s.variants if v.name != s.name]
            if others:
                typer.echo(f"      also: {', '.join(others)}")


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
    with opened(db, read_only=True) as store:
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
    with opened(db, read_only=True) as store:
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
            ("speaker_type", pa.string()), ("speaker_gender", pa.string()), ("mention", pa.string()),
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
