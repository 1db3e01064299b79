"""``onrecord load``: a Spark output into a quote store (SQLite or PostgreSQL), without Spark.

The articles are written in ingest order (``seq``) through the store's own ``add_article``,
so the store is the one ``onrecord ingest`` makes of the same inputs: same ids, same
quotations by the store's dedup, same earliest sources.  Articles already in the store
are skipped (their content hash), so a load can be re-run or resumed; the corpus speaker
identity is recomputed at the end, as ``onrecord ingest`` does.  Memory is bounded:
the output is read ``chunk`` articles at a time (Parquet row groups pruned by ``seq``).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from onrecord.spark.rows import article_from_rows
from onrecord.spark.session import SparkError
from onrecord.store import Store

# The output schema versions this onrecord reads (onrecord.spark.schema.SCHEMA_VERSION).
READABLE_VERSIONS = (1,)
CHUNK_ARTICLES = 2000


@dataclass(slots=True)
class LoadCounts:
    stored: int = 0
    already_stored: int = 0
    quotes: int = 0


def _dataset(out: Path, name: str) -> Any:
    import pyarrow.dataset as ds

    return ds.dataset(str(out / name), format="parquet", partitioning="hive")


def check_output(out: Path) -> dict[str, Any]:
    """The output's description (``_onrecord.json``), refusing an unfinished or unknown one."""
    manifest = out / "_onrecord.json"
    if not manifest.is_file():
        raise SparkError(f"{out}: not a finished 'onrecord spark ingest' output (no _onrecord.json): run or resume the job first")
    meta: dict[str, Any] = json.loads(manifest.read_text(encoding="utf-8"))
    if meta.get("schema_version") not in READABLE_VERSIONS:
        raise SparkError(f"{out}: output schema version {meta.get('schema_version')!r}, this onrecord reads {READABLE_VERSIONS}")
    return meta


def load(out: Path, store: Store, *, chunk: int = CHUNK_ARTICLES, on_progress: Callable[[LoadCounts], None] = lambda c: None) -> LoadCounts:
    """Write every article of a Spark output into ``store``, in ingest order."""
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    check_output(out)
    articles, quotes, entities = (_dataset(out, name) for name in ("articles", "quotes", "entities"))
    order = pc.sort_indices(articles.to_table(columns=["seq"]), sort_keys=[("seq", "ascending")])
    seqs = articles.to_table(columns=["seq"]).column("seq").take(order).to_pylist()
    counts = LoadCounts()
    for start in range(0, len(seqs), chunk):
        lo, hi = seqs[start], seqs[min(start + chunk, len(seqs)) - 1]
        within = (ds.field("seq") >= lo) & (ds.field("seq") <= hi)
        by_article: dict[str, dict[str, list[dict[str, Any]]]] = defaultdict(lambda: {"quotes": [], "entities": []})
        for name, dataset in (("quotes", quotes), ("entities", entities)):
            for row in dataset.to_table(filter=within).to_pylist():
                by_article[row["content_hash"]][name].append(row)
        for row in sorted(articles.to_table(filter=within).to_pylist(), key=lambda r: r["seq"]):
            parts = by_article[row["content_hash"]]
            article, source = article_from_rows(row, parts["quotes"], parts["entities"])
            if store.has_article(row["content_hash"]) or not store.add_article(article, source):
                counts.already_stored += 1
                continue
            counts.stored += 1
            counts.quotes += len(article.quotes)
        on_progress(counts)
    # The corpus identity across the whole store (a surname alone with its one bearer), as ingest ends.
    store.reidentify()
    return counts
