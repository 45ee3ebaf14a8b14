"""Re-execute notebooks in place: deterministic, several at once, and never half-written.

Each notebook runs in its own folder with the ``python3`` kernel of the current environment. Outputs
are written to a temporary file beside the notebook and renamed over it only when every cell ran,
so a failed or interrupted run leaves the notebook exactly as it was.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass
from pathlib import Path

from helpers.ledger import paths
from helpers.publish import _fastimport  # noqa: F401  (_fastimport: before nbformat is imported)

__all__ = ["RunResult", "notebook_paths", "run_notebook", "run_notebooks"]


@dataclass(frozen=True)
class RunResult:
    path: Path
    ok: bool
    seconds: float
    cell: int | None = None  # 1-based index among code cells of the failing cell
    error: str = ""

    def headline(self) -> str:
        """One line: the notebook, where it stopped, and how long it took."""
        name = self.path.name
        if self.ok:
            return f"{name}: ok in {self.seconds:.1f} s"
        where = f", code cell {self.cell}" if self.cell else ""
        return f"{name}{where}: FAILED after {self.seconds:.1f} s"

    def describe(self) -> str:
        """The headline and, for a failure, the error under it."""
        return self.headline() if self.ok else f"{self.headline()}\n{self.error}"


def notebook_paths(names: Sequence[str] = (), folder: Path | None = None) -> list[Path]:
    """The notebooks to run: all of ``folder`` in order, or those named.

    A name may be a sector or notebook name (``water``, ``synthesis``), a number (``05`` or ``5``), a file name
    (``05_water`` or ``05_water.ipynb``) or a path to a notebook anywhere.
    """
    every = paths.notebooks(folder)
    if not names:
        return every
    chosen = []
    for name in names:
        candidate = Path(name)
        if candidate.suffix == ".ipynb" and candidate.exists():
            chosen.append(candidate.resolve())
            continue
        stem = candidate.name.removesuffix(".ipynb").lower()
        number = stem.zfill(2) if stem.isdigit() else None
        matches = [
            p
            for p in every
            if p.stem == stem
            or p.stem.split("_", 1)[1] == stem
            or (number is not None and p.stem.split("_", 1)[0] == number)
        ]
        if len(matches) != 1:
            known = ", ".join(p.stem for p in every)
            raise SystemExit(
                f"no notebook matches {name!r}; name one by sector (water), number (05) or file "
                f"(05_water). Notebooks: {known}"
            )
        chosen.append(matches[0])
    return chosen


def _records(path: Path) -> bool:
    """Whether runs of this notebook are recorded for the build: the project's own notebooks only (a copy elsewhere,
    run by a test, must not stand in for the project's)."""
    return path.resolve().parent == paths.NOTEBOOKS.resolve()


def run_notebook(path: Path, timeout: int = 600, snapshot: Callable[[], object] | None = None) -> RunResult:
    """Execute one notebook top to bottom and replace it atomically if every cell succeeded (a file whose outputs
    came out byte-identical is left alone).

    A notebook of the project's ``notebooks/`` folder has what it read recorded in the build cache
    (:mod:`helpers.publish.buildcache`); ``snapshot`` gives the data and code it ran on (taken once per command)."""
    import nbformat
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    from helpers.publish import buildcache

    started = time.perf_counter()
    kernel_env: dict[str, str] = {}
    save = discard = None
    if _records(path):
        buildcache.forget(path)  # until this run succeeds, nothing says the notebook is up to date
        variables, save, discard = buildcache.recorder(snapshot or _snapshot_once)
        kernel_env = {**os.environ, **variables}
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        resources={"metadata": {"path": str(path.parent)}},
        record_timing=False,
        allow_errors=False,
        # Every output is in the notebook (and every read in its file) when the last cell ends, so the kernel is
        # stopped at once, as nbval stops it, rather than asked to exit and waited for.
        shutdown_kernel="immediate",
        # The kernel listens on loopback only; keep its start-up notices out of the progress output.
        extra_arguments=["--IPKernelApp.log_level=ERROR"],
    )
    try:
        client.execute(**({"env": kernel_env} if kernel_env else {}))
    except CellExecutionError as exc:
        failing, error = _first_error(notebook)
        if not error:  # no error output recorded: fall back on the exception itself
            error = f"{exc.ename}: {exc.evalue}" if getattr(exc, "ename", None) else str(exc).strip().splitlines()[-1]
        if discard is not None:
            discard()
        return RunResult(path, False, time.perf_counter() - started, failing, error)
    except BaseException as exc:  # kernel died, timeout, Ctrl-C ...
        if discard is not None:
            discard()
        if not isinstance(exc, Exception):
            raise
        return RunResult(path, False, time.perf_counter() - started, None, f"{type(exc).__name__}: {exc}")
    _normalise(notebook)
    text = nbformat.writes(notebook) + "\n"
    if path.read_text(encoding="utf-8") != text:
        _write_atomically(path, text)
    if save is not None:
        save(path, time.perf_counter() - started)
    return RunResult(path, True, time.perf_counter() - started)


_SNAPSHOT: list = []


def _snapshot_once():
    """The project's data and code as they are, taken once per process (for runs outside a build)."""
    from helpers.publish.buildcache import Snapshot

    if not _SNAPSHOT:
        _SNAPSHOT.append(Snapshot.take())
    return _SNAPSHOT[0]


def _first_error(notebook) -> tuple[int | None, str]:
    """The first code cell (1-based among code cells) with an error output, and that output's own name and message.

    An error raised while displaying a cell's result (a chart over the size limit, say) is recorded as an error
    output of the cell, but nbclient's exception then carries no name ("NoneType: None"); the output has the real one.
    """
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    for number, cell in enumerate(code_cells, 1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return number, f"{output.get('ename', 'Error')}: {output.get('evalue', '')}"
    return None, ""


def _normalise(notebook) -> None:
    """Strip what varies between runs but not between results."""
    notebook.metadata.pop("widgets", None)
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    info = notebook.metadata.get("language_info", {})
    for key in ("version",):
        info.pop(key, None)
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)


def _write_atomically(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=f".{path.stem}.", suffix=".ipynb.tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="\n") as stream:
            stream.write(text)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def run_notebooks(
    notebooks: Sequence[Path],
    workers: int | None = None,
    report: Callable[[str], None] = lambda line: print(line, file=sys.stderr, flush=True),
    snapshot: Callable[[], object] | None = None,
) -> list[RunResult]:
    """Run several notebooks at once (one kernel each), reporting progress line by line."""
    import matplotlib.font_manager  # noqa: F401  (a fresh machine builds its font cache here, not in a kernel)

    workers = workers or max(1, min(len(notebooks), os.cpu_count() or 1))
    results: list[RunResult] = []
    total = len(notebooks)
    notebooks_word, kernels_word = "notebook" + ("s" if total != 1 else ""), "kernel" + ("s" if workers != 1 else "")
    report(f"running {total} {notebooks_word} with {workers} {kernels_word} at a time")
    with ThreadPoolExecutor(max_workers=workers) as pool:
        futures = {pool.submit(run_notebook, path, snapshot=snapshot): path for path in notebooks}
        for future in as_completed(futures):
            result = future.result()
            results.append(result)
            # one line per notebook as it ends; a failure's error is printed once, in the summary at the end
            report(f"[{len(results)}/{total}] {result.headline()} ({total - len(results)} remaining)")
    order = {path: i for i, path in enumerate(notebooks)}
    return sorted(results, key=lambda r: order[r.path])
