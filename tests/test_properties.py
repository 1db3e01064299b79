"""Property tests: news-like text with every hazard mixed in never raises, and every output is sound.

Each example mixes reporting sentences with every quotation-mark style, apostrophes, every
kind of line break, control characters, NUL, zero-width and bidi marks, emoji, lone
surrogates, very long words and ``date`` prefixes.  Properties: ``extract`` gives an
article (or an ``InputError`` for a blank text, and nothing else); every span's ``text``
equals its slice of the article text; the JSON validates against the published schema; and
reading the same text as file bytes gives an article or an ``InputError``, never another
exception.  A few seconds in the default run; ``ONRECORD_HYPOTHESIS=long`` runs thousands.
"""

from __future__ import annotations

import json
import os
from importlib import resources
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import onrecord
from onrecord.errors import InputError
from onrecord.stages.parse.language import load_pipeline
from onrecord.stages.read import source_from_bytes

settings.register_profile("default", max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=int(os.environ.get("ONRECORD_HYPOTHESIS_EXAMPLES", "3000")), deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("ONRECORD_HYPOTHESIS", "default"))

SCHEMA = json.loads(resources.files("onrecord").joinpath("schema", "article.schema.json").read_text(encoding="utf-8"))

WORDS = ["the", "mayor", "Jane", "Hollis", "said", "told", "reporters", "on", "Monday", "according", "to",
         "Senator", "O'Neill", "didn't", "rock'n'roll", "’90s", "Dr.", "U.S.", "—", "--", "(", ")", ",", ".", ":",
         "she", "added", "We", "will", "win", "it", "Reyes:", "MARSH:", "AP", "—", "Ivanka", "Trump's", "1,000"]
MARKS = ['"', "“", "”", "‘", "’", "'", "«", "»", "„", "‚", "‹", "›", "``", "''", "「", "」"]
BREAKS = ["\n", "\r\n", "\r", "\n\n\n\n\n", "\u2028", "\u2029", "\x0b", "\x0c", "\x85"]
HAZARDS = ["\x00", "\x01", "\x07", "\x1b", "\x7f", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f",
           "\u202a", "\u202b", "\u202e", "\u2066", "\u2069", "\ufeff", "\u00ad", "😀", "👩‍👩‍👧", "🇫🇷",
           "\ud800", "\udfff", "\ufffd", "a" * 400, "ﬁ", "İ", "ß", "\u0301", "\t"]
PREFIXES = ["", "date 2021-05-01\n", "date 2021-05-01 ", "  date 2020-02-29\n", "date 2021-02-30 ", "date 99-1-1 "]

pieces = st.one_of(
    st.sampled_from(WORDS).map(lambda w: w + " "),
    st.sampled_from(MARKS),
    st.sampled_from(BREAKS),
    st.sampled_from(HAZARDS),
    st.text(max_size=6),
)
sentences = st.lists(pieces, min_size=1, max_size=60).map("".join)
articles = st.tuples(st.sampled_from(PREFIXES), st.lists(sentences, min_size=1, max_size=6)).map(
    lambda parts: parts[0] + " ".join(parts[1])
)


@pytest.fixture(scope="module", autouse=True)
def pipeline():
    return load_pipeline()


def _spans(node: Any) -> list[dict[str, Any]]:
    if isinstance(node, dict):
        found = [node] if isinstance(node.get("start"), int) and isinstance(node.get("text"), str) else []
        return found + [s for value in node.values() for s in _spans(value)]
    if isinstance(node, list):
        return [s for item in node for s in _spans(item)]
    return []


def _check(article: onrecord.Article) -> None:
    out = article.to_dict()
    json.dumps(out, ensure_ascii=False)  # encodable: no lone surrogate survives
    jsonschema.validate(out, SCHEMA)
    for span in _spans(out["quotes"]) + _spans(out["entities"]):
        assert out["text"][span["start"]:span["end"]] == span["text"], span


@given(articles)
@example("\u202a")  # an entity of invisible marks only: once an IndexError in resolve
def test_extract_never_raises_and_every_span_is_its_slice(text):
    try:
        article = onrecord.extract(text)
    except InputError:
        assert not text.strip()
        return
    _check(article)


@given(articles)
def test_reading_news_like_bytes_gives_an_article_or_an_input_error(text):
    try:
        source = source_from_bytes(text.encode("utf-8", "surrogatepass"), name="fuzz.txt")
    except InputError:
        return
    if source.text.strip():
        _check(onrecord.extract(source.text, date=source.date))
