"""Writing articles into the store: an article, its entities and their corpus speakers, and
each quote joined to its quotation (the same words across articles, found by shingle dedup).

A new article's speaking entities join the corpus speaker that already has their name's key
(``identity.name_form``), else a new one; ``reidentify`` then merges across the whole store
what one article at a time cannot (a surname alone with its one bearer)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from onrecord.errors import StoreError
from onrecord.records import Article, Entity, Quote
from onrecord.stages.read import ArticleSource
from onrecord.store import dedup
from onrecord.store.codec import quote_detail, skipped_json
from onrecord.store.identity import Member, first_key, identify, source_type

if TYPE_CHECKING:
    from onrecord.store.sql import Dialect

# Candidate lookups use at most this many of a quote's shingles (the smallest hashes:
# a bottom-k sketch, so near-copies pick the same ones) and verify at most CANDIDATES.
LOOKUP_SHINGLES = 48
CANDIDATES = 5
# Verification compares at most this many shingles of a very long quote.
MAX_SHINGLES = 400


class StoreWriter:
    """The writing side of ``SQLStore`` (a mixin over its dialect and its one-row queries)."""

    _db: Dialect
    read_only: bool

    if TYPE_CHECKING:
        def _one(self, sql: str, params: Sequence[Any] = ()) -> Any: ...

        def _all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]: ...

    def add_article(self, article: Article, source: ArticleSource) -> bool:
        """Store an extracted article atomically; ``False`` (nothing written) when its body is already stored."""
        if self.read_only:
            raise StoreError("the store was opened read-only")
        with self._db.transaction():
            row = self._one(
                "INSERT INTO articles (content_hash, source_id, date, url, title, outlet, author, text, skipped) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (content_hash) DO NOTHING RETURNING id",
                (
                    dedup.content_hash(article.text),
                    source.id if source.id is not None else article.id,
                    article.date,
                    source.url,
                    source.title,
                    source.outlet,
                    source.author,
                    article.text,
                    skipped_json(article.skipped),
                ),
            )
            if row is None:
                return False
            article_id = row[0]
            quotes_of = Counter(q.entity for q in article.quotes if q.entity is not None)
            speakers_by_entity: dict[str, int] = {}
            for ordinal, entity in enumerate(article.entities):
                speaker_id = self._speaker_id(entity, quotes_of[entity.id]) if quotes_of[entity.id] else None
                if speaker_id is not None:
                    speakers_by_entity[entity.id] = speaker_id
                self._add_entity(article_id, ordinal, entity, speaker_id)
            for ordinal, quote in enumerate(article.quotes):
                speaker_id = speakers_by_entity.get(quote.entity) if quote.entity is not None else None
                self._add_quote(article_id, article.date, ordinal, quote, speaker_id)
        return True

    def _speaker_id(self, entity: Entity, quotes: int) -> int | None:
        """The corpus speaker of a speaking entity: the one its name's key already belongs to, else a new one."""
        first = first_key(entity.name, entity.type, entity.qid)
        if first is None:
            return None
        key, name, form = first
        row = self._one("SELECT speaker_id FROM speaker_variants WHERE key = ? ORDER BY quotes DESC LIMIT 1", (key,))
        speaker_id = row[0] if row is not None else self._one(
            "INSERT INTO speakers (key, name, norm, type, gender, qid) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (key) DO UPDATE SET name = speakers.name RETURNING id",
            (key, name, dedup.normalise(name), form.type, entity.gender, entity.qid),
        )[0]
        self._db.execute(
            "INSERT INTO speaker_variants (speaker_id, name, norm, key, evidence, quotes) VALUES (?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (speaker_id, name) DO UPDATE SET quotes = speaker_variants.quotes + excluded.quotes",
            (speaker_id, entity.name, dedup.normalise(entity.name), key, form.how, quotes),
        )
        return speaker_id

    def reidentify(self) -> int:
        """Recompute the corpus identity from every stored speaking entity (``identity.identify``);
        speaker ids stay those of the same keys.  Returns the number of corpus speakers."""
        if self.read_only:
            raise StoreError("the store was opened read-only")
        members = [
            Member(*row)
            for row in self._all(
                "SELECT e.id, e.name, e.type, e.gender, e.qid, COUNT(q.id) FROM entities e "
                "JOIN quotes q ON q.article_id = e.article_id AND q.entity = e.entity "
                "GROUP BY e.id, e.name, e.type, e.gender, e.qid ORDER BY e.id"
            )
        ]
        speakers = identify(members)
        with self._db.transaction():
            self._db.execute("DELETE FROM speaker_variants")
            self._db.execute("UPDATE entities SET speaker_id = NULL WHERE speaker_id IS NOT NULL")
            for speaker in speakers:
                speaker_id = self._one(
                    "INSERT INTO speakers (key, name, norm, type, gender, qid) VALUES (?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (key) DO UPDATE SET name = excluded.name, norm = excluded.norm, type = excluded.type, "
                    "gender = excluded.gender, qid = excluded.qid RETURNING id",
                    (speaker.key, speaker.name, dedup.normalise(speaker.name), speaker.type, speaker.gender, speaker.qid),
                )[0]
                self._db.executemany(
                    "INSERT INTO speaker_variants (speaker_id, name, norm, key, evidence, quotes) VALUES (?, ?, ?, ?, ?, ?)",
                    [(speaker_id, v.name, dedup.normalise(v.name), v.key, v.evidence, v.quotes) for v in speaker.variants],
                )
                self._db.executemany("UPDATE entities SET speaker_id = ? WHERE id = ?",
                                     [(speaker_id, row_id) for row_id in speaker.members])
            self._db.execute(
                "UPDATE quotes SET speaker_id = (SELECT e.speaker_id FROM entities e "
                "WHERE e.article_id = quotes.article_id AND e.entity = quotes.entity)"
            )
            self._db.execute(
                "DELETE FROM speakers WHERE id NOT IN (SELECT speaker_id FROM speaker_variants)"
            )
        return len(speakers)

    def _add_entity(self, article_id: int, ordinal: int, entity: Entity, speaker_id: int | None) -> None:
        row_id = self._one(
            "INSERT INTO entities (article_id, ordinal, entity, name, type, source_type, gender, gender_evidence, qid, "
            "on_behalf_of, speaker_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (article_id, ordinal, entity.id, entity.name, entity.type, source_type(entity.name, entity.type), entity.gender,
             ",".join(entity.gender_evidence), entity.qid, entity.on_behalf_of, speaker_id),
        )[0]
        self._db.executemany(
            "INSERT INTO mentions (entity_row_id, ordinal, text, char_start, char_end) VALUES (?, ?, ?, ?, ?)",
            [(row_id, n, m.text, m.start, m.end) for n, m in enumerate(entity.mentions)],
        )

    def _add_quote(self, article_id: int, date: str | None, ordinal: int, quote: Quote, speaker_id: int | None) -> None:
        normalised = dedup.normalise(quote.content.text)
        text_hash = dedup.text_hash(normalised)
        quotation_id = self._quotation_for(quote.content.text, normalised, text_hash)
        speaker = quote.speaker
        quote_id = self._one(
            "INSERT INTO quotes (article_id, ordinal, kind, act, text, char_start, char_end, text_hash, "
            "speaker_text, speaker_start, speaker_end, speaker_name, entity, speaker_id, quotation_id, confidence, detail) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            (
                article_id, ordinal, quote.kind, quote.act, quote.content.text, quote.content.start, quote.content.end,
                text_hash, speaker.text if speaker else None, speaker.start if speaker else None,
                speaker.end if speaker else None, quote.speaker_name, quote.entity, speaker_id, quotation_id,
                quote.confidence, quote_detail(quote),
            ),
        )[0]
        self._db.index_quote(quote_id, quote.content.text)
        # Articles arrive in ingest order, so an occurrence is earlier only by a strictly
        # earlier date; dated articles come before undated ones.
        earliest_id, earliest_date = self._one(
            "SELECT earliest_quote_id, earliest_date FROM quotations WHERE id = ?", (quotation_id,)
        )
        if earliest_id is None or (date is not None and (earliest_date is None or date < earliest_date)):
            self._db.execute(
                "UPDATE quotations SET occurrences = occurrences + 1, earliest_quote_id = ?, "
                "earliest_article_id = ?, earliest_date = ? WHERE id = ?",
                (quote_id, article_id, date, quotation_id),
            )
        else:
            self._db.execute("UPDATE quotations SET occurrences = occurrences + 1 WHERE id = ?", (quotation_id,))

    def _quotation_for(self, raw: str, normalised: str, text_hash: str) -> int:
        """The quotation a quote text belongs to: same words, else an excerpt or small edit, else a new one."""
        row = self._one("SELECT quotation_id FROM quotation_texts WHERE text_hash = ?", (text_hash,))
        if row is not None:
            return row[0]
        shingles = sorted(dedup.shingles(normalised))[:MAX_SHINGLES]
        quotation_id = self._similar_quotation(shingles)
        if quotation_id is None:
            quotation_id = self._one(
                "INSERT INTO quotations (text, shingle_count, occurrences) VALUES (?, 0, 0) RETURNING id", (raw,)
            )[0]
        else:
            # The longest wording is the quotation's text: excerpts show as variants of it.
            self._db.execute(
                "UPDATE quotations SET text = ? WHERE id = ? AND LENGTH(text) < ?", (raw, quotation_id, len(raw))
            )
        self._db.execute(
            "INSERT INTO quotation_texts (text_hash, quotation_id, normalised) VALUES (?, ?, ?)",
            (text_hash, quotation_id, normalised),
        )
        if shingles:
            self._db.executemany(
                "INSERT INTO quotation_shingles (shingle, quotation_id) VALUES (?, ?) ON CONFLICT DO NOTHING",
                [(shingle, quotation_id) for shingle in shingles],
            )
            self._db.execute(
                "UPDATE quotations SET shingle_count = (SELECT COUNT(*) FROM quotation_shingles WHERE quotation_id = ?) "
                "WHERE id = ?",
                (quotation_id, quotation_id),
            )
        return quotation_id

    def _similar_quotation(self, shingles: list[int]) -> int | None:
        if not shingles:
            return None
        # Bounded postings per shingle: a too-common shingle finds nothing rather than everything.
        probes = shingles[:LOOKUP_SHINGLES]
        union = " UNION ALL ".join(
            f"SELECT quotation_id FROM (SELECT quotation_id FROM quotation_shingles WHERE shingle = ? LIMIT {dedup.MAX_POSTINGS + 1}) AS p{i}"
            for i in range(len(probes))
        )
        rows = self._all(
            f"SELECT quotation_id, COUNT(*) FROM ({union}) AS postings GROUP BY quotation_id "
            f"ORDER BY COUNT(*) DESC, quotation_id LIMIT {CANDIDATES}",
            probes,
        )
        best, best_score = None, 0.0
        marks = ",".join("?" * len(shingles))
        for quotation_id, _ in rows:
            shared, size = self._one(
                f"SELECT (SELECT COUNT(*) FROM quotation_shingles WHERE quotation_id = ? AND shingle IN ({marks})), "
                "shingle_count FROM quotations WHERE id = ?",
                [quotation_id, *shingles, quotation_id],
            )
            score = dedup.containment(shared, len(shingles), size)
            if dedup.joins(shared, len(shingles), size) and score > best_score:
                best, best_score = quotation_id, score
        return best

