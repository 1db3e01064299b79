"""Channel mentions: the taxonomy type and the platform kept, in short news passages."""

from __future__ import annotations

import pytest

from onrecord.stages.situate.channel import CHANNEL_TYPES, ChannelMention, find_channels


def _only(text: str) -> ChannelMention:
    (mention,) = find_channels(text)
    assert text[mention.start : mention.end] == mention.text
    return mention


def test_instagram_post_is_a_social_post_on_instagram() -> None:
    m = _only("Late last month, she shared the news in an Instagram post.")
    assert (m.type, m.platform) == ("social_post", "Instagram")


def test_tweeted_is_a_social_post_on_twitter() -> None:
    m = _only("Trump tweeted that the election was rigged.")
    assert (m.type, m.platform) == ("social_post", "Twitter")


def test_on_facebook_is_a_social_post_on_facebook() -> None:
    m = _only("The senator wrote on Facebook that she would run again.")
    assert (m.type, m.platform) == ("social_post", "Facebook")


def test_comment_section_is_a_comment() -> None:
    m = _only('"I never said that," she wrote in the comment section.')
    assert (m.type, m.platform) == ("comment", None)


def test_told_an_outlet_is_an_interview_with_it() -> None:
    m = _only("He told CNN on Tuesday that he would not resign.")
    assert (m.type, m.platform, m.rule) == ("interview", "CNN", "told_outlet")


def test_interview_with_an_outlet_keeps_the_outlet() -> None:
    m = _only("In an interview with The Associated Press, the governor defended the plan.")
    assert (m.type, m.platform) == ("interview", "The Associated Press")


def test_interview_with_a_person_keeps_the_interviewer() -> None:
    m = _only("In an interview with Sean Hannity, Trump said the polls were wrong.")
    assert (m.type, m.platform) == ("interview", "Sean Hannity")


def test_outlet_before_interview_is_kept() -> None:
    m = _only("In a Fox News interview, Pence said the ticket was united.")
    assert (m.type, m.platform, m.rule) == ("interview", "Fox News", "outlet_cue")


def test_statement_is_a_statement() -> None:
    m = _only("The campaign said in a statement released Friday that it had complied.")
    assert (m.type, m.platform) == ("statement", None)


def test_press_release_is_a_statement() -> None:
    assert _only("The company announced the merger in a press release.").type == "statement"


def test_news_conference_is_a_press_conference() -> None:
    assert _only("The mayor spoke at a news conference at City Hall.").type == "press_conference"


def test_told_reporters_is_a_press_conference() -> None:
    assert _only("Clinton told reporters aboard her plane that she felt fine.").type == "press_conference"


def test_rally_is_a_speech() -> None:
    assert _only("Speaking at a rally in Ohio last week, Trump attacked the press.").type == "speech"


def test_show_on_a_network_is_a_broadcast_of_the_show() -> None:
    m = _only("Kaine said on NBC's Meet the Press that the ticket was united.")
    assert (m.type, m.platform) == ("broadcast", "Meet the Press")


def test_on_a_network_is_a_broadcast() -> None:
    m = _only("Giuliani said Sunday on CNN that the tape was old news.")
    assert (m.type, m.platform) == ("broadcast", "CNN")


def test_station_call_sign_is_an_outlet() -> None:
    m = _only("She told WMUR-TV that she was undecided.")
    assert (m.type, m.platform) == ("interview", "WMUR-TV")


def test_testimony_is_court() -> None:
    assert _only("Comey testified before the Senate Judiciary Committee.").type == "court"


def test_court_papers_are_court() -> None:
    assert _only("Prosecutors said in court papers that the emails were deleted.").type == "court"


def test_letter_is_a_letter() -> None:
    assert _only("In a letter to lawmakers, the director said the review was over.").type == "letter"


def test_email_as_a_topic_is_not_a_channel() -> None:
    assert find_channels("Clinton's emails were reviewed by the FBI.") == []


def test_book_is_a_book() -> None:
    assert _only("In her memoir, the former first lady recalled the campaign.").type == "book"


def test_op_ed_keeps_the_publication() -> None:
    m = _only("In an op-ed for The Washington Post, the senator called for hearings.")
    assert (m.type, m.platform) == ("op_ed", "The Washington Post")


def test_podcast_is_a_podcast() -> None:
    assert _only("He made the remark on his podcast.").type == "podcast"


def test_newspaper_alone_names_no_channel() -> None:
    assert find_channels("The story ran on the Post's front page.") == []


def test_lower_case_today_is_not_the_show() -> None:
    assert find_channels("He spoke on today's schedule.") == []


def test_every_type_is_in_the_taxonomy() -> None:
    text = ("tweeted; in a reply; interview; statement; press conference; a speech; on CNN; "
            "testified; in a letter; in his book; op-ed; podcast")
    assert {m.type for m in find_channels(text)} == set(CHANNEL_TYPES)


@pytest.mark.parametrize("text", ["", "No channel here at all.", "on", "told"])
def test_text_without_channels_gives_nothing(text: str) -> None:
    assert find_channels(text) == []
