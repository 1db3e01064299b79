"""General rules the seed article needs, each on passages of our own: ``began`` as a cue, a
quote that lost its opening mark kept whole, an action's sentence introducing the channel of
the quotes after it, and chained or backgrounded cues that report nothing."""

from __future__ import annotations

import pytest

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


def _speakers(text: str) -> list[tuple[str | None, str]]:
    article = extract(text)
    names = {e.id: e for e in article.entities}
    return [(names[q.entity].name if q.entity in names else None, q.content.text) for q in article.quotes if q.kind == "direct"]


def test_a_description_holding_a_quoted_title_refers_to_the_person_the_story_is_about() -> None:
    text = ("Dara Whitlock is back on tour after a year away.\n\n"
            'The "Paper Moons" singer told fans in Leeds that she had missed them. "I needed the rest," '
            "she said.\n\n"
            '"The Long Road" star then thanked her band. "They never gave up on me," she added.\n')
    assert {name for name, _ in _speakers(text)} == {"Dara Whitlock"}
    assert all(e.name == "Dara Whitlock" for e in extract(text).entities if e.type == "person")


def test_a_given_name_alone_is_a_mention_of_the_person_named_in_full() -> None:
    text = ("Priya Raman opened her bakery in 2019.\n\nLast week she closed it for repairs.\n\n"
            "While Priya has yet to announce a date, she hinted at spring.\n\n"
            "Over the weekend, the account CrumbWatch posted a photo of the empty shop.\n\n"
            '"We miss you already," she wrote in the comments.\n')
    assert _speakers(text) == [("Priya Raman", "We miss you already,")]


def test_a_name_after_an_account_word_is_an_account_with_no_gender() -> None:
    from onrecord.stages.parse.context import build_context
    from onrecord.stages.parse.language import load_pipeline
    from onrecord.stages.resolve.mentions import Discourse, mention_of

    text = "Lena Ortiz replied to a post from the Instagram account Betterbites."
    mention = mention_of(Discourse(build_context(load_pipeline()(text))), text.index("Betterbites"), len(text) - 1)
    assert mention is not None and mention.entity_type == "account" and mention.gender is None


@pytest.mark.xfail(strict=True, reason="a post's author is found through the parse of 'a post from the … account X', "
                                       "which fails on this sentence: 'It' goes to Instagram")
def test_an_account_named_as_such_has_no_gender_and_is_no_he_or_she() -> None:
    text = ('Lena Ortiz replied to a post from the Instagram account Betterbites.\n\n'
            'It read, "Tacos count as a salad."\n\n"Finally, some science," she wrote.\n')
    article = extract(text)
    account = next(e for e in article.entities if e.name == "Betterbites")
    assert account.type == "account" and account.gender is None
    assert _speakers(text)[-1] == ("Lena Ortiz", "Finally, some science,")
