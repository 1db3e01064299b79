"""Every accuracy floor CI holds, in one file (``eval/floors.json``): PolNeAR dev attribution
figures (``onrecord eval polnear``), off-domain figures (``onrecord eval offdomain``), canonical speakers (``onrecord eval speakers``) and time
and channel (``onrecord eval situation``).  The figures may only go up: raise a floor when
the system improves, never lower one.  Missing data fails these tests (``conftest``); it
never skips them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.acts import POLNEAR_ACTS
from onrecord.evaluation.offdomain import evaluate_offdomain
from onrecord.evaluation.polnear import load_split
from onrecord.evaluation.scoring import score
from onrecord.evaluation.situation import evaluate_situation
from onrecord.evaluation.speakers import evaluate as evaluate_speakers
from onrecord.pipeline import extract_sources
from onrecord.stages.read import ArticleSource

REPO = Path(__file__).resolve().parent.parent
FLOORS = json.loads((REPO / "eval" / "floors.json").read_text(encoding="utf-8"))
SPEAKER_ANNOTATIONS = REPO / "annotations" / "speakers" / "dev.jsonl"
SITUATION_ANNOTATIONS = REPO / "annotations" / "when_channel" / "dev.jsonl"

POLNEAR_CHECKS = [(group, metric, floor) for group, metrics in FLOORS["polnear_dev"].items() for metric, floor in metrics.items()]
SPEAKER_CHECKS = [(setting, kind, floor) for setting, kinds in FLOORS["speakers_dev"].items() for kind, floor in kinds.items()]
SITUATION_CHECKS = sorted(FLOORS["situation_dev"].items())

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def polnear_figures(polnear_dir: Path) -> dict[str, dict[str, float | int]]:
    golds = load_split(polnear_dir, "dev")
    predicted = extract_sources((ArticleSource(id=g.id, text=g.text, date=g.date) for g in golds), acts=POLNEAR_ACTS)
    return score(zip(golds, predicted, strict=True))


@pytest.fixture(scope="module")
def speaker_figures(polnear_dir: Path) -> dict:
    figures, _ = evaluate_speakers(polnear_dir, SPEAKER_ANNOTATIONS)
    return figures


@pytest.fixture(scope="module")
def situation_figures(polnear_dir: Path) -> dict:
    return evaluate_situation(polnear_dir, SITUATION_ANNOTATIONS)


@pytest.mark.parametrize(("group", "metric", "floor"), POLNEAR_CHECKS, ids=[f"{g}-{m}" for g, m, _ in POLNEAR_CHECKS])
def test_polnear_figure_holds_its_floor(polnear_figures: dict, group: str, metric: str, floor: float) -> None:
    assert polnear_figures[group][metric] >= floor, f"{group} {metric} fell to {polnear_figures[group][metric]} (floor {floor})"


@pytest.mark.parametrize(("setting", "kind", "floor"), SPEAKER_CHECKS, ids=[f"{s}-{k}" for s, k, _ in SPEAKER_CHECKS])
def test_speaker_accuracy_holds_its_floor(speaker_figures: dict, setting: str, kind: str, floor: float) -> None:
    assert speaker_figures[setting][kind]["accuracy"] >= floor, (setting, kind, speaker_figures[setting][kind])


def test_end_to_end_speakers_cover_most_attributions(speaker_figures: dict) -> None:
    assert speaker_figures["end_to_end"]["all"]["coverage"] > 0.5


@pytest.mark.parametrize(("part", "floor"), SITUATION_CHECKS, ids=[p for p, _ in SITUATION_CHECKS])
def test_situation_accuracy_holds_its_floor(situation_figures: dict, part: str, floor: float) -> None:
    assert situation_figures[part]["accuracy"] >= floor, situation_figures[part]


def test_situation_set_covers_at_least_30_articles(situation_figures: dict) -> None:
    assert situation_figures["articles"] >= 30
    assert situation_figures["when"]["total"] == situation_figures["channel"]["total"] == situation_figures["attributions"]


OFFDOMAIN_FIGURES = {
    "direct_recall": lambda f: f["direct"]["recall"],
    "indirect_precision": lambda f: f["indirect"]["precision"],
    "indirect_recall": lambda f: f["indirect"]["recall"],
    "speaker": lambda f: f["speaker"],
    "act": lambda f: f["act"],
    "channel": lambda f: f["channel"],
    "when": lambda f: f["when"],
}
OFFDOMAIN_CHECKS = sorted(FLOORS["offdomain_dev"].items())


@pytest.fixture(scope="module")
def offdomain_figures() -> dict:
    return evaluate_offdomain(REPO / "annotations" / "offdomain", "dev")


@pytest.mark.parametrize(("figure", "floor"), OFFDOMAIN_CHECKS, ids=[f for f, _ in OFFDOMAIN_CHECKS])
def test_offdomain_figure_holds_its_floor(offdomain_figures: dict, figure: str, floor: float) -> None:
    assert OFFDOMAIN_FIGURES[figure](offdomain_figures) >= floor, (figure, offdomain_figures)
