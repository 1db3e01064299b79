"""Secrets and addresses: what never leaves the server, what never becomes a link or a redirect."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from onrecord.cli import app as cli
from onrecord.errors import StoreError
from onrecord.store import open_store
from onrecord.web import create_app


@pytest.mark.parametrize("token", ["jeton-sécret", "two words", "tab\there", "caf\u00e9\u200b"])
def test_serve_refuses_a_token_no_bearer_header_could_carry(token: str) -> None:
    result = CliRunner().invoke(cli, ["serve"], env={"ONRECORD_TOKEN": token})
    assert result.exit_code == 2
    assert "printable ASCII" in result.output


def test_create_app_refuses_a_non_ascii_token() -> None:
    with pytest.raises(ValueError, match="printable ASCII"):
        create_app(db=None, token="jeton-sécret")


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://bob:hunter2@127.0.0.1:1/quotes",
        "postgresql://bob@127.0.0.1:1/quotes?password=hunter2",
        "postgresql://bob@127.0.0.1:1/quotes?sslmode=disable&PASSWORD=hunter2",
        "postgresql://bob:hunter%32@127.0.0.1:1/quotes",
        "postgresql://bob:hunter2@[::1/quotes",  # libpq echoes a URL it cannot parse
    ],
)
def test_a_postgresql_password_never_appears_in_an_error(url: str) -> None:
    pytest.importorskip("psycopg")
    with pytest.raises(StoreError) as caught:
        open_store(url, read_only=True)
    message = str(caught.value)
    assert "hunter2" not in message and "hunter%32" not in message
    assert "127.0.0.1" in message or "::1" in message  # still says which server
