"""``onrecord eval sources`` on annotations/sources, against its floors (eval/floors.json); the
merge floors are checked on the PolNeAR ingest of test_ingest_polnear.py."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from onrecord.evaluation.sources import evaluate_sources, names_agree

REPO = Path(__file__).resolve().parent.parent
FLOORS = json.loads((REPO / "eval" / "floors.json").read_text(encoding="utf-8"))


def test_a_person_matches_with_or_without_a_middle_initial():
    assert names_agree("Mary Blige", "Mary J. Blige", person=True)
    assert not names_agree("Ivanka Trump", "Donald Trump", person=True)


def test_an_organisation_matches_its_longer_name():
    assert names_agree("Tulsa police", "Tulsa police", person=False)
    assert names_agree("Washington Post", "The Washington Post", person=False)


@pytest.fixture(scope="module")
def figures(polnear_dir: Path) -> dict:
    return evaluate_sources(polnear_dir, REPO / "annotations" / "sources" / "dev.jsonl")[0]


@pytest.mark.slow
@pytest.mark.parametrize("metric", sorted(FLOORS["sources_dev"]))
def test_source_figure_holds_its_floor(figures: dict, metric: str) -> None:
    value = figures["gender"]["accuracy"] if metric == "gender_accuracy" else figures["sources"][metric]
    assert value >= FLOORS["sources_dev"][metric], (metric, value)


@pytest.mark.slow
def test_share_of_women_is_near_the_annotated_share(figures: dict) -> None:
    assert figures["share_women"]["difference"] <= FLOORS["share_women_dev"]["max_difference"], figures["share_women"]
