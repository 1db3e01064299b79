"""The Spark session: local mode by default, any master otherwise; small memory, quiet logs."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

from onrecord.errors import OnrecordError

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

DEFAULT_MASTER = "local[*]"

# Spark's own log: errors only, on standard error (its default is every warning, and INFO lines).
_LOG4J = """\
rootLogger.level = error
rootLogger.appenderRef.stderr.ref = stderr
appender.console.type = Console
appender.console.name = stderr
appender.console.target = SYSTEM_ERR
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = spark: %p %c{1}: %m%n
"""


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
    if (master or DEFAULT_MASTER).startswith("local"):
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")  # one machine: no network address to find
    settings = {
        "spark.ui.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
        "spark.python.worker.reuse": "true",
        "spark.sql.session.timeZone": "UTC",
        **({} if submitted else {"spark.driver.memory": "1g", "spark.driver.extraJavaOptions": f"-Dlog4j.configurationFile={_log_config().as_uri()}"}),
        **(conf or {}),
    }
    for key, value in settings.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    return spark


def _log_config() -> Path:
    path = Path(tempfile.gettempdir()) / "onrecord-spark-log4j2.properties"
    if not path.is_file() or path.read_text(encoding="utf-8") != _LOG4J:
        path.write_text(_LOG4J, encoding="utf-8")
    return path
