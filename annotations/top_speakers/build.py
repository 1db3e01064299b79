"""Count the gold attributions of PolNeAR train + dev whose source names each candidate of
``entities.txt``, and write the 50 most quoted as ``top50.jsonl`` (standard library only).

Run: ``python annotations/top_speakers/build.py [/path/to/polnear]``.  It fails, naming the
entity, when a variant or not-variant string occurs in no article, when two entities claim the
same short form, when a bare surname is a gold source in an article that also names a namesake
(a not-variant ending in that surname) and no reading in ``ambiguous`` says who it is, or when
an example is not a counted attribution of its entity.  It prints the ranking, the near misses
and the candidate counts recorded in ``top50.jsonl`` (made once from that day's baseline output,
which is not kept: a rebuild reads nothing outside the repository).
"""

from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE.parent / "acts"))
from gold import DEFAULT_ROOT, Article, load_split  # noqa: E402

TOP = 50
TYPES = {"person", "organisation"}
HONORIFICS = {"Mr.", "Mrs.", "Ms.", "Miss"}
# Office words before a name: the name starts after the last of them, but a title before a
# bare surname stays ("President Clinton" is not "Secretary Clinton").
TITLES = {
    "Dr.", "Sen.", "Senator", "Sens.", "Rep.", "Reps.", "Representative", "Gov.", "Governor", "Gen.", "General", "Lt.",
    "Col.", "Adm.", "Ambassador", "President", "Secretary", "Speaker", "Chairman", "Chairwoman", "Justice", "Judge",
    "Mayor", "Director", "Chief", "Pope", "Minister", "Sheriff", "Commissioner", "Prof.", "Professor", "Rev.", "Rabbi",
    "Leader", "U.S.",
}
# Words dropped from the front of a name: an article, and party or "former" labels before a full name.
LEADING = {"The", "the", "Republican", "Democratic", "Democrat", "Independent", "Libertarian", "Former", "former"}
PARTICLES = {"de", "van", "von", "der", "la", "le", "da", "bin"}
# A name right after one of these is the object of a description, not the source ("a spokeswoman for Hillary Clinton").
GOVERNORS = {"of", "for", "to", "with", "by", "from", "about", "on", "at", "against", "toward", "towards", "in",
             "supporting", "backing", "than"}
PRONOUNS = {"He", "She", "I", "We", "They", "It", "You", "His", "Her", "Their", "Its", "Our", "My", "Who", "Which",
            "That", "This", "These", "Those", "Some", "Many", "Others", "Both", "One", "A", "An"}
SEGMENTS = re.compile(r"\s*(,|;|\(|\)|—|–|--| and | & )\s*")
# A segment that opens a relative clause describes the source; names in it are not the source.
RELATIVES = {"who", "whom", "whose", "which", "that", "where", "when"}


def flat(text: str) -> str:
    return " ".join(text.replace("\xa0", " ").split())


def source_names(span: str) -> list[str]:
    """The names a source span puts forward: per comma/dash/parenthesis/'and' segment, the
    trailing run of capitalised words, without a possessive, a leading article or party label,
    or the office words before a full name, and not when a preposition governs it.  Gendered
    honorifics stay ('Mr. Trump'), and so does an office before a bare surname ('President
    Obama')."""
    names = []
    pieces = SEGMENTS.split(flat(span))
    governed = False  # the previous conjunct was the object of a preposition ("by CNN and The Times")
    for index in range(0, len(pieces), 2):
        joined_by = pieces[index - 1].strip() if index else ""
        if joined_by not in {"and", "&"}:
            governed = False
        segment = re.sub(r"(’s|'s|’|')$", "", pieces[index].strip().rstrip(".:"))
        tokens = segment.split()
        if (tokens and tokens[0] in RELATIVES) or governed:
            continue
        campaign = _campaign(tokens)
        if campaign:
            names.append(campaign)
            continue
        start = len(tokens)
        while start and (tokens[start - 1][:1].isupper() or tokens[start - 1] in PARTICLES):
            start -= 1
        name = tokens[start:]
        while name and name[0] in LEADING and (len(name) > 2 or name[0] in {"The", "the"}) and name[1] != "National":
            name = name[1:]
        offices = [i for i, token in enumerate(name) if token in TITLES]
        if offices:
            last = offices[-1]
            name = name[last + 1:] if len(name) - last > 2 else name[last:] if len(name) - last == 2 else []
        if not name or (len(name) == 1 and name[0] in PRONOUNS):
            continue
        before = start - 1
        if before > 0 and tokens[before].lower() in {"the", "a", "an"}:
            before -= 1
        if before >= 0 and tokens[before].lower() in GOVERNORS:
            governed = True
            continue
        names.append(" ".join(name))
    return names


def _campaign(tokens: list[str]) -> str | None:
    """'the Clinton campaign', "Hillary Clinton's campaign" -> 'Clinton campaign': a campaign
    is named by the last word of its candidate's name (not when a preposition governs it)."""
    if len(tokens) < 2 or tokens[-1] != "campaign":
        return None
    candidate = re.sub(r"(’s|'s)$", "", tokens[-2])
    if not candidate[:1].isupper() or candidate in PRONOUNS:
        return None
    start = len(tokens) - 2
    while start and tokens[start - 1][:1].isupper():
        start -= 1
    if start and tokens[start - 1].lower() in {"the", "a", "an"}:
        start -= 1
    if start and tokens[start - 1].lower() in GOVERNORS:
        return None
    return f"{candidate} campaign"


def key(string: str) -> str:
    """The form a string takes as a source name (titles and 'the' dropped)."""
    names = source_names(string)
    return names[-1] if names else string


def is_short(name_key: str) -> bool:
    """A surname, a nickname or an honorific + surname: it names the entity only in context
    (an office + surname, 'Speaker Ryan', is taken as full)."""
    tokens = name_key.split()
    return len(tokens) == 1 or (len(tokens) == 2 and tokens[0] in HONORIFICS)


@dataclass
class Entity:
    name: str
    type: str
    gender: str | None
    variants: list[str]
    not_variants: list[str]
    ambiguous: dict[str, dict[str, list[str]]] = field(default_factory=dict)  # string -> reading -> places
    examples: list[str] = field(default_factory=list)


def read_entities(path: Path) -> list[Entity]:
    entities: list[Entity] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        where = f"entities.txt:{number}"
        if line.startswith("## "):
            name, kind, gender = (part.strip() for part in line[3:].split("|"))
            if kind not in TYPES or gender not in {"m", "f", "-"} or (kind != "person" and gender != "-"):
                raise SystemExit(f"{where}: cannot read {line!r}")
            entities.append(Entity(name, kind, None if gender == "-" else gender, [], []))
            continue
        if not line.strip() or line.startswith("#"):
            continue
        if not entities:
            raise SystemExit(f"{where}: a line before any entity")
        label, _, value = line.partition(":")
        items = [item.strip() for item in value.split(";") if item.strip()]
        entity = entities[-1]
        if label == "variants":
            entity.variants = items
        elif label == "not_variants":
            entity.not_variants = items
        elif label == "examples":
            entity.examples = items
        elif label.startswith("ambiguous "):
            readings: dict[str, list[str]] = {}
            for item in items:
                reading, sep, places = item.partition(" = ")
                if not sep:
                    raise SystemExit(f"{where}: a reading needs '<entity> = <article>, ...': {item!r}")
                readings[reading.strip()] = [p.strip() for p in places.split(",") if p.strip()]
            entity.ambiguous[label[len("ambiguous "):].strip()] = readings
        else:
            raise SystemExit(f"{where}: unknown line {label!r}")
    return entities


@dataclass
class Index:
    full: dict[str, str]  # full key -> entity
    short: dict[str, str]  # short key -> owning entity
    readings: dict[tuple[str, str], str]  # (short key, article or article@n) -> entity meant there
    namesakes: dict[str, set[str]]  # short key -> namesake strings whose last word is that key


def build_index(entities: list[Entity]) -> Index:
    full: dict[str, str] = {}
    short: dict[str, str] = {}
    readings: dict[tuple[str, str], str] = {}
    namesakes: dict[str, set[str]] = defaultdict(set)
    for entity in entities:
        for variant in entity.variants:
            table = short if is_short(key(variant)) else full
            owner = table.setdefault(key(variant), entity.name)
            if owner != entity.name:
                raise SystemExit(f"{entity.name}: {variant!r} is already a variant of {owner}")
        for string, by_reading in entity.ambiguous.items():
            for reading, places in by_reading.items():
                for place in places:
                    known = readings.setdefault((key(string), place), reading)
                    if known != reading:
                        raise SystemExit(f"{entity.name}: {string!r} at {place} read as both {known} and {reading}")
    for entity in entities:
        for other in entity.not_variants:
            words = [w for w in key(other).split() if w not in {"Jr.", "Sr."}]
            if len(words) > 1 and words[0] not in HONORIFICS and all(w[:1].isupper() for w in words):
                namesakes[words[-1]].add(key(other))
    for short_key, owner in short.items():
        namesakes[short_key] = {n for n in namesakes.get(short_key, ()) if full.get(n) != owner}
    return Index(full, short, readings, dict(namesakes))


def resolve(name: str, article: Article, number: int, text: str, index: Index) -> tuple[str | None, bool]:
    """(the entity a source name is counted for, whether it was an unread ambiguity)."""
    if name in index.full:
        return index.full[name], False
    if name not in index.short:
        return None, False
    for place in (f"{article.id}@{number}", article.id):
        if (name, place) in index.readings:
            return index.readings[name, place], False
    bare = len(name.split()) == 1
    if bare and any(re.search(rf"\b{re.escape(n)}\b", text) for n in index.namesakes.get(name, ())):
        return None, True
    return index.short[name], False


def count(articles: list[Article], entities: list[Entity]) -> tuple[dict, list[str]]:
    """Per entity: its counted attributions as (article id, 1-based number, source name); and
    the unread ambiguities."""
    index = build_index(entities)
    counted: dict[str, list[tuple[str, int, str]]] = defaultdict(list)
    unread = []
    for article in articles:
        text = flat(article.text)
        for number, gold in enumerate(article.attributions, 1):
            if not gold.source:
                continue
            seen = set()
            for name in source_names(article.span(gold.source)):
                entity, ambiguous = resolve(name, article, number, text, index)
                if ambiguous:
                    unread.append(f"{article.id}@{number} {name!r}: a namesake is named in the article; add a reading")
                if entity and entity not in seen:
                    seen.add(entity)
                    counted[entity].append((article.id, number, name))
    return counted, unread


def recorded_candidates() -> Counter:
    """The candidate counts ``top50.jsonl`` records: counted once, when the list was made, from
    the baseline outputs of that day (which the repository does not keep); a rebuild carries
    them over, so it reads nothing outside the repository."""
    path = HERE / "top50.jsonl"
    if not path.exists():
        return Counter()
    return Counter({r["name"]: r["candidate_quotes"] for r in map(json.loads, path.read_text(encoding="utf-8").splitlines()) if r})


def records(articles: list[Article], entities: list[Entity], baseline: Counter) -> tuple[list[dict], list[tuple[str, int, int]], list[str]]:
    """The top records, the near misses (name, count, baseline quotes) and the problems found."""
    corpus = "\n".join(flat(a.text) for a in articles)
    by_id = {a.id: a for a in articles}
    problems = []
    for entity in entities:
        for string in entity.variants + entity.not_variants:
            if not re.search(rf"(?<!\w){re.escape(string)}(?!\w)", corpus):
                problems.append(f"{entity.name}: {string!r} occurs in no train or dev article")
    counted, unread = count(articles, entities)
    problems += unread
    articles_of = {e.name: len({a for a, _, _ in counted[e.name]}) for e in entities}
    ranking = sorted(entities, key=lambda e: (-len(counted[e.name]), -articles_of[e.name], e.name))
    out = []
    for rank, entity in enumerate(ranking[:TOP], 1):
        mine = {(a, n): name for a, n, name in counted[entity.name]}
        examples = []
        for example in entity.examples:
            article_id, _, n = example.partition("@")
            if (article_id, int(n or 0)) not in mine:
                problems.append(f"{entity.name}: example {example} is not a counted attribution of it")
                continue
            gold = by_id[article_id].attributions[int(n) - 1]
            examples.append({"article": article_id, "attribution": int(n),
                             "mention": by_id[article_id].span(gold.source),
                             "source": [list(p) for p in gold.source], "name": mine[article_id, int(n)]})
        if not 3 <= len(examples) <= 5:
            problems.append(f"{entity.name}: {len(examples)} examples, 3 to 5 wanted")
        out.append({
            "rank": rank,
            "name": entity.name,
            "type": entity.type,
            "gender": entity.gender,
            "attributions": len(counted[entity.name]),
            "articles": articles_of[entity.name],
            "candidate_quotes": baseline[entity.name],
            "variants": entity.variants,
            "not_variants": entity.not_variants,
            "ambiguous": [{"string": s, "readings": [{"entity": r, "places": p} for r, p in readings.items()]}
                          for s, readings in entity.ambiguous.items()],
            "examples": examples,
        })
    near = [(e.name, len(counted[e.name]), baseline[e.name]) for e in ranking[TOP:]]
    return out, near, problems


def main(root: str) -> None:
    articles = load_split(root, "train") + load_split(root, "dev")
    entities = read_entities(HERE / "entities.txt")
    baseline = recorded_candidates()
    out, near, problems = records(articles, entities, baseline)
    for r in out:
        print(f"{r['rank']:>2} {r['name']}: {r['attributions']} attributions in {r['articles']} articles "
              f"(baseline quotes {r['candidate_quotes']})")
    print("near misses: " + "; ".join(f"{n} {c} ({b})" for n, c, b in near))
    if problems:
        raise SystemExit("\n".join(problems))
    (HERE / "top50.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in out), encoding="utf-8")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(DEFAULT_ROOT))
