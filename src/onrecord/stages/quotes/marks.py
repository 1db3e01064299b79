"""Find quotes: pair quotation marks into quoted spans, in one linear pass over the text.

Every common style is read: straight and curly double and single marks, « », „ “, ‚ ‘ and
British single-mark quoting.  A mark's role (opens, closes, apostrophe) comes from what
flanks it, as typesetters use them, never from parity; a quote running over several
paragraphs (each reopening the mark) is one span; a missing closing or opening mark is
recovered from the paragraph and sentence structure with a lower confidence; a mark
that fits nothing is recorded as skipped with the reason.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from onrecord.kinds import MarkPairing
from onrecord.stages.parse.paragraphs import Paragraphs
from onrecord.stages.parse.sentences import first_sentence_end

Role = Literal["open", "close", "either"]

DOUBLE_MARKS = frozenset('"“”„‟«»')
SINGLE_MARKS = frozenset("'‘’‚‛‹›")
# Characters after which a mark may open (besides white space and the start of text).
OPENING_CONTEXT = frozenset("([{—–-/\u2014\u2013" + '"“„«' + "‘‚‹'")
# Characters before which a mark may close (besides white space and the end of text).
CLOSING_CONTEXT = frozenset(".,;:!?)]}—–-…/" + '"”»' + "’'›")
# Elisions that start with an apostrophe: 'em, 'til, '90s are never opening marks.
ELISION = re.compile(r"(?:em|til|n|cause|tis|twas|bout|round|s|d|ll)\b|\d", re.IGNORECASE)
# Markup left in extracted text (<tweet id="…" author="…">) quotes attribute values, not speech.
MARKUP_TAG = re.compile(r"<[A-Za-z][\w:-]*(?:\s+[\w:-]+=(?:\"[^\"<>\n]*\"|'[^'<>\n]*'|[^\s<>]*))*\s*/?>")


@dataclass(frozen=True, slots=True)
class Mark:
    """One quotation mark with its role read off its neighbours."""

    at: int
    char: str
    double: bool
    role: Role
    width: int = 1  # two for typewriter doubled marks: ''Politicking.''


@dataclass(frozen=True, slots=True)
class QuotedSpan:
    """The inside of a pair of quotation marks (``start``/``end`` exclude the marks)."""

    start: int
    end: int
    outer_start: int  # where the opening mark stands (== start when it was recovered)
    outer_end: int  # just after the closing mark (== end when it was recovered)
    rule: MarkPairing
    confidence: float
    paragraphs: int = 1

    @property
    def opened(self) -> bool:
        return self.outer_start < self.start

    @property
    def closed(self) -> bool:
        return self.outer_end > self.end


@dataclass(frozen=True, slots=True)
class StrayMark:
    """A quotation mark that closes or opens nothing the text supports."""

    at: int
    reason: str


def _role(text: str, i: int, char: str, width: int = 1) -> Role | None:
    """Read a mark's role from its flanks; None for apostrophes, primes and inch marks."""
    prev = text[i - 1] if i > 0 else " "
    nxt = text[i + width] if i + width < len(text) else " "
    can_open = not nxt.isspace() and (prev.isspace() or prev in OPENING_CONTEXT)
    can_close = not prev.isspace() and (nxt.isspace() or nxt in CLOSING_CONTEXT)
    if char in SINGLE_MARKS:
        if prev.isalnum() and nxt.isalpha():
            return None  # Chrissy’s, don't, rock'n'roll
        if can_open and char in "'’‘" and ELISION.match(text, i + 1):
            return None  # ’90s, 'em
        if prev.isdigit() and char in "'’":
            return None  # 6' tall, a 5’ gap
    elif prev.isdigit() and char in '"”' and not can_open:
        return None  # 12" record, 6'2"
    if char in "“„‚‘‛‟":
        return "close" if (can_close and not can_open and char in "“‘") else "open"
    if char in "”’":
        return "open" if (can_open and not can_close) else "close"
    if char in "«‹":
        return "close" if (can_close and not can_open) else "open"
    if char in "»›":
        return "open" if (can_open and not can_close) else "close"
    if can_open and not can_close:
        return "open"
    if can_close and not can_open:
        return "close"
    return "either"


def read_marks(text: str) -> list[Mark]:
    """Every quotation mark in ``text`` with its role (apostrophes left out)."""
    marks = []
    tags = [(m.start(), m.end()) for m in MARKUP_TAG.finditer(text)]
    t = 0
    for match in re.finditer(r"''|``|[\"“”„‟«»'‘’‚‛‹›]", text):
        i, char = match.start(), match.group()
        while t < len(tags) and tags[t][1] <= i:
            t += 1
        if t < len(tags) and tags[t][0] < i:
            continue  # an attribute value of markup left in the text: <tweet author="@AP">
        if len(char) == 2:  # typewriter ``quote'' or ''quote'': a double mark two characters wide
            role = _role(text, i, '"', 2)
            if role is not None:
                marks.append(Mark(i, '"', True, "open" if char == "``" else role, 2))
            continue
        role = _role(text, i, char)
        if role is not None:
            marks.append(Mark(i, char, char in DOUBLE_MARKS, role))
    return marks


def _single_mark_quoting(marks: list[Mark]) -> bool:
    """British style: single marks open quotes and double marks are rare (nested only)."""
    doubles = sum(1 for m in marks if m.double)
    single_opens = sum(1 for m in marks if not m.double and m.role == "open")
    return single_opens > doubles and (single_opens >= 2 or doubles == 0)


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def find_quoted_spans(text: str, lines: Paragraphs | None = None) -> tuple[list[QuotedSpan], list[StrayMark]]:
    """Pair the quotation marks of ``text`` into quoted spans, recovering missing marks.

    Linear in the text: each mark is looked at once, and recovery only looks back to the
    start of the current paragraph or forward to the start of the next one.
    """
    lines = lines or Paragraphs(text)
    marks = read_marks(text)
    single_primary = _single_mark_quoting(marks)
    spans: list[QuotedSpan] = []
    strays: list[StrayMark] = []
    open_mark: Mark | None = None
    para_end = len(text)  # end of the paragraph the open quote has reached
    paragraphs = 1
    last_close = -1  # where the previous quote of this paragraph ended
    k = 0
    while k < len(marks):
        mark = marks[k]
        k += 1
        if open_mark is not None and mark.double != open_mark.double:
            continue  # a nested quote of the other mark class stays inside its holder
        if open_mark is None and not mark.double and not single_primary:
            continue  # single marks only nest inside double quotes in double-mark text
        if open_mark is not None:
            if mark.at > para_end:
                reopened = _reopening_mark(text, marks, k - 1, para_end, open_mark.double)
                if reopened:
                    # The next paragraph reopens the quote: it runs on (news convention).
                    paragraphs += 1
                    para_end = lines.line_end(mark.at)
                    continue
                spans_or_stray = _close_at_paragraph_end(text, open_mark, para_end, paragraphs)
                _keep(spans_or_stray, spans, strays)
                open_mark, paragraphs = None, 1
                last_close = -1
            elif mark.role in ("close", "either"):
                if not mark.double and _plural_possessive(text, mark.at) and _closes_later(marks, k, para_end):
                    continue  # the players’ union: an apostrophe, the quote closes further on
                spans.append(
                    QuotedSpan(
                        open_mark.at + open_mark.width, mark.at, open_mark.at, mark.at + mark.width,
                        MarkPairing.PAIRED if paragraphs == 1 else MarkPairing.MULTI_PARAGRAPH, 0.98, paragraphs,
                    )
                )
                open_mark, paragraphs, last_close = None, 1, mark.at
                continue
            else:  # a second opening mark before any close: the first one lost its close
                _keep(_close_at_sentence_end(text, open_mark, mark.at), spans, strays)
                open_mark, paragraphs = None, 1
        if mark.role in ("open", "either"):
            open_mark = mark
            para_end = lines.line_end(mark.at)
            if last_close >= 0 and lines.line_start(mark.at) > last_close:
                last_close = -1
            continue
        _keep(_recover_opening(text, mark, last_close, lines.line_start(mark.at)), spans, strays)
        last_close = mark.at
    if open_mark is not None:
        _keep(_close_at_paragraph_end(text, open_mark, para_end, paragraphs), spans, strays)
    return spans, strays


def _reopening_mark(text: str, marks: list[Mark], k: int, para_end: int, double: bool) -> bool:
    """Whether mark ``k`` opens the paragraph right after ``para_end`` (a run-on quote)."""
    mark = marks[k]
    if mark.double != double or mark.role == "close":
        return False
    between = text[para_end:mark.at]
    return between.strip() == "" and "\n" in between


def _plural_possessive(text: str, at: int) -> bool:
    return text[at - 1:at] == "s" and re.match(r"\s+[a-z]", text[at + 1:at + 3]) is not None


def _closes_later(marks: list[Mark], k: int, para_end: int) -> bool:
    """Whether a single closing mark follows mark ``k`` in the same paragraph."""
    for later in marks[k:]:
        if later.at > para_end:
            return False
        if not later.double:
            return later.role != "open"
    return False


def _keep(found: QuotedSpan | StrayMark, spans: list[QuotedSpan], strays: list[StrayMark]) -> None:
    (spans if isinstance(found, QuotedSpan) else strays).append(found)  # type: ignore[arg-type]


def _close_at_paragraph_end(
    text: str, open_mark: Mark, para_end: int, paragraphs: int
) -> QuotedSpan | StrayMark:
    """A quote still open when its paragraph ends: closed there if it reads as speech."""
    start, end = _trim(text, open_mark.at + open_mark.width, para_end)
    content = text[start:end]
    if paragraphs > 1 or (len(content.split()) >= 4 and content[-1:] in ".!?…"):
        return QuotedSpan(start, end, open_mark.at, end, MarkPairing.UNCLOSED_AT_PARAGRAPH_END, 0.7, paragraphs)
    return StrayMark(open_mark.at, "opening mark never closed and what follows does not read as a quote")


def _close_at_sentence_end(text: str, open_mark: Mark, limit: int) -> QuotedSpan | StrayMark:
    """An opening mark followed by another opening mark: close the first at its sentence end."""
    found = first_sentence_end(text, open_mark.at + open_mark.width, limit)
    if found is None:
        return StrayMark(open_mark.at, "opening mark followed by another opening mark with no sentence between")
    start, end = _trim(text, open_mark.at + open_mark.width, found.start() + 1)
    return QuotedSpan(start, end, open_mark.at, end, MarkPairing.UNCLOSED_BEFORE_NEXT_QUOTE, 0.6)


def _recover_opening(text: str, mark: Mark, last_close: int, para_start: int) -> QuotedSpan | StrayMark:
    """A closing mark with no opening: the quote starts where its paragraph (``para_start``)
    or sentence does."""
    start = max(para_start, last_close + 1)
    if last_close >= para_start:
        # After an earlier quote in this paragraph the lost mark opened the sentence after the
        # one that holds that quote and its cue ("…,” she wrote. We were never able … enough.”):
        # the whole rest of the paragraph is the quote, not only its last sentence.
        sentence = first_sentence_end(text, start, mark.at)
        start = sentence.end() if sentence else start
    start, end = _trim(text, start, mark.at)
    content = text[start:end]
    if len(content.split()) >= 3 and content[-1:] in ",.!?…—-":
        return QuotedSpan(start, end, start, mark.at + mark.width, MarkPairing.UNOPENED_FROM_PARAGRAPH_START, 0.6)
    return StrayMark(mark.at, "closing mark with no opening mark and no quote-like text before it")
