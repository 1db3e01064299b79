"""Helpers for the speaker-resolution tests: quotes found and attributed as the pipeline
does, then resolved, so each test reads as a passage and the names it should yield."""

from __future__ import annotations

from onrecord.records import Entity, Quote
from onrecord.stages.direct.attribution import attribute
from onrecord.stages.quotes.speech import classify_quoted
from onrecord.stages.resolve import AliasTable, resolve_speakers
from parsed import context_of


def resolved(text: str, *, aliases: AliasTable | None = None) -> tuple[tuple[Quote, ...], tuple[Entity, ...]]:
    context = context_of(text)
    spoken = [(s, u) for s in context.marks.spans if (u := classify_quoted(text, s)).use == "speech"]
    return resolve_speakers(context, attribute(context, spoken), aliases=aliases)


def speaker_of(text: str, words: str, **kwargs) -> Quote:
    """The resolved quote whose content holds ``words``."""
    quotes, _ = resolved(text, **kwargs)
    return next(q for q in quotes if words in q.content.text)
