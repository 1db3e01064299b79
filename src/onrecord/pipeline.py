"""The flow, stage by stage: read → parse → find quotes → attach cue and speaker →
indirect and mixed attribution → resolve speakers → time and channel.

``extract`` handles one text; ``extract_sources`` streams many through ``nlp.pipe``
in batches of bounded size (``parse.windows``) with the pipeline loaded once per process.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.tokens import Doc

from onrecord.acts import DEFAULT_ACTS, keep_acts
from onrecord.kinds import SpeechAct
from onrecord.records import Article, Skipped
from onrecord.settings import bool_default, int_default
from onrecord.stages.direct import find_direct
from onrecord.stages.indirect import find_indirect
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import load_pipeline
from onrecord.stages.parse.windows import parse_stream
from onrecord.stages.read import (
    MAX_ARTICLE_CHARS,
    ArticleSource,
    InputError,
    check_arguments,
    check_length,
)
from onrecord.stages.resolve import AliasTable, resolve_speakers
from onrecord.stages.situate import situate


def _analyse(source: ArticleSource, doc: Doc, aliases: AliasTable | None, acts: frozenset[SpeechAct], *,
             given_names: bool = True) -> Article:
    context = build_context(doc)
    direct = find_direct(context)
    reported = find_indirect(context, direct.quotes, fragments=direct.fragments)
    quotes = sorted(
        [q for q in direct.quotes if q not in reported.replaced] + list(reported.quotes),
        key=lambda q: q.content.start,
    )
    resolved, entities = resolve_speakers(context, quotes, aliases=aliases, given_names=given_names)
    situated = situate(context, source.date, resolved)
    return keep_acts(Article(
        id=source.id,
        date=source.date,
        text=source.text,
        quotes=situated,
        entities=entities,
        skipped=tuple(sorted([*direct.skipped, *source.repairs()], key=lambda s: s.start)),
    ), acts)


def extract_sources(
    sources: Iterable[ArticleSource], *, batch_size: int = int_default("batch_size"), aliases: AliasTable | None = None,
    given_name_gender: bool = bool_default("given_name_gender"), acts: frozenset[SpeechAct] = DEFAULT_ACTS,
) -> Iterator[Article]:
    """Extract every article of ``sources`` in order, parsing them in batches (``given_name_gender``:
    the setting of that name); only the attributions of ``acts`` are kept (speech by default:
    ``onrecord.acts``)."""
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
        yield _analyse(source, doc, aliases, acts, given_names=given_name_gender)


def extract(text: str, date: str | None = None, *, id: str | None = None, acts: frozenset[SpeechAct] = DEFAULT_ACTS) -> Article:
    """Extract every attribution of one article body; ``date`` is its publication date; ``acts``
    the acts kept (speech by default).

    ``read.check_arguments`` is the rule: a non-blank ``str`` text, ``None`` or ``YYYY-MM-DD``
    date; anything else raises ``InputError`` (``BadArgument``, also a ``TypeError``, for a wrong type)."""
    text, checked = check_arguments(text, date, id)
    source = ArticleSource(id=id, text=text, date=checked)
    check_length(source)
    return next(extract_sources([source], acts=acts))
