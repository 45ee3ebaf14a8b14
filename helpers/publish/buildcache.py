"""The build's memory: what each notebook depended on when it last ran, so ``build`` re-runs only what changed.

A notebook is up to date when all of these are as they were when it last ran:

- its own file (its source, and the outputs that run wrote);
- the helpers code (every file of ``helpers/``);
- the installed packages and the Python version;
- each data row it read (the ids it looked up, recorded by :mod:`helpers.ledger.reads` at run time), or the whole file
  when it read the whole file.

The records live in one folder, :data:`FOLDER` (``.build-cache/``, ignored by git), one JSON file per notebook; the
folder is safe to delete (the next build runs everything). A record that cannot be read, or that was not written by
this project's build, is ignored with a one-line warning and its notebook re-runs: a cache is never trusted on faith.
"""

from __future__ import annotations

import csv
import functools
import hashlib
import io
import json
import os
import sys
import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from helpers.ledger import paths, reads, schema

__all__ = [
    "FOLDER",
    "FORMAT",
    "Snapshot",
    "Plan",
    "plan",
    "save_record",
    "forget",
    "code_hash",
    "environment",
    "code_and_environment",
    "folder",
]

#: Marks a record as written by this project's build; any other value means a foreign or older cache.
FORMAT = "kunming-poverty-notebooks build record 1"
#: The data files whose rows are told apart by a key column; other files are read whole.
_KEYS = ("id", "slug")


def folder(root: Path | None = None) -> Path:
    """The cache folder of the project at ``root`` (default: this project)."""
    return (root or paths.ROOT) / ".build-cache"


FOLDER = folder()


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def code_hash(package: Path | None = None) -> str:
    """One hash of every file of the helpers package (code, templates, catalogues), by relative path and content."""
    package = package or paths.PACKAGE
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"):
            digest.update(path.relative_to(package).as_posix().encode() + b"\0")
            digest.update(_sha(path.read_bytes()).encode() + b"\0")
    return digest.hexdigest()


def environment() -> dict[str, str]:
    """The Python version and every installed distribution's version: what a notebook's kernel runs on."""
    return dict(_environment())


@functools.lru_cache(maxsize=1)
def _environment() -> tuple[tuple[str, str], ...]:
    from importlib import metadata

    found = {"python": sys.version.split()[0]}
    for dist in metadata.distributions():
        name = (dist.metadata["Name"] or "").lower()
        if name:
            found.setdefault(name, dist.version)
    return tuple(sorted(found.items()))


@functools.lru_cache(maxsize=1)
def code_and_environment() -> str:
    """The helpers code and the environment in one key, computed once per process (a command's lifetime)."""
    return code_hash() + json.dumps(environment(), sort_keys=True)


@dataclass
class Snapshot:
    """The project's inputs as they are now: data files (whole and by row), helpers code, environment, notebooks."""

    data: Path
    code: str
    env: dict[str, str]
    files: dict[str, str] = field(default_factory=dict)  # data file (relative to data/) -> sha256
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # data file -> key -> sha256 of the row

    @classmethod
    def take(cls, data: Path | None = None, code: str | None = None, env: dict[str, str] | None = None) -> Snapshot:
        data = Path(data or paths.DATA)
        snapshot = cls(data, code or code_hash(), env if env is not None else environment())
        for path in sorted(data.rglob("*")):
            if not path.is_file() or path.name.startswith("."):
                continue
            name = path.relative_to(data).as_posix()
            content = path.read_bytes()
            snapshot.files[name] = _sha(content)
            if path.suffix == ".csv":
                snapshot.rows[name] = _row_hashes(content, name)
        return snapshot

    def now(self, filename: str, key: str) -> str | None:
        """The hash of one row (or of the whole file, for the key ``*``) as it is now; ``None`` if it is gone."""
        if key == reads.ALL:
            return self.files.get(filename)
        return self.rows.get(filename, {}).get(key)

    def data_hash(self) -> str:
        return _sha(json.dumps(self.files, sort_keys=True).encode())


def _row_hashes(content: bytes, filename: str = "") -> dict[str, str]:
    """Each row's hash by its key (``id`` or ``slug``), with its row number, so a moved row counts as changed; and for
    each part of a row that a notebook may read alone (:data:`helpers.ledger.schema.LEFT_OUT`), the hash of that part
    of each row (``key|part``) and of every row (``*|part``)."""
    try:
        rows = list(csv.reader(io.StringIO(content.decode("utf-8"), newline="")))
    except (UnicodeDecodeError, csv.Error):
        return {}
    if not rows:
        return {}
    header = rows[0]
    column = next((header.index(k) for k in _KEYS if k in header), None)
    if column is None:
        return {}
    found = {}
    parts = {name: set(left) for (file, name), left in schema.LEFT_OUT.items() if file == filename}
    whole: dict[str, list] = {name: [] for name in parts}
    for number, cells in enumerate(rows[1:], start=2):
        if len(cells) > column and cells[column]:
            row = dict(zip(header, cells))
            found[cells[column]] = _sha(json.dumps([number, row], ensure_ascii=False).encode())
            for name, left in parts.items():
                kept = [number, {k: v for k, v in row.items() if k not in left}]
                found[f"{cells[column]}{reads.PART}{name}"] = _sha(json.dumps(kept, ensure_ascii=False).encode())
                whole[name].append(kept)
    for name, kept in whole.items():
        found[f"{reads.ALL}{reads.PART}{name}"] = _sha(json.dumps(kept, ensure_ascii=False).encode())
    return found


def _record_path(notebook: Path, cache: Path) -> Path:
    return cache / "notebooks" / f"{notebook.stem}.json"


def save_record(
    notebook: Path, read: dict[str, set[str]], snapshot: Snapshot, cache: Path | None = None, seconds: float = 0.0
) -> Path:
    """Write the record of a notebook that has just run (and been saved): its file, the code, the environment, and
    the hash of every row it read."""
    cache = cache or FOLDER
    record = {
        "format": FORMAT,
        "notebook": notebook.name,
        "notebook_sha256": _sha(notebook.read_bytes()),
        "code": snapshot.code,
        "environment": snapshot.env,
        "seconds": round(seconds, 1),  # how long it ran: the build starts the longest first
        "reads": {name: {key: snapshot.now(name, key) for key in sorted(keys)} for name, keys in sorted(read.items())},
    }
    target = _record_path(notebook, cache)
    write_json(target, record)
    return target


def forget(notebook: Path, cache: Path | None = None) -> None:
    """Remove a notebook's record (before it runs, so a failed or interrupted run leaves it to re-run)."""
    _record_path(notebook, cache or FOLDER).unlink(missing_ok=True)


def write_json(target: Path, value: object) -> None:
    """Write JSON atomically (a temporary file beside the target, renamed over it)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{target.stem}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            json.dump(value, stream, ensure_ascii=False, indent=1, sort_keys=True)
            stream.write("\n")
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Foreign(ValueError):
    """A cache file that this project's build did not write (or that is damaged)."""


def read_record(path: Path) -> dict:
    """A notebook's record, checked to be one this build wrote; :class:`Foreign` otherwise."""
    try:
        record = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise Foreign(f"{path.name} is not readable JSON ({type(exc).__name__})") from None
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise Foreign(f"{path.name} is not a build record of this project")
    shapes = (
        ("notebook_sha256", str),
        ("code", str),
        ("environment", dict),
        ("reads", dict),
    )
    for key, kind in shapes:
        if not isinstance(record.get(key), kind):
            raise Foreign(f"{path.name} has no valid {key!r}")
    if not all(isinstance(v, dict) for v in record["reads"].values()):
        raise Foreign(f"{path.name} has no valid 'reads'")
    return record


def why_stale(notebook: Path, record: dict, snapshot: Snapshot) -> str | None:
    """Why the notebook must re-run (one short phrase), or ``None`` if it is up to date."""
    if record.get("notebook") != notebook.name or record["notebook_sha256"] != _sha(notebook.read_bytes()):
        return "the notebook changed"
    if record["code"] != snapshot.code:
        return "the helpers code changed"
    if record["environment"] != snapshot.env:
        old, new = record["environment"], snapshot.env
        names = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        shown = ", ".join(f"{n} {old.get(n, '-')} -> {new.get(n, '-')}" for n in names[:3])
        return f"the environment changed ({shown}{', …' if len(names) > 3 else ''})"
    changed = [
        (filename, key)
        for filename, rows in sorted(record["reads"].items())
        for key, sha in sorted(rows.items())
        if sha is None or snapshot.now(filename, key) != sha
    ]
    if changed:
        filename, key = changed[0]
        row, part = reads.split(key)
        what = (f"data/{filename}" if row == reads.ALL else f"data/{filename} {row}") + (f" ({part})" if part else "")
        more = f" and {len(changed) - 1} more" if len(changed) > 1 else ""
        return f"{what} changed{more}"
    return None


@dataclass
class Plan:
    """What a build must do: the notebooks to re-run (with why), and those whose outputs are kept."""

    stale: dict[Path, str]
    fresh: list[Path]
    warnings: list[str]
    seconds: dict[Path, float] = field(default_factory=dict)  # how long each took when it last ran

    def longest_first(self) -> list[Path]:
        """The notebooks to re-run, those that took longest last time first (so no kernel is left waiting on one
        long notebook at the end); notebooks never timed come first."""
        return sorted(self.stale, key=lambda p: -self.seconds.get(p, float("inf")))


def plan(notebooks: Iterable[Path], snapshot: Snapshot, cache: Path | None = None, force: bool = False) -> Plan:
    """Decide, for each notebook, whether its committed outputs can be kept."""
    cache = cache or FOLDER
    stale: dict[Path, str] = {}
    fresh: list[Path] = []
    ignored: list[str] = []
    seconds: dict[Path, float] = {}
    for notebook in notebooks:
        if force:
            stale[notebook] = "--force"
            continue
        path = _record_path(notebook, cache)
        if not path.exists():
            stale[notebook] = "never built here"
            continue
        try:
            record = read_record(path)
        except Foreign as exc:
            ignored.append(str(exc))
            stale[notebook] = "its cache record was ignored"
            continue
        if isinstance(record.get("seconds"), int | float):
            seconds[notebook] = float(record["seconds"])
        reason = why_stale(notebook, record, snapshot)
        if reason:
            stale[notebook] = reason
        else:
            fresh.append(notebook)
    warnings = []
    if ignored:
        shown = "; ".join(ignored[:2]) + (f"; and {len(ignored) - 2} more" if len(ignored) > 2 else "")
        warnings.append(
            f"warning: ignoring unusable build cache in {paths.relative(cache / 'notebooks')}/ ({shown}); "
            "those notebooks re-run"
        )
    return Plan(stale, fresh, warnings, seconds)


def reads_file(cache: Path | None = None) -> Path:
    """A new, empty file for one kernel to append its reads to."""
    target = (cache or FOLDER) / "reads"
    target.mkdir(parents=True, exist_ok=True)
    handle, name = tempfile.mkstemp(suffix=".tsv", dir=target)
    os.close(handle)
    return Path(name)


def recorder(snapshot_of: Callable[[], Snapshot], cache: Path | None = None):
    """For :func:`helpers.publish.runner.run_notebook`: ``(environment for the kernel, save)`` where ``save(notebook)``
    records the run once the notebook is written, and ``discard()`` removes the reads file of a failed run."""
    sidecar = reads_file(cache)

    def save(notebook: Path, seconds: float = 0.0) -> None:
        try:
            read = reads.parse(sidecar.read_text(encoding="utf-8"))
        finally:
            sidecar.unlink(missing_ok=True)
        save_record(notebook, read, snapshot_of(), cache, seconds)

    def discard() -> None:
        sidecar.unlink(missing_ok=True)

    return {reads.ENV: str(sidecar)}, save, discard


def _validation_key(snapshot: Snapshot) -> str:
    return _sha(json.dumps([snapshot.data_hash(), snapshot.code, snapshot.env], sort_keys=True).encode())


def validated(snapshot: Snapshot, cache: Path | None = None) -> bool:
    """Whether these data files were validated, with this code and environment, by an earlier build."""
    try:
        record = json.loads(((cache or FOLDER) / "validated.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return False
    return (
        isinstance(record, dict) and record.get("format") == FORMAT and record.get("key") == _validation_key(snapshot)
    )


def mark_validated(snapshot: Snapshot, cache: Path | None = None) -> None:
    write_json((cache or FOLDER) / "validated.json", {"format": FORMAT, "key": _validation_key(snapshot)})


def tree_hash(root: Path) -> str:
    """One hash of every file under ``root``, by relative path and content."""
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode() + b"\0" + _sha(path.read_bytes()).encode() + b"\0")
    return digest.hexdigest()


class SiteState:
    """Whether the site folder is the export of the notebooks, data and code as they are now."""

    def __init__(self, output: Path, snapshot: Snapshot, cache: Path | None = None, force: bool = False):
        self.output, self.snapshot, self.force = Path(output).resolve(), snapshot, force
        self.path = (cache or FOLDER) / "site.json"

    def _key(self) -> str:
        inputs = {
            "notebooks": {p.name: _sha(p.read_bytes()) for p in paths.notebooks()},
            "data": self.snapshot.data_hash(),
            "code": self.snapshot.code,
            "environment": self.snapshot.env,
            "output": str(self.output),
        }
        return _sha(json.dumps(inputs, sort_keys=True).encode())

    def current(self) -> bool:
        if self.force or not self.path.exists():
            return False
        try:
            record = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(record, dict) or record.get("format") != FORMAT:
                raise ValueError("not a site record of this project")
        except (OSError, ValueError) as exc:
            reason = str(exc) if "this project" in str(exc) else f"not readable JSON ({type(exc).__name__})"
            print(f"warning: ignoring {paths.relative(self.path)} ({reason}); the site is exported", file=sys.stderr)
            return False
        return (
            (self.output / paths.SITE_MARKER).is_file()
            and record.get("key") == self._key()
            and record.get("tree") == tree_hash(self.output)
        )

    def save(self) -> None:
        write_json(self.path, {"format": FORMAT, "key": self._key(), "tree": tree_hash(self.output)})
