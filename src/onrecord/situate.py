"""Situate: when and through what channel each attribution was made.

The time of a speech act and its channel come from the clause of the quote's cue (the
cue's sentence, less every quoted content span, so a date *inside* a quotation is never
taken for the time it was said).  Of several candidates the one nearest the cue wins.

A sentence that introduces a channel without a cue of its own (``Late last month, she
shared the news in an Instagram post.``) and any quote whose clause names a channel
open a *run*: the following quotes of the same speaker (a pronoun, an unknown speaker
or the same name) whose clauses say nothing of their own take its channel and time, as
long as the run goes on paragraph after paragraph and no other channel is introduced.

Every value set is explained by an ``Evidence(stage="situate", ...)`` on the quote.
Without a publication date, relative times keep ``value=None`` and the evidence says so.
"""

from __future__ import annotations

import bisect
import dataclasses
import datetime as _dt
import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.article import Channel, Evidence, Quote, When
from onrecord.channel import ChannelMention, find_channels
from onrecord.read import parse_date
from onrecord.timex import TimeExpression, find_time_expressions

__all__ = ["situate"]

STAGE = "situate"

# Speakers that refer back rather than name: they continue the run of whoever spoke last.
_PRONOUNS = frozenset({"he", "she", "they", "it", "we", "i", "him", "her", "them"})


@dataclass(frozen=True, slots=True)
class _Found:
    """What one clause says about a speech act (either part may be missing)."""

    time: TimeExpression | None
    channel: ChannelMention | None


@dataclass(slots=True)
class _Run:
    """The channel and time last introduced, still open for the same speaker's next quotes."""

    found: _Found
    origin: str  # what introduced it, for the evidence
    speaker: str | None
    paragraph: int


# Where a clause ends inside a sentence: a semicolon or dash, or a comma before a
# subordinating word ("released her returns this year, even though they disclosed ...").
_CLAUSE_BREAK = re.compile(
    r"[;—–]|,\s+(?:\w+\s+)?(?:even though|although|though|while|because|but|whereas|which|who|whom|"
    r"where|when|after|before|since|so|and|as|if|unless)\b"
)


class _Index:
    """Sorted offsets of the article, for nearest-candidate look-ups in logarithmic time."""

    def __init__(self, text: str, quotes: Sequence[Quote], sentences: Sequence[tuple[int, int]],
                 anchor: _dt.date | None) -> None:
        self.text = text
        self.sentences = sorted(sentences)
        self.sentence_starts = [s for s, _ in self.sentences]
        # A paragraph ends at a run of line breaks; blank lines do not make paragraphs.
        self.breaks = [m.start() for m in re.finditer(r"\n+", text)]
        self.contents = sorted((q.content.start, q.content.end) for q in quotes)
        self.content_starts = [s for s, _ in self.contents]
        # The furthest end of the contents so far: overlap tests need no scan back.
        self.content_reach = list(itertools.accumulate((e for _, e in self.contents), max))
        self.channels = find_channels(text)
        self.channel_starts = [c.start for c in self.channels]
        # Words of an outlet's name are not a time: "Fox News Sunday", "Trending Today USA".
        self.times = [t for t in find_time_expressions(text, anchor=anchor) if not self._in_channel(t)]
        self.time_starts = [t.start for t in self.times]
        self.clause_breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]

    def _in_channel(self, time: TimeExpression) -> bool:
        i = bisect.bisect_left(self.channel_starts, time.end) - 1
        return i >= 0 and self.channels[i].end > time.start

    def paragraph(self, position: int) -> int:
        return bisect.bisect_right(self.breaks, position)

    def sentence(self, position: int) -> tuple[int, int]:
        """The sentence holding ``position`` within its paragraph (the paragraph if no sentence does)."""
        line = self.paragraph(position)
        start = self.breaks[line - 1] if line > 0 else 0
        end = self.breaks[line] if line < len(self.breaks) else len(self.text)
        i = bisect.bisect_right(self.sentence_starts, position) - 1
        if i >= 0 and self.sentences[i][0] <= position < self.sentences[i][1]:
            return max(start, self.sentences[i][0]), min(end, self.sentences[i][1])
        return start, end

    def clause(self, position: int) -> tuple[int, int]:
        """The clause of the sentence holding ``position``, cut at the nearest clause breaks."""
        start, end = self.sentence(position)
        i = bisect.bisect_right(self.clause_breaks, position)
        if i > 0 and self.clause_breaks[i - 1] > start:
            start = self.clause_breaks[i - 1]
        if i < len(self.clause_breaks) and self.clause_breaks[i] < end:
            end = self.clause_breaks[i]
        return start, end

    def quoted(self, start: int, end: int) -> bool:
        """Whether start..end overlaps quoted content: some content starting before ``end`` ends after ``start``."""
        i = bisect.bisect_left(self.content_starts, end) - 1
        return i >= 0 and self.content_reach[i] > start

    def nearest(self, items: list, starts: list[int], span: tuple[int, int], near: int):
        """The item inside ``span`` and outside quoted content that is nearest ``near``."""
        lo = bisect.bisect_left(starts, span[0])
        hi = bisect.bisect_left(starts, span[1])
        inside = [x for x in items[lo:hi] if x.end <= span[1] and not self.quoted(x.start, x.end)]
        if not inside:
            return None
        return min(inside, key=lambda x: min(abs(x.start - near), abs(x.end - near)))

    def found(self, span: tuple[int, int], near: int) -> _Found:
        time = self.nearest(self.times, self.time_starts, span, near)
        return _Found(time, self.nearest(self.channels, self.channel_starts, span, near))


def _speaker_key(quote: Quote) -> str | None:
    """The last word of a named speaker; None for pronouns and descriptions ("the senator")."""
    if quote.speaker is None:
        return None
    words = quote.speaker.text.split()
    if not words or not words[-1][:1].isupper() or words[-1].lower() in _PRONOUNS:
        return None
    return words[-1].lower().strip(".,’'s")


def _transcript(quote: Quote) -> bool:
    """Transcript turns ("WALLACE: ...") all come through one channel, whoever speaks."""
    return quote.cue is not None and quote.cue.text.strip() == ":"


def _continues(run: _Run, quote: Quote, paragraph: int) -> bool:
    """Whether a quote belongs to the open run: near enough, and the same or an unnamed speaker."""
    if paragraph > run.paragraph + 2:
        return False
    key = _speaker_key(quote)
    return _transcript(quote) or key is None or run.speaker is None or key == run.speaker


def _placeable(time: TimeExpression | None) -> bool:
    """Fuzzy and event-relative times are kept on the quote but neither open nor break a run."""
    return time is not None and (time.value is not None or time.anchored)


def _merge(own: _Found, run: _Found) -> _Found | None:
    """The run's channel and time completed by the quote's own, or None if they disagree."""
    own_time = own.time if _placeable(own.time) else None
    if own_time is not None and run.time is not None and own_time.value != run.time.value:
        return None
    if own.channel is not None and run.channel is not None and own.channel.type != run.channel.type:
        return None
    return _Found(own_time or run.time, own.channel or run.channel)


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


def _apply(quote: Quote, own: _Found, final: _Found, *, origin: str, has_anchor: bool) -> Quote:
    """The quote with the final time and channel; a part not the quote's own was carried from ``origin``."""
    evidence = list(quote.evidence)
    changes: dict[str, object] = {}
    if final.time is not None:
        carried = final.time is not own.time
        source = f"carried from {origin}:" if carried else "cue clause:"
        changes["when"] = _when(final.time)
        rule = "when_carried" if carried else f"when_{final.time.rule}"
        evidence.append(_time_evidence(final.time, source, rule, has_anchor))
    if final.channel is not None:
        ch = final.channel
        carried = ch is not own.channel
        source = f"carried from {origin}:" if carried else "cue clause:"
        changes["channel"] = _channel(ch)
        platform = f" ({ch.platform})" if ch.platform else ""
        rule = "channel_carried" if carried else f"channel_{ch.rule}"
        evidence.append(Evidence(STAGE, rule, f"{source} {ch.text!r} names the channel {ch.type}{platform}"))
    if not changes:
        return quote
    return dataclasses.replace(quote, evidence=tuple(evidence), **changes)


def _introducers(index: _Index, quotes: Sequence[Quote]) -> list[tuple[int, _Found]]:
    """Sentences that name a channel outside any quotation and hold no cue: (position, what they say)."""
    cue_sentences = {index.sentence(q.cue.start) for q in quotes if q.cue is not None}
    found: list[tuple[int, _Found]] = []
    seen: set[tuple[int, int]] = set()
    for mention in index.channels:
        sentence = index.sentence(mention.start)
        if sentence in seen or sentence in cue_sentences or index.quoted(mention.start, mention.end):
            continue
        seen.add(sentence)
        time = index.nearest(index.times, index.time_starts, sentence, mention.start)
        found.append((mention.start, _Found(time if _placeable(time) else None, mention)))
    return found


def situate(text: str, date: str | None, quotes: Sequence[Quote], *,
            sentences: Sequence[tuple[int, int]]) -> tuple[Quote, ...]:
    """The quotes with ``when`` and ``channel`` filled in from the article (same order).

    ``date`` is the publication date ``YYYY-MM-DD`` (``read.InputError``, a ``ValueError``,
    if malformed); ``sentences`` are the (start, end) offsets of the article's sentences.
    """
    anchor = _dt.date.fromisoformat(parse_date(date, source="publication date")) if date is not None else None
    index = _Index(text, quotes, sentences, anchor)

    def position(q: Quote) -> int:
        return q.cue.start if q.cue is not None else q.content.start

    events: list[tuple[int, int, _Found | None]] = [(position(q), i, None) for i, q in enumerate(quotes)]
    events += [(pos, -1, found) for pos, found in _introducers(index, quotes)]
    result = list(quotes)
    run: _Run | None = None
    for pos, i, introduced in sorted(events, key=lambda e: (e[0], e[1] >= 0)):
        paragraph = index.paragraph(pos)
        if introduced is not None:
            run = _Run(introduced, "the sentence that introduced the channel", None, paragraph)
            continue
        quote = quotes[i]
        cue = quote.cue or quote.content
        own = index.found(index.clause(cue.start), cue.start)
        merged = _merge(own, run.found) if run is not None and _continues(run, quote, paragraph) else None
        if merged is not None and run is not None:
            # A fuzzy time of the quote's own ("recently") is kept when the run has none.
            final = _Found(merged.time or own.time, merged.channel)
            result[i] = _apply(quote, own, final, origin=run.origin, has_anchor=anchor is not None)
            run.found, run.paragraph = merged, paragraph
            run.speaker = run.speaker or _speaker_key(quote)
            continue
        result[i] = _apply(quote, own, own, origin="", has_anchor=anchor is not None)
        if own.channel is not None or _placeable(own.time):
            placed = _Found(own.time if _placeable(own.time) else None, own.channel)
            run = _Run(placed, "an earlier quote of the same speaker", _speaker_key(quote), paragraph)
        else:
            run = None  # a quote that neither continues the run nor places itself closes it
    return tuple(result)
