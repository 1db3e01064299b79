"""Accuracy floors on PolNeAR dev: the figures of ``onrecord eval polnear`` may only go up.

The floors live in ``eval/floors.json`` (raise them when the system improves, never lower
them).  The evaluation runs once for the module; it is skipped when the data is absent.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.evaluation.polnear import load_split
from onrecord.evaluation.scoring import score
from onrecord.pipeline import extract_sources
from onrecord.stages.read import ArticleSource

FLOORS_FILE = Path(__file__).resolve().parent.parent / "eval" / "floors.json"
FLOORS = json.loads(FLOORS_FILE.read_text(encoding="utf-8"))["polnear_dev"]
CHECKS = [(group, metric, floor) for group, metrics in FLOORS.items() for metric, floor in metrics.items()]


@pytest.fixture(scope="module")
def figures(polnear_dir: Path) -> dict[str, dict[str, float | int]]:
    golds = load_split(polnear_dir, "dev")
    predicted = extract_sources(ArticleSource(id=g.id, text=g.text, date=g.date) for g in golds)
    return score(zip(golds, predicted))


@pytest.mark.parametrize(("group", "metric", "floor"), CHECKS, ids=[f"{g}-{m}" for g, m, _ in CHECKS])
def test_figure_holds_its_floor(figures: dict[str, dict[str, float | int]], group: str, metric: str, floor: float) -> None:
    assert figures[group][metric] >= floor, f"{group} {metric} fell to {figures[group][metric]} (floor {floor})"
