"""The store's tables, one schema for SQLite and PostgreSQL (only key types and full-text differ).

articles            one row per distinct article body (``content_hash``), in ingest order (``id``)
speakers            the corpus identity: one row per named speaker across articles (``key``: alias-file
                    id, else the name's key; see store/identity.py), typed, with a corpus gender
speaker_variants    every name a speaker goes by in the articles, with the evidence that merged it
entities, mentions  the article's entities (type, gender and its evidence, alias id) and mention spans
quotations          one row per quotation: its longest wording and its earliest occurrence
quotation_texts     every normalised wording met for a quotation (exact-match lookup by hash)
quotation_shingles  inverted index: word shingle -> quotation (excerpt / small-edit lookup)
quotes              one row per quote in an article, with offsets, speaker and quotation
failures            one row per article whose analysis failed (``store.failures``), until a retry succeeds
"""

from __future__ import annotations

# 2: entities keep gender, its evidence, the alias id and on_behalf_of; speakers are the
# corpus identity (type, gender, qid, variants).  A version-1 store is refused with a message
# saying to ingest again (its entities lack what version 2 computes from).
SCHEMA_VERSION = 2

_TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS articles (
    id {pk},
    content_hash TEXT NOT NULL UNIQUE,
    source_id TEXT,
    date TEXT,
    url TEXT,
    title TEXT,
    outlet TEXT,
    author TEXT,
    text TEXT NOT NULL,
    skipped TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_date ON articles (date);
CREATE INDEX IF NOT EXISTS articles_source ON articles (source_id);
CREATE INDEX IF NOT EXISTS articles_outlet ON articles (outlet);
CREATE TABLE IF NOT EXISTS speakers (
    id {pk},
    key TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    norm TEXT NOT NULL,
    type TEXT NOT NULL,
    gender TEXT,
    qid TEXT
);
CREATE INDEX IF NOT EXISTS speakers_norm ON speakers (norm);
CREATE TABLE IF NOT EXISTS speaker_variants (
    speaker_id {ref} NOT NULL REFERENCES speakers (id),
    name TEXT NOT NULL,
    norm TEXT NOT NULL,
    key TEXT NOT NULL,
    evidence TEXT NOT NULL,
    quotes INTEGER NOT NULL,
    PRIMARY KEY (speaker_id, name)
);
CREATE INDEX IF NOT EXISTS speaker_variants_key ON speaker_variants (key);
CREATE INDEX IF NOT EXISTS speaker_variants_norm ON speaker_variants (norm);
CREATE TABLE IF NOT EXISTS entities (
    id {pk},
    article_id {ref} NOT NULL REFERENCES articles (id),
    ordinal INTEGER NOT NULL,
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT NOT NULL,
    source_type TEXT NOT NULL,
    gender TEXT,
    gender_evidence TEXT NOT NULL,
    qid TEXT,
    on_behalf_of TEXT,
    speaker_id {ref} REFERENCES speakers (id)
);
CREATE INDEX IF NOT EXISTS entities_article ON entities (article_id);
CREATE INDEX IF NOT EXISTS entities_speaker ON entities (speaker_id);
CREATE TABLE IF NOT EXISTS mentions (
    entity_row_id {ref} NOT NULL REFERENCES entities (id),
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    PRIMARY KEY (entity_row_id, ordinal)
);
CREATE TABLE IF NOT EXISTS quotations (
    id {pk},
    text TEXT NOT NULL,
    shingle_count INTEGER NOT NULL,
    occurrences INTEGER NOT NULL,
    earliest_quote_id {ref},
    earliest_date TEXT,
    earliest_article_id {ref}
);
CREATE INDEX IF NOT EXISTS quotations_earliest ON quotations (earliest_date);
CREATE TABLE IF NOT EXISTS quotation_texts (
    text_hash TEXT PRIMARY KEY,
    quotation_id {ref} NOT NULL REFERENCES quotations (id),
    normalised TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotation_texts_quotation ON quotation_texts (quotation_id);
CREATE TABLE IF NOT EXISTS quotation_shingles (
    shingle BIGINT NOT NULL,
    quotation_id {ref} NOT NULL REFERENCES quotations (id),
    PRIMARY KEY (shingle, quotation_id)
){without_rowid};
CREATE INDEX IF NOT EXISTS quotation_shingles_quotation ON quotation_shingles (quotation_id, shingle);
CREATE TABLE IF NOT EXISTS quotes (
    id {pk},
    article_id {ref} NOT NULL REFERENCES articles (id),
    ordinal INTEGER NOT NULL,
    kind TEXT NOT NULL,
    act TEXT NOT NULL,
    text TEXT NOT NULL,
    char_start INTEGER NOT NULL,
    char_end INTEGER NOT NULL,
    text_hash TEXT NOT NULL,
    speaker_text TEXT,
    speaker_start INTEGER,
    speaker_end INTEGER,
    speaker_name TEXT,
    entity TEXT,
    speaker_id {ref} REFERENCES speakers (id),
    quotation_id {ref} NOT NULL REFERENCES quotations (id),
    confidence {real} NOT NULL,
    detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS quotes_article ON quotes (article_id);
CREATE INDEX IF NOT EXISTS quotes_quotation ON quotes (quotation_id);
CREATE INDEX IF NOT EXISTS quotes_speaker ON quotes (speaker_id);
CREATE TABLE IF NOT EXISTS failures (content_hash TEXT PRIMARY KEY, source_id TEXT, stage TEXT NOT NULL, message TEXT NOT NULL, failed_at TEXT NOT NULL, source TEXT NOT NULL);
"""

SQLITE_FULLTEXT = """
CREATE VIRTUAL TABLE IF NOT EXISTS quotes_fts USING fts5(
    text, content='quotes', content_rowid='id', tokenize='unicode61 remove_diacritics 2'
);
"""

POSTGRES_FULLTEXT = """
ALTER TABLE quotes ADD COLUMN IF NOT EXISTS search tsvector
    GENERATED ALWAYS AS (to_tsvector('simple', text)) STORED;
CREATE INDEX IF NOT EXISTS quotes_search ON quotes USING GIN (search);
"""


def sqlite_schema() -> str:
    return _TABLES.format(pk="INTEGER PRIMARY KEY", ref="INTEGER", real="REAL", without_rowid=" WITHOUT ROWID") + SQLITE_FULLTEXT


def postgres_schema() -> str:
    return _TABLES.format(pk="BIGSERIAL PRIMARY KEY", ref="BIGINT", real="DOUBLE PRECISION", without_rowid="") + POSTGRES_FULLTEXT
