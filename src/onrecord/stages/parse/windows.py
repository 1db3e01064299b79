"""Parsing a stream of articles in pieces of bounded size.

spaCy's networks hold their working arrays for a whole batch at once, about 3.3 KB per
character: one 300,000-character article peaked at 1.15 GB, eight long articles in one
``nlp.pipe`` batch more.  So a batch is cut at ``WINDOW_CHARS`` characters as well as at
``batch_size`` articles, and a longer article is parsed in windows of paragraphs (each at
most ``WINDOW_CHARS``, cut where a line starts) joined back into one Doc over the same text:
the stages read one context with offsets into the article, whatever the article's length.
A line break ends a sentence anyway (``language.paragraph_breaks``), so a window's edge cuts
no sentence; only the first window holds the headline.  Every PolNeAR article is shorter
than a window: none is parsed in pieces.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from typing import TypeVar

from spacy.language import Language
from spacy.tokens import Doc

from onrecord.stages.parse.language import HEADLINE_COMPONENT, SENTENCE_CASED_KEY

WINDOW_CHARS = 50_000
# Where a window may end: after a line break, before the next line's first character.
_LINE_START = re.compile(r"\n(?=\S)")

Item = TypeVar("Item")


def window_ends(text: str, size: int = WINDOW_CHARS) -> list[int]:
    """Where each window of ``text`` ends: at the last line start within ``size`` characters
    of the window's start (or at ``size``, inside a line longer than a window)."""
    ends = []
    start = 0
    while len(text) - start > size:
        cut = None
        for match in _LINE_START.finditer(text, start + 1, start + size):
            cut = match.end()
        if cut is None:  # one line longer than a window: cut at the last white space
            space = text.rfind(" ", start + 1, start + size)
            cut = space + 1 if space > start else start + size
        ends.append(cut)
        start = cut
    ends.append(len(text))
    return ends


def parse_windows(nlp: Language, text: str, size: int = WINDOW_CHARS) -> Doc:
    """One Doc over ``text``, parsed in windows of at most ``size`` characters."""
    starts = [0, *window_ends(text, size)]
    pieces = [text[a:b] for a, b in zip(starts, starts[1:])]
    first = nlp(pieces[0])
    with nlp.select_pipes(disable=[HEADLINE_COMPONENT]):  # a window's first line is no headline
        rest = list(nlp.pipe(pieces[1:], batch_size=1))
    doc = Doc.from_docs([first, *rest], ensure_whitespace=False,  # type: ignore[call-arg]  # the stub lacks exclude
                        exclude=["tensor", "user_data", "spans"])
    if first.user_data.get(SENTENCE_CASED_KEY):
        doc.user_data[SENTENCE_CASED_KEY] = True
    return doc


def parse_stream(nlp: Language, items: Iterable[tuple[str, Item]], *, batch_size: int,
                 size: int = WINDOW_CHARS) -> Iterator[tuple[Doc, Item]]:
    """Each ``(text, item)`` parsed, in order: texts together in batches of at most
    ``batch_size`` texts and ``size`` characters, a longer text alone in windows."""
    batch: list[tuple[str, Item]] = []
    chars = 0
    for text, item in items:
        if batch and (len(batch) >= batch_size or chars + len(text) > size):
            yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
            batch, chars = [], 0
        if len(text) > size:
            yield parse_windows(nlp, text, size), item
            continue
        batch.append((text, item))
        chars += len(text)
    if batch:
        yield from nlp.pipe(batch, as_tuples=True, batch_size=len(batch))
