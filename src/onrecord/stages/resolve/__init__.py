"""Canonical speakers: resolve every speaker (and addressee) mention to one entity per article.

Names first: every named person and organisation spaCy finds is clustered by name keys
(``Trump`` → ``Donald Trump``, ``IMF`` → ``International Monetary Fund``).  Then each quote's
speaker mention, in text order: a name joins its cluster; a pronoun goes back to the best
agreeing candidate (the previous attribution's subject first); an epithet to the entity the
article described that way; a description of someone never named becomes its own entity.
Every decision leaves a chain of mentions, each with the rule and score that linked it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from onrecord.records import Entity, Quote
from onrecord.stages.resolve.aliases import AliasError, AliasTable

if TYPE_CHECKING:
    from onrecord.stages.parse.context import ArticleContext

__all__ = ["AliasError", "AliasTable", "resolve_speakers"]


def resolve_speakers(context: ArticleContext, quotes: Sequence[Quote], *, aliases: AliasTable | None = None,
                     given_names: bool = True) -> tuple[tuple[Quote, ...], tuple[Entity, ...]]:
    """The quotes with ``speaker_name``, ``entity``, ``addressee``, confidence and evidence
    chain filled in, and the article's entities (``E1``, ``E2``… by first mention).  Without
    ``given_names`` an entity's reported gender ignores what its given name suggests."""
    # Imported here: the name rules of this package (names, words, aliases) serve the store
    # too, which must not load spaCy.
    from onrecord.stages.resolve.cueless import previous_paragraph_speakers
    from onrecord.stages.resolve.resolver import Resolver

    return Resolver(context, previous_paragraph_speakers(context, quotes), aliases, given_names=given_names).run()
