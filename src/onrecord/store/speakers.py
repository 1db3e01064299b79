"""Who a quote is grouped under across articles.

A canonical ``speaker_name`` (from entity resolution) names the speaker; an entity id
that is an alias-file id (it has a namespace, ``wd:Q22686``, ``alias:trump``) keys it,
so two people of one name stay apart.  Without a canonical name the speaker mention
itself is used, but only where it is a proper name (``Angela Merkel``): a pronoun or a
description (``he``, ``a spokesman for the ministry``) is no identity across articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from onrecord.lexicon import pronouns
from onrecord.records import Article, Quote
from onrecord.store.dedup import normalise

# Lower-case words that may sit inside a proper name: "Secretary of State", "Ursula von der Leyen".
NAME_PARTICLES = frozenset(
    "of de del della der di du da das dos van von la le al bin ibn el y and".split()
)
_NAME_WORD = re.compile(r"[^\W\d_][\w'’.-]*", re.UNICODE)
_ALIAS_ID = re.compile(r"\A[A-Za-z][\w.-]*:\S+\Z")


@dataclass(frozen=True, slots=True)
class SpeakerKey:
    key: str
    name: str
    entity: str | None


def is_proper_name(mention: str) -> bool:
    """True for a capitalised name (``Nancy Pelosi``, ``Secretary of State Rubio``), not ``he`` or ``the mayor``."""
    words = mention.split()
    if not words or not all(_NAME_WORD.fullmatch(w) for w in words) or not words[0][0].isupper():
        return False
    if len(words) == 1 and words[0].casefold() in _PRONOUNS:
        return False
    return all(w[0].isupper() or w in NAME_PARTICLES for w in words)


def proper_name(mention: str) -> str | None:
    """The name a mention gives: all of it (``Jane Hollis``), or the name after a plain
    description (``council member Tom Reyes``), never the object of a preposition
    (``a spokesman for Google``, ``the mayor of Ohio``)."""
    if is_proper_name(mention):
        return mention
    words = mention.split()
    start = len(words)
    while start > 0 and words[start - 1][:1].isupper():
        start -= 1
    if start == len(words) or any(w.casefold() in _PREPOSITIONS for w in words[:start]):
        return None
    name = " ".join(words[start:])
    return name if is_proper_name(name) else None


_PREPOSITIONS = frozenset("of for at from with to in on by about like than".split())
_PRONOUNS = pronouns().all


def speaker_key(quote: Quote, article: Article) -> SpeakerKey | None:
    """The cross-article identity of the quote's speaker, or ``None`` where there is none."""
    name = quote.speaker_name
    if name is None and quote.entity is not None:
        name = next((e.name for e in article.entities if e.id == quote.entity), None)
    if name is None and quote.speaker is not None:
        name = proper_name(quote.speaker.text)
    if not name or not normalise(name):
        return None
    if quote.entity is not None and _ALIAS_ID.match(quote.entity):
        return SpeakerKey(f"id:{quote.entity}", name, quote.entity)
    return SpeakerKey(f"name:{normalise(name)}", name, None)
