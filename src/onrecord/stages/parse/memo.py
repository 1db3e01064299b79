"""The attribute ruler and the lemmatizer of the English pipeline, memoised by token kind.

Both are pure functions of a few token attributes, yet spaCy runs them token by token: the
attribute ruler's Matcher tries each of its 179 patterns on every token (1.9 of 22.6 CPU
seconds on PolNeAR dev), the lemmatizer makes a Python call per token and looks words up in lists (1.4 s).
``MemoAttributeRuler`` asks the original ruler once per kind of token (its text, tag and
dependency: all its one-token patterns read) which rules match, and applies them in the
ruler's order; the few patterns of two tokens (``there is``, ``gon na``) go through a
Matcher of their own and their rules are merged into the same order, so the output is the
original's exactly.  ``MemoLemmatizer`` looks each lemma up by (text, part of speech,
morphology), the key spaCy's own rule lemmatizer caches by, and its word index is a set.  A test holds both equal to
the originals on every token of the articles it parses.
"""

from __future__ import annotations

from spacy.attrs import DEP, LEMMA, MORPH, ORTH, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc

# Kinds of token remembered at most (a process ingesting millions of articles meets new
# words without end); past it the memo starts again.
MAX_KINDS = 200_000


# What a kind of token gets from the ruler: (POS, TAG, MORPH, LEMMA, DEP) values, None
# where no rule writes that attribute (later rules overwrite earlier ones).
Written = tuple[int | None, int | None, int | None, int | None, int | None]
WRITTEN_ATTRS = (POS, TAG, MORPH, LEMMA, DEP)


class MemoAttributeRuler:
    """``AttributeRuler.__call__`` with what its one-token patterns write remembered per
    (text, tag, dependency)."""

    def __init__(self, ruler: AttributeRuler) -> None:
        self.ruler = ruler
        self.vocab = ruler.vocab
        self._one_token: dict[tuple[int, int, int], tuple[int, ...]] = {}
        self._written: dict[tuple[int, ...], Written] = {}
        self._longer = Matcher(ruler.vocab)
        for rule in range(len(ruler.attrs)):
            key = ruler.vocab.strings[str(rule)]
            patterns = [p for p in ruler.matcher.get(key)[1] if len(p) > 1]
            if patterns:
                self._longer.add(key, patterns)

    def _learn(self, kinds: list[tuple[int, int, int]]) -> None:
        """Match the one-token patterns on one Doc of a token of each new kind."""
        strings = self.vocab.strings
        tokens = Doc(self.vocab, words=[strings[orth] for orth, _, _ in kinds], spaces=[False] * len(kinds),
                     tags=[strings[tag] for _, tag, _ in kinds], deps=[strings[dep] for _, _, dep in kinds],
                     heads=list(range(len(kinds))))
        rules: list[list[int]] = [[] for _ in kinds]
        for match, start, end in self.ruler.matcher(tokens, allow_missing=True):
            if end - start == 1:
                rules[start].append(int(strings[match]))
        for kind, found in zip(kinds, rules):
            self._one_token[kind] = tuple(sorted(found))

    def _writes(self, rules: tuple[int, ...]) -> Written:
        written = self._written.get(rules)
        if written is None:
            values: dict[int, int] = {}
            for rule in rules:
                values.update(self.ruler.attrs[rule])
            written = self._written[rules] = tuple(values.get(attr) for attr in WRITTEN_ATTRS)  # type: ignore[assignment]
        return written  # type: ignore[return-value]

    def _longer_rules(self, doc: Doc) -> dict[int, list[int]]:
        """The rules of patterns over several tokens, by the token each one writes."""
        targets: dict[int, list[int]] = {}
        for match, start, end in self._longer(doc, allow_missing=True):
            rule = int(self.vocab.strings[match])
            targets.setdefault(doc[start:end][self.ruler.indices[rule]].i, []).append(rule)
        return targets

    def __call__(self, doc: Doc) -> Doc:
        if len(self._one_token) > MAX_KINDS:
            self._one_token.clear()
        kinds: list[tuple[int, int, int]] = [(orth, tag, dep) for orth, tag, dep in doc.to_array([ORTH, TAG, DEP]).tolist()]
        new = [k for k in dict.fromkeys(kinds) if k not in self._one_token]
        if new:
            self._learn(new)
        longer = self._longer_rules(doc)
        values = doc.to_array(list(WRITTEN_ATTRS))
        rewritten_deps = []
        for i, kind in enumerate(kinds):
            rules = self._one_token[kind]
            if i in longer:
                rules = tuple(sorted(rules + tuple(longer[i])))
            if not rules:
                continue
            for column, value in enumerate(self._writes(rules)):
                if value is not None:
                    values[i, column] = value
            if values[i, 4] != kind[2]:
                rewritten_deps.append(i)
        doc.from_array([POS, TAG, MORPH, LEMMA], values[:, :4])  # type: ignore[arg-type]  # to_array's integer array
        for i in rewritten_deps:  # a dependency set through from_array would reset the sentences
            doc[i].dep = int(values[i, 4])
        return doc


class MemoLemmatizer:
    """``Lemmatizer.__call__`` (rule mode, no overwrite) with one lookup per token."""

    def __init__(self, lemmatizer: Lemmatizer) -> None:
        self.lemmatizer = lemmatizer
        self._lemmas: dict[tuple[int, int, int], int] = {}
        # The rule lemmatizer asks whether a form is in its word index, a list of up to
        # 57,528 words per part of speech: 175 µs a lemma.  The same words as a set answer
        # the same at once (the index is read for nothing else).
        index = lemmatizer.lookups.get_table("lemma_index", {})
        for pos in list(index):
            dict.__setitem__(index, pos, frozenset(index[pos]))

    def __call__(self, doc: Doc) -> Doc:
        if len(self._lemmas) > MAX_KINDS:
            self._lemmas.clear()
        values = doc.to_array([ORTH, POS, MORPH, LEMMA])
        strings = doc.vocab.strings
        changed = False
        for i, (orth, pos, morph, lemma) in enumerate(values.tolist()):
            if lemma:
                continue
            key = (orth, pos, morph)
            found = self._lemmas.get(key)
            if found is None:
                found = self._lemmas[key] = strings.add(self.lemmatizer.lemmatize(doc[i])[0])
            values[i, 3] = found
            changed = True
        if changed:
            doc.from_array([LEMMA], values[:, 3:4])  # type: ignore[arg-type]  # to_array's integer array
        return doc


@Language.factory("onrecord_memo_attribute_ruler")
def memo_attribute_ruler(nlp: Language, name: str) -> MemoAttributeRuler:
    return MemoAttributeRuler(nlp.get_pipe("attribute_ruler"))  # type: ignore[arg-type]  # the package's AttributeRuler


@Language.factory("onrecord_memo_lemmatizer")
def memo_lemmatizer(nlp: Language, name: str) -> MemoLemmatizer:
    return MemoLemmatizer(nlp.get_pipe("lemmatizer"))  # type: ignore[arg-type]  # the package's rule Lemmatizer


def memoise(nlp: Language) -> None:
    """Put the memoised attribute ruler and lemmatizer in place of ``nlp``'s (kept, disabled:
    the memoised ones ask them).  A lemmatizer that is not a rule lemmatizer writing only
    missing lemmas stays as it is."""
    lemmatizer = nlp.get_pipe("lemmatizer")
    memoised = ["attribute_ruler"]
    if isinstance(lemmatizer, Lemmatizer) and lemmatizer.mode == "rule" and not lemmatizer.overwrite:
        memoised.append("lemmatizer")
    for name in memoised:
        nlp.add_pipe(f"onrecord_memo_{name}", after=name)
        nlp.disable_pipe(name)
