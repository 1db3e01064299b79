"""Annotator agreement: each annotator's reading scored against each other's, as onrecord is scored."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.evaluation.agreement import annotator_agreement, reading_as_article
from onrecord.evaluation.polnear import GoldArticle, GoldAttribution, load_readings

TEXT = "The plan, she said, will fail. Officials said in a statement that the budget was final."
PLAN = GoldAttribution(content=((0, 8), (20, 29)), cue=((14, 18),), source=((10, 13),))
BUDGET_SAID = GoldAttribution(content=((66, 86),), cue=((41, 45),), source=((31, 40),))
BUDGET_IN_A_STATEMENT = GoldAttribution(content=((66, 86),), cue=((41, 60),), source=((31, 40),))


def _reading(*attributions: GoldAttribution) -> GoldArticle:
    return GoldArticle(id="a", text=TEXT, date=None, attributions=attributions)


def test_identical_readings_agree_on_every_figure() -> None:
    figures = annotator_agreement([(_reading(PLAN, BUDGET_SAID), _reading(PLAN, BUDGET_SAID))])["all"]
    assert (figures["f1@0.3"], figures["exact_f1"], figures["cue_exact"], figures["speaker_mention"]) == (1.0, 1.0, 1.0, 1.0)


def test_a_cue_marked_longer_costs_cue_agreement_only() -> None:
    figures = annotator_agreement([(_reading(PLAN, BUDGET_SAID), _reading(PLAN, BUDGET_IN_A_STATEMENT))])["all"]
    assert (figures["f1@0.3"], figures["exact_f1"], figures["cue_exact"]) == (1.0, 1.0, 0.5)


def test_every_ordered_pair_of_readings_is_scored() -> None:
    readings = (_reading(PLAN), _reading(PLAN), _reading(PLAN, BUDGET_SAID))
    figures = annotator_agreement([readings])
    assert figures["articles"] == {"count": 1, "scored_pairs": 6}
    # BUDGET is gold twice (against each reading without it) and predicted twice.
    assert figures["all"]["recall@0.3"] == round(6 / 8, 4)


def test_an_interrupted_content_is_read_as_one_quote_in_pieces() -> None:
    quote = reading_as_article(_reading(PLAN)).quotes[0]
    assert [piece.text for piece in quote.pieces] == ["The plan", "will fail"]
    assert (quote.content.text, quote.cue.text, quote.speaker.text, quote.kind) == (
        "The plan, she said, will fail",
        "said",
        "she",
        "indirect",
    )


def _write_split(root: Path, articles: dict[str, list[str]]) -> None:
    for folder in ("text", "attributions"):
        (root / "dev" / folder).mkdir(parents=True)
    for name, annotators in articles.items():
        (root / "dev" / "text" / f"{name}.txt").write_text(TEXT, encoding="utf-8")
        for annotator in annotators:
            (root / "dev" / "attributions" / f"{name}_{annotator}.ann").write_text(
                "T1\tSource 31 40\tOfficials\nT2\tCue 41 45\tsaid\nT3\tContent 66 86\tthe budget was final\n"
                "T4\tAttribution 41 45\tsaid\nE1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n",
                encoding="utf-8",
            )


def test_only_articles_with_several_annotators_have_readings(tmp_path: Path) -> None:
    _write_split(tmp_path, {"once": ["a1"], "twice": ["a1", "b2"]})
    readings = load_readings(tmp_path, "dev")
    assert [(r[0].id, len(r)) for r in readings] == [("twice", 2)]


def test_cli_reports_annotators_beside_onrecord(tmp_path: Path) -> None:
    _write_split(tmp_path, {"twice": ["a1", "b2"]})
    result = CliRunner().invoke(app, ["eval", "agreement", "--data", str(tmp_path), "--split", "dev"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["annotators"]["all"]["f1@0.3"] == 1.0
    assert figures["onrecord"]["articles"] == {"count": 1, "scored_pairs": 2}


def test_cli_names_a_split_without_multiply_annotated_articles(tmp_path: Path) -> None:
    _write_split(tmp_path, {"once": ["a1"]})
    result = CliRunner().invoke(app, ["eval", "agreement", "--data", str(tmp_path), "--split", "dev"])
    assert result.exit_code == 2
    assert "no article in dev has more than one annotator" in result.stderr


@pytest.mark.slow
def test_polnear_annotators_agree_as_the_readme_reports(polnear_dir: Path) -> None:
    articles = [r for split in ("train", "dev") for r in load_readings(polnear_dir, split)]
    figures = annotator_agreement(articles)
    assert figures["articles"] == {"count": 18, "scored_pairs": 530}
    assert (figures["all"]["f1@0.3"], figures["all"]["exact_f1"], figures["all"]["cue_exact"]) == (0.8703, 0.6947, 0.8052)
