"""Cross-corpus quotation dedup in Spark: the store's rule (``store.dedup``), as joins.

1. Exact: quotes of one normalised text (``text_hash``) are one quotation.
2. Near-duplicates: the distinct texts are joined with each other over their shingles
   (a shingle held by more than ``MAX_POSTINGS`` texts is too common to pair with, as in
   the store); pairs sharing at least ``MIN_SHARED_SHINGLES`` are edges.
3. The connected components of those edges (label propagation in Spark) are small
   groups of related texts; each is replayed in ingest order by the store's own greedy
   rule (``replay``): a text joins the best quotation whose shingles, the union of its
   texts', cover ``JOIN_CONTAINMENT`` of the smaller side, else founds a new one.
   Components are independent, so the replay runs in parallel, one component a task.

A quotation's id is its founding text's hash; its text the longest wording; its earliest
occurrence the quote of the earliest date (dated before undated, then ingest order).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from onrecord.store import dedup
from onrecord.store.writes import CANDIDATES, LOOKUP_SHINGLES

if TYPE_CHECKING:
    from pyspark.sql import DataFrame


@dataclass(frozen=True, slots=True)
class Text:
    """One distinct normalised quote text: its hash, where it first occurs (ingest order), its shingles."""

    text_hash: str
    first: tuple[int, int]
    shingles: frozenset[int]


def replay(texts: Iterable[Text]) -> dict[str, str]:
    """Each text's quotation (the founding text's hash), by the store's greedy rule in ingest order.

    As ``StoreWriter._quotation_for``: candidates are the quotations holding the most of the
    text's ``LOOKUP_SHINGLES`` smallest shingles (at most ``CANDIDATES``, earlier ones first
    on ties); the best by containment that ``dedup.joins`` wins; the quotation's shingles
    grow by every text joined to it."""
    founders: list[str] = []
    unions: dict[str, set[int]] = {}
    chosen: dict[str, str] = {}
    for text in sorted(texts, key=lambda t: t.first):
        shingles = text.shingles
        probes = sorted(shingles)[:LOOKUP_SHINGLES]
        counted = [(sum(1 for s in probes if s in unions[q]), n, q) for n, q in enumerate(founders)]
        candidates = sorted((c for c in counted if c[0] > 0), key=lambda c: (-c[0], c[1]))[:CANDIDATES]
        best, best_score = None, 0.0
        for _, _, founder in candidates:
            union = unions[founder]
            shared = len(shingles & union)
            score = dedup.containment(shared, len(shingles), len(union))
            if dedup.joins(shared, len(shingles), len(union)) and score > best_score:
                best, best_score = founder, score
        if best is None:
            founders.append(text.text_hash)
            unions[text.text_hash] = set(shingles)
            best = text.text_hash
        else:
            unions[best] |= shingles
        chosen[text.text_hash] = best
    return chosen


def _components(edges: DataFrame, max_rounds: int = 50) -> DataFrame:
    """``node, label``: every node of ``edges`` (src, dst) labelled with the smallest node of its component."""
    from pyspark.sql import functions as F

    if edges.isEmpty():
        return edges.sparkSession.createDataFrame([], "node string, label string")
    both = edges.select("src", "dst").union(edges.select(F.col("dst").alias("src"), F.col("src").alias("dst"))).localCheckpoint()
    labels = both.select(F.col("src").alias("node")).distinct().withColumn("label", F.col("node")).localCheckpoint()
    for _ in range(max_rounds):
        offered = both.join(labels, both.src == labels.node).groupBy("dst").agg(F.min("label").alias("offer"))
        updated = (
            labels.join(offered, labels.node == offered.dst, "left")
            .select("node", F.least("label", F.coalesce("offer", "label")).alias("label"))
            .localCheckpoint()
        )
        changed = updated.join(labels.withColumnRenamed("label", "before"), "node").where("label != before").limit(1).count()
        labels = updated
        if not changed:
            break
    return labels


def quotation_of(texts: DataFrame) -> DataFrame:
    """``text_hash, quotation_id`` for every distinct text (``text_hash, seq, ordinal, shingles``)."""
    from pyspark.sql import functions as F

    postings = texts.select("text_hash", F.explode("shingles").alias("shingle"))
    common = postings.groupBy("shingle").count().where(F.col("count") > dedup.MAX_POSTINGS)
    kept = postings.join(common, "shingle", "left_anti")
    a, b = kept.alias("a"), kept.alias("b")
    edges = (
        a.join(b, "shingle").where(F.col("a.text_hash") < F.col("b.text_hash"))
        .groupBy(F.col("a.text_hash").alias("src"), F.col("b.text_hash").alias("dst")).count()
        .where(F.col("count") >= dedup.MIN_SHARED_SHINGLES)
    )
    labels = _components(edges.localCheckpoint())
    grouped = labels.join(texts, labels.node == texts.text_hash).select("label", "text_hash", "seq", "ordinal", "shingles")
    replayed = grouped.rdd.map(lambda r: (r.label, Text(r.text_hash, (r.seq, r.ordinal), frozenset(r.shingles)))).groupByKey().flatMap(
        lambda group: replay(group[1]).items()
    )
    spark = texts.sparkSession
    joined = spark.createDataFrame(replayed, "text_hash string, quotation_id string")
    return (
        texts.join(joined, "text_hash", "left")
        .select("text_hash", F.coalesce("quotation_id", "text_hash").alias("quotation_id"))
        .localCheckpoint()
    )


def quotations(quotes: DataFrame) -> tuple[DataFrame, DataFrame]:
    """The quotes with their ``quotation_id``, and the ``quotations`` dataset."""
    from pyspark.sql import functions as F

    first = F.struct("seq", "ordinal")
    texts = quotes.groupBy("text_hash").agg(
        F.min(first).alias("first"),
        F.min_by(F.struct("text", "normalised", "shingles"), first).alias("t"),
        F.count("*").alias("occurrences"),
    ).select("text_hash", "first.seq", "first.ordinal", "t.text", "t.normalised", "t.shingles", "occurrences").localCheckpoint()
    assigned = quotation_of(texts)
    quoted = quotes.join(assigned, "text_hash").localCheckpoint()
    wordings = texts.join(assigned, "text_hash").groupBy("quotation_id").agg(
        # the longest wording, the earliest of equal lengths (the store keeps the first)
        F.max_by("text", F.struct(F.length("text"), -F.col("seq"), -F.col("ordinal"))).alias("text"),
        F.sort_array(F.collect_list(F.struct(F.col("normalised"), F.col("occurrences")))).alias("variants"),
    )
    # Earliest occurrence: the earliest date, dated before undated, then ingest order.
    earliest_key = F.struct(F.col("date").isNull(), F.col("date"), F.col("seq"), F.col("ordinal"))
    earliest = quoted.groupBy("quotation_id").agg(
        F.count("*").alias("occurrences"),
        F.min_by(F.struct(F.col("content_hash").alias("article"), "ordinal", "date", "seq"), earliest_key).alias("e"),
    ).select(
        "quotation_id", "occurrences", F.col("e.article").alias("earliest_article"), F.col("e.ordinal").alias("earliest_ordinal"),
        F.col("e.date").alias("earliest_date"), F.col("e.seq").alias("earliest_seq"),
    )
    table = earliest.join(wordings, "quotation_id").withColumn(
        "month", F.coalesce(F.substring("earliest_date", 1, 7), F.lit("undated"))
    )
    return quoted, table
