"""onrecord: reads news and records who said what."""

from .article import Article, Entity, Evidence, Quote, Span
from .pipeline import extract, extract_sources
from .read import ArticleSource, InputError

__all__ = ["Article", "ArticleSource", "Entity", "Evidence", "InputError", "Quote", "Span", "extract", "extract_sources"]
__version__ = "0.1.0"
