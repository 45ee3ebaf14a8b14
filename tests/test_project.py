"""The project's setup, by behaviour: the README's two commands, what `make test` runs, pins, layout, the linter."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys

import pytest

from helpers.ledger import paths


def readme_commands() -> list[str]:
    text = (paths.ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```bash\n(.*?)```", text, re.DOTALL).group(1)
    return [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]


def dry_run(target: str) -> str:
    """What `make TARGET` would run, without running it (make -n), as if the venv were already installed."""
    result = subprocess.run(
        ["make", "-n", "-o", ".venv/.installed", target], capture_output=True, text=True, cwd=paths.ROOT, timeout=60
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_readme_shows_the_two_commands_first():
    assert readme_commands() == ["make report", "make test"]


def test_ci_runs_exactly_the_readme_test_command():
    script = (paths.ROOT / ".ci" / "run").read_text(encoding="utf-8")
    commands = [line.strip() for line in script.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    assert commands[-1] == readme_commands()[1]
    assert "set -euo pipefail" in commands


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_test_lints_then_runs_every_test_and_every_notebook():
    commands = dry_run("test").splitlines()
    lint = next(i for i, c in enumerate(commands) if "-m ruff check" in c)
    suite = next(i for i, c in enumerate(commands) if "-m pytest" in c)
    assert lint < suite, "the linter runs first"
    pytest_line = commands[suite]
    for part in ("--nbval", "--nbval-current-env", "-n auto", "--dist loadfile", " tests", " notebooks"):
        assert part in pytest_line, part


@pytest.mark.skipif(shutil.which("make") is None, reason="make is not installed")
def test_make_report_runs_every_notebook_then_builds_the_site():
    assert re.search(r"python -m helpers build\s*$", dry_run("report"), re.MULTILINE)


def test_plain_pytest_is_a_fast_inner_loop():
    """`pytest tests/test_numbers.py` must not start notebook kernels or xdist workers."""
    text = (paths.ROOT / "pyproject.toml").read_text(encoding="utf-8")
    addopts = re.search(r'^addopts = "(.*)"$', text, re.MULTILINE).group(1)
    assert "--nbval" not in addopts and "-n " not in addopts


def test_the_linter_passes_on_the_code():
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "."],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout[-3000:]


def test_the_linter_is_configured_and_catches_a_long_line(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("x = 1\n" + "y = '" + "a" * 130 + "'\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "ruff", "check", "--no-cache", "--config", str(paths.ROOT / "pyproject.toml"), str(bad)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1 and "E501" in result.stdout


def test_requirements_pin_every_package_and_install_the_project():
    lines = [line.strip() for line in (paths.ROOT / "requirements.txt").read_text(encoding="utf-8").splitlines()]
    packages = [line for line in lines if line and not line.startswith("#")]
    assert packages[-1] == "-e ."
    assert all("==" in line for line in packages[:-1])
    pinned = {line.split("==")[0].lower() for line in packages[:-1]}
    for name in (
        "jupyterlab",
        "pandas",
        "seaborn",
        "nbval",
        "pytest",
        "pytest-xdist",
        "hypothesis",
        "mplfonts",
        "nbconvert",
        "ruff",
        "nh3",
        "selenium",
        "axe-selenium-python",
    ):
        assert name in pinned, name


def test_top_level_layout():
    for name in (
        "README.md",
        "requirements.txt",
        "notebooks",
        "data",
        "helpers",
        "tests",
        "pyproject.toml",
        ".ci/run",
        "LICENSE",
        "CITATION.cff",
    ):
        assert (paths.ROOT / name).exists(), name


def test_the_package_exports_the_notebooks_surface_and_nothing_else():
    """``helpers.__all__`` is the set of names the notebooks import (at most 20), each shown in the helpers README."""
    import helpers

    imported = set()
    for notebook in paths.NOTEBOOKS.glob("*.ipynb"):
        for cell in json.loads(notebook.read_text(encoding="utf-8"))["cells"]:
            for names in re.findall(r"from helpers import ([^\n]+)", "".join(cell["source"])):
                imported |= {n.strip(" ()") for n in names.split(",")}
    assert set(helpers.__all__) == imported and len(helpers.__all__) <= 20
    readme = (paths.ROOT / "helpers" / "README.md").read_text(encoding="utf-8")
    surface = ",".join(re.findall(r"from helpers import ([^\n]+)", readme.split("## Starting a notebook")[0]))
    assert {n.strip() for n in surface.split(",")} == imported
    with pytest.raises(AttributeError):
        helpers.load_claims  # noqa: B018  (loaders live in their modules)


#: What each layer of helpers may import from the others: imports only run downward. The ledger loads, validates and
#: judges the data; the notebook layer shows it in a kernel (tables, prose, charts); publishing writes pages, runs
#: notebooks as files and never imports the notebook layer, so the site exports without a plotting library.
LAYERS = {
    "style": set(),
    "i18n": set(),
    "markup": {"style"},
    "ledger": {"i18n"},
    "notebook": {"ledger", "style", "markup"},
    "publish": {"ledger", "style", "i18n", "markup"},
    "__main__": {"publish"},
    "__init__": set(),  # the notebooks' names load lazily, by module path
}


def _helpers_imports(path) -> set[str]:
    """The helpers layers (``ledger``, ``style``, …) that a module imports, at any depth of its code."""
    import ast

    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.ImportFrom) and node.level:
            raise AssertionError(f"{path}: relative import; helpers imports by absolute path")
        if isinstance(node, ast.ImportFrom) and node.module and node.module.split(".")[0] == "helpers":
            parts = node.module.split(".")
            names = [parts[1]] if len(parts) > 1 else [a.name for a in node.names]
        elif isinstance(node, ast.Import):
            names = [a.name.split(".")[1] for a in node.names if a.name.startswith("helpers.")]
        found |= set(names)
    return found


def test_imports_only_run_downward_through_the_layers():
    package = paths.ROOT / "helpers"
    modules = sorted(package.rglob("*.py"))
    layers = {p.relative_to(package).parts[0].removesuffix(".py") for p in modules}
    assert layers == set(LAYERS), "a new layer of helpers needs its place in LAYERS"
    for path in modules:
        layer = path.relative_to(package).parts[0].removesuffix(".py")
        wrong = _helpers_imports(path) - LAYERS[layer] - {layer}
        assert not wrong, f"{path.relative_to(paths.ROOT)} ({layer}) imports {sorted(wrong)}"


def test_the_layer_check_catches_an_upward_import(tmp_path):
    upward = tmp_path / "grades.py"
    upward.write_text("def f():\n    from helpers.notebook import charts\n", encoding="utf-8")
    assert _helpers_imports(upward) - LAYERS["ledger"] - {"ledger"} == {"notebook"}
    relative = tmp_path / "data.py"
    relative.write_text("from . import paths\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="relative import"):
        _helpers_imports(relative)


#: An HTML element written as a tag, opening or closing (``<td class="num">``, ``</main>``).
_TAG = re.compile(
    r"</?(a|p|ul|ol|li|span|div|table|thead|tbody|tr|th|td|strong|em|b|i|code|pre|script|style|link|meta|head|body|"
    r"html|main|nav|header|footer|section|article|picture|source|img|figure|figcaption|h[1-6]|br|hr|small|abbr|"
    r"details|summary|dl|dt|dd|blockquote|mark|sup|sub|title|svg|button|input|form|label|caption|q)\b[^>]*>"
)


def _lines_with_tags(paths_: list) -> list[str]:
    return [
        f"{p}:{n}"
        for p in paths_
        for n, line in enumerate(p.read_text(encoding="utf-8").splitlines(), 1)
        if _TAG.search(line)
    ]


def test_html_is_written_by_templates_not_by_python(tmp_path):
    """Pages, tables and stylesheets are Jinja2 templates in helpers/templates/; what tags remain in helpers' Python
    (docstrings and comments included) are the few that post-process nbconvert's pages."""
    found = _lines_with_tags(sorted((paths.ROOT / "helpers").rglob("*.py")))
    assert len(found) <= 30, found
    sample = tmp_path / "page.py"
    sample.write_text('x = f"<td class=\\"num\\">{v}</td>"\ny = "no tags: a < b > c"\n', encoding="utf-8")
    assert len(_lines_with_tags([sample])) == 1
