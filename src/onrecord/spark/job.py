"""``spark ingest``: inputs → sources → extracted (per partition, resumable) → the datasets.

Three steps, each leaving its result under ``OUT/_work`` so that a killed job, run again on
the same output, redoes only what was not finished and ends with the same datasets:

1. **sources**: every input record as a row (order key ``seq``, content hash, the
   extraction partition ``bucket`` fixed by that hash), written in one job.
2. **extracted**: the buckets in rounds; each round is one Spark job whose tasks extract
   their bucket (the spaCy pipeline loaded once per Python worker, duplicates by content
   hash skipped, in ingest order) and whose commit replaces exactly those buckets.  A
   finished bucket is never extracted again; a retried task rewrites the same rows.
3. **datasets**: ``articles``, ``quotes``, ``entities``, ``quotations``, ``speakers``,
   ``failures`` (docs/spark.md), recomputed from the extracted buckets and overwritten.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from onrecord.ingest.readers import InputFormat, JsonFields, walk_files
from onrecord.spark.hadoop import HadoopFiles, is_hadoop_uri
from onrecord.spark.schema import DATASETS, EXTRACTED, SCHEMA_VERSION, SOURCES
from onrecord.spark.session import SparkError
from onrecord.spark.tasks import FILE_STRIDE, read_file_bytes, read_local_file, source_rows

if TYPE_CHECKING:
    from pyspark.sql import DataFrame, SparkSession


# Partitions per core in one extraction round: several, so that a core finishing a small
# partition takes another instead of waiting for the round's largest (hash buckets are uneven).
ROUND_PER_CORE = 4


@dataclass(slots=True)
class SparkIngestCounts:
    """What a job did (the CLI's summary)."""

    records: int = 0
    unreadable: int = 0
    duplicates: int = 0
    articles: int = 0
    failures: int = 0
    quotes: int = 0
    quotations: int = 0
    speakers: int = 0
    buckets_extracted: int = 0
    buckets_resumed: int = 0
    seconds: float = 0.0


@dataclass(frozen=True, slots=True)
class JobPlan:
    """What the output was made from: a re-run must ask for the same, or use another output."""

    inputs: list[str]
    partitions: int
    format: str
    fields: dict[str, str] = field(default_factory=dict)
    schema_version: int = SCHEMA_VERSION


def _plan_json(plan: JobPlan) -> str:
    return json.dumps(asdict(plan), sort_keys=True)


class SparkIngest:
    """One ``spark ingest`` into ``out``."""

    def __init__(self, spark: SparkSession, inputs: list[str], out: str, *, partitions: int | None = None,
                 format: InputFormat = InputFormat.AUTO, json_fields: JsonFields = JsonFields(),
                 on_step: Callable[[str], None] = lambda step: None) -> None:
        self.spark = spark
        self.files = HadoopFiles(spark)
        self.out = out.rstrip("/")
        self.work = f"{self.out}/_work"
        self.inputs = inputs
        self.format = format
        self.json_fields = json_fields
        self.partitions = partitions or max(1, spark.sparkContext.defaultParallelism * ROUND_PER_CORE * 2)
        # Joins and groupings shuffle into as many partitions as extraction uses: a few on one
        # machine, thousands on a cluster (adaptive execution merges the small ones).
        spark.conf.set("spark.sql.shuffle.partitions", str(self.partitions))
        self.on_step = on_step
        self.counts = SparkIngestCounts()

    def run(self) -> SparkIngestCounts:
        started = time.monotonic()
        self._check_plan()
        if not self.files.exists(f"{self.work}/sources/_SUCCESS"):
            self.on_step("reading the inputs")
            self._write_sources()
        self._extract_buckets()
        self.on_step("building the datasets")
        self._write_datasets()
        self.counts.seconds = time.monotonic() - started
        return self.counts

    # -- the plan ------------------------------------------------------------------------

    def _check_plan(self) -> None:
        plan = JobPlan(list(self.inputs), self.partitions, str(self.format), asdict(self.json_fields))
        manifest = f"{self.work}/plan.json"
        if self.files.exists(manifest):
            before = json.loads(self.files.read_text(manifest))
            if before != json.loads(_plan_json(plan)):
                raise SparkError(
                    f"{self.out} holds the output of another job ({before['inputs']}, {before['partitions']} partitions): "
                    "run the same command to resume it, or choose a new --out"
                )
            return
        if self.files.exists(f"{self.out}/articles"):
            raise SparkError(f"{self.out} already holds datasets not made by this job: choose a new --out")
        self.files.write_text(manifest, _plan_json(plan))

    # -- 1. sources ----------------------------------------------------------------------

    def _listing(self) -> tuple[list[tuple[int, str]], list[tuple[int, str]], list[tuple[int, str]]]:
        """Input files in ingest order, numbered: (local, on a Hadoop path, Parquet)."""
        local: list[tuple[int, str]] = []
        hadoop: list[tuple[int, str]] = []
        parquet: list[tuple[int, str]] = []
        index = 0
        for path in self.inputs:
            remote = is_hadoop_uri(path)
            if not remote and not Path(path).exists():
                raise SparkError(f"{path}: no such file or folder")
            names = self.files.files(path) if remote else (str(f) for f in walk_files(Path(path)))
            for name in names:
                (parquet if name.endswith(".parquet") else hadoop if remote else local).append((index, name))
                index += 1
        return local, hadoop, parquet

    def _write_sources(self) -> None:
        sc = self.spark.sparkContext
        local, hadoop, parquet = self._listing()
        fmt, fields, partitions = self.format, self.json_fields, self.partitions
        rdds = []
        if local:
            rdds.append(sc.parallelize(local, min(len(local), sc.defaultParallelism * 4)).flatMap(
                lambda item: read_local_file(item[0], item[1], fmt, fields, partitions)))
        if hadoop:
            numbers = {_plain_uri(name): index for index, name in hadoop}
            rdds.append(sc.binaryFiles(",".join(name for _, name in hadoop)).flatMap(
                lambda item: read_file_bytes(numbers[_plain_uri(item[0])], item[0], item[1], fmt, fields, partitions)))
        if parquet:
            rdds.append(self._parquet_sources(parquet))
        rows = sc.union(rdds) if rdds else sc.emptyRDD()
        frame = self.spark.createDataFrame(rows.map(lambda r: tuple(r[name] for name in SOURCES.fieldNames())), SOURCES)
        frame.write.mode("overwrite").parquet(f"{self.work}/sources")

    def _parquet_sources(self, parquet: list[tuple[int, str]]) -> Any:
        """Parquet inputs: one article a row, columns named as for JSONL (``--field text=body``)."""
        from pyspark.sql import functions as F

        from onrecord.stages.read import ArticleSource

        numbers = {_plain_uri(name if is_hadoop_uri(name) else Path(name).resolve().as_uri()): (index, name) for index, name in parquet}
        frame = self.spark.read.parquet(*(name for _, name in parquet))
        names = set(frame.columns)
        parts = asdict(self.json_fields)
        if parts["text"].split(".")[0] not in names:
            raise SparkError(f"Parquet inputs have no column {parts['text']!r} for the text (columns: {', '.join(sorted(names))})")
        picked = [
            (F.col(column).cast("string") if column.split(".")[0] in names else F.lit(None).cast("string")).alias(part)
            for part, column in parts.items()
        ]
        rows = frame.select(*picked, F.col("_metadata.file_path").alias("file"), F.col("_metadata.row_index").alias("row"))
        partitions = self.partitions

        def to_rows(row: Any) -> Iterator[dict[str, Any]]:
            from onrecord.stages.read import InputError, parse_date

            date = None
            if row.date and len(row.date) >= 10:
                try:
                    date = parse_date(row.date[:10])
                except InputError:
                    date = None
            index, name = numbers[_plain_uri(row.file)]
            source = ArticleSource(id=row.id or f"{name}:{row.row + 1}", text=row.text or "", date=date,
                                   url=row.url, title=row.title, outlet=row.outlet)
            for out in source_rows(0, [source], partitions):
                out["seq"] = index * FILE_STRIDE + row.row
                yield out

        return rows.rdd.flatMap(to_rows)

    # -- 2. extraction, bucket by bucket -------------------------------------------------

    def _done_buckets(self) -> set[int]:
        done = f"{self.work}/done"
        if not self.files.exists(done):
            return set()
        return {int(name.rsplit("-", 1)[1]) for name in self.files.files(done)}

    def _extract_buckets(self) -> None:
        from onrecord.spark.tasks import extract_rows

        done = self._done_buckets()
        self.counts.buckets_resumed = len(done)
        todo = [b for b in range(self.partitions) if b not in done]
        per_round = max(1, self.spark.sparkContext.defaultParallelism * ROUND_PER_CORE)
        sources = self.spark.read.parquet(f"{self.work}/sources").where("bad IS NULL")
        for start in range(0, len(todo), per_round):
            chunk = todo[start : start + per_round]
            self.on_step(f"extracting partitions {chunk[0]}–{chunk[-1]} ({len(done) + start} of {self.partitions} done)")
            position = {bucket: n for n, bucket in enumerate(chunk)}
            rows = (
                sources.where(sources.bucket.isin(chunk)).rdd
                .map(lambda r: ((r.bucket, r.seq), r.asDict()))
                .repartitionAndSortWithinPartitions(len(chunk), lambda key: position[key[0]])
                .mapPartitions(lambda pairs: extract_rows(_first_of_each_hash(row for _, row in pairs)))
            )
            names = EXTRACTED.fieldNames()
            frame = self.spark.createDataFrame(rows.map(lambda r: tuple(r[name] for name in names)), EXTRACTED)
            (frame.write.mode("overwrite").option("partitionOverwriteMode", "dynamic")
             .partitionBy("bucket").parquet(f"{self.work}/extracted"))
            for bucket in chunk:
                self.files.write_text(f"{self.work}/done/bucket-{bucket}", "")
            self.counts.buckets_extracted += len(chunk)

    # -- 3. the datasets -----------------------------------------------------------------

    def _write_datasets(self) -> None:
        from onrecord.spark.datasets import build_datasets

        sources = self.spark.read.parquet(f"{self.work}/sources")
        extracted_path = f"{self.work}/extracted"
        extracted = (self.spark.read.parquet(extracted_path) if self.files.exists(extracted_path)
                     else self.spark.createDataFrame([], EXTRACTED))
        datasets = build_datasets(sources, extracted)
        for name in DATASETS:
            write_dataset(datasets[name], f"{self.out}/{name}")
        self.files.write_text(f"{self.out}/_onrecord.json", json.dumps(
            {"schema_version": SCHEMA_VERSION, "datasets": list(DATASETS), "plan": json.loads(self.files.read_text(f"{self.work}/plan.json"))},
            indent=2, sort_keys=True))
        self._count(sources)

    def _count(self, sources: DataFrame) -> None:
        read = self.spark.read
        counts = self.counts
        counts.records = sources.count()
        counts.unreadable = sources.where("bad IS NOT NULL").count()
        counts.articles = read.parquet(f"{self.out}/articles").count()
        failures = read.parquet(f"{self.out}/failures")
        counts.failures = failures.count() - counts.unreadable
        counts.duplicates = counts.records - counts.unreadable - counts.articles - counts.failures
        counts.quotes = read.parquet(f"{self.out}/quotes").count()
        counts.quotations = read.parquet(f"{self.out}/quotations").count()
        counts.speakers = read.parquet(f"{self.out}/speakers").count()


def write_dataset(frame: DataFrame, path: str) -> None:
    """One dataset, replaced whole: by month where it has one, each file sorted by ingest order."""
    from onrecord.spark.schema import ORDER

    name = path.rsplit("/", 1)[-1]
    order = ORDER[name]
    writer_frame = frame.repartition("month").sortWithinPartitions(*order) if "month" in frame.columns else frame.coalesce(1).sortWithinPartitions(*order)
    writer = writer_frame.write.mode("overwrite").option("partitionOverwriteMode", "static").option("maxRecordsPerFile", 200_000)
    if "month" in frame.columns:
        writer = writer.partitionBy("month")
    writer.parquet(path)


def _first_of_each_hash(rows: Iterator[dict[str, Any]]) -> Iterator[dict[str, Any]]:
    """Rows in ingest order, an article body met before skipped (equal hashes share a bucket)."""
    seen: set[str] = set()
    for row in rows:
        if row["content_hash"] not in seen:
            seen.add(row["content_hash"])
            yield row


def _plain_uri(name: str) -> str:
    """A file URI without the forms Spark and Hadoop spell differently (``file:/x``, ``file:///x``)."""
    if name.startswith("file:"):
        return "file:" + "/" + name[5:].lstrip("/")
    return name
