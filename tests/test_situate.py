"""situate: the time and the channel of each attribution, on short news passages with hand-built quotes."""

from __future__ import annotations

import pytest

from onrecord.kinds import CueKind, QuoteKind, SpeechAct
from onrecord.records import Evidence, Quote, Span
from onrecord.stages.situate import situate
from parsed import context_of, python_calls

PUBLISHED = "2020-10-15"  # a Thursday


def _span(text: str, words: str, after: int = 0) -> Span:
    start = text.index(words, after)
    return Span.of(text, start, start + len(words))


def _quote(text: str, content: str, cue: str | None = None, speaker: str | None = None, *,
           after: int = 0, act: str = "speech") -> Quote:
    body = _span(text, content, after)
    return Quote(
        kind=QuoteKind.DIRECT if content.startswith("“") else QuoteKind.INDIRECT,
        content=body,
        cue=_span(text, cue, after) if cue else None,
        cue_kind=(CueKind.COLON if cue == ":" else CueKind.VERB) if cue else None,
        speaker=_span(text, speaker, after) if speaker else None,
        confidence=1.0,
        evidence=(Evidence("extract", "test", "built by hand"),),
        act=SpeechAct(act),
    )


def _situate(text: str, *quotes: Quote, date: str | None = PUBLISHED) -> tuple[Quote, ...]:
    return situate(context_of(text), date, quotes)


def test_time_and_channel_come_from_the_cue_clause() -> None:
    text = "The senator told CNN on Tuesday that the bill was dead."
    (q,) = _situate(text, _quote(text, "the bill was dead", "told", "The senator"))
    assert q.when is not None and (q.when.text, q.when.value) == ("on Tuesday", "2020-10-13")
    assert q.channel is not None and (q.channel.type, q.channel.platform) == ("interview", "CNN")


def test_a_date_inside_the_content_is_not_the_time_of_speaking() -> None:
    text = "Trump said the vote on Nov. 3 would be rigged."
    (q,) = _situate(text, _quote(text, "the vote on Nov. 3 would be rigged", "said", "Trump"))
    assert q.when is None


def test_channel_and_time_introduced_by_a_sentence_carry_to_the_next_quotes() -> None:
    text = "Late last month, she shared the news in an Instagram post. “We are thrilled,” she wrote. “It is a boy.”"
    first = _quote(text, "“We are thrilled,”", "wrote", "she")
    second = _quote(text, "“It is a boy.”")
    for q in _situate(text, first, second):
        assert q.when is not None and q.when.value == "2020-09-21/2020-09-30"
        assert q.channel is not None and (q.channel.type, q.channel.platform) == ("social_post", "Instagram")
        assert any(e.stage == "situate" and e.rule == "channel_carried" for e in q.evidence)


def test_comment_section_is_the_channel() -> None:
    text = "“I never said that,” she wrote in the comment section."
    (q,) = _situate(text, _quote(text, "“I never said that,”", "wrote", "she"))
    assert q.channel is not None and q.channel.type == "comment"


def test_statement_released_friday() -> None:
    text = "The campaign said in a statement released Friday that it had complied with the law."
    (q,) = _situate(text, _quote(text, "that it had complied with the law", "said", "The campaign"))
    assert q.channel is not None and q.channel.type == "statement"
    assert q.when is not None and q.when.value == "2020-10-09"


def test_rally_last_week() -> None:
    text = "Speaking at a rally in Ohio last week, Trump said the press was dishonest."
    (q,) = _situate(text, _quote(text, "the press was dishonest", "said", "Trump"))
    assert q.channel is not None and q.channel.type == "speech"
    assert q.when is not None and q.when.value == "2020-10-05/2020-10-11"


def test_another_named_speaker_does_not_inherit_the_channel() -> None:
    text = "“We will win,” Smith told CNN on Monday.\n“They will lose,” Jones said."
    smith = _quote(text, "“We will win,”", "told", "Smith")
    jones = _quote(text, "“They will lose,”", "said", "Jones")
    _, q = _situate(text, smith, jones)
    assert q.channel is None and q.when is None


def test_the_same_speaker_keeps_the_channel_in_the_next_paragraph() -> None:
    text = "“We will win,” Smith told CNN on Monday.\n“They will lose,” the senator said."
    smith = _quote(text, "“We will win,”", "told", "Smith")
    senator = _quote(text, "“They will lose,”", "said", "the senator")
    _, q = _situate(text, smith, senator)
    assert q.channel is not None and q.channel.platform == "CNN"
    assert q.when is not None and q.when.value == "2020-10-12"


def test_a_new_channel_ends_the_run() -> None:
    text = ("On Monday, she announced it in an Instagram post. “It is done,” she wrote.\n"
            "She told reporters on Wednesday that she was proud.")
    post = _quote(text, "“It is done,”", "wrote", "she")
    later = _quote(text, "that she was proud", "told", "She")
    _, q = _situate(text, post, later)
    assert q.channel is not None and q.channel.type == "press_conference"
    assert q.when is not None and q.when.value == "2020-10-14"


def test_a_quote_takes_the_channel_named_by_the_same_speakers_next_quote() -> None:
    text = ("Bernie Sanders offered advice to Hillary Clinton on Friday.\n"
            "Sanders told MSNBC's Morning Joe that she should talk about the issues.")
    advice = _quote(text, "advice to Hillary Clinton", "offered", "Bernie Sanders")
    told = _quote(text, "that she should talk about the issues", "told", "Sanders")
    q, _ = _situate(text, advice, told)
    assert q.channel is not None and q.channel.type == "interview"
    assert q.when is not None and q.when.value == "2020-10-09"
    assert any(e.rule == "channel_carried" and "later quote" in e.why for e in q.evidence)


def test_transcript_turns_share_the_broadcast() -> None:
    text = ("On Sunday's broadcast of “Fox News Sunday,” Pence said the tweet was a joke.\n"
            "WALLACE: Will she be there?\nPENCE: She will not.")
    intro = _quote(text, "the tweet was a joke", "said", "Pence")
    question = _quote(text, "Will she be there?", ":", "WALLACE")
    answer = _quote(text, "She will not.", ":", "PENCE", after=text.index("PENCE"))
    for q in _situate(text, intro, question, answer):
        assert q.channel is not None and (q.channel.type, q.channel.platform) == ("broadcast", "Fox News Sunday")
        assert q.when is not None and q.when.value == "2020-10-11"


def test_a_belief_is_not_given_the_channel_of_the_run() -> None:
    text = "“We will win,” Smith told CNN on Monday.\nHe believes the polls are wrong."
    smith = _quote(text, "“We will win,”", "told", "Smith")
    belief = _quote(text, "the polls are wrong", "believes", "He", act="thought")
    _, q = _situate(text, smith, belief)
    assert q.channel is None


def test_fuzzy_time_is_kept_without_a_value() -> None:
    text = "The mayor recently told reporters that the budget was balanced."
    (q,) = _situate(text, _quote(text, "that the budget was balanced", "told", "The mayor"))
    assert q.when is not None and (q.when.text, q.when.value) == ("recently", None)


def test_without_a_publication_date_relative_times_stay_unresolved_and_say_so() -> None:
    text = "The senator told CNN on Tuesday that the bill was dead."
    (q,) = _situate(text, _quote(text, "the bill was dead", "told", "The senator"), date=None)
    assert q.when is not None and q.when.value is None and q.when.text == "on Tuesday"
    assert any(e.rule == "when_unresolved" and "publication date is unknown" in e.why for e in q.evidence)


def test_without_a_publication_date_absolute_times_still_resolve() -> None:
    text = "The senator said on Sept. 12, 2016, that the bill was dead."
    (q,) = _situate(text, _quote(text, "that the bill was dead", "said", "The senator"), date=None)
    assert q.when is not None and q.when.value == "2016-09-12"


@pytest.mark.parametrize("date", ["2020-13-01", "15/10/2020", "yesterday", "2020-02-30"])
def test_a_bad_publication_date_raises_a_clear_value_error(date: str) -> None:
    text = "The senator said the bill was dead."
    with pytest.raises(ValueError, match="publication date"):
        _situate(text, _quote(text, "the bill was dead", "said", "The senator"), date=date)


def test_a_quote_without_a_cue_uses_the_sentence_of_its_content() -> None:
    text = "“The bill is dead,” in a statement on Monday."
    (q,) = _situate(text, _quote(text, "“The bill is dead,”"))
    assert q.channel is not None and q.channel.type == "statement"
    assert q.when is not None and q.when.value == "2020-10-12"


def test_a_quote_with_nothing_to_say_is_returned_unchanged() -> None:
    text = "The senator said the bill was dead."
    quote = _quote(text, "the bill was dead", "said", "The senator")
    assert _situate(text, quote) == (quote,)


def test_quotes_come_back_in_the_order_given() -> None:
    text = "“A,” Smith told CNN on Monday. “B,” Jones said on Tuesday."
    jones = _quote(text, "“B,”", "said", "Jones")
    smith = _quote(text, "“A,”", "told", "Smith")
    out = _situate(text, jones, smith)
    assert [q.content.text for q in out] == ["“B,”", "“A,”"]
    assert out[0].when is not None and out[0].when.value == "2020-10-13"


def test_an_impossible_date_in_the_clause_gives_no_value_and_no_error() -> None:
    text = "The senator said on February 30 that the bill was dead."
    (q,) = _situate(text, _quote(text, "that the bill was dead", "said", "The senator"))
    assert q.when is not None and q.when.value is None


def _dated_quotes(count: int) -> tuple[Quote, ...]:
    sentence = "“We will win on Nov. 3,” Smith told CNN on Monday, Oct. 12, 2020. "
    text = sentence * count
    quotes = [_quote(text, "“We will win on Nov. 3,”", "told", "Smith", after=i * len(sentence)) for i in range(count)]
    return _situate(text, *quotes)


def test_hundreds_of_dated_quotes_are_each_placed() -> None:
    assert all(q.when is not None and q.when.value == "2020-10-12" for q in _dated_quotes(400))


def test_ten_times_the_quotes_take_about_ten_times_the_work() -> None:
    small = python_calls(_dated_quotes, 40)
    large = python_calls(_dated_quotes, 400)
    assert large < 12 * small, (small, large)


def test_the_start_of_a_stretch_of_time_is_not_the_time_of_speaking() -> None:
    text = "An analysis of groups that have raised money since Jan. 1, 2015, shows Democrats ahead."
    (q,) = _situate(text, _quote(text, "Democrats ahead", "shows", "An analysis of groups"))
    assert q.when is None


def test_a_named_outlet_is_not_a_time() -> None:
    text = "Ham made it clear in an interview with Trending Today USA that he backs Trump."
    (q,) = _situate(text, _quote(text, "that he backs Trump", "made it clear", "Ham"))
    assert q.when is None
    assert q.channel is not None and q.channel.type == "interview"


def test_a_headline_takes_the_occasion_of_the_lead_it_sums_up() -> None:
    text = ("Lawmaker urges retaliation on Russia\n\n"
            "Rep. Adam Schiff told USA TODAY on Wednesday that Russia must pay.")
    headline = _quote(text, "retaliation on Russia", "urges", "Lawmaker")
    lead = _quote(text, "that Russia must pay", "told", "Rep. Adam Schiff")
    q, _ = _situate(text, headline, lead)
    assert q.channel is not None and q.channel.type == "interview"
    assert q.when is not None and q.when.value == "2020-10-14"


def test_a_headline_naming_a_speaker_of_the_body_keeps_to_that_speaker() -> None:
    text = ("Politifact: Trump is right\n\n"
            "Trump said on Monday in a speech that crime was up. Politifact ruled that he was right.")
    headline = _quote(text, "Trump is right", ":", "Politifact")
    trump = _quote(text, "that crime was up", "said", "Trump")
    ruling = _quote(text, "that he was right", "ruled", "Politifact")
    q, _, _ = _situate(text, headline, trump, ruling)
    assert q.channel is None and q.when is None


def test_a_network_speaking_for_itself_is_its_own_channel() -> None:
    text = "Pence drew most of the conversation about the debate, Twitter announced."
    (q,) = _situate(text, _quote(text, "Pence drew most of the conversation about the debate", "announced", "Twitter"))
    assert q.channel is not None and (q.channel.type, q.channel.platform) == ("social_post", "Twitter")


def test_the_author_of_a_book_that_spoke_keeps_the_book() -> None:
    text = ("“Very few people knew of the clot,” the book said.\n"
            "“She did have a pain in her calf,” Mariano wrote.")
    book = _quote(text, "“Very few people knew of the clot,”", "said", "the book")
    author = _quote(text, "“She did have a pain in her calf,”", "wrote", "Mariano")
    _, q = _situate(text, book, author)
    assert q.channel is not None and q.channel.type == "book"


def test_a_job_title_is_not_a_channel() -> None:
    text = "Ruth Marcus, editorial board editor for The Washington Post, asked whether the plan would pass."
    (q,) = _situate(text, _quote(text, "whether the plan would pass", "asked",
                                 "Ruth Marcus, editorial board editor for The Washington Post,"))
    assert q.channel is None


def test_today_opening_a_sentence_is_a_time_not_the_show() -> None:
    text = "Today, the senator told reporters that the bill was dead."
    (q,) = _situate(text, _quote(text, "that the bill was dead", "told", "the senator"))
    assert q.when is not None and q.when.value == PUBLISHED
