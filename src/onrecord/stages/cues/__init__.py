"""Cues: the reporting lexicon (``lexicon``) and the cue spans as PolNeAR annotators mark
them (``spans``), which direct and indirect attribution both use."""
