"""Store commands: ``search``, ``speakers``, ``quotation``, ``export`` (``ingest`` fills the store: cli/ingest.py)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from onrecord.cli import app, fail, silence_stdout
from onrecord.ingest.metadata import unmatchable_filters
from onrecord.kinds import QuoteKind, SpeechAct
from onrecord.settings import int_default, setting
from onrecord.stages.read import parse_date
from onrecord.store import Occurrence, Store, open_store
from onrecord.store.export import write_csv, write_jsonl, write_parquet
from onrecord.store.sql import Where

DbOption = Annotated[str, typer.Option("--db", help="SQLite file, or postgresql://… URL.", envvar="ONRECORD_DB")]
_err = Console(stderr=True)


class ShowFormat(str, Enum):
    text = "text"
    json = "json"


class ExportFormat(str, Enum):
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


class Order(str, Enum):
    date = "date"
    relevance = "relevance"


_ORDER_SAID = {Order.date: "newest first", Order.relevance: "best match first, then newest"}


class SpeakerType(str, Enum):
    person = "person"
    organisation = "organisation"
    account = "account"


class Gender(str, Enum):
    f = "f"
    m = "m"


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


def _marked(text: str, spans: Sequence[tuple[int, int]]) -> str:
    """``text`` with the searched words in bold on a terminal; as it is into a file or a pipe (as grep does)."""
    if not spans or not sys.stdout.isatty():
        return text
    out, at = [], 0
    for start, end in sorted(spans):
        out += [text[at:start], typer.style(text[start:end], bold=True)]
        at = end
    return "".join(out) + text[at:]


def _occurrence_line(o: Occurrence, highlights: Sequence[tuple[int, int]] = ()) -> str:
    where = " · ".join(part for part in (o.date or "undated", o.outlet, o.source_id) if part)
    return f"{o.speaker or '(unknown speaker)'}: “{_marked(o.text, highlights).strip()}”  [{where}]"


SpeakerOption = Annotated[str | None, typer.Option(help="Speaker name (whole words) or alias-file id.")]
SinceOption = Annotated[str | None, typer.Option(help="Published on or after YYYY-MM-DD.")]
UntilOption = Annotated[str | None, typer.Option(help="Published on or before YYYY-MM-DD.")]
OutletOption = Annotated[str | None, typer.Option(help="Outlet name.")]
KindOption = Annotated[list[QuoteKind] | None, typer.Option("--kind", help="Only quotes of this kind (repeat for several).")]
ActOption = Annotated[list[SpeechAct] | None, typer.Option("--act", help="Only quotes of this act (repeat for several); the store holds what ingest kept (--acts).")]
ConfidenceOption = Annotated[float | None, typer.Option("--min-confidence", min=0.0, max=1.0, help="Only quotes with at least this confidence.")]


def _where(
    speaker: str | None, since: str | None, until: str | None, outlet: str | None,
    kind: list[QuoteKind] | None, act: list[SpeechAct] | None, min_confidence: float | None,
) -> Where:
    """The store filters of the options ``search`` and ``export`` share."""
    return Where(
        speaker=speaker, since=_date(since, "--since"), until=_date(until, "--until"), outlet=outlet,
        kind=tuple(kind or ()), act=tuple(act or ()), min_confidence=min_confidence,
    )


@app.command()
def search(
    text: Annotated[str | None, typer.Argument(help='Words the quote must contain (all of them); "a phrase" in double quotes must appear as written.')] = None,
    db: DbOption = "onrecord.db",
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    kind: KindOption = None,
    act: ActOption = None,
    min_confidence: ConfidenceOption = None,
    order: Annotated[Order, typer.Option(help="date: newest first (by each quotation's earliest matching occurrence); relevance: best text match first.")] = Order.date,
    limit: Annotated[int, typer.Option(min=1, help=setting("page_size").help)] = int_default("page_size"),
    offset: Annotated[int, typer.Option(min=0)] = 0,
    format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
) -> None:
    """Find quotations by their words, speaker, period, outlet, kind, act and confidence: newest first,
    each by its earliest matching occurrence, the searched words marked."""
    where = _where(speaker, since, until, outlet, kind, act, min_confidence)
    with opened(db, read_only=True) as store:
        page = store.search(text, order=order.value, limit=limit, offset=offset, **where)
        notes = unmatchable_filters(store, outlet=outlet, since=since, until=until) if page.total == 0 else []
    if format is ShowFormat.json:  # the API's answer: the page and its notes
        typer.echo(json.dumps({**page.to_dict(), "notes": notes}, ensure_ascii=False, indent=2))
        return
    shown = f" (showing {offset + 1}–{offset + len(page.items)}, {_ORDER_SAID[order]})" if page.items else ""
    typer.echo(f"{page.total} quotations{shown}")
    for note in notes:
        typer.echo(f"note: {note}", err=True)
    for hit in page.items:
        seen = f" — {hit.occurrences} occurrences" if hit.occurrences > 1 else ""
        typer.echo(f"#{hit.quotation_id} {_occurrence_line(hit.occurrence, hit.highlights)}{seen}")


@app.command()
def speakers(
    db: DbOption = "onrecord.db",
    since: Annotated[str | None, typer.Option(help="From YYYY-MM-DD.")] = None,
    until: Annotated[str | None, typer.Option(help="Until YYYY-MM-DD.")] = None,
    by: Annotated[Period, typer.Option(help="One ranking for the whole period, or one per year or month.")] = Period.all,
    limit: Annotated[int, typer.Option(min=1, help="Speakers per ranking.")] = int_default("page_size"),
    type: Annotated[SpeakerType | None, typer.Option("--type", help="Only speakers of this type.")] = None,
    gender: Annotated[Gender | None, typer.Option(help="Only persons of this gender.")] = None,
    format: Annotated[ShowFormat, typer.Option("--format", "-f")] = ShowFormat.text,
) -> None:
    """Who is quoted most, overall or period by period: corpus speakers (one per person, organisation or
    account, whatever name each article uses), with their type, gender and the other names they go by."""
    since, until = _date(since, "--since"), _date(until, "--until")
    with opened(db, read_only=True) as store:
        periods = _periods(store, by, since, until)
        rankings = [(label, store.speakers(since=start, until=end, limit=limit, type=type.value if type else None,
                                           gender=gender.value if gender else None))
                    for label, start, end in periods]
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
    speaker: SpeakerOption = None,
    since: SinceOption = None,
    until: UntilOption = None,
    outlet: OutletOption = None,
    kind: KindOption = None,
    act: ActOption = None,
    min_confidence: ConfidenceOption = None,
) -> None:
    """Every stored quote passing the filters, one row each: quotation, article, cue, speaker, mention, act,
    addressee, channel and when (columns: docs/store.md).  CSV cells that a spreadsheet would run as a
    formula start with ' ."""
    if format is ExportFormat.parquet and output == "-":
        fail("--format parquet needs --output FILE")
    if output != "-" and Path(output).is_dir():
        fail(f"--output {output}: is a folder; give the file to write")
    with opened(db, read_only=True) as store:
        rows = store.iter_export(**_where(speaker, since, until, outlet, kind, act, min_confidence))
        if format is ExportFormat.parquet:
            write_parquet(rows, output, batch=EXPORT_BATCH)
            return
        out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8", newline="")
        try:
            (write_jsonl if format is ExportFormat.jsonl else write_csv)(rows, out)
        except BrokenPipeError:  # the reader stopped (`| head`): done, as any Unix filter is
            silence_stdout()
        finally:
            if out is not sys.stdout:
                out.close()
