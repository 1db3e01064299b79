"""The parsed article's context: built once, right after parsing, and read by every stage.

Stages ask the context, not the Doc, for the article's text, paragraphs, sentences,
headline and quotation marks, so each is derived one way only (and a later sentence plan
can change how the Doc is made without changing the stages).  Nothing here, nor in any
stage, changes the Doc: the sentence-case parse of a Title Case headline is made by the
``onrecord_headline_case`` pipeline component (``language``) before the context is built.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc

from onrecord.intervals import Intervals
from onrecord.stages.parse.headline import WORD, capitals_say_nothing, headline_token_end, is_title_case
from onrecord.stages.parse.language import SENTENCE_CASED_KEY
from onrecord.stages.parse.paragraphs import Paragraphs
from onrecord.stages.parse.sentences import sentence_ends
from onrecord.stages.quotes.marks import QuotedSpan, StrayMark, find_quoted_spans

SENTENCE_END_TOKENS = frozenset({".", "!", "?", "…"})
_BLANK_LINE = re.compile(r"\n\s*\n")


class Sentences:
    """Sentences, in the two senses the stages need.

    ``parsed`` are the parser's sentences (``Doc.sents``, with every line break a boundary):
    what resolution and situation count in.  ``ends_in`` finds sentence ends in the raw
    text, by punctuation and abbreviations: the frame of a quotation is cut by it, because
    the parser splits sentences badly around quotation marks (``"…," he said.`` is often
    one sentence with the next).  ``breaks_before`` tells, token by token, where the text
    itself starts a sentence the parser ran on (after a closing mark, at a line end): a
    reported clause never runs over one."""

    def __init__(self, doc: Doc, text: str) -> None:
        self._text = text
        self._doc = doc
        self.parsed: tuple[tuple[int, int], ...] = tuple((s.start_char, s.end_char) for s in doc.sents)
        self.starts = [start for start, _ in self.parsed]

    def index(self, offset: int) -> int:
        """The number of the parsed sentence holding ``offset``."""
        return bisect.bisect_right(self.starts, offset) - 1

    def ends_in(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """The raw-text sentence ends in ``text[start:end]`` (punctuation and white space)."""
        return sentence_ends(self._text, start, end)

    def first_end(self, start: int, end: int) -> re.Match[str] | None:
        return next(self.ends_in(start, end), None)

    def last_end(self, start: int, end: int) -> re.Match[str] | None:
        last = None
        for last in self.ends_in(start, end):
            pass
        return last

    def breaks_before(self, k: int) -> bool:
        """Whether the text starts a new sentence or paragraph at token ``k`` (``text_sentence_break``)."""
        return text_sentence_break(self._doc, k)


def text_sentence_break(doc: Doc, k: int) -> bool:
    """Whether the text starts a new sentence or paragraph at token ``k`` of ``doc``: a line
    break, or a sentence end (also inside a closing mark) before a capital or a mark."""
    before = doc[k - 1]
    if "\n" in before.whitespace_ or "\n" in before.text or "\n" in doc[k].text:
        return True
    if not before.whitespace_:
        return False
    ends = before.text in SENTENCE_END_TOKENS or before.is_quote and k >= 2 and doc[k - 2].text in SENTENCE_END_TOKENS
    return ends and (doc[k].text[:1].isupper() or doc[k].is_quote)


@dataclass(frozen=True, slots=True)
class Headline:
    """The article's first line, when it is short enough to be a headline, and its block:
    the lines up to the first blank line (a headline with its deck, ``Lawmaker urges …;``
    then ``Member of House panel says …``)."""

    start: int
    end: int  # character offsets of the line, without its line break
    block_end: int | None  # where the first block ends, before a blank line (None: no blank line)
    token_end: int  # its tokens are ``doc[0:token_end]``
    title_case: bool  # ``headline.is_title_case``: the tagger takes its words for names
    sentence_cased: bool  # the headline-case component parsed it again in sentence case
    capitalised: bool  # ``headline.capitals_say_nothing``: no name can be told by its capital


@dataclass(frozen=True, slots=True)
class QuoteMarks:
    """The quotation marks of the article paired into spans, the marks that fit nothing,
    and one test of whether an offset stands between a pair of marks."""

    spans: tuple[QuotedSpan, ...]
    strays: tuple[StrayMark, ...]
    _inside: Intervals = field(repr=False)

    def inside(self, offset: int) -> bool:
        """Whether ``offset`` stands between (or on) a pair of quotation marks."""
        return self._inside(offset)


@dataclass(frozen=True, slots=True)
class ArticleContext:
    """What every stage reads of one parsed article."""

    doc: Doc
    text: str  # built once: ``Doc.text`` joins every token anew on each access
    paragraphs: Paragraphs
    sentences: Sentences
    headline: Headline | None
    marks: QuoteMarks

    def char_range(self, start: int, end: int) -> tuple[int, int]:
        """The characters of tokens ``[start, end)``."""
        last = self.doc[end - 1]
        return self.doc[start].idx, last.idx + len(last)


def _headline(doc: Doc, text: str) -> Headline | None:
    end = headline_token_end(doc)
    if end == 0:
        return None
    line_end = text.find("\n")
    blank = _BLANK_LINE.search(text)
    block_end = blank.start() if blank else None
    words = [t.text for t in doc[:end] if WORD.fullmatch(t.text)]
    return Headline(0, line_end, block_end, end, is_title_case(words), bool(doc.user_data.get(SENTENCE_CASED_KEY)),
                    capitals_say_nothing(text[:line_end]))



def build_context(doc: Doc) -> ArticleContext:
    """The context of a Doc that came out of ``language.load_pipeline()``."""
    text = doc.text
    paragraphs = Paragraphs(text)
    spans, strays = find_quoted_spans(text, lines=paragraphs)
    marks = QuoteMarks(tuple(spans), tuple(strays), Intervals((s.outer_start, s.outer_end) for s in spans))
    return ArticleContext(doc, text, paragraphs, Sentences(doc, text), _headline(doc, text), marks)
