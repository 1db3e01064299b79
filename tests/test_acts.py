"""Which acts an extraction reports: speech by default, the others on request."""

from __future__ import annotations

import pytest

from onrecord.acts import ALL_ACTS, DEFAULT_ACTS, keep_acts, parse_acts
from onrecord.kinds import QuoteKind, SpeechAct
from onrecord.records import Article, Quote, Span

TEXT = "Ms Reyes said the plant would close. She fears the town will not recover."


def _quote(start: int, end: int, act: SpeechAct) -> Quote:
    return Quote(kind=QuoteKind.INDIRECT, content=Span.of(TEXT, start, end), cue=None, speaker=None,
                 confidence=1.0, evidence=(), act=act)


def test_default_scope_is_speech_only() -> None:
    assert DEFAULT_ACTS == {SpeechAct.SPEECH}


def test_acts_are_read_from_a_comma_separated_list() -> None:
    assert parse_acts("speech, Stance") == {SpeechAct.SPEECH, SpeechAct.STANCE}
    assert parse_acts("speech,thought,stance") == ALL_ACTS


@pytest.mark.parametrize("value", ["", "speech,opinion"])
def test_an_unknown_or_empty_act_list_is_refused_by_name(value: str) -> None:
    with pytest.raises(ValueError, match="choose from speech, thought, stance"):
        parse_acts(value)


def test_keep_acts_drops_the_quotes_of_other_acts() -> None:
    article = Article(id=None, date=None, text=TEXT, quotes=(_quote(14, 35, SpeechAct.SPEECH), _quote(47, 72, SpeechAct.THOUGHT)))
    assert [q.act for q in keep_acts(article, DEFAULT_ACTS).quotes] == [SpeechAct.SPEECH]
    assert keep_acts(article, ALL_ACTS) is article
