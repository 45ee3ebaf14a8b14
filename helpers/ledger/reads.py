"""What a notebook read: the data rows it looked up, recorded while it runs so the build knows when to re-run it.

The build (:mod:`helpers.publish.buildcache`) starts each notebook's kernel with :data:`ENV` naming a file; every
lookup the notebook makes through :mod:`helpers.ledger.data` (and the sources, checks and grades built on it) appends a
line ``file<TAB>key`` to that file, once: ``claims.csv<TAB>roads.villages_newly_on_hardened_roads`` for one claim,
``claims.csv<TAB>*`` for the whole ledger. Only the outermost lookup records: ``claim(id)`` reads the whole ledger
to build its index, but the notebook read one row. Validation (:meth:`helpers.ledger.ledger.Ledger.load`) records
nothing, since the build validates every data file itself before deciding what to re-run.

Without :data:`ENV` (in JupyterLab, under nbval, in tests) recording costs one check of a module flag.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TypeVar

__all__ = ["ENV", "ALL", "PART", "record", "records", "quiet", "parse", "part", "split"]

#: The environment variable that names the file a kernel appends its reads to.
ENV = "HELPERS_READS_FILE"
#: The key meaning "every row of the file".
ALL = "*"
#: Between a key and the part of its row that was read (``roads.x|figures``, ``*|figures``); no part: the whole row.
PART = "|"

F = TypeVar("F", bound=Callable)

_TARGET = os.environ.get(ENV) or None
_seen: set[tuple[str, str]] = set()
_depth: ContextVar[int] = ContextVar("helpers_reads_depth", default=0)


def record(filename: str, keys: Iterable[str] = (ALL,)) -> None:
    """Note that the notebook read these rows (ids, slugs) of ``filename`` (``claims.csv``, ``raw/article.txt``)."""
    if _TARGET is None or _depth.get():
        return
    new = [(filename, str(k)) for k in keys if (filename, str(k)) not in _seen]
    if not new:
        return
    _seen.update(new)
    with open(_TARGET, "a", encoding="utf-8") as stream:
        stream.write("".join(f"{f}\t{k}\n" for f, k in new))


@contextmanager
def quiet():
    """Lookups inside this block record nothing (the caller records what it hands on)."""
    token = _depth.set(_depth.get() + 1)
    try:
        yield
    finally:
        _depth.reset(token)


def records(describe: Callable[..., Iterable[tuple[str, Iterable[str]]]]) -> Callable[[F], F]:
    """Decorate a lookup: when it is the outermost one, record ``describe(result, *args, **kwargs)``, pairs of a file
    name and the keys read; lookups it makes on the way record nothing."""

    def decorate(function: F) -> F:
        @functools.wraps(function)
        def wrapper(*args, **kwargs):
            if _TARGET is None or _depth.get():
                return function(*args, **kwargs)
            with quiet():
                result = function(*args, **kwargs)
                pairs = list(describe(result, *args, **kwargs))
            for filename, keys in pairs:
                record(filename, keys)
            return result

        return wrapper  # type: ignore[return-value]

    return decorate


def whole(*filenames: str) -> Callable[..., list[tuple[str, tuple[str]]]]:
    """A ``describe`` for lookups that hand on every row of these files."""
    return lambda *args, **kwargs: [(f, (ALL,)) for f in filenames]


def part(keys: Iterable[str], name: str) -> list[str]:
    """Keys that read only the part ``name`` of their rows (see :data:`helpers.ledger.schema.LEFT_OUT`)."""
    return [f"{k}{PART}{name}" for k in keys]


def split(key: str) -> tuple[str, str]:
    """A recorded key as (row key, part); the part is ``""`` for the whole row."""
    row, _, name = key.partition(PART)
    return row, name


def parse(text: str) -> dict[str, set[str]]:
    """The reads of a sidecar file: ``{filename: {key, …}}`` (a file read whole has the key ``*``)."""
    found: dict[str, set[str]] = {}
    for line in text.splitlines():
        filename, tab, key = line.partition("\t")
        if tab and filename and key:
            found.setdefault(filename, set()).add(key)
    return found
