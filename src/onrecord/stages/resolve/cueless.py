"""Quote paragraphs with no cue: who speaks, where news convention makes it safe.

A paragraph that is all quotation and has no cue of its own is spoken by

* the speaker of the previous paragraph's attribution, when that attribution ends the
  paragraph (``Her daughter said the family would hold a memorial.`` then ``"She'd want
  people dancing."``): nothing stands between them, so nobody else intervenes;
* else the subject of the previous paragraph when it is a narration paragraph about one
  person (``His wife, Joanne, stood beside him.`` or ``He remembers one night above all:``),
  the person it just introduced.

Quotes that already continue a direct quote (``stages.direct``) are left as they are.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence

from spacy.tokens import Token

from onrecord.kinds import QuoteKind
from onrecord.lexicon import pronouns
from onrecord.records import Evidence, Quote, Span
from onrecord.stages.parse.context import ArticleContext

STAGE = "resolve"
TAIL = 40  # characters after an attribution that may still close its paragraph (", she said on Sunday.")
QUOTE_OPENERS = "\"“‘'«"


def _extent(quote: Quote) -> tuple[int, int]:
    spans = [s for s in (quote.content, quote.cue, quote.speaker) if s is not None]
    return min(s.start for s in spans), max(s.end for s in spans)


def _opens_paragraph(context: ArticleContext, quote: Quote) -> bool:
    start = context.paragraphs.line_start(quote.content.start)
    return context.text[start:quote.content.start].strip().strip(QUOTE_OPENERS) == ""


def _person_subject(context: ArticleContext, start: int, end: int) -> Span | None:
    """The subject of a narration paragraph's first sentence when it names or is one person."""
    span = context.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return None
    root = next((t for t in span if t.dep_ == "ROOT"), None)
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None) if root is not None else None
    if subject is None:
        return None
    name = next((c for c in subject.children if c.dep_ == "appos" and c.ent_type_ == "PERSON"), None)
    chosen: Token | None = name or (subject if subject.ent_type_ == "PERSON" or subject.lower_ in ("he", "she") else None)
    if chosen is None:
        return None
    left = min(t.i for t in chosen.subtree if t.i <= chosen.i and (t.ent_type_ == "PERSON" or t.i == chosen.i))
    a, b = context.doc[left].idx, chosen.idx + len(chosen)
    return Span.of(context.text, a, b)


def previous_paragraph_speakers(context: ArticleContext, quotes: Sequence[Quote]) -> list[Quote]:
    """The quotes, a cue-less quote paragraph given the speaker mention convention points at."""
    out = list(quotes)
    order = sorted(range(len(out)), key=lambda i: out[i].content.start)
    starts = context.paragraphs.starts
    for position, i in enumerate(order):
        quote = out[i]
        if quote.kind is not QuoteKind.DIRECT or quote.speaker is not None or quote.cue is not None:
            continue
        if not _opens_paragraph(context, quote):
            continue
        paragraph = context.paragraphs.index(quote.content.start)
        if paragraph < 2:  # the headline's paragraph and the first have nothing before them
            continue
        p0, p1 = starts[paragraph - 1], starts[paragraph]
        body = context.text[p0:p1].rstrip()
        before = [out[j] for j in order[:position] if p0 <= _extent(out[j])[0] < p1]
        speaker: Span | None
        if before:
            last = max(before, key=lambda q: _extent(q)[1])
            speaker = last.speaker
            if speaker is None or p0 + len(body) - _extent(last)[1] > TAIL:
                continue
            rule, why = "continues-previous-paragraph", "no cue; the previous paragraph's attribution ends just before it"
        else:
            speaker = _person_subject(context, p0, p0 + len(body))
            if speaker is None or speaker.text.lower() in pronouns().first_person:
                continue
            rule, why = "introduced-in-previous-paragraph", "no cue; the paragraph before is about this person"
        out[i] = dataclasses.replace(quote, speaker=speaker, evidence=(*quote.evidence, Evidence(STAGE, rule, why)))
    return out
