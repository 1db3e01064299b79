"""What Spark's Python workers run: reading inputs into source rows, and extraction.

Each function takes and yields plain rows (dicts), so it can be tested without Spark.
The spaCy pipeline is loaded once per Python worker (``load_pipeline`` is cached per
process and Spark reuses its Python workers across tasks).
"""

from __future__ import annotations

import gzip
import io
from collections.abc import Iterable, Iterator
from typing import Any

from onrecord.ingest.isolation import Failure, analyse
from onrecord.ingest.readers import Bad, InputFormat, JsonFields, Meter, Record, read_inputs, read_stream
from onrecord.settings import int_default
from onrecord.spark.rows import article_row, failure_row
from onrecord.stages.read import ArticleSource
from onrecord.store.dedup import content_hash

# Records of one input file are numbered below this: ``seq = file_index * FILE_STRIDE + record``
# is the ingest order (input order, as ``onrecord ingest`` writes).
FILE_STRIDE = 1 << 32
BATCH_ARTICLES = int_default("ingest_batch")

SOURCE_FIELDS = ("id", "date", "url", "title", "outlet")


def bucket_of(digest: str, partitions: int) -> int:
    """The extraction partition of an article: fixed by its content hash, so a re-run redoes the same ones."""
    return int(digest[:15], 16) % partitions


def source_rows(file_index: int, records: Iterable[Record], partitions: int) -> Iterator[dict[str, Any]]:
    """One row per record of one input file: a source to extract, or a record that could not be read."""
    for number, record in enumerate(records):
        seq = file_index * FILE_STRIDE + number
        if isinstance(record, ArticleSource) and not record.text.strip():
            record = Bad(record.id or "?", "empty text")
        if isinstance(record, Bad):
            yield {"seq": seq, "content_hash": None, "bucket": None, "source_id": record.where, "date": None, "url": None,
                   "title": None, "outlet": None, "text": None, "bad": record.reason}
            continue
        digest = content_hash(record.text)
        yield {"seq": seq, "content_hash": digest, "bucket": bucket_of(digest, partitions), "source_id": record.id,
               "date": record.date, "url": record.url, "title": record.title, "outlet": record.outlet,
               "text": record.text, "bad": None}


def read_local_file(file_index: int, name: str, format: InputFormat, json_fields: JsonFields, partitions: int) -> Iterator[dict[str, Any]]:
    """A file the worker can open by name (local mode, or a folder every node mounts)."""
    return source_rows(file_index, read_inputs([name], format=format, json_fields=json_fields), partitions)


def read_file_bytes(file_index: int, name: str, data: bytes, format: InputFormat, json_fields: JsonFields, partitions: int) -> Iterator[dict[str, Any]]:
    """A file Spark read from a Hadoop path (``hdfs://``, ``s3a://``…), given whole as bytes."""
    lower = name.lower()
    raw: io.RawIOBase | gzip.GzipFile = io.BytesIO(data)  # type: ignore[assignment]
    # warcio reads gzip members itself; other .gz files are decompressed here, as ingest does.
    if lower.endswith(".gz") and format != InputFormat.WARC and not lower.endswith((".warc.gz", ".arc.gz")):
        raw = gzip.GzipFile(fileobj=io.BytesIO(data))
    return source_rows(file_index, read_stream(io.BufferedReader(raw), name, format, json_fields, Meter(None)), partitions)


def _source(row: dict[str, Any]) -> ArticleSource:
    return ArticleSource(id=row["source_id"], text=row["text"], date=row["date"], url=row["url"], title=row["title"], outlet=row["outlet"])


def _extract_batch(rows: list[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    sources = [_source(row) for row in rows]
    for row, source, result in zip(rows, sources, analyse(sources)):
        out = {key: row[key] for key in ("seq", "content_hash", "bucket", "source_id", "date", "url", "title", "outlet", "text")}
        if isinstance(result, Failure):
            out.update(skipped="[]", quotes=[], entities=[], failure=failure_row(result, source))
        else:
            out.update(article_row(result))
        yield out


def extract_rows(rows: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Every source row extracted, in batches, in the order given; a failing article (``ingest.isolation``:
    the stage that failed and why, within its time budget) becomes a failure row."""
    batch: list[dict[str, Any]] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH_ARTICLES:
            yield from _extract_batch(batch)
            batch = []
    if batch:
        yield from _extract_batch(batch)


__all__ = ["FILE_STRIDE", "bucket_of", "extract_rows", "read_file_bytes", "read_local_file", "source_rows"]
