"""The reporting lexicon: verbs and nouns that report speech or thought, and their forms."""

from __future__ import annotations

from onrecord.lexicon import load_table

REPORTING_VERBS = load_table("reporting_verbs.tsv")
REPORTING_NOUNS = load_table("reporting_nouns.tsv")
IRREGULAR_REPORTING_FORMS = load_table("reporting_verb_forms.tsv")


def lexicon_act(lemma: str) -> str | None:
    """``speech`` or ``thought`` for a reporting verb or noun lemma, None for other words."""
    return REPORTING_VERBS.get(lemma) or REPORTING_NOUNS.get(lemma)


def is_reporting_form(word: str) -> bool:
    """Whether a lower-case word is a form of a reporting verb (said, says, telling, wrote …),
    by its irregular forms and the regular suffixes: for words that have no parsed token to
    ask for its lemma (the word before a quotation mark, read on the raw text)."""
    if word in IRREGULAR_REPORTING_FORMS:
        return True
    for suffix in ("", "s", "es", "d", "ed", "ing"):
        if suffix and word.endswith(suffix) and word[: -len(suffix)] in REPORTING_VERBS:
            return True
        if not suffix and word in REPORTING_VERBS:
            return True
    return word.endswith("ing") and word[:-3] + "e" in REPORTING_VERBS


def is_speech_form(word: str) -> bool:
    """Whether a lower-case word of a cue is a form of a verb of speech, by looser stems
    (``replied`` -> ``reply``, ``argued`` -> ``argue``).  Looser than ``is_reporting_form``
    and kept so: one suffix-aware rule for both changes the time and channel of 16 PolNeAR
    train articles (none on dev, so nothing measured says it is better)."""
    stems = {word, word[:-1], word[:-2], word[:-3], word[:-3] + "e", word[:-2] + "e", word[:-3] + "y"}
    return any(REPORTING_VERBS.get(stem) == "speech" for stem in stems)
