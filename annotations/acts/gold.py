"""PolNeAR's gold attributions read with the standard library, exactly as
``onrecord.evaluation.polnear.load_split`` reads them (first annotator's file per article,
``E`` lines holding a Content, sorted by the first content piece), so the annotation folders
can be checked without importing onrecord.  Shared by ``annotations/{acts,sources,top_speakers}``.
"""

from __future__ import annotations

import csv
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).parent
DEFAULT_ROOT = HERE.parents[2] / "shared" / "data" / "polnear"
DOUBLE_MARKS = '"“”«»„‟'

Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class Attribution:
    content: Pieces
    cue: Pieces
    source: Pieces


@dataclass(frozen=True, slots=True)
class Article:
    id: str
    text: str
    date: str | None
    attributions: tuple[Attribution, ...]

    def span(self, pieces: Pieces) -> str:
        return " ".join(self.text[a:b] for a, b in pieces)


def _pieces(field: str) -> Pieces:
    offsets = field.split(" ", 1)[1]
    return tuple((int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";")))


def _read_ann(path: Path) -> tuple[Attribution, ...]:
    spans: dict[str, Pieces] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0].startswith("T") and len(fields) >= 2:
            spans[fields[0]] = _pieces(fields[1])
        elif fields[0].startswith("E") and len(fields) >= 2:
            links.append(dict(part.split(":", 1) for part in fields[1].split()))
    found = [
        Attribution(
            content=spans[link["Content"]],
            cue=spans.get(link.get("Cue", ""), ()),
            source=spans.get(link.get("Source", ""), ()),
        )
        for link in links
        if "Content" in link
    ]
    return tuple(sorted(found, key=lambda g: g.content[0]))


def load_split(root: Path | str, split: str) -> list[Article]:
    """Every annotated article of a split, in file-name order, with its first annotator's reading."""
    root = Path(root)
    folder = root / split
    if not (folder / "text").is_dir():
        raise SystemExit(f"{folder}: no PolNeAR split here (expected {folder}/text and {folder}/attributions)")
    dates: dict[str, str] = {}
    if (root / "metadata.tsv").exists():
        with (root / "metadata.tsv").open(encoding="utf-8", newline="") as handle:
            dates = {row["filename"]: row["publication_date"] for row in csv.DictReader(handle, delimiter="\t")}
    articles = []
    for text_file in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(f"{text_file.stem}_*.ann"))
        if annotations:
            articles.append(Article(
                id=text_file.stem,
                text=text_file.read_text(encoding="utf-8"),
                date=dates.get(text_file.stem),
                attributions=_read_ann(annotations[0]),
            ))
    return articles


def quotation(text: str, pieces: Pieces) -> str:
    """``direct`` when every content piece is one quotation inside double marks, ``mixed`` when
    the content holds a double mark otherwise (a quoted fragment in a paraphrase), else ``indirect``."""
    inside = [text[a:b].strip().rstrip(".,;:!?—– ") for a, b in pieces]
    if all(len(p) >= 2 and p[0] in DOUBLE_MARKS and p[-1] in DOUBLE_MARKS for p in inside):
        return "direct"
    if any(mark in text[a:b] for a, b in pieces for mark in DOUBLE_MARKS):
        return "mixed"
    return "indirect"


def report(folder: str, problems: list[str]) -> None:
    """End a check: each problem on stderr, a verdict line, a non-zero exit when any."""
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{folder}: OK" if not problems else f"{folder}: {len(problems)} problems")
    sys.exit(1 if problems else 0)
