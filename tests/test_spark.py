"""Spark ingest's plain-Python parts (no Spark here): rows and back, the dedup replay, failures, partitions."""

from __future__ import annotations

import pytest

from onrecord.kinds import QuoteKind
from onrecord.records import Article, ChainLink, Channel, Entity, Evidence, Quote, Skipped, Span, When
from onrecord.spark import tasks
from onrecord.spark.quotations import Text, replay
from onrecord.spark.rows import article_from_rows, article_row, month_of
from onrecord.stages.read import ArticleSource
from onrecord.store import dedup

BODY = (
    'The mayor said on Monday that the bridge would reopen in May. "We are not going to wait for another winter," '
    "Dana Whitfield told reporters at City Hall. Critics disagreed."
)


def _article() -> Article:
    said = BODY.index("the bridge")
    quote_start = BODY.index('"We') + 1
    quote_end = BODY.index('winter,"') + len("winter,")
    name = BODY.index("Dana Whitfield")
    return Article(
        id="city-1", date="2026-03-02", text=BODY,
        quotes=(
            Quote(kind=QuoteKind.INDIRECT, content=Span.of(BODY, said, BODY.index(" in May") + 7), cue=Span.of(BODY, 10, 14),
                  speaker=Span.of(BODY, 0, 9), confidence=0.8123, evidence=(Evidence("indirect", "ccomp", "said that"),),
                  when=When("on Monday", "2026-03-02", 15, 24)),
            Quote(kind=QuoteKind.DIRECT, content=Span.of(BODY, quote_start, quote_end), cue=Span.of(BODY, name + 15, name + 19),
                  speaker=Span.of(BODY, name, name + 14), confidence=0.95, evidence=(), speaker_name="Dana Whitfield", entity="e1",
                  channel=Channel("press_conference", None, "told reporters", name + 15, name + 29),
                  speaker_chain=(ChainLink("Dana Whitfield", name, name + 14, "name", 1.0),)),
        ),
        entities=(Entity("e1", "Dana Whitfield", "person", (Span.of(BODY, name, name + 14),), gender="f",
                        gender_evidence=("given-name",), qid="wd:Q1"),),
        skipped=(Skipped(0, 3, "a local ambiguity"),),
    )


def test_an_article_read_back_from_its_rows_is_the_article():
    article = _article()
    source = ArticleSource(id="city-1", text=BODY, date="2026-03-02", url="https://example.org/a", title="Bridge", outlet="Gazette")
    row = article_row(article)
    base = {"source_id": "city-1", "date": "2026-03-02", "text": BODY, "url": source.url, "title": source.title, "outlet": source.outlet,
            "skipped": row["skipped"]}
    rebuilt, rebuilt_source = article_from_rows(base, list(reversed(row["quotes"])), row["entities"])
    assert rebuilt.to_dict() == article.to_dict()
    assert rebuilt_source == source


def test_a_quote_row_carries_the_store_dedup_keys():
    row = article_row(_article())["quotes"][1]
    assert row["normalised"] == "we are not going to wait for another winter"
    assert row["text_hash"] == dedup.text_hash(row["normalised"])
    assert row["shingles"] == sorted(dedup.shingles(row["normalised"]))
    assert row["speaker_key"] == "id:wd:Q1"  # the alias-file id of the speaking entity


def test_undated_articles_have_their_own_month():
    assert (month_of("2016-09-12"), month_of(None)) == ("2016-09", "undated")


def _text(words: str, first: int) -> Text:
    normalised = dedup.normalise(words)
    return Text(dedup.text_hash(normalised), (first, 0), dedup.shingles(normalised))


def test_an_excerpt_joins_the_quotation_of_its_whole_quote():
    whole = _text("we will rebuild the harbour wall before the storms of next autumn come in", 1)
    excerpt = _text("rebuild the harbour wall before the storms of next autumn", 2)
    assert replay([excerpt, whole]) == {whole.text_hash: whole.text_hash, excerpt.text_hash: whole.text_hash}


def test_quotes_sharing_a_few_words_stay_apart():
    one = _text("i hate to say it but they are going to win that one", 1)
    other = _text("carolina is going to win that one for sure this time", 2)
    assert replay([one, other]) == {one.text_hash: one.text_hash, other.text_hash: other.text_hash}


def test_a_text_joins_a_quotation_through_the_shingles_of_any_of_its_texts():
    # c shares nothing with a, the quotation's first text, but b joined a: the store's
    # quotation shingles are the union of its texts', and so are the replay's.
    a = _text("the council will vote on the harbour plan at its meeting next week and then", 1)
    b = _text("the council will vote on the harbour plan at its meeting next week and then publish the budget for the schools", 2)
    c = _text("and then publish the budget for the schools of the district", 3)
    chosen = replay([a, b, c])
    assert chosen[b.text_hash] == a.text_hash
    assert chosen[c.text_hash] == a.text_hash


def test_equal_hashes_fall_in_the_same_partition():
    digest = dedup.content_hash("Some body.\r\n")
    assert tasks.bucket_of(digest, 16) == tasks.bucket_of(dedup.content_hash("Some body.\n"), 16)
    assert 0 <= tasks.bucket_of(digest, 16) < 16


def test_source_rows_number_records_in_input_order_and_keep_bad_ones():
    rows = list(tasks.source_rows(3, [ArticleSource(id="a", text="One."), ArticleSource(id="b", text="  ")], 4))
    assert [r["seq"] for r in rows] == [3 * tasks.FILE_STRIDE, 3 * tasks.FILE_STRIDE + 1]
    assert rows[0]["content_hash"] == dedup.content_hash("One.") and rows[0]["bad"] is None
    assert (rows[1]["content_hash"], rows[1]["bad"]) == (None, "empty text")


def test_one_failing_article_is_a_failure_row_and_the_rest_go_on(monkeypatch: pytest.MonkeyPatch):
    def extract(sources):
        for source in sources:
            if "boom" in source.text:
                raise RuntimeError("parser fell over")
            yield Article(id=source.id, date=source.date, text=source.text)

    import onrecord.pipeline

    monkeypatch.setattr(onrecord.pipeline, "extract_sources", extract)
    rows = [next(tasks.source_rows(n, [ArticleSource(id=f"a{n}", text=text)], 2)) for n, text in enumerate(["Fine.", "boom", "Also fine."])]
    out = list(tasks.extract_rows(rows))
    assert [r["source_id"] for r in out] == ["a0", "a1", "a2"]
    assert [r["failure"] is None for r in out] == [True, False, True]
    assert out[1]["failure"]["source"] == "a1" and "parser fell over" in out[1]["failure"]["message"]
    assert out[1]["failure"]["stage"]


def _write_output(folder, article: Article, source: ArticleSource, version: int = 1):
    """A Spark output of one article, written by PyArrow as the job writes it (month partitions)."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    row = article_row(article)
    digest = dedup.content_hash(article.text)
    base = {"content_hash": digest, "seq": 0}
    tables = {
        "articles": [{**base, "source_id": source.id, "date": source.date, "url": source.url, "title": source.title,
                      "outlet": source.outlet, "text": article.text, "skipped": row["skipped"]}],
        "quotes": [{**base, **{k: v for k, v in q.items() if k != "shingles"}} for q in row["quotes"]],
        "entities": [{**base, **e} for e in row["entities"]],
    }
    for name, rows in tables.items():
        (folder / name / "month=2026-03").mkdir(parents=True)
        pq.write_table(pa.Table.from_pylist(rows), folder / name / "month=2026-03" / "part-0.parquet")
    (folder / "_onrecord.json").write_text(json.dumps({"schema_version": version}), encoding="utf-8")


def test_load_writes_the_article_the_store_would_have_written(tmp_path):
    from onrecord.spark.load import load
    from onrecord.store import open_store

    article = _article()
    source = ArticleSource(id="city-1", text=BODY, date="2026-03-02", outlet="Gazette")
    _write_output(tmp_path / "out", article, source)
    with open_store(str(tmp_path / "loaded.db")) as loaded, open_store(str(tmp_path / "direct.db")) as direct:
        assert direct.add_article(article, source)
        counts = load(tmp_path / "out", loaded)
        assert (counts.stored, counts.quotes) == (1, 2)
        assert loaded.article("city-1") == direct.article("city-1")
        assert load(tmp_path / "out", loaded).already_stored == 1


def test_load_refuses_an_unfinished_output_and_an_unknown_schema(tmp_path):
    from onrecord.spark.load import check_output
    from onrecord.spark.session import SparkError

    with pytest.raises(SparkError, match="not a finished"):
        check_output(tmp_path)
    _write_output(tmp_path / "v9", _article(), ArticleSource(id="x", text=BODY), version=9)
    with pytest.raises(SparkError, match="schema version 9"):
        check_output(tmp_path / "v9")
