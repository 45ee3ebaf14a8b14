"""Benchmark the test suite and the report build against what this machine allows.

Usage (from the project root, after ``make install``)::

    .venv/bin/python benchmarks/run.py [--repeat 3] [--json benchmarks/results/latest.json]

Measures, on a throwaway copy of the project so the working tree is never touched:

- floor: wall time of the suite's own pytest command (``python -m pytest -n auto --dist loadfile --nbval
  --nbval-current-env``, run from the project copy so the same plugins and options apply) over as many trivial
  notebooks as the series has, each importing only pandas, seaborn, matplotlib and helpers; measured in the same run
  as the suite;
- one kernel + imports (for information): one trivial notebook under nbval in one process (four copies in one run,
  minus pytest's own start-up, divided by four), and that figure times the notebooks divided by the workers;
- suite: wall time of the README's test command (``make test``: the linter, then ``python -m pytest -n auto
  --dist loadfile --nbval --nbval-current-env tests notebooks``), and of its notebook part alone, to show where the
  time goes;
- rebuild: wall time of ``python -m helpers build --force`` (re-execute every notebook and export the site), then of
  a no-change build and of a build after editing one roads claim's ``quote_en`` (the incremental build);
- naive: one ``jupyter nbconvert --to notebook --execute`` per notebook, then one ``--to html`` per notebook;
- sizes: the largest chart PNG, all notebooks together, and the site.

Each timing is run ``--repeat`` times; the table shows the median with min and max.
"""

from __future__ import annotations

import argparse
import base64
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
#: The trivial notebook: the real notebooks' imports (pandas, seaborn, matplotlib and helpers' surface), nothing else.
TRIVIAL_SOURCE = (
    "import matplotlib.pyplot\n"
    "import pandas\n"
    "import seaborn\n"
    "from helpers import charts, compare, say, table, validated_claims\n"
)


def copy_project(target: Path) -> Path:
    """The whole project as it is on disk, without the environment, the site, git and caches."""
    caches = shutil.ignore_patterns(".venv", ".git", "__pycache__", ".ipynb_checkpoints", "*.egg-info", ".build-cache")

    # the built site/ at the root, not helpers/templates/site/
    def ignore(folder: str, names: list[str]) -> set[str]:
        return set(caches(folder, names)) | ({"site"} if Path(folder) == ROOT else set())

    shutil.copytree(ROOT, target, ignore=ignore)
    return target


def env_for(project: Path) -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(project)
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> float:
    started = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        raise SystemExit(
            f"benchmark command failed: {' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
        )
    return elapsed


FLOOR_COPIES = 4
#: The options `make test` passes to pytest (pyproject's addopts keep plain `pytest` light).
SUITE = ["-n", "auto", "--dist", "loadfile", "--nbval", "--nbval-current-env"]


def trivial_notebooks(folder: Path, copies: int = FLOOR_COPIES) -> list[Path]:
    """Copies of a one-cell notebook that imports what the real notebooks import."""
    import nbformat

    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}
    cell = nbformat.v4.new_code_cell(TRIVIAL_SOURCE)
    cell["id"] = "cell-01"
    notebook.cells = [cell]
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"floor_{i:02d}.ipynb" for i in range(copies)]
    for path in paths:
        nbformat.write(notebook, path)
    return paths


#: The claim whose English translation the one-claim build edits (a roads claim, as in the README).
EDITED_CLAIM = "roads.villages_newly_on_hardened_roads"


def edit_claim(claims: Path, suffix: str) -> None:
    """Append ``suffix`` to one claim's quote_en, as an analyst fixing a translation would."""
    import csv
    import io

    rows = list(csv.reader(io.StringIO(claims.read_text(encoding="utf-8"), newline="")))
    header = rows[0]
    for cells in rows[1:]:
        if cells and cells[header.index("id")] == EDITED_CLAIM:
            cells[header.index("quote_en")] += suffix
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    claims.write_text(buffer.getvalue(), encoding="utf-8")


def workers() -> int:
    """The number of xdist workers ``-n auto`` starts: one per core."""
    return os.cpu_count() or 1


def stats(values: list[float]) -> dict[str, float]:
    return {"median": statistics.median(values), "min": min(values), "max": max(values), "runs": len(values)}


def measure(repeat: int) -> dict:
    import nbformat

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        project = copy_project(Path(tmp) / "project")
        env = env_for(project)
        notebooks = sorted((project / "notebooks").glob("[0-9][0-9]_*.ipynb"))
        python = [str(BIN / "python")]
        pytest_base = [*python, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-o", "addopts=", "-p", "no:xdist"]

        floor_dir = Path(tmp) / "floor"
        trivial = trivial_notebooks(floor_dir)
        empty = floor_dir / "test_empty.py"
        empty.write_text("def test_nothing():\n    pass\n", encoding="utf-8")

        results: dict[str, list[float]] = {
            k: []
            for k in (
                "floor",
                "floor_one",
                "pytest_startup",
                "suite",
                "suite_notebooks",
                "rebuild",
                "noop",
                "one_claim",
            )
        }
        results["naive"] = []
        for run in range(repeat):
            print(f"run {run + 1} of {repeat}", file=sys.stderr, flush=True)
            # the floor: the suite's own pytest command, from the project copy, over one trivial notebook per notebook
            # of the series (in a folder of their own, removed again so that the linter and the build never see them)
            floor_project = project / "benchmark-floor"
            trivial_notebooks(floor_project, copies=len(notebooks))
            results["floor"].append(timed([*python, "-m", "pytest", *SUITE, floor_project.name], project, env))
            shutil.rmtree(floor_project)
            # several copies in one pytest run, one kernel each, so pytest's start-up is paid once and averaged out
            results["floor_one"].append(
                timed([*pytest_base, "--nbval", "--nbval-current-env", *map(str, trivial)], floor_dir, env)
            )
            results["pytest_startup"].append(timed([*pytest_base, str(empty)], floor_dir, env))
            results["suite"].append(
                timed([*python, "-m", "ruff", "check", "--no-cache", "."], project, env)
                + timed([*python, "-m", "pytest", *SUITE, "tests", "notebooks"], project, env)
            )
            results["suite_notebooks"].append(timed([*python, "-m", "pytest", *SUITE, "notebooks"], project, env))
            build = [*python, "-m", "helpers", "build", "-o", str(Path(tmp) / "site")]
            results["rebuild"].append(timed([*build, "--force"], project, env))
            results["noop"].append(timed(build, project, env))
            edit_claim(project / "data" / "claims.csv", f" (revised {run})")
            results["one_claim"].append(timed(build, project, env))
            naive_out = Path(tmp) / "naive"
            naive_out.mkdir(exist_ok=True)
            started = time.perf_counter()
            for notebook in notebooks:
                executed = naive_out / notebook.name
                timed(
                    [
                        str(BIN / "jupyter"),
                        "nbconvert",
                        "--to",
                        "notebook",
                        "--execute",
                        "--output",
                        str(executed),
                        str(notebook),
                    ],
                    notebook.parent,
                    env,
                )
            for notebook in notebooks:
                timed(
                    [
                        str(BIN / "jupyter"),
                        "nbconvert",
                        "--to",
                        "html",
                        "--output-dir",
                        str(naive_out),
                        str(naive_out / notebook.name),
                    ],
                    naive_out,
                    env,
                )
            results["naive"].append(time.perf_counter() - started)

        largest_png = 0
        for notebook in notebooks:
            for cell in nbformat.read(notebook, as_version=4).cells:
                for output in cell.get("outputs", []):
                    png = output.get("data", {}).get("image/png")
                    if png:
                        largest_png = max(largest_png, len(base64.b64decode(png)))
        site = Path(tmp) / "site"
        sizes = {
            "largest_png_bytes": largest_png,
            "notebooks_bytes": sum(p.stat().st_size for p in notebooks),
            "site_bytes": sum(p.stat().st_size for p in site.rglob("*") if p.is_file()),
        }

    per_kernel = [max(0.0, a - b) / FLOOR_COPIES for a, b in zip(results["floor_one"], results["pytest_startup"])]
    count, parallel = len(notebooks), workers()
    derived = [k * count / parallel for k in per_kernel]
    floor = results["floor"]
    report = {
        "date": date.today().isoformat(),
        "machine": {"cores": os.cpu_count(), "python": platform.python_version(), "platform": platform.platform()},
        "notebooks": count,
        "workers": parallel,
        "timings_seconds": {
            "kernel_start_and_imports": stats(per_kernel),
            "kernel_starts_over_workers": stats(derived),
            "floor": stats(floor),
            "suite": stats(results["suite"]),
            "suite_notebooks_only": stats(results["suite_notebooks"]),
            "rebuild": stats(results["rebuild"]),
            "noop_build": stats(results["noop"]),
            "one_claim_build": stats(results["one_claim"]),
            "naive": stats(results["naive"]),
        },
        "ratios": {
            "suite_over_floor": statistics.median(results["suite"]) / statistics.median(floor),
            "notebooks_only_over_floor": statistics.median(results["suite_notebooks"]) / statistics.median(floor),
            "rebuild_over_naive": statistics.median(results["rebuild"]) / statistics.median(results["naive"]),
            "noop_over_full": statistics.median(results["noop"]) / statistics.median(results["rebuild"]),
            "one_claim_over_full": statistics.median(results["one_claim"]) / statistics.median(results["rebuild"]),
        },
        "sizes": sizes,
        "targets": {
            "suite_over_floor": 1.5,
            "rebuild_over_naive": 0.5,
            "noop_over_full": 0.15,
            "one_claim_over_full": 0.35,
            "largest_png_bytes": 100_000,
            "notebooks_bytes": 3_000_000,
            "site_bytes": 8_000_000,
        },
    }
    return report


def met(value: float, target: float) -> str:
    return "yes" if value <= target else "no"


def table(report: dict) -> str:
    t = report["timings_seconds"]
    lines = [
        f"Machine: {report['machine']['cores']} cores, Python {report['machine']['python']}, "
        f"{report['machine']['platform']}; "
        f"{report['notebooks']} notebooks, {report['workers']} workers; {report['date']}",
        "",
        "| measure | median (s) | min (s) | max (s) | runs |",
        "|---|---:|---:|---:|---:|",
    ]
    for key, label in (
        ("kernel_start_and_imports", "one kernel + imports (for information)"),
        ("kernel_starts_over_workers", "the same × notebooks / workers (for information)"),
        ("floor", "floor (the suite's pytest over trivial notebooks)"),
        ("suite", "suite (make test)"),
        ("suite_notebooks_only", "suite, notebooks only (nbval)"),
        ("rebuild", "full build (helpers build --force)"),
        ("noop_build", "no-change build"),
        ("one_claim_build", "build after editing one claim"),
        ("naive", "naive nbconvert per notebook"),
    ):
        if key not in t:  # results written before this measure existed (--from-json)
            continue
        s = t[key]
        lines.append(f"| {label} | {s['median']:.1f} | {s['min']:.1f} | {s['max']:.1f} | {s['runs']} |")
    r, z, g = report["ratios"], report["sizes"], report["targets"]
    lines += [
        "",
        "| ratio or size | value | target | met |",
        "|---|---:|---:|:---:|",
        f"| suite / floor | {r['suite_over_floor']:.2f} | ≤ {g['suite_over_floor']} | "
        f"{met(r['suite_over_floor'], g['suite_over_floor'])} |",
        f"| notebooks only / floor | {r['notebooks_only_over_floor']:.2f} | — | — |",
        f"| rebuild / naive | {r['rebuild_over_naive']:.2f} | ≤ {g['rebuild_over_naive']} | "
        f"{met(r['rebuild_over_naive'], g['rebuild_over_naive'])} |",
        f"| no-change build / full | {r['noop_over_full']:.2f} | ≤ {g['noop_over_full']} | "
        f"{met(r['noop_over_full'], g['noop_over_full'])} |",
        f"| one-claim build / full | {r['one_claim_over_full']:.2f} | ≤ {g['one_claim_over_full']} | "
        f"{met(r['one_claim_over_full'], g['one_claim_over_full'])} |",
        f"| largest chart PNG | {z['largest_png_bytes'] / 1000:.0f} KB | ≤ 100 KB | "
        f"{met(z['largest_png_bytes'], g['largest_png_bytes'])} |",
        f"| all notebooks | {z['notebooks_bytes'] / 1e6:.2f} MB | ≤ 3 MB | "
        f"{met(z['notebooks_bytes'], g['notebooks_bytes'])} |",
        f"| site | {z['site_bytes'] / 1e6:.2f} MB | ≤ 8 MB | {met(z['site_bytes'], g['site_bytes'])} |",
    ]
    return "\n".join(lines)


START, END = "<!-- benchmark:start -->", "<!-- benchmark:end -->"


def readme_block(report: dict) -> str:
    """The README's results block: the table and where the suite's time goes, from the measured numbers."""
    t, r = report["timings_seconds"], report["ratios"]
    notebooks = t["suite_notebooks_only"]["median"]
    allowed = report["targets"]["suite_over_floor"] * t["floor"]["median"]
    if notebooks >= allowed:
        budget = (
            f"The target allows {allowed:.1f} s for the whole suite, and the notebooks alone take more, so it cannot "
            "be met while `make test` runs every notebook and any test besides."
        )
    else:
        budget = (
            f"The target allows {allowed:.1f} s for the whole suite, which leaves {allowed - notebooks:.1f} s "
            "for every test besides the notebooks."
        )
    return "\n".join(
        [
            START,
            table(report),
            "",
            f"Where the suite's time goes: nbval over the {report['notebooks']} notebooks alone takes "
            f"{notebooks:.1f} s ({r['notebooks_only_over_floor']:.2f} × the floor); the other "
            f"{t['suite']['median'] - notebooks:.1f} s are the tests that prove the project's reliability by running "
            f"it for real (see below). {budget}",
            END,
        ]
    )


def update_readme(report: dict, readme: Path = ROOT / "README.md") -> None:
    text = readme.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{readme} has no {START} ... {END} block to update")
    before, rest = text.split(START, 1)
    after = rest.split(END, 1)[1]
    readme.write_text(before + readme_block(report) + after, encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each timing (default 3)")
    parser.add_argument(
        "--json", type=Path, default=ROOT / "benchmarks" / "results" / "latest.json", help="where to write the results"
    )
    parser.add_argument("--readme", action="store_true", help="also rewrite the results block of README.md")
    parser.add_argument("--from-json", action="store_true", help="measure nothing; reuse the results in --json")
    args = parser.parse_args()
    if args.from_json:
        report = json.loads(args.json.read_text(encoding="utf-8"))
    else:
        report = measure(args.repeat)
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(report, indent=2) + "\n", encoding="utf-8")
    if args.readme:
        update_readme(report)
    print(table(report))
    print(f"\nresults written to {args.json}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
