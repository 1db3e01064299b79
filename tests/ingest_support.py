"""Helpers of the ingest and isolation tests: WARC files written here, a stage made to fail."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import onrecord.stages.situate as situate_stage


def write_warc(path: Path, pages: list[tuple[str | None, bytes]], *, warc_date: str | None = None) -> None:
    """A gzipped WARC of ``200 text/html`` responses, (target URI or None, body) each."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=True)
        for url, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
            extra = {"WARC-Date": warc_date} if warc_date else None
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                                          warc_headers_dict=extra))


def fail_situate_on(monkeypatch, word: str, effect: Callable[[], None]) -> None:
    """Make the situate stage run ``effect`` (raise, sleep) for every article containing ``word``."""
    real = situate_stage.ClauseIndex

    def failing(context, quotes, anchor):
        if word in context.text:
            effect()
        return real(context, quotes, anchor)

    monkeypatch.setattr(situate_stage, "ClauseIndex", failing)
