"""The canonical-speaker annotations and how names are compared (the floors are in eval/floors.json)."""

from __future__ import annotations

from pathlib import Path

from onrecord.evaluation.speakers import load_annotations, normalise_name

ANNOTATIONS = Path(__file__).resolve().parent.parent / "annotations" / "speakers" / "dev.jsonl"



def test_annotations_cover_forty_articles():
    rows = load_annotations(ANNOTATIONS)
    assert len({r.article for r in rows}) >= 40
    assert {r.mention_type for r in rows} <= {"name", "pronoun", "epithet", "organisation", "unnamed", "none"}




def test_names_compare_without_titles_possessives_and_case():
    assert normalise_name("Sen. Lindsey Graham's") == normalise_name("lindsey graham")
    assert normalise_name("The IMF") == normalise_name("IMF")
    assert normalise_name("James O’Neill") == normalise_name("James O'Neill")


def test_surname_alone_does_not_equal_the_full_name():
    assert normalise_name("Graham") != normalise_name("Lindsey Graham")
