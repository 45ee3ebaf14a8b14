"""Command line: ``python -m helpers run|html|build [NOTEBOOK ...]``.

- ``run``: re-execute all notebooks (or those named) in place, several at once.
- ``html``: export every notebook into the static site folder ``site/``.
- ``build``: ``run`` then ``html``; prints where ``index.html`` is.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from . import paths


def _run(names: list[str], workers: int | None) -> int:
    from .runner import notebook_paths, run_notebooks

    notebooks = notebook_paths(names)
    started = time.perf_counter()
    results = run_notebooks(notebooks, workers=workers)
    failed = [r for r in results if not r.ok]
    seconds = time.perf_counter() - started
    if failed:
        print(
            f"{len(results) - len(failed)} of {len(results)} notebooks ran; {len(failed)} failed in {seconds:.1f} s:",
            file=sys.stderr,
        )
        for result in failed:
            print("  " + result.describe().replace("\n", "\n    "), file=sys.stderr)
        print("Failed notebooks were left exactly as they were.", file=sys.stderr)
        return 1
    print(
        f"{len(results)} notebooks ran in {seconds:.1f} s; outputs saved in {paths.relative(paths.NOTEBOOKS)}/",
        file=sys.stderr,
    )
    return 0


def _html(output: Path) -> int:
    from .site import SiteOutputError, build_site

    started = time.perf_counter()
    try:
        index = build_site(output=output)
    except SiteOutputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(f"site written in {time.perf_counter() - started:.1f} s: open {index}", file=sys.stderr)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m helpers", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True)
    for name, text in (
        ("run", "re-execute notebooks in place"),
        ("build", "re-execute every notebook, then export the site"),
    ):
        sub = commands.add_parser(name, help=text)
        sub.add_argument(
            "notebooks", nargs="*", help="notebooks by sector (water), number (05) or file (05_water); default: all"
        )
        sub.add_argument("-j", "--workers", type=int, default=None, help="kernels at once (default: number of cores)")
        if name == "build":
            sub.add_argument("-o", "--output", type=Path, default=paths.SITE, help="site folder (default: site/)")
    html = commands.add_parser("html", help="export every notebook into the static site folder")
    html.add_argument("-o", "--output", type=Path, default=paths.SITE, help="site folder (default: site/)")
    args = parser.parse_args(argv)
    if args.command == "run":
        return _run(args.notebooks, args.workers)
    if args.command == "html":
        return _html(args.output)
    status = _run(args.notebooks, args.workers)
    return status or _html(args.output)


if __name__ == "__main__":
    sys.exit(main())
