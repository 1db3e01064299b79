"""PolNeAR train + dev ingested as JSONL with their metadata: counts, search and dedup on real news.

One ingest (two workers) for the module; skipped where the corpus is absent.
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from onrecord.ingest import JsonFields, ingest, read_inputs
from onrecord.store import open_store

pytestmark = pytest.mark.slow

@pytest.fixture(scope="module")
def polnear(polnear_dir: Path, tmp_path_factory):
    DATA = polnear_dir
    folder = tmp_path_factory.mktemp("polnear")
    with (DATA / "metadata.tsv").open(encoding="utf-8") as meta:
        rows = {r["filename"]: r for r in csv.DictReader(meta, delimiter="\t") if r["compartment"] in ("train", "dev")}
    feed = folder / "polnear.jsonl"
    with feed.open("w", encoding="utf-8") as out:
        for split in ("train", "dev"):
            for file in sorted((DATA / split / "text").glob("*.txt")):
                row = rows[file.stem]
                record = {"id": file.stem, "text": file.read_text(encoding="utf-8"), "date": row["publication_date"],
                          "outlet": row["publisher"], "title": row["title"]}
                out.write(json.dumps(record) + "\n")
    db = str(folder / "polnear.db")
    store = open_store(db)
    counts = ingest(read_inputs([str(feed)], json_fields=JsonFields()), store, workers=2)
    yield feed, store, counts
    store.close()


def test_every_distinct_article_is_stored_once(polnear):
    _, store, counts = polnear
    # 924 files; two Washington Post files carry the same body.
    assert (counts.read, counts.stored, counts.already_stored, counts.skipped) == (924, 923, 1, 0)
    assert store.stats().articles == 923


def test_quotes_and_quotations_are_counted(polnear):
    _, store, counts = polnear
    stats = store.stats()
    assert stats.quotes == counts.quotes > 5000
    assert stats.quotes > stats.quotations > 0.9 * stats.quotes
    assert stats.first_date is not None and stats.first_date.startswith("2015")
    assert stats.last_date is not None and stats.last_date.startswith("2016")


def test_rerun_extracts_nothing(polnear):
    feed, store, _ = polnear
    again = ingest(read_inputs([str(feed)]), store)
    assert (again.stored, again.already_stored) == (0, 924)


def test_most_quoted_speakers_are_the_candidates(polnear):
    _, store, _ = polnear
    top = [s.name for s in store.speakers(limit=5)]
    assert "Donald Trump" in top or "Trump" in top


def test_search_by_words_speaker_and_outlet(polnear):
    _, store, _ = polnear
    assert store.search("Clinton").total > 50
    for hit in store.search(speaker="Trump", outlet="breitbart", since="2016-09-01", limit=50).items:
        assert hit.occurrence.outlet == "breitbart" and hit.occurrence.date >= "2016-09-01"
        assert "Trump" in (hit.occurrence.speaker or "")


def test_a_quote_repeated_across_outlets_is_one_quotation(polnear):
    _, store, _ = polnear
    hit = max(store.search("makes me smart").items, key=lambda h: h.occurrences)
    record = store.quotation(hit.quotation_id)
    assert len({o.outlet for o in record.occurrences}) >= 3
    assert record.earliest == record.occurrences[0]
    assert [o.date for o in record.occurrences] == sorted(o.date for o in record.occurrences)


REPO = Path(__file__).resolve().parent.parent
FLOORS = json.loads((REPO / "eval" / "floors.json").read_text(encoding="utf-8"))


def test_corpus_speaker_merge_holds_its_floors_on_the_top_50(polnear):
    from onrecord.evaluation.sources import evaluate_merge

    _, store, _ = polnear
    figures = evaluate_merge(store, REPO / "annotations" / "top_speakers" / "top50.jsonl")
    for metric, floor in FLOORS["merge_top50"].items():
        assert figures[metric] >= floor, (metric, figures[metric], floor)
    assert figures["pronoun_or_description_speakers"] == []


def test_one_speaker_per_person_with_its_variants_and_relatives_apart(polnear):
    _, store, _ = polnear
    trump = store.speaker("Donald Trump").summary
    assert {"Donald Trump", "Donald J. Trump"} <= {v.name for v in trump.variants}
    assert store.speaker("Ivanka Trump").summary.id != trump.id
    assert store.speaker("Obama").summary.name == "Barack Obama"
    assert not {"I", "you", "we", "who", "voters", "Trump Tower"} & {o.speaker for o in store.iter_occurrences()}


def test_statistics_of_the_corpus_by_outlet_and_month(polnear):
    _, store, _ = polnear
    stats = store.statistics()
    assert stats.undated_quotes == 0 and len(stats.by_outlet) >= 5
    assert 0.1 < (stats.total.share_women or 0) < 0.4
    assert stats.top_women[0].name == "Hillary Clinton" and stats.top_men[0].name == "Donald Trump"
