"""Text spans in an article body: how ``build.py`` reads a body and finds an annotated text in it.

The rules are those of README.md ("How spans are located"): exact, case-sensitive matches that
never start or end inside a word; a repeated text is chosen by ``nth`` (0-based, over the whole
body) or, for a cue, mention or time, as the occurrence nearest the content.  Standard library
only.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

# As onrecord.read splits a record's "date YYYY-MM-DD" prefix from its body.
DATE_PREFIX = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\r?\n|[ \t]+|\Z)")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")


class GoldError(ValueError):
    """A record of source.jsonl that cannot be built; the message names where and why."""


def run(program: str, action: Callable[[], None]) -> int:
    """Run a script's action: exit status 0, or 1 with the ``GoldError`` printed on stderr."""
    try:
        action()
    except GoldError as err:
        print(f"{program}: {err}", file=sys.stderr)
        return 1
    return 0


def body_of(path: Path) -> tuple[str | None, str]:
    """The publication date and body of an article file, split as onrecord.read splits them."""
    raw = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    match = DATE_PREFIX.match(raw)
    if not match:
        return None, raw
    return match.group(1), raw[match.end():]


def occurrences(body: str, text: str) -> list[tuple[int, int]]:
    """Every exact, case-sensitive occurrence of ``text`` that does not start or end inside a word."""
    found = []
    start = body.find(text)
    while start >= 0:
        end = start + len(text)
        cut_before = text[0].isalnum() and start > 0 and body[start - 1].isalnum()
        cut_after = text[-1].isalnum() and end < len(body) and body[end].isalnum()
        if not (cut_before or cut_after):
            found.append((start, end))
        start = body.find(text, start + 1)
    return found


def paragraphs(body: str) -> list[tuple[int, int]]:
    """Start and end of each paragraph (text between blank lines)."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(body):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(body)))
    return spans


def paragraph_index(paras: list[tuple[int, int]], offset: int) -> int:
    return max(i for i, (start, _) in enumerate(paras) if start <= offset)


def text_and_nth(value: Any, where: str) -> tuple[str, int | None]:
    """A located text given as "text" or {"text": ..., "nth": k}."""
    if isinstance(value, str) and value:
        return value, None
    if isinstance(value, dict) and set(value) == {"text", "nth"} and isinstance(value["text"], str) \
            and value["text"] and isinstance(value["nth"], int) and value["nth"] >= 0:
        return value["text"], value["nth"]
    raise GoldError(f"{where}: expected a non-empty text or {{\"text\", \"nth\"}}, got {value!r}")


def context(body: str, start: int, end: int, width: int = 40) -> str:
    before = body[max(0, start - width):start].replace("\n", "⏎")
    after = body[end:end + width].replace("\n", "⏎")
    return f"…{before}[{body[start:end]}]{after}…"


def locate_global(body: str, text: str, nth: int | None, where: str) -> tuple[int, int]:
    """The one occurrence of ``text``, or its ``nth`` (0-based) when it occurs more than once."""
    found = occurrences(body, text)
    if not found:
        raise GoldError(f"{where}: {text!r} does not occur in the body")
    if nth is None:
        if len(found) > 1:
            listing = "; ".join(f"nth={i}: {context(body, s, e, 25)}" for i, (s, e) in enumerate(found))
            raise GoldError(f"{where}: {text!r} occurs {len(found)} times, give nth: {listing}")
        return found[0]
    if nth >= len(found):
        raise GoldError(f"{where}: nth={nth} but {text!r} occurs {len(found)} times")
    return found[nth]


def distance(span: tuple[int, int], pieces: list[tuple[int, int]]) -> int:
    return min(max(p_start - span[1], span[0] - p_end, 0) for p_start, p_end in pieces)


def locate_near(body: str, text: str, nth: int | None, pieces: list[tuple[int, int]],
                where: str, paras: list[tuple[int, int]] | None,
                quoted: list[tuple[int, int]], reach: int = 0) -> tuple[int, int]:
    """A cue, mention or time: its ``nth`` occurrence if given, else the one nearest the content.

    Occurrences inside ``quoted`` (this attribution's content and the contents of the others,
    except those it is nested in) are never candidates.  With ``paras``, the nearest occurrence
    must stand in a paragraph of the content, or ``reach`` paragraphs before it; one further
    away needs an explicit ``nth``.
    """
    def overlaps(span: tuple[int, int]) -> bool:
        return any(span[0] < q_end and q_start < span[1] for q_start, q_end in quoted)

    if nth is not None:
        span = locate_global(body, text, nth, where)
        if overlaps(span):
            raise GoldError(f"{where}: {text!r} nth={nth} lies inside a content")
        return span
    found = [span for span in occurrences(body, text) if not overlaps(span)]
    if not found:
        raise GoldError(f"{where}: {text!r} does not occur outside the contents")
    best = min(distance(span, pieces) for span in found)
    nearest = [span for span in found if distance(span, pieces) == best]
    if len(nearest) > 1:
        raise GoldError(f"{where}: {text!r} is equally near the content twice, give nth")
    span = nearest[0]
    if paras is not None:
        first = paragraph_index(paras, pieces[0][0]) - reach
        last = paragraph_index(paras, pieces[-1][1] - 1)
        if not first <= paragraph_index(paras, span[0]) <= last:
            raise GoldError(f"{where}: nearest {text!r} is {context(body, *span, 25)}, outside the "
                            "paragraphs it may stand in; give nth if it is meant")
    return span
