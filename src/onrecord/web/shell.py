"""The HTML shell every result page shares, and the error pages made from it.

The article, speaker, quotation and speakers pages are one shell (``static/result.html``)
with their own title and script; an error page is the same shell with the message in
place of the script, so a person who mistyped an address reads what went wrong, on a
page like the others, rather than raw JSON or a blank page.
"""

from __future__ import annotations

import functools
from html import escape
from importlib import resources

from fastapi.responses import HTMLResponse

STATIC = resources.files("onrecord.web") / "static"
NO_CACHE = {"cache-control": "no-cache"}
_SCRIPT = '<script type="module" src="/static/__PAGE__.js"></script>\n'
_RESULT = '<div id="result" aria-live="polite"></div>'


@functools.cache
def _shell() -> str:
    return (STATIC / "result.html").read_text(encoding="utf-8")


@functools.cache
def result_page(page: str, title: str) -> str:
    """The shell for ``page`` (its script ``static/{page}.js`` fills it from the API)."""
    return _shell().replace("__TITLE__", title).replace("__PAGE__", page)


def result(page: str, title: str, *, status: int = 200) -> HTMLResponse:
    return HTMLResponse(result_page(page, title), status_code=status, headers=NO_CACHE)


def error_page(status: int, title: str, message: str) -> HTMLResponse:
    """A page saying what went wrong (no script), answered with ``status``."""
    body = (
        f'<h1>{escape(title)}</h1><div class="error-box" role="alert">{escape(message)}</div>'
        '<p><a href="/search">Search quotes</a> \u00b7 <a href="/">Paste an article</a></p>'
    )
    html = _shell().replace(_SCRIPT, "").replace("__TITLE__", escape(title)).replace(_RESULT, body)
    return HTMLResponse(html, status_code=status, headers=NO_CACHE)
