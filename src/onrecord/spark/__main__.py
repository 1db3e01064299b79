"""``spark-submit …/onrecord/spark/__main__.py ingest INPUT... --out DIR``: the ``onrecord spark`` commands
as a file spark-submit can run (``python -m onrecord.spark`` does the same)."""

import sys

from onrecord.cli import app

if __name__ == "__main__":
    app(["spark", *sys.argv[1:]], prog_name="onrecord")
