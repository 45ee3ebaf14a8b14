"""The project's setup: pinned requirements, the README's two commands, and CI running exactly the test one."""

from __future__ import annotations

import re

from helpers import paths


def readme_commands() -> list[str]:
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```bash\n(.*?)```", text, re.DOTALL).group(1)
    return [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]


def test_readme_shows_the_two_commands_first():
    assert readme_commands() == ["make report", "make test"]


def test_ci_runs_exactly_the_readme_test_command():
    script = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == readme_commands()[1]
    assert "set -euo pipefail" in commands


def test_makefile_targets_install_then_run():
    makefile = (paths.ROOT / "Makefile").read_text(encoding="utf-8")
    assert re.search(r"^test: \$\(STAMP\)\n\t\$\(BIN\)/python -m pytest$", makefile, re.MULTILINE)
    assert re.search(r"^report: \$\(STAMP\)\n\t\$\(BIN\)/python -m helpers build$", makefile, re.MULTILINE)
    assert "-r requirements.txt" in makefile


def test_requirements_pin_every_package_and_install_the_project():
    lines = [l.strip() for l in (paths.ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    packages = [l for l in lines if l and not l.startswith("#")]
    assert packages[-1] == "-e ."
    pinned = {l.split("==")[0].lower(): l.split("==")[1] for l in packages[:-1]}
    assert all("==" in l for l in packages[:-1])
    for name in ("jupyterlab", "pandas", "seaborn", "nbval", "pytest", "pytest-xdist", "hypothesis", "mplfonts", "nbconvert"):
        assert name in pinned, name


def test_top_level_layout():
    for name in ("README.md", "requirements.txt", "notebooks", "data", "helpers", "tests", "pyproject.toml", ".ci/run", "LICENSE", "CITATION.cff"):
        assert (paths.ROOT / name).exists(), name
