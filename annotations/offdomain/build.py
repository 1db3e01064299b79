"""Build the off-domain gold set: ``source.jsonl`` + ``articles/*.txt`` -> ``gold.jsonl``.

``source.jsonl`` is written by hand, one article per line, with every annotated span given as
its exact text.  This script finds each text in the article body, fails (naming article,
record and text) on anything missing, ambiguous or outside the schema, and writes
``gold.jsonl`` with character offsets, so an evaluator reads offsets and never searches.
The rules by which a text is located are in README.md ("How spans are located").

    python3 annotations/offdomain/build.py            # check, then write gold.jsonl
    python3 annotations/offdomain/build.py --check    # check, and fail if gold.jsonl is stale

``report.py`` prints what re-reading needs (attributions in context, uncovered quotations,
counts).  Standard library only.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import re
import sys
from pathlib import Path
from typing import Any

from spans import (GoldError, body_of, context, locate_global, locate_near, occurrences,
                   paragraphs, run, text_and_nth)

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source.jsonl"
GOLD = HERE / "gold.jsonl"
ARTICLES = HERE / "articles"

ISO_POINT = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MIN_WORDS, MAX_WORDS = 250, 900

SPLITS = {"dev", "test"}
GENRES = {
    "wire", "business", "crime_courts", "sports", "science_health", "entertainment",
    "local", "disaster_weather", "tech", "obituary_profile", "interview_qa",
}
REGIONS = {"US", "UK", "CA"}
ENTITY_TYPES = {"person", "organisation", "account", "document", "group"}
GENDERS = {"m", "f", None}
GENDER_EVIDENCE = {"pronoun", "honorific", "role_word", "given_name"}
KINDS = {"direct", "indirect", "mixed"}
ACTS = {"speech", "thought", "stance"}
CHANNEL_TYPES = {
    "social_post", "comment", "interview", "statement", "press_conference", "speech",
    "broadcast", "court", "letter", "book", "op_ed", "podcast",
}
# Phenomena a reader notices but the other fields do not show (README, "Tags").
TAGS = {
    "headline", "missing_open_mark", "stray_mark", "colon_intro", "transcript_turn", "question",
    "request", "no_that", "time_in_quote", "salient_description",
}
NOT_SPEECH_TYPES = {"title", "nickname", "scare_quote", "action", "raising", "other"}
# Mentions that need not be a name or alias of the speaker.
PRONOUNS = {
    "I", "he", "He", "she", "She", "they", "They", "it", "It", "we", "We", "who", "which",
    "him", "her", "them",
}

ARTICLE_KEYS = {"id", "split", "genre", "region", "outlet_style", "date", "entities",
                "attributions", "not_speech"}
ENTITY_KEYS = {"name", "type", "gender", "gender_evidence", "aliases", "speaks_for"}
ATTRIBUTION_KEYS = {"kind", "act", "content", "cue", "mention", "speaker", "description",
                    "continues", "channel", "when", "addressee", "tags"}
NOT_SPEECH_KEYS = {"text", "nth", "type", "why"}


def check_keys(record: dict[str, Any], allowed: set[str], required: set[str], where: str) -> None:
    if not isinstance(record, dict):
        raise GoldError(f"{where}: expected an object, got {record!r}")
    if unknown := set(record) - allowed:
        raise GoldError(f"{where}: unknown field(s) {sorted(unknown)}")
    if missing := required - set(record):
        raise GoldError(f"{where}: missing field(s) {sorted(missing)}")


def check_enum(value: Any, allowed: set[Any], where: str) -> None:
    if value not in allowed:
        shown = sorted(str(v) for v in allowed)
        raise GoldError(f"{where}: {value!r} is not one of {shown}")


def check_when_value(value: str | None, published: str, where: str) -> None:
    """ISO 8601 as the when_channel set writes it (date, month, year or interval), not after publication."""
    if value is None:
        return
    points = value.split("/")
    if len(points) > 2 or not all(ISO_POINT.fullmatch(p) for p in points):
        raise GoldError(f"{where}: when value {value!r} is not YYYY, YYYY-MM, YYYY-MM-DD or an interval")
    for point in points:
        padded = point + "-01" * ((10 - len(point)) // 3)
        try:
            dt.date.fromisoformat(padded)
        except ValueError:
            raise GoldError(f"{where}: when value {value!r} is not a real date") from None
        if point > published[:len(point)]:
            raise GoldError(f"{where}: when value {value!r} is after the publication date {published}")
    if len(points) == 2 and points[0] > points[1]:
        raise GoldError(f"{where}: when interval {value!r} ends before it starts")


WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def check_weekday(text: str, value: str | None, where: str) -> None:
    """A time named by its weekday ("Tuesday night") must be a date on that weekday."""
    named = [day for day in WEEKDAYS if day in text]
    if named and value is not None and len(value) == 10:
        actual = WEEKDAYS[dt.date.fromisoformat(value).weekday()]
        if actual not in named:
            raise GoldError(f"{where}: {text!r} but {value} is a {actual}")


def build_entities(art: dict[str, Any], body: str, where: str) -> list[dict[str, Any]]:
    entities = art["entities"]
    if not isinstance(entities, list) or not entities:
        raise GoldError(f"{where}: entities must be a non-empty list")
    names = [e.get("name") for e in entities if isinstance(e, dict)]
    owner_of: dict[str, str] = {}
    records = []
    for i, ent in enumerate(entities):
        at = f"{where} entity {i}"
        check_keys(ent, ENTITY_KEYS, ENTITY_KEYS - {"speaks_for"}, at)
        name = ent["name"]
        at = f"{where} entity {name!r}"
        if not isinstance(name, str) or not name or names.count(name) > 1:
            raise GoldError(f"{at}: name must be a non-empty text used by one entity")
        check_enum(ent["type"], ENTITY_TYPES, f"{at} type")
        check_enum(ent["gender"], GENDERS, f"{at} gender")
        evidence = ent["gender_evidence"]
        if ent["type"] != "person" and (ent["gender"] is not None or evidence is not None):
            raise GoldError(f"{at}: only a person has a gender")
        if (ent["gender"] is None) != (evidence is None):
            raise GoldError(f"{at}: gender_evidence is a non-empty list exactly when gender is set")
        if evidence is not None:
            if not isinstance(evidence, list) or not evidence or len(set(evidence)) != len(evidence):
                raise GoldError(f"{at}: gender_evidence must list distinct kinds of evidence")
            for kind in evidence:
                check_enum(kind, GENDER_EVIDENCE, f"{at} gender_evidence")
        speaks_for = ent.get("speaks_for")
        if speaks_for is not None:
            if ent["type"] not in {"account", "document"} or speaks_for not in names or speaks_for == name:
                raise GoldError(f"{at}: speaks_for is another entity, and only for an account or document")
        aliases = ent["aliases"]
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a for a in aliases) \
                or len(set(aliases)) != len(aliases) or name in aliases:
            raise GoldError(f"{at}: aliases must be distinct non-empty texts other than the name")
        for text in [name, *aliases]:
            if text in owner_of:
                raise GoldError(f"{at}: {text!r} is also a name or alias of {owner_of[text]!r}")
            owner_of[text] = name
            if text != name and not occurrences(body, text):
                raise GoldError(f"{at}: alias {text!r} does not occur in the body")
        records.append({
            "record": "entity", "article": art["id"], "name": name, "type": ent["type"],
            "gender": ent["gender"], "gender_evidence": evidence, "speaks_for": speaks_for,
            "aliases": aliases, "mentions": [],
        })
    # Longest texts first, across entities: "Castellano" inside "Castellano Fine Jewelry" is
    # a mention of the shop, not of Irene Castellano.
    taken: list[tuple[int, int]] = []
    by_name = {r["name"]: r for r in records}
    for text in sorted(owner_of, key=len, reverse=True):
        for start, end in occurrences(body, text):
            if not any(s <= start and end <= e for s, e in taken):
                taken.append((start, end))
                by_name[owner_of[text]]["mentions"].append({"text": text, "start": start, "end": end})
    for r in records:
        if not r["mentions"]:
            raise GoldError(f"{where} entity {r['name']!r}: neither the name nor an alias occurs "
                            "outside a longer mention")
        r["mentions"].sort(key=lambda m: m["start"])
    return records


def content_pieces(att: dict[str, Any], body: str, at: str) -> list[tuple[int, int]]:
    """Locate an attribution's content pieces (each the only occurrence of its text, or the nth)."""
    if not isinstance(att, dict) or "content" not in att:
        raise GoldError(f"{at}: expected an object with a content")
    raw_pieces = att["content"] if isinstance(att["content"], list) else [att["content"]]
    if not raw_pieces:
        raise GoldError(f"{at}: content is empty")
    pieces = []
    for k, raw in enumerate(raw_pieces):
        text, nth = text_and_nth(raw, f"{at} content piece {k}")
        pieces.append(locate_global(body, text, nth, f"{at} content piece {k}"))
    if any(a[1] > b[0] for a, b in zip(pieces, pieces[1:])):
        raise GoldError(f"{at}: content pieces overlap or are out of text order")
    return pieces


def build_attribution(att: dict[str, Any], n: int, art: dict[str, Any], body: str,
                      paras: list[tuple[int, int]], entities: dict[str, dict[str, Any]],
                      where: str, all_pieces: list[list[tuple[int, int]]]) -> dict[str, Any]:
    at = f"{where} attribution {n}"
    pieces = all_pieces[n]
    outer = (pieces[0][0], pieces[-1][1])
    quoted = [p for m, other in enumerate(all_pieces) for p in other
              if m == n or not (p[0] <= outer[0] and outer[1] <= p[1])]
    check_keys(att, ATTRIBUTION_KEYS, ATTRIBUTION_KEYS - {"description", "tags"}, at)
    tags = att.get("tags", [])
    if not isinstance(tags, list) or len(set(tags)) != len(tags):
        raise GoldError(f"{at}: tags must be a list of distinct tags")
    for tag in tags:
        check_enum(tag, TAGS, f"{at} tag")
    check_enum(att["kind"], KINDS, f"{at} kind")
    check_enum(att["act"], ACTS, f"{at} act")
    if att["kind"] != "indirect" and att["act"] != "speech":
        raise GoldError(f"{at}: a {att['kind']} quotation is speech; thought and stance are indirect")
    content_text = " … ".join(body[s:e] for s, e in pieces)

    def span_record(field: str, value: Any, window: bool, reach: int = 0) -> dict[str, Any] | None:
        """A cue or mention in the content's paragraphs (a cue-less quote's mention may stand in
        the paragraph before), never inside any content; or a time, anywhere but this
        attribution's own content (another speaker's words may date it)."""
        if value is None:
            return None
        text, nth = text_and_nth(value, f"{at} {field}")
        start, end = locate_near(body, text, nth, pieces, f"{at} {field}",
                                 paras if window else None, quoted if window else pieces, reach)
        return {"text": text, "start": start, "end": end}

    cue = span_record("cue", att["cue"], window=True)
    mention = span_record("mention", att["mention"], window=True, reach=1 if cue is None else 0)
    if "no_that" in tags and (cue is None or cue["end"] > pieces[0][0]
                              or body[:pieces[0][0]].rstrip().endswith("that")):
        raise GoldError(f"{at}: no_that is for a clause that follows its cue without 'that'")
    speaker = att["speaker"]
    description = att.get("description")
    if speaker is None:
        if not isinstance(description, str) or not description:
            raise GoldError(f"{at}: a null speaker needs a description")
    elif speaker not in entities:
        raise GoldError(f"{at}: speaker {speaker!r} is not an entity of the article")
    elif description is not None:
        raise GoldError(f"{at}: description is only for a null speaker")
    if mention is not None and speaker is not None and mention["text"] not in PRONOUNS \
            and "transcript_turn" not in tags:
        ent = entities[speaker]
        if mention["text"] != speaker and mention["text"] not in ent["aliases"]:
            raise GoldError(f"{at}: mention {mention['text']!r} is neither a pronoun nor a name "
                            f"or alias of {speaker!r}")
    continues = att["continues"]
    if not isinstance(continues, bool):
        raise GoldError(f"{at}: continues must be true or false")
    if continues and (cue is not None or mention is not None):
        raise GoldError(f"{at}: a continuation has no cue and no mention")
    if continues and n == 0:
        raise GoldError(f"{at}: the first attribution cannot continue a previous one")
    if cue is None and not continues and mention is None and att["kind"] != "direct":
        raise GoldError(f"{at}: an indirect or mixed attribution needs a cue or a mention")

    channel = att["channel"]
    if channel is not None:
        check_keys(channel, {"type", "platform"}, {"type", "platform"}, f"{at} channel")
        check_enum(channel["type"], CHANNEL_TYPES, f"{at} channel type")
        if channel["platform"] is not None and not (isinstance(channel["platform"], str) and channel["platform"]):
            raise GoldError(f"{at}: channel platform must be a text or null")
    when = att["when"]
    when_record = None
    if when is not None:
        check_keys(when, {"text", "value", "nth"}, {"text", "value"}, f"{at} when")
        if when["value"] is not None and not isinstance(when["value"], str):
            raise GoldError(f"{at}: when value must be a text or null")
        check_when_value(when["value"], art["date"], f"{at} when")
        check_weekday(when["text"], when["value"], f"{at} when")
        located = {"text": when["text"], "nth": when["nth"]} if "nth" in when else when["text"]
        when_record = span_record("when", located, window=False)
        assert when_record is not None
        when_record["value"] = when["value"]
    addressee = att["addressee"]
    if addressee is not None and addressee not in entities:
        raise GoldError(f"{at}: addressee {addressee!r} is not an entity of the article")
    return {
        "record": "attribution", "article": art["id"], "n": n, "kind": att["kind"],
        "act": att["act"],
        "content": [{"text": body[s:e], "start": s, "end": e} for s, e in pieces],
        "content_text": content_text, "cue": cue, "mention": mention, "speaker": speaker,
        "speaker_type": entities[speaker]["type"] if speaker else None,
        "description": description, "continues": continues, "channel": channel,
        "when": when_record, "addressee": addressee, "tags": sorted(tags),
    }


def build_article(art: dict[str, Any]) -> list[dict[str, Any]]:
    where = f"article {art.get('id')!r}"
    check_keys(art, ARTICLE_KEYS, ARTICLE_KEYS, where)
    if not isinstance(art["id"], str) or not re.fullmatch(r"[a-z_]+-\d{2}", art["id"]):
        raise GoldError(f"{where}: id must look like genre-NN")
    check_enum(art["split"], SPLITS, f"{where} split")
    check_enum(art["genre"], GENRES, f"{where} genre")
    check_enum(art["region"], REGIONS, f"{where} region")
    if not isinstance(art["outlet_style"], str) or not art["outlet_style"]:
        raise GoldError(f"{where}: outlet_style must be a text")
    path = ARTICLES / f"{art['id']}.txt"
    if not path.is_file():
        raise GoldError(f"{where}: no article file {path.relative_to(HERE)}")
    date, body = body_of(path)
    if date is None or date != art["date"]:
        raise GoldError(f"{where}: file date prefix {date!r} is not the record's date {art['date']!r}")
    words = len(body.split())
    if not MIN_WORDS <= words <= MAX_WORDS:
        raise GoldError(f"{where}: body has {words} words, outside {MIN_WORDS}-{MAX_WORDS}")
    entity_records = build_entities(art, body, where)
    entities = {e["name"]: e for e in entity_records}
    paras = paragraphs(body)
    if not isinstance(art["attributions"], list) or not art["attributions"]:
        raise GoldError(f"{where}: attributions must be a non-empty list")
    all_pieces = [content_pieces(att, body, f"{where} attribution {n}")
                  for n, att in enumerate(art["attributions"])]
    attributions = [build_attribution(att, n, art, body, paras, entities, where, all_pieces)
                    for n, att in enumerate(art["attributions"])]
    starts = [a["content"][0]["start"] for a in attributions]
    for n, (a, b) in enumerate(zip(starts, starts[1:])):
        if b < a:
            raise GoldError(f"{where}: attribution {n + 1} starts before attribution {n}; keep text order")
    cue_owner: dict[tuple[int, int], dict[str, Any]] = {}
    for a in attributions:
        if a["cue"] is None:
            continue
        span = (a["cue"]["start"], a["cue"]["end"])
        other = cue_owner.setdefault(span, a)
        if other is not a and other["content"] != a["content"]:
            raise GoldError(f"{where}: attributions {other['n']} and {a['n']} share the cue "
                            f"{context(body, *span, 20)}; only one speaker's same content may (give nth)")
    not_speech = []
    for n, item in enumerate(art["not_speech"]):
        at = f"{where} not_speech {n}"
        check_keys(item, NOT_SPEECH_KEYS, NOT_SPEECH_KEYS - {"nth"}, at)
        check_enum(item["type"], NOT_SPEECH_TYPES, f"{at} type")
        if not isinstance(item["why"], str) or not item["why"]:
            raise GoldError(f"{at}: why must be a text")
        start, end = locate_global(body, item["text"], item.get("nth"), at)
        for a in attributions:
            if any(start < p["end"] and p["start"] < end for p in a["content"]) \
                    and item["type"] in {"action", "raising"}:
                raise GoldError(f"{at}: {item['text']!r} overlaps the content of attribution {a['n']}")
        not_speech.append({"record": "not_speech", "article": art["id"], "n": n,
                           "text": item["text"], "start": start, "end": end,
                           "type": item["type"], "why": item["why"]})
    head = {
        "record": "article", "id": art["id"], "split": art["split"], "genre": art["genre"],
        "region": art["region"], "outlet_style": art["outlet_style"], "date": art["date"],
        "path": f"articles/{art['id']}.txt", "body_chars": len(body),
        "body_sha256": hashlib.sha256(body.encode("utf-8")).hexdigest(), "words": words,
        "entities": len(entity_records), "attributions": len(attributions),
        "not_speech": len(not_speech),
    }
    return [head, *entity_records, *attributions, *not_speech]


def load_source() -> list[dict[str, Any]]:
    articles = []
    for line_no, line in enumerate(SOURCE.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            articles.append(json.loads(line))
        except json.JSONDecodeError as err:
            raise GoldError(f"source.jsonl line {line_no}: not JSON ({err})") from None
    ids = [a.get("id") for a in articles]
    if dupes := sorted({i for i in ids if ids.count(i) > 1}):
        raise GoldError(f"source.jsonl: duplicate article ids {dupes}")
    files = {p.stem for p in ARTICLES.glob("*.txt")}
    if unannotated := sorted(files - set(ids)):
        raise GoldError(f"articles without a source record: {unannotated}")
    return articles


def build() -> list[dict[str, Any]]:
    return [record for art in load_source() for record in build_article(art)]


def dump(records: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def write_or_check(*, check: bool) -> None:
    """Build every record; write ``gold.jsonl``, or with ``check`` fail if it differs."""
    records = build()
    if check:
        if not GOLD.is_file() or GOLD.read_text(encoding="utf-8") != dump(records):
            raise GoldError("gold.jsonl is not what build.py writes from source.jsonl; rebuild it")
        return
    GOLD.write_text(dump(records), encoding="utf-8")
    arts = sum(r["record"] == "article" for r in records)
    atts = sum(r["record"] == "attribution" for r in records)
    print(f"wrote {GOLD.name}: {arts} articles, {atts} attributions", file=sys.stderr)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="fail if gold.jsonl is not up to date")
    args = parser.parse_args(argv)
    return run("build.py", lambda: write_or_check(check=args.check))


if __name__ == "__main__":
    sys.exit(main())
