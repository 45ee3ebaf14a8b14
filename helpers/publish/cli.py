"""Command line: python -m helpers run|html|build [NOTEBOOK ...]

run     re-execute all notebooks (or those named) in place, several at once
html    export every notebook into the static site folder, site/
build   run, then html, but only what changed: a notebook re-runs when its file, the helpers code, the installed
        packages or a data row it read changed (recorded in .build-cache/); --force re-runs everything
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from helpers.ledger import paths


def _count(n: int, noun: str) -> str:
    """``1 notebook``, ``2 notebooks``."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


def _run(names: list[str], workers: int | None, notebooks: list[Path] | None = None, snapshot=None) -> int:
    from helpers.publish.runner import notebook_paths, run_notebooks

    notebooks = notebook_paths(names) if notebooks is None else notebooks
    started = time.perf_counter()
    results = run_notebooks(notebooks, workers=workers, snapshot=snapshot)
    failed = [r for r in results if not r.ok]
    seconds = time.perf_counter() - started
    if failed:
        print(
            f"{len(results) - len(failed)} of {_count(len(results), 'notebook')} ran; {len(failed)} failed in "
            f"{seconds:.1f} s:",
            file=sys.stderr,
        )
        for result in failed:
            print("  " + result.describe().replace("\n", "\n    "), file=sys.stderr)
        print("Failed notebooks were left exactly as they were.", file=sys.stderr)
        return 1
    print(
        f"{_count(len(results), 'notebook')} ran in {seconds:.1f} s; outputs saved in "
        f"{paths.relative(paths.NOTEBOOKS)}/",
        file=sys.stderr,
    )
    return 0


def _html(output: Path, cache: Path | None = None) -> int:
    from helpers.publish.site import SiteOutputError, build_site

    started = time.perf_counter()
    try:
        index = build_site(output=output, cache=cache)
    except SiteOutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"site written in {time.perf_counter() - started:.1f} s: open {index}", file=sys.stderr)
    return 0


def _build(names: list[str], workers: int | None, output: Path, force: bool) -> int:
    """Re-run the notebooks whose inputs changed, then export the site unless nothing it shows changed."""
    from helpers.publish import buildcache
    from helpers.publish.runner import notebook_paths

    started = time.perf_counter()
    notebooks = notebook_paths(names)
    snapshot = buildcache.Snapshot.take()
    plan = buildcache.plan(notebooks, snapshot, force=force)
    for warning in plan.warnings:
        print(warning, file=sys.stderr)
    if not buildcache.validated(snapshot):
        from helpers.ledger.errors import DataFolderError, DataValidationError, PremiseChangedError, SourceChangedError
        from helpers.ledger.ledger import Ledger

        try:
            Ledger.load()  # a broken file stops the build before any notebook runs or is kept
        except (DataValidationError, DataFolderError, PremiseChangedError, SourceChangedError) as exc:
            print(f"error: {type(exc).__name__}: {exc}", file=sys.stderr)
            print("No notebook was run and the site was left as it was.", file=sys.stderr)
            return 1
        buildcache.mark_validated(snapshot)
    if plan.fresh:
        print(
            f"{_count(len(plan.fresh), 'notebook')} up to date (outputs kept): "
            + ", ".join(p.stem for p in plan.fresh),
            file=sys.stderr,
        )
    if plan.stale:
        for path, why in plan.stale.items():
            print(f"  {path.stem}: {why}", file=sys.stderr)
        status = _run(names, workers, plan.longest_first(), snapshot=lambda: snapshot)
        if status:
            return status
    site = buildcache.SiteState(output, snapshot, force=force)
    if site.current():
        print(
            f"site up to date, not exported again (no notebook, data file or helpers code changed): "
            f"open {output.resolve() / 'index.html'}",
            file=sys.stderr,
        )
        status = 0
    else:
        status = _html(output, cache=None if force else buildcache.FOLDER / "site")
        if status == 0:
            site.save()
    print(f"build done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return status


def _lab(extra: list[str]) -> int:
    """JupyterLab on the notebooks, with a project-local config folder whose custom.css gives Chinese the project's
    font (so no system Chinese font is needed). Other arguments go to ``jupyter lab``."""
    import os
    import subprocess

    from helpers.publish.site import write_lab_style

    config = paths.ROOT / ".jupyter"
    write_lab_style(config / "custom")
    print(f"JupyterLab with the project's CJK font ({paths.relative(config)}/custom/custom.css)", file=sys.stderr)
    command = [sys.executable, "-m", "jupyter", "lab", "--LabApp.custom_css=True", f"--ServerApp.root_dir={paths.ROOT}"]
    return subprocess.call([*command, *extra], env={**os.environ, "JUPYTER_CONFIG_DIR": str(config)})


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("run", "re-execute notebooks in place"),
        ("build", "re-execute the notebooks whose inputs changed, then export the site"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument(
            "notebooks", nargs="*", help="notebooks by sector (water), number (05) or file (05_water); default: all"
        )
        sub.add_argument("-j", "--workers", type=int, default=None, help="kernels at once (default: number of cores)")
        if name == "build":
            sub.add_argument("-o", "--output", type=Path, default=paths.SITE, help="site folder (default: site/)")
            sub.add_argument(
                "--force", action="store_true", help="re-run every notebook and export the whole site, cache or not"
            )
    html = commands.add_parser("html", help="export every notebook into the static site folder")
    html.add_argument("-o", "--output", type=Path, default=paths.SITE, help="site folder (default: site/)")
    commands.add_parser(
        "lab", help="open the notebooks in JupyterLab with the project's Chinese font; other options go to jupyter lab"
    )
    args, rest = parser.parse_known_args(argv)
    if args.command == "lab":
        return _lab(rest)
    if rest:
        parser.error(f"unrecognized arguments: {' '.join(rest)}")
    if args.command == "run":
        return _run(args.notebooks, args.workers)
    if args.command == "html":
        return _html(args.output)
    return _build(args.notebooks, args.workers, args.output, args.force)


def _entry(argv: list[str] | None = None) -> int:
    """:func:`main`, with the two ways a command ends early said in one line each, not as a traceback."""
    try:
        return main(argv)
    except KeyboardInterrupt:
        print(
            "interrupted: notebooks that had finished were saved; the others, and the site, were left as they were",
            file=sys.stderr,
        )
        return 130
    except ModuleNotFoundError as exc:
        if exc.name and exc.name.split(".")[0] in _INSTALLED_BY_REQUIREMENTS:
            print(
                f"error: {exc.name} is not installed for {sys.executable}. Run `make report` (it installs everything "
                "into .venv/), or run .venv/bin/python -m helpers from the project folder",
                file=sys.stderr,
            )
            return 2
        raise


#: Top-level packages of requirements.txt that the commands import (a missing one means the wrong Python).
_INSTALLED_BY_REQUIREMENTS = {
    "pandas",
    "numpy",
    "matplotlib",
    "seaborn",
    "nbformat",
    "nbconvert",
    "nbclient",
    "jupyter_client",
    "ipykernel",
    "nh3",
    "fontTools",
    "bs4",
}
