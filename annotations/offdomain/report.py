"""Reports for re-reading the off-domain set (nothing here changes ``gold.jsonl``).

    python3 annotations/offdomain/report.py show ID   # one article's attributions in context
    python3 annotations/offdomain/report.py audit     # quotations and cue-like words nothing covers
    python3 annotations/offdomain/report.py counts    # the count tables of README.md

Standard library only.
"""

from __future__ import annotations

import argparse
import collections
import re
import sys
from collections.abc import Iterator
from typing import Any

from build import HERE, PRONOUNS, build
from spans import GoldError, body_of, context, paragraph_index, paragraphs, run


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


def phenomena(att: dict[str, Any], records: list[dict[str, Any]]) -> Iterator[str]:
    """The phenomena of one attribution that README.md counts: its tags plus what its fields show."""
    yield from (f"tag: {t}" for t in att["tags"])
    head = next(r for r in records if r["record"] == "article" and r["id"] == att["article"])
    _, body = body_of(HERE / head["path"])
    paras = paragraphs(body)
    in_para = [paragraph_index(paras, p["start"]) for p in att["content"]]
    if att["kind"] == "direct" and len(in_para) > len(set(in_para)):
        yield "direct quote interrupted by its cue"
    if len(set(in_para)) > 1:
        yield "quote over several paragraphs"
    if att["continues"]:
        yield "cue-less continuation of the previous speaker"
    elif att["cue"] is None and "transcript_turn" not in att["tags"] and "headline" not in att["tags"]:
        yield "cue-less quote of a newly introduced speaker (not a continuation)"
    if att["cue"] and att["cue"]["text"].lower() == "according to":
        yield "according to"
    if att["mention"] and att["mention"]["text"] in PRONOUNS:
        yield "pronoun mention"
    if att["speaker_type"] in {"organisation", "account", "document", "group"}:
        yield f"speaker is {'an' if att['speaker_type'][0] in 'aeiou' else 'a'} {att['speaker_type']}"
    if att["speaker"] is None:
        yield "unnamed speaker (description)"
    if att["addressee"]:
        yield "addressee given"
    if att["when"]:
        yield "when given" if att["when"]["value"] else "when given, value null"


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
    yield from table("phenomenon (attributions)", [(p, split_of[a["article"]]) for a in atts
                                                   for p in phenomena(a, records)])
    ents = [r for r in records if r["record"] == "entity"]
    yield from table("entity type / gender", [(f"{e['type']} / {e['gender'] or '-'}", split_of[e["article"]]) for e in ents])
    nots = [r for r in records if r["record"] == "not_speech"]
    yield from table("not_speech type", [(n["type"], split_of[n["article"]]) for n in nots])
    words = [h["words"] for h in heads]
    yield f"\nwords per article: min {min(words)}, max {max(words)}, total {sum(words)}\n"


def print_report(report: str, article: str | None) -> None:
    records = build()
    if report == "show":
        if not article:
            raise GoldError("show needs an article id")
        sys.stdout.writelines(show(records, article))
    elif report == "audit":
        sys.stdout.writelines(audit(records))
    else:
        sys.stdout.writelines(counts(records))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", choices=["show", "audit", "counts"])
    parser.add_argument("article", nargs="?", help="the article id, for show")
    args = parser.parse_args(argv)
    return run("report.py", lambda: print_report(args.report, args.article))


if __name__ == "__main__":
    sys.exit(main())
