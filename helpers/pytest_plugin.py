"""Loaded first by pytest (``-p helpers.pytest_plugin`` in ``pyproject.toml``), in the main process and each worker.

- Skips the unused IRI grammar import that would cost every process about 1.4 s (see :mod:`helpers._fastimport`).
- Builds matplotlib's font cache before any notebook kernel starts. On a fresh machine the first import of
  matplotlib prints "Matplotlib is building the font cache" to stderr; inside a notebook kernel that message
  would become a stderr output and fail the comparison with the stored outputs.
"""

from . import _fastimport  # noqa: F401  (must come before anything imports nbformat)


def pytest_configure(config) -> None:
    import matplotlib.font_manager  # noqa: F401  (builds and caches the font list once)
