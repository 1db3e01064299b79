"""Runs: what one clause says about a speech act, shared with the same speaker's other quotes,
forward from an introducing sentence or an earlier quote, and backward from a later one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from onrecord.lexicon import pronouns
from onrecord.records import Quote
from onrecord.stages.situate.channel import find_channels
from onrecord.stages.situate.clauses import ClauseIndex, Found, measured, placeable
from onrecord.stages.situate.speakers import channel_speaker, describes, same_speaker, speaker_key, speech_cue, transcript_turn


@dataclass(slots=True)
class _Run:
    """The channel and time last introduced, still open for the same speaker's next quotes."""

    found: Found
    origin: str  # what introduced it, for the evidence
    speaker: str | None
    paragraph: int
    open: bool = False  # no name yet, and the next name may be the one it meant


def _continues(run: _Run, quote: Quote, paragraph: int) -> bool:
    """Whether a quote belongs to a run: two paragraphs on at most, and a speaker the run allows.

    A named speaker joins a run of the same name, or an unnamed one that is open to a name (a
    sentence or a description opened it) or in the same paragraph; a pronoun or description
    joins any run; transcript turns join whoever speaks."""
    if paragraph > run.paragraph + 2:
        return False
    key = speaker_key(quote)
    if key is None or same_speaker(key, run.speaker) or transcript_turn(quote):
        return True
    return run.speaker is None and (run.open or paragraph == run.paragraph)


def _backward_continues(later: _Run, quote: Quote, key: str | None, paragraph: int) -> bool:
    """Whether a quote takes from the run of the quotes after it: the next paragraph at most,
    a speaker named or described (not a pronoun), and no other name."""
    if paragraph < later.paragraph - 1 or quote.speaker is None:
        return False
    if key is None and quote.speaker.text.lower() in pronouns().speakers:
        return False
    return key is None or later.speaker is None or same_speaker(key, later.speaker)


def _merge(own: Found, run: Found) -> Found | None:
    """The run's channel and time completed by the quote's own, or None if they disagree."""
    own_time = own.time if placeable(own.time) else None
    if own_time is not None and run.time is not None and own_time.value != run.time.value:
        return None
    if own.channel is not None and run.channel is not None and own.channel.type != run.channel.type:
        return None
    return Found(own_time or run.time, own.channel or run.channel)


def _placed(found: Found, quote: Quote) -> Found | None:
    """What of a quote's own findings can open a run (a channel, or the time of an act, not of a
    thought: a state has no occasion), or None if nothing can."""
    time = found.time if placeable(found.time) else None
    if found.channel is None and (time is None or quote.act == "thought"):
        return None
    return Found(time, found.channel)


@dataclass(slots=True)
class Decision:
    """What a quote ends up with, and where each part came from (None = the cue's own clause)."""

    found: Found
    time_from: str | None = None
    channel_from: str | None = None

    def take(self, merged: Found, origin: str) -> None:
        """Fill what the quote's clause left open.  A time of its own that cannot be placed
        gives way ("moments after", "recently"), unless it measures a distance from another
        event ("one month after announcing"): then it was not the run's time."""
        own = self.found.time
        if merged.time is not None and (own is None or (not placeable(own) and not measured(own))):
            self.found, self.time_from = Found(merged.time, self.found.channel), origin
        if merged.channel is not None and self.found.channel is not merged.channel:
            self.found, self.channel_from = Found(self.found.time, merged.channel), origin


_WRITTEN = frozenset({"statement", "letter", "book", "op_ed", "social_post", "comment"})


_ARTIFACTS = _WRITTEN | {"interview", "podcast"}


_INTRODUCED = "the sentence that introduced the channel"


_EARLIER = "an earlier quote of the same speaker"


_LATER = "a later quote of the same speaker"


def _introducers(index: ClauseIndex, quotes: Sequence[Quote]) -> list[tuple[int, Found]]:
    """Sentences that name a piece of writing or an interview, and a time, outside any quotation
    and hold no cue ("Late last month, she shared the news in an Instagram post.")."""
    # the cue of an action ("shared the news in an Instagram post") reports nothing: its
    # sentence still introduces the channel of the quotes that follow
    cue_sentences = {index.sentence(q.cue.start) for q in quotes if q.cue is not None and q.act != "none"}
    found: list[tuple[int, Found]] = []
    seen: set[tuple[int, int]] = set()
    for mention in index.channels:
        sentence = index.sentence(mention.start)
        if sentence in seen or sentence in cue_sentences or index.reports(mention.start, mention.end):
            continue
        seen.add(sentence)
        time = index.nearest(index.times, index.time_starts, sentence, mention.start)
        # Without a time, or for an event rather than a piece of writing or an interview ("a
        # rally held on Wednesday"), the channel word is more often something talked about than
        # the channel of what follows.
        if placeable(time) and mention.type in _ARTIFACTS:
            found.append((mention.start, Found(time, mention)))
    return found


def _opened_by(index: ClauseIndex, quote: Quote, placed: Found, paragraph: int) -> _Run:
    """The run a quote opens.  It is open to the next name when its speaker is missing or only
    described, or is a written channel standing for its author in the body ("the book said",
    then "Mariano wrote"); a headline's run is not."""
    speaker, key = quote.speaker, speaker_key(quote)
    in_body = position(quote) >= index.headline_end
    written = speaker is not None and channel_speaker(quote) and any(
        m.type in _WRITTEN for m in find_channels(speaker.text))
    return _Run(placed, _EARLIER, key, paragraph, open=in_body and (written or describes(quote)))


def carry_forward(index: ClauseIndex, quotes: Sequence[Quote], order: list[int], decisions: list[Decision]) -> None:
    """Carry channels and times forward: from introducing sentences and from a speaker's earlier quotes."""
    events: list[tuple[int, int, Found | None]] = [(position(quotes[i]), i, None) for i in order]
    events += [(pos, -1, found) for pos, found in _introducers(index, quotes)]
    run: _Run | None = None
    by_speaker: dict[str, _Run] = {}  # a named speaker who comes back resumes their own run
    for pos, i, introduced in sorted(events, key=lambda e: (e[0], e[1] >= 0)):
        paragraph = index.paragraph(pos)
        if introduced is not None:
            run = _Run(introduced, _INTRODUCED, None, paragraph, open=True)
            continue
        quote, decision = quotes[i], decisions[i]
        key = speaker_key(quote)
        resumed = next((by_speaker[k] for k in (key or "").split("|") if k in by_speaker), None)
        active = run if run is not None and _continues(run, quote, paragraph) else resumed
        merged = _merge(decision.found, active.found) if active is not None and speech_cue(quote) else None
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
        elif speech_cue(quote) or (active is None and key is not None and run is not None
                                    and not same_speaker(key, run.speaker)):
            run = None  # a quote that neither continues the run nor places itself closes it
        if run is not None and run.speaker is not None:
            by_speaker.update((k, run) for k in run.speaker.split("|"))


def carry_backward(index: ClauseIndex, quotes: Sequence[Quote], order: list[int], decisions: list[Decision]) -> None:
    """Complete a quote from the same speaker's next quote in the same or next paragraph
    ("Sanders offered advice on Friday. ... Sanders told MSNBC's Morning Joe ...")."""
    later: _Run | None = None
    named_in_body = {k for q in quotes if position(q) >= index.headline_end for k in (speaker_key(q) or "").split("|")}
    for i in reversed(order):
        quote, decision = quotes[i], decisions[i]
        placed = _placed(decision.found, quote)
        if not speech_cue(quote) and placed is None:
            continue
        paragraph = index.paragraph(position(quote))
        key = speaker_key(quote)
        # A pronoun refers back, not forward: only a name or a description takes from a later quote;
        # a headline takes from the lead it sums up, whoever it names ("Lawmaker urges ..."),
        # unless it names a speaker of the body ("Politifact: ...").
        headline = (later is not None and position(quote) < index.headline_end
                    and paragraph >= later.paragraph - 2 and not set((key or "").split("|")) & named_in_body)
        if later is not None and speech_cue(quote) and (headline or _backward_continues(later, quote, key, paragraph)):
            merged = _merge(decision.found, later.found)
            if merged is not None:
                decision.take(merged, _LATER)
                later.found, later.paragraph = merged, paragraph
                later.speaker = later.speaker or key
                continue
        if placed is not None and later is not None and not speech_cue(quote):
            compatible = _merge(placed, later.found)
            if compatible is not None:  # a poll or a stance on the same occasion does not end the run
                later.found, later.paragraph = compatible, paragraph
                later.speaker = later.speaker or key
                continue
        later = _Run(placed, _LATER, key, paragraph) if placed is not None else None


def position(quote: Quote) -> int:
    return quote.cue.start if quote.cue is not None else quote.content.start
