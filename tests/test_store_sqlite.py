"""The quote store's behaviour (SQLite here; test_postgres_store.py runs the same cases on PostgreSQL).

Articles are built by hand so each case states exactly the quotes it stores.
"""

from __future__ import annotations

import pytest

from onrecord.records import (
    Article,
    ChainLink,
    Entity,
    Evidence,
    Quote,
    Skipped,
    Span,
    When,
)
from onrecord.stages.read import ArticleSource
from onrecord.store import StoreError, open_store

BRIDGE = "We will rebuild the bridge before the winter comes, whatever it costs the city."


def make_article(
    text: str,
    quotes: list[tuple[str, str | None]],
    *,
    date: str | None = None,
    id: str | None = None,
    names: dict[str, str] | None = None,
    qid: str | None = None,
) -> Article:
    """An article whose quotes are (content, speaker mention) found in ``text`` by position.  A
    speaker the resolver would name (a capitalised mention, or one ``names`` maps to a name)
    gets an article entity, as extraction gives it; ``qid`` is its alias-file id."""
    built = []
    entities: dict[str, Entity] = {}
    for content, mention in quotes:
        start = text.index(content)
        speaker = Span.of(text, text.index(mention), text.index(mention) + len(mention)) if mention else None
        name = (names or {}).get(mention or "") or (mention if mention and mention[0].isupper() else None)
        if name is not None and name not in entities:
            entities[name] = Entity(f"E{len(entities) + 1}", name, "person", (speaker,) if speaker else (), qid=qid)
        built.append(
            Quote(
                kind="direct",
                content=Span.of(text, start, start + len(content)),
                cue=None,
                speaker=speaker,
                confidence=0.9,
                evidence=(Evidence("attribution", "test", "hand-made"),),
                speaker_name=name,
                entity=entities[name].id if name is not None else None,
            )
        )
    return Article(id=id, date=date, text=text, quotes=tuple(built), entities=tuple(entities.values()))


def add(store, article: Article, *, outlet: str | None = None) -> bool:
    return store.add_article(article, ArticleSource(article.id, article.text, article.date, outlet=outlet))


@pytest.fixture
def location(tmp_path):
    return str(tmp_path / "quotes.db")


@pytest.fixture
def store(location):
    opened = open_store(location)
    yield opened
    opened.close()


def test_stored_article_reads_back_equal(store):
    text = f'Mayor Jane Hollis said on Monday: "{BRIDGE}" Critics disagreed.'
    article = make_article(text, [(BRIDGE, "Mayor Jane Hollis")], date="2021-05-01", id="a1")
    rich_quote = Quote(
        **{
            **{f: getattr(article.quotes[0], f) for f in Quote.__dataclass_fields__},
            "cue": Span.of(text, 18, 22),
            "when": When("on Monday", "2021-04-26", 23, 32),
            "confidence": 0.87654321,
        }
    )
    article = Article(
        "a1", "2021-05-01", text, (rich_quote,),
        (Entity("E1", "Jane Hollis", "PERSON", (Span.of(text, 0, 17),)),),
        (Skipped(0, 1, "stray mark"),),
    )
    add(store, article)
    assert store.article("a1") == article


def test_stored_quote_keeps_its_pieces_and_speaker_chain(store):
    text = "The toll, Mayor Jane Hollis said, will end in May."
    said = Quote(
        kind="indirect",
        content=Span.of(text, 0, 49),
        pieces=(Span.of(text, 0, 8), Span.of(text, 34, 49)),
        cue=Span.of(text, 28, 32),
        speaker=Span.of(text, 10, 27),
        confidence=0.9,
        evidence=(),
        speaker_name="Jane Hollis",
        entity="E1",
        speaker_chain=(ChainLink("Mayor Jane Hollis", 10, 27, "fullest-name-of-entity", 1.0),),
        speaker_confidence=1.0,
    )
    article = Article("a2", None, text, (said,), (Entity("E1", "Jane Hollis", "PERSON", (Span.of(text, 10, 27),)),))
    add(store, article)
    assert store.article("a2") == article


def test_same_article_body_is_stored_once(store):
    article = make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")], id="a1")
    assert add(store, article) is True
    assert add(store, Article("copy", None, article.text, article.quotes)) is False
    assert store.stats().articles == 1
    assert store.stats().quotes == 1


def test_exact_repeat_in_other_articles_is_one_quotation(store):
    for n in range(3):
        add(store, make_article(f'Day {n}: "{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")], id=f"a{n}"))
    assert store.stats().quotations == 1
    assert store.search("bridge").items[0].occurrences == 3


def test_case_and_punctuation_do_not_split_a_quotation(store):
    shouted = BRIDGE.upper().replace(",", " —")
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")]))
    add(store, make_article(f"“{shouted}” Hollis said.", [(shouted, "Hollis")]))
    assert store.stats().quotations == 1


def test_excerpt_of_a_longer_quote_joins_its_quotation(store):
    excerpt = "We will rebuild the bridge before the winter comes"
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")]))
    add(store, make_article(f'Hollis promised: "{excerpt}."', [(excerpt, "Hollis")]))
    assert store.stats().quotations == 1


def test_small_edit_joins_the_quotation(store):
    edited = "We will rebuild the old bridge before the winter comes, whatever it costs the city."
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")]))
    add(store, make_article(f'"{edited}" Hollis said.', [(edited, "Hollis")]))
    record = store.quotation(1)
    assert store.stats().quotations == 1
    assert len(record.variants) == 2


def test_different_quote_sharing_words_is_another_quotation(store):
    other = "We will rebuild the school before the summer ends, and the budget is there for it."
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")]))
    add(store, make_article(f'"{other}" Hollis said.', [(other, "Hollis")]))
    assert store.stats().quotations == 2


def test_short_quotes_match_only_exactly(store):
    add(store, make_article('"Not today," she said.', [("Not today,", None)]))
    add(store, make_article('"Not today, maybe tomorrow," he said.', [("Not today, maybe tomorrow,", None)]))
    assert store.stats().quotations == 2


def test_quotation_lists_the_earliest_dated_occurrence_first(store):
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")], date="2021-05-03", id="late"))
    add(store, make_article(f'Hollis: "{BRIDGE}"', [(BRIDGE, "Hollis")], id="undated"))
    add(store, make_article(f'"{BRIDGE}" said Hollis.', [(BRIDGE, "Hollis")], date="2021-05-01", id="early"))
    record = store.quotation(1)
    assert [o.source_id for o in record.occurrences] == ["early", "late", "undated"]
    assert record.earliest.source_id == "early"


def test_same_date_earliest_is_the_first_ingested(store):
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")], date="2021-05-01", id="first"))
    add(store, make_article(f'"{BRIDGE}" said Hollis.', [(BRIDGE, "Hollis")], date="2021-05-01", id="second"))
    assert store.quotation(1).earliest.source_id == "first"


def test_quotation_text_is_its_longest_wording(store):
    excerpt = "We will rebuild the bridge before the winter comes"
    add(store, make_article(f'Hollis promised: "{excerpt}."', [(excerpt, "Hollis")]))
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")]))
    assert store.quotation(1).text == BRIDGE


def test_search_needs_every_word(store):
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")]))
    assert store.search("rebuild winter").total == 1
    assert store.search("rebuild tunnel").total == 0


def test_search_text_is_never_query_syntax(store):
    add(store, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")]))
    assert store.search('"bridge" (winter* -').total == 1
    assert store.search("!!!").total == 0


LAW = "We will bring law and order back to the harbour district."
LOOSE = "Order and calm come first; the law will follow in the district."


def test_a_quoted_phrase_matches_only_its_words_in_order(store):
    add(store, make_article(f'"{LAW}" Hollis said.', [(LAW, "Hollis")], id="phrase"))
    add(store, make_article(f'"{LOOSE}" Reyes said.', [(LOOSE, "Reyes")], id="loose"))
    assert store.search("law and order").total == 2
    assert [h.occurrence.source_id for h in store.search('"law and order"').items] == ["phrase"]
    assert store.search('"law and order" harbour').total == 1
    assert store.search('"order and law"').total == 0


def test_an_unclosed_quote_makes_a_phrase_of_the_rest(store):
    add(store, make_article(f'"{LAW}" Hollis said.', [(LAW, "Hollis")]))
    assert store.search('harbour "law and order').total == 1
    assert store.search('"order law').total == 0


def test_search_terms_read_phrases_and_words():
    from onrecord.store.sql import search_terms

    assert search_terms('"law and order" crime') == (("law", "and", "order"), ("crime",))
    assert search_terms('winter* -tunnel ""') == (("winter",), ("tunnel",))
    assert search_terms("\u201claw and order\u201d crime") == search_terms("\u00ablaw and order\u00bb crime") == (("law", "and", "order"), ("crime",))


def test_search_highlights_the_words_found_in_the_shown_quote(store):
    add(store, make_article(f'"{LAW}" Hollis said.', [(LAW, "Hollis")]))
    hit = store.search("harbour LAW").items[0]
    assert [hit.occurrence.text[s:e] for s, e in hit.highlights] == ["law", "harbour"]


def test_a_phrase_is_highlighted_word_by_word_where_it_stands(store):
    add(store, make_article(f'"{LAW}" Hollis said.', [(LAW, "Hollis")]))
    hit = store.search('"law and order"').items[0]
    words = [hit.occurrence.text[s:e] for s, e in hit.highlights]
    assert " ".join(words) == "law and order" or words == ["law and order"]


def test_search_without_words_has_no_highlights(store):
    add(store, make_article(f'"{LAW}" Hollis said.', [(LAW, "Hollis")], date="2021-05-01"))
    assert store.search(since="2021-01-01").items[0].highlights == ()


def test_search_results_are_newest_first_unless_asked_for_relevance(store):
    strong = "Ferry, ferry, ferry: the ferry is the ferry of this city."
    weak = "We talked about the budget, the schools and, once, the ferry."
    add(store, make_article(f'"{strong}" Hollis said.', [(strong, "Hollis")], date="2021-01-01", id="old"))
    add(store, make_article(f'"{weak}" Reyes said.', [(weak, "Reyes")], date="2021-06-01", id="new"))
    assert [h.occurrence.source_id for h in store.search("ferry").items] == ["new", "old"]
    assert [h.occurrence.source_id for h in store.search("ferry", order="relevance").items] == ["old", "new"]


def test_search_filters_by_period_outlet_and_speaker(store):
    school = "The new school opens its doors to every child in the valley next autumn."
    add(store, make_article(f'"{BRIDGE}" Jane Hollis said.', [(BRIDGE, "Jane Hollis")], date="2021-05-01"), outlet="Gazette")
    add(store, make_article(f'"{school}" said Tom Reyes.', [(school, "Tom Reyes")], date="2021-06-01"), outlet="Herald")
    assert store.search(since="2021-05-15").items[0].occurrence.speaker == "Tom Reyes"
    assert store.search(until="2021-05-15").items[0].occurrence.speaker == "Jane Hollis"
    assert store.search(outlet="gazette").total == 1
    assert store.search(speaker="Reyes").items[0].occurrence.outlet == "Herald"
    assert store.search(speaker="Eyes").total == 0


def test_search_pages_through_quotations(store):
    rules = ["keep walking", "never stop on it", "mind the gap", "no bicycles after dark", "pay the toll"]
    for n, rule in enumerate(rules):
        quote = f"On the bridge, {rule}."
        add(store, make_article(f'"{quote}" Hollis said {n}.', [(quote, "Hollis")], date=f"2021-05-0{n + 1}"))
    first, second = store.search("bridge", limit=3), store.search("bridge", limit=3, offset=3)
    assert first.total == second.total == 5
    assert len(first.items) == 3 and len(second.items) == 2
    assert not {h.quotation_id for h in first.items} & {h.quotation_id for h in second.items}


def test_speaker_groups_quotes_across_articles_by_name(store):
    school = "The new school opens its doors to every child in the valley next autumn."
    add(store, make_article(f'"{BRIDGE}" Jane Hollis said.', [(BRIDGE, "Jane Hollis")], date="2021-05-01"))
    add(store, make_article(f'"{school}" said Jane Hollis.', [(school, "Jane Hollis")], date="2021-06-01"))
    record = store.speaker("jane hollis")
    assert record.summary.quotes == 2 and record.summary.articles == 2
    assert [(p.period, p.quotes) for p in record.timeline] == [("2021-05", 1), ("2021-06", 1)]


def test_pronoun_speaker_is_not_a_speaker(store):
    add(store, make_article(f'"{BRIDGE}" she said.', [(BRIDGE, "she")]))
    assert store.speakers() == ()
    assert store.stats().speakers == 0


def test_canonical_name_groups_different_mentions(store):
    school = "The new school opens its doors to every child in the valley next autumn."
    add(store, make_article(f'"{BRIDGE}" she said.', [(BRIDGE, "she")], names={"she": "Jane Hollis"}))
    add(store, make_article(f'"{school}" the mayor said.', [(school, "the mayor")], names={"the mayor": "Jane Hollis"}))
    assert [(s.name, s.quotes) for s in store.speakers()] == [("Jane Hollis", 2)]


def test_alias_file_id_keeps_namesakes_apart(store):
    school = "The new school opens its doors to every child in the valley next autumn."
    add(store, make_article(f'"{BRIDGE}" John Smith said.', [(BRIDGE, "John Smith")], qid="Q1001"))
    add(store, make_article(f'"{school}" John Smith said.', [(school, "John Smith")], qid="Q1002"))
    assert sorted(s.qid for s in store.speakers()) == ["Q1001", "Q1002"]


def test_speakers_ranks_by_quotes_in_the_period(store):
    school = "The new school opens its doors to every child in the valley next autumn."
    add(store, make_article(f'"{BRIDGE}" Jane Hollis said. "{school}" she added.', [(BRIDGE, "Jane Hollis"), (school, "Jane Hollis")], date="2021-05-01"))
    add(store, make_article(f'"{BRIDGE}" said Tom Reyes.', [(BRIDGE, "Tom Reyes")], date="2021-07-01"))
    assert [s.name for s in store.speakers()] == ["Jane Hollis", "Tom Reyes"]
    assert [s.name for s in store.speakers(since="2021-06-01")] == ["Tom Reyes"]


def test_unknown_ids_give_none(store):
    assert store.quotation(99) is None
    assert store.speaker("Nobody Here") is None
    assert store.article(99) is None


def test_read_only_store_refuses_writes(store, location):
    reader = open_store(location, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        add(reader, make_article(f'"{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")]))
    reader.close()


def test_missing_store_is_a_clear_error(tmp_path):
    with pytest.raises(StoreError, match="no such store"):
        open_store(str(tmp_path / "absent.db"), read_only=True)


def test_export_streams_every_occurrence_in_ingest_order(store):
    for n in range(3):
        add(store, make_article(f'Day {n}: "{BRIDGE}" Hollis said.', [(BRIDGE, "Hollis")], id=f"a{n}"))
    assert [o.source_id for o in store.iter_occurrences(batch=2)] == ["a0", "a1", "a2"]


def test_browsing_without_filters_answers_as_a_filtered_search(store):
    school = "The new school opens its doors to every child in the valley next autumn."
    add(store, make_article(f'"{BRIDGE}" Jane Hollis said.', [(BRIDGE, "Jane Hollis")], date="2021-05-03"))
    add(store, make_article(f'"{school}" said Tom Reyes. "{BRIDGE}"', [(school, "Tom Reyes"), (BRIDGE, "Tom Reyes")], date="2021-04-01"))
    add(store, make_article(f'"{school}" Reyes said again.', [(school, "Reyes")], date="2021-06-01"))
    assert store.search(limit=1, offset=1) == store.search(since="1900-01-01", limit=1, offset=1)
    assert store.search() == store.search(since="1900-01-01")


def test_a_recorded_failure_is_kept_with_its_article_updated_once_and_cleared(store):
    from onrecord.stages.read import ArticleSource
    from onrecord.store.failures import Failures

    failures = Failures(store)
    source = ArticleSource("a.txt", f'"{BRIDGE}" Jane Hollis said.', date="2021-05-01", author="Ann Lee")
    failures.record("h1", source, "situate", "KeyError: 'x'")
    failures.record("h1", source, "resolve", "ValueError: y")
    [row] = failures.rows()
    assert (row.source_id, row.stage, row.message) == ("a.txt", "resolve", "ValueError: y")
    assert list(failures.sources()) == [source] and failures.has("h1")
    failures.clear("h1")
    assert failures.rows() == [] and not failures.has("h1")
