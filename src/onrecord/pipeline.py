"""The flow, stage by stage: read → parse → find quotes → attach cue and speaker →
indirect and mixed attribution → resolve speakers → time and channel.

``extract`` handles one text; ``extract_sources`` streams many through ``nlp.pipe``
in batches with the pipeline loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from .article import Article, Quote, Skipped
from .attribution import attribute
from .indirect import find_indirect
from .labels import speaker_labels
from .language import load_pipeline
from .quotemarks import QuotedSpan, find_quoted_spans
from .read import MAX_ARTICLE_CHARS, ArticleSource, InputError, check_length, parse_date
from .resolve import AliasTable, resolve_speakers
from .situate import situate
from .speech import classify_quoted


@dataclass(frozen=True, slots=True)
class DirectFindings:
    """What the quotation marks give, before indirect attribution: the direct quotes (and
    colon-labelled turns and headlines), the quoted fragments that can make a clause mixed,
    and what was skipped and why."""

    quotes: list[Quote]
    fragments: list[QuotedSpan]
    skipped: list[Skipped]


def find_direct(doc: Doc) -> DirectFindings:
    """Pair the quotation marks of a parsed article, tell speech from titles and fragments,
    and attribute the speech (also what ``scripts/train_indirect_model.py`` builds on)."""
    text = doc.text
    spans, strays = find_quoted_spans(text)
    skipped = [Skipped(s.at, s.at + 1, s.reason) for s in strays]
    spoken, fragments = [], []
    for span in spans:
        use = classify_quoted(text, span)
        if use.use == "speech":
            spoken.append((span, use))
        else:
            skipped.append(Skipped(span.start, span.end, f"{use.use}: {use.why}"))
            if use.use == "fragment":
                fragments.append(span)
    return DirectFindings(speaker_labels(doc, attribute(doc, spoken)), fragments, skipped)


def _analyse(source: ArticleSource, doc: Doc, aliases: AliasTable | None = None) -> Article:
    text = source.text
    direct = find_direct(doc)
    reported = find_indirect(doc, direct.quotes, fragments=direct.fragments)
    quotes = sorted(
        [q for k, q in enumerate(direct.quotes) if k not in reported.replaced] + list(reported.quotes),
        key=lambda q: q.content.start,
    )
    quotes, entities = resolve_speakers(doc, quotes, aliases=aliases)
    quotes = situate(text, source.date, quotes, sentences=[(s.start_char, s.end_char) for s in doc.sents])
    return Article(
        id=source.id,
        date=source.date,
        text=text,
        quotes=tuple(quotes),
        entities=entities,
        skipped=tuple(sorted(direct.skipped, key=lambda s: s.start)),
    )


def extract_sources(
    sources: Iterable[ArticleSource], *, batch_size: int = 8, aliases: AliasTable | None = None
) -> Iterator[Article]:
    """Extract every article of ``sources`` in order, parsing them in batches."""
    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, MAX_ARTICLE_CHARS + 1)
    # An over-long article is not parsed (an empty text goes through in its place) and comes
    # out with no quotes and the reason, so one bad record never stops a stream.
    pending = ((s.text if len(s.text) <= MAX_ARTICLE_CHARS else "", s) for s in sources)
    for doc, source in nlp.pipe(pending, as_tuples=True, batch_size=batch_size):
        try:
            check_length(source)
        except InputError as refused:
            yield Article(id=source.id, date=source.date, text=source.text,
                          skipped=(Skipped(0, len(source.text), str(refused)),))
            continue
        yield _analyse(source, doc, aliases)


def extract(text: str, date: str | None = None, *, id: str | None = None) -> Article:
    """Extract every attribution of one article body; ``date`` is its publication date."""
    checked = parse_date(date) if date is not None else None
    source = ArticleSource(id=id, text=text, date=checked)
    check_length(source)
    return next(extract_sources([source]))
