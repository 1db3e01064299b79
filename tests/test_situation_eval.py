"""The when/channel dev set: situate must hold its measured accuracy on the hand annotations."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.evaluation.situation import evaluate_situation

REPO = Path(__file__).resolve().parents[1]
POLNEAR = REPO.parent / "shared" / "data" / "polnear"
ANNOTATIONS = REPO / "annotations" / "when_channel" / "dev.jsonl"

# Floors a little under the measured figures (when 0.932, channel 0.903 on 308 attributions).
WHEN_FLOOR = 0.91
CHANNEL_FLOOR = 0.88


@pytest.fixture(scope="module")
def report() -> dict:
    if not (POLNEAR / "dev" / "text").is_dir():
        pytest.skip(f"PolNeAR is not at {POLNEAR}")
    return evaluate_situation(POLNEAR, ANNOTATIONS)


def test_the_dev_set_covers_at_least_30_articles(report: dict) -> None:
    assert report["articles"] >= 30
    assert report["when"]["total"] == report["channel"]["total"] == report["attributions"]


def test_when_accuracy_holds_its_floor(report: dict) -> None:
    assert report["when"]["accuracy"] >= WHEN_FLOOR, report["when"]


def test_channel_accuracy_holds_its_floor(report: dict) -> None:
    assert report["channel"]["accuracy"] >= CHANNEL_FLOOR, report["channel"]
