"""``onrecord explain FILE``: how each quote's speaker was resolved, for a person to read.

FILE is an article (as ``onrecord extract`` reads it) or the JSON ``onrecord extract`` wrote.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from onrecord.cli import app
from onrecord.stages.read import InputError, read_source

if TYPE_CHECKING:
    from onrecord.stages.resolve import AliasTable


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


def _short(text: str, limit: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def write_explanation(article: dict[str, Any], out: TextIO) -> None:
    """Each quote's speaker chain, then the entities with their mentions."""
    text = article["text"]
    entities = {e["id"]: e for e in article.get("entities", [])}
    out.write(f"{article.get('id') or '(text)'}: {len(article['quotes'])} quotes, {len(entities)} entities\n")
    for n, quote in enumerate(article["quotes"], 1):
        out.write(f"\n[{n}] “{_short(quote['text'])}” (line {_line(text, quote['start'])}, {quote['kind']})\n")
        speaker = quote.get("speaker")
        if speaker is None:
            out.write("    speaker: none found by attribution\n")
        else:
            entity = entities.get(quote.get("entity") or "")
            who = quote.get("speaker_name") or "unresolved (nothing in the text supports a name)"
            kind = f" ({entity['id']}, {entity['type']})" if entity else ""
            sure = quote.get("speaker_confidence")
            out.write(f"    speaker: {who}{kind}" + (f", confidence {sure:.2f}" if sure is not None else "") + "\n")
            for step, link in enumerate(quote.get("speaker_chain", [])):
                arrow = "mention" if step == 0 else "   ←"
                out.write(f"      {arrow} {link['text']!r} at {link['start']}-{link['end']} (line {_line(text, link['start'])}): "
                          f"{link['rule']} [{link['score']:.2f}]\n")
            if entity and entity.get("on_behalf_of") in entities:
                out.write(f"      on behalf of {entities[entity['on_behalf_of']]['name']}\n")
        addressee = quote.get("addressee")
        if addressee:
            out.write(f"    addressee: {addressee.get('name') or addressee['text']!r} (from {addressee['text']!r} at {addressee['start']})\n")
        why = [e for e in quote.get("evidence", []) if e["stage"].startswith("resolve")]
        out.writelines(f"    why: {evidence['why']}\n" for evidence in why)
    if entities:
        out.write("\nEntities\n")
        for entity in entities.values():
            extra = ", ".join(x for x in (entity["type"], entity.get("gender") or "") if x)
            mentions = ", ".join(repr(m["text"]) for m in entity["mentions"][:8])
            more = f" … (+{len(entity['mentions']) - 8})" if len(entity["mentions"]) > 8 else ""
            out.write(f"  {entity['id']} {entity['name']} ({extra}): {mentions}{more}\n")


def _load(path: str, aliases: AliasTable | None) -> dict[str, Any]:
    if path.endswith(".json"):
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
            raise InputError(f"{path}: not an onrecord JSON result ({err})") from None
        if isinstance(data, dict) and "quotes" in data and "text" in data:
            return data
        raise InputError(f"{path}: JSON without 'text' and 'quotes': not an onrecord result")
    from onrecord.pipeline import extract_sources  # spaCy: only when there is an article to extract

    source = read_source(path)
    if not source.text.strip():
        raise InputError(f"{path}: empty article")
    return next(extract_sources([source], aliases=aliases)).to_dict()


@app.command()
def explain(
    file: Annotated[str, typer.Argument(help="An article file, or the JSON 'onrecord extract' wrote for one.")],
    aliases: Annotated[
        Path | None, typer.Option(help="JSONL of known entities (name, aliases, description, gender).")
    ] = None,
) -> None:
    """Show how every quote's speaker was resolved: the chain of mentions and the rules."""
    from onrecord.stages.resolve import AliasTable

    table = AliasTable.load(aliases) if aliases else None
    article = _load(file, table)
    write_explanation(article, sys.stdout)
