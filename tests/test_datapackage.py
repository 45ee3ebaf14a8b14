"""data/datapackage.json: a Frictionless data package written from the schema and the codebook, kept up to date, that
describes every CSV and every column, and that Frictionless itself validates, foreign keys included."""

from __future__ import annotations

import csv
import json

import pytest
from frictionless import validate

from helpers.ledger import datapackage, paths

from datafiles import row_where, set_cell


def test_the_committed_descriptor_is_the_one_the_schema_writes():
    committed = (paths.DATA / datapackage.DESCRIPTOR).read_text(encoding="utf-8")
    assert committed == datapackage.text(), "run .venv/bin/python -m helpers.ledger.datapackage"
    assert datapackage.main(["--check"]) == 0


def test_every_csv_and_every_column_is_described():
    package = json.loads((paths.DATA / datapackage.DESCRIPTOR).read_text(encoding="utf-8"))
    resources = {r["path"]: r for r in package["resources"]}
    assert set(resources) == {p.name for p in paths.DATA.glob("*.csv")}
    for name, resource in resources.items():
        with (paths.DATA / name).open(encoding="utf-8", newline="") as handle:
            header = next(csv.reader(handle))
        fields = resource["schema"]["fields"]
        assert [f["name"] for f in fields] == header, name
        assert all(f["description"].strip() for f in fields), name


def test_frictionless_validates_the_data_with_its_keys():
    report = validate(paths.DATA / datapackage.DESCRIPTOR)
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads((paths.DATA / datapackage.DESCRIPTOR).read_text(encoding="utf-8"))
    keys = {r["name"]: r["schema"].get("foreignKeys", []) for r in package["resources"]}
    assert keys["reports"] and keys["claims"]  # reports name claims and searches; claims name places


@pytest.mark.parametrize(
    "filename, key, column, value, error",
    [
        ("claims.csv", "overview.poor_villages_exited", "unit", "furlongs", "constraint-error"),
        ("claims.csv", "overview.poor_villages_exited", "period", "last year", "constraint-error"),
        ("reports.csv", "r001", "claim", "overview.no_such_claim", "foreign-key"),
        ("claims.csv", "overview.poor_villages_exited", "geography", "atlantis", "foreign-key"),
        ("claims.csv", "overview.poor_villages_exited", "value", "404万", "type-error"),
    ],
)
def test_frictionless_refuses_a_broken_copy(data_copy, filename, key, column, value, error):
    (data_copy / datapackage.DESCRIPTOR).write_text(datapackage.text(data_copy), encoding="utf-8")
    set_cell(data_copy / filename, row_where(data_copy / filename, "id", key), column, value)
    report = validate(data_copy / datapackage.DESCRIPTOR)
    errors = report.flatten(["type", "fieldName", "cells"])
    # a foreign-key error names no field, but it holds the row's cells, the broken value among them
    assert not report.valid and any(e[0] == error and (e[1] == column or value in e[2]) for e in errors), errors
