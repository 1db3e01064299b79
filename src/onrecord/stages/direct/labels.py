"""Speaker labels: ``NAME: words`` lines, where a colon is the whole cue.

Two shapes carry no reporting verb at all:
- transcripts, a capitalised speaker label opening each turn (``WALLACE: Let's start
  with …``, often inside a multi-paragraph quotation): the turn is the label's direct
  speech;
- headlines that put the source before a colon (``Pence: Flowers Won't Be at Debate``,
  ``Poll: Voters Abandon …``): a reported claim of that source.

A label is taken only when it looks like a speaker: transcript labels count once the
article reads as a transcript (``_transcript_speakers``), never a section word
(``UPDATE``, ``BYLINE``: ``data/not_speaker_labels.txt``); a headline source is a source
noun (``poll``, ``survey``) or a name the article body uses again.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace

from onrecord.intervals import Intervals
from onrecord.kinds import CueKind, QuoteKind
from onrecord.lexicon import load_word_set
from onrecord.records import Evidence, Quote, Span
from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.parse.paragraphs import Paragraphs

STAGE = "labels"
NOT_SPEAKERS = load_word_set("not_speaker_labels.txt")
SOURCE_NOUNS = load_word_set("headline_source_nouns.txt")
# "WALLACE:", "JAKE TAPPER:", "O'ROURKE:" at a line's start, after an opening mark if any.
TRANSCRIPT_LABEL = re.compile(r"[\"“]?([A-Z][A-Z.'’-]*(?: [A-Z][A-Z.'’-]*){0,3}): +(?=\S)")
# "Pat Caddell:", "AP-GfK Poll:" opening a headline.
HEADLINE_LABEL = re.compile(r"([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}): +(?=\S)")
MARGIN = frozenset(" \t\n\"“”")
FUNCTION_WORDS = frozenset({"the", "a", "an", "of", "over", "in", "on", "at", "to", "for", "and", "or", "with", "is"})


def _label_words(label: str) -> list[str]:
    return [w.strip(".'’-").lower() for w in label.split()]


def _transcript_speakers(text: str, starts: Sequence[int]) -> set[str]:
    """The labels (by last word) that open lines as speakers.  Section words never do; the
    others do once the article reads as a transcript: two lines or more open with labels,
    and one label opens two lines or is a name the article also writes in ordinary case."""
    found: Counter[str] = Counter()
    for at in starts:
        m = TRANSCRIPT_LABEL.match(text, at)
        if m and " ".join(_label_words(m.group(1))) not in NOT_SPEAKERS:
            found[_label_words(m.group(1))[-1]] += 1
    if sum(found.values()) < 2:
        return set()  # one label line is a dateline ("LONDON: …") or a kicker, not a transcript
    if any(count >= 2 or re.search(rf"\b{re.escape(word.capitalize())}\b", text) for word, count in found.items()):
        return set(found)
    return set()


def _transcript_turn(text: str, lines: Paragraphs, at: int, speakers: set[str]) -> tuple[Span, Span, Span] | None:
    """(speaker label, colon, turn) of the line at ``at``, when it opens with a speaker label."""
    m = TRANSCRIPT_LABEL.match(text, at)
    if m is None or _label_words(m.group(1))[-1] not in speakers:
        return None
    words = _trimmed(text, m.end(), lines.line_end(m.end()))
    if words is None:
        return None
    colon = m.end(1)
    return Span.of(text, m.start(1), m.end(1)), Span.of(text, colon, colon + 1), words


def _transcript_evidence(label: Span) -> Evidence:
    return Evidence(STAGE, "transcript-label", f"{label.text!r} opens the line as a speaker label")


def _named_in_body(text: str, body_start: int, word: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text[body_start:]) is not None


def _headline(context: ArticleContext) -> Quote | None:
    """``Source: claim`` as the article's first line.  Headline case leaves the tagger
    guessing, so the source is judged by the text: a source noun (``Poll``), or capitalised
    words without function words whose last one the article body names again."""
    if context.headline is None:
        return None
    doc, text, end = context.doc, context.text, context.headline.end
    m = HEADLINE_LABEL.match(text[:end])
    if m is None or " ".join(_label_words(m.group(1))) in NOT_SPEAKERS:
        return None
    words = m.group(1).split()
    if words[-1].lower() not in SOURCE_NOUNS and (
        any(w.lower() in FUNCTION_WORDS for w in words) or not _named_in_body(text, end, words[-1])
    ):
        return None
    claim = doc.char_span(m.end(), end, alignment_mode="contract")
    if claim is None or sum(t.is_alpha for t in claim) < 4:
        return None
    stop = claim.end_char
    while stop > claim.start_char and text[stop - 1] in ".!? ":
        stop -= 1
    return Quote(
        kind=QuoteKind.INDIRECT,
        cue_kind=CueKind.COLON,
        content=Span.of(text, claim.start_char, stop),
        cue=Span.of(text, m.end(1), m.end(1) + 1),
        speaker=Span.of(text, m.start(1), m.end(1)),
        confidence=0.7,
        evidence=(Evidence(STAGE, "headline-label", f"the headline puts {m.group(1)!r} before a colon"),),
    )


def _trimmed(text: str, start: int, end: int) -> Span | None:
    while end > start and text[end - 1] in MARGIN:
        end -= 1
    while start < end and text[start] in MARGIN:
        start += 1
    return Span.of(text, start, end) if start < end else None


def _split_turns(text: str, lines: Paragraphs, quote: Quote, speakers: set[str]) -> list[Quote]:
    """A direct quote cut at every line inside it that opens with a speaker label: one
    quote per turn (a transcript in a multi-paragraph quotation is many speakers' words)."""
    starts = lines.starts
    first_line = lines.line_start(quote.content.start)
    inside = starts[bisect.bisect_left(starts, first_line):bisect.bisect_left(starts, quote.content.end)]
    turns = [(at, turn) for at in inside if (turn := _transcript_turn(text, lines, at, speakers)) is not None]
    turns = [(at, turn) for at, turn in turns if turn[1].start >= quote.content.start]
    if not turns:
        return [quote]
    out = []
    lead = _trimmed(text, quote.content.start, turns[0][1][0].start)
    if lead is not None:
        out.append(replace(quote, content=lead))
    ends = [at for at, _ in turns[1:]] + [quote.content.end]
    for (_, (label, colon, words)), end in zip(turns, ends):
        content = _trimmed(text, words.start, end)
        if content is not None:
            out.append(replace(quote, content=content, cue=colon, cue_kind=CueKind.COLON, speaker=label, confidence=0.8,
                               evidence=quote.evidence + (_transcript_evidence(label),)))
    return out


def speaker_labels(context: ArticleContext, quotes: Sequence[Quote]) -> list[Quote]:
    """The direct quotes cut into transcript turns, each with its label as speaker and the
    colon as cue, plus the turns outside quotation marks and a ``Source: claim`` headline,
    all in text order."""
    text, lines = context.text, context.paragraphs
    speakers = _transcript_speakers(text, lines.starts)
    out: list[Quote] = []
    for q in quotes:
        out.extend(_split_turns(text, lines, q, speakers) if q.kind == "direct" and speakers else [q])
    quoted = Intervals((q.content.start, q.content.end) for q in quotes)
    for at in lines.starts if speakers else ():
        turn = _transcript_turn(text, lines, at, speakers)
        if turn is None or quoted(turn[1].start):
            continue
        label, colon, words = turn
        out.append(Quote(kind=QuoteKind.DIRECT, content=words, cue=colon, cue_kind=CueKind.COLON, speaker=label, confidence=0.8,
                         evidence=(_transcript_evidence(label),)))
    headline = _headline(context)
    if headline is not None and not quoted.overlaps(headline.content.start, headline.content.end):
        out.append(headline)
    return sorted(out, key=lambda q: q.content.start)
