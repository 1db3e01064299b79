"""Headlines in Title Case, parsed again in sentence case.

The tagger reads a capitalised word as a name: in ``Black Lawmakers Rip Donald Trump As A
‘Disgusting Fraud.’`` every word is a proper noun, no verb heads the line and the cue
finder has nothing to offer.  On PolNeAR train 197 of 430 indirect headline attributions
(dev 22 of 50) were missed, 143 (dev 20) without any cue candidate.  A news article's
first line is its headline; when that line is in Title Case, ``sentence_case_parse``
lower-cases the words that are no names (a word is a name when the article's body writes
it capitalised inside a sentence, or it is an acronym or a known given name) and parses
that line again with the same tokens.  The pipeline's last component
(``language.HeadlineCase``) writes that parse over the headline's (``write_headline_parse``),
so every stage reads the same, better parse (train: 322 of 840 headlines parsed again;
headline misses 197 -> 160, dev 22 -> 20).
Only the headline is parsed again: a dozen tokens per article.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.tokens import Doc, Span

from onrecord.lexicon import load_table, load_word_set

__all__ = ["headline_token_end", "is_title_case", "sentence_case_parse", "sentence_case_words", "write_headline_parse"]

# Function words a Title Case style may leave in lower case ("Headed to ER But Diverted"):
# they say nothing about the style either way.
SMALLWORDS = load_word_set("headline_small_words.txt")
GIVEN_NAMES = frozenset(load_table("first_names.tsv"))
ANNOTATIONS = [TAG, POS, MORPH, LEMMA, DEP, HEAD]
MAX_HEADLINE_TOKENS = 60  # a first "line" longer than this is a paragraph, not a headline
# Share of a headline's capitalisable words written with a capital for it to be Title Case:
# sentence-case headlines ("Bill Clinton calls Obamacare ‘crazy system’ during campaign
# stop") stay far below, Title Case ones at or near 1.
TITLE_CASE_SHARE = 0.8
MIN_STYLEDWORDS = 3
# A capital after these may open a sentence or a quotation, so in the body it says nothing
# about the word being a name.
OPENERS = frozenset({".", "!", "?", ":", ";", "‘", "“", '"', "'", "(", "—", "–"})
# In a headline a clause after a colon opens with a capital, also inside quotation marks
# ("Kasich: ‘We Are Going …’"); a quoted phrase inside a clause does not (‘Disgusting Fraud’).
CLAUSE_BREAKS = frozenset({".", "!", "?", ":", ";"})
QUOTE_MARKS = frozenset({"‘", "“", '"', "'"})
WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
_POSSESSIVE = re.compile(r"['’]s?$")


def headline_token_end(doc: Doc) -> int:
    """The token index where the first line ends (0 when the text has no line break or
    the first line is too long to be a headline)."""
    for token in doc:
        if token.i >= MAX_HEADLINE_TOKENS:
            return 0
        if "\n" in token.text:
            return token.i
        if "\n" in token.whitespace_:
            return token.i + 1
    return 0


def _styled(word: str) -> bool:
    """A word whose first letter a headline style decides: not a function word, not an
    acronym or a name with inner capitals."""
    return word.isalpha() and word.lower() not in SMALLWORDS and not _fixed_capitals(word)


def _fixed_capitals(word: str) -> bool:
    """``ER``, ``U.S.``, ``DuVernay``, ``I``: capitals no style gives or takes."""
    letters = [c for c in word if c.isalpha()]
    return len(letters) > 0 and (word == "I" or sum(c.isupper() for c in letters) > 1)


def is_title_case(words: list[str]) -> bool:
    """Whether a headline's words are in Title Case (nearly every styled word but the
    first capitalised)."""
    styled = [w for w in words[1:] if _styled(w)]
    if len(styled) < MIN_STYLEDWORDS:
        return False
    return sum(w[0].isupper() for w in styled) >= TITLE_CASE_SHARE * len(styled)


def capitals_say_nothing(line: str) -> bool:
    """Whether a headline's capitals tell nothing about which words are names: most of its
    longer words are capitalised, in Title Case or in capitals (``Paid Notice: Deaths
    SIEGEL, JEROME ARTHUR``).  Wider than ``is_title_case``, which decides the second parse
    and leaves capitals out (a parse in sentence case cannot lower-case them); resolution
    asks this to weigh a headline's names after the body's."""
    words = [w for w in line.split() if w[:1].isalpha() and len(w) > 3]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.8 * len(words)


def _body_capitals(text: str, start: int, words: list[str]) -> tuple[Counter[str], Counter[str]]:
    """How often each of ``words`` (lower-cased, and without a possessive ending) is written
    in the body (from character ``start``) capitalised inside a sentence, and how often in
    lower case.  One regular-expression pass: a Python loop over the body's tokens cost
    as much as the headline's parse."""
    keys = {_POSSESSIVE.sub("", w.lower()) for w in words if WORD.fullmatch(w)} - {""}
    upper: Counter[str] = Counter()
    lower: Counter[str] = Counter()
    if not keys:
        return upper, lower
    pattern = re.compile(r"(?<![\w'’-])(" + "|".join(map(re.escape, sorted(keys, key=len, reverse=True))) + r")(?![\w-])",
                         re.IGNORECASE)
    for match in pattern.finditer(text, start):
        word = match.group(1)
        if word[0].islower():
            lower[word] += 1
            continue
        before = text[max(start, match.start() - 20):match.start()].rstrip(" \t")[-1:]
        if before and before not in OPENERS and before != "\n":
            upper[word.lower()] += 1
    return upper, lower


def _is_name(word: str, upper: Counter[str], lower: Counter[str]) -> bool:
    key = word.lower()
    if upper[key] or lower[key]:
        return upper[key] > lower[key]
    possessive = _POSSESSIVE.sub("", key)  # "Clinton’s" is a token of its own, "Sanders’" not always
    if possessive != key and (upper[possessive] or lower[possessive]):
        return upper[possessive] > lower[possessive]
    return key in GIVEN_NAMES


def _opens_clause(words: list[str], k: int) -> bool:
    if k > 0 and words[k - 1] in QUOTE_MARKS:
        k -= 1
    return k == 0 or words[k - 1] in CLAUSE_BREAKS


def sentence_case_words(words: list[str], upper: Counter[str], lower: Counter[str]) -> list[str]:
    """The headline's words in sentence case: the first word, the first word of a clause
    after a colon (quoted or not) and the names keep their capital; every other word is
    lower-cased.  ``upper`` and ``lower`` count how the article's body writes each
    (lower-cased) word mid-sentence."""
    out = []
    for k, word in enumerate(words):
        opens = _opens_clause(words, k)
        keep = opens or not word[:1].isupper() or _fixed_capitals(word) or _is_name(word, upper, lower)
        out.append(word if keep else word.lower())
    return out


def sentence_case_parse(doc: Doc, parse: Callable[[Doc], Doc]) -> Doc | None:
    """The sentence-case parse (by ``parse``) of a Title Case headline of ``doc``, with the
    headline's own tokens, or None when the first line is no Title Case headline."""
    end = headline_token_end(doc)
    if end < 2 or len(doc) <= end:
        return None
    words = [t.text for t in doc[:end]]
    if not is_title_case([w for w in words if WORD.fullmatch(w)]):
        return None
    upper, lower = _body_capitals(doc.text, doc[end - 1].idx + len(doc[end - 1]), words)
    cased = sentence_case_words(words, upper, lower)
    if cased == words:
        return None
    return parse(Doc(doc.vocab, words=cased, spaces=[bool(t.whitespace_) for t in doc[:end]]))


def write_headline_parse(doc: Doc, headline: Doc) -> None:
    """Give ``doc``'s first ``len(headline)`` tokens the tags, lemmas and dependencies of
    ``headline`` and its entities.  Entities are set as spans, never as raw IOB values: a
    body entity the first parse ran into the headline's trailing white space (``The
    Associated Press\\n\\n\\n DETROIT``) would otherwise be left an ``I`` without its ``B``."""
    end = len(headline)
    values = doc.to_array(ANNOTATIONS)
    values[:end] = headline.to_array(ANNOTATIONS)
    doc.from_array(ANNOTATIONS, values)  # type: ignore[arg-type]  # to_array gives the integer array from_array takes
    body = []
    for ent in doc.ents:
        if ent.start >= end:
            body.append(ent)
        elif ent.end > end and any(not t.is_space for t in doc[end:ent.end]):
            body.append(Span(doc, end, ent.end, label=ent.label))  # the part past the headline
    doc.set_ents([Span(doc, e.start, e.end, label=e.label) for e in headline.ents] + body, default="outside")
