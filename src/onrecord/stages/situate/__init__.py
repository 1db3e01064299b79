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

import bisect
import dataclasses
import datetime as _dt
import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from onrecord.intervals import Intervals
from onrecord.lexicon import data_rows, load_table
from onrecord.records import Channel, Evidence, Quote, Span, When
from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.read import parse_date
from onrecord.stages.situate.channel import (
    ChannelMention,
    find_channels,
    find_outlet_names,
    outlet_channel,
)
from onrecord.stages.situate.timex import TimeExpression, find_time_expressions

__all__ = ["situate"]

STAGE = "situate"


@functools.cache
def _words(category: str) -> dict[str, str]:
    """One category of ``data/situate_words.tsv``: word -> value."""
    return {row[1]: (row[2] if len(row) > 2 else "") for row in data_rows("situate_words.tsv") if row[0] == category}


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
    open: bool = False  # no name yet, and the next name may be the one it meant


# Where a clause ends inside a sentence: a semicolon or dash, a comma before a subordinating
# word ("released her returns this year, even though they disclosed ..."), or a "because".
_CLAUSE_BREAK = re.compile(
    r"[;—–―]|,\s+(?:\w+\s+)?(?:even though|although|though|while|because|but|whereas|which|who|whom|"
    r"where|when|after|before|since|so|and|as|if|unless)\b|\s(?:because|although|even though|whereas)\b"
)


class _Index:
    """Sorted offsets of the article, for nearest-candidate look-ups in logarithmic time."""

    def __init__(self, context: ArticleContext, quotes: Sequence[Quote], anchor: _dt.date | None) -> None:
        self.text = text = context.text
        self.lines = context.paragraphs
        self.paragraph = context.paragraphs.index
        self.sentences = context.sentences.parsed
        self.sentence_starts = context.sentences.starts
        self.contents = Intervals((p.start, p.end) for q in quotes for p in q.stretches)
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
        return first in _words("bound") or (before is not None and before.group(1).lower() in _words("bound"))

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

    def nearest(self, items: list, starts: list[int], span: tuple[int, int], near: int,
                keep: Callable[[Any], bool] = lambda _: True):
        """The item inside ``span``, outside quoted content and kept, that is nearest ``near``."""
        lo = bisect.bisect_left(starts, span[0])
        hi = bisect.bisect_left(starts, span[1])
        inside = [x for x in items[lo:hi] if x.end <= span[1] and not self.quoted(x.start, x.end) and keep(x)]
        if not inside:
            return None
        return min(inside, key=lambda x: min(abs(x.start - near), abs(x.end - near)))

    def found(self, quote: Quote) -> _Found:
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
        named = first[:1].isupper() and first.lower() not in _words("determiner") | _words("indefinite")

        def not_in_speaker(t: TimeExpression) -> bool:
            return not (named and who.start <= t.start < t.end <= who.end)

        # A placeable time beats a vague one beside it ("earlier Thursday morning").
        time = (self.nearest(self.times, self.time_starts, span, cue.start, lambda t: not_in_speaker(t) and _placeable(t))
                or self.nearest(self.times, self.time_starts, span, cue.start, not_in_speaker))

        def not_a_job(m: ChannelMention) -> bool:
            in_who = who.start <= m.start < m.end <= who.end
            return not (in_who and named) or m.rule == "outlet_cue" or m.end >= head_end

        channel = self.nearest(self.channels, self.channel_starts, span, cue.start, not_a_job)
        if channel is None and quote.speaker is not None and (own := outlet_channel(quote.speaker.text)):
            channel = ChannelMention(*own, who.text, who.start, who.end, "speaker_outlet")  # "Twitter announced"
        return _Found(time, channel)


def _speaker_key(quote: Quote) -> str | None:
    """Who speaks, as far as runs need to know.

    A name gives its last capitalised word ("Rep. Gwen Moore (D-Wis.), ..." -> "moore", "Tulsa
    police" -> "tulsa"); a possessive modifier is not the head, a final one is.  A pronoun or a
    definite description ("the senator", "Obama's former strategist") gives None: it refers back
    to whoever spoke last.  An indefinite or bare one ("sources", "a union representing flight
    attendants") is somebody new, known by its head ("attendants", as "the Association of Flight
    Attendants" is).  Several people give all their keys, joined by "|" ("sanders|sheppard")."""
    if quote.speaker is None or _channel_speaker(quote):
        return None
    name = re.sub(r"\([^)]*\)", " ", quote.speaker.text).split(",")[0]
    parts = re.split(r"\s+(?:and|&)\s+", name)
    # "Felicia Sanders and Polly Sheppard" are two people; "the former secretary of state and
    # current Democratic presidential nominee" is one.
    if len(parts) < 2 or not all(p.split() and p.split()[-1][:1].isupper() for p in parts):
        return _name_key(name)
    return "|".join(sorted({k for k in map(_name_key, parts) if k is not None})) or None


def _name_key(name: str) -> str | None:
    """The key of one person or body named or described in ``name`` (see ``_speaker_key``)."""
    words = [w.strip(".’'") for w in name.split()]
    if not words:
        return None
    definite = words[0].lower() in _words("determiner") or words[0].endswith(("’s", "'s"))
    words = [w for w in words[:-1] if not w.endswith(("’s", "'s"))] + [re.sub(r"['’]s$", "", w) for w in words[-1:]]
    if len(words) > 1 and words[0].lower() in _words("determiner") | _words("indefinite"):
        if definite and not words[-1][:1].isupper():
            return None  # "the former secretary of state and current Democratic presidential nominee"
        words = words[1:]
    named = [w for w in words if w[:1].isupper()]
    if named and named[-1].lower() not in _words("pronoun"):
        return named[-1].lower()
    if definite or not words or words[-1].lower() in _words("pronoun"):
        return None
    return words[-1].lower()


def _same(key: str | None, other: str | None) -> bool:
    """Whether two speaker keys share a person ("sanders" and "sanders|sheppard" do)."""
    return key is not None and other is not None and bool(set(key.split("|")) & set(other.split("|")))


def _describes(quote: Quote) -> bool:
    """Whether the speaker is missing or only described ("the Democratic frontrunner"), so that
    the name given next ("Clinton wrote") may be the same person; not a pronoun ("they")."""
    if quote.speaker is None:
        return True
    return _speaker_key(quote) is None and quote.speaker.text.lower() not in _words("pronoun")


def _channel_speaker(quote: Quote) -> bool:
    """Whether the speaker is a channel standing for its author ("a statement", "the book"), not
    somebody described by a channel ("MSNBC host Chris Matthews")."""
    if quote.speaker is None:
        return False
    head_end = len(quote.speaker.text.rstrip(" ,"))
    return any(m.end >= head_end for m in find_channels(quote.speaker.text))


def _transcript(quote: Quote) -> bool:
    """Transcript turns ("WALLACE: ...") all come through one channel, whoever speaks."""
    return quote.cue_kind is not None and quote.cue_kind.is_label


def _speech_cue(quote: Quote) -> bool:
    """Whether the quote reports one act of speaking: a verb of speaking (or a transcript colon),
    not in the perfect ("has called climate change a hoax" is a stance, not an occasion)."""
    if quote.act != "speech":
        return False
    if quote.cue is None or _transcript(quote):
        return True  # a quotation standing alone continues whoever was speaking
    words = re.findall(r"[a-z]+", quote.cue.text.lower())
    if words[:1] in (["has"], ["have"], ["had"]):
        return False
    verbs, forms = load_table("reporting_verbs.tsv"), _words("speech_form")
    for word in words:
        if word in forms:
            return True
        # Regular inflections: says, added, noting, argued, cited, replied -> a lemma of the lexicon.
        stems = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e", word[:-3] + "y"}
        if any(verbs.get(stem) == "speech" for stem in stems):
            return True
    return False


def _continues(run: _Run, quote: Quote, paragraph: int) -> bool:
    """Whether a quote belongs to a run: two paragraphs on at most, and a speaker the run allows.

    A named speaker joins a run of the same name, or an unnamed one that is open to a name (a
    sentence or a description opened it) or in the same paragraph; a pronoun or description
    joins any run; transcript turns join whoever speaks."""
    if paragraph > run.paragraph + 2:
        return False
    key = _speaker_key(quote)
    if key is None or _same(key, run.speaker) or _transcript(quote):
        return True
    return run.speaker is None and (run.open or paragraph == run.paragraph)


def _backward_continues(later: _Run, quote: Quote, key: str | None, paragraph: int) -> bool:
    """Whether a quote takes from the run of the quotes after it: the next paragraph at most,
    a speaker named or described (not a pronoun), and no other name."""
    if paragraph < later.paragraph - 1 or quote.speaker is None:
        return False
    if key is None and quote.speaker.text.lower() in _words("pronoun"):
        return False
    return key is None or later.speaker is None or _same(key, later.speaker)


def _measured(time: TimeExpression) -> bool:
    """Whether an event-relative time says how far ("two days later", "one month after")."""
    return time.rule == "event_relative" and re.search(r"\b(?:day|week|month|year)s?\b", time.text.lower()) is not None


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


def _placed(found: _Found, quote: Quote) -> _Found | None:
    """What of a quote's own findings can open a run (a channel, or a time of speech, not of a
    thought), or None if nothing can."""
    time = found.time if _placeable(found.time) else None
    if found.channel is None and (time is None or quote.act != "speech"):
        return None
    return _Found(time, found.channel)


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


@dataclass(slots=True)
class _Decision:
    """What a quote ends up with, and where each part came from (None = the cue's own clause)."""

    found: _Found
    time_from: str | None = None
    channel_from: str | None = None

    def take(self, merged: _Found, origin: str) -> None:
        """Fill what the quote's clause left open.  A time of its own that cannot be placed
        gives way ("moments after", "recently"), unless it measures a distance from another
        event ("one month after announcing"): then it was not the run's time."""
        own = self.found.time
        if merged.time is not None and (own is None or (not _placeable(own) and not _measured(own))):
            self.found, self.time_from = _Found(merged.time, self.found.channel), origin
        if merged.channel is not None and self.found.channel is not merged.channel:
            self.found, self.channel_from = _Found(self.found.time, merged.channel), origin


def _apply(quote: Quote, decision: _Decision, has_anchor: bool) -> Quote:
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


_WRITTEN = frozenset({"statement", "letter", "book", "op_ed", "social_post", "comment"})
_ARTIFACTS = _WRITTEN | {"interview", "podcast"}
_INTRODUCED = "the sentence that introduced the channel"
_EARLIER = "an earlier quote of the same speaker"
_LATER = "a later quote of the same speaker"


def _introducers(index: _Index, quotes: Sequence[Quote]) -> list[tuple[int, _Found]]:
    """Sentences that name a piece of writing or an interview, and a time, outside any quotation
    and hold no cue ("Late last month, she shared the news in an Instagram post.")."""
    cue_sentences = {index.sentence(q.cue.start) for q in quotes if q.cue is not None}
    found: list[tuple[int, _Found]] = []
    seen: set[tuple[int, int]] = set()
    for mention in index.channels:
        sentence = index.sentence(mention.start)
        if sentence in seen or sentence in cue_sentences or index.quoted(mention.start, mention.end):
            continue
        seen.add(sentence)
        time = index.nearest(index.times, index.time_starts, sentence, mention.start)
        # Without a time, or for an event rather than a piece of writing or an interview ("a
        # rally held on Wednesday"), the channel word is more often something talked about than
        # the channel of what follows.
        if _placeable(time) and mention.type in _ARTIFACTS:
            found.append((mention.start, _Found(time, mention)))
    return found


def _opened_by(index: _Index, quote: Quote, placed: _Found, paragraph: int) -> _Run:
    """The run a quote opens.  It is open to the next name when its speaker is missing or only
    described, or is a written channel standing for its author in the body ("the book said",
    then "Mariano wrote"); a headline's run is not."""
    speaker, key = quote.speaker, _speaker_key(quote)
    in_body = _position(quote) >= index.headline_end
    written = speaker is not None and _channel_speaker(quote) and any(
        m.type in _WRITTEN for m in find_channels(speaker.text))
    return _Run(placed, _EARLIER, key, paragraph, open=in_body and (written or _describes(quote)))


def _forward(index: _Index, quotes: Sequence[Quote], order: list[int], decisions: list[_Decision]) -> None:
    """Carry channels and times forward: from introducing sentences and from a speaker's earlier quotes."""
    events: list[tuple[int, int, _Found | None]] = [(_position(quotes[i]), i, None) for i in order]
    events += [(pos, -1, found) for pos, found in _introducers(index, quotes)]
    run: _Run | None = None
    by_speaker: dict[str, _Run] = {}  # a named speaker who comes back resumes their own run
    for pos, i, introduced in sorted(events, key=lambda e: (e[0], e[1] >= 0)):
        paragraph = index.paragraph(pos)
        if introduced is not None:
            run = _Run(introduced, _INTRODUCED, None, paragraph, open=True)
            continue
        quote, decision = quotes[i], decisions[i]
        key = _speaker_key(quote)
        resumed = next((by_speaker[k] for k in (key or "").split("|") if k in by_speaker), None)
        active = run if run is not None and _continues(run, quote, paragraph) else resumed
        merged = _merge(decision.found, active.found) if active is not None and _speech_cue(quote) else None
        if merged is not None and active is not None:
            decision.take(merged, active.origin)
            active.found, active.paragraph = merged, paragraph
            active.speaker = active.speaker or key
            active.open = active.open and active.speaker is None
            run = active
        elif (placed := _placed(decision.found, quote)) is not None:
            compatible = _merge(placed, active.found) if active is not None else None
            if compatible is not None and active is not None:  # "The statement also referenced": same one
                active.found, active.paragraph, run = compatible, paragraph, active
            else:
                run = _opened_by(index, quote, placed, paragraph)
        elif _speech_cue(quote) or (active is None and key is not None and run is not None
                                    and not _same(key, run.speaker)):
            run = None  # a quote that neither continues the run nor places itself closes it
        if run is not None and run.speaker is not None:
            by_speaker.update((k, run) for k in run.speaker.split("|"))


def _backward(index: _Index, quotes: Sequence[Quote], order: list[int], decisions: list[_Decision]) -> None:
    """Complete a quote from the same speaker's next quote in the same or next paragraph
    ("Sanders offered advice on Friday. ... Sanders told MSNBC's Morning Joe ...")."""
    later: _Run | None = None
    named_in_body = {k for q in quotes if _position(q) >= index.headline_end for k in (_speaker_key(q) or "").split("|")}
    for i in reversed(order):
        quote, decision = quotes[i], decisions[i]
        placed = _placed(decision.found, quote)
        if not _speech_cue(quote) and placed is None:
            continue
        paragraph = index.paragraph(_position(quote))
        key = _speaker_key(quote)
        # A pronoun refers back, not forward: only a name or a description takes from a later quote;
        # a headline takes from the lead it sums up, whoever it names ("Lawmaker urges ..."),
        # unless it names a speaker of the body ("Politifact: ...").
        headline = (later is not None and _position(quote) < index.headline_end
                    and paragraph >= later.paragraph - 2 and not set((key or "").split("|")) & named_in_body)
        if later is not None and _speech_cue(quote) and (headline or _backward_continues(later, quote, key, paragraph)):
            merged = _merge(decision.found, later.found)
            if merged is not None:
                decision.take(merged, _LATER)
                later.found, later.paragraph = merged, paragraph
                later.speaker = later.speaker or key
                continue
        if placed is not None and later is not None and not _speech_cue(quote):
            compatible = _merge(placed, later.found)
            if compatible is not None:  # a poll or a stance on the same occasion does not end the run
                later.found, later.paragraph = compatible, paragraph
                later.speaker = later.speaker or key
                continue
        later = _Run(placed, _LATER, key, paragraph) if placed is not None else None


def _position(quote: Quote) -> int:
    return quote.cue.start if quote.cue is not None else quote.content.start


def situate(context: ArticleContext, date: str | None, quotes: Sequence[Quote]) -> tuple[Quote, ...]:
    """The quotes with ``when`` and ``channel`` filled in from the article (same order).

    ``date`` is the publication date ``YYYY-MM-DD`` (``read.InputError``, a ``ValueError``,
    if malformed).
    """
    anchor = _dt.date.fromisoformat(parse_date(date, source="publication date")) if date is not None else None
    index = _Index(context, quotes, anchor)
    decisions = [_Decision(index.found(quote)) for quote in quotes]
    order = sorted(range(len(quotes)), key=lambda i: _position(quotes[i]))
    _forward(index, quotes, order, decisions)
    _backward(index, quotes, order, decisions)
    return tuple(_apply(q, d, anchor is not None) for q, d in zip(quotes, decisions, strict=True))
