"""The evidence trail in the JSON output, ``onrecord explain``, and ``--aliases``."""

from __future__ import annotations

import json
from importlib import resources

import jsonschema
import pytest
from typer.testing import CliRunner

from onrecord.cli import app
from onrecord.pipeline import extract

PASSAGE = ('Sen. Maria Delgado toured the dam on Monday with Paul Whitmore.\n\n'
           '"We will rebuild it," the senator said. "And soon," she added.\n')


@pytest.fixture(scope="module")
def article_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("articles") / "dam.txt"
    path.write_text(PASSAGE, encoding="utf-8")
    return path


def test_json_output_carries_the_chain_and_matches_the_schema():
    result = extract(PASSAGE).to_dict()
    schema = json.loads(resources.files("onrecord").joinpath("schema", "article.schema.json").read_text(encoding="utf-8"))
    jsonschema.validate(result, schema)
    quote = next(q for q in result["quotes"] if "And soon" in q["text"])
    assert quote["speaker_name"] == "Maria Delgado"
    assert quote["speaker_chain"][0]["text"] == "she"
    assert quote["speaker_chain"][-1]["text"] == "Maria Delgado"
    assert result["entities"][0]["name"] == "Maria Delgado"


def test_explain_prints_the_chain_for_a_person(article_file):
    result = CliRunner().invoke(app, ["explain", str(article_file)])
    assert result.exit_code == 0, result.output
    assert "speaker: Maria Delgado (E1, person)" in result.output
    assert "epithet:role-noun" in result.output
    assert "'the senator'" in result.output


def test_explain_reads_extract_json(article_file, tmp_path):
    extracted = CliRunner().invoke(app, ["extract", str(article_file), "--format", "json"])
    saved = tmp_path / "dam.json"
    saved.write_text(extracted.stdout, encoding="utf-8")
    result = CliRunner().invoke(app, ["explain", str(saved)])
    assert result.exit_code == 0 and "Maria Delgado" in result.output


def test_extract_uses_an_alias_file(article_file, tmp_path):
    aliases = tmp_path / "aliases.jsonl"
    aliases.write_text(json.dumps({"name": "Maria E. Delgado", "aliases": ["Maria Delgado"]}) + "\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["extract", str(article_file), "--format", "json", "--aliases", str(aliases)])
    assert result.exit_code == 0
    assert json.loads(result.stdout)["entities"][0]["name"] == "Maria E. Delgado"


def test_explain_missing_file_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["explain", str(tmp_path / "nope.txt")])
    assert result.exit_code == 2
    assert "no such file" in result.output
