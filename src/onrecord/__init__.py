"""onrecord: reads news and records who said what."""

from typing import TYPE_CHECKING, Any

from onrecord.records import Article, Entity, Evidence, Quote, Span
from onrecord.stages.read import ArticleSource, InputError

if TYPE_CHECKING:
    from onrecord.pipeline import extract, extract_sources

__all__ = ["Article", "ArticleSource", "Entity", "Evidence", "InputError", "Quote", "Span", "extract", "extract_sources"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    # ``extract`` and ``extract_sources`` load spaCy: only a caller that extracts pays for it
    # (the CLI's other commands and the web app start in a fraction of the time).
    if name in ("extract", "extract_sources"):
        from onrecord import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module 'onrecord' has no attribute {name!r}")
