"""What ``onrecord export`` writes: one row per stored quote, its columns declared once.

``COLUMNS`` is the one list of export columns (name, Parquet type, where its value
comes from): JSONL, CSV and Parquet write exactly these, in this order.  Adding a column
is one line here (and, when the value is not yet read, one more in ``sql.EXPORT_SELECT``).

CSV cells are made safe for spreadsheets: a text cell starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return would be read as a formula by Excel, LibreOffice
or Google Sheets (formula injection), so it is written with a leading ``'``, which the
spreadsheet shows as text.  JSONL and Parquet carry values unchanged.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import IO, Any

from onrecord.store.records import Occurrence


@dataclass(frozen=True, slots=True)
class ExportRow:
    """One stored quote as the export query reads it."""

    occurrence: Occurrence
    act: str
    speaker_qid: str | None  # the corpus speaker's id in an alias file (a Wikidata QID, say)
    detail: dict[str, Any]


def _part(key: str, field: str) -> Callable[[ExportRow], Any]:
    def value(row: ExportRow) -> Any:
        part = row.detail.get(key) or {}
        return part.get(field)

    return value


def _occurrence(field: str) -> Callable[[ExportRow], Any]:
    return lambda row: getattr(row.occurrence, field)


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    arrow: str  # pyarrow type name: int64, float64, string
    value: Callable[[ExportRow], Any]


COLUMNS: tuple[Column, ...] = (
    Column("quote_id", "int64", _occurrence("quote_id")),
    Column("quotation_id", "int64", _occurrence("quotation_id")),
    Column("article_id", "int64", _occurrence("article_id")),
    Column("source_id", "string", _occurrence("source_id")),
    Column("date", "string", _occurrence("date")),
    Column("outlet", "string", _occurrence("outlet")),
    Column("title", "string", _occurrence("title")),
    Column("url", "string", _occurrence("url")),
    Column("text", "string", _occurrence("text")),
    Column("start", "int64", _occurrence("start")),
    Column("end", "int64", _occurrence("end")),
    Column("kind", "string", _occurrence("kind")),
    Column("act", "string", lambda row: row.act),
    Column("confidence", "float64", _occurrence("confidence")),
    Column("cue", "string", _part("cue", "text")),
    Column("mention", "string", _occurrence("mention")),
    Column("speaker_id", "int64", _occurrence("speaker_id")),
    Column("speaker", "string", _occurrence("speaker")),
    Column("speaker_type", "string", _occurrence("speaker_type")),
    Column("speaker_gender", "string", _occurrence("speaker_gender")),
    Column("speaker_qid", "string", lambda row: row.speaker_qid),
    Column("addressee", "string", lambda row: _part("addressee", "name")(row) or _part("addressee", "text")(row)),
    Column("channel", "string", _part("channel", "type")),
    Column("platform", "string", _part("channel", "platform")),
    Column("when", "string", _part("when", "value")),
    Column("when_text", "string", _part("when", "text")),
)
NAMES = [c.name for c in COLUMNS]

# What a spreadsheet would read as the start of a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def as_dict(row: ExportRow) -> dict[str, Any]:
    return {c.name: c.value(row) for c in COLUMNS}


def spreadsheet_safe(value: Any) -> Any:
    """A text cell a spreadsheet shows as text, never runs: ``'`` before a formula's first character."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def write_jsonl(rows: Iterable[ExportRow], out: IO[str]) -> None:
    for row in rows:
        out.write(json.dumps(as_dict(row), ensure_ascii=False) + "\n")


def write_csv(rows: Iterable[ExportRow], out: IO[str]) -> None:
    writer = csv.writer(out)
    writer.writerow(NAMES)
    for row in rows:
        writer.writerow([spreadsheet_safe(c.value(row)) for c in COLUMNS])


def _batches(rows: Iterable[ExportRow], size: int) -> Iterator[list[dict[str, Any]]]:
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(as_dict(row))
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def write_parquet(rows: Iterable[ExportRow], path: str, *, batch: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(c.name, getattr(pa, c.arrow)()) for c in COLUMNS])
    with pq.ParquetWriter(path, schema) as writer:
        for part in _batches(rows, batch):
            writer.write_table(pa.Table.from_pylist(part, schema=schema))
