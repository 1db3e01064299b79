"""The ``onrecord`` command line: one Typer app, one module of commands per product area."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="onrecord",
    help="Reads news and records who said what.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

from onrecord.cli import evaluate, explain, extract, serve, store  # noqa: E402,F401  (each registers its commands on ``app``)
