"""``onrecord extract``: the output contract, the formats, and bad input."""

from __future__ import annotations

import json
import os
from importlib import resources
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from onrecord.cli import app

GOLDEN = Path(__file__).parent / "golden" / "sample.json"
SCHEMA = json.loads(resources.files("onrecord").joinpath("schema", "article.schema.json").read_text(encoding="utf-8"))

runner = CliRunner()


def run(*args: str, input: bytes | None = None):
    return runner.invoke(app, ["extract", *args], input=input)


def article_file(tmp_path: Path, name: str, body: str | bytes) -> str:
    path = tmp_path / name
    path.write_bytes(body if isinstance(body, bytes) else body.encode("utf-8"))
    return str(path)


def test_sample_article_output_validates_against_the_published_schema(sample_article):
    result = run(str(sample_article), "--format", "json")
    assert result.exit_code == 0, result.output
    jsonschema.validate(json.loads(result.stdout), SCHEMA)


def test_sample_article_output_matches_the_golden_file(sample_article):
    result = run(str(sample_article), "--format", "json")
    produced = json.loads(result.stdout)
    if os.environ.get("ONRECORD_UPDATE_GOLDEN"):
        GOLDEN.write_text(json.dumps(produced, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    assert produced == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_date_prefix_gives_the_date_and_is_not_part_of_the_body(tmp_path):
    path = article_file(tmp_path, "a.txt", 'date 2024-05-02 "We will rebuild," the mayor said.')
    out = json.loads(run(path, "--format", "json").stdout)
    assert out["date"] == "2024-05-02"
    assert out["text"] == '"We will rebuild," the mayor said.'
    assert out["quotes"][0]["text"] == "We will rebuild,"
    assert out["text"][out["quotes"][0]["start"]:out["quotes"][0]["end"]] == "We will rebuild,"


def test_date_option_dates_an_article_without_prefix(tmp_path):
    path = article_file(tmp_path, "a.txt", '"We will rebuild," the mayor said.')
    assert json.loads(run(path, "--date", "2024-05-02", "--format", "json").stdout)["date"] == "2024-05-02"


def test_malformed_date_option_is_a_clear_error(tmp_path):
    path = article_file(tmp_path, "a.txt", '"We will rebuild," the mayor said.')
    result = run(path, "--date", "02/05/2024")
    assert result.exit_code == 2
    assert "YYYY-MM-DD" in result.stderr


def test_several_files_give_one_json_line_each(tmp_path):
    paths = [article_file(tmp_path, f"{n}.txt", f'"Article {n} has a quote," she said.') for n in range(3)]
    lines = run(*paths).stdout.splitlines()
    assert [json.loads(line)["id"] for line in lines] == ["0.txt", "1.txt", "2.txt"]


def test_dash_reads_the_article_from_standard_input():
    result = run("-", "--format", "json", input=b'"We will rebuild," the mayor said.')
    out = json.loads(result.stdout)
    assert out["id"] == "-" and out["quotes"][0]["speaker"]["text"] == "the mayor"


def test_invalid_utf8_names_the_file_and_byte_offset_and_the_other_files_still_run(tmp_path):
    bad = article_file(tmp_path, "bad.txt", b'"Fine," he said. \xff\xfe')
    good = article_file(tmp_path, "good.txt", '"We will rebuild," the mayor said.')
    result = run(bad, good, "--format", "jsonl")
    assert result.exit_code == 2
    assert "bad.txt: invalid UTF-8 at byte offset 17" in result.stderr
    failed, article = (json.loads(line) for line in result.stdout.splitlines())
    assert failed["id"] == "bad.txt" and failed["error"]["stage"] == "read"
    assert article["id"] == "good.txt"


def test_binary_file_is_refused_with_a_reason(tmp_path):
    result = run(article_file(tmp_path, "photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"))
    assert result.exit_code == 2
    assert "photo.jpg: binary data" in result.stderr


def test_empty_article_is_a_clear_error(tmp_path):
    result = run(article_file(tmp_path, "empty.txt", "date 2024-05-02\n   \n"))
    assert result.exit_code == 2
    assert "empty.txt: empty article" in result.stderr


def test_missing_file_is_a_clear_error(tmp_path):
    result = run(str(tmp_path / "nowhere.txt"))
    assert result.exit_code == 2
    assert "nowhere.txt: no such file" in result.stderr


def test_ten_megabyte_article_is_refused_with_its_size(tmp_path):
    body = ('"Quote," she said. ' * 600_000)[:10_000_000]
    result = run(article_file(tmp_path, "huge.txt", body))
    assert result.exit_code == 2
    assert "huge.txt: 10,000,000 characters is longer than" in result.stderr


def test_text_format_shows_speaker_mention_cue_and_place(sample_article):
    result = run(str(sample_article), "--format", "text")
    assert "“We are not going to let a hundred-year-old pier fall into the bay,”" in result.stdout
    assert "cue 'said'" in result.stdout
    assert "line 5:" in result.stdout


@pytest.mark.slow
def test_ten_thousand_stray_quote_marks_give_valid_output_and_say_why(tmp_path):
    body = 'The vote was " close and the " council left. ' * 5_000
    result = run(article_file(tmp_path, "stray.txt", body), "--format", "json")
    assert result.exit_code == 0
    out = json.loads(result.stdout)
    jsonschema.validate(out, SCHEMA)
    assert out["quotes"] == []
    assert len(out["skipped"]) == 5_000


def test_extract_into_a_pipe_its_reader_closes_ends_quietly(tmp_path: Path) -> None:
    import subprocess
    import sys

    article = tmp_path / "harbour.txt"
    # More text than a pipe holds, so the writer meets the closed end.
    article.write_text(
        "Harbour board backs pier repairs\n\n"
        + "".join(f'"Berth {n} will reopen in spring," harbour master Ruth Okafor said.\n\n' for n in range(400)),
        encoding="utf-8",
    )
    command = [sys.executable, "-c", "from onrecord.cli import app; app()", "extract", str(article), "--format", "text"]
    extract = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert extract.stdout is not None and extract.stderr is not None
    assert extract.stdout.readline().startswith(b"harbour.txt")
    extract.stdout.close()  # as `| head -1` does
    assert extract.wait(timeout=120) == 0
    assert extract.stderr.read() == b""
