"""Pages for people: static HTML shells that the browser fills from the API.

A page for one thing (an article, a speaker, a quotation) looks it up first, so its
status says what the API would: 404 when the store has no such thing (the page then
shows the API's message), 400 for an address whose percent-encoding is broken.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import unquote_to_bytes

from fastapi import APIRouter, Request
from fastapi.responses import FileResponse, RedirectResponse, Response

from onrecord.store import Store
from onrecord.web.errors import ApiError
from onrecord.web.queries import opened_store
from onrecord.web.shell import NO_CACHE, STATIC, error_page, result

router = APIRouter(include_in_schema=False)


def _page(name: str) -> FileResponse:
    return FileResponse(str(STATIC / name), media_type="text/html; charset=utf-8", headers=NO_CACHE)


def _well_encoded(request: Request) -> bool:
    """Whether the address's percent-escapes spell UTF-8 (a browser's always do; a mangled link's may not)."""
    raw = request.scope.get("raw_path") or b""
    try:
        unquote_to_bytes(raw.decode("latin-1")).decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


_BAD_ADDRESS = (400, "Bad address", "this address has a broken percent-escape (%..); check the link")


def _looked_up(request: Request, page: str, title: str, find: Callable[[Store], Any]) -> Response:
    """The ``page`` shell, with 404 when ``find`` finds nothing (or the store's own failure status)."""
    if not _well_encoded(request):
        return error_page(*_BAD_ADDRESS)
    try:
        with opened_store(request) as store:
            found = find(store)
    except ApiError as err:  # no store, or it cannot be read: the page shows the API's message
        return result(page, title, status=err.status)
    return result(page, title, status=200 if found is not None else 404)


def _store_id(value: str) -> int | None:
    return int(value) if value.isascii() and value.isdigit() else None


@router.get("/")
def paste_page() -> FileResponse:
    return _page("paste.html")


@router.get("/search")
def search_page() -> FileResponse:
    return _page("search.html")


@router.get("/articles/{article_id}")
def article_page(request: Request, article_id: str) -> Response:
    number = _store_id(article_id)
    return _looked_up(request, "article", "Article", lambda store: None if number is None else store.article_metadata(number))


@router.get("/sources/{source_id:path}")
def source_page(request: Request, source_id: str) -> Response:
    """An article by the id it was ingested with: a redirect to its page by store id."""
    if not _well_encoded(request):
        return error_page(*_BAD_ADDRESS)
    try:
        with opened_store(request) as store:
            metadata = store.article_metadata(source_id)
    except ApiError as err:
        return error_page(err.status, "Article", err.message)
    if metadata is None:
        return error_page(404, "Article not found", f"no article ingested as {source_id!r} in the store")
    return RedirectResponse(f"/articles/{metadata.article_id}", status_code=303)


@router.get("/speakers")
def speakers_page(request: Request) -> RedirectResponse:
    """The speakers index is the statistics' one (with its facets); this address leads there."""
    query = request.url.query
    return RedirectResponse("/stats/speakers" + (f"?{query}" if query else ""), status_code=308)


@router.get("/speakers/{name:path}")
def speaker_page(request: Request, name: str) -> Response:
    if not name:
        return speakers_page(request)
    wanted: int | str = _store_id(name) or name
    return _looked_up(request, "speaker", "Speaker", lambda store: store.speaker(wanted, recent=0))


@router.get("/quotations/{quotation_id}")
def quotation_page(request: Request, quotation_id: str) -> Response:
    number = _store_id(quotation_id)
    return _looked_up(request, "quotation", "Quotation", lambda store: None if number is None else store.quotation(number))

