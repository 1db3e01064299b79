"""Long articles are parsed in windows of paragraphs, joined into one Doc over the same text."""

from __future__ import annotations

from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import SENTENCE_CASED_KEY, load_pipeline
from onrecord.stages.parse.windows import parse_stream, parse_windows, window_ends

PARAGRAPHS = [
    "Council Approves New Budget For Schools",
    "The city council approved the budget on Monday, the mayor said.",
    "\"This is a good day for our children,\" said Maria Lopez, who leads the school board.",
    "Critics said the plan would raise taxes. Tom Reed, a council member, told reporters he voted no.",
    "The vote was 7 to 2.",
]
ARTICLE = "\n\n".join(PARAGRAPHS) + "\n"


def test_windows_end_where_lines_start_and_cover_the_text() -> None:
    ends = window_ends(ARTICLE, 120)
    assert ends[-1] == len(ARTICLE)
    starts = [0, *ends[:-1]]
    assert all(0 < end - start <= 120 for start, end in zip(starts, ends))
    assert all(ARTICLE[end - 1] == "\n" and not ARTICLE[end].isspace() for end in ends[:-1])


def test_a_line_longer_than_a_window_is_cut_at_white_space() -> None:
    line = "word " * 50
    ends = window_ends(line, 60)
    assert all(line[end - 1] == " " for end in ends[:-1]) and ends[-1] == len(line)


def test_windowed_doc_has_the_article_text_and_its_tokens() -> None:
    nlp = load_pipeline()
    whole, windowed = nlp(ARTICLE), parse_windows(nlp, ARTICLE, 120)
    assert windowed.text == ARTICLE
    assert [(t.idx, t.text) for t in windowed] == [(t.idx, t.text) for t in whole]
    assert [t.pos_ for t in windowed if t.text in ("approved", "said", "told")] == ["VERB"] * 5
    assert {e.text for e in windowed.ents} >= {"Maria Lopez", "Tom Reed"}


def test_only_the_first_window_holds_the_headline() -> None:
    nlp = load_pipeline()
    windowed = parse_windows(nlp, ARTICLE, 120)
    assert windowed.user_data.get(SENTENCE_CASED_KEY) is True
    context = build_context(windowed)
    assert context.headline is not None and context.headline.end == len(PARAGRAPHS[0])


def test_a_window_edge_starts_a_sentence() -> None:
    nlp = load_pipeline()
    windowed = parse_windows(nlp, ARTICLE, 120)
    starts = {s.start_char for s in windowed.sents}
    assert all(end in starts for end in window_ends(ARTICLE, 120)[:-1])


def test_stream_keeps_order_and_parses_a_long_text_in_windows() -> None:
    nlp = load_pipeline()
    items = [("Short one.", 1), (ARTICLE, 2), ("Another short one.", 3), ("A third.", 4)]
    parsed = list(parse_stream(nlp, items, batch_size=2, size=120))
    assert [item for _, item in parsed] == [1, 2, 3, 4]
    assert [doc.text for doc, _ in parsed] == [text for text, _ in items]
