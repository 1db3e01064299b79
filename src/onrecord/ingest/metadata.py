"""Metadata at ingest: what is known about each article beside its text (date, outlet, title, url, author).

Sources, strongest first: a metadata file (``ingest --metadata FILE``: CSV, TSV or JSONL,
one row per article keyed by its file name, file stem or id, columns chosen by
``--metadata-field PART=COLUMN`` or recognised by their usual names); what the record
itself carries (JSONL fields, HTML metadata, WARC headers); and last a date written in
the file name (``breitbart_2016-09-12_stealth-over….txt``).  A metadata date that is not a
date makes its article a ``bad date`` skip, as a JSONL one does.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from pathlib import Path, PurePath

from onrecord.errors import InputError
from onrecord.ingest.readers import Bad, Record, part_mappings
from onrecord.stages.read import ArticleSource, parse_date
from onrecord.store.sql import SQLStore

PARTS = ("key", "date", "outlet", "title", "url", "author")
# The column names a metadata file usually has for each part (the first present is taken).
_USUAL = {
    "key": ("id", "filename", "file", "file_name", "name", "doc_id", "source_id"),
    "date": ("date", "publication_date", "published", "pub_date", "published_at"),
    "outlet": ("outlet", "publisher", "source", "site", "sitename", "media"),
    "title": ("title", "headline"),
    "url": ("url", "link"),
    "author": ("author", "authors", "byline"),
}
_MISSING = {"", "none", "null", "na", "n/a", "nan"}
_NAME_DATE = re.compile(r"(?<!\d)((?:19|20)\d{2}-\d{2}-\d{2})(?!\d)")


@dataclass(frozen=True, slots=True)
class MetadataColumns:
    """Which column of a metadata file holds each part; ``None``: recognised by its usual names."""

    key: str | None = None
    date: str | None = None
    outlet: str | None = None
    title: str | None = None
    url: str | None = None
    author: str | None = None

    @classmethod
    def parse(cls, mappings: list[str]) -> MetadataColumns:
        """From ``part=column`` strings (``date=publication_date``), naming the mistake in a bad one."""
        return cls(**part_mappings(mappings, list(PARTS), option="--metadata-field", what="COLUMN"))

    def resolved(self, header: Iterable[str], where: str) -> dict[str, str]:
        """Part → column for this file's header; a named column that is absent is an error."""
        present = list(header)
        lowered = {name.lower(): name for name in present}
        out: dict[str, str] = {}
        for part in PARTS:
            named = getattr(self, part)
            if named is not None:
                if named not in present:
                    raise InputError(f"{where}: no column {named!r} (columns: {', '.join(present)})")
                out[part] = named
                continue
            usual = next((lowered[n] for n in _USUAL[part] if n in lowered), None)
            if usual is not None:
                out[part] = usual
        if "key" not in out:
            raise InputError(f"{where}: no key column (name one with --metadata-field key=COLUMN; columns: {', '.join(present)})")
        return out


def _value(raw: object) -> str | None:
    if raw is None or isinstance(raw, (dict, list)):
        return None
    text = str(raw).strip()
    return None if text.lower() in _MISSING else text


def _rows(path: Path) -> tuple[list[str], Iterator[dict[str, object]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(f"{path}: metadata file is not UTF-8 (invalid byte at offset {err.start})") from None
    except OSError as err:
        raise InputError(f"{path}: metadata file cannot be read ({err.strerror})") from None
    suffix = path.suffix.lower()
    if suffix in (".jsonl", ".ndjson", ".json") or text.lstrip().startswith("{"):
        records: list[dict[str, object]] = []
        for number, line in enumerate(text.splitlines(), 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except (json.JSONDecodeError, RecursionError):
                raise InputError(f"{path}:{number}: not a JSON object") from None
            if not isinstance(record, dict):
                raise InputError(f"{path}:{number}: not a JSON object")
            records.append(record)
        header = list(dict.fromkeys(k for r in records for k in r))
        return header, iter(records)
    delimiter = "\t" if suffix in (".tsv", ".tab") or "\t" in text.split("\n", 1)[0] else ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    return list(reader.fieldnames or []), iter(reader)


@dataclass(frozen=True, slots=True)
class Metadata:
    """The rows of a metadata file by key (file name, stem or id)."""

    rows: dict[str, dict[str, str | None]]
    source: str

    @classmethod
    def load(cls, path: Path, columns: MetadataColumns = MetadataColumns()) -> Metadata:
        header, rows = _rows(path)
        chosen = columns.resolved(header, str(path))
        by_key: dict[str, dict[str, str | None]] = {}
        for row in rows:
            key = _value(row.get(chosen["key"]))
            if key is not None:
                by_key[key] = {part: _value(row.get(column)) for part, column in chosen.items() if part != "key"}
        return cls(by_key, str(path))

    def row_for(self, source_id: str | None) -> dict[str, str | None] | None:
        if not source_id:
            return None
        name = PurePath(source_id).name
        for key in (source_id, name, PurePath(name).stem):
            if key in self.rows:
                return self.rows[key]
        return None


def date_in_name(source_id: str | None) -> str | None:
    """A publication date written in the file name (``…_2016-09-12_…``), if one is and is a date."""
    if not source_id:
        return None
    match = _NAME_DATE.search(PurePath(source_id).name)
    if match is None:
        return None
    try:
        return parse_date(match.group(1))
    except InputError:
        return None


_FIELDS = {f.name for f in fields(ArticleSource)}


def with_metadata(records: Iterable[Record], metadata: Metadata | None = None) -> Iterator[Record]:
    """Each record with what the metadata file and its file name tell about it."""
    for record in records:
        if isinstance(record, Bad):
            yield record
            continue
        changes: dict[str, str] = {}
        row = metadata.row_for(record.id) if metadata is not None else None
        if row is not None:
            date = row.get("date")
            if date is not None:
                try:
                    changes["date"] = parse_date(date[:10] if re.match(r"\d{4}-\d{2}-\d{2}[T ]", date) else date,
                                                 source=f"{metadata.source if metadata else ''}: date of {record.id}")
                except InputError as err:
                    yield Bad(record.id or "?", "bad date", str(err))
                    continue
            changes.update({part: value for part, value in row.items() if part != "date" and value is not None and part in _FIELDS})
        if record.date is None and "date" not in changes:
            named = date_in_name(record.id)
            if named is not None:
                changes["date"] = named
        yield dataclasses.replace(record, **changes) if changes else record  # type: ignore[arg-type]


def how_to_give(part: str) -> str:
    """How an ingest gives articles a date, an outlet or an author, for messages that find none."""
    ways = "--metadata FILE, a JSONL field, HTML metadata"
    return f"give it by {ways}, a date prefix or a dated file name" if part == "date" else f"give it by {ways}"


_FILTERED_COLUMNS = {"outlet": "outlet", "since": "date", "until": "date", "author": "author"}


def unmatchable_filters(store: SQLStore, **filters: object) -> list[str]:
    """Why filters given (``outlet=…``, ``since=…``) cannot match: no stored article has that field.

    For the search CLI and API to say so instead of answering nothing (``search --outlet
    breitbart`` on a store ingested without metadata)."""
    asked: dict[str, list[str]] = {}
    for name, value in filters.items():
        if value is not None and name in _FILTERED_COLUMNS:
            asked.setdefault(_FILTERED_COLUMNS[name], []).append(f"--{name}")
    return [
        f"{'/'.join(options)} cannot match: no stored article has {'a' if column == 'date' else 'an'} {column} ({how_to_give(column)})"
        for column, options in asked.items()
        if store._db.execute(f"SELECT 1 FROM articles WHERE {column} IS NOT NULL LIMIT 1").fetchone() is None
    ]
