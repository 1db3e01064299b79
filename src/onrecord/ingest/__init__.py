"""Ingest: read collections of news (text, date records, JSONL, HTML, WARC, stdin) into a quote store."""

from __future__ import annotations

from onrecord.ingest.readers import (
    Bad,
    InputFormat,
    JsonFields,
    Meter,
    Record,
    input_size,
    read_inputs,
)
from onrecord.ingest.run import IngestCounts, ingest

__all__ = ["InputFormat", "Bad", "IngestCounts", "JsonFields", "Meter", "Record", "ingest", "input_size", "read_inputs"]
