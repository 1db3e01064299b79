"""Build the off-domain gold set: ``source.jsonl`` + ``articles/*.txt`` -> ``gold.jsonl``.

``source.jsonl`` is written by hand, one article per line, with every annotated span given as
its exact text.  This script finds each text in the article body, fails (naming article,
record and text) on anything missing, ambiguous or outside the schema, and writes
``gold.jsonl`` with character offsets, so an evaluator reads offsets and never searches.
The rules by which a text is located are in README.md ("How spans are located").

    python3 annotations/offdomain/build.py            # check, then write gold.jsonl
    python3 annotations/offdomain/build.py --check    # check, and fail if gold.jsonl is stale
    python3 annotations/offdomain/build.py --show ID  # print ID's attributions in context
    python3 annotations/offdomain/build.py --counts   # print the tables of README.md
    python3 annotations/offdomain/build.py --audit    # quotations and cue words nothing covers

Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import hashlib
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
SOURCE = HERE / "source.jsonl"
GOLD = HERE / "gold.jsonl"
ARTICLES = HERE / "articles"

# As onrecord.read splits a record's "date YYYY-MM-DD" prefix from its body.
DATE_PREFIX = re.compile(r"\A\s*date[ \t]+(\d{4}-\d{2}-\d{2})(?:[ \t]*\r?\n|[ \t]+|\Z)")
PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
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


class GoldError(ValueError):
    """A record of source.jsonl that cannot be built; the message names where and why."""


def body_of(path: Path) -> tuple[str | None, str]:
    """The publication date and body of an article file, split as onrecord.read splits them."""
    raw = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    match = DATE_PREFIX.match(raw)
    if not match:
        return None, raw
    return match.group(1), raw[match.end():]


def occurrences(body: str, text: str) -> list[tuple[int, int]]:
    """Every exact, case-sensitive occurrence of ``text`` that does not start or end inside a word."""
    found = []
    start = body.find(text)
    while start >= 0:
        end = start + len(text)
        cut_before = text[0].isalnum() and start > 0 and body[start - 1].isalnum()
        cut_after = text[-1].isalnum() and end < len(body) and body[end].isalnum()
        if not (cut_before or cut_after):
            found.append((start, end))
        start = body.find(text, start + 1)
    return found


def paragraphs(body: str) -> list[tuple[int, int]]:
    """Start and end of each paragraph (text between blank lines)."""
    spans, start = [], 0
    for brk in PARAGRAPH_BREAK.finditer(body):
        spans.append((start, brk.start()))
        start = brk.end()
    spans.append((start, len(body)))
    return spans


def paragraph_index(paras: list[tuple[int, int]], offset: int) -> int:
    return max(i for i, (start, _) in enumerate(paras) if start <= offset)


def text_and_nth(value: Any, where: str) -> tuple[str, int | None]:
    """A located text given as "text" or {"text": ..., "nth": k}."""
    if isinstance(value, str) and value:
        return value, None
    if isinstance(value, dict) and set(value) == {"text", "nth"} and isinstance(value["text"], str) \
            and value["text"] and isinstance(value["nth"], int) and value["nth"] >= 0:
        return value["text"], value["nth"]
    raise GoldError(f"{where}: expected a non-empty text or {{\"text\", \"nth\"}}, got {value!r}")


def context(body: str, start: int, end: int, width: int = 40) -> str:
    before = body[max(0, start - width):start].replace("\n", "⏎")
    after = body[end:end + width].replace("\n", "⏎")
    return f"…{before}[{body[start:end]}]{after}…"


def locate_global(body: str, text: str, nth: int | None, where: str) -> tuple[int, int]:
    """The one occurrence of ``text``, or its ``nth`` (0-based) when it occurs more than once."""
    found = occurrences(body, text)
    if not found:
        raise GoldError(f"{where}: {text!r} does not occur in the body")
    if nth is None:
        if len(found) > 1:
            listing = "; ".join(f"nth={i}: {context(body, s, e, 25)}" for i, (s, e) in enumerate(found))
            raise GoldError(f"{where}: {text!r} occurs {len(found)} times, give nth: {listing}")
        return found[0]
    if nth >= len(found):
        raise GoldError(f"{where}: nth={nth} but {text!r} occurs {len(found)} times")
    return found[nth]


def distance(span: tuple[int, int], pieces: list[tuple[int, int]]) -> int:
    return min(max(p_start - span[1], span[0] - p_end, 0) for p_start, p_end in pieces)


def locate_near(body: str, text: str, nth: int | None, pieces: list[tuple[int, int]],
                where: str, paras: list[tuple[int, int]] | None,
                quoted: list[tuple[int, int]], reach: int = 0) -> tuple[int, int]:
    """A cue, mention or time: its ``nth`` occurrence if given, else the one nearest the content.

    Occurrences inside ``quoted`` (this attribution's content and the contents of the others,
    except those it is nested in) are never candidates.  With ``paras``, the nearest occurrence
    must stand in a paragraph of the content, or ``reach`` paragraphs before it; one further
    away needs an explicit ``nth``.
    """
    def overlaps(span: tuple[int, int]) -> bool:
        return any(span[0] < q_end and q_start < span[1] for q_start, q_end in quoted)

    if nth is not None:
        span = locate_global(body, text, nth, where)
        if overlaps(span):
            raise GoldError(f"{where}: {text!r} nth={nth} lies inside a content")
        return span
    found = [span for span in occurrences(body, text) if not overlaps(span)]
    if not found:
        raise GoldError(f"{where}: {text!r} does not occur outside the contents")
    best = min(distance(span, pieces) for span in found)
    nearest = [span for span in found if distance(span, pieces) == best]
    if len(nearest) > 1:
        raise GoldError(f"{where}: {text!r} is equally near the content twice, give nth")
    span = nearest[0]
    if paras is not None:
        first = paragraph_index(paras, pieces[0][0]) - reach
        last = paragraph_index(paras, pieces[-1][1] - 1)
        if not first <= paragraph_index(paras, span[0]) <= last:
            raise GoldError(f"{where}: nearest {text!r} is {context(body, *span, 25)}, outside the "
                            "paragraphs it may stand in; give nth if it is meant")
    return span


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


def show(records: list[dict[str, Any]], article_id: str) -> Iterator[str]:
    """Each attribution of one article with its spans marked in context, for re-reading."""
    head = next((r for r in records if r["record"] == "article" and r["id"] == article_id), None)
    if head is None:
        raise GoldError(f"no article {article_id!r}")
    _, body = body_of(HERE / head["path"])
    for r in records:
        if r["record"] != "attribution" or r["article"] != article_id:
            continue
        spans = [f"{field}: {context(body, r[field]['start'], r[field]['end'], 15)}"
                 for field in ("mention", "cue", "when") if r[field]]
        pieces = " | ".join(p["text"] if len(p["text"]) < 70 else f"{p['text'][:45]} … {p['text'][-20:]}"
                            for p in r["content"])
        channel = r["channel"] and f"{r['channel']['type']}/{r['channel']['platform']}"
        when = r["when"] and r["when"]["value"]
        who = r["speaker"] or f"({r['description']})"
        flags = " continues" if r["continues"] else ""
        yield (f"#{r['n']} {r['kind']}/{r['act']} {who}{flags} ch={channel} when={when} "
               f"to={r['addressee']}\n   ⟦{pieces}⟧\n   " + "  ".join(spans) + "\n")
    for r in records:
        if r["record"] == "not_speech" and r["article"] == article_id:
            yield f"NOT {r['type']}: {context(body, r['start'], r['end'], 30)}\n"


QUOTED = re.compile(r"“[^”\n]*”|\"[^\"\n]*\"|‘[^’\n]*’|«[^»\n]*»")
CUE_WORDS = re.compile(
    r"\b(?:said|says|say|told|tell|wrote|writes|according to|asked|asks|added|adds|warned|urged|"
    r"announced|confirmed|denied|denies|declined|believes?|hopes?|fears?|called|calls|posted|"
    r"replied|claimed|promised|reported|insisted|argued|suggested|described)\b")


def audit(records: list[dict[str, Any]]) -> Iterator[str]:
    """For re-reading: quotations and cue-like words that no annotation covers."""
    for head in (r for r in records if r["record"] == "article"):
        _, body = body_of(HERE / head["path"])
        mine = [r for r in records if r.get("article") == head["id"]]
        covered = [(p["start"], p["end"]) for r in mine if r["record"] == "attribution" for p in r["content"]]
        covered += [(r["start"], r["end"]) for r in mine if r["record"] == "not_speech"]
        cues = [(r[f]["start"], r[f]["end"]) for r in mine if r["record"] == "attribution"
                for f in ("cue", "mention") if r[f]]
        aliases = [(m["start"], m["end"]) for r in mine if r["record"] == "entity" for m in r["mentions"]]

        def inside(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
            return any(s < end and start < e for s, e in spans)

        for m in QUOTED.finditer(body):
            if not inside(m.start() + 1, m.end() - 1, covered + aliases):
                yield f"{head['id']}: unannotated quotation {context(body, m.start(), m.end(), 20)}\n"
        for m in CUE_WORDS.finditer(body):
            if not inside(m.start(), m.end(), covered + cues):
                yield f"{head['id']}: uncovered cue word {context(body, m.start(), m.end(), 30)}\n"


def counts(records: list[dict[str, Any]]) -> Iterator[str]:
    """The count tables of README.md."""
    heads = [r for r in records if r["record"] == "article"]
    split_of = {h["id"]: h["split"] for h in heads}

    def table(title: str, keyed: list[tuple[str, str]]) -> Iterator[str]:
        tally = collections.Counter(keyed)
        rows = sorted({k for k, _ in keyed})
        yield f"\n| {title} | dev | test | all |\n|---|---|---|---|\n"
        for row in rows:
            dev, test = tally[(row, "dev")], tally[(row, "test")]
            yield f"| {row} | {dev} | {test} | {dev + test} |\n"
        dev = sum(v for (_, s), v in tally.items() if s == "dev")
        test = sum(v for (_, s), v in tally.items() if s == "test")
        yield f"| **total** | {dev} | {test} | {dev + test} |\n"

    yield from table("genre", [(h["genre"], h["split"]) for h in heads])
    yield from table("region", [(h["region"], h["split"]) for h in heads])
    atts = [r for r in records if r["record"] == "attribution"]
    yield from table("attribution kind / act", [(f"{a['kind']} / {a['act']}", split_of[a["article"]]) for a in atts])
    yield from table("attribution: continues", [(str(a["continues"]).lower(), split_of[a["article"]]) for a in atts])
    yield from table("attribution: speaker type", [(a["speaker_type"] or "unnamed (description)", split_of[a["article"]]) for a in atts])
    yield from table("channel type", [((a["channel"] or {}).get("type") or "null", split_of[a["article"]]) for a in atts])
    yield from table("when", [("null" if not a["when"] else "text, value null" if a["when"]["value"] is None else "valued", split_of[a["article"]]) for a in atts])
    ents = [r for r in records if r["record"] == "entity"]
    yield from table("entity type / gender", [(f"{e['type']} / {e['gender'] or '-'}", split_of[e["article"]]) for e in ents])
    nots = [r for r in records if r["record"] == "not_speech"]
    yield from table("not_speech type", [(n["type"], split_of[n["article"]]) for n in nots])
    words = [h["words"] for h in heads]
    yield f"\nwords per article: min {min(words)}, max {max(words)}, total {sum(words)}\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--check", action="store_true", help="fail if gold.jsonl is not up to date")
    group.add_argument("--show", metavar="ID", help="print one article's attributions in context")
    group.add_argument("--counts", action="store_true", help="print the count tables")
    group.add_argument("--audit", action="store_true",
                       help="list quotations and cue-like words no annotation covers, for re-reading")
    args = parser.parse_args(argv)
    try:
        records = build()
        if args.show:
            sys.stdout.writelines(show(records, args.show))
        elif args.counts:
            sys.stdout.writelines(counts(records))
        elif args.audit:
            sys.stdout.writelines(audit(records))
        elif args.check:
            if not GOLD.is_file() or GOLD.read_text(encoding="utf-8") != dump(records):
                raise GoldError("gold.jsonl is not what build.py writes from source.jsonl; rebuild it")
        else:
            GOLD.write_text(dump(records), encoding="utf-8")
            arts = sum(r["record"] == "article" for r in records)
            atts = sum(r["record"] == "attribution" for r in records)
            print(f"wrote {GOLD.name}: {arts} articles, {atts} attributions", file=sys.stderr)
    except GoldError as err:
        print(f"build.py: {err}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
