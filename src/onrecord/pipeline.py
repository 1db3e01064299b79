"""The flow, stage by stage: read → parse → find quotes → attach cue and speaker →
indirect and mixed attribution → resolve speakers → time and channel.

``extract`` handles one text; ``extract_sources`` streams many through ``nlp.pipe``
in batches of bounded size (``parse.windows``) with the pipeline loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from onrecord.records import Article, Skipped
from onrecord.settings import int_default
from onrecord.stages.direct import find_direct
from onrecord.stages.indirect import find_indirect
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import load_pipeline
from onrecord.stages.parse.windows import parse_stream
from onrecord.stages.read import (
    MAX_ARTICLE_CHARS,
    ArticleSource,
    InputError,
    check_length,
    parse_date,
)
from onrecord.stages.resolve import AliasTable, resolve_speakers
from onrecord.stages.situate import situate


def _analyse(source: ArticleSource, doc: Doc, aliases: AliasTable | None = None) -> Article:
    context = build_context(doc)
    direct = find_direct(context)
    reported = find_indirect(context, direct.quotes, fragments=direct.fragments)
    quotes = sorted(
        [q for q in direct.quotes if q not in reported.replaced] + list(reported.quotes),
        key=lambda q: q.content.start,
    )
    resolved, entities = resolve_speakers(context, quotes, aliases=aliases)
    situated = situate(context, source.date, resolved)
    return Article(
        id=source.id,
        date=source.date,
        text=source.text,
        quotes=situated,
        entities=entities,
        skipped=tuple(sorted(direct.skipped, key=lambda s: s.start)),
    )


def extract_sources(
    sources: Iterable[ArticleSource], *, batch_size: int = int_default("batch_size"), aliases: AliasTable | None = None
) -> Iterator[Article]:
    """Extract every article of ``sources`` in order, parsing them in batches."""
    nlp = load_pipeline()
    nlp.max_length = max(nlp.max_length, MAX_ARTICLE_CHARS + 1)
    # An over-long article is not parsed (an empty text goes through in its place) and comes
    # out with no quotes and the reason, so one bad record never stops a stream.
    pending = ((s.text if len(s.text) <= MAX_ARTICLE_CHARS else "", s) for s in sources)
    for doc, source in parse_stream(nlp, pending, batch_size=batch_size):
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
