"""Present: the same result as JSON for programs and as readable text for people."""

from __future__ import annotations

import json
from typing import TextIO

from onrecord.records import Article, Quote


def to_json(article: Article, *, indent: int | None = None) -> str:
    return json.dumps(article.to_dict(), ensure_ascii=False, indent=indent)


def _line_and_column(text: str, offset: int) -> tuple[int, int]:
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _who(quote: Quote) -> str:
    if quote.speaker_name:
        return quote.speaker_name
    if quote.speaker:
        return quote.speaker.text
    return "(speaker unknown)"


def write_text(article: Article, out: TextIO) -> None:
    """Each quote with its speaker, the mention and cue it was found through, and its place."""
    header = article.id or "(text)"
    out.write(f"{header}  date: {article.date or 'unknown'}  quotes: {len(article.quotes)}\n")
    for n, quote in enumerate(article.quotes, 1):
        line, column = _line_and_column(article.text, quote.content.start)
        out.write(f"\n[{n}] {_who(quote)} ({quote.kind}, line {line}:{column}, confidence {quote.confidence:.2f})\n")
        out.write(f"    “{' … '.join(piece.text for piece in quote.stretches)}”\n")
        via = []
        if quote.speaker:
            via.append(f"mention {quote.speaker.text!r} at {quote.speaker.start}")
        if quote.cue:
            via.append(f"cue {quote.cue.text!r} at {quote.cue.start}")
        if quote.channel:
            via.append(f"channel {quote.channel.type}" + (f" ({quote.channel.platform})" if quote.channel.platform else ""))
        if quote.when:
            via.append(f"when {quote.when.text!r} = {quote.when.value or 'unresolved'}")
        if via:
            out.write("    via " + "; ".join(via) + "\n")
