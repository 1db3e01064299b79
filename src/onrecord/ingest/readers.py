"""Readers: every supported input, streamed record by record as ``ArticleSource`` or ``Bad``.

Formats: plain-text articles (a ``date YYYY-MM-DD`` prefix gives the date), date-record
files (one ``date YYYY-MM-DD text`` article per line), JSONL (configurable field names,
dotted paths allowed), HTML pages (main text and metadata by trafilatura), WARC / WARC.gz
crawls (HTML response records) and standard input.  Folders are walked in name order.
Nothing is read whole except one article; ``.gz`` files are decompressed as a stream.
A record that cannot be read becomes ``Bad`` (where, why) and reading goes on.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import re
import stat
import sys
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, fields
from enum import StrEnum
from pathlib import Path
from typing import IO, Any
from urllib.parse import urlsplit

from onrecord.errors import BadDate, TooLarge
from onrecord.stages.read import (
    MAX_ARTICLE_BYTES,
    ArticleSource,
    InputError,
    decode,
    parse_date,
    read_bounded,
    source_from_bytes,
    split_date_prefix,
)


class InputFormat(StrEnum):
    """The input formats, listed once (the CLI's ``--format`` choices are these)."""

    AUTO = "auto"  # decided by file name, then by content
    TEXT = "text"
    LINES = "lines"  # one "date YYYY-MM-DD text" article per line
    JSONL = "jsonl"
    HTML = "html"
    WARC = "warc"


Format = InputFormat

_SNIFF_BYTES = 65536
_RECORD_LINE = re.compile(rb"\A\s*date[ \t]+\d{4}-\d{2}-\d{2}[ \t]+\S")
_SUFFIX_FORMATS = {
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".warc": "warc", ".arc": "warc",
}


@dataclass(frozen=True, slots=True)
class Bad:
    """A record that could not be read as an article: where it is, what kind of fault, the detail."""

    where: str
    kind: str
    detail: str = ""

    @property
    def reason(self) -> str:
        return f"{self.kind}: {self.detail}" if self.detail else self.kind


Record = ArticleSource | Bad


@dataclass(frozen=True, slots=True)
class JsonFields:
    """Which JSON field holds each part of an article (dotted paths reach nested fields)."""

    id: str = "id"
    text: str = "text"
    date: str = "date"
    url: str = "url"
    title: str = "title"
    outlet: str = "outlet"
    author: str = "author"

    @classmethod
    def parse(cls, mappings: list[str]) -> JsonFields:
        """From ``part=field`` strings (``text=body``), naming the mistake in a bad one."""
        return cls(**part_mappings(mappings, sorted(f.name for f in fields(cls)), option="--field", what="FIELD"))


def part_mappings(mappings: list[str], parts: list[str], *, option: str, what: str) -> dict[str, str]:
    """``PART=NAME`` strings of a CLI option as a dict, naming the mistake in a bad one."""
    chosen: dict[str, str] = {}
    for mapping in mappings:
        part, sep, name = mapping.partition("=")
        if not sep or part.strip() not in parts or not name.strip():
            raise InputError(f"{option} {mapping!r}: expected PART={what} with PART one of {', '.join(parts)}")
        chosen[part.strip()] = name.strip()
    return chosen


class Meter:
    """Bytes of input read so far, for progress and ETA (total ``None`` when unknown, as on stdin)."""

    def __init__(self, total: int | None) -> None:
        self.total = total
        self._finished = 0
        self._current = 0

    @property
    def done(self) -> int:
        return self._finished + self._current

    def at(self, position: int) -> None:
        self._current = position

    def finish(self, size: int) -> None:
        self._finished += size
        self._current = 0


def input_size(paths: list[str]) -> int | None:
    """Total bytes of the named files and folders (``None`` if standard input is among them)."""
    total = 0
    for path in paths:
        if path == "-":
            return None
        for file in walk_files(Path(path)):
            try:
                total += file.stat().st_size
            except OSError:
                pass
    return total


def walk_files(path: Path) -> Iterator[Path]:
    if not path.is_dir():
        yield path
        return
    for root, dirs, files in os.walk(path):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if not name.startswith("."):
                yield Path(root) / name


def read_inputs(
    paths: list[str],
    *,
    format: Format = InputFormat.AUTO,
    json_fields: JsonFields = JsonFields(),
    meter: Meter | None = None,
    stdin: IO[bytes] | None = None,
) -> Iterator[Record]:
    """Every record of every input in order; ``-`` is standard input."""
    meter = meter or Meter(None)
    for path in paths:
        if path == "-":
            stream = stdin if stdin is not None else sys.stdin.buffer
            if not hasattr(stream, "peek"):
                stream = io.BufferedReader(stream)
            yield from read_stream(stream, "-", format, json_fields, meter)
            continue
        root = Path(path)
        if not root.exists():
            yield Bad(path, "unreadable", "no such file or folder")
            continue
        for file in walk_files(root):
            if file != root and not _regular(file):
                # A FIFO would block the run forever and a device never ends: never opened.
                yield Bad(str(file), "unreadable", "not a regular file (a FIFO, socket or device)")
                continue
            yield from _read_file(file, format, json_fields, meter)


def _regular(file: Path) -> bool:
    try:
        return stat.S_ISREG(file.stat().st_mode)
    except OSError:
        return True  # opening it says why it cannot be read


def _read_file(file: Path, format: Format, json_fields: JsonFields, meter: Meter) -> Iterator[Record]:
    name = str(file)
    try:
        raw = file.open("rb")
    except OSError as err:
        yield Bad(name, "unreadable", str(err.strerror))
        return
    with raw:
        size = os.fstat(raw.fileno()).st_size
        suffixes = [s.lower() for s in file.suffixes[-2:]]
        compressed = bool(suffixes) and suffixes[-1] == ".gz"
        chosen = format
        if chosen == "auto":
            chosen = _SUFFIX_FORMATS.get(suffixes[-2] if compressed and len(suffixes) == 2 else (suffixes[-1] if suffixes else ""), "auto")  # type: ignore[assignment]
        # warcio reads gzip members itself; other .gz files are decompressed here.
        stream: IO[bytes] = raw if chosen == "warc" or not compressed else gzip.GzipFile(fileobj=raw)  # type: ignore[assignment]
        try:
            yield from read_stream(stream, name, chosen, json_fields, meter, position=raw.tell)
        except (OSError, EOFError, zlib.error) as err:
            yield Bad(name, "unreadable", f"stopped reading: {err}")
    meter.finish(size)


def read_stream(
    stream: Any,
    name: str,
    format: str,
    json_fields: JsonFields,
    meter: Meter,
    position: Callable[[], int] | None = None,
) -> Iterator[Record]:
    if format == "auto":
        format = _sniff(stream.peek(_SNIFF_BYTES)[:_SNIFF_BYTES])
    readers = {"text": _text, "lines": _lines, "jsonl": _jsonl, "html": _html, "warc": _warc}
    for record in readers[format](stream, name, json_fields):
        if position is not None:
            meter.at(position())
        yield record


def _sniff(head: bytes) -> str:
    start = head.lstrip()[:16]
    if head.startswith(b"\x1f\x8b") or start.startswith(b"WARC/"):
        return "warc"
    if start.startswith(b"{"):
        return "jsonl"
    if start.startswith(b"<"):
        return "html"
    lines = [line for line in head.split(b"\n")[:20] if line.strip()]
    complete = lines[:-1] if len(lines) > 1 and not head.endswith(b"\n") else lines
    if len(complete) >= 2 and all(_RECORD_LINE.match(line) for line in complete):
        return "lines"
    return "text"


def _text(stream: IO[bytes], name: str, _: JsonFields) -> Iterator[Record]:
    try:
        yield source_from_bytes(read_bounded(stream, source=name), name=name)
    except InputError as err:
        yield _input_fault(err, name)


def _input_fault(err: InputError, where: str) -> Bad:
    detail = str(err).removeprefix(f"{where}: ")
    if isinstance(err, TooLarge):
        return Bad(where, "too large", detail)
    if isinstance(err, BadDate):
        return Bad(where, "bad date", detail)
    return Bad(where, "undecodable bytes", detail)


def _numbered_lines(stream: IO[bytes]) -> Iterator[tuple[int, bytes | None]]:
    """Lines with their numbers; a line over the article limit is skipped unread (``None``)."""
    number = 0
    while line := stream.readline(MAX_ARTICLE_BYTES + 1):
        number += 1
        if len(line) > MAX_ARTICLE_BYTES and not line.endswith(b"\n"):
            while (rest := stream.readline(1 << 20)) and not rest.endswith(b"\n"):
                pass
            yield number, None
            continue
        yield number, line


def _record_lines(stream: IO[bytes], name: str) -> Iterator[tuple[str, bytes | Bad]]:
    """Each non-blank line with its place (``file:line``), or a ``Bad`` for one too long."""
    for number, line in _numbered_lines(stream):
        where = f"{name}:{number}"
        if line is None:
            yield where, Bad(where, "too large", f"line longer than {MAX_ARTICLE_BYTES} bytes")
        elif line.strip():
            yield where, line


def _lines(stream: IO[bytes], name: str, _: JsonFields) -> Iterator[Record]:
    for where, line in _record_lines(stream, name):
        if isinstance(line, Bad):
            yield line
            continue
        try:
            date, body = split_date_prefix(decode(line.rstrip(b"\r\n"), source=where), source=where)
        except InputError as err:
            yield _input_fault(err, where)
            continue
        yield ArticleSource(id=where, text=body, date=date)


def _field(record: dict[str, Any], path: str) -> Any:
    value: Any = record
    for part in path.split("."):
        if not isinstance(value, dict):
            return None
        value = value.get(part)
    return value


def _optional_str(value: Any) -> str | None:
    if value is None or isinstance(value, (dict, list)):
        return None
    return str(value).strip() or None


def _date_of(value: Any) -> str | None:
    """A ``YYYY-MM-DD`` date from an ISO date or timestamp; anything else is no date."""
    text = _optional_str(value)
    if text is None or not re.match(r"\d{4}-\d{2}-\d{2}(\Z|[T ])", text):
        return None
    try:
        return parse_date(text[:10])
    except InputError:
        return None


def _jsonl(stream: IO[bytes], name: str, json_fields: JsonFields) -> Iterator[Record]:
    for where, line in _record_lines(stream, name):
        if isinstance(line, Bad):
            yield line
            continue
        try:
            record = json.loads(decode(line, source=where))
        except InputError as err:
            yield _input_fault(err, where)
            continue
        except json.JSONDecodeError as err:
            # Some messages end in "at" ("Invalid control character at"): the column goes apart.
            yield Bad(where, "invalid JSON", f"{err.msg.removesuffix(' at')} (column {err.colno})")
            continue
        except RecursionError:
            yield Bad(where, "invalid JSON", "nested too deeply")
            continue
        if not isinstance(record, dict):
            yield Bad(where, "invalid JSON", "the line is not a JSON object")
            continue
        text = _field(record, json_fields.text)
        if not isinstance(text, str):
            yield Bad(where, "no text", f"no string in field {json_fields.text!r}")
            continue
        if not text.strip():
            yield Bad(where, "empty text")
            continue
        date = _field(record, json_fields.date)
        if _optional_str(date) is not None and _date_of(date) is None:
            yield Bad(where, "bad date", f"{json_fields.date} {_optional_str(date)!r} is not a date YYYY-MM-DD or an ISO timestamp")
            continue
        yield ArticleSource(
            id=_optional_str(_field(record, json_fields.id)) or where,
            text=text,
            date=_date_of(date),
            url=_optional_str(_field(record, json_fields.url)),
            title=_optional_str(_field(record, json_fields.title)),
            outlet=_optional_str(_field(record, json_fields.outlet)),
            author=_optional_str(_field(record, json_fields.author)),
        )


def html_source(data: bytes, *, where: str, url: str | None = None, date: str | None = None) -> Record:
    """The main text and metadata of one HTML page (trafilatura), or why there is none.

    ``url`` and ``date`` (a WARC record's) are used where the page gives none."""
    from trafilatura import bare_extraction

    try:
        document = bare_extraction(data, url=url, with_metadata=True, include_comments=False)
    except Exception as err:  # trafilatura raises lxml and parser errors of many kinds on broken pages
        return Bad(where, "broken HTML", type(err).__name__)
    if document is None or isinstance(document, dict) or not (document.text or "").strip():
        return Bad(where, "broken HTML", "no article text found")
    page_url = document.url or url
    outlet = document.sitename or document.hostname or (urlsplit(page_url).hostname if page_url else None)
    return ArticleSource(
        id=page_url or where,
        text=document.text or "",
        date=_date_of(document.date) or date,
        url=page_url,
        title=document.title,
        outlet=outlet,
        author=document.author,
    )


def _html(stream: IO[bytes], name: str, _: JsonFields) -> Iterator[Record]:
    try:
        yield html_source(read_bounded(stream, source=name), where=name)
    except InputError as err:
        yield _input_fault(err, name)


def _warc(stream: IO[bytes], name: str, _: JsonFields) -> Iterator[Record]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed
    from warcio.statusandheaders import StatusAndHeadersParser, StatusAndHeadersParserException

    if not stream.peek(8)[:8].startswith((b"WARC/", b"\x1f\x8b")):  # type: ignore[attr-defined]
        yield Bad(name, "broken WARC record", "the file does not start with a WARC record")
        return
    # HTTP headers are parsed here, not by warcio: it fails on a record without a target URI.
    records = ArchiveIterator(stream, arc2warc=True, no_record_parse=True)
    http = StatusAndHeadersParser(["HTTP/1.0", "HTTP/1.1"], verify=False)
    try:
        for record in records:
            if record.rec_type != "response":
                continue
            url = record.rec_headers.get_header("WARC-Target-URI")
            try:
                record.http_headers = http.parse(record.raw_stream)
            except StatusAndHeadersParserException:
                continue  # not an HTTP response (a dns: record, say)
            content_type = (record.http_headers.get_header("Content-Type") or "").lower()
            if "html" not in content_type or record.http_headers.get_statuscode() != "200":
                continue
            try:
                payload = record.content_stream().read(MAX_ARTICLE_BYTES + 1)
            except Exception as err:  # a damaged chunked or compressed body
                yield Bad(f"{name} {url}", "broken WARC record", type(err).__name__)
                continue
            # The offset is known once the record is read (warcio finds it on the next read).
            where = f"{name}@{records.get_record_offset()}" + (f" {url}" if url else "")
            if len(payload) > MAX_ARTICLE_BYTES:
                yield Bad(where, "too large", f"page larger than {MAX_ARTICLE_BYTES} bytes")
                continue
            yield html_source(payload, where=where, url=url, date=_date_of(record.rec_headers.get_header("WARC-Date")))
    except ArchiveLoadFailed as err:
        yield Bad(name, "broken WARC record", str(err).strip()[:120])
    except Exception as err:  # warcio and zlib raise many kinds on a damaged file; the rest of it is lost
        yield Bad(name, "broken WARC record", f"reading stopped: {type(err).__name__}: {str(err).strip()[:120]}")
