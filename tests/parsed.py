"""The parsed-article context of a short passage, as the pipeline builds it, for stage tests."""

from __future__ import annotations

from onrecord.stages.parse.context import ArticleContext, build_context
from onrecord.stages.parse.language import load_pipeline


def context_of(text: str) -> ArticleContext:
    return build_context(load_pipeline()(text))
