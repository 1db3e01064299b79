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
from typing import IO, BinaryIO

from onrecord.errors import BadArgument, BadDate, InputError, TooLarge, Undecodable
from onrecord.records import Skipped
from onrecord.settings import int_default

MAX_ARTICLE_CHARS = int_default("max_article_chars")
MAX_ARTICLE_BYTES = int_default("max_article_bytes")
DATE_PREFIX = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\r?\n|[ \t]+|\Z)")


_SURROGATE = re.compile("[\ud800-\udfff]")
SURROGATE_REASON = "lone surrogate code point, replaced with U+FFFD (not encodable text)"


def _without_surrogates(value: str | None) -> str | None:
    return _SURROGATE.sub("\ufffd", value) if value is not None and _SURROGATE.search(value) else value


@dataclass(frozen=True, slots=True)
class ArticleSource:
    """One article to extract from: body text plus what is known about it.

    Decided once, here: a lone surrogate (``\\ud800`` from a JSON escape, say), which no
    encoder or parser accepts, becomes U+FFFD in the text and every field; ``replaced``
    holds the text offsets so changed, each reported in the article's ``skipped``.
    """

    id: str | None
    text: str
    date: str | None = None
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    replaced: tuple[int, ...] = ()

    def __post_init__(self) -> None:
        found = tuple(m.start() for m in _SURROGATE.finditer(self.text))
        if found:
            object.__setattr__(self, "replaced", tuple(sorted({*self.replaced, *found})))
        for name in ("id", "text", "date", "url", "title", "outlet", "author"):
            object.__setattr__(self, name, _without_surrogates(getattr(self, name)))
        object.__setattr__(self, "replaced", tuple(self.replaced))

    def repairs(self) -> tuple[Skipped, ...]:
        """What reading changed in the text, as the article's ``skipped`` entries."""
        return tuple(Skipped(at, at + 1, SURROGATE_REASON) for at in self.replaced)


def check_length(source: ArticleSource) -> None:
    """Refuse a body longer than ``MAX_ARTICLE_CHARS``, naming the article."""
    if len(source.text) > MAX_ARTICLE_CHARS:
        raise TooLarge(
            f"{source.id or 'article'}: {len(source.text):,} characters is longer than the "
            f"{MAX_ARTICLE_CHARS:,} an article may have; split it into articles"
        )


def check_arguments(text: object, date: object, id: object) -> tuple[str, str | None]:
    """The one rule of the Python API: ``text`` a non-blank ``str``, ``date`` ``None`` or ``YYYY-MM-DD``,
    ``id`` ``None`` or a ``str``.  Returns (text, checked date); ``BadArgument`` (a ``TypeError``)
    for a wrong type, ``InputError`` (a ``ValueError``) for an empty text or a bad date — both
    ``InputError``, as the CLI and the web API report them."""
    if not isinstance(text, str):
        hint = "; decode bytes first (text.decode('utf-8'))" if isinstance(text, (bytes, bytearray)) else ""
        raise BadArgument(f"text: expected str, got {type(text).__name__}{hint}")
    if date is not None and not isinstance(date, str):
        raise BadArgument(f"date: expected a str 'YYYY-MM-DD' or None, got {type(date).__name__} {date!r}")
    if id is not None and not isinstance(id, str):
        raise BadArgument(f"id: expected str or None, got {type(id).__name__}")
    if not text.strip():
        raise InputError("text: empty article (nothing but white space)")
    return text, parse_date(date, source="date") if date is not None else None


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
    """Decode UTF-8 (or UTF-16 with its byte-order mark; a BOM is dropped), refusing binary data.

    The error names the source and the first bad byte, or says UTF-16 where the bytes look so."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as err:
            raise Undecodable(f"{source}: invalid UTF-16 at byte offset {err.start}") from None
        if "\x00" in text:
            raise Undecodable(f"{source}: binary data (NUL character at offset {text.index(chr(0))}), not a text article")
        return text.removeprefix("\ufeff")
    nul = data.find(b"\x00")
    if nul >= 0:
        head = data[:512]
        if len(head) >= 4 and (head[1::2].count(0) > len(head) // 4 or head[0::2].count(0) > len(head) // 4):
            raise Undecodable(f"{source}: UTF-16 text without a byte-order mark; convert it to UTF-8") from None
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


def read_bounded(stream: IO[bytes], *, source: str) -> bytes:
    """At most ``MAX_ARTICLE_BYTES`` of ``stream``; more is refused without reading it (``/dev/zero``)."""
    data = stream.read(MAX_ARTICLE_BYTES + 1)
    if len(data) > MAX_ARTICLE_BYTES:
        raise TooLarge(f"{source}: larger than {MAX_ARTICLE_BYTES:,} bytes (setting max_article_bytes), not one article")
    return data


def read_source(path: str, *, date: str | None = None, stdin: BinaryIO | None = None) -> ArticleSource:
    """Read one article file (``-`` is standard input); errors name ``path`` as given."""
    if path == "-":
        stream = stdin if stdin is not None else sys.stdin.buffer
        return source_from_bytes(read_bounded(stream, source="standard input"), name="-", date=date)
    file = Path(path)
    try:
        with file.open("rb") as stream:
            data = read_bounded(stream, source=path)
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a directory, not an article file") from None
    except OSError as err:
        raise InputError(f"{path}: cannot be read ({err.strerror})") from None
    return source_from_bytes(data, name=file.name, date=date, where=path)
