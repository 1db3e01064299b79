"""Canonical-speaker accuracy on the annotated PolNeAR dev articles: the floors CI holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from onrecord.evaluation.speakers import evaluate, load_annotations, normalise_name

ANNOTATIONS = Path(__file__).resolve().parent.parent / "annotations" / "speakers" / "dev.jsonl"
GIVEN_SOURCE_FLOORS = {"all": 0.92, "name": 0.98, "pronoun": 0.75, "epithet": 0.84, "organisation": 0.9, "unnamed": 0.93}
END_TO_END_FLOORS = {"all": 0.86}


@pytest.fixture(scope="module")
def figures(polnear_dir):
    result, _ = evaluate(polnear_dir, ANNOTATIONS)
    return result


def test_annotations_cover_forty_articles():
    rows = load_annotations(ANNOTATIONS)
    assert len({r.article for r in rows}) >= 40
    assert {r.mention_type for r in rows} <= {"name", "pronoun", "epithet", "organisation", "unnamed", "none"}


@pytest.mark.parametrize("kind", sorted(GIVEN_SOURCE_FLOORS))
def test_given_source_accuracy_floor(figures, kind):
    assert figures["given_source"][kind]["accuracy"] >= GIVEN_SOURCE_FLOORS[kind]


def test_end_to_end_accuracy_floor(figures):
    assert figures["end_to_end"]["all"]["accuracy"] >= END_TO_END_FLOORS["all"]
    assert figures["end_to_end"]["all"]["coverage"] > 0.5


def test_names_compare_without_titles_possessives_and_case():
    assert normalise_name("Sen. Lindsey Graham's") == normalise_name("lindsey graham")
    assert normalise_name("The IMF") == normalise_name("IMF")
    assert normalise_name("James O’Neill") == normalise_name("James O'Neill")


def test_surname_alone_does_not_equal_the_full_name():
    assert normalise_name("Graham") != normalise_name("Lindsey Graham")
