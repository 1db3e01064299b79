"""Tell quoted speech from quoted names: titles, nicknames and scare quotes are not speech.

``the "All of Me" singer``, ``his new ballad "Never Break"``, ``a "temporary" measure`` and
``the so-called "deplorables"`` put words in marks without anybody saying them.  The
decision reads only the quoted words and what touches them, so it is cheap and local.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from onrecord.lexicon import load_word_set
from onrecord.stages.cues.lexicon import is_reporting_form
from onrecord.stages.quotes.marks import QuotedSpan

QuoteUse = Literal["speech", "fragment", "title"]

# Words before a quoted name that make it a name ("a song called "X"", "dubbed "X"").
NAMING_WORDS = load_word_set("naming_words.txt")
MINOR_TITLE_WORDS = frozenset(
    "a an the of in on at to for and or but nor with from by as is it my me we you i".split()
)
# Words before a title-case quote that make it a name: on CNN's "State of the Union", an episode of "X".
TITLE_PREPOSITIONS = frozenset({"of", "on", "in", "at"})
WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


@dataclass(frozen=True, slots=True)
class QuoteUseDecision:
    use: QuoteUse
    rule: str
    why: str


def _title_case(words: list[str]) -> bool:
    """Every word capitalised except short function words (``All of Me``, ``Shark Tank``)."""
    if not words or not (words[0][:1].isupper() or words[0][:1].isdigit()):
        return False
    return all(w[:1].isupper() or w.lower() in MINOR_TITLE_WORDS or w[:1].isdigit() for w in words)


def classify_quoted(text: str, span: QuotedSpan) -> QuoteUseDecision:
    """Decide whether a quoted span is speech, a short quoted fragment, or a name/title."""
    content = text[span.start:span.end].strip()
    words = WORD.findall(content)
    before = text[max(0, span.outer_start - 40):span.outer_start]
    after = text[span.outer_end:span.outer_end + 30]
    previous_word = (WORD.findall(before) or [""])[-1].lower()
    before_char = before.rstrip()[-1:]
    # Words run straight into the mark (``into "a living room"``): the quote sits inside a clause.
    mid_clause = before_char.isalnum() and not (is_reporting_form(previous_word) or previous_word == "that")
    ends_like_speech = content[-1:] in ",.!?…—-:;" or span.paragraphs > 1
    one_phrase = not re.search(r"[.!?;:]\s", content[:-1])
    if not words:
        return QuoteUseDecision("fragment", "no-words", "the marks hold no words")
    letters = [c for c in content if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and before_char in ("", ".", ":"):
        return QuoteUseDecision("title", "capitals-headline", "a line in capitals inside marks: a headline, not speech")
    if previous_word in NAMING_WORDS and len(words) <= 8 and one_phrase:
        return QuoteUseDecision("title", "naming-word", f"named by {previous_word!r} before the marks")
    if len(words) <= 6 and _title_case(words) and one_phrase:
        possessive_or_preposition = previous_word.endswith(("'s", "’s")) or previous_word in TITLE_PREPOSITIONS
        followed_by_noun = re.match(r"\s*[a-z]", after) is not None and not re.match(r"\s*(?:and|or|but)\b", after)
        if possessive_or_preposition or mid_clause:
            return QuoteUseDecision("title", "title-case", "short title-case words standing as a name inside a sentence")
        if followed_by_noun and not ends_like_speech:
            return QuoteUseDecision("title", "title-case-modifier", "short title-case words before a noun")
    if mid_clause and content[:1].islower():
        return QuoteUseDecision("fragment", "quoted-phrase", "a phrase quoted inside a clause, not a quotation of its own")
    if len(words) <= 2 and not ends_like_speech:
        return QuoteUseDecision("fragment", "scare-quote", "one or two words quoted inside a sentence")
    if ends_like_speech or len(words) >= 4:
        return QuoteUseDecision("speech", "speech-length", "a clause or sentence inside marks")
    return QuoteUseDecision("fragment", "short-fragment", "a short phrase quoted inside a sentence")
