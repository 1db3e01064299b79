"""Pages for people: static HTML shells that the browser fills from the API."""

from __future__ import annotations

import functools
from importlib import resources

from fastapi import APIRouter
from fastapi.responses import FileResponse, HTMLResponse

router = APIRouter(include_in_schema=False)

STATIC = resources.files("onrecord.web") / "static"


NO_CACHE = {"cache-control": "no-cache"}


def _page(name: str) -> FileResponse:
    return FileResponse(str(STATIC / name), media_type="text/html; charset=utf-8", headers=NO_CACHE)


@functools.cache
def _result_page(page: str, title: str) -> str:
    """The article, speaker and quotation pages share one shell; only the title and script differ."""
    shell = (STATIC / "result.html").read_text(encoding="utf-8")
    return shell.replace("__TITLE__", title).replace("__PAGE__", page)


def _result(page: str, title: str) -> HTMLResponse:
    return HTMLResponse(_result_page(page, title), headers=NO_CACHE)


@router.get("/")
def paste_page() -> FileResponse:
    return _page("paste.html")


@router.get("/search")
def search_page() -> FileResponse:
    return _page("search.html")


@router.get("/articles/{article_id:path}")
def article_page(article_id: str) -> HTMLResponse:
    return _result("article", "Article")


@router.get("/speakers/{name:path}")
def speaker_page(name: str) -> HTMLResponse:
    return _result("speaker", "Speaker")


@router.get("/quotations/{quotation_id:path}")
def quotation_page(quotation_id: str) -> HTMLResponse:
    return _result("quotation", "Quotation")
