"""Helpers for stage tests: the parsed-article context of a short passage, as the pipeline
builds it, and a count of the work a call does (in place of wall-clock limits)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any

from onrecord.stages.parse.context import ArticleContext, build_context
from onrecord.stages.parse.language import load_pipeline


def context_of(text: str) -> ArticleContext:
    return build_context(load_pipeline()(text))


def python_calls(function: Callable[..., Any], *args: Any, **kwargs: Any) -> int:
    """How many Python function calls ``function(*args, **kwargs)`` makes: a measure of its
    work that, unlike time, is the same on every machine and every run."""
    count = 0

    def profile(_frame: Any, event: str, _arg: Any) -> None:
        nonlocal count
        if event == "call":
            count += 1

    sys.setprofile(profile)
    try:
        function(*args, **kwargs)
    finally:
        sys.setprofile(None)
    return count
