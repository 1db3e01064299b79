"""Cue shapes as data: the spaCy ``DependencyMatcher`` patterns of ``data/cue_patterns.json``,
each with an id, an example and its PolNeAR train counts.  ``shapes`` reads them over a
parsed article (by the DependencyMatcher's rules, in one pass) and answers, for each pattern, the (cue, content) token pairs it matched, so
a new phrasing is a pattern (and a test) rather than a new branch of the candidate finder."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources
from typing import Any

from spacy.matcher import DependencyMatcher
from spacy.symbols import IDS
from spacy.tokens import Doc, Token
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


def _accepts(token: Token, attrs: dict[str, Any]) -> bool:
    for name, wanted in attrs.items():
        value = _ATTRIBUTES[name](token)
        if isinstance(wanted, dict):
            if value not in wanted["IN"]:
                return False
        elif value != wanted:
            return False
    return True


_ATTRIBUTES = {"POS": lambda t: t.pos_, "DEP": lambda t: t.dep_, "LOWER": lambda t: t.lower_, "TAG": lambda t: t.tag_, "LEMMA": lambda t: t.lemma_}


def _related(token: Token, op: str) -> list[Token]:
    """The tokens standing in relation ``op`` to ``token``, as the DependencyMatcher reads it."""
    if op == ">":
        return list(token.children)
    if op == ">++":
        return [c for c in token.children if c.i > token.i]
    if op == "<":
        return [] if token.head.i == token.i else [token.head]
    if op == ".":
        return [token.doc[token.i + 1]] if token.i + 1 < len(token.doc) else []
    raise ValueError(f"cue pattern operator {op!r} is not one cues.patterns reads (>, >++, <, .)")


def _matches(doc: Doc, pattern: tuple[dict[str, Any], ...]) -> list[tuple[int, ...]]:
    """Every assignment of the pattern's nodes to tokens (in node order), each node after the
    first related to an earlier one.  The same matches as spaCy's ``DependencyMatcher`` for
    the operators used here (a test holds the two equal), without its cost per article."""
    first, rest = pattern[0], pattern[1:]
    names = [node["RIGHT_ID"] for node in pattern]
    found: list[tuple[int, ...]] = []

    def extend(chosen: list[Token]) -> None:
        if len(chosen) == len(pattern):
            found.append(tuple(t.i for t in chosen))
            return
        node = rest[len(chosen) - 1]
        left = chosen[names.index(node["LEFT_ID"])]
        for token in _related(left, node["REL_OP"]):
            if token not in chosen and _accepts(token, node.get("RIGHT_ATTRS", {})):
                extend([*chosen, token])

    for token in doc:
        if _accepts(token, first.get("RIGHT_ATTRS", {})):
            extend([token])
    return found


def shapes(doc: Doc) -> dict[str, frozenset[tuple[int, int]]]:
    """For every pattern id, all the (cue, content) token indices it matches in ``doc``."""
    out = {}
    for p in cue_patterns():
        names = [node["RIGHT_ID"] for node in p.pattern]
        cue, content = names.index("cue"), names.index("content")
        out[p.id] = frozenset((m[cue], m[content]) for m in _matches(doc, p.pattern))
    return out


@dataclass(frozen=True, slots=True)
class _Node:
    """One pattern node, compiled: its name, the earlier node it hangs on and how, and the
    token attributes it requires, as the ids a token stores (attribute, allowed ids)."""

    name: str
    left: int | None
    op: str
    checks: tuple[tuple[str, frozenset[int]], ...]

    def accepts(self, token: Token) -> bool:
        return all(getattr(token, attribute) in allowed for attribute, allowed in self.checks)


# The id attributes of a token: POS is a symbol, the others string-store ids (``Token.dep`` …).
_TOKEN_ATTRIBUTE = {"POS": "pos", "DEP": "dep", "LOWER": "lower", "TAG": "tag", "LEMMA": "lemma"}


def _stands(left: Token, token: Token, op: str) -> bool:
    """Whether ``token`` stands in relation ``op`` to ``left`` (DependencyMatcher's reading)."""
    if op == ">":
        return token.head.i == left.i and token.i != left.i
    if op == ">++":
        return token.head.i == left.i and token.i > left.i
    if op == "<":
        return left.head.i == token.i and token.i != left.i
    if op == ".":
        return token.i == left.i + 1
    raise ValueError(f"cue pattern operator {op!r} is not one cues.patterns reads (>, >++, <, .)")


def _ids(vocab: Vocab, attribute: str, values: list[str]) -> frozenset[int]:
    if attribute == "POS":
        return frozenset(IDS[value] for value in values)
    return frozenset(vocab.strings.add(value) for value in values)


@functools.cache
def _compiled(vocab: Vocab) -> dict[str, tuple[tuple[_Node, ...], _Node]]:
    """Each pattern's nodes, and its content node (checked first: it rejects most words)."""
    out = {}
    for p in cue_patterns():
        names = [node["RIGHT_ID"] for node in p.pattern]
        nodes = tuple(
            _Node(node["RIGHT_ID"], names.index(node["LEFT_ID"]) if "LEFT_ID" in node else None, node.get("REL_OP", ""),
                  tuple((_TOKEN_ATTRIBUTE[a], _ids(vocab, a, v["IN"] if isinstance(v, dict) else [v]))
                        for a, v in node.get("RIGHT_ATTRS", {}).items()))
            for node in p.pattern)
        out[p.id] = (nodes, nodes[names.index("content")])
    return out


@functools.cache
def _by_content_dep(vocab: Vocab) -> dict[int, tuple[str, ...]]:
    """The patterns (in file order) whose content node asks for each dependency label."""
    out: dict[int, list[str]] = {}
    for name, (_, content) in _compiled(vocab).items():
        for attribute, allowed in content.checks:
            if attribute == "dep":
                for dep in allowed:
                    out.setdefault(dep, []).append(name)
    return {dep: tuple(names) for dep, names in out.items()}


def shape_of(cue: Token, content: Token) -> str | None:
    """The first pattern (in file order) that asks for the content's dependency label and
    matches ``cue`` and ``content``; None when none does (most words: one look-up)."""
    for name in _by_content_dep(cue.vocab).get(content.dep, ()):
        if holds(name, cue, content):
            return name
    return None


def holds(name: str, cue: Token, content: Token) -> bool:
    """Whether pattern ``name`` matches with ``cue`` and ``content`` in its nodes of those
    names: what the candidate finder asks of each word it visits (``shapes``, answering for
    every word at once, costs as much again as the rest of the stage)."""
    nodes, content_node = _compiled(cue.vocab)[name]
    if not content_node.accepts(content):
        return False
    chosen: list[Token] = []
    for node in nodes:
        token = cue if node.name == "cue" else content if node.name == "content" else None
        if token is None:  # another node: some token related to its left node fits it
            assert node.left is not None
            left = chosen[node.left]
            token = next((t for t in _related(left, node.op) if t not in chosen and node.accepts(t)), None)
            if token is None:
                return False
        elif not node.accepts(token) or node.left is not None and not _stands(chosen[node.left], token, node.op):
            return False
        chosen.append(token)
    return True


def spacy_shapes(doc: Doc) -> dict[str, frozenset[tuple[int, int]]]:
    """``shapes`` by spaCy's own ``DependencyMatcher``: what ``shapes`` must equal."""
    matcher = DependencyMatcher(doc.vocab)
    for p in cue_patterns():
        matcher.add(p.id, [list(p.pattern)])
    found: dict[str, set[tuple[int, int]]] = {p.id: set() for p in cue_patterns()}
    for match_id, tokens in matcher(doc):
        name = doc.vocab.strings[match_id]
        names = [node["RIGHT_ID"] for node in next(p for p in cue_patterns() if p.id == name).pattern]
        found[name].add((tokens[names.index("cue")], tokens[names.index("content")]))
    return {name: frozenset(pairs) for name, pairs in found.items()}
