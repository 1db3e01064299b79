"""PolNeAR (Newell, Margolin and Ruths, LREC 2018): read the brat standoff gold attributions.

``T`` lines hold ``Source|Cue|Content|Attribution start end[;start end] text``; ``E`` lines
link them.  Where several annotators' files exist for an article, the first by annotator
id is used, so the gold is one consistent reading per article; ``load_readings`` gives
every annotator's reading of those articles, to measure how far annotators agree.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

DOUBLE_MARKS = '"“”«»„‟'

Pieces = tuple[tuple[int, int], ...]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    content: Pieces
    cue: Pieces
    source: Pieces

    def content_text(self, text: str) -> str:
        return " ".join(text[a:b] for a, b in self.content)


@dataclass(frozen=True, slots=True)
class GoldArticle:
    id: str
    text: str
    date: str | None
    attributions: tuple[GoldAttribution, ...]


def _pieces(field: str) -> Pieces:
    offsets = field.split(" ", 1)[1]
    return tuple((int(a), int(b)) for a, b in (piece.split() for piece in offsets.split(";")))


def _read_ann(path: Path) -> tuple[GoldAttribution, ...]:
    spans: dict[str, Pieces] = {}
    links: list[dict[str, str]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if fields[0].startswith("T") and len(fields) >= 2:
            spans[fields[0]] = _pieces(fields[1])
        elif fields[0].startswith("E") and len(fields) >= 2:
            links.append(dict(part.split(":", 1) for part in fields[1].split()))
    out = []
    for link in links:
        if "Content" not in link:
            continue
        out.append(
            GoldAttribution(
                content=spans[link["Content"]],
                cue=spans.get(link.get("Cue", ""), ()),
                source=spans.get(link.get("Source", ""), ()),
            )
        )
    return tuple(sorted(out, key=lambda g: g.content[0]))


def _publication_dates(root: Path) -> dict[str, str]:
    meta = root / "metadata.tsv"
    if not meta.exists():
        return {}
    with meta.open(encoding="utf-8", newline="") as handle:
        return {row["filename"]: row["publication_date"] for row in csv.DictReader(handle, delimiter="\t")}


def _annotated_texts(root: Path, split: str) -> list[tuple[Path, list[Path]]]:
    """Each article text of a split with its annotation files, in annotator order."""
    folder = root / split
    if not (folder / "text").is_dir():
        raise FileNotFoundError(f"{folder}: no PolNeAR split here (expected {folder}/text and {folder}/attributions)")
    out = []
    for text_file in sorted((folder / "text").glob("*.txt")):
        annotations = sorted((folder / "attributions").glob(f"{text_file.stem}_*.ann"))
        if annotations:
            out.append((text_file, annotations))
    return out


def _readings(text_file: Path, annotations: list[Path], dates: dict[str, str]) -> tuple[GoldArticle, ...]:
    """One article as each of the given annotation files reads it."""
    text = text_file.read_text(encoding="utf-8")
    date = dates.get(text_file.stem)
    return tuple(GoldArticle(id=text_file.stem, text=text, date=date, attributions=_read_ann(a)) for a in annotations)


def load_split(root: Path | str, split: str) -> list[GoldArticle]:
    """Every article of a PolNeAR split with one annotator's attributions."""
    root = Path(root)
    dates = _publication_dates(root)
    return [_readings(text_file, annotations[:1], dates)[0] for text_file, annotations in _annotated_texts(root, split)]


def load_readings(root: Path | str, split: str) -> list[tuple[GoldArticle, ...]]:
    """The articles of a split that several annotators marked independently, each with
    every annotator's reading (in annotator order)."""
    root = Path(root)
    dates = _publication_dates(root)
    return [
        _readings(text_file, annotations, dates)
        for text_file, annotations in _annotated_texts(root, split)
        if len(annotations) > 1
    ]


def has_quotation_mark(text: str) -> bool:
    return any(mark in text for mark in DOUBLE_MARKS)


def wholly_quoted(text: str, pieces: Pieces) -> bool:
    """Every piece is one quotation inside marks (``“…,”``), not a clause holding a fragment."""
    for a, b in pieces:
        piece = text[a:b].strip().rstrip(".,;:!?—– ")
        if len(piece) < 2 or piece[0] not in DOUBLE_MARKS or piece[-1] not in DOUBLE_MARKS:
            return False
    return True
