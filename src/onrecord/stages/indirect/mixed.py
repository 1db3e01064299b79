"""Mixed attributions: a reported clause that holds quoted words.

``He called the plan "a disaster"`` and ``She said she would "fight to the end"`` report
a clause in the writer's words with a quoted piece inside.  The attribution is one
``mixed`` quote over the whole clause; a direct quote the clause swallows is replaced by
it, and a quoted fragment (scare quote, short phrase) inside it becomes part of it.
A title in marks (``the "Art of the Deal" author``) stays what it is: it makes nothing mixed.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.lexicon import pronouns
from onrecord.records import Quote
from onrecord.stages.quotes.marks import QuotedSpan

# Words outside the marks that do not make a clause the writer's own.
FILLER = frozenset({"that", "the", "a", "an", "and", "but", "to"}) | pronouns().subjects


@dataclass(frozen=True, slots=True)
class Overlap:
    """How a content stretch sits on the quotations of its sentence."""

    direct: tuple[Quote, ...]  # the direct quotes it holds wholly
    quoted_chars: int  # characters of the content inside quotation marks


def _marked(q: Quote) -> tuple[int, int]:
    """The direct quote with its marks, as far as the text shows them."""
    return q.content.start - 1, q.content.end + 1


def overlap(start: int, end: int, direct: Sequence[Quote], fragments: Sequence[QuotedSpan]) -> Overlap:
    """Which direct quotes and fragments lie inside the content ``[start, end)``."""
    held: list[Quote] = []
    quoted = 0
    for q in direct:
        a, b = q.content.start, q.content.end
        if b <= start or a >= end:
            continue
        quoted += min(b, end) - max(a, start)
        if a >= start - 1 and b <= end + 1:
            held.append(q)
    for f in fragments:
        if f.start < end and f.end > start:
            quoted += min(f.end, end) - max(f.start, start)
    return Overlap(tuple(held), quoted)


def own_words(text: str, start: int, end: int, quoted_ranges: Sequence[tuple[int, int]]) -> int:
    """How many words of ``text[start:end]`` stand outside the quotation marks and are not
    mere glue (``that``, a pronoun): the writer's own share of the content."""
    pieces, at = [], start
    for a, b in sorted(quoted_ranges):
        if b <= start or a >= end:
            continue
        pieces.append(text[at:max(at, a)])
        at = max(at, b)
    pieces.append(text[at:end])
    words = " ".join(pieces).replace('"', " ").replace("“", " ").replace("”", " ").split()
    return sum(1 for w in words if w.lower().strip(",.;:") not in FILLER and any(ch.isalnum() for ch in w))


def quoted_ranges(direct: Sequence[Quote], fragments: Sequence[QuotedSpan]) -> list[tuple[int, int]]:
    """Every stretch inside marks, with the marks."""
    out = [_marked(q) for q in direct]
    out.extend((f.outer_start, f.outer_end) for f in fragments)
    return out
