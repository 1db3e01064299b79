"""Shared fixtures: the repository's paths and the PolNeAR data beside it."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
POLNEAR = REPO.parent / "shared" / "data" / "polnear"


@pytest.fixture(scope="session")
def polnear_dir() -> Path:
    if not (POLNEAR / "dev" / "text").is_dir():
        pytest.fail(f"PolNeAR is not at {POLNEAR}: the corpus tests and the accuracy floors need it (shared/ beside the repository)")
    return POLNEAR


@pytest.fixture(scope="session")
def sample_article() -> Path:
    return REPO / "examples" / "sample.txt"
