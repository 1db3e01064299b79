"""``/api/extract`` (attributions of a posted article, computed on request) and ``/api/health``."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Body, Request
from pydantic import BaseModel, Field

from onrecord import __version__
from onrecord.web.contract import ARTICLE_RESPONSE
from onrecord.web.errors import ErrorResponse
from onrecord.web.extraction import client_key

router = APIRouter(prefix="/api", tags=["extract"])

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "An access token is required and was missing or wrong."},
    413: {"model": ErrorResponse, "description": "The request body is over the server's size cap."},
    422: {"model": ErrorResponse, "description": "The request or its article is not valid."},
}


class ExtractRequest(BaseModel):
    text: str = Field(
        description="The article body. A first line 'date YYYY-MM-DD' gives the publication date and is not part of the body.",
        examples=["date 2026-03-14\n\"The work starts in May,\" the mayor said."],
    )
    date: str | None = Field(default=None, description="Publication date YYYY-MM-DD, used to resolve relative times.")
    id: str | None = Field(default=None, max_length=200, description="An id to carry into the result.")


class Health(BaseModel):
    status: str = Field(description="'ok' while the server answers.")
    version: str
    store: bool = Field(description="Whether a quotation store is open for the search, speaker, quotation and article routes.")
    max_bytes: int = Field(description="The largest request body accepted, in bytes.")
    timeout_s: float = Field(description="How long one extraction may run, in seconds (counted from the start of its work).")
    per_client: int = Field(description="Extractions one client may have waiting or running.")
    queue: int = Field(description="Extractions all clients may have waiting or running.")


@router.get("/health", summary="Whether the server is up, and its limits", tags=["server"])
def health(request: Request) -> Health:
    state = request.app.state
    extractor = state.extractor
    return Health(
        status="ok", version=__version__, store=state.db is not None, max_bytes=state.max_bytes,
        timeout_s=extractor.timeout_s, per_client=extractor.per_client, queue=extractor.max_waiting,
    )


@router.post(
    "/extract",
    summary="Who said what in a posted article",
    response_model=None,
    responses={
        200: ARTICLE_RESPONSE,
        **ERRORS,
        500: {"model": ErrorResponse, "description": "Extraction failed on this article (a bug, logged)."},
        503: {"model": ErrorResponse, "description": "Busy (see Retry-After), the extraction worker stopped, or no language pipeline installed."},
        504: {"model": ErrorResponse, "description": "Extraction passed the server's time limit."},
    },
)
async def extract_article(request: Request, body: Annotated[ExtractRequest, Body()]) -> dict[str, Any]:
    """Run extraction on ``text`` and answer every quotation with its cue, speaker and evidence."""
    client = client_key(request.client.host if request.client else None)
    return await request.app.state.extractor.run(body.text, date=body.date, id=body.id, client=client)
