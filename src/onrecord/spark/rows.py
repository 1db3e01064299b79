"""One extracted article as the rows of the Spark datasets, and back (plain Python: no Spark here).

The quote row holds exactly the store's quote columns (``detail`` is the store's own JSON
of the rest, ``store.codec``), so an article read back from the rows is the article the
store would have written.  Ids are content hashes, so a retried task writes the same rows.
"""

from __future__ import annotations

from typing import Any

from onrecord.ingest.isolation import Failure
from onrecord.records import Article, Entity, Quote, Span
from onrecord.stages.read import ArticleSource
from onrecord.store import dedup
from onrecord.store.codec import quote_detail, quote_from_row, skipped_from_json, skipped_json
from onrecord.store.identity import first_key
from onrecord.store.writes import MAX_SHINGLES

# The stage of a record that could not be read as an article (the ingest runner's failures are extraction's).
READ_STAGE = "read"


def failure_row(failure: Failure, source: ArticleSource) -> dict[str, Any]:
    """The ingest runner's per-article failure (``ingest.isolation.Failure``) as a ``failures`` row."""
    return {"source": failure.id or source.id or "?", "stage": failure.stage, "message": failure.message}


def month_of(date: str | None) -> str:
    """The date partition of an article: ``YYYY-MM``, or ``undated``."""
    return date[:7] if date else "undated"


def speaker_key(quote: Quote, article: Article) -> tuple[str, str, str | None] | None:
    """A quote's speaker as the store first keys it (``identity.first_key``): key, name, alias id."""
    entity = next((e for e in article.entities if e.id == quote.entity), None) if quote.entity else None
    first = first_key(entity.name, entity.type, entity.qid) if entity is not None else None
    if entity is None or first is None:
        return None
    return first[0], first[1], entity.qid


def quote_rows(article: Article) -> list[dict[str, Any]]:
    rows = []
    for ordinal, quote in enumerate(article.quotes):
        normalised = dedup.normalise(quote.content.text)
        key = speaker_key(quote, article)
        speaker = quote.speaker
        rows.append({
            "ordinal": ordinal,
            "kind": str(quote.kind),
            "act": str(quote.act),
            "text": quote.content.text,
            "char_start": quote.content.start,
            "char_end": quote.content.end,
            "normalised": normalised,
            "text_hash": dedup.text_hash(normalised),
            "shingles": sorted(dedup.shingles(normalised))[:MAX_SHINGLES],
            "speaker_text": speaker.text if speaker else None,
            "speaker_start": speaker.start if speaker else None,
            "speaker_end": speaker.end if speaker else None,
            "speaker_name": quote.speaker_name,
            "entity": quote.entity,
            "speaker_key": key[0] if key else None,
            "speaker_key_name": key[1] if key else None,
            "speaker_key_entity": key[2] if key else None,
            "confidence": quote.confidence,
            "detail": quote_detail(quote),
        })
    return rows


def entity_rows(article: Article) -> list[dict[str, Any]]:
    return [
        {
            "ordinal": ordinal,
            "entity": entity.id,
            "name": entity.name,
            "type": entity.type,
            "gender": entity.gender,
            "gender_evidence": list(entity.gender_evidence),
            "qid": entity.qid,
            "on_behalf_of": entity.on_behalf_of,
            "mentions": [m.to_dict() for m in entity.mentions],
        }
        for ordinal, entity in enumerate(article.entities)
    ]


def article_row(article: Article) -> dict[str, Any]:
    """The article, its quotes and its entities, as one nested row (split into datasets later)."""
    return {
        "skipped": skipped_json(article.skipped),
        "quotes": quote_rows(article),
        "entities": entity_rows(article),
        "failure": None,
    }


def article_from_rows(article: dict[str, Any], quotes: list[dict[str, Any]], entities: list[dict[str, Any]]) -> tuple[Article, ArticleSource]:
    """The extracted article and its source, rebuilt from its rows (``onrecord load``)."""
    rebuilt = Article(
        id=article["source_id"],
        date=article["date"],
        text=article["text"],
        quotes=tuple(
            quote_from_row(
                kind=q["kind"],
                act=q["act"],
                content=Span(q["text"], q["char_start"], q["char_end"]),
                speaker=Span(q["speaker_text"], q["speaker_start"], q["speaker_end"]) if q["speaker_text"] is not None else None,
                speaker_name=q["speaker_name"],
                entity=q["entity"],
                confidence=q["confidence"],
                detail=q["detail"],
            )
            for q in sorted(quotes, key=lambda q: q["ordinal"])
        ),
        entities=tuple(
            Entity(
                e["entity"], e["name"], e["type"],
                tuple(Span(m["text"], m["start"], m["end"]) for m in e["mentions"]),
                on_behalf_of=e["on_behalf_of"], gender=e["gender"],
                gender_evidence=tuple(e.get("gender_evidence") or ()), qid=e.get("qid"),
            )
            for e in sorted(entities, key=lambda e: e["ordinal"])
        ),
        skipped=skipped_from_json(article["skipped"]),
    )
    source = ArticleSource(
        id=article["source_id"], text=article["text"], date=article["date"],
        url=article["url"], title=article["title"], outlet=article["outlet"],
    )
    return rebuilt, source
