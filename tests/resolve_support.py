"""Helpers for the speaker-resolution tests: quotes found and attributed as the pipeline
does, then resolved, so each test reads as a passage and the names it should yield."""

from __future__ import annotations

from onrecord.records import Entity, Quote
from onrecord.stages.direct.attribution import attribute
from onrecord.stages.parse.language import load_pipeline
from onrecord.stages.quotes.marks import find_quoted_spans
from onrecord.stages.quotes.speech import classify_quoted
from onrecord.stages.resolve import AliasTable, resolve_speakers


def resolved(text: str, *, aliases: AliasTable | None = None) -> tuple[tuple[Quote, ...], tuple[Entity, ...]]:
    doc = load_pipeline()(text)
    spans, _ = find_quoted_spans(text)
    spoken = [(s, u) for s in spans if (u := classify_quoted(text, s)).use == "speech"]
    return resolve_speakers(doc, attribute(doc, spoken), aliases=aliases)


def speaker_of(text: str, words: str, **kwargs) -> Quote:
    """The resolved quote whose content holds ``words``."""
    quotes, _ = resolved(text, **kwargs)
    return next(q for q in quotes if words in q.content.text)
