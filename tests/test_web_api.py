"""The HTTP API of ``onrecord serve``, tested against a real server process on 127.0.0.1.

The store is built once per module from four short articles written for these tests;
the servers are started through the real CLI (``onrecord serve``) and stopped after.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from onrecord.cli import app as cli
from onrecord.pipeline import extract, extract_sources
from onrecord.settings import int_default
from onrecord.stages.read import ArticleSource, split_date_prefix
from onrecord.store import open_store

SAMPLE = Path(__file__).resolve().parents[1] / "examples" / "sample.txt"
TOKEN = "s3cret-test-token"

# Four articles over three months and two outlets: one promise repeated in February,
# one line repeated in March, a second and a third speaker, and one reported (indirect) quote.
ARTICLES = (
    ArticleSource(
        id="gazette-2026-01-12",
        text=(
            '"We will not raise fares this winter," Elena Marsh said on Monday.\n\n'
            'Council member Dana Whitfield disagreed. "The budget does not add up," Dana Whitfield told reporters.'
        ),
        date="2026-01-12",
        url="https://gazette.example/ferry-fares",
        title="Council delays vote on ferry fares",
        outlet="Harbor Gazette",
    ),
    ArticleSource(
        id="coastline-2026-02-03",
        text=(
            "The mayor stood at a podium outside City Hall.\n\n"
            '"We will not raise fares this winter," Elena Marsh said. "The ferry is a lifeline for this city."'
        ),
        date="2026-02-03",
        title="Mayor repeats fare promise",
        outlet="Coastline Daily",
    ),
    ArticleSource(
        id="gazette-2026-03-20",
        text=(
            '"Riders are paying more to wait longer," said Tomas Reyes, who leads the Harbor Riders Union. '
            "Reyes said the union would vote next week on a one-day boycott of the ferry.\n\n"
            '"Give us one season, and judge us by the results," Elena Marsh said.'
        ),
        date="2026-03-20",
        title="Riders protest fare rise",
        outlet="Harbor Gazette",
    ),
    ArticleSource(
        id="coastline-2026-03-25",
        text='"The ferry is a lifeline for this city," Elena Marsh said in an interview.',
        date="2026-03-25",
        title="Marsh on the ferry",
        outlet="Coastline Daily",
    ),
)


def build_store(path: Path, articles: tuple[ArticleSource, ...] = ARTICLES) -> Path:
    """A SQLite store holding ``articles``, extracted by the real pipeline."""
    store = open_store(str(path))
    try:
        for article, source in zip(extract_sources(articles), articles):
            store.add_article(article, source)
    finally:
        store.close()
    return path


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass(frozen=True)
class Server:
    base: str
    process: subprocess.Popen[bytes]


@contextmanager
def running_server(*args: str, token: str | None = None, ready_timeout: float = 90.0) -> Iterator[Server]:
    """``onrecord serve ARGS`` on a free loopback port, up until the block ends."""
    port = _free_port()
    env = {**os.environ, "ONRECORD_TOKEN": token} if token else {k: v for k, v in os.environ.items() if k != "ONRECORD_TOKEN"}
    command = [sys.executable, "-c", "from onrecord.cli import app; app()", "serve", "--port", str(port), *args]
    process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    headers = {"authorization": f"Bearer {token}"} if token else {}
    try:
        deadline = time.monotonic() + ready_timeout
        while True:
            if process.poll() is not None:
                raise RuntimeError(f"onrecord serve exited: {process.stderr.read().decode(errors='replace')}")
            try:
                if httpx.get(f"{base}/api/health", headers=headers, timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("onrecord serve did not answer in time")
            time.sleep(0.1)
        yield Server(base, process)
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stderr.close()


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_store(tmp_path_factory.mktemp("web-api") / "quotes.db")


@pytest.fixture(scope="module")
def server(store_path: Path) -> Iterator[Server]:
    with running_server("--db", str(store_path), "--max-bytes", "20000") as running:
        yield running


@pytest.fixture(scope="module")
def client(server: Server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.base, timeout=60) as http:
        yield http


def _error(response: httpx.Response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    assert body["error"]["status"] == status
    assert body["error"]["code"] == code
    assert body["error"]["message"]
    return body["error"]


# -- server ----------------------------------------------------------------------------


def test_health_reports_store_and_limits(client: httpx.Client) -> None:
    health = client.get("/api/health").json()
    assert health["status"] == "ok"
    assert health["store"] is True
    assert health["max_bytes"] == 20000
    assert (health["per_client"], health["queue"]) == (int_default("extraction_queue_per_client"), int_default("extraction_queue"))


def test_openapi_document_describes_every_route_and_the_article_contract(client: httpx.Client) -> None:
    document = client.get("/api/openapi.json").json()
    assert document["openapi"].startswith("3.")
    for path in ("/api/extract", "/api/quotations", "/api/quotations/{quotation_id}", "/api/speakers/{speaker}", "/api/articles/{article_id}"):
        assert path in document["paths"]
    ok = document["paths"]["/api/extract"]["post"]["responses"]["200"]["content"]["application/json"]["schema"]
    assert ok == {"$ref": "#/components/schemas/Article"}
    assert "ArticleQuote" in document["components"]["schemas"]
    refs = {m for m in json.dumps(document).split('"') if m.startswith("#/")}
    assert refs <= {"#/components/schemas/" + name for name in document["components"]["schemas"]}


def test_unknown_route_answers_the_json_error_shape(client: httpx.Client) -> None:
    _error(client.get("/api/nothing-here"), 404, "not_found")


def test_wrong_method_answers_the_json_error_shape(client: httpx.Client) -> None:
    _error(client.get("/api/extract"), 405, "method_not_allowed")


def test_responses_carry_security_headers(client: httpx.Client) -> None:
    headers = client.get("/").headers
    assert "script-src 'self'" in headers["content-security-policy"]
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"


def test_pages_and_their_scripts_are_served(client: httpx.Client) -> None:
    for page in ("/", "/search", "/speakers/Elena%20Marsh", "/quotations/1", "/articles/1"):
        response = client.get(page)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html"), page
    script = client.get("/static/article-view.js")
    assert script.status_code == 200 and "javascript" in script.headers["content-type"]


# -- extraction ------------------------------------------------------------------------


def test_extract_answers_what_the_pipeline_extracts(client: httpx.Client) -> None:
    date, body = split_date_prefix(SAMPLE.read_text("utf-8"), source="sample")
    response = client.post("/api/extract", json={"text": SAMPLE.read_text("utf-8"), "id": "sample"})
    assert response.status_code == 200, response.text
    assert response.json() == extract(body, date, id="sample").to_dict()


def test_extract_finds_who_said_what_in_the_sample(client: httpx.Client) -> None:
    article = client.post("/api/extract", json={"text": SAMPLE.read_text("utf-8")}).json()
    said = {q["text"]: q["speaker"]["text"] for q in article["quotes"] if q["speaker"]}
    assert said["Riders are paying more to wait longer,"] == "Tomas Reyes"


def test_extract_takes_the_date_from_a_first_date_line(client: httpx.Client) -> None:
    article = client.post("/api/extract", json={"text": 'date 2026-03-14\n"We will rebuild," Elena Marsh said.'}).json()
    assert article["date"] == "2026-03-14"
    assert article["text"] == '"We will rebuild," Elena Marsh said.'


def test_extract_of_empty_text_is_refused(client: httpx.Client) -> None:
    _error(client.post("/api/extract", json={"text": " \n "}), 422, "empty_article")


def test_extract_with_a_bad_date_names_the_date(client: httpx.Client) -> None:
    error = _error(client.post("/api/extract", json={"text": "Text.", "date": "2026-02-30"}), 422, "invalid_input")
    assert "2026-02-30" in error["message"]


def test_extract_of_malformed_json_lists_the_problems(client: httpx.Client) -> None:
    response = client.post("/api/extract", content=b'{"text": ', headers={"content-type": "application/json"})
    error = _error(response, 422, "invalid_request")
    assert error["details"]


def test_extract_without_text_names_the_missing_field(client: httpx.Client) -> None:
    error = _error(client.post("/api/extract", json={"date": "2026-03-14"}), 422, "invalid_request")
    assert error["details"][0]["where"] == "body.text"


def test_declared_body_over_the_cap_is_refused_before_it_is_sent(server: Server) -> None:
    port = int(server.base.rsplit(":", 1)[1])
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw:
        raw.sendall(
            b"POST /api/extract HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            b"Content-Length: 1000000000\r\n\r\n"
        )
        reply = raw.makefile("rb")
        status = reply.readline()
        headers = dict(line.decode().lower().split(":", 1) for line in iter(reply.readline, b"\r\n"))
        body = json.loads(reply.read(int(headers["content-length"])))
    assert status.startswith(b"HTTP/1.1 413")
    assert body["error"]["code"] == "body_too_large"


def test_streamed_body_over_the_cap_is_refused(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(50):
            yield b"x" * 1000

    _error(client.post("/api/extract", content=chunks(), headers={"content-type": "application/json"}), 413, "body_too_large")


# -- store queries ---------------------------------------------------------------------


def test_search_finds_quotations_by_their_words(client: httpx.Client) -> None:
    page = client.get("/api/quotations", params={"q": "lifeline"}).json()
    assert page["total"] == 1
    hit = page["items"][0]
    assert hit["occurrences"] == 2
    assert hit["occurrence"]["text"].startswith("The ferry is a lifeline")
    assert hit["occurrence"]["date"] == "2026-02-03"  # shown by its earliest occurrence


def test_search_filters_by_speaker_and_period(client: httpx.Client) -> None:
    page = client.get("/api/quotations", params={"speaker": "Marsh", "since": "2026-03-01", "until": "2026-03-31"}).json()
    texts = {hit["occurrence"]["text"] for hit in page["items"]}
    assert texts == {"Give us one season, and judge us by the results,", "The ferry is a lifeline for this city,"}
    assert all(hit["occurrence"]["speaker"] == "Elena Marsh" for hit in page["items"])


def test_search_gives_no_note_when_its_filters_could_match(client: httpx.Client) -> None:
    assert client.get("/api/quotations", params={"outlet": "Nowhere Times"}).json()["notes"] == []


def test_search_filters_by_outlet(client: httpx.Client) -> None:
    page = client.get("/api/quotations", params={"outlet": "harbor gazette"}).json()
    assert {hit["occurrence"]["outlet"] for hit in page["items"]} == {"Harbor Gazette"}
    assert page["total"] == 5


def test_search_pages_through_all_matches(client: httpx.Client) -> None:
    first = client.get("/api/quotations", params={"limit": 2}).json()
    rest = client.get("/api/quotations", params={"limit": 2, "offset": 2}).json()
    assert first["total"] == rest["total"] > 2
    seen = [h["quotation_id"] for h in first["items"] + rest["items"]]
    assert len(seen) == len(set(seen)) == min(4, first["total"])


def test_search_with_a_bad_date_is_refused(client: httpx.Client) -> None:
    _error(client.get("/api/quotations", params={"since": "March"}), 422, "invalid_input")


def test_search_with_a_page_too_large_is_refused(client: httpx.Client) -> None:
    _error(client.get("/api/quotations", params={"limit": 1000}), 422, "invalid_request")


def test_search_text_is_data_never_sql(client: httpx.Client, store_path: Path) -> None:
    before = client.get("/api/stats").json()
    for hostile in ("'; DROP TABLE quotes; --", '" OR 1=1 --', "NEAR(fares winter)", "*"):
        assert client.get("/api/quotations", params={"q": hostile, "speaker": hostile, "outlet": hostile}).status_code == 200
    assert client.get("/api/stats").json() == before


def test_queries_leave_the_store_file_untouched(client: httpx.Client, store_path: Path) -> None:
    before = hashlib.sha256(store_path.read_bytes()).hexdigest()
    client.get("/api/quotations", params={"q": "fares"})
    client.get("/api/speakers/Elena Marsh")
    assert hashlib.sha256(store_path.read_bytes()).hexdigest() == before


def test_quotation_lists_where_it_appeared_earliest_first(client: httpx.Client) -> None:
    hit = client.get("/api/quotations", params={"q": "raise fares winter"}).json()["items"][0]
    quotation = client.get(f"/api/quotations/{hit['quotation_id']}").json()
    assert [(o["date"], o["outlet"]) for o in quotation["occurrences"]] == [
        ("2026-01-12", "Harbor Gazette"),
        ("2026-02-03", "Coastline Daily"),
    ]
    assert quotation["earliest"]["url"] == "https://gazette.example/ferry-fares"


def test_unknown_quotation_is_not_found(client: httpx.Client) -> None:
    _error(client.get("/api/quotations/99999"), 404, "not_found")


def test_speaker_has_quotes_per_month(client: httpx.Client) -> None:
    speaker = client.get("/api/speakers/Elena Marsh").json()
    assert speaker["name"] == "Elena Marsh"
    assert speaker["timeline"] == [
        {"period": "2026-01", "quotes": 1},
        {"period": "2026-02", "quotes": 2},
        {"period": "2026-03", "quotes": 2},
    ]
    assert [o["date"] for o in speaker["recent"]] == sorted((o["date"] for o in speaker["recent"]), reverse=True)


def test_speaker_is_found_by_store_id_too(client: httpx.Client) -> None:
    by_name = client.get("/api/speakers/Tomas Reyes").json()
    assert client.get(f"/api/speakers/{by_name['id']}").json()["name"] == "Tomas Reyes"


def test_speakers_are_listed_most_quoted_first(client: httpx.Client) -> None:
    names = [s["name"] for s in client.get("/api/speakers").json()["items"]]
    assert names[0] == "Elena Marsh"
    assert "Tomas Reyes" in names


def test_unknown_speaker_is_not_found(client: httpx.Client) -> None:
    _error(client.get("/api/speakers/Nobody Anyone"), 404, "not_found")


def _store_id_of(client: httpx.Client, source_id: str) -> int:
    return client.get(f"/api/sources/{source_id}").json()["article_id"]


def test_article_comes_with_its_attributions(client: httpx.Client) -> None:
    article = client.get(f"/api/articles/{_store_id_of(client, 'gazette-2026-03-20')}").json()
    assert article["date"] == "2026-03-20"
    speakers = {q["text"]: q["speaker"]["text"] for q in article["quotes"]}
    assert speakers["Riders are paying more to wait longer,"] == "Tomas Reyes"
    assert [q["kind"] for q in article["quotes"]] == ["direct", "indirect", "direct"]
    for quote in article["quotes"]:
        assert article["text"][quote["start"] : quote["end"]] == quote["text"]


def test_unknown_article_is_not_found(client: httpx.Client) -> None:
    _error(client.get("/api/articles/99999"), 404, "not_found")
    _error(client.get("/api/sources/no-such-article"), 404, "not_found")


def test_an_article_id_is_a_store_id_and_a_source_id_has_its_own_route(client: httpx.Client) -> None:
    metadata = client.get("/api/sources/gazette-2026-01-12").json()
    assert metadata["source_id"] == "gazette-2026-01-12"
    assert client.get(f"/api/articles/{metadata['article_id']}").json()["id"] == "gazette-2026-01-12"
    error = _error(client.get("/api/articles/gazette-2026-01-12"), 422, "invalid_request")
    assert error["details"][0]["where"] == "path.article_id"


def test_article_metadata_has_title_outlet_and_url(client: httpx.Client) -> None:
    metadata = client.get(f"/api/articles/{_store_id_of(client, 'gazette-2026-01-12')}/metadata").json()
    assert (metadata["title"], metadata["outlet"], metadata["url"]) == (
        "Council delays vote on ferry fares", "Harbor Gazette", "https://gazette.example/ferry-fares",
    )


def test_the_speakers_address_leads_to_the_speakers_index(client: httpx.Client) -> None:
    for address in ("/speakers", "/speakers/"):
        response = client.get(address)
        assert response.status_code == 308 and response.headers["location"] == "/stats/speakers"
    assert client.get("/speakers?type=person").headers["location"] == "/stats/speakers?type=person"


def test_source_page_redirects_to_the_article_page(client: httpx.Client) -> None:
    response = client.get("/sources/gazette-2026-01-12")
    assert response.status_code == 303
    assert response.headers["location"] == f"/articles/{_store_id_of(client, 'gazette-2026-01-12')}"


@pytest.mark.parametrize("path", ["/api/quotations/9223372036854775808", "/api/articles/9223372036854775808", "/api/speakers/99999999999999999999"])
def test_ids_past_the_largest_store_id_are_not_found(client: httpx.Client, path: str) -> None:
    _error(client.get(path), 404, "not_found")


def test_a_speaker_id_past_the_largest_store_id_matches_nothing(client: httpx.Client) -> None:
    assert client.get("/api/quotations", params={"speaker_id": 2**64}).json()["total"] == 0


def test_a_speaker_name_with_a_slash_reaches_the_speaker_route(client: httpx.Client) -> None:
    error = _error(client.get("/api/speakers/AC%2FDC"), 404, "not_found")
    assert "AC/DC" in error["message"]


@pytest.mark.parametrize("page", ["/quotations/99999", "/quotations/0", "/speakers/Nobody%20Anyone", "/articles/99999", "/articles/0", "/articles/9223372036854775808", "/sources/nothing"])
def test_a_page_for_something_missing_answers_404(client: httpx.Client, page: str) -> None:
    response = client.get(page)
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")


def test_an_unknown_page_answers_an_html_404_page(client: httpx.Client) -> None:
    response = client.get("/no/such/page")
    assert response.status_code == 404 and response.headers["content-type"].startswith("text/html")
    assert "there is no page at /no/such/page" in response.text


def test_a_page_address_with_broken_percent_encoding_answers_400(client: httpx.Client) -> None:
    response = client.get("/speakers/%E0%A4%A")
    assert response.status_code == 400 and "broken percent-escape" in response.text


@pytest.mark.parametrize("path", ["/api/quotations?kinds=direct", "/api/health?verbose=1", "/api/speakers?sort=name", "/api/quotations/1?x=1"])
def test_an_undeclared_query_parameter_is_refused(client: httpx.Client, path: str) -> None:
    error = _error(client.get(path), 422, "invalid_request")
    assert error["details"][0]["where"].startswith("query.")


def test_search_marks_the_searched_words_in_each_hit(client: httpx.Client) -> None:
    hit = client.get("/api/quotations", params={"q": "ferry lifeline"}).json()["items"][0]
    text = hit["occurrence"]["text"]
    assert sorted(text[start:end].lower() for start, end in hit["highlights"]) == ["ferry", "lifeline"]


def test_search_takes_a_quoted_phrase_as_a_phrase(client: httpx.Client) -> None:
    assert client.get("/api/quotations", params={"q": '"raise fares"'}).json()["total"] == 1
    assert client.get("/api/quotations", params={"q": '"fares raise"'}).json()["total"] == 0


def test_search_is_newest_first_unless_relevance_is_asked(client: httpx.Client) -> None:
    dates = [h["occurrence"]["date"] for h in client.get("/api/quotations", params={"q": "the"}).json()["items"]]
    assert dates == sorted(dates, reverse=True)
    assert client.get("/api/quotations", params={"q": "the", "order": "relevance"}).status_code == 200
    _error(client.get("/api/quotations", params={"order": "alphabetical"}), 422, "invalid_request")


def test_search_filters_by_kind_act_and_confidence(client: httpx.Client) -> None:
    indirect = client.get("/api/quotations", params={"kind": "indirect"}).json()
    assert indirect["total"] == 1 and indirect["items"][0]["occurrence"]["kind"] == "indirect"
    assert client.get("/api/quotations", params={"act": "thought"}).json()["total"] == 0
    everything = client.get("/api/quotations").json()["total"]
    assert client.get("/api/quotations", params={"min_confidence": 1.0}).json()["total"] < everything
    _error(client.get("/api/quotations", params={"kind": "quoted"}), 422, "invalid_request")


# -- without a store, with a token -----------------------------------------------------


@pytest.fixture(scope="module")
def bare() -> Iterator[httpx.Client]:
    """A server without a store, whose extractions may take one second."""
    with running_server("--timeout", "1") as running, httpx.Client(base_url=running.base, timeout=60) as http:
        yield http


def test_store_routes_without_a_store_say_so(bare: httpx.Client) -> None:
    assert bare.get("/api/health").json()["store"] is False
    _error(bare.get("/api/quotations"), 503, "no_store")


def test_extraction_waits_for_the_worker_to_start_without_timing_out(bare: httpx.Client) -> None:
    # The server answers before its worker has loaded the pipeline (several seconds,
    # against a one-second deadline): the start is not charged to the request.
    article = bare.post("/api/extract", json={"text": '"We will rebuild," Elena Marsh said.'}).json()
    assert article["quotes"][0]["text"] == "We will rebuild,"


def test_extraction_past_its_deadline_is_stopped_and_the_next_one_runs(bare: httpx.Client) -> None:
    started = time.monotonic()
    _error(bare.post("/api/extract", json={"text": SAMPLE.read_text("utf-8") * 60}), 504, "extraction_timeout")
    assert time.monotonic() - started < 10
    article = bare.post("/api/extract", json={"text": '"We will rebuild," Elena Marsh said.'}).json()
    assert article["quotes"][0]["text"] == "We will rebuild,"


@pytest.fixture(scope="module")
def guarded(store_path: Path) -> Iterator[Server]:
    with running_server("--db", str(store_path), token=TOKEN) as running:
        yield running


def test_token_is_required_on_every_route(guarded: Server) -> None:
    for path in ("/api/quotations", "/api/openapi.json", "/static/common.js"):
        response = httpx.get(guarded.base + path)
        _error(response, 401, "unauthorized")
        assert response.headers["www-authenticate"].startswith("Bearer")
    assert httpx.get(guarded.base + "/search").status_code == 401


def test_wrong_token_is_refused(guarded: Server) -> None:
    _error(httpx.get(guarded.base + "/api/stats", headers={"authorization": "Bearer not-it"}), 401, "unauthorized")


def test_bearer_token_opens_the_api(guarded: Server) -> None:
    response = httpx.get(guarded.base + "/api/stats", headers={"authorization": f"Bearer {TOKEN}"})
    assert response.status_code == 200 and response.json()["articles"] == 4


def test_openapi_document_of_a_guarded_server_asks_for_the_bearer_token(guarded: Server) -> None:
    document = httpx.get(guarded.base + "/api/openapi.json", headers={"authorization": f"Bearer {TOKEN}"}).json()
    assert document["security"] == [{"bearer": []}]


def test_page_opened_with_the_token_keeps_it_in_a_cookie(guarded: Server) -> None:
    with httpx.Client(base_url=guarded.base) as browser:
        first = browser.get("/search", params={"token": TOKEN, "q": "fares"})
        assert first.status_code == 303
        assert first.headers["location"] == "/search?q=fares"  # the token leaves the address bar
        cookie = first.headers["set-cookie"]
        assert "HttpOnly" in cookie and "SameSite=Strict" in cookie and TOKEN not in cookie
        assert browser.get("/search").status_code == 200
        assert browser.get("/api/stats").status_code == 200


def test_a_token_link_never_redirects_to_another_host(guarded: Server) -> None:
    response = httpx.get(guarded.base + "//evil.example/x", params={"token": TOKEN})
    assert response.status_code == 303
    assert response.headers["location"] == "/evil.example/x"


def test_the_login_form_posts_back_to_this_host(guarded: Server) -> None:
    page = httpx.get(guarded.base + "//evil.example/x").text
    assert "action='/evil.example/x'" in page


# -- the command -----------------------------------------------------------------------


def test_serve_refuses_a_store_that_does_not_exist(tmp_path: Path) -> None:
    result = CliRunner().invoke(cli, ["serve", "--db", str(tmp_path / "missing.db")])
    assert result.exit_code == 2
    assert "no such store" in result.output
