"""Commands that extract nothing start without spaCy: importing it costs about a second."""

from __future__ import annotations

import subprocess
import sys

from onrecord.store import open_store

HEAVY = ("spacy", "thinc", "torch")


def _heavy_modules_after(code: str) -> list[str]:
    probe = code + f"\nimport sys\nprint(sorted({{m.split('.')[0] for m in sys.modules}} & {set(HEAVY)!r}))"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return eval(done.stdout.strip().splitlines()[-1])  # a printed list of module names


def test_cli_app_imports_no_spacy() -> None:
    assert _heavy_modules_after("import onrecord.cli") == []


def test_help_runs_without_spacy() -> None:
    code = ("from typer.testing import CliRunner\nfrom onrecord.cli import app\n"
            "assert CliRunner().invoke(app, ['--help']).exit_code == 0")
    assert _heavy_modules_after(code) == []


def test_web_app_starts_without_spacy() -> None:
    assert _heavy_modules_after("from onrecord.web import create_app\ncreate_app(db=None, token=None)") == []


def test_store_commands_run_without_spacy(tmp_path) -> None:
    db = str(tmp_path / "empty.db")
    open_store(db).close()
    code = ("from typer.testing import CliRunner\nfrom onrecord.cli import app\n"
            f"for args in (['search', 'tax', '--db', {db!r}], ['speakers', '--db', {db!r}], ['export', '--db', {db!r}]):\n"
            "    result = CliRunner().invoke(app, args)\n"
            "    assert result.exit_code == 0, (args, result.output)")
    assert _heavy_modules_after(code) == []


def test_extract_is_still_importable_from_the_package() -> None:
    import onrecord
    from onrecord.pipeline import extract

    assert onrecord.extract is extract
