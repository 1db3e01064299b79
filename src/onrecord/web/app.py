"""The web app: HTTP API under ``/api``, pages for people, static files, guards.

``create_app`` builds it from plain settings, so the CLI, tests and any ASGI
server make the same app.  Pages are static HTML + JS shipped in the package
(``web/static``); they call the API from the browser.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.openapi.utils import get_openapi
from fastapi.staticfiles import StaticFiles

from onrecord import __version__
from onrecord.settings import float_default, int_default
from onrecord.web import api, pages, queries, stats
from onrecord.web.contract import article_components
from onrecord.web.errors import ServerErrors, declared_parameters_only, install_error_handlers
from onrecord.web.extraction import Extractor
from onrecord.web.guards import BodySizeLimit, SecurityHeaders, TokenGuard, token_problem

DEFAULT_MAX_BYTES = int_default("max_body_bytes")
DEFAULT_TIMEOUT_S = float_default("article_timeout_s")
DEFAULT_PER_CLIENT = int_default("extraction_queue_per_client")
DEFAULT_QUEUE = int_default("extraction_queue")


def create_app(
    *,
    db: str | None,
    token: str | None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    timeout_s: float = DEFAULT_TIMEOUT_S,
    per_client: int = DEFAULT_PER_CLIENT,
    queue: int = DEFAULT_QUEUE,
) -> FastAPI:
    """The onrecord web app over the quotation store at ``db`` (``None``: extraction only).

    ``token``: when set, every route needs it.  ``max_bytes`` caps request bodies;
    ``timeout_s`` bounds one extraction; ``per_client`` and ``queue`` bound the
    extractions one client, and all clients, may have waiting or running.
    """
    if max_bytes <= 0 or timeout_s <= 0 or per_client <= 0 or queue <= 0:
        raise ValueError("max_bytes, timeout_s, per_client and queue must be positive")
    if token and (problem := token_problem(token)) is not None:
        raise ValueError(problem)
    if db is not None:
        queries.check_store(db)
    extractor = Extractor(timeout_s=timeout_s, per_client=per_client, max_waiting=queue)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        extractor.warm_up()
        yield
        extractor.close()

    app = FastAPI(
        title="onrecord",
        version=__version__,
        summary="Who said what in the news: extraction on request, and a searchable quotation store.",
        docs_url=None,  # Swagger UI would load its scripts from a CDN; the document itself is served.
        redoc_url=None,
        openapi_url="/api/openapi.json",
        lifespan=lifespan,
        # Every API route refuses a query parameter it does not declare, whoever wrote the route.
        dependencies=[Depends(declared_parameters_only)],
    )
    app.state.extractor = extractor
    app.state.db = db
    app.state.max_bytes = max_bytes
    install_error_handlers(app)
    app.include_router(api.router)
    app.include_router(queries.router)
    app.include_router(pages.router)
    app.include_router(stats.router)
    app.mount("/static", StaticFiles(directory=str(resources.files("onrecord.web") / "static")), name="static")
    app.openapi = lambda: _openapi(app, guarded=bool(token))  # type: ignore[method-assign]
    # Outermost first: headers on every answer, then the token, then the size cap, then
    # the JSON 500 of a route's unexpected error.
    app.add_middleware(ServerErrors)
    app.add_middleware(BodySizeLimit, max_bytes=max_bytes)
    if token:
        app.add_middleware(TokenGuard, token=token)
    app.add_middleware(SecurityHeaders)
    return app


def _openapi(app: FastAPI, *, guarded: bool) -> dict[str, Any]:
    if app.openapi_schema is None:
        document = get_openapi(title=app.title, version=app.version, summary=app.summary, routes=app.routes)
        document.setdefault("components", {}).setdefault("schemas", {}).update(article_components())
        if guarded:
            document["components"]["securitySchemes"] = {"bearer": {"type": "http", "scheme": "bearer"}}
            document["security"] = [{"bearer": []}]
        app.openapi_schema = document
    return app.openapi_schema
