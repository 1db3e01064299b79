"""Pages for people: static HTML shells that the browser fills from the API."""

from __future__ import annotations

from importlib import resources

from fastapi import APIRouter
from fastapi.responses import FileResponse

router = APIRouter(include_in_schema=False)

STATIC = resources.files("onrecord.web") / "static"


def _page(name: str) -> FileResponse:
    return FileResponse(str(STATIC / name), media_type="text/html; charset=utf-8", headers={"cache-control": "no-cache"})


@router.get("/")
def paste_page() -> FileResponse:
    return _page("paste.html")


@router.get("/search")
def search_page() -> FileResponse:
    return _page("search.html")


@router.get("/articles/{article_id:path}")
def article_page(article_id: str) -> FileResponse:
    return _page("article.html")


@router.get("/speakers/{name:path}")
def speaker_page(name: str) -> FileResponse:
    return _page("speaker.html")


@router.get("/quotations/{quotation_id:path}")
def quotation_page(quotation_id: str) -> FileResponse:
    return _page("quotation.html")
