"""Quotation identity: when two quotes are the same words, an excerpt, or a small edit.

A quote's text is normalised (case folded, quotation marks, punctuation and dashes
dropped, white space collapsed) and hashed: equal hashes are the same quotation.  A
quote of at least ``MIN_FUZZY_TOKENS`` words is also cut into word ``SHINGLE``-grams;
candidates are the quotations sharing a shingle, found through an index, and a
candidate joins when the shared shingles cover ``JOIN_CONTAINMENT`` of the shorter
side's shingles and number at least ``MIN_SHARED_SHINGLES`` (an excerpt is fully
covered; one edited word in a 20-word quote costs three of its 18 shingles).  docs/store.md explains and measures the thresholds.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata

SHINGLE = 3
MIN_FUZZY_TOKENS = 7
JOIN_CONTAINMENT = 0.6
# Short quotes share a 3-gram or two by chance ("going to win that one"): a join also
# needs this many shared shingles, i.e. about seven words in common.
MIN_SHARED_SHINGLES = 5
# A shingle indexed for more quotations than this is too common to find candidates
# with ("we are going", "I think that"): lookups stop there, so each insert reads a
# bounded number of index rows however large the store grows.
MAX_POSTINGS = 200

_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*", re.UNICODE)


def normalise(text: str) -> str:
    """The words of a quote, case folded, apostrophes unified, nothing else."""
    folded = unicodedata.normalize("NFKC", text).casefold().replace("’", "'")
    return " ".join(_WORD.findall(folded))


def text_hash(normalised: str) -> str:
    """Stable key of a normalised quote text."""
    return hashlib.sha1(normalised.encode("utf-8")).hexdigest()


def shingles(normalised: str) -> frozenset[int]:
    """Hashed word ``SHINGLE``-grams of a normalised text (empty when too short to match fuzzily)."""
    words = normalised.split(" ")
    if len(words) < MIN_FUZZY_TOKENS:
        return frozenset()
    return frozenset(
        _shingle_key(" ".join(words[i : i + SHINGLE])) for i in range(len(words) - SHINGLE + 1)
    )


def _shingle_key(gram: str) -> int:
    # 63-bit signed so it fits SQLite INTEGER and PostgreSQL BIGINT alike.
    return int.from_bytes(hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest(), "big") >> 1


def containment(shared: int, size_a: int, size_b: int) -> float:
    """Share of the smaller shingle set that the other covers."""
    smaller = min(size_a, size_b)
    return shared / smaller if smaller else 0.0


def joins(shared: int, size_a: int, size_b: int, *, threshold: float = JOIN_CONTAINMENT) -> bool:
    """Whether two quotes sharing ``shared`` shingles are one quotation."""
    return shared >= MIN_SHARED_SHINGLES and containment(shared, size_a, size_b) >= threshold


def content_hash(text: str) -> str:
    """The identity of an article: its body with line ends and outer white space normalised."""
    body = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    return hashlib.sha256(body.encode("utf-8")).hexdigest()
