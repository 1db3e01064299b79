"""Who gets quoted: the statistics of a store, on the CLI, the API and the page."""

from __future__ import annotations

import json
import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.records import Article, Entity, Evidence, Quote, Span
from onrecord.stages.read import ArticleSource
from onrecord.store import StatsFilters, open_store
from onrecord.web.app import create_app


def _article(id: str, date: str, speakers: list[tuple[str, str, str | None, int]]) -> Article:
    """An article where each (name, type, gender, quotes) speaker says that many sentences."""
    text, quotes, entities = "", [], []
    for n, (name, kind, gender, count) in enumerate(speakers, 1):
        start = len(text)
        text += f"{name} spoke. "
        mention = Span.of(text, start, start + len(name))
        entities.append(Entity(f"E{n}", name, kind, (mention,), gender=gender, gender_evidence=("pronoun",) if gender else ()))
        for k in range(count):
            begin = len(text)
            text += f'"Point {k} of {n} in {id}." '
            quotes.append(Quote(kind="direct", content=Span.of(text, begin + 1, len(text) - 3), cue=None, speaker=mention,
                                confidence=0.5 + 0.1 * k, evidence=(Evidence("attribution", "test", "hand-made"),),
                                speaker_name=name, entity=f"E{n}"))
    return Article(id, date, text, tuple(quotes), tuple(entities))


@pytest.fixture
def location(tmp_path):
    return str(tmp_path / "quotes.db")


@pytest.fixture
def db(location):
    path = location
    with open_store(path) as store:
        store.add_article(_article("a", "2024-01-10", [("Alice Moreno", "person", "f", 2), ("Tom Reyes", "person", "m", 1),
                                                       ("Harbour Authority", "organisation", None, 1)]),
                          ArticleSource("a", "", outlet="Ledger"))
        store.add_article(_article("b", "2024-02-03", [("Tom Reyes", "person", "m", 3), ("Sam Quill", "person", None, 1)]),
                          ArticleSource("b", "", outlet="Herald"))
        store.reidentify()
    return path


def test_sources_are_speakers_of_an_article_and_the_share_counts_every_person(db):
    with open_store(db, read_only=True) as store:
        total = store.statistics().total
    assert (total.quotes, total.sources, total.persons, total.women, total.men) == (8, 5, 4, 1, 2)
    assert total.speakers == 4  # Tom Reyes once, across both articles
    assert total.share_women == 0.25 and total.share_women_gendered == round(1 / 3, 4)


def test_breakdowns_by_gender_type_outlet_and_month(db):
    with open_store(db, read_only=True) as store:
        stats = store.statistics()
    assert {b.key: b.quotes for b in stats.by_gender} == {"f": 2, "m": 4, "unknown": 1}
    assert {b.key: b.sources for b in stats.by_type} == {"person": 4, "organisation": 1}
    assert {b.key: b.women for b in stats.by_outlet} == {"Ledger": 1, "Herald": 0}
    assert [(b.key, b.share_women) for b in stats.by_month] == [("2024-01", 0.5), ("2024-02", 0.0)]


def test_most_quoted_women_and_men_are_corpus_speakers(db):
    with open_store(db, read_only=True) as store:
        stats = store.statistics()
    assert [(s.name, s.quotes, s.articles) for s in stats.top_men] == [("Tom Reyes", 4, 2)]
    assert [s.name for s in stats.top_women] == ["Alice Moreno"]


def test_filters_keep_a_period_an_outlet_and_a_confidence(db):
    with open_store(db, read_only=True) as store:
        assert store.statistics(StatsFilters(since="2024-02-01")).total.quotes == 4
        assert store.statistics(StatsFilters(outlet="ledger")).total.quotes == 4
        assert store.statistics(StatsFilters(min_confidence=0.55)).total.quotes == 3
        assert store.statistics(StatsFilters(kind="indirect")).total.quotes == 0


def test_cli_gives_json_and_csv(db):
    runner = CliRunner()
    out = json.loads(runner.invoke(app, ["stats", "--db", db, "--format", "json"]).stdout)
    assert out["total"]["women"] == 1 and out["top_men"][0]["name"] == "Tom Reyes"
    lines = runner.invoke(app, ["stats", "--db", db, "--format", "csv", "--outlet", "Herald"]).stdout.splitlines()
    assert lines[0].startswith("table,key,quotes,sources") and lines[1].startswith("total,all,4,2,2,0,1")


def test_cli_text_names_the_share_of_women(db):
    result = CliRunner().invoke(app, ["stats", "--db", db])
    assert result.exit_code == 0 and "share of women among persons quoted: 25.0%" in result.stdout


def test_api_answers_json_and_refuses_a_bad_confidence(db):
    client = TestClient(create_app(db=db, token=None))
    answer = client.get("/api/stats", params={"until": "2024-01-31"}).json()
    assert answer["total"]["quotes"] == 4 and answer["articles"] == 2
    assert client.get("/api/stats", params={"min_confidence": 2}).status_code == 422


def test_page_draws_its_charts_inline_and_loads_nothing_from_elsewhere(db):
    page = TestClient(create_app(db=db, token=None)).get("/stats").text
    assert page.count("<svg") == 2
    assert not re.search(r"""(?:src|href)=["']?(?:https?:)?//""", page)


def test_speakers_index_lists_variants_and_filters_by_gender(db):
    page = TestClient(create_app(db=db, token=None)).get("/stats/speakers", params={"gender": "m", "type": "person"}).text
    assert "Tom Reyes (4)" in page and "Alice Moreno" not in page


def test_page_form_keeps_its_filters_and_takes_empty_fields_as_none(db):
    client = TestClient(create_app(db=db, token=None))
    empty = client.get("/stats", params={"since": "", "until": "", "outlet": "", "kind": "", "act": "", "min_confidence": ""})
    assert empty.status_code == 200 and "8 quotes" in empty.text
    kept = client.get("/stats", params={"outlet": "Herald", "kind": "direct"}).text
    assert 'value="Herald"' in kept and '<option value="direct" selected>' in kept and "4 quotes" in kept


def test_speakers_command_filters_by_type_and_gender(db):
    runner = CliRunner()
    women = runner.invoke(app, ["speakers", "--db", db, "--gender", "f"]).stdout
    bodies = runner.invoke(app, ["speakers", "--db", db, "--type", "organisation"]).stdout
    assert "Alice Moreno" in women and "Tom Reyes" not in women
    assert "Harbour Authority" in bodies and "Alice Moreno" not in bodies
