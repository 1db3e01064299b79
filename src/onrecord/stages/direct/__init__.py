"""Direct attribution: the quoted spans that are speech, with their cue and speaker
(``attribution``), cut into transcript turns and joined by ``Source: claim`` headlines
(``labels``)."""

from __future__ import annotations

from dataclasses import dataclass

from onrecord.records import Quote, Skipped
from onrecord.stages.direct.attribution import attribute
from onrecord.stages.direct.labels import speaker_labels
from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.quotes.marks import QuotedSpan
from onrecord.stages.quotes.speech import classify_quoted


@dataclass(frozen=True, slots=True)
class DirectFindings:
    """What the quotation marks give, before indirect attribution: the direct quotes (and
    colon-labelled turns and headlines), the quoted fragments that can make a clause mixed,
    and what was skipped and why."""

    quotes: list[Quote]
    fragments: list[QuotedSpan]
    skipped: list[Skipped]


def find_direct(context: ArticleContext) -> DirectFindings:
    """Pair the quotation marks of a parsed article, tell speech from titles and fragments,
    and attribute the speech (also what ``scripts/train_indirect_model.py`` builds on)."""
    text = context.text
    skipped = [Skipped(s.at, s.at + 1, s.reason) for s in context.marks.strays]
    spoken, fragments = [], []
    for span in context.marks.spans:
        use = classify_quoted(text, span)
        if use.use == "speech":
            spoken.append((span, use))
        else:
            skipped.append(Skipped(span.start, span.end, f"{use.use}: {use.why}"))
            if use.use == "fragment":
                fragments.append(span)
    return DirectFindings(speaker_labels(context, attribute(context, spoken)), fragments, skipped)
