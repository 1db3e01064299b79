"""The store-backed API: search quotations, one quotation, speakers, one stored article.

Each request opens the store read-only and closes it when answered, so no
connection is shared between worker threads and no route can write.  Answers are
the store records' own ``to_dict()``; their OpenAPI schemas come from the same
dataclasses.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import fields
from typing import Annotated, Any, Literal, get_type_hints

from fastapi import APIRouter, Path, Query, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, create_model

from onrecord.ingest.metadata import unmatchable_filters
from onrecord.kinds import QuoteKind, SpeechAct
from onrecord.settings import int_default
from onrecord.stages.read import InputError, parse_date
from onrecord.store import (
    ArticleMetadata,
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


# A search's answer is its page's fields plus the notes on filters that cannot match.
SearchResponse: type[BaseModel] = create_model(  # type: ignore[call-overload]  # fields built from a dataclass
    "SearchAnswer",
    **{f.name: (get_type_hints(SearchPage)[f.name], ...) for f in fields(SearchPage)},
    notes=(list[str], ...),
)


def check_store(db: str) -> None:
    """Open the store read-only once, so a wrong ``--db`` fails at start, not on the first query."""
    open_store(db, read_only=True).close()


@contextmanager
def opened_store(request: Request) -> Iterator[Store]:
    """The server's store, opened read-only for this request; 503 when there is none or it cannot be read."""
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


def _found(request: Request, lookup: Callable[[Store], Any], missing: str) -> JSONResponse:
    """The record ``lookup`` finds in the store, as JSON; 404 ``missing`` when it finds nothing."""
    with opened_store(request) as store:
        record = lookup(store)
    if record is None:
        raise ApiError(404, "not_found", missing)
    return JSONResponse(record.to_dict())


def _date(value: str | None, name: str) -> str | None:
    if not value:
        return None
    try:
        return parse_date(value, source=name)
    except InputError as err:
        raise ApiError.of(err) from None


def _id_or_name(value: str) -> int | str:
    return int(value) if value.isascii() and value.isdigit() else value


@router.get(
    "/quotations",
    tags=["quotations"],
    summary="Search quotations by words, speaker, period, outlet, kind, act and confidence",
    response_model=None,
    responses={200: {"model": SearchResponse}, **_STORE_ERRORS},
)
def search_quotations(
    request: Request,
    q: Annotated[str | None, Query(max_length=500, description='Words that must all be in the quote; "a phrase" in double quotes must appear as written.')] = None,
    speaker: Annotated[str | None, Query(max_length=200, description="A speaker's name (or part of it: 'Marsh' finds 'Elena Marsh').")] = None,
    speaker_id: Annotated[int | None, Query(ge=1, description="A speaker's store id.")] = None,
    since: Annotated[str | None, Query(description="Earliest publication date, YYYY-MM-DD.")] = None,
    until: Annotated[str | None, Query(description="Latest publication date, YYYY-MM-DD.")] = None,
    outlet: Annotated[str | None, Query(max_length=200, description="The outlet, exactly (any case).")] = None,
    kind: Annotated[list[QuoteKind] | None, Query(description="Only quotes of this kind; repeat for several.")] = None,
    act: Annotated[list[SpeechAct] | None, Query(description="Only quotes of this act; repeat for several.")] = None,
    min_confidence: Annotated[float | None, Query(ge=0, le=1, description="Only quotes with at least this confidence.")] = None,
    order: Annotated[Literal["date", "relevance"], Query(description="'date': newest first (by each quotation's earliest matching occurrence; undated last); 'relevance': best text match first, newest first among equals.")] = "date",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE, description="Quotations per page.")] = PAGE,
    offset: Annotated[int, Query(ge=0, le=MAX_OFFSET, description="How many matching quotations to skip (paging).")] = 0,
) -> JSONResponse:
    """Quotations matching every filter, each shown by its earliest matching occurrence, newest first
    (or best match first with ``order=relevance``); ``highlights`` give the offsets of the searched
    words in the shown quote's text; ``notes`` say why a filter cannot match (the store records
    no outlet, or no date)."""
    who: int | str | None = speaker_id
    if who is None and speaker and speaker.strip():
        who = speaker.strip()
    with opened_store(request) as store:
        page = store.search(
            q, order=order, limit=limit, offset=offset, speaker=who, since=_date(since, "since"), until=_date(until, "until"),
            outlet=outlet or None, kind=tuple(kind or ()), act=tuple(act or ()), min_confidence=min_confidence,
        )
        notes = unmatchable_filters(store, outlet=outlet, since=since, until=until) if page.total == 0 else []
    return JSONResponse({**page.to_dict(), "notes": notes})


@router.get(
    "/quotations/{quotation_id}",
    tags=["quotations"],
    summary="One quotation: every place and time it appeared, earliest first",
    response_model=None,
    responses={200: {"model": QuotationRecord}, 404: _NOT_FOUND, **_STORE_ERRORS},
)
def get_quotation(request: Request, quotation_id: Annotated[int, Path(ge=1, description="The quotation's store id (search's quotation_id).")]) -> JSONResponse:
    return _found(request, lambda store: store.quotation(quotation_id), f"no quotation {quotation_id} in the store")


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
    limit: Annotated[int, Query(ge=1, le=500, description="How many speakers.")] = 50,
) -> JSONResponse:
    with opened_store(request) as store:
        summaries = store.speakers(since=_date(since, "since"), until=_date(until, "until"), limit=limit)
    return JSONResponse({"items": [s.to_dict() for s in summaries]})


@router.get(
    "/speakers/{speaker:path}",
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
    return _found(request, lambda store: store.speaker(_id_or_name(speaker), recent=recent), f"no speaker {speaker!r} in the store")


# One id, one meaning: /articles/{id} takes the store id (a number), /sources/{id} the id an
# article was ingested with (any text, digits included), so "123" can never mean both.
@router.get(
    "/articles/{article_id}",
    tags=["articles"],
    summary="One stored article with its attributions, by store id",
    response_model=None,
    responses={200: ARTICLE_RESPONSE, 404: _NOT_FOUND, **_STORE_ERRORS},
)
def get_article(request: Request, article_id: Annotated[int, Path(ge=1, description="The article's store id.")]) -> JSONResponse:
    return _found(request, lambda store: store.article(article_id), f"no article {article_id} in the store (an id it was ingested with: /api/sources/ID)")


@router.get(
    "/articles/{article_id}/metadata",
    tags=["articles"],
    summary="A stored article's source id, date, outlet, title and url",
    response_model=None,
    responses={200: {"model": ArticleMetadata}, 404: _NOT_FOUND, **_STORE_ERRORS},
)
def get_article_metadata(request: Request, article_id: Annotated[int, Path(ge=1, description="The article's store id.")]) -> JSONResponse:
    return _found(request, lambda store: store.article_metadata(article_id), f"no article {article_id} in the store")


@router.get(
    "/sources/{source_id:path}",
    tags=["articles"],
    summary="A stored article found by the id it was ingested with: its store id and metadata",
    response_model=None,
    responses={200: {"model": ArticleMetadata}, 404: _NOT_FOUND, **_STORE_ERRORS},
)
def get_source(request: Request, source_id: Annotated[str, Path(max_length=2000, description="The id the article was ingested with (file path, JSON id, URL).")]) -> JSONResponse:
    return _found(request, lambda store: store.article_metadata(source_id), f"no article ingested as {source_id!r} in the store")
