"""How far PolNeAR's annotators agree with each other: the ceiling our figures live under.

Some articles were marked independently by five or six annotators.  Each annotator's
reading is scored against each other's (every ordered pair) by the same scorer
``onrecord eval polnear`` uses, so the two sets of figures read alike; onrecord's own
output on the same articles is scored against every annotator beside them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from itertools import permutations

from onrecord.evaluation.polnear import (
    GoldArticle,
    GoldAttribution,
    has_quotation_mark,
    wholly_quoted,
)
from onrecord.evaluation.scoring import score
from onrecord.records import Article, Quote, QuoteKind, Span


def _kind(text: str, gold: GoldAttribution) -> QuoteKind:
    if wholly_quoted(text, gold.content):
        return QuoteKind.DIRECT
    return QuoteKind.MIXED if has_quotation_mark(gold.content_text(text)) else QuoteKind.INDIRECT


def _span(text: str, pieces: Sequence[tuple[int, int]]) -> Span | None:
    # A cue or source in several pieces is one span from its first word to its last; one
    # cue in the whole corpus is marked that way.
    return Span.of(text, pieces[0][0], pieces[-1][1]) if pieces else None


def reading_as_article(reading: GoldArticle) -> Article:
    """One annotator's reading in the shape of onrecord's output, to be scored as if predicted."""
    text = reading.text
    quotes = []
    for gold in reading.attributions:
        pieces = tuple(Span.of(text, a, b) for a, b in gold.content)
        quotes.append(
            Quote(
                kind=_kind(text, gold),
                content=Span.of(text, pieces[0].start, pieces[-1].end),
                cue=_span(text, gold.cue),
                speaker=_span(text, gold.source),
                confidence=1.0,
                evidence=(),
                pieces=pieces if len(pieces) > 1 else (),
            )
        )
    return Article(id=reading.id, date=reading.date, text=text, quotes=tuple(quotes))


def _pooled(articles: list[Sequence[GoldArticle]], pairs: list[tuple[GoldArticle, Article]]) -> dict[str, dict[str, float | int]]:
    figures = score(pairs)
    figures["articles"] = {"count": len(articles), "scored_pairs": len(pairs)}
    return figures


def annotator_agreement(articles: Iterable[Sequence[GoldArticle]]) -> dict[str, dict[str, float | int]]:
    """Figures of every annotator's reading scored against every other's, pooled."""
    articles = list(articles)
    pairs = [(gold, reading_as_article(other)) for readings in articles for gold, other in permutations(readings, 2)]
    return _pooled(articles, pairs)


def system_against_annotators(
    articles: Iterable[Sequence[GoldArticle]], predicted: Iterable[Article]
) -> dict[str, dict[str, float | int]]:
    """Figures of onrecord's output on each article scored against every annotator's reading, pooled."""
    articles = list(articles)
    pairs = [(gold, output) for readings, output in zip(articles, predicted, strict=True) for gold in readings]
    return _pooled(articles, pairs)
