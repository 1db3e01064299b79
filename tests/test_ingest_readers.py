"""Readers: every input format streamed as ArticleSource records, bad records as Bad (no extraction here)."""

from __future__ import annotations

import gzip
import io
import json

import pytest

from onrecord.ingest import Bad, JsonFields, Meter, input_size, read_inputs
from onrecord.stages.read import ArticleSource, InputError

SAID = 'Mayor Jane Hollis said on Monday: "We will rebuild the bridge before the winter comes." Critics disagreed.'
PAGE = f"""<html><head><title>City to rebuild bridge | Valley Gazette</title>
<meta property="og:site_name" content="Valley Gazette"><meta name="date" content="2021-03-04"></head>
<body><nav>Home · News · Sport</nav><article><h1>City to rebuild bridge</h1>
<p>{SAID} They said the plan was rushed and too costly for a small town.</p>
<p>"Nobody will be left behind," she added at a press conference in the town hall.</p></article>
<footer>© Valley Gazette</footer></body></html>"""


def records(*paths, **options):
    return list(read_inputs([str(p) for p in paths], **options))


def test_text_file_is_one_article_with_its_date_prefix(tmp_path):
    (tmp_path / "a.txt").write_text(f"date 2021-05-01\n{SAID}\n")
    [source] = records(tmp_path / "a.txt")
    assert (source.date, source.text.strip()) == ("2021-05-01", SAID)


def test_folder_is_walked_in_name_order_skipping_hidden_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Second.")
    (tmp_path / "1.txt").write_text("First.")
    (tmp_path / ".hidden.txt").write_text("Hidden.")
    assert [s.text for s in records(tmp_path)] == ["First.", "Second."]


def test_date_record_lines_are_one_article_each(tmp_path):
    (tmp_path / "feed.txt").write_text(f"date 2021-05-01 {SAID}\n\ndate 2021-05-02 Another day, another story.\n")
    sources = records(tmp_path / "feed.txt")
    assert [(s.id.rsplit(":", 1)[1], s.date) for s in sources] == [("1", "2021-05-01"), ("3", "2021-05-02")]
    assert sources[0].text == SAID


def test_jsonl_fields_are_configurable_and_nested(tmp_path):
    line = {"doc": "n1", "body": SAID, "meta": {"published": "2021-05-01T09:30:00Z", "site": "Gazette"}, "link": "https://g.example/a"}
    (tmp_path / "feed.jsonl").write_text(json.dumps(line) + "\n")
    fields = JsonFields.parse(["id=doc", "text=body", "date=meta.published", "outlet=meta.site", "url=link"])
    [source] = records(tmp_path / "feed.jsonl", json_fields=fields)
    assert source == ArticleSource("n1", SAID, "2021-05-01", "https://g.example/a", None, "Gazette")


def test_unknown_field_mapping_is_a_clear_error():
    with pytest.raises(InputError, match="PART=FIELD"):
        JsonFields.parse(["body"])


def test_bad_jsonl_lines_are_skipped_with_their_reason(tmp_path):
    (tmp_path / "feed.jsonl").write_bytes(
        b'{"text": "Fine."}\n{broken\n[1, 2]\n{"text": ""}\n{"title": "no text"}\n{"text": "\xff"}\n{"text": "Also fine."}\n'
    )
    got = records(tmp_path / "feed.jsonl")
    assert [r.text for r in got if isinstance(r, ArticleSource)] == ["Fine.", "Also fine."]
    assert [(r.where.rsplit(":", 1)[1], r.kind) for r in got if isinstance(r, Bad)] == [
        ("2", "invalid JSON"), ("3", "invalid JSON"), ("4", "empty text"), ("5", "no text"), ("6", "undecodable bytes"),
    ]


def test_gzipped_jsonl_is_read_as_a_stream(tmp_path):
    with gzip.open(tmp_path / "feed.jsonl.gz", "wt") as out:
        out.write('{"text": "One."}\n{"text": "Two."}\n')
    assert [s.text for s in records(tmp_path / "feed.jsonl.gz")] == ["One.", "Two."]


def test_undecodable_file_is_skipped_with_the_offset(tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"Caf\xe9 owner says no.")
    [bad] = records(tmp_path / "bad.txt")
    assert bad.kind == "undecodable bytes" and "offset 3" in bad.detail


def test_missing_path_is_reported_not_raised(tmp_path):
    [bad] = records(tmp_path / "absent")
    assert bad.kind == "unreadable"


def test_html_page_gives_main_text_and_metadata(tmp_path):
    (tmp_path / "bridge.html").write_text(PAGE)
    [source] = records(tmp_path / "bridge.html")
    assert SAID in source.text and "Home · News" not in source.text
    assert (source.date, source.outlet) == ("2021-03-04", "Valley Gazette")


def test_html_without_article_text_is_skipped(tmp_path):
    (tmp_path / "empty.html").write_text("<html><body><div></div></body></html>")
    [bad] = records(tmp_path / "empty.html")
    assert bad.kind == "broken HTML"


def _warc(path, pages):
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=str(path).endswith(".gz"))
        for url, content_type, body in pages:
            headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers))


def test_warc_gz_html_responses_become_articles(tmp_path):
    _warc(
        tmp_path / "crawl.warc.gz",
        [
            ("https://gazette.example/bridge", "text/html; charset=utf-8", PAGE.encode()),
            ("https://gazette.example/logo.png", "image/png", b"\x89PNG...."),
        ],
    )
    [source] = records(tmp_path / "crawl.warc.gz")
    assert source.url == "https://gazette.example/bridge" and SAID in source.text


def test_broken_warc_is_skipped(tmp_path):
    (tmp_path / "crawl.warc").write_bytes(b"this is not a WARC file at all\n" * 5)
    [bad] = records(tmp_path / "crawl.warc")
    assert bad.kind == "broken WARC record"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (f"date 2021-05-01 {SAID}\ndate 2021-05-02 Another.\n".encode(), 2),
        (b'{"text": "One."}\n{"text": "Two."}\n', 2),
        (SAID.encode(), 1),
    ],
    ids=["date-lines", "jsonl", "text"],
)
def test_stdin_format_is_recognised_from_content(data, expected):
    assert len(records("-", stdin=io.BufferedReader(io.BytesIO(data)))) == expected


def test_meter_reaches_the_input_size(tmp_path):
    (tmp_path / "feed.txt").write_text("date 2021-05-01 One.\ndate 2021-05-02 Two.\n")
    (tmp_path / "a.txt").write_text(SAID)
    meter = Meter(input_size([str(tmp_path)]))
    records(tmp_path, meter=meter)
    assert meter.done == meter.total == len(SAID) + 42


def test_overlong_line_is_skipped_and_reading_goes_on(tmp_path, monkeypatch):
    from onrecord.ingest import readers

    monkeypatch.setattr(readers, "MAX_ARTICLE_BYTES", 40)
    (tmp_path / "feed.jsonl").write_text('{"text": "' + "word " * 30 + '"}\n{"text": "Short one."}\n')
    got = records(tmp_path / "feed.jsonl")
    assert [(type(r).__name__, getattr(r, "kind", None)) for r in got] == [("Bad", "too large"), ("ArticleSource", None)]
