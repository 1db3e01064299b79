"""The cue model: how likely a parse candidate is an attribution, learned on PolNeAR train.

PolNeAR marks far more than ``say``: ``cited [the report]``, ``wants [to …]``, ``called
for [a vote]``.  Whether a verb with a complement reports somebody's words depends on
the word, the shape of the complement and the source, which a lexicon alone cannot
weigh.  A logistic regression over sparse features of the candidate does; its weights
(``data/indirect_cue_model.json``) are written by ``scripts/train_indirect_model.py``
and read here without any machine-learning library.
"""

from __future__ import annotations

import functools
import json
import math
from dataclasses import dataclass
from importlib import resources

from spacy.tokens import Doc, Token

from onrecord.kinds import Relation
from onrecord.lexicon import pronouns
from onrecord.stages.cues.lexicon import lexicon_act
from onrecord.stages.indirect.candidates import Candidate

MODEL_FILE = "indirect_cue_model.json"
CLAUSE_OPENERS = frozenset({"that", "to", "whether", "if", "how", "what", "why", "when", "where", "who", "which"})
PERSON_PRONOUNS = pronouns().of_persons


def _length_bucket(n: int) -> str:
    return "1" if n <= 1 else "2-3" if n <= 3 else "4-8" if n <= 8 else "9+"


def _source_class(source: Token | None) -> str:
    """What kind of thing the source is: somebody who can report (a person, an organisation)
    or a thing (``The bridge plans to …`` is no report)."""
    if source is None:
        return "none"
    if source.pos_ == "PRON":
        return "person" if source.lower_ in PERSON_PRONOUNS else "thing-pron"
    if source.ent_type_ == "PERSON":
        return "person"
    if source.ent_type_ in ("ORG", "NORP", "GPE"):
        return "org"
    return "ent-other" if source.ent_type_ else source.pos_.lower()


def features(doc: Doc, candidate: Candidate, content: tuple[int, int]) -> list[str]:
    """The sparse binary features of one candidate (names, value 1)."""
    head = doc[candidate.head]
    lemma = "according" if candidate.relation is Relation.ACCORDING_TO else head.lemma_.lower()
    root = doc[candidate.content_root]
    rel = candidate.relation
    first = doc[content[0]].lower_
    opener = first if first in CLAUSE_OPENERS else ("quote" if doc[content[0]].is_quote else "other")
    source = doc[candidate.source] if candidate.source is not None else None
    source_kind = "none" if source is None else ("pron" if source.pos_ == "PRON" else "propn" if source.pos_ == "PROPN" else source.pos_.lower())
    act = lexicon_act(lemma) or "none"
    out = [
        "bias",
        f"lemma={lemma}",
        f"rel={rel}",
        f"lemma|rel={lemma}|{rel}",
        f"tag={head.tag_}",
        f"dep={head.dep_}",
        f"lemma|dep={lemma}|{head.dep_}",
        f"opener={opener}",
        f"lemma|opener={lemma}|{opener}",
        f"rel|opener={rel}|{opener}",
        f"root_pos={root.pos_}",
        f"rel|root_pos={rel}|{root.pos_}",
        f"source={source_kind}",
        f"source_rule={candidate.source_rule}",
        f"rel|source={rel}|{source_kind}",
        f"lexicon={act}",
        f"lexicon|rel={act}|{rel}",
        f"lexicon|source={act}|{source_kind}",
        f"length={_length_bucket(content[1] - content[0])}",
        f"rel|length={rel}|{_length_bucket(content[1] - content[0])}",
        f"cue_words={min(candidate.cue[1] - candidate.cue[0], 3)}",
    ]
    if rel in ("dobj", "prep"):
        # "backed [Clinton]" and "sent [a letter]" are reports, "backed [the car]" is not:
        # the object weighs with the verb, not only on its own.
        obj = root.lemma_.lower()
        out += [f"object={obj}", f"lemma|object={lemma}|{obj}"]
    if root.pos_ in ("VERB", "AUX"):
        has_subject = any(c.dep_ in ("nsubj", "nsubjpass", "expl") for c in root.children)
        out.append(f"rel|clause_subject={rel}|{has_subject}")
    if head.head.i != head.i:
        # A cue inside another report's clause ("said [she plans to …]") or hanging on a
        # plain verb ("went to [watch …]") is weighed by what governs it.
        governor = lexicon_act(head.head.lemma_.lower()) or "none"
        out.append(f"governor={governor}|{head.dep_}")
    source_class = _source_class(source)
    out += [f"source_class={source_class}", f"lexicon|source_class={act}|{source_class}"]
    if source is not None and source.pos_ != "PROPN":
        out.append(f"source_lemma={source.lemma_.lower()}")  # "officials", "spokesman", "report"
    if source is not None and source.pos_ == "PRON":
        out.append(f"source_word={source.lower_}")
    if source is not None and source.ent_type_:
        out.append(f"source_ent={source.ent_type_}")
    if any(t.is_quote for t in doc[content[0]:content[1]]):
        out.append(f"has_quote|lexicon={act}")
    if candidate.cue[1] - candidate.cue[0] > 1:
        out.append(f"cue_first={doc[candidate.cue[0]].lower_}")
    return out


@dataclass(frozen=True, slots=True)
class CueModel:
    """Logistic-regression weights by feature name, and the decision threshold."""

    weights: dict[str, float]
    threshold: float

    def probability(self, names: list[str]) -> float:
        z = sum(self.weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@functools.cache
def load_model() -> CueModel:
    """The shipped cue model (read once per process)."""
    raw = resources.files("onrecord").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    data = json.loads(raw)
    weights = {(f"{template}={value}" if value else template): float(w)
               for template, values in data["weights"].items() for value, w in values.items()}
    return CueModel(weights=weights, threshold=float(data["threshold"]))
