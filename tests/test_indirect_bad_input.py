"""Hostile input never breaks the indirect stage: run-on sentences, deep nesting, long
lists of cues and parser-mangled text give valid output (or less of it), not errors."""

from __future__ import annotations

import pytest

from onrecord.pipeline import extract
from onrecord.records import Article
from onrecord.stages.indirect import find_indirect
from onrecord.stages.parse.context import build_context
from onrecord.stages.parse.language import load_pipeline


def assert_valid(article: Article) -> None:
    """Offsets point at their text, and no word has two roles in reported attributions."""
    taken: set[int] = set()
    for q in article.quotes:
        for span in (q.content, q.cue, q.speaker):
            if span is not None:
                assert article.text[span.start:span.end] == span.text
        if q.kind == "direct":
            continue
        roles = set(range(q.content.start, q.content.end)) | set(range(q.cue.start, q.cue.end))
        assert not roles & taken, q
        taken |= roles


def test_run_on_sentence_of_two_thousand_words() -> None:
    clause = "the council said the road would close and the residents argued that the plan was unfair"
    text = ", ".join([clause] * 125) + "."
    assert len(text.split()) >= 2000
    article = extract(text)
    assert_valid(article)
    assert any(q.kind == "indirect" for q in article.quotes)


def test_deeply_nested_reports_keep_the_outermost() -> None:
    text = "The clerk said that " + "a witness claimed that " * 150 + "the vault was empty."
    article = extract(text)
    assert_valid(article)
    reported = [q for q in article.quotes if q.kind == "indirect"]
    assert reported and reported[0].cue.text == "said"


def test_list_of_two_hundred_cues() -> None:
    text = " ".join(f"Official number {k} said the talks failed." for k in range(200))
    article = extract(text)
    assert_valid(article)
    assert len([q for q in article.quotes if q.kind == "indirect"]) >= 150


@pytest.mark.parametrize(
    "text",
    [
        "said said said that that that , , , according to to to",
        "According to",
        "according to , , , said.",
        "“ ” \" said that “",
        "\n\n\n said \n\n that \n",
        "X: Y: Z: said: that: claimed:",
    ],
)
def test_mangled_text_yields_no_error(text: str) -> None:
    assert_valid(extract(text))


def test_empty_document() -> None:
    result = find_indirect(build_context(load_pipeline()("")), [], fragments=[])
    assert result.quotes == () and result.replaced == frozenset()
