"""onrecord on Apache Spark: the same readers, extraction, records and dedup, over a cluster.

``onrecord spark ingest INPUT... --out DIR`` (``job.SparkIngest``) writes Parquet datasets
(``schema``; docs/spark.md); ``onrecord load DIR --db STORE`` (``load``) brings them into a
store.  ``rows`` and ``tasks`` are plain Python (what the workers run); the rest drives Spark.
"""
