"""The Spark session: local mode by default, any master otherwise; small memory, quiet logs."""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from onrecord.errors import OnrecordError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"


class SparkError(OnrecordError, RuntimeError):
    """Spark is missing, or a Spark output cannot be used (another job's, an older schema)."""

    code = "spark_unavailable"
    status = 503


def spark_session(master: str | None = None, *, app_name: str = "onrecord", conf: dict[str, str] | None = None) -> SparkSession:
    """A session for ``master``: ``local[*]`` unless given or set by ``spark-submit --master``."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise SparkError("PySpark is not installed: pip install 'onrecord[spark]' (it needs Java 17: openjdk-17-jre-headless)") from None
    # The workers run this interpreter (and so this onrecord) unless the cluster says otherwise.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.appName(app_name)
    submitted = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started the JVM: its --master and memory stand
    if master is not None or not submitted:
        builder = builder.master(master or DEFAULT_MASTER)
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.python.worker.reuse": "true",
        "spark.sql.shuffle.partitions": "8",
        "spark.sql.session.timeZone": "UTC",
        **({} if submitted else {"spark.driver.memory": "1g"}),
        **(conf or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark
