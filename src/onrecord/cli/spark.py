"""``onrecord spark ingest``: the same ingest on Apache Spark, into Parquet datasets (docs/spark.md)."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from onrecord.cli import OnrecordTyper, app
from onrecord.ingest import InputFormat, JsonFields

spark_app = OnrecordTyper(help="Run onrecord on Apache Spark (local mode or a cluster).", no_args_is_help=True)
app.add_typer(spark_app, name="spark")
_err = Console(stderr=True)


@spark_app.command("ingest")
def spark_ingest(
    inputs: Annotated[list[str], typer.Argument(help="Files and folders, local or any Hadoop path (hdfs://, s3a://…); .parquet files are read as tables.")],
    out: Annotated[str, typer.Option("--out", help="Output folder (any Hadoop path): one Parquet dataset per table.")],
    master: Annotated[str | None, typer.Option(help="Spark master URL; local[*] by default, or what spark-submit gave.")] = None,
    partitions: Annotated[int | None, typer.Option(min=1, help="Extraction partitions (by content hash); 8 x the cores by default. A re-run must use the same.")] = None,
    format: Annotated[InputFormat, typer.Option("--format", help="Input format; auto decides by file name and content.")] = InputFormat.AUTO,
    field: Annotated[list[str] | None, typer.Option("--field", help="JSONL or Parquet column for a part, PART=NAME (id, text, date, url, title, outlet).")] = None,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="No progress and no summary.")] = False,
) -> None:
    """Extract the quotations of a news collection on Spark; a killed job run again goes on where it stopped."""
    from onrecord.spark.job import SparkIngest
    from onrecord.spark.session import spark_session

    fields = JsonFields.parse(field or [])
    spark = spark_session(master)
    try:
        job = SparkIngest(spark, inputs, out, partitions=partitions, format=format, json_fields=fields,
                          on_step=(lambda step: None) if quiet else (lambda step: _err.print(f"spark ingest: {step}")))
        counts = job.run()
    finally:
        spark.stop()
    if quiet:
        return
    table = Table(title="spark ingest summary", show_header=False, title_justify="left")
    for label, value in (
        ("records read", counts.records), ("unreadable (failures, stage read)", counts.unreadable),
        ("duplicate bodies", counts.duplicates), ("articles", counts.articles),
        ("article failures", counts.failures), ("quotes", counts.quotes), ("quotations", counts.quotations),
        ("speakers", counts.speakers), ("partitions extracted now", counts.buckets_extracted),
        ("partitions done before (resumed)", counts.buckets_resumed),
    ):
        table.add_row(label, str(value))
    table.add_row("time", f"{counts.seconds:.1f} s")
    table.add_row("output", out)
    _err.print(table)
