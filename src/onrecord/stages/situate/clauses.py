"""What one clause says of a speech act: the time and the channel nearest its cue, in the
cue's clause (its sentence cut at clause breaks, less every quoted content span, so a date
inside a quotation is never taken for the time it was said)."""

from __future__ import annotations

import bisect
import datetime as _dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from onrecord.intervals import Intervals
from onrecord.lexicon import data_rows
from onrecord.records import Quote, Span
from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.situate.channel import ChannelMention, find_channels, find_outlet_names, outlet_channel
from onrecord.stages.situate.timex import TimeExpression, find_time_expressions


@functools.cache
def situate_words(category: str) -> dict[str, str]:
    """One category of ``data/situate_words.tsv``: word -> value."""
    return {row[1]: (row[2] if len(row) > 2 else "") for row in data_rows("situate_words.tsv") if row[0] == category}


@dataclass(frozen=True, slots=True)
class Found:
    """What one clause says about a speech act (either part may be missing)."""

    time: TimeExpression | None
    channel: ChannelMention | None


# Where a clause ends inside a sentence: a semicolon or dash, a comma before a subordinating
# word ("released her returns this year, even though they disclosed ..."), or a "because".
_CLAUSE_BREAK = re.compile(
    r"[;—–―]|,\s+(?:\w+\s+)?(?:even though|although|though|while|because|but|whereas|which|who|whom|"
    r"where|when|after|before|since|so|and|as|if|unless)\b|\s(?:because|although|even though|whereas)\b"
)


class ClauseIndex:
    """Sorted offsets of the article, for nearest-candidate look-ups in logarithmic time."""

    def __init__(self, context: ArticleContext, quotes: Sequence[Quote], anchor: _dt.date | None) -> None:
        self.text = text = context.text
        self.lines = context.paragraphs
        self.paragraph = context.paragraphs.index
        self.sentences = context.sentences.parsed
        self.sentence_starts = context.sentences.starts
        self.contents = Intervals((p.start, p.end) for q in quotes for p in q.stretches)
        # the object of an action ("shared the news in an Instagram post") is no quoted content
        # where an introducing sentence's channel would be hidden
        self.reported = Intervals((p.start, p.end) for q in quotes if q.act != "none" for p in q.stretches)
        self.channels = find_channels(text)
        self.channel_starts = [c.start for c in self.channels]
        # Words of an outlet's name are not a time ("Fox News Sunday", "USA TODAY analysis"), and
        # the bound of a stretch of time is not an occasion ("raised $1 million since Jan. 1").
        self.outlets = find_outlet_names(text)
        named = [(c.start + c.text.find(c.platform), c.start + c.text.find(c.platform) + len(c.platform))
                 for c in self.channels if c.platform and c.platform in c.text]  # on “Some Show”
        self.times = [t for t in find_time_expressions(text, anchor=anchor)
                      if not self._within(t, self.outlets) and not self._within(t, named) and not self._bound(t)]
        self.time_starts = [t.start for t in self.times]
        self.clause_breaks = [m.start() for m in _CLAUSE_BREAK.finditer(text)]
        # a first block of more than 20 words is a lead paragraph, not a headline with its deck
        headline = context.headline
        block = text[:headline.block_end] if headline is not None and headline.block_end is not None else ""
        self.headline_end = len(block) if 0 < len(block.split()) <= 20 else 0

    def _bound(self, time: TimeExpression) -> bool:
        """Whether the time starts or follows a word that bounds a stretch ("since", "until")."""
        before = re.search(r"(\w+)\W*$", self.text[max(0, time.start - 12) : time.start])
        first = time.text.split()[0].lower()
        return first in situate_words("bound") or (before is not None and before.group(1).lower() in situate_words("bound"))

    @staticmethod
    def _within(time: TimeExpression, spans: list[tuple[int, int]]) -> bool:
        """Whether the time is part of a longer name among ``spans`` (sorted, not overlapping):
        "Fox News Sunday", on "Saturday Night Live"; "Today" alone is a time."""
        i = bisect.bisect_left(spans, (time.end,)) - 1
        if i < 0 or spans[i][1] <= time.start:
            return False
        start, end = spans[i]
        return end - start > time.end - time.start

    def sentence(self, position: int) -> tuple[int, int]:
        """The sentence holding ``position`` within its paragraph (the paragraph if no sentence does)."""
        start, end = self.lines.line_start(position), self.lines.line_end(position)
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
        """Whether start..end overlaps quoted content."""
        return self.contents.overlaps(start, end)

    def reports(self, start: int, end: int) -> bool:
        """Whether start..end overlaps reported content (an action's object is none)."""
        return self.reported.overlaps(start, end)

    def nearest(self, items: list, starts: list[int], span: tuple[int, int], near: int,
                keep: Callable[[Any], bool] = lambda _: True):
        """The item inside ``span``, outside quoted content and kept, that is nearest ``near``."""
        lo = bisect.bisect_left(starts, span[0])
        hi = bisect.bisect_left(starts, span[1])
        inside = [x for x in items[lo:hi] if x.end <= span[1] and not self.quoted(x.start, x.end) and keep(x)]
        if not inside:
            return None
        return min(inside, key=lambda x: min(abs(x.start - near), abs(x.end - near)))

    def found(self, quote: Quote) -> Found:
        """The time and channel of the quote's cue clause, nearest the cue.  A named speaker's
        description does not date the act, and a channel word in a speaker's description is
        their job ("editorial board editor"), not a channel, unless it is an outlet's ("MSNBC
        host") or the speaker is the channel itself ("a statement")."""
        cue = quote.cue or quote.content
        span = self.clause(cue.start)
        who = quote.speaker or Span("", -1, -1)
        head_end = who.start + len(who.text.rstrip(" ,"))

        # A time in a named speaker's description is about them ("Felicia Sanders, who survived a
        # shooting last year,"); in a document's, it dates it ("the poll, conducted in early September,").
        first = who.text.split()[0] if who.text.split() else ""
        named = first[:1].isupper() and first.lower() not in situate_words("determiner") | situate_words("indefinite")

        def not_in_speaker(t: TimeExpression) -> bool:
            return not (named and who.start <= t.start < t.end <= who.end)

        # A placeable time beats a vague one beside it ("earlier Thursday morning").
        time = (self.nearest(self.times, self.time_starts, span, cue.start, lambda t: not_in_speaker(t) and placeable(t))
                or self.nearest(self.times, self.time_starts, span, cue.start, not_in_speaker))

        def not_a_job(m: ChannelMention) -> bool:
            in_who = who.start <= m.start < m.end <= who.end
            return not (in_who and named) or m.rule == "outlet_cue" or m.end >= head_end

        channel = self.nearest(self.channels, self.channel_starts, span, cue.start, not_a_job)
        if channel is None and quote.speaker is not None and (own := outlet_channel(quote.speaker.text)):
            channel = ChannelMention(*own, who.text, who.start, who.end, "speaker_outlet")  # "Twitter announced"
        return Found(time, channel)


def measured(time: TimeExpression) -> bool:
    """Whether an event-relative time says how far ("two days later", "one month after")."""
    return time.rule == "event_relative" and re.search(r"\b(?:day|week|month|year)s?\b", time.text.lower()) is not None


def placeable(time: TimeExpression | None) -> bool:
    """Fuzzy and event-relative times are kept on the quote but neither open nor break a run."""
    return time is not None and (time.value is not None or time.anchored)
