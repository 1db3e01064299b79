"""A quote paragraph with no cue: the previous paragraph's speaker continues when their
attribution ends it; a narration paragraph about one person introduces the speaker."""

from __future__ import annotations

from onrecord.pipeline import extract


def _direct_speakers(text: str) -> list[str | None]:
    article = extract(text)
    return [q.speaker_name for q in article.quotes if q.kind == "direct"]


def test_the_previous_paragraphs_indirect_speaker_continues() -> None:
    text = ("Harlan Pike, who ran the ferry for 30 years, died on Monday.\n\n"
            "His daughter, Wren Pike, said the family would scatter his ashes at the landing.\n\n"
            '"He would want the boats running. Not a minute of silence. Running."\n')
    assert _direct_speakers(text) == ["Wren Pike"]


def test_a_paragraph_about_one_person_introduces_the_speaker_of_the_next_quote() -> None:
    text = ('"We lost the barn and most of the hay," rancher Del Moss said.\n\n'
            "His neighbour, Ada Quist, stood beside the burned fence line.\n\n"
            '"He went back for the horses twice. Nobody asked him to."\n')
    assert _direct_speakers(text) == ["Del Moss", "Ada Quist"]


def test_a_quote_after_a_paragraph_with_a_later_sentence_is_left_alone() -> None:
    text = ("The council met on Tuesday.\n\n"
            "Mayor Lin Oduya said the budget was tight. The vote was delayed by a power cut that lasted "
            "most of the evening and left the chamber dark.\n\n"
            '"We will find the money."\n')
    assert _direct_speakers(text) == [None]
