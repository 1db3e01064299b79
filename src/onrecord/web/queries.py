"""The store-backed API: search quotations, one quotation, speakers, one stored article.

Each request opens the store read-only and closes it when answered, so no
connection is shared between worker threads and no route can write.  Answers are
the store records' own ``to_dict()``; their OpenAPI schemas come from the same
dataclasses.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Annotated, Any, get_type_hints

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, create_model

from onrecord.settings import int_default
from onrecord.stages.read import InputError, parse_date
from onrecord.store import (
    Occurrence,
    PeriodCount,
    QuotationRecord,
    SearchPage,
    SpeakerSummary,
    Store,
    StoreError,
    open_store,
)
from onrecord.web.contract import ARTICLE_RESPONSE
from onrecord.web.errors import ApiError, ErrorResponse

router = APIRouter(prefix="/api")

MAX_PAGE = int_default("max_page_size")
PAGE = int_default("page_size")
# Deep pages cost a scan of every earlier hit; nobody reads past this by paging.
MAX_OFFSET = int_default("max_offset")

_NOT_FOUND = {"model": ErrorResponse, "description": "Nothing in the store has that id or name."}
_STORE_ERRORS: dict[int | str, dict[str, Any]] = {
    422: {"model": ErrorResponse, "description": "A parameter is not valid."},
    401: {"model": ErrorResponse, "description": "An access token is required and was missing or wrong."},
    503: {"model": ErrorResponse, "description": "The server has no quotation store, or cannot read it."},
}


class SpeakerList(BaseModel):
    items: list[SpeakerSummary]


# A speaker's answer is its summary's fields plus its timeline and latest quotes (SpeakerRecord.to_dict).
SpeakerResponse: type[BaseModel] = create_model(  # type: ignore[call-overload]  # fields built from a dataclass
    "Speaker",
    **{f.name: (get_type_hints(SpeakerSummary)[f.name], ...) for f in fields(SpeakerSummary)},
    timeline=(list[PeriodCount], ...),
    recent=(list[Occurrence], ...),
)


def check_store(db: str) -> None:
    """Open the store read-only once, so a wrong ``--db`` fails at start, not on the first query."""
    open_store(db, read_only=True).close()


@contextmanager
def _store(request: Request) -> Iterator[Store]:
    db = request.app.state.db
    if db is None:
        raise ApiError(503, "no_store", "this server was started without a quotation store (onrecord serve --db PATH)")
    try:
        store = open_store(db, read_only=True)
    except StoreError as err:
        raise ApiError.of(err) from None
    try:
        yield store
    finally:
        store.close()


def _date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return parse_date(value, source=name)
    except InputError as err:
        raise ApiError.of(err) from None


def _id_or_name(value: str) -> int | str:
    return int(value) if value.isdigit() else value


@router.get(
    "/quotations",
    tags=["quotations"],
    summary="Search quotations by words, speaker, period and outlet",
    response_model=None,
    responses={200: {"model": SearchPage}, **_STORE_ERRORS},
)
def search_quotations(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description="Words that must all be in the quote.")] = None,
    speaker: Annotated[str | None, Query(max_length=200, description="A speaker's name (or part of it: 'Marsh' finds 'Elena Marsh').")] = None,
    speaker_id: Annotated[int | None, Query(ge=1, description="A speaker's store id.")] = None,
    since: Annotated[str | None, Query(description="Earliest publication date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Latest publication date, YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="The outlet, exactly (any case).")] = None,
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET)] = 0,
) -> JSONResponse:
    """Quotations matching every filter, best text match first, then newest; each shown by its earliest occurrence."""
    who: int | str | None = speaker_id
    if who is None and speaker and speaker.strip():
        who = speaker.strip()
    with _store(request) as store:
        page = store.search(
            q, speaker=who, since=_date(since, "since"), until=_date(until, "until"), outlet=outlet or None,
            limit=limit, offset=offset,
        )
    return JSONResponse(page.to_dict())


@router.get(
    "/quotations/{quotation_id}",
    tags=["quotations"],
    summary="One quotation: every place and time it appeared, earliest first",
    response_model=None,
    responses={200: {"model": QuotationRecord}, 404: _NOT_FOUND, **_STORE_ERRORS},
)
def get_quotation(request: Request, quotation_id: Annotated[int, Path(ge=1)]) -> JSONResponse:
    with _store(request) as store:
        record = store.quotation(quotation_id)
    if record is None:
        raise ApiError(404, "not_found", f"no quotation {quotation_id} in the store")
    return JSONResponse(record.to_dict())


@router.get(
    "/speakers",
    tags=["speakers"],
    summary="The most quoted speakers in a period",
    response_model=None,
    responses={200: {"model": SpeakerList}, **_STORE_ERRORS},
)
def list_speakers(
    request: Request,
    since: Annotated[str | None, Query(description="Earliest publication date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Latest publication date, YYYY-MM-DD.")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
) -> JSONResponse:
    with _store(request) as store:
        summaries = store.speakers(since=_date(since, "since"), until=_date(until, "until"), limit=limit)
    return JSONResponse({"items": [s.to_dict() for s in summaries]})


@router.get(
    "/speakers/{speaker}",
    tags=["speakers"],
    summary="One speaker: counts, quotes per month, latest quotes",
    response_model=None,
    responses={200: {"model": SpeakerResponse}, 404: _NOT_FOUND, **_STORE_ERRORS},
)
def get_speaker(
    request: Request,
    speaker: Annotated[str, Path(max_length=200, description="Store id, alias id, or name (exact, else the most quoted containing it).")],
    recent: Annotated[int, Query(ge=0, le=MAX_PAGE, description="How many latest quotes to include.")] = PAGE,
) -> JSONResponse:
    with _store(request) as store:
        record = store.speaker(_id_or_name(speaker), recent=recent)
    if record is None:
        raise ApiError(404, "not_found", f"no speaker {speaker!r} in the store")
    return JSONResponse(record.to_dict())


@router.get(
    "/articles/{article_id:path}",
    tags=["articles"],
    summary="One stored article with its attributions",
    response_model=None,
    responses={200: ARTICLE_RESPONSE, 404: _NOT_FOUND, **_STORE_ERRORS},
)
def get_article(
    request: Request,
    article_id: Annotated[str, Path(max_length=2000, description="Store id, or the id the article was ingested with.")],
) -> JSONResponse:
    with _store(request) as store:
        article = store.article(_id_or_name(article_id))
        if article is None and article_id.isdigit():
            article = store.article(article_id)  # a source id that happens to be a number
    if article is None:
        raise ApiError(404, "not_found", f"no article {article_id!r} in the store")
    return JSONResponse(article.to_dict())
