"""Situate: when and through what channel each attribution was made.

The time of a speech act and its channel come from the clause of the quote's cue (the
cue's sentence cut at clause breaks, less every quoted content span, so a date *inside* a
quotation is never taken for the time it was said).  Of several candidates the one nearest
the cue wins.  Words of an outlet's name ("Fox News Sunday") are not a time, nor is the bound
of a stretch of time ("since Jan. 1"); a channel word in a speaker's job ("editorial board
editor") is not a channel.

What one clause says is then shared along *runs*:

- forward: a sentence that introduces a channel and a time without a cue of its own (``Late
  last month, she shared the news in an Instagram post.``) or a quote whose clause places
  itself opens a run; the following quotes of the same speaker (the same name, a pronoun or
  a definite description) take from it what their own clause does not say, as long as it does
  not contradict them, for up to two paragraphs from the last quote of the run;
- backward: a quote takes what it lacks from the same speaker's quote in the same or next
  paragraph ("Sanders offered advice on Friday. ... Sanders told MSNBC's Morning Joe ...");
  a headline takes the occasion of the lead it sums up.

Only reports of speaking receive (``said``, ``told``, a transcript colon), not thoughts or
stances (``believes``, ``has called``).  Every value set is explained by an
``Evidence(stage="situate", ...)``; without a publication date, relative times keep
``value=None`` and the evidence says so.
"""

from __future__ import annotations

import dataclasses
import datetime as _dt
from collections.abc import Sequence
from typing import Any

from onrecord.records import Channel, Evidence, Quote, When
from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.read import parse_date
from onrecord.stages.situate.channel import ChannelMention
from onrecord.stages.situate.clauses import ClauseIndex
from onrecord.stages.situate.runs import Decision, carry_backward, carry_forward, position
from onrecord.stages.situate.timex import TimeExpression

__all__ = ["situate"]

STAGE = "situate"


def _when(time: TimeExpression) -> When:
    return When(time.text, time.value, time.start, time.end)


def _channel(mention: ChannelMention) -> Channel:
    return Channel(mention.type, mention.platform, mention.text, mention.start, mention.end)


def _time_evidence(time: TimeExpression, source: str, rule: str, has_anchor: bool) -> Evidence:
    if time.value is None and time.anchored:
        why = "the publication date is unknown" if not has_anchor else "it could not be resolved"
        return Evidence(STAGE, "when_unresolved", f"{source} {time.text!r} is relative and {why}: value left null")
    if time.value is None:
        return Evidence(STAGE, rule, f"{source} {time.text!r} cannot be placed on a calendar")
    return Evidence(STAGE, rule, f"{source} {time.text!r} = {time.value}")


def _apply(quote: Quote, decision: Decision, has_anchor: bool) -> Quote:
    """The quote with the decided time and channel, each explained by an Evidence."""
    evidence = list(quote.evidence)
    changes: dict[str, Any] = {}
    time, channel = decision.found.time, decision.found.channel
    if time is not None:
        source = f"carried from {decision.time_from}:" if decision.time_from else "cue clause:"
        rule = "when_carried" if decision.time_from else f"when_{time.rule}"
        changes["when"] = _when(time)
        evidence.append(_time_evidence(time, source, rule, has_anchor))
    if channel is not None:
        source = f"carried from {decision.channel_from}:" if decision.channel_from else "cue clause:"
        rule = "channel_carried" if decision.channel_from else f"channel_{channel.rule}"
        platform = f" ({channel.platform})" if channel.platform else ""
        changes["channel"] = _channel(channel)
        evidence.append(Evidence(STAGE, rule, f"{source} {channel.text!r} names the channel {channel.type}{platform}"))
    if not changes:
        return quote
    return dataclasses.replace(quote, evidence=tuple(evidence), **changes)


def situate(context: ArticleContext, date: str | None, quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """The quotes with ``when`` and ``channel`` filled in from the article (same order).

    ``date`` is the publication date ``YYYY-MM-DD`` (``read.InputError``, a ``ValueError``,
    if malformed).
    """
    anchor = _dt.date.fromisoformat(parse_date(date, source="publication date")) if date is not None else None
    index = ClauseIndex(context, quotes, anchor)
    decisions = [Decision(index.found(quote)) for quote in quotes]
    order = sorted(range(len(quotes)), key=lambda i: position(quotes[i]))
    carry_forward(index, quotes, order, decisions)
    carry_backward(index, quotes, order, decisions)
    return tuple(_apply(q, d, anchor is not None) for q, d in zip(quotes, decisions, strict=True))
