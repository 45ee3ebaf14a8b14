"""The data files as a Frictionless data package (``data/datapackage.json``), written from the one schema.

Each CSV of ``data/`` is a tabular resource whose fields come from :mod:`helpers.ledger.schema` (type, required, allowed
values, patterns) and whose descriptions come from the codebook's tables (``data/README.md``): a column is described
once, in the codebook, and typed once, in the schema. Primary keys are the tables' keys; foreign keys tie claims,
checks' reports, searches and context figures to the rows they name.

    .venv/bin/python -m helpers.ledger.datapackage          # rewrite data/datapackage.json
    .venv/bin/python -m helpers.ledger.datapackage --check  # exit 1 if it is out of date

The project's own loader stays the strict one (it also checks quotes against the article, sums and premises); the
package lets any Frictionless tool read and validate the files (``frictionless validate data/datapackage.json``).
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from helpers.ledger import paths, schema

__all__ = ["descriptor", "write", "FOREIGN_KEYS", "DESCRIPTOR"]

DESCRIPTOR = "datapackage.json"
#: Data files in the package, in the codebook's order.
SPECS = (
    schema.CLAIMS,
    schema.NON_CLAIMS,
    schema.GLOSSARY,
    schema.PLACES,
    schema.CONTEXT,
    schema.CHECKS,
    schema.SEARCHES,
    schema.REPORTS,
)
#: (file, column) → (file, column) it refers to.
FOREIGN_KEYS: dict[tuple[str, str], tuple[str, str]] = {
    ("claims.csv", "geography"): ("places.csv", "slug"),
    ("context.csv", "place"): ("places.csv", "slug"),
    ("reports.csv", "claim"): ("claims.csv", "id"),
    ("reports.csv", "search"): ("searches.csv", "id"),
}


def _descriptions(codebook: str) -> dict[tuple[str, str], str]:
    """(file, column) → the codebook's "Meaning" of the column, from the table under each ``## <file> —`` heading."""
    found: dict[tuple[str, str], str] = {}
    filename, meaning = None, None
    for line in codebook.splitlines():
        heading = re.match(r"^## (\S+\.csv) —", line)
        if heading:
            filename, meaning = heading.group(1), None
            continue
        if line.startswith("## "):
            filename = None
        if filename is None or not line.startswith("|"):
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if cells[0] == "Column":
            meaning = cells.index("Meaning")
            continue
        names = re.findall(r"`([a-z_]+)`", cells[0])  # a row may describe two columns: `a`, `b`
        if names and meaning is not None and len(cells) > meaning:
            for name in names:
                found[(filename, name)] = cells[meaning].replace("`", "")
    return found


def _field(spec: schema.TableSpec, column: schema.Column, descriptions: dict) -> dict:
    constraints: dict = {"required": True} if column.required else {}
    kind = {"decimal": "number", "int": "integer", "date": "date"}.get(column.type, "string")
    if column.type == "enum":
        constraints["enum"] = list(column.allowed)
    elif column.type == "slug":
        constraints["pattern"] = column.pattern.removeprefix("^").removesuffix("$").replace(r"\d", "[0-9]")
    elif column.type == "period":
        constraints["pattern"] = schema.PERIOD_PATTERN  # the loader also checks the dates exist and run forwards
    elif column.type == "int":
        constraints["minimum"] = 1
    elif column.type == "url":
        constraints["pattern"] = schema.URL_PATTERN
    if spec.key == column.name:
        constraints["unique"] = True
    field = {"name": column.name, "type": kind}
    if column.type == "decimal":
        field["bareNumber"] = True  # no 万, %, or thousands separators, as the codebook asks
        field["groupChar"] = ""
    description = descriptions.get((spec.filename, column.name))
    if description is None:
        raise ValueError(f"data/README.md does not describe {spec.filename}, column {column.name!r}")
    field["description"] = description
    if constraints:
        field["constraints"] = constraints
    return field


def descriptor(folder: Path | None = None) -> dict:
    """The package descriptor of ``folder`` (default ``data/``)."""
    folder = Path(folder or paths.DATA)
    descriptions = _descriptions((folder / "README.md").read_text(encoding="utf-8"))
    resources = []
    for spec in SPECS:
        resource = {
            "name": spec.filename.removesuffix(".csv"),
            "path": spec.filename,
            "type": "table",
            "scheme": "file",
            "format": "csv",
            "mediatype": "text/csv",
            "encoding": "utf-8",
            "schema": {
                "fields": [_field(spec, c, descriptions) for c in spec.columns],
                "missingValues": [""],
            },
        }
        if spec.key:
            resource["schema"]["primaryKey"] = [spec.key]
        keys = [
            {"fields": [column], "reference": {"resource": target.removesuffix(".csv"), "fields": [key]}}
            for (source, column), (target, key) in FOREIGN_KEYS.items()
            if source == spec.filename
        ]
        if keys:
            resource["schema"]["foreignKeys"] = keys
        resources.append(resource)
    return {
        "name": "kunming-poverty-alleviation-check",
        "title": "Kunming's poverty-alleviation results, checked: the ledger",
        "description": (
            "Every figure of one Yunnan Daily article (2020-08-11) with its verbatim quote, the checks of the figures, "
            "cited context, the search trail and other publications' reports. Codebook: README.md."
        ),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "resources": resources,
    }


def text(folder: Path | None = None) -> str:
    return json.dumps(descriptor(folder), ensure_ascii=False, indent=2) + "\n"


def write(folder: Path | None = None) -> Path:
    """Write ``datapackage.json`` into ``folder`` (atomically) and return its path."""
    target = Path(folder or paths.DATA) / DESCRIPTOR
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(text(folder), encoding="utf-8")
    temporary.replace(target)
    return target


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    target = paths.DATA / DESCRIPTOR
    if "--check" in argv:
        current = target.read_text(encoding="utf-8") if target.exists() else ""
        if current != text():
            print(
                f"{target.relative_to(paths.ROOT)} is out of date: run .venv/bin/python -m helpers.ledger.datapackage"
            )
            return 1
        return 0
    print(f"wrote {write().relative_to(paths.ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
