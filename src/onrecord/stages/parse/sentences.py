"""Sentence ends in raw text, for the places that must not wait for the parser.

A full stop after an abbreviation (``Mr.``, ``Sen.``, ``U.S.``) or a lone initial
(``John F. Kennedy``) does not end a sentence; the list is a data file.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from onrecord.lexicon import load_word_set

ABBREVIATIONS = load_word_set("abbreviations.txt")
_CANDIDATE = re.compile(r"[.!?…][\"'”’)\]]*\s+")
_WORD_BEFORE = re.compile(r"([\w.]+)$")


def sentence_ends(text: str, start: int = 0, end: int | None = None) -> Iterator[re.Match[str]]:
    """Matches over the punctuation and white space that end each sentence in ``text[start:end]``."""
    end = len(text) if end is None else end
    for match in _CANDIDATE.finditer(text, start, end):
        if text[match.start()] == ".":
            word = _WORD_BEFORE.search(text, max(0, match.start() - 12), match.start())
            if word:
                token = word.group(1).lower().rstrip(".")
                if token in ABBREVIATIONS or (len(token) == 1 and token.isalpha()):
                    continue
        yield match


def first_sentence_end(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    return next(sentence_ends(text, start, end), None)


def last_sentence_end(text: str, start: int = 0, end: int | None = None) -> re.Match[str] | None:
    last = None
    for last in sentence_ends(text, start, end):
        pass
    return last
