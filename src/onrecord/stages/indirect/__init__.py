"""Indirect and mixed attribution: reported speech and thought outside quotation marks.

``find_indirect`` reads the dependency parse for cue candidates (``cues``), cuts each
candidate's content to the complement annotators mark (``content``), lets the cue model
(``model``) weigh it, and keeps the best candidates under PolNeAR's rule that a word has
at most one role in at most one attribution (the more probable first; a report nested in
a kept content is part of it).  A content holding quoted words becomes ``mixed`` and takes the place of the
direct quote it swallows (``mixed``).
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from spacy.tokens import Doc

from onrecord.intervals import Intervals
from onrecord.kinds import CueKind, QuoteKind, Relation, SpeechAct
from onrecord.records import Evidence, Quote, Span
from onrecord.stages.cues.lexicon import lexicon_act
from onrecord.stages.direct.attribution import noun_phrase
from onrecord.stages.indirect.acts import act_of
from onrecord.stages.indirect.candidates import Candidate, find_candidates
from onrecord.stages.indirect.content import content_range, trim_end
from onrecord.stages.indirect.mixed import overlap, own_words, quoted_ranges
from onrecord.stages.indirect.model import CueModel, features, load_model
from onrecord.stages.indirect.pieces import other_piece
from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.quotes.marks import QuotedSpan

__all__ = ["IndirectResult", "Proposal", "Scored", "find_indirect", "kept_by_rule", "propose", "select"]

STAGE = "indirect"


@dataclass(frozen=True, slots=True)
class IndirectResult:
    """The indirect and mixed quotes found, and the direct quotes that are now part of a
    mixed one and give way to it."""

    quotes: tuple[Quote, ...]
    replaced: frozenset[Quote]


@dataclass(frozen=True, slots=True)
class Proposal:
    """A cue candidate with its content cut out: token and character ranges, whether it
    holds quoted words (``mixed``) and which direct quotes it swallows.  ``across`` is the
    token range of the content's other piece when the cue interrupts it (``pieces``)."""

    candidate: Candidate
    content: tuple[int, int]  # token range
    chars: tuple[int, int]
    kind: QuoteKind
    holds: tuple[Quote, ...]
    across: tuple[int, int] | None = None

    def words(self) -> set[int]:
        """The tokens of the whole content, both pieces."""
        out = set(range(*self.content))
        return out | set(range(*self.across)) if self.across else out


@dataclass(frozen=True, slots=True)
class Scored:
    """A proposal with the cue model's probability (or the threshold, for one kept by rule)."""

    proposal: Proposal
    probability: float
    act: SpeechAct = SpeechAct.SPEECH
    cut: bool = False  # the content was ended at a report kept before it


def _char_range(doc: Doc, start: int, end: int) -> tuple[int, int]:
    last = doc[end - 1]
    return doc[start].idx, last.idx + len(last)


class _Nearby:
    """Quoted stretches sorted by start, found by overlap in logarithmic time (plus hits)."""

    def __init__(self, items: Sequence[tuple[int, int, tuple[str, Any]]]):
        self._items = sorted(items, key=lambda item: item[0])
        self._reach: list[int] = []  # the furthest end among items so far: non-decreasing
        for a, b, _ in self._items:
            self._reach.append(max(b, self._reach[-1]) if self._reach else b)

    def within(self, start: int, end: int) -> list[tuple[str, Any]]:
        hits = []
        for a, b, payload in self._items[bisect.bisect_right(self._reach, start):]:
            if a >= end:
                break
            if b > start:
                hits.append(payload)
        return hits


def _proposal(doc: Doc, text: str, candidate: Candidate, direct: Sequence[Quote], nearby: _Nearby) -> Proposal | None:
    tokens = content_range(doc, candidate)
    if tokens is None:
        return None
    start, end = _char_range(doc, *tokens)
    near = nearby.within(start - 1, end + 1)
    near_direct = [q for kind, q in near if kind == "direct"]
    fragments = [f for kind, f in near if kind == "fragment"]
    marks = quoted_ranges(near_direct, fragments)
    for opened, closed in marks:  # a clause cut inside quoted words runs on to the closing mark
        if start <= opened < end < closed:
            span = doc.char_span(start, closed, alignment_mode="expand")
            if span is not None and not any(t.is_sent_start for t in span[1:]):
                tokens = (tokens[0], span.end)
                start, end = _char_range(doc, *tokens)
    if any(q.content.start <= start < q.content.end for q in near_direct):
        return None  # a clause opening inside a direct quote is that quote's, not a report of it
    for q in near_direct:  # "…, while chanting, "Hands up"": a quote with its own cue stays its own
        if q.cue is not None and start < q.cue.start < end and q.content.start > q.cue.start:
            cut = doc.char_span(start, q.cue.start, alignment_mode="contract")
            tokens = trim_end(doc, tokens[0], tokens[0] + len(cut)) if cut is not None else None
            if tokens is None:
                return None
            start, end = _char_range(doc, *tokens)
    held = overlap(start, end, near_direct, fragments)
    if any(q.marks is None or not q.marks.both_marks for q in held.direct):
        return None  # marks recovered by guesswork are no ground to rewrite a direct quote
    if held.quoted_chars:
        if held.direct and own_words(text, start, end, marks) < 2:
            return None  # the cue of a direct quote, which the direct attributor reports
        kind = QuoteKind.MIXED  # a fragment ("called it “a disaster”") is nobody's quote but this one's
    else:
        kind = QuoteKind.INDIRECT
    across = other_piece(doc, candidate, tokens)
    if across is not None and nearby.within(*_char_range(doc, *across)):
        across = None  # quoted words beyond the interruption are a quotation's own
    return Proposal(candidate, tokens, (start, end), kind, held.direct, across)


def propose(context: ArticleContext, direct: Sequence[Quote], *, fragments: Sequence[QuotedSpan]) -> list[Proposal]:
    """Every candidate attribution the parse offers, before the cue model weighs it."""
    doc, text = context.doc, context.text
    in_direct = Intervals([(q.content.start - 1, q.content.end + 1) for q in direct])
    nearby = _Nearby(
        [(q.content.start - 1, q.content.end + 1, ("direct", q)) for q in direct]
        + [(f.outer_start, f.outer_end, ("fragment", f)) for f in fragments]
    )
    found = []
    for candidate in find_candidates(doc, blocked=in_direct):
        proposal = _proposal(doc, text, candidate, direct, nearby)
        if proposal is not None:
            found.append(proposal)
    return found


def _reporting_noun_clause(doc: Doc, proposal: Proposal) -> bool:
    """``X's claim that …``, ``the warning that …``: a reporting noun with a that-clause
    reports by rule, however rarely the train split shows one."""
    c = proposal.candidate
    return c.relation.is_noun_clause and doc[proposal.content[0]].lower_ == "that" and c.source is not None


def _inverted_speech(doc: Doc, proposal: Proposal) -> bool:
    """``…, warned the minister.``: a speech verb closing its clause, its speaker after it."""
    c = proposal.candidate
    return c.relation is Relation.PARENTHETICAL_INVERTED and lexicon_act(doc[c.head].lemma_.lower()) == "speech"


def kept_by_rule(doc: Doc, proposal: Proposal) -> bool:
    """Whether a proposal reports by rule, whatever the cue model says (it then scores at
    least the model's threshold)."""
    return _reporting_noun_clause(doc, proposal) or _inverted_speech(doc, proposal)


def _free_run(doc: Doc, proposal: Proposal, taken: set[int]) -> tuple[int, int] | None:
    """The stretch of a content left around the words of reports already kept: the run of
    free tokens holding the content's root, trimmed at its edges.  PolNeAR never nests one
    attribution in another (``Lynch said [the demands erase barriers], though she noted
    [clients are ...]``), so a report inside a content ends the content there."""
    start, end = proposal.content
    root = proposal.candidate.content_root
    if root in taken or not start <= root < end:
        return None
    a = root
    while a > start and a - 1 not in taken:
        a -= 1
    b = root + 1
    while b < end and b not in taken:
        b += 1
    while a < b and (doc[a].is_punct or doc[a].is_space or doc[a].dep_ in ("cc", "mark") and a != root):
        a += 1
    return trim_end(doc, a, b) if a < b else None


def _any_blocked(tokens: range, taken: set[int], sources: set[int]) -> bool:
    return any(t in taken or t in sources for t in tokens)


def select(doc: Doc, scored: list[Scored]) -> list[Scored]:
    """Keep candidates above the threshold, best first, so that no word takes two roles;
    a report nested in a kept content is part of that content, not an attribution, and a
    content holding a report kept before it ends at that report (``_free_run``).
    (Taking the outer report first instead scores lower on train: the model ranks better.)"""
    taken: set[int] = set()  # cue and content words of kept attributions
    sources: set[int] = set()  # one speaker may head several reports ("Citing X, she said Y")
    kept: list[Scored] = []
    for s in sorted(scored, key=lambda s: (-s.probability, s.proposal.content[0])):
        p = s.proposal
        source = p.candidate.source
        if _any_blocked(range(*p.candidate.cue), taken, sources) or source is not None and source in taken:
            continue
        if p.across is not None and _any_blocked(range(*p.across), taken, sources):
            p = replace(p, across=None)
        if _any_blocked(range(*p.content), taken, sources):
            run = _free_run(doc, p, taken | sources) if p.kind is QuoteKind.INDIRECT else None
            if run is None:
                continue
            p = replace(p, content=run, chars=_char_range(doc, *run))
            s = replace(s, proposal=p, cut=True)
        elif p is not s.proposal:
            s = replace(s, proposal=p)
        taken |= set(range(*p.candidate.cue)) | p.words()
        if source is not None:
            sources.add(source)
        kept.append(s)
    return sorted(kept, key=lambda s: s.proposal.chars[0])


def _asked_of(head) -> bool:
    """``Asked whether …, she said`` / ``Kerrigan was asked whether …``: the person named was
    asked, by someone the text does not name (a reporter); a passive with its agent names who asked."""
    return head.lemma_.lower() == "ask" and head.tag_ == "VBN" and not any(c.dep_ == "agent" for c in head.children)


def _quote(doc: Doc, text: str, scored: Scored) -> Quote:
    s = scored.proposal
    c = s.candidate
    cue_start, cue_end = _char_range(doc, *c.cue)
    speaker: Span | None = None
    if c.source is not None and not _asked_of(doc[c.head]):
        mention = noun_phrase(doc[c.source], outside=s.chars)
        content_words = s.words()
        mention = [t for t in mention if t.i not in content_words]
        while mention and ("\n" in mention[0].text_with_ws or mention[0].is_punct):
            mention = mention[1:]  # a dateline or time stamp before the name
        if mention:
            a, b = _char_range(doc, mention[0].i, mention[-1].i + 1)
            speaker = Span(text[a:b], a, b)
    pieces = tuple(sorted([Span.of(text, *s.chars)] + ([Span.of(text, *_char_range(doc, *s.across))] if s.across else []),
                          key=lambda piece: piece.start))
    head = doc[c.head]
    evidence: tuple[Evidence, ...] = (
        Evidence(STAGE, f"cue:{c.relation}", f"{head.text!r} governs the content as {c.relation}"),
        Evidence(STAGE, "cue-model", f"probability {scored.probability:.2f} that {head.text!r} reports this content"),
        Evidence(STAGE, f"source:{c.source_rule}", "speaker mention by " + c.source_rule if speaker else "no source mention"),
    )
    if s.kind is QuoteKind.MIXED:
        evidence += (Evidence(STAGE, "mixed", "the reported clause holds quoted words"),)
    if scored.cut:
        evidence += (Evidence(STAGE, "content:nested-report", "the content ends where another report begins"),)
    if s.across:
        evidence += (Evidence(STAGE, "content:interrupted", "the cue and its speaker interrupt the content: two pieces"),)
    return Quote(
        kind=s.kind,
        cue_kind=CueKind.ACCORDING_TO if c.relation is Relation.ACCORDING_TO else CueKind.NOUN if c.relation.is_noun_clause else CueKind.VERB,
        content=Span.of(text, min(p.start for p in pieces), max(p.end for p in pieces)),
        pieces=pieces if len(pieces) > 1 else (),
        cue=Span(text[cue_start:cue_end], cue_start, cue_end),
        speaker=speaker,
        confidence=round(scored.probability * (1.0 if speaker else 0.8), 3),
        evidence=evidence,
        act=scored.act,
    )


def find_indirect(context: ArticleContext, direct: Sequence[Quote], *, fragments: Sequence[QuotedSpan],
                  model: CueModel | None = None) -> IndirectResult:
    """Indirect and mixed attributions of a parsed article.

    ``direct`` are the direct quotes already found (their words are nobody's cue);
    ``fragments`` are quoted spans that are not speech on their own (scare quotes, short
    phrases): inside a reported clause they make it ``mixed``.
    """
    model = model or load_model()
    doc = context.doc
    scored = []
    for proposal in propose(context, direct, fragments=fragments):
        probability = model.probability(features(doc, proposal.candidate, proposal.content))
        if kept_by_rule(doc, proposal):
            probability = max(probability, model.threshold)
        if probability < model.threshold:
            continue
        scored.append(Scored(proposal, probability, act_of(doc, proposal.candidate, proposal.content)))
    kept = select(doc, scored)
    replaced = frozenset(q for s in kept if s.proposal.kind is QuoteKind.MIXED for q in s.proposal.holds)
    return IndirectResult(tuple(_quote(doc, context.text, s) for s in kept), replaced)
