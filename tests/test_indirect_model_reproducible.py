"""The shipped cue model is what the training script makes of PolNeAR train.

A change to candidates, cues, contents or features changes what the model should weigh;
shipping it without retraining would leave stale weights that no unit test notices.  This
test retrains from scratch (parsing the 924 train articles: a few minutes) and compares."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SCRIPT = REPO / "scripts" / "train_indirect_model.py"
SHIPPED = REPO / "src" / "onrecord" / "data" / "indirect_cue_model.json"
# The weights are written rounded to 4 places; a weight on a rounding edge may differ by one
# step between machines, and a weight near the write-out cut may be in one file only.
WEIGHT_TOLERANCE = 0.0002
CUT = 0.02


@pytest.fixture(scope="module")
def retrained(polnear_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict:
    pytest.importorskip("sklearn")  # the `train` extra; install.sh installs it
    out = tmp_path_factory.mktemp("model") / "model.json"
    subprocess.run([sys.executable, str(SCRIPT), "--data", str(polnear_dir), "--out", str(out)],
                   check=True, capture_output=True, text=True)
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shipped() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))


def test_retraining_gives_the_shipped_threshold_and_candidate_counts(retrained: dict, shipped: dict) -> None:
    for key in ("train_articles", "candidates", "positives", "threshold", "regularisation_C"):
        assert retrained[key] == shipped[key], key


def test_retraining_gives_the_shipped_weights(retrained: dict, shipped: dict) -> None:
    new, old = retrained["weights"], shipped["weights"]
    differing = {
        name: (new.get(name), old.get(name))
        for name in new.keys() | old.keys()
        if abs(new.get(name, 0.0) - old.get(name, 0.0)) > (CUT if (name in new) != (name in old) else WEIGHT_TOLERANCE)
    }
    assert not differing, sorted(differing.items())[:10]
