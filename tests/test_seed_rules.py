"""General rules the seed article needs, each on passages of our own: ``began`` as a cue, a
quote that lost its opening mark kept whole, an action's sentence introducing the channel of
the quotes after it, and chained or backgrounded cues that report nothing."""

from __future__ import annotations

from onrecord.acts import ALL_ACTS
from onrecord.pipeline import extract


def test_began_is_the_cue_of_a_quote() -> None:
    article = extract('Mara Quinlan thanked her crew.\n\n"This one is for the night shift," she began. "You kept us going."\n')
    first = next(q for q in article.quotes if q.kind == "direct")
    assert first.cue is not None and first.cue.text == "began"
    assert first.speaker is not None and first.speaker.text == "she"


def test_a_quote_missing_its_opening_mark_runs_back_to_the_sentence_after_the_earlier_quote() -> None:
    text = ('"We searched all night and found nothing," the warden said. We walked the ridge twice. '
            'We will go back at first light."\n')
    quotes = [q for q in extract(text).quotes if q.kind == "direct"]
    assert [q.content.text for q in quotes][-1] == "We walked the ridge twice. We will go back at first light."


def test_an_action_naming_a_post_introduces_the_channel_of_the_quotes_after_it() -> None:
    text = ("Date night was cancelled.\n\nLast week, the chef shared the news in an Instagram post, which showed the "
            'empty dining room.\n\n"We are closing for a while," she wrote. "Thank you for every dinner."\n')
    quotes = [q for q in extract(text, date="2022-03-10").quotes if q.kind == "direct"]
    assert quotes and all(q.channel is not None and q.channel.type == "social_post" for q in quotes)
    assert all(q.when is not None and q.when.value == "2022-02-28/2022-03-06" for q in quotes)


def test_a_plan_chained_to_a_verb_of_speech_is_no_speech() -> None:
    found = [(str(q.act), q.content.text) for q in extract("They had planned to name the boat Juniper.", acts=ALL_ACTS).quotes]
    assert found == [("thought", "to name the boat Juniper")]


def test_a_gerund_under_since_naming_an_earlier_announcement_reports_nothing() -> None:
    text = "The singer has stayed off social media in the weeks since announcing her retirement."
    assert extract(text, acts=ALL_ACTS).quotes == ()
