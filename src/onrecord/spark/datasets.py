"""The output datasets, from the extracted articles (one nested row each) and the source rows."""

from __future__ import annotations

from typing import TYPE_CHECKING

from onrecord.spark.quotations import quotations
from onrecord.spark.rows import READ_STAGE

if TYPE_CHECKING:
    from pyspark.sql import Column, DataFrame


def _month(column: str = "date") -> Column:
    from pyspark.sql import functions as F

    return F.coalesce(F.substring(column, 1, 7), F.lit("undated")).alias("month")


def speakers(quotes: DataFrame) -> DataFrame:
    """The corpus identity of speakers: the key each quote's speaker first joins the store under (``store.identity.first_key``), grouped.

    One function, so a later identity (``store/identity.py``) replaces this alone."""
    from pyspark.sql import functions as F

    first = F.struct("seq", "ordinal")
    return quotes.where("speaker_key IS NOT NULL").groupBy(F.col("speaker_key").alias("key")).agg(
        F.min_by("speaker_key_name", first).alias("name"),
        F.min_by("speaker_key_entity", first).alias("entity"),
        F.count("*").alias("quotes"),
        F.countDistinct("quotation_id").alias("quotations"),
        F.countDistinct("content_hash").alias("articles"),
        F.min("date").alias("first_date"),
        F.max("date").alias("last_date"),
    )


def build_datasets(sources: DataFrame, extracted: DataFrame) -> dict[str, DataFrame]:
    from pyspark.sql import functions as F

    ok = extracted.where("failure IS NULL")
    articles = ok.select(
        "content_hash", "seq", "source_id", "date", "url", "title", "outlet", "text", "skipped",
        F.size("quotes").alias("quote_count"), _month(),
    )
    exploded = ok.select("content_hash", "seq", "date", F.explode("quotes").alias("q")).select("content_hash", "seq", "date", "q.*")
    quoted, quotation_table = quotations(exploded)
    quotes = quoted.select(
        "content_hash", "seq", "ordinal", "date", "kind", "act", "text", "char_start", "char_end", "text_hash",
        "speaker_text", "speaker_start", "speaker_end", "speaker_name", "entity", "speaker_key", "confidence", "detail",
        "quotation_id", _month(),
    )
    entities = ok.select("content_hash", "seq", "date", F.explode("entities").alias("e")).select(
        "content_hash", "seq", "e.*", _month()
    )
    failures = extracted.where("failure IS NOT NULL").select(
        "failure.source", "failure.stage", "failure.message", "content_hash", "seq"
    ).unionByName(
        sources.where("bad IS NOT NULL").select(
            F.col("source_id").alias("source"), F.lit(READ_STAGE).alias("stage"), F.col("bad").alias("message"), "content_hash", "seq"
        )
    )
    return {
        "articles": articles,
        "quotes": quotes,
        "entities": entities,
        "quotations": quotation_table,
        "speakers": speakers(quoted),
        "failures": failures,
    }
