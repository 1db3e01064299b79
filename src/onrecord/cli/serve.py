"""``onrecord serve``: the web pages and HTTP API over a quotation store."""

from __future__ import annotations

import ipaddress
from typing import Annotated

import typer

from onrecord.cli import app, fail
from onrecord.settings import float_default, int_default, setting, str_default


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


@app.command()
def serve(
    db: Annotated[str | None, typer.Option(help="The quotation store to search (SQLite file or postgresql:// URL); opened read-only. Without it only extraction works.")] = None,
    host: Annotated[str, typer.Option(help=setting("host").help)] = str_default("host"),
    port: Annotated[int, typer.Option(min=1, max=65535, help=setting("port").help)] = int_default("port"),
    token: Annotated[
        str | None, typer.Option(envvar="ONRECORD_TOKEN", help="Access token every request must carry (or set ONRECORD_TOKEN). Use one beyond localhost.")
    ] = None,
    max_bytes: Annotated[int, typer.Option(min=setting("max_body_bytes").minimum, help=setting("max_body_bytes").help)] = int_default("max_body_bytes"),
    timeout: Annotated[float, typer.Option(min=setting("article_timeout_s").minimum, help=setting("article_timeout_s").help)] = float_default("article_timeout_s"),
    per_client: Annotated[int, typer.Option(min=1, help=setting("extraction_queue_per_client").help)] = int_default("extraction_queue_per_client"),
    queue: Annotated[int, typer.Option(min=1, help=setting("extraction_queue").help)] = int_default("extraction_queue"),
    read_timeout: Annotated[float, typer.Option(min=setting("read_timeout_s").minimum, help=setting("read_timeout_s").help)] = float_default("read_timeout_s"),
    max_connections: Annotated[int, typer.Option(min=setting("max_connections").minimum, help=setting("max_connections").help)] = int_default("max_connections"),
    max_per_client: Annotated[int, typer.Option("--max-connections-per-client", min=1, help=setting("max_connections_per_client").help)] = int_default("max_connections_per_client"),
) -> None:
    """Serve the pages (paste an article, search, speakers, quotations) and the HTTP API (/api)."""
    from onrecord.web import create_app
    from onrecord.web.guards import token_problem
    from onrecord.web.server import run

    if token and (problem := token_problem(token)) is not None:
        fail(problem)
    if not _is_loopback(host) and not token:
        typer.echo(f"warning: serving on {host} without --token: anyone who can reach this address can use it", err=True)
    web_app = create_app(db=db, token=token, max_bytes=max_bytes, timeout_s=timeout, per_client=per_client, queue=queue)
    shown = f"[{host}]" if ":" in host else host
    typer.echo(f"onrecord: serving on http://{shown}:{port}/ (API document at /api/openapi.json)", err=True)
    run(web_app, host=host, port=port, read_timeout_s=read_timeout, max_connections=max_connections, max_per_client=max_per_client)
