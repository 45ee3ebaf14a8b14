"""Shared fixtures: a throwaway copy of data/ that tests may break; the real folder is never touched."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from helpers.ledger import paths


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the project's data/ folder in a temporary directory."""
    target = tmp_path / "data"
    shutil.copytree(paths.DATA, target)
    return target
