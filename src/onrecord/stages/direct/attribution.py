"""Attach cue and speaker: find the reporting verb (or colon, dash, ``according to``) that
introduces each quoted span and the mention of who said it.

Each quote looks in its *frame*: the words of its own sentence outside the marks, first
after the quote (``"…," he said``), then before it (``She said: "…"``), then in the
sentence that introduces it (``He had a message: "…"``).  A quote with no cue of its own
takes the cue and speaker of the quote it continues, where news convention makes that safe.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Token

from onrecord.intervals import Intervals
from onrecord.kinds import CueKind, QuoteKind
from onrecord.lexicon import load_word_set
from onrecord.records import Evidence, Quote, Span
from onrecord.stages.cues.lexicon import REPORTING_VERBS
from onrecord.stages.cues.spans import SUBJECT_DEPS, governed_cue
from onrecord.stages.parse.context import ArticleContext
from onrecord.stages.quotes.marks import QuotedSpan
from onrecord.stages.quotes.speech import QuoteUseDecision

NOUN_POS = frozenset({"PROPN", "NOUN", "PRON"})
DASH = re.compile(r"[ \t\xa0]*[—–―-]{1,2}[ \t\xa0]*(?=[A-Z@])")
NAME_COLON = re.compile(r"([A-Z][\w.'’ -]{0,40}?)\s*:\s*$")
PHRASE_BREAKS = frozenset({",", "(", ")", "—", "–", "―", ";", ":", '"', "“", "”"})
OPENING_MARKS = frozenset({'"', "“"})
CLOSING_MARKS = frozenset({'"', "”"})
TITLE_WORDS = 6  # the longest quoted title read as part of a mention
TIME_NOUNS = load_word_set("time_nouns.txt")
MENTION_PREPOSITIONS = frozenset({"of", "for", "at", "from"})


@dataclass(frozen=True, slots=True)
class Found:
    """A cue and speaker found for one quote, with the rule that found them."""

    cue: Span | None
    speaker: Span | None
    rule: str
    why: str
    confidence: float
    cue_kind: CueKind | None = None


def noun_phrase(token: Token, *, outside: tuple[int, int]) -> list[Token]:
    """The mention a subject token heads: its left modifiers and ``of``-phrases, not clauses
    after a comma (``the mayor of Ohio, who …``) and never words inside the quote."""
    q0, q1 = outside
    doc = token.doc
    keep = {t.i for t in token.subtree if not (q0 <= t.idx < q1)}
    start = end = token.i
    while start - 1 in keep:
        if doc[start - 1].text not in PHRASE_BREAKS:
            start -= 1
            continue
        title = _quoted_title_before(doc, start, keep)
        if title is None:
            break
        start = title
    while end + 1 in keep and _extends_mention(doc[end + 1]):
        end += 1
    while start < token.i and doc[start].pos_ in ("PUNCT", "CCONJ", "ADP") and _quoted_title_before(doc, start, keep) is None \
            and not (doc[start].text in OPENING_MARKS and any(doc[k].text in CLOSING_MARKS for k in range(start + 1, token.i))):
        start += 1
    return list(doc[start:end + 1])


def _quoted_title_before(doc, start: int, keep: set[int]) -> int | None:
    """Where a short quoted title just before ``start`` opens (``The “All of Me” singer``,
    ``“The Voice” coach``): a premodifier of the mention, not the end of a quotation."""
    if start < 1 or doc[start - 1].text not in CLOSING_MARKS:
        return None
    for j in range(start - 2, max(-1, start - 2 - TITLE_WORDS), -1):
        if doc[j].text in OPENING_MARKS:  # the parser may hang the opening mark on the verb
            return j if j < start - 2 else None
        if j not in keep:
            return None
    return None


def _extends_mention(t: Token) -> bool:
    if t.text in PHRASE_BREAKS or t.dep_ in ("relcl", "acl", "appos", "advcl"):
        return False
    return not (t.dep_ == "prep" and t.lower_ not in MENTION_PREPOSITIONS)


class Attributor:
    """Finds cue and speaker for the spoken quotes of one parsed article."""

    def __init__(self, context: ArticleContext, quoted: Sequence[QuotedSpan]):
        self.doc = context.doc
        self.text = context.text
        self.lines = context.paragraphs
        self.sentences = context.sentences
        self.quoted = sorted(quoted, key=lambda q: q.outer_start)
        # the spoken quotes' words, marks included, are nobody's frame
        self.in_quote = Intervals((q.outer_start, q.outer_end) for q in self.quoted)

    def _token_span(self, tokens: Sequence[Token]) -> Span:
        return Span.of(self.text, tokens[0].idx, tokens[-1].idx + len(tokens[-1]))

    def _tokens_between(self, start: int, end: int) -> list[Token]:
        span = self.doc.char_span(start, end, alignment_mode="contract")
        if span is None:
            return []
        return [t for t in span if not self.in_quote(t.idx)]

    def _is_cue_word(self, t: Token) -> bool:
        if t.lower_ == "according":
            return t.i + 1 < len(self.doc) and self.doc[t.i + 1].lower_ == "to"
        return t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in REPORTING_VERBS

    def _reporting_verb(self, tokens: Sequence[Token], *, nearest_last: bool) -> Token | None:
        """The reporting verb among ``tokens`` nearest the quote; speech verbs before thought verbs."""
        candidates = [t for t in tokens if self._is_cue_word(t)]
        speech = [t for t in candidates if REPORTING_VERBS.get(t.lemma_.lower(), "speech") == "speech"]
        pool = speech or candidates
        if not pool:
            return None
        return pool[-1] if nearest_last else pool[0]

    def _speaker_of(self, verb: Token, quote: tuple[int, int], frame: Sequence[Token]) -> tuple[list[Token] | None, str]:
        if verb.lower_ == "according":
            objects = [t for t in verb.nbor(1).children if t.dep_ == "pobj"]
            if objects:
                return noun_phrase(objects[0], outside=quote), "according-to"
            after = [t for t in self.doc[verb.i + 2: verb.i + 8] if t.pos_ in NOUN_POS]
            return ([after[0]] if after else None), "according-to"
        subjects = [t for t in verb.children if t.dep_ in SUBJECT_DEPS and not self.in_quote(t.idx)]
        if subjects:
            return noun_phrase(subjects[0], outside=quote), "subject-of-cue"
        agents = [g for t in verb.children if t.dep_ == "agent" for g in t.children if g.dep_ == "pobj"]
        if agents:
            return noun_phrase(agents[0], outside=quote), "agent-of-passive-cue"
        # "…, saying …" / "and added": the participle or conjunct shares its head's subject.
        head = verb.head
        if verb.dep_ in ("advcl", "xcomp", "conj", "ccomp") and head.i != verb.i:
            subjects = [t for t in head.children if t.dep_ in SUBJECT_DEPS and not self.in_quote(t.idx)]
            if subjects:
                return noun_phrase(subjects[0], outside=quote), "subject-of-governing-verb"
        # The parser lost the subject: "…," Tulsa police Chief Chuck Jordan said Monday.
        before = [t for t in frame if t.i < verb.i and t.idx >= quote[1] and t.pos_ in NOUN_POS]
        if before:  # the first noun after the quote: a name comes before its apposition
            return noun_phrase(_phrase_head(before[0], verb), outside=quote), "noun-before-cue"
        # Inverted order the parser mislabels: "…," said the mayor.
        for t in self.doc[verb.i + 1: verb.i + 8]:
            if self.in_quote(t.idx) or (t.is_punct and t.text not in ("'s", "’s")):
                break
            if t.pos_ in NOUN_POS and t.lower_ not in TIME_NOUNS and t.ent_type_ not in ("DATE", "TIME"):
                return noun_phrase(_phrase_head(t, verb), outside=quote), "noun-after-cue"
        return None, "no-subject"

    def _cue_tokens(self, verb: Token) -> list[Token]:
        if verb.lower_ == "according":
            return [verb, verb.nbor(1)]
        # "went on to say": a quote's cue takes its governing verbs, but not across an object
        # ("uses footage of X asking" is X's cue, not the footage user's).
        first, last = governed_cue(verb, carry_objects=False)
        return [t for t in self.doc[first:last] if not self.in_quote(t.idx)] or [verb]

    def find(self, k: int) -> Found | None:
        """Cue and speaker for the ``k``-th quote, or None when the text names neither."""
        q = self.quoted[k]
        outer = (q.outer_start, q.outer_end)
        para_start = self.lines.line_start(outer[0])
        para_end = self.lines.line_end(outer[1])
        right_end = min(para_end, self.quoted[k + 1].outer_start) if k + 1 < len(self.quoted) else para_end
        left_start = max(para_start, self.quoted[k - 1].outer_end) if k > 0 else para_start
        closes_sentence = self.text[q.end - 1: q.end] in ".!?" and q.closed
        stop = self.sentences.first_end(outer[1], right_end)
        right_limit = stop.start() + 1 if stop else right_end
        dashed = self._dash_attribution(outer, right_limit, closes_sentence)
        if dashed is not None:
            return dashed
        last_break = self.sentences.last_end(left_start, outer[0])
        left_from = last_break.end() if last_break else left_start
        sides = [("after", outer[1], right_limit), ("before", left_from, outer[0])]
        if closes_sentence and self.text[left_from:outer[0]].strip():
            sides.reverse()  # "She said: "A full sentence."" reads its cue before the quote
        for side, a, b in sides:
            tokens = self._tokens_between(a, b)
            verb = self._reporting_verb(tokens, nearest_last=(side == "before"))
            if verb is None:
                continue
            speaker, rule = self._speaker_of(verb, outer, tokens)
            return Found(
                self._token_span(self._cue_tokens(verb)),
                self._token_span(speaker) if speaker else None,
                f"cue-{side}-quote:{rule}",
                f"reporting verb {verb.text!r} {side} the quote; speaker by {rule}",
                0.9 if speaker else 0.6, _verb_kind(verb),
            )
        colon = NAME_COLON.search(self.text, left_from, outer[0])
        if colon:
            colon_at = colon.end(1) + colon.group()[len(colon.group(1)):].index(":")
            return Found(
                Span.of(self.text, colon_at, colon_at + 1), Span.of(self.text, colon.start(1), colon.end(1)),
                "colon-after-name", "a name and a colon introduce the quote", 0.75, CueKind.COLON,
            )
        return self._introducing_sentence(outer, left_from) or self._previous_sentence(outer, left_start, left_from)

    def _previous_sentence(self, outer: tuple[int, int], left_start: int, left_from: int) -> Found | None:
        """``Mr. Clarke said. "…"``: a quote opening a sentence right after a sentence of
        attribution in the same paragraph continues that attribution."""
        if self.text[left_from:outer[0]].strip() or left_from <= left_start:
            return None
        previous_end = self.sentences.last_end(left_start, max(left_start, left_from - 1))
        tokens = self._tokens_between(previous_end.end() if previous_end else left_start, left_from)
        verb = self._reporting_verb(tokens, nearest_last=True)
        if verb is None:
            return None
        speaker, rule = self._speaker_of(verb, outer, tokens)
        if speaker is None:
            return None
        return Found(
            self._token_span(self._cue_tokens(verb)), self._token_span(speaker),
            f"cue-in-previous-sentence:{rule}",
            f"the sentence before the quote attributes with {verb.text!r}", 0.75, _verb_kind(verb),
        )

    def _dash_attribution(self, outer: tuple[int, int], right_limit: int, closes_sentence: bool) -> Found | None:
        """``"…" — Jane Doe``: a dash and a name right after the quote."""
        dash = DASH.match(self.text, outer[1])
        if dash is None or (closes_sentence and right_limit - outer[1] >= 60):
            return None
        names = self._tokens_between(dash.end(), right_limit)
        head = next((t for t in names if t.pos_ in ("PROPN", "NOUN")), None)
        if head is None:
            return None
        cue_at = dash.start() + len(dash.group()) - len(dash.group().lstrip())
        return Found(
            Span.of(self.text, cue_at, cue_at + 1),
            self._token_span(noun_phrase(_phrase_head(head), outside=outer)),
            "dash-attribution", "a dash and a name follow the quote", 0.85, CueKind.DASH,
        )

    def _introducing_sentence(self, outer: tuple[int, int], left_from: int) -> Found | None:
        """``He had a message for voters: "…"``, or the paragraph before ending in a colon."""
        colon_at = left_from - 1
        while colon_at >= 0 and self.text[colon_at].isspace():
            colon_at -= 1
        if colon_at < 0 or self.text[colon_at] != ":":
            return None
        previous_end = self.sentences.last_end(max(0, colon_at - 600), colon_at)
        sentence_start = max(self.lines.line_start(colon_at), previous_end.end() if previous_end else 0)
        tokens = self._tokens_between(sentence_start, colon_at)
        verb = self._reporting_verb(tokens, nearest_last=True)
        if verb is None:  # "X had a message:": the main verb with a subject introduces it
            verb = next((t for t in tokens if t.pos_ in ("VERB", "AUX") and _has_subject(t)), None)
        if verb is None:
            return None
        speaker, rule = self._speaker_of(verb, outer, tokens)
        return Found(
            self._token_span(self._cue_tokens(verb)),
            self._token_span(speaker) if speaker else None,
            f"introduced-by-colon-sentence:{rule}",
            f"the sentence before ends with a colon; its verb {verb.text!r} introduces the quote",
            0.7, _verb_kind(verb),
        )


def _verb_kind(verb: Token) -> CueKind:
    return CueKind.ACCORDING_TO if verb.lower_ == "according" else CueKind.VERB


def _phrase_head(token: Token, verb: Token | None = None) -> Token:
    """Climb from a word to the head of its noun phrase, without crossing the cue."""
    head = token
    while head.head.i not in (head.i, verb.i if verb is not None else -1) and head.head.pos_ in NOUN_POS and abs(head.head.i - token.i) < 8:
        head = head.head
    return head


def _has_subject(token: Token) -> bool:
    return any(child.dep_ in SUBJECT_DEPS for child in token.children)


def attribute(context: ArticleContext, quoted: Sequence[tuple[QuotedSpan, QuoteUseDecision]]) -> list[Quote]:
    """Build direct ``Quote`` records for the spoken quoted spans of a parsed article."""
    ordered = sorted(quoted, key=lambda pair: pair[0].outer_start)
    attributor = Attributor(context, [q for q, _ in ordered])
    quotes: list[Quote] = []
    previous: Quote | None = None
    text = attributor.text
    for k, (span, use) in enumerate(ordered):
        found = attributor.find(k)
        evidence = [
            Evidence("find-quotes", span.rule, f"quotation marks paired ({span.paragraphs} paragraph(s))"),
            Evidence("classify", use.rule, use.why),
        ]
        if found is None and previous is not None and _continues(text, context.paragraphs.line_start(span.start), previous, span):
            found = Found(previous.cue, previous.speaker, "continues-previous-quote",
                          "no cue of its own; continues the quote before it from the same speaker", 0.7, previous.cue_kind)
        if found is None:
            found = Found(None, None, "no-cue", "no reporting verb, dash or colon near the quote", 0.4)
        evidence.append(Evidence("attribute", found.rule, found.why))
        quote = Quote(
            kind=QuoteKind.DIRECT,
            content=Span(text[span.start:span.end], span.start, span.end),
            cue=found.cue,
            cue_kind=found.cue_kind,
            marks=span.rule,
            speaker=found.speaker,
            confidence=round(span.confidence * found.confidence, 3),
            evidence=tuple(evidence),
        )
        quotes.append(quote)
        if quote.speaker is not None:
            previous = quote
    return quotes


def _continues(text: str, para_start: int, previous: Quote, span: QuotedSpan) -> bool:
    """A quote with no cue continues the previous speaker when nothing but the quote
    stands between them: later in the same paragraph, or a paragraph that is all quote."""
    if span.outer_start - previous.content.end > 400:
        return False
    gap = text[previous.content.end:span.outer_start]
    if gap.count("\n\n") > 1:
        return False
    if "\n" not in gap:
        return True
    return text[para_start:span.outer_start].strip() == ""
