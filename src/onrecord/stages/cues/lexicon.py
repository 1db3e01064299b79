"""The reporting lexicon: verbs and nouns that report speech or thought, and their forms."""

from __future__ import annotations

from onrecord.lexicon import load_table, load_word_set

REPORTING_VERBS = load_table("reporting_verbs.tsv")
REPORTING_NOUNS = load_table("reporting_nouns.tsv")
IRREGULAR_REPORTING_FORMS = load_word_set("reporting_verb_forms.txt")


def lexicon_act(lemma: str) -> str | None:
    """``speech`` or ``thought`` for a reporting verb or noun lemma, None for other words."""
    return REPORTING_VERBS.get(lemma) or REPORTING_NOUNS.get(lemma)


def is_reporting_form(word: str) -> bool:
    """Whether ``word`` is a form of a reporting verb (said, says, telling, wrote …)."""
    if word in IRREGULAR_REPORTING_FORMS:
        return True
    for suffix in ("", "s", "es", "d", "ed", "ing"):
        if suffix and word.endswith(suffix) and word[: -len(suffix)] in REPORTING_VERBS:
            return True
        if not suffix and word in REPORTING_VERBS:
            return True
    return word.endswith("ing") and word[:-3] + "e" in REPORTING_VERBS
