"""onrecord: reads news and records who said what."""

from onrecord.pipeline import extract, extract_sources
from onrecord.records import Article, Entity, Evidence, Quote, Span
from onrecord.stages.read import ArticleSource, InputError

__all__ = ["Article", "ArticleSource", "Entity", "Evidence", "InputError", "Quote", "Span", "extract", "extract_sources"]
__version__ = "0.1.0"
