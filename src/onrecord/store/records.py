"""What the store answers with: frozen, JSON-ready records (no dicts of dicts).

Ids are the store's own integer keys: ``article_id`` for a stored article,
``quote_id`` for one quote in one article, ``quotation_id`` for a quotation (the
same words met in one or many articles), ``speaker_id`` for a speaker across
articles.  ``source_id`` is the id the article came with (file path, JSON id, URL).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

# The largest id a store can hold (SQLite INTEGER, PostgreSQL BIGINT): a larger one names nothing.
MAX_ID = 2**63 - 1


def bounded(count: int) -> int:
    """A LIMIT or OFFSET the database can bind: past the largest id it changes nothing."""
    return min(count, MAX_ID)


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One quote in one article: where a quotation was met."""

    quote_id: int
    quotation_id: int
    article_id: int
    source_id: str | None
    date: str | None
    outlet: str | None
    title: str | None
    url: str | None
    text: str
    start: int
    end: int
    kind: str
    confidence: float
    speaker_id: int | None
    speaker: str | None  # the corpus speaker's name: a named person, organisation or account, never a pronoun
    speaker_type: str | None
    speaker_gender: str | None
    mention: str | None  # the words the article names the speaker with ("he", "a spokeswoman", "Mr. Trump")

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class ArticleMetadata:
    """A stored article's own facts, as ingested: what its page shows above the text."""

    article_id: int
    source_id: str | None
    date: str | None
    outlet: str | None
    title: str | None
    url: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One quotation matching a search: its earliest matching occurrence and how many match.

    ``highlights``: the (start, end) offsets in ``occurrence.text`` of the searched words
    found there, for showing them marked.
    """

    quotation_id: int
    occurrence: Occurrence
    occurrences: int
    highlights: tuple[tuple[int, int], ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "quotation_id": self.quotation_id,
            "occurrences": self.occurrences,
            "occurrence": self.occurrence.to_dict(),
            "highlights": [list(span) for span in self.highlights],
        }


@dataclass(frozen=True, slots=True)
class SearchPage:
    """One page of search hits and the number of quotations matching in all."""

    items: tuple[SearchHit, ...]
    total: int
    limit: int
    offset: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": self.total,
            "limit": self.limit,
            "offset": self.offset,
            "items": [hit.to_dict() for hit in self.items],
        }


@dataclass(frozen=True, slots=True)
class Variant:
    """One wording of a quotation (normalised) and how many occurrences use it."""

    text: str
    occurrences: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class QuotationRecord:
    """A quotation with every occurrence, the earliest first, and its variant wordings."""

    id: int
    text: str
    earliest: Occurrence
    occurrences: tuple[Occurrence, ...]
    variants: tuple[Variant, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "earliest": self.earliest.to_dict(),
            "occurrences": [o.to_dict() for o in self.occurrences],
            "variants": [v.to_dict() for v in self.variants],
        }


@dataclass(frozen=True, slots=True)
class PeriodCount:
    """Quotes of a speaker in one month (``YYYY-MM``; ``None`` for undated articles)."""

    period: str | None
    quotes: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SpeakerVariant:
    """A name a corpus speaker goes by in the articles, why it was merged, and its quotes."""

    name: str
    evidence: str
    quotes: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class SpeakerSummary:
    """A corpus speaker (one identity across articles), its names and how often it is quoted."""

    id: int
    name: str
    type: str
    gender: str | None
    qid: str | None
    quotes: int
    quotations: int
    articles: int
    first_date: str | None
    last_date: str | None
    variants: tuple[SpeakerVariant, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {**{k: v for k, v in asdict(self).items() if k != "variants"},
                "variants": [v.to_dict() for v in self.variants]}


@dataclass(frozen=True, slots=True)
class SpeakerRecord:
    """A speaker, their quotes per month, and their latest quotes."""

    summary: SpeakerSummary
    timeline: tuple[PeriodCount, ...]
    recent: tuple[Occurrence, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.summary.to_dict(),
            "timeline": [p.to_dict() for p in self.timeline],
            "recent": [o.to_dict() for o in self.recent],
        }


@dataclass(frozen=True, slots=True)
class StoreStats:
    """How much a store holds."""

    articles: int
    quotes: int
    quotations: int
    speakers: int
    first_date: str | None
    last_date: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
