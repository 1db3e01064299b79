"""Tell quoted speech from quoted names: titles, nicknames and scare quotes are not speech.

``the "All of Me" singer``, ``his new ballad "Never Break"``, ``a "temporary" measure`` and
``the so-called "deplorables"`` put words in marks without anybody saying them.  The
decision reads only the quoted words and what touches them, so it is cheap and local.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from .lexicon import load_word_set
from .quotemarks import QuotedSpan

QuoteUse = Literal["speech", "fragment", "title"]

# Words before a quoted name that make it a name ("a song called "X"", "dubbed "X"").
NAMING_WORDS = load_word_set("naming_words.txt")
MINOR_TITLE_WORDS = frozenset(
    "a an the of in on at to for and or but nor with from by as is it my me we you i".split()
)
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class QuoteUseDecision:
    use: QuoteUse
    rule: str
    why: str


def _title_case(words: list[str]) -> bool:
    """Every word capitalised except short function words (``All of Me``, ``Shark Tank``)."""
    if not words or not words[0][:1].isupper():
        return False
    return all(w[:1].isupper() or w.lower() in MINOR_TITLE_WORDS or w[:1].isdigit() for w in words)


def classify_quoted(text: str, span: QuotedSpan) -> QuoteUseDecision:
    """Decide whether a quoted span is speech, a short quoted fragment, or a name/title."""
    content = text[span.start:span.end].strip()
    words = WORD.findall(content)
    before = text[max(0, (span.open_at or span.start) - 40):(span.open_at or span.start)]
    after_at = (span.close_at + 1) if span.close_at is not None else span.end
    after = text[after_at:after_at + 30]
    previous_word = (WORD.findall(before) or [""])[-1].lower()
    ends_like_speech = content[-1:] in ",.!?…—-:;" or span.paragraphs > 1
    if not words:
        return QuoteUseDecision("fragment", "no-words", "the marks hold no words")
    if previous_word in NAMING_WORDS and len(words) <= 8 and not ends_like_speech:
        return QuoteUseDecision("title", "naming-word", f"named by {previous_word!r} before the marks")
    if len(words) <= 6 and _title_case(words) and not ends_like_speech:
        followed_by_noun = re.match(r"\s*[a-z]", after) is not None and not re.match(r"\s*(?:and|or|but)\b", after)
        opens_sentence = before.rstrip()[-1:] in ("", ".", "\n", ":")
        if followed_by_noun or not opens_sentence:
            return QuoteUseDecision("title", "title-case", "short title-case words inside a sentence")
    if len(words) <= 2 and not ends_like_speech:
        return QuoteUseDecision("fragment", "scare-quote", "one or two words quoted inside a sentence")
    if ends_like_speech or len(words) >= 4:
        return QuoteUseDecision("speech", "speech-length", "a clause or sentence inside marks")
    return QuoteUseDecision("fragment", "short-fragment", "a short phrase quoted inside a sentence")
