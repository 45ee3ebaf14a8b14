"""Stored outputs hold nothing volatile: no memory addresses, absolute paths, run timestamps or warnings."""

from __future__ import annotations

import os
import re

import nbformat
import pytest

from helpers.publish.runner import notebook_paths

VOLATILE = [
    (re.compile(r"0x[0-9a-f]{8,}"), "a memory address"),
    (re.compile(r"/(?:work|root|home|tmp|Users)/"), "an absolute path"),
    (re.compile(r"\b20(?:2[1-9]|[3-9]\d)-\d{2}-\d{2}[T ]\d{2}:\d{2}"), "a run timestamp"),
    (re.compile(r"Warning|warnings\.warn|findfont"), "a warning"),
]


@pytest.mark.parametrize("notebook", notebook_paths(), ids=lambda p: p.stem)
def test_outputs_hold_nothing_volatile(notebook):
    nb = nbformat.read(notebook, as_version=4)
    user = os.environ.get("USER") or os.environ.get("LOGNAME")
    for cell in nb.cells:
        if cell.cell_type != "code":
            continue
        for output in cell.outputs:
            texts = [output.get("text", "")] + [v for k, v in output.get("data", {}).items() if k.startswith("text/")]
            for text in texts:
                text = "".join(text) if isinstance(text, list) else text
                for pattern, what in VOLATILE:
                    assert not pattern.search(text), f"{notebook.name}: {what} in output of {cell.source[:50]!r}"
                if user and user not in ("root",):
                    assert f"/{user}/" not in text
