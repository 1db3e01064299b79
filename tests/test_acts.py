"""Which acts an extraction reports: speech by default, the others on request."""

from __future__ import annotations

from dataclasses import replace

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


def test_extract_keeps_and_flags_other_acts_under_the_acts_option(tmp_path) -> None:
    import json

    from typer.testing import CliRunner

    from onrecord.cli import app

    path = tmp_path / "a.txt"
    path.write_text("The mayor said the bridge would reopen. The council declined to comment.\n", encoding="utf-8")
    runner = CliRunner()
    default = json.loads(runner.invoke(app, ["extract", str(path), "--format", "json"]).stdout)
    every = json.loads(runner.invoke(app, ["extract", str(path), "--format", "json", "--acts", "speech,thought,stance"]).stdout)
    assert [q["act"] for q in default["quotes"]] == ["speech"]
    assert [q["act"] for q in every["quotes"]] == ["speech", "stance"]
    refused = runner.invoke(app, ["extract", str(path), "--acts", "opinion"])
    assert refused.exit_code == 2 and "unknown act 'opinion'" in refused.output


def test_an_entity_only_a_dropped_quote_spoke_of_is_dropped_with_it() -> None:
    from onrecord.records import Entity

    quotes = (_quote(14, 35, SpeechAct.SPEECH), _quote(47, 72, SpeechAct.THOUGHT))
    quotes = (replace(quotes[0], entity="E1"), replace(quotes[1], entity="E2"))
    entities = (Entity("E1", "Ms Reyes", "person", ()), Entity("E2", "the town", "other", ()))
    article = Article(id=None, date=None, text=TEXT, quotes=quotes, entities=entities)
    assert [e.id for e in keep_acts(article, DEFAULT_ACTS).entities] == ["E1"]
