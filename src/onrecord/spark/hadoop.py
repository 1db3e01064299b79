"""Files on any Hadoop path (``file:``, ``hdfs://``, ``s3a://``…) through the driver's JVM."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

_SCHEME = re.compile(r"\A[A-Za-z][A-Za-z0-9+.-]*:")


def is_hadoop_uri(path: str) -> bool:
    """``hdfs://…``, ``s3a://…``, ``file:/…``; a plain path (``news/``) is a local file or folder."""
    return bool(_SCHEME.match(path)) and not re.match(r"\A[A-Za-z]:[\\/]", path)


class HadoopFiles:
    """Listing, existence and small text files, by the cluster's Hadoop configuration."""

    def __init__(self, spark: SparkSession) -> None:
        self._jvm: Any = spark._jvm  # the py4j gateway
        self._conf = spark._jsc.hadoopConfiguration()

    def _path(self, path: str) -> tuple[Any, Any]:
        jpath = self._jvm.org.apache.hadoop.fs.Path(path)
        return jpath.getFileSystem(self._conf), jpath

    def exists(self, path: str) -> bool:
        fs, jpath = self._path(path)
        return bool(fs.exists(jpath))

    def files(self, path: str) -> Iterator[str]:
        """Every file under ``path`` (or ``path`` itself) in name order, hidden and ``_``-files skipped."""
        fs, jpath = self._path(path)
        found = []
        listing = fs.listFiles(jpath, True)
        while listing.hasNext():
            status = listing.next()
            name = status.getPath().getName()
            if not name.startswith((".", "_")):
                found.append(status.getPath().toString())
        yield from sorted(found)

    def write_text(self, path: str, text: str) -> None:
        fs, jpath = self._path(path)
        stream = fs.create(jpath, True)
        try:
            stream.write(bytearray(text.encode("utf-8")))
        finally:
            stream.close()

    def read_text(self, path: str) -> str:
        fs, jpath = self._path(path)
        stream = fs.open(jpath)
        try:
            return str(self._jvm.org.apache.commons.io.IOUtils.toString(stream, "UTF-8"))
        finally:
            stream.close()

    def delete(self, path: str) -> None:
        fs, jpath = self._path(path)
        fs.delete(jpath, True)
