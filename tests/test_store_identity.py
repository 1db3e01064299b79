"""Speakers across the corpus: gender and type kept, one identity per person, its variants.

The round trip runs real extraction; the merging cases are speaking entities as the
resolver gives them (name and type), so each states exactly the names it merges.
"""

from __future__ import annotations

import sqlite3

import pytest

import onrecord
from onrecord.records import Article, Entity, Evidence, Quote, Span
from onrecord.stages.read import ArticleSource
from onrecord.store import StoreError, open_store
from onrecord.store.identity import Member, identify, name_form

PASSAGE = """Mayor Alice Moreno said on Tuesday that the harbour would reopen by spring. "We owe the fishermen an answer," she said.
Mr. Daniel Okafor, a spokesman for the Harbour Authority, said the repairs had begun.
The Harbour Authority said in a statement that the cost would be shared.
"The numbers are clear," said Jordan Lee, an economist at the university.
"""


@pytest.fixture
def store(tmp_path):
    """A fresh SQLite store (tests/test_postgres_store.py runs these cases on PostgreSQL with its own)."""
    with open_store(str(tmp_path / "quotes.db")) as opened:
        yield opened


@pytest.fixture(scope="module")
def extracted() -> Article:
    return onrecord.extract(PASSAGE, date="2024-03-05", id="harbour")


def test_stored_extract_output_reads_back_equal(store, extracted):
    store.add_article(extracted, ArticleSource(extracted.id, extracted.text, extracted.date))
    assert any(e.gender for e in extracted.entities) and any(e.gender_evidence for e in extracted.entities)
    assert store.article("harbour") == extracted


def test_a_woman_named_with_a_pronoun_is_stored_with_her_gender_and_its_evidence(store, extracted):
    store.add_article(extracted, ArticleSource(extracted.id, extracted.text, extracted.date))
    moreno = next(e for e in store.article("harbour").entities if e.name == "Alice Moreno")
    assert moreno.gender == "f" and "pronoun" in moreno.gender_evidence


def test_an_organisation_has_no_gender(extracted):
    authority = next(e for e in extracted.entities if e.type == "organisation")
    assert authority.gender is None and authority.gender_evidence == ()


def test_the_speaker_list_and_occurrences_carry_type_and_gender(store, extracted):
    store.add_article(extracted, ArticleSource(extracted.id, extracted.text, extracted.date))
    store.reidentify()
    by_name = {s.name: s for s in store.speakers()}
    assert by_name["Alice Moreno"].gender == "f" and by_name["Alice Moreno"].type == "person"
    assert by_name["Harbour Authority"].type == "organisation" and by_name["Harbour Authority"].gender is None
    hit = store.search(speaker="Alice Moreno").items[0].occurrence
    assert (hit.speaker, hit.speaker_type, hit.speaker_gender) == ("Alice Moreno", "person", "f")


def test_a_given_name_alone_gives_no_gender_when_the_setting_is_off():
    text = '"The numbers are clear," said Jordan Lee, who studies ports.'
    on = onrecord.extract(text).entities[0]
    from onrecord.pipeline import extract_sources

    off = next(extract_sources([ArticleSource("x", text)], given_name_gender=False)).entities[0]
    assert (on.gender, on.gender_evidence) == ("m", ("given-name",))
    assert (off.gender, off.gender_evidence) == (None, ())


def test_an_older_store_is_refused_with_its_version(tmp_path):
    path = tmp_path / "old.db"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")
    with pytest.raises(StoreError, match="version '1'"):
        open_store(str(path), read_only=True)


# --- names as the corpus reads them ------------------------------------------------------

@pytest.mark.parametrize("name, kind", [
    ("I", "person"), ("you", "person"), ("voters", "group"), ("police", "other"), ("Police", "person"),
    ("statement", "other"), ("new poll", "other"), ("Trump Tower", "person"), ("a spokesman for the city", "person"),
    ("Latest", "other"), ("Trump Tower", "organisation"),
])
def test_pronouns_descriptions_and_places_are_no_corpus_speaker(name, kind):
    assert name_form(name, kind) is None


@pytest.mark.parametrize("name", [
    "Donald Trump", "Donald J. Trump", "President Donald Trump", "Billionaire Donald Trump", "CLEVELAND - Donald Trump",
])
def test_titles_middle_initials_and_datelines_are_set_aside(name):
    assert name_form(name, "person").key == "person:donald trump"


def test_a_suffix_keeps_a_son_apart_from_his_father():
    assert name_form("Donald Trump Jr.", "person").key != name_form("Donald Trump", "person").key


def test_the_person_after_a_possessive_is_the_name():
    assert name_form("New Republic's Jeet Heer", "person").key == "person:jeet heer"


def test_an_organisation_is_keyed_without_its_article():
    assert name_form("The Daily Ledger", "organisation").key == name_form("Daily Ledger", "organisation").key


def _speakers(*members: tuple[str, str, str | None, int]) -> dict[str, set[str]]:
    """Corpus speakers of (name, type, gender, quotes) entities: speaker name -> its variant names."""
    out = identify(Member(n, name, kind, gender, None, quotes) for n, (name, kind, gender, quotes) in enumerate(members))
    return {s.name: {v.name for v in s.variants} for s in out}


def test_relatives_sharing_a_surname_stay_apart():
    speakers = _speakers(("Donald Trump", "person", "m", 50), ("Ivanka Trump", "person", "f", 5),
                         ("Melania Trump", "person", "f", 3))
    assert len(speakers) == 3


def test_a_surname_alone_joins_the_only_bearer_of_its_gender():
    speakers = _speakers(("Ivanka Trump", "person", "f", 5), ("Donald Trump", "person", "m", 50),
                         ("Trump", "person", "m", 4))
    assert speakers["Donald Trump"] == {"Donald Trump", "Trump"}


def test_a_surname_alone_joins_a_bearer_who_has_nearly_all_its_quotes():
    speakers = _speakers(("Donald Trump", "person", "m", 95), ("Eric Trump", "person", "m", 5), ("Trump", "person", None, 4))
    assert "Trump" in speakers["Donald Trump"]


def test_a_surname_shared_by_comparable_namesakes_stays_apart():
    speakers = _speakers(("Dorie Greenspan", "person", "f", 6), ("Michael Greenspan", "person", "m", 5),
                         ("Greenspan", "person", None, 2))
    assert set(speakers) == {"Dorie Greenspan", "Michael Greenspan", "Greenspan"}


def test_each_variant_says_why_it_was_merged():
    (speaker,) = identify([Member(1, "Donald Trump", "person", "m", None, 9), Member(2, "Donald J. Trump", "person", "m", None, 2)])
    assert {v.name: v.evidence for v in speaker.variants} == {"Donald Trump": "same name",
                                                              "Donald J. Trump": "middle name or initial dropped"}


def test_a_full_name_typed_an_organisation_once_is_the_person():
    assert _speakers(("Alice Moreno", "person", "f", 9), ("Alice Moreno", "organisation", None, 1)) == {"Alice Moreno": {"Alice Moreno"}}


def test_a_surname_typed_an_organisation_once_is_the_person_the_corpus_quotes_by_it():
    speakers = _speakers(("Alice Moreno", "person", "f", 9), ("Moreno", "person", None, 2), ("Moreno", "organisation", None, 1))
    assert speakers == {"Alice Moreno": {"Alice Moreno", "Moreno"}}


def test_an_organisation_taken_for_a_surname_once_is_the_organisation():
    assert _speakers(("Gazette", "organisation", None, 9), ("Gazette", "person", None, 1)) == {"Gazette": {"Gazette"}}


def test_a_short_given_name_joins_its_full_form():
    speakers = _speakers(("Ed Harlow", "person", "m", 6), ("Edward G. Harlow", "person", "m", 2))
    assert speakers == {"Ed Harlow": {"Ed Harlow", "Edward G. Harlow"}}


def test_a_short_given_name_of_the_other_gender_stays_apart():
    assert len(_speakers(("Sam Ortiz", "person", "f", 3), ("Samuel Ortiz", "person", "m", 2))) == 2


def test_alias_ids_keep_namesakes_apart():
    out = identify([Member(1, "John Smith", "person", "m", "Q1", 3), Member(2, "John Smith", "person", "m", "Q2", 3)])
    assert sorted(s.qid for s in out) == ["Q1", "Q2"]


# --- the store keeps the identity consistent ---------------------------------------------

def _article(id: str, text: str, speaker: str, kind: str = "person") -> Article:
    start = text.index(speaker)
    span = Span.of(text, start, start + len(speaker))
    quote = Quote(kind="direct", content=Span.of(text, 1, text.index('"', 1)), cue=None, speaker=span, confidence=0.9,
                  evidence=(Evidence("attribution", "test", "hand-made"),), speaker_name=speaker, entity="E1")
    return Article(id, "2024-01-02", text, (quote,), (Entity("E1", speaker, kind, (span,)),))


def test_reidentify_merges_a_surname_alone_across_articles_and_keeps_ids(store):
    store.add_article(_article("a", '"The harbour reopens in May," said Alice Moreno.', "Alice Moreno"), ArticleSource("a", ""))
    before = store.speaker("Alice Moreno").summary.id
    store.add_article(_article("b", '"We will pay for it," Moreno said.', "Moreno"), ArticleSource("b", ""))
    assert len(store.speakers()) == 2
    store.reidentify()
    (moreno,) = store.speakers()
    assert moreno.id == before and moreno.quotes == 2
    assert {v.name for v in moreno.variants} == {"Alice Moreno", "Moreno"}


def test_a_variant_finds_its_speaker_in_search(store):
    store.add_article(_article("a", '"The harbour reopens in May," said Alice J. Moreno.', "Alice J. Moreno"), ArticleSource("a", ""))
    store.add_article(_article("b", '"We will pay for it," said Alice Moreno.', "Alice Moreno"), ArticleSource("b", ""))
    store.reidentify()
    assert store.search(speaker="Alice J. Moreno").total == 2


def test_a_quote_of_a_description_keeps_its_mention_and_has_no_corpus_speaker(store):
    store.add_article(_article("a", '"Nobody told us," said local residents.', "local residents", "group"), ArticleSource("a", ""))
    store.reidentify()
    (occurrence,) = store.iter_occurrences()
    assert occurrence.speaker is None and occurrence.mention == "local residents"
    assert store.speakers() == ()


def test_ingest_with_an_alias_file_keeps_its_ids_and_shows_them(tmp_path):
    import json

    from typer.testing import CliRunner

    from onrecord.cli import app

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text('"We will rebuild the pier," said Alice Moreno on Monday.\n', encoding="utf-8")
    (corpus / "b.txt").write_text('"The pier is safe," Moreno said on Tuesday.\n', encoding="utf-8")
    aliases = tmp_path / "aliases.jsonl"
    aliases.write_text(json.dumps({"name": "Alice Moreno", "aliases": ["Moreno"], "qid": "Q4242", "gender": "female"}) + "\n",
                       encoding="utf-8")
    db = str(tmp_path / "quotes.db")
    runner = CliRunner()
    assert runner.invoke(app, ["ingest", str(corpus), "--db", db, "--aliases", str(aliases), "-q"]).exit_code == 0
    (ranking,) = json.loads(runner.invoke(app, ["speakers", "--db", db, "--format", "json"]).stdout)
    (moreno,) = ranking["speakers"]
    assert (moreno["name"], moreno["qid"], moreno["gender"], moreno["quotes"]) == ("Alice Moreno", "Q4242", "f", 2)
    assert "Q4242" in runner.invoke(app, ["speakers", "--db", db]).stdout


@pytest.mark.parametrize("name, kind, expected", [
    ("a new poll", "other", "document"), ("the report", "other", "document"), ("@harbourwatch", "person", "account"),
    ("voters", "group", "group"), ("Harbour Authority", "organisation", "organisation"),
])
def test_sources_are_typed_for_the_statistics(name, kind, expected):
    from onrecord.store.identity import source_type

    assert source_type(name, kind) == expected
