"""Speaker labels: a colon after a name is the whole cue in transcripts and headlines."""

from __future__ import annotations

from onrecord.pipeline import extract
from onrecord.records import Quote

TRANSCRIPT = (
    "The mayor spoke to a local radio host on Sunday. Part of the exchange:\n\n"
    "\"HOLLIS: Will the ferry run this winter?\n\n"
    "\"MARSH: It will run every day, and the fares will not rise again this year.\n\n"
    "\"HOLLIS: Even after the storm damage?\n\n"
    "\"MARSH: Even then.\n"
)


def labelled(text: str) -> list[Quote]:
    return [q for q in extract(text).quotes if any(e.stage == "labels" for e in q.evidence)]


def test_transcript_label_becomes_the_speaker_of_its_turn() -> None:
    turns = labelled(TRANSCRIPT)
    assert [(q.speaker.text, q.cue.text) for q in turns][:2] == [("HOLLIS", ":"), ("MARSH", ":")]
    assert turns[1].content.text.startswith("It will run every day")


def test_transcript_turn_is_a_direct_quote() -> None:
    assert {q.kind for q in labelled(TRANSCRIPT)} == {"direct"}


def test_transcript_lines_without_quotation_marks_are_turns() -> None:
    text = ("The senator took questions after the vote.\n\n"
            "REYES: Why did the bill fail?\n\n"
            "OKAFOR: Because two members changed their minds overnight.\n\n"
            "REYES: Will it come back?\n")
    turns = labelled(text)
    assert [q.speaker.text for q in turns] == ["REYES", "OKAFOR", "REYES"]
    assert turns[1].content.text == "Because two members changed their minds overnight."


def test_section_label_is_not_a_speaker() -> None:
    text = ("The council approved the budget on Monday.\n\n"
            "UPDATE: The vote was delayed until Tuesday after a power failure.\n\n"
            "UPDATE: The council met again on Tuesday.\n")
    assert labelled(text) == []


def test_headline_source_before_a_colon_is_reported() -> None:
    text = ("Okafor: Ferry Fares Will Not Rise Again This Year.\n\n"
            "Council member Dana Okafor said on Monday that the city would hold fares steady.\n")
    (q,) = labelled(text)
    assert (q.kind, q.speaker.text, q.cue.text) == ("indirect", "Okafor", ":")
    assert q.content.text == "Ferry Fares Will Not Rise Again This Year"


def test_headline_poll_is_a_source() -> None:
    text = "Poll: Most Riders Back the New Ferry Schedule.\n\nA survey of 800 riders found broad support.\n"
    (q,) = labelled(text)
    assert q.speaker.text == "Poll"


def test_headline_section_label_is_not_a_source() -> None:
    text = "The Latest: Council Delays Budget Vote.\n\nThe council met on Monday.\n"
    assert labelled(text) == []


def test_single_dateline_label_is_not_a_transcript() -> None:
    text = "LISBON: The ferry operator said on Monday that fares would rise in the spring.\n\nLisbon riders protested.\n"
    assert labelled(text) == []


def test_long_transcript_gives_one_quote_per_turn() -> None:
    turns = "".join(f"\"{'SMITH' if i % 2 else 'JONES'}: Point {i} is that the ferry runs late.\n\n" for i in range(300))
    quotes = labelled("The hearing ran long.\n\n" + turns)
    assert len(quotes) == 300
    assert quotes[-1].speaker.text == "SMITH"
