"""Lexicons: the word lists and tables under ``onrecord/data``, read once per process."""

from __future__ import annotations

import functools
from importlib import resources


def _data_lines(name: str) -> list[str]:
    text = resources.files("onrecord").joinpath("data", name).read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip() and not line.startswith("#")]


def data_rows(name: str) -> list[list[str]]:
    """The tab-separated rows of a data file, without comments and blank lines."""
    return [line.split("\t") for line in _data_lines(name)]


@functools.cache
def load_word_set(name: str) -> frozenset[str]:
    """A one-word-a-line list, lower-cased."""
    return frozenset(line.strip().lower() for line in _data_lines(name))


@functools.cache
def load_phrase_set(name: str) -> frozenset[tuple[str, ...]]:
    """A one-phrase-a-line list, lower-cased, each phrase as its words."""
    return frozenset(tuple(line.split()) for line in load_word_set(name))


@functools.cache
def load_table(name: str) -> dict[str, str]:
    """A two-column tab-separated table: key to value (first occurrence wins)."""
    table: dict[str, str] = {}
    for line in _data_lines(name):
        key, _, value = line.partition("\t")
        table.setdefault(key.strip().lower(), value.strip())
    return table
