"""docs/web.md lists the API's parameters exactly as the server declares them."""

from __future__ import annotations

from pathlib import Path

from onrecord.web import create_app
from onrecord.web.reference import docs_section

DOCS = Path(__file__).resolve().parents[1] / "docs" / "web.md"


def test_the_docs_parameter_table_is_the_servers() -> None:
    expected = docs_section(create_app(db=None, token=None).openapi())
    assert expected in DOCS.read_text(encoding="utf-8"), (
        "regenerate the table in docs/web.md: onrecord.web.reference.docs_section(create_app(db=None, token=None).openapi())"
    )
