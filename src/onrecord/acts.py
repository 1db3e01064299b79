"""Which acts an extraction reports: speech by default, thought and stance on request.

Every attribution carries its act (``Quote.act``); the output, the store and the statistics
hold speech unless the caller asks for more (``--acts speech,thought,stance``, setting
``acts``).  ``eval polnear`` and ``eval offdomain`` extract with every act so their figures
stay comparable with PolNeAR, which annotates all three (``eval polnear`` also the objects of
actions PolNeAR marks, ``POLNEAR_ACTS``).
"""

from __future__ import annotations

from dataclasses import replace

from onrecord.kinds import SpeechAct
from onrecord.records import Article, Quote
from onrecord.settings import str_default

ALL_ACTS = frozenset({SpeechAct.SPEECH, SpeechAct.THOUGHT, SpeechAct.STANCE})  # SpeechAct.NONE is never reported
# PolNeAR's own scope: it annotates the objects of actions ("released [an ad]") as attributions
# too, so ``eval polnear`` keeps them to stay comparable with its gold and its earlier figures;
# nothing a user runs reports them.
POLNEAR_ACTS = ALL_ACTS | {SpeechAct.NONE}
REPORTABLE = ", ".join(act for act in SpeechAct if act in ALL_ACTS)


def parse_acts(value: str) -> frozenset[SpeechAct]:
    """``"speech,thought"`` → those acts; an unknown or empty list is a ``ValueError`` naming it."""
    names = [part.strip().lower() for part in value.split(",") if part.strip()]
    if not names:
        raise ValueError("no act given: choose from " + REPORTABLE)
    unknown = [n for n in names if n not in REPORTABLE.split(", ")]
    if unknown:
        raise ValueError(f"unknown act {unknown[0]!r}: choose from " + REPORTABLE)
    return frozenset(SpeechAct(n) for n in names)


DEFAULT_ACTS = parse_acts(str_default("acts"))


def _references(quotes: tuple[Quote, ...]) -> set[str]:
    return {e for q in quotes for e in (q.entity, q.addressee_entity) if e is not None}


def keep_acts(article: Article, acts: frozenset[SpeechAct]) -> Article:
    """The article with only the quotes of ``acts`` (never those of ``SpeechAct.NONE``), and
    without the entities only the dropped quotes spoke of ("The two were expecting …")."""
    if all(q.act in acts for q in article.quotes):
        return article
    kept = tuple(q for q in article.quotes if q.act in acts)
    referenced = _references(kept)
    referenced |= {e.on_behalf_of for e in article.entities if e.id in referenced and e.on_behalf_of is not None}
    orphaned = _references(article.quotes) - referenced
    return replace(article, quotes=kept, entities=tuple(e for e in article.entities if e.id not in orphaned))
