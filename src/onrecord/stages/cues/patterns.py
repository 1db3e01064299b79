"""Cue shapes as data: the spaCy ``DependencyMatcher`` patterns of ``data/cue_patterns.json``,
each with an id, an example and its PolNeAR train counts.  ``shapes`` runs them once over a
parsed article and answers, for each pattern, the (cue, content) token pairs it matched, so
a new phrasing is a pattern (and a test) rather than a new branch of the candidate finder."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

PATTERNS_FILE = "cue_patterns.json"


@dataclass(frozen=True, slots=True)
class CuePattern:
    id: str
    example: str
    pattern: tuple[dict[str, Any], ...]
    polnear_train: dict[str, int] | None = None


@functools.cache
def cue_patterns() -> tuple[CuePattern, ...]:
    raw = json.loads(resources.files("onrecord").joinpath("data", PATTERNS_FILE).read_text(encoding="utf-8"))
    return tuple(CuePattern(p["id"], p["example"], tuple(p["pattern"]), p.get("polnear_train")) for p in raw["patterns"])


@functools.cache
def _matcher(vocab: Vocab) -> tuple[DependencyMatcher, dict[int, tuple[str, int, int]]]:
    matcher = DependencyMatcher(vocab)
    where: dict[int, tuple[str, int, int]] = {}
    for p in cue_patterns():
        names = [node["RIGHT_ID"] for node in p.pattern]
        matcher.add(p.id, [list(p.pattern)])
        where[vocab.strings[p.id]] = (p.id, names.index("cue"), names.index("content"))
    return matcher, where


def shapes(doc: Doc) -> dict[str, frozenset[tuple[int, int]]]:
    """For every pattern id, the (cue, content) token indices it matches in ``doc``."""
    matcher, where = _matcher(doc.vocab)
    found: dict[str, set[tuple[int, int]]] = {p.id: set() for p in cue_patterns()}
    for match_id, tokens in matcher(doc):
        name, cue, content = where[match_id]
        found[name].add((tokens[cue], tokens[content]))
    return {name: frozenset(pairs) for name, pairs in found.items()}
