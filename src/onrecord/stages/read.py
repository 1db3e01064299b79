"""Read: bytes or text in, ``ArticleSource`` out (the body, its id and its publication date).

A file is one article in UTF-8.  A first line or prefix ``date YYYY-MM-DD `` (as in some
news corpora, possibly after white space) gives the publication date and is not part of
the body.  Errors name the problem precisely (file, byte offset) so a user can fix input.
"""

from __future__ import annotations

import datetime as _dt
import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from onrecord.errors import BadDate, InputError, TooLarge, Undecodable
from onrecord.settings import int_default

MAX_ARTICLE_CHARS = int_default("max_article_chars")
DATE_PREFIX = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\r?\n|[ \t]+|\Z)")


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """One article to extract from: body text plus what is known about it."""

    id: str | None
    text: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None


def check_length(source: ArticleSource) -> None:
    """Refuse a body longer than ``MAX_ARTICLE_CHARS``, naming the article."""
    if len(source.text) > MAX_ARTICLE_CHARS:
        raise TooLarge(
            f"{source.id or 'article'}: {len(source.text):,} characters is longer than the "
            f"{MAX_ARTICLE_CHARS:,} an article may have; split it into articles"
        )


def parse_date(value: str, *, source: str = "--date") -> str:
    """Check a ``YYYY-MM-DD`` publication date and return it, or raise ``InputError``."""
    value = value.strip()
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        pass
    raise BadDate(f"{source}: {value!r} is not a publication date in the form YYYY-MM-DD")


def split_date_prefix(raw: str, *, source: str) -> tuple[str | None, str]:
    """Split a leading ``date YYYY-MM-DD`` record prefix from the body."""
    match = DATE_PREFIX.match(raw)
    if not match:
        return None, raw
    return parse_date(match.group(1), source=f"{source}: date prefix"), raw[match.end():]


def decode(data: bytes, *, source: str) -> str:
    """Decode UTF-8 (a BOM is dropped), refusing binary data and naming the first bad byte."""
    nul = data.find(b"\x00", 0, 8192)
    if nul >= 0:
        raise Undecodable(f"{source}: binary data (NUL byte at offset {nul}), not a text article")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise Undecodable(
            f"{source}: invalid UTF-8 at byte offset {err.start} (byte 0x{data[err.start]:02x})"
        ) from None
    return text.removeprefix("\ufeff")


def source_from_bytes(
    data: bytes, *, name: str, date: str | None = None, where: str | None = None
) -> ArticleSource:
    """Build an ``ArticleSource`` (id ``name``) from raw bytes; a date prefix wins over ``date``.

    Errors name ``where`` (the path as given), so that two files of one name are told apart."""
    text = decode(data, source=where or name)
    prefixed, body = split_date_prefix(text, source=where or name)
    return ArticleSource(id=name, text=body, date=prefixed or date)


def read_source(path: str, *, date: str | None = None, stdin: BinaryIO | None = None) -> ArticleSource:
    """Read one article file (``-`` is standard input)."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return source_from_bytes(stream.read(), name="-", date=date)
    file = Path(path)
    try:
        data = file.read_bytes()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an article file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from None
    return source_from_bytes(data, name=file.name, date=date, where=path)
