"""The Spark output's schema, versioned: ``SCHEMA_VERSION`` changes when a column changes meaning
or goes; a column added keeps the version.  docs/spark.md describes every column."""

from __future__ import annotations

from pyspark.sql.types import (
    ArrayType,
    DataType,
    DoubleType,
    IntegerType,
    LongType,
    StringType,
    StructField,
    StructType,
)

SCHEMA_VERSION = 1

DATASETS = ("articles", "quotes", "entities", "quotations", "speakers", "failures")

# Each dataset's files are sorted by these columns (ingest order): a re-run writes the same rows in the same order.
ORDER = {
    "articles": ("seq",),
    "quotes": ("seq", "ordinal"),
    "entities": ("seq", "ordinal"),
    "quotations": ("earliest_seq", "earliest_ordinal", "quotation_id"),
    "speakers": ("key",),
    "failures": ("seq",),
}


def _fields(*pairs: tuple[str, DataType]) -> list[StructField]:
    return [StructField(name, kind, True) for name, kind in pairs]


_SOURCE_COLUMNS = (
    ("seq", LongType()),
    ("content_hash", StringType()),
    ("bucket", IntegerType()),
    ("source_id", StringType()),
    ("date", StringType()),
    ("url", StringType()),
    ("title", StringType()),
    ("outlet", StringType()),
    ("text", StringType()),
)

SOURCES = StructType(_fields(*_SOURCE_COLUMNS, ("bad", StringType())))

QUOTE = StructType(_fields(
    ("ordinal", IntegerType()),
    ("kind", StringType()),
    ("act", StringType()),
    ("text", StringType()),
    ("char_start", IntegerType()),
    ("char_end", IntegerType()),
    ("normalised", StringType()),
    ("text_hash", StringType()),
    ("shingles", ArrayType(LongType())),
    ("speaker_text", StringType()),
    ("speaker_start", IntegerType()),
    ("speaker_end", IntegerType()),
    ("speaker_name", StringType()),
    ("entity", StringType()),
    ("speaker_key", StringType()),
    ("speaker_key_name", StringType()),
    ("speaker_key_entity", StringType()),
    ("confidence", DoubleType()),
    ("detail", StringType()),
))

MENTION = StructType(_fields(("text", StringType()), ("start", IntegerType()), ("end", IntegerType())))

ENTITY = StructType(_fields(
    ("ordinal", IntegerType()),
    ("entity", StringType()),
    ("name", StringType()),
    ("type", StringType()),
    ("gender", StringType()),
    ("gender_evidence", ArrayType(StringType())),
    ("qid", StringType()),
    ("on_behalf_of", StringType()),
    ("mentions", ArrayType(MENTION)),
))

FAILURE = StructType(_fields(("source", StringType()), ("stage", StringType()), ("message", StringType())))

EXTRACTED = StructType(_fields(
    *_SOURCE_COLUMNS,
    ("skipped", StringType()),
    ("quotes", ArrayType(QUOTE)),
    ("entities", ArrayType(ENTITY)),
    ("failure", FAILURE),
))
