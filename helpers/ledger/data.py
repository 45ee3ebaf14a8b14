"""Load and validate the data files, and look figures up by id.

Every loader checks its file against the codebook (``data/README.md``) and raises one
:class:`~helpers.ledger.errors.DataValidationError` that lists every problem with its file, row, column, the value found
and what was expected. ``data_dir`` defaults to the project's ``data/`` folder; tests pass a copy.

Loaded files are cached on their path, size and modification time, so an analyst who edits a CSV and re-runs a
cell in a live kernel gets the new values, never a stale copy.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import TypeVar

import pandas as pd

from helpers.ledger import paths, reads, source
from helpers.ledger.errors import DataFolderError, DataValidationError, LookupProblem, Problem
from helpers.ledger.numbers import FigureParseError, parse_decimal, parse_figure
from helpers.ledger.schema import (
    CLAIMS,
    CONTEXT,
    FIGURES,
    GLOSSARY,
    NON_CLAIMS,
    PLACES,
    REPORTS,
    SCOPES,
    SEARCHES,
    SECTOR_SLUGS,
    UNIT_WORDS,
    TableSpec,
    parse_period,
)
from helpers.ledger.tables import Record, display_name, read_table
from helpers.ledger.values import Claim, Ref, Reported

__all__ = [
    "load_places",
    "load_claims",
    "load_non_claims",
    "load_glossary",
    "load_context",
    "load_searches",
    "load_reports",
    "claims",
    "claim",
    "ref",
    "place",
    "coverage_gaps",
    "data_dir",
]

T = TypeVar("T")


def data_dir(folder: Path | None = None) -> Path:
    """The data folder to read (the project's ``data/`` unless a copy is given), checked to exist."""
    folder = (Path(folder) if folder is not None else paths.DATA).resolve()
    if not (folder / CLAIMS.filename).exists() and not (folder / "raw").is_dir():
        if folder == paths.DATA.resolve() and not (paths.ROOT / "pyproject.toml").exists():
            raise DataFolderError(
                f"helpers is installed without the project's data: {folder} does not exist. The notebooks read data/ "
                "from the clone the package is installed from; install it with `pip install -e .` (editable) from a "
                "clone of the repository, as requirements.txt does."
            )
        raise DataFolderError(
            f"{folder} is not a data folder of this project: it holds neither claims.csv nor raw/. "
            f"Expected the project's data/ folder ({paths.DATA}) or a copy of it."
        )
    return folder


# --- the cache: keyed on the files' path, size and modification time ------------------------------------------------

_CACHE: dict[tuple[str, Path], tuple[tuple, object]] = {}


def _cached(kind: str, folder: Path, files: tuple[str, ...], build: Callable[[Path], T]) -> T:
    stamps = tuple(source.stamp(folder / name) for name in files)
    hit = _CACHE.get((kind, folder))
    if hit is not None and hit[0] == stamps:
        return hit[1]  # type: ignore[return-value]
    value = build(folder)
    _CACHE[(kind, folder)] = (stamps, value)
    return value


_RAW = ("raw/source.json", "raw/article.txt")


def _raise(problems: list[Problem]) -> None:
    if problems:
        raise DataValidationError(problems)


def _frame(records: list[Record], spec: TableSpec) -> pd.DataFrame:
    frame = pd.DataFrame([r.cells for r in records], columns=list(spec.names))
    frame.insert(len(frame.columns), "row", [r.row for r in records])
    return frame


_HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")


def _read(folder: Path, spec: TableSpec) -> tuple[str, list[Record], list[Problem]]:
    path = folder / spec.filename
    records, problems = read_table(path, spec)
    name = display_name(path)
    chinese = [c.name for c in spec.columns if c.name.endswith("_zh") and c.required]
    for record in records:  # a required Chinese column holds Chinese (the Chinese edition of the site shows it)
        for column in chinese:
            value = record.cells.get(column, "")
            if value and not _HAN.search(value):
                problems.append(Problem(name, record.row, column, value, "Chinese text (a _zh column)"))
    return name, records, problems


def _paired(name: str, record: Record, column: str, problems: list[Problem]) -> None:
    """``column`` and its Chinese, ``column_zh``, are both filled or both empty."""
    english, chinese = record.cells.get(column, ""), record.cells.get(f"{column}_zh", "")
    if bool(english) != bool(chinese):
        expected = f"its Chinese, since {column} is filled" if english else f"nothing, since {column} is empty"
        problems.append(Problem(name, record.row, f"{column}_zh", chinese, expected))


# --- places ---------------------------------------------------------------------------------------------------------


def _build_places(folder: Path) -> pd.DataFrame:
    name, records, problems = _read(folder, PLACES)
    slugs = {r.cells.get("slug") for r in records}
    for record in records:
        for member in record.cells.get("members", "").split():
            if member not in slugs:
                problems.append(
                    Problem(name, record.row, "members", member, "slugs of other rows of places.csv, space-separated")
                )
    _raise(problems)
    return _frame(records, PLACES)


@reads.records(reads.whole("places.csv"))
def load_places(folder: Path | None = None) -> pd.DataFrame:
    """Places the claims and context figures apply to: names, kinds and the members of groups."""
    folder = data_dir(folder)
    return _cached("places", folder, (PLACES.filename,), _build_places).copy()


# --- claims ---------------------------------------------------------------------------------------------------------


def _check_claim(name: str, record: Record, raw_dir: Path, places: set[str]) -> list[Problem]:
    cells, row = record.cells, record.row
    problems: list[Problem] = []

    def problem(column: str, expected: str) -> None:
        problems.append(Problem(name, row, column, cells.get(column, ""), expected))

    if cells["sector"] in SECTOR_SLUGS and not cells["id"].startswith(cells["sector"] + "."):
        problem("id", f"an id starting with its sector, '{cells['sector']}.'")
    if cells["geography"] and cells["geography"] not in places:
        problem("geography", "the slug of a place in places.csv: " + ", ".join(sorted(places)))
    quote, as_written = cells["quote"], cells["as_written"]
    if quote:
        found = source.occurrences(quote, raw_dir)
        if found != 1:
            where = "not found" if found == 0 else f"found {found} times"
            problem(
                "quote",
                f"a verbatim substring of the article that occurs exactly once ({where}; quotes must match the "
                "article byte for byte)",
            )
    if (cells.get("period") == "unstated") != (cells.get("period_basis") == "none"):
        problem("period_basis", "'none' exactly when period is 'unstated'")
    if as_written and quote and as_written not in quote:
        problem("as_written", "the figure exactly as it appears inside the quote")
    kind = cells["kind"]
    has_digits = bool(re.search(r"\d", as_written))
    if kind == "figure" and as_written and not has_digits:
        problem("as_written", "Arabic digits, since kind is 'figure'")
    if kind in ("chinese_numeral", "word") and has_digits:
        problem("as_written", f"no Arabic digits, since kind is '{kind}'")
    if kind == "word" and cells["value"] not in ("0", "100"):
        problem("value", "0 or 100, since kind is 'word' (全面清零 = 0; 全覆盖, 全部达标 … = 100)")
    if kind in ("figure", "chinese_numeral") and as_written:
        try:
            figure = parse_figure(as_written)
        except FigureParseError:
            problem("as_written", "a figure the parser understands, such as 21.28亿元, 4000余座, 96.34% or 四类")
        else:
            try:
                stated = parse_decimal(cells["value"])
            except FigureParseError:
                stated = None  # already reported by the cell check
            if stated is not None and stated != figure.value:
                problem(
                    "value",
                    f"{format(figure.value, 'f')}, the value of as_written {as_written!r} in base units "
                    "(万 and 亿 expanded)",
                )
            if cells["qualifier"] and figure.qualifier != cells["qualifier"]:
                problem("qualifier", f"'{figure.qualifier}', the qualifier written in as_written {as_written!r}")
            if figure.percent != (cells["unit"] == "percent"):
                problem("unit", "'percent' exactly when as_written ends in %")
            allowed = UNIT_WORDS.get(figure.unit_text)
            if allowed and cells["unit"] not in allowed:
                problem("unit", f"one of {', '.join(sorted(allowed))}, as as_written says {figure.unit_text!r}")
    return problems


def _one_translation(name: str, records: list[Record], problems: list[Problem]) -> None:
    """Claims that quote the same words give them the same translation (a sector shows each quote once)."""
    first: dict[str, Record] = {}
    for record in records:
        quote, english = record.cells["quote"], record.cells["quote_en"]
        earlier = first.setdefault(quote, record)
        if quote and earlier is not record and english != earlier.cells["quote_en"]:
            problems.append(
                Problem(
                    name,
                    record.row,
                    "quote_en",
                    english,
                    f"the translation of row {earlier.row} ({earlier.cells['id']}), which quotes the same words: "
                    f"{earlier.cells['quote_en']!r}",
                )
            )


def _build_claims(folder: Path) -> pd.DataFrame:
    raw_dir = folder / "raw"
    source.article_text(raw_dir)  # the sha256 check comes first: quotes are checked against this file
    places = set(load_places(folder)["slug"])
    name, records, problems = _read(folder, CLAIMS)
    if not any(p.row == 1 for p in problems):
        for record in records:
            problems += _check_claim(name, record, raw_dir, places)
            _paired(name, record, "note", problems)
        _one_translation(name, records, problems)
    _raise(problems)
    frame = _frame(records, CLAIMS)
    frame["exact"] = [parse_decimal(v) for v in frame["value"]]
    frame["value"] = [float(v) for v in frame["exact"]]
    periods = [parse_period(p) for p in frame["period"]]
    frame["period_start"] = pd.to_datetime([p.start for p in periods])
    frame["period_end"] = pd.to_datetime([p.end for p in periods])
    return frame


@reads.records(reads.whole("claims.csv"))
def load_claims(folder: Path | None = None) -> pd.DataFrame:
    """The claim ledger, validated, one row per figure of the article.

    Adds ``row`` (spreadsheet row in the file), ``exact`` (the value as an exact ``Decimal``), and
    ``period_start`` and ``period_end`` (``NaT`` when unstated); ``value`` becomes a float.
    """
    folder = data_dir(folder)
    return _cached("claims", folder, (CLAIMS.filename, PLACES.filename, *_RAW), _build_claims).copy()


@reads.records(lambda frame, sector=None, folder=None: [("claims.csv", frame["id"] if sector else (reads.ALL,))])
def claims(sector: str | None = None, folder: Path | None = None) -> pd.DataFrame:
    """The ledger, or the claims of one sector, in article order, indexed by id."""
    frame = load_claims(folder)
    if sector is not None:
        if sector not in SECTOR_SLUGS:
            raise LookupProblem(f"unknown sector {sector!r}; sectors are {', '.join(SECTOR_SLUGS)}")
        frame = frame[frame["sector"] == sector]
    return frame.set_index("id", drop=False)


def _claim_objects(folder: Path) -> dict[str, Claim]:
    def build(folder: Path) -> dict[str, Claim]:
        frame = load_claims(folder)
        fields = [f for f in Claim.__dataclass_fields__ if f != "decimals"]
        return {
            row["id"]: Claim(**{f: row[f] for f in fields} | {"value": float(row["value"]), "row": int(row["row"])})
            for row in frame.to_dict("records")
        }

    return _cached("claim_objects", folder, (CLAIMS.filename, PLACES.filename, *_RAW), build)


def _suggest(wanted: str, known: list[str]) -> str:
    close = difflib.get_close_matches(wanted, known, n=3, cutoff=0.6)
    return f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""


@reads.records(lambda found, claim_id, folder=None: [("claims.csv", [claim_id])])
def claim(claim_id: str, folder: Path | None = None) -> Claim:
    """One claim of the ledger by id, e.g. ``claim("overview.registered_poor_people")``."""
    folder = data_dir(folder)
    objects = _claim_objects(folder)
    if claim_id in objects:
        return objects[claim_id]
    where = f"in {display_name(folder / CLAIMS.filename)}"
    prefix = claim_id.split(".")[0]
    if "." not in claim_id:
        message = f"{claim_id!r} is not a claim id: claim ids are <sector>.<name>, such as 'water.pipelines'"
    elif prefix in SCOPES:
        message = f"{claim_id!r} is a context id (it starts with {prefix}.); look it up with ref({claim_id!r})"
    elif prefix not in SECTOR_SLUGS:
        message = f"no claim {claim_id!r} {where}: {prefix!r} is not a sector (sectors: {', '.join(SECTOR_SLUGS)})"
    else:
        message = f"no claim {claim_id!r} {where}"
    raise LookupProblem(message + _suggest(claim_id, list(objects)))


# --- non-claims and glossary ----------------------------------------------------------------------------------------


def _build_non_claims(folder: Path) -> pd.DataFrame:
    raw_dir = folder / "raw"
    source.article_text(raw_dir)
    name, records, problems = _read(folder, NON_CLAIMS)
    for record in records:
        quote, expected = record.cells.get("quote", ""), record.cells.get("occurrences", "")
        if quote and re.fullmatch(r"[1-9]\d*", expected):
            found = source.occurrences(quote, raw_dir)
            if found != int(expected):
                problems.append(
                    Problem(
                        name,
                        record.row,
                        "quote",
                        quote,
                        f"a verbatim substring of the article that occurs exactly {expected} time(s), as "
                        f"'occurrences' says (found {found})",
                    )
                )
    _raise(problems)
    frame = _frame(records, NON_CLAIMS)
    frame["occurrences"] = frame["occurrences"].astype(int)
    return frame


@reads.records(reads.whole("non_claims.csv"))
def load_non_claims(folder: Path | None = None) -> pd.DataFrame:
    """Every number of the page that is not a claim, with the reason."""
    folder = data_dir(folder)
    return _cached("non_claims", folder, (NON_CLAIMS.filename, *_RAW), _build_non_claims).copy()


def _build_glossary(folder: Path) -> pd.DataFrame:
    raw_dir = folder / "raw"
    name, records, problems = _read(folder, GLOSSARY)
    for record in records:
        term = record.cells.get("term_zh", "")
        if term and source.occurrences(term, raw_dir) == 0:
            problems.append(Problem(name, record.row, "term_zh", term, "a term that occurs in the article as written"))
        if record.cells.get("rendering") == "sourced" and not record.cells.get("source", "").strip("—- "):
            problems.append(
                Problem(
                    name,
                    record.row,
                    "source",
                    record.cells.get("source", ""),
                    "a citation, since rendering is 'sourced'",
                )
            )
    _raise(problems)
    return _frame(records, GLOSSARY)


@reads.records(reads.whole("glossary.csv"))
def load_glossary(folder: Path | None = None) -> pd.DataFrame:
    """Policy terms of the article with their English renderings and sources."""
    folder = data_dir(folder)
    return _cached("glossary", folder, (GLOSSARY.filename, *_RAW), _build_glossary).copy()


# --- context --------------------------------------------------------------------------------------------------------


def _build_context(folder: Path) -> pd.DataFrame:
    places = load_places(folder).set_index("slug")
    name, records, problems = _read(folder, CONTEXT)
    for record in records:
        slug, context_id = record.cells.get("place", ""), record.cells.get("id", "")
        if slug and slug not in places.index:
            problems.append(
                Problem(
                    name, record.row, "place", slug, "the slug of a place in places.csv: " + ", ".join(places.index)
                )
            )
        elif slug and "." in context_id and context_id.split(".")[0] != places.loc[slug, "scope"]:
            scope = places.loc[slug, "scope"]
            problems.append(
                Problem(
                    name,
                    record.row,
                    "id",
                    context_id,
                    f"an id starting with '{scope}.', the scope of its place {slug!r} ({SCOPES[scope]})",
                )
            )
    _raise(problems)
    frame = _frame(records, CONTEXT)
    frame["exact"] = [parse_decimal(v) for v in frame["value"]]
    frame["value"] = [float(v) for v in frame["exact"]]
    frame["scope"] = [places.loc[s, "name_en"] for s in frame["place"]]
    return frame


@reads.records(reads.whole("context.csv"))
def load_context(folder: Path | None = None) -> pd.DataFrame:
    """Outside reference figures (China, Yunnan, Kunming) with full citations; ``scope`` names the place."""
    folder = data_dir(folder)
    return _cached("context", folder, (CONTEXT.filename, PLACES.filename), _build_context).copy()


@reads.records(lambda found, context_id, folder=None: [("context.csv", [context_id]), ("places.csv", [found.place])])
def ref(context_id: str, folder: Path | None = None) -> Ref:
    """One outside reference figure by id, e.g. ``ref("cn.rural_centralized_water_2020")``."""
    folder = data_dir(folder)

    def build(folder: Path) -> dict[str, Ref]:
        fields = [f for f in Ref.__dataclass_fields__ if f not in ("decimals", "scope_zh")]
        chinese = load_places(folder).set_index("slug")["name_zh"]
        return {
            row["id"]: Ref(
                **{f: row[f] for f in fields}
                | {"value": float(row["value"]), "row": int(row["row"]), "scope_zh": chinese[row["place"]]}
            )
            for row in load_context(folder).to_dict("records")
        }

    objects = _cached("ref_objects", folder, (CONTEXT.filename, PLACES.filename), build)
    if context_id in objects:
        return objects[context_id]
    prefix = context_id.split(".")[0]
    where = f"in {display_name(folder / CONTEXT.filename)}"
    if prefix in SECTOR_SLUGS:
        message = (
            f"{context_id!r} is a claim id (it starts with the sector {prefix}.); look it up with claim({context_id!r})"
        )
    elif prefix not in SCOPES:
        message = f"no context figure {context_id!r} {where}: context ids start with " + ", ".join(
            f"'{s}.' ({name})" for s, name in SCOPES.items()
        )
    else:
        message = f"no context figure {context_id!r} {where}"
    raise LookupProblem(message + _suggest(context_id, list(objects)))


@reads.records(lambda found, slug, folder=None: [("places.csv", [slug, *(m["slug"] for m in found["members"])])])
def place(slug: str, folder: Path | None = None) -> dict:
    """One place by slug, with ``members`` as a list of places (empty unless the place is a group)."""
    places = load_places(folder).set_index("slug", drop=False)
    if slug not in places.index:
        raise LookupProblem(f"no place {slug!r} in data/places.csv" + _suggest(slug, list(places.index)))
    row = places.loc[slug].to_dict()
    row["members"] = [places.loc[m].to_dict() for m in row["members"].split()]
    return row


#: The headline measures the prefectures' sessions of 2020 gave, by context-id suffix (``yn.<place>_<suffix>``): the
#: title of the measure, the article's claim that measures the same thing for Kunming (``None`` if the article gives
#: none), and whether it has a column of its own in the comparison (the others are named in one column, since they
#: count something else: a cumulative reduction, villages out so far).
PREFECTURE_MEASURES: dict[str, tuple[str, str | None, bool]] = {
    "poor_people": ("Poor people", "overview.registered_poor_people", True),
    "poor_households": ("Poor households", "overview.registered_poor_households", True),
    "poor_villages": ("Poor villages", "overview.poor_villages_exited", True),
    "poor_counties": ("Poor counties", "overview.poor_counties_exited", True),
    "incidence": ("Incidence at the start, %", None, True),
    "poverty_reduction": ("Cumulative reduction in poor people", None, False),
    "villages_exited": ("Poor villages out of the list by the session", None, False),
}


@reads.records(reads.whole("places.csv", "context.csv"))
def prefectures(folder: Path | None = None) -> pd.DataFrame:
    """Yunnan's other prefectures as their 2020 sessions reported them: one row per ``prefecture`` place of
    places.csv (its English name in full and in short), one :class:`Ref` (or ``None``) per measure of
    :data:`PREFECTURE_MEASURES`, and ``found`` saying whether context.csv holds any figure for the place. Places with
    no figure are the prefectures no search reached."""
    places = load_places(folder)
    context = load_context(folder)
    rows = []
    for slug, name_en, name_zh in places.loc[places["kind"] == "prefecture", ["slug", "name_en", "name_zh"]].itertuples(
        index=False
    ):
        short_en = name_en.split(" ")[0]  # "Qujing City" and "Dali Bai Autonomous Prefecture" are Qujing and Dali
        row: dict[str, object] = {"place": slug, "name_en": name_en, "short_en": short_en, "name_zh": name_zh}
        ids = set(context.loc[context["place"] == slug, "id"])
        for suffix in PREFECTURE_MEASURES:
            wanted = f"yn.{slug}_{suffix}"
            row[suffix] = ref(wanted, folder) if wanted in ids else None
        unknown = ids - {f"yn.{slug}_{suffix}" for suffix in PREFECTURE_MEASURES}
        if unknown:
            raise LookupProblem(
                f"data/context.csv: {', '.join(sorted(unknown))} of the prefecture {slug!r} names no measure of "
                f"PREFECTURE_MEASURES ({', '.join(PREFECTURE_MEASURES)})"
            )
        row["found"] = bool(ids)
        rows.append(row)
    return pd.DataFrame(rows)


# --- searches and reports elsewhere ---------------------------------------------------------------------------------


def _build_searches(folder: Path) -> pd.DataFrame:
    known = set(load_claims(folder)["id"])
    name, records, problems = _read(folder, SEARCHES)
    covered: set[str] = set()
    for record in records:
        ids = record.cells.get("claims", "").split()
        covered.update(ids)
        for claim_id in ids:
            if claim_id not in known:
                problems.append(
                    Problem(name, record.row, "claims", claim_id, "ids of claims in claims.csv, space-separated")
                )
    for claim_id in sorted(known - covered):
        problems.append(
            Problem(
                name,
                None,
                "claims",
                claim_id,
                "every claim of the ledger searched for at least once (this one never is)",
            )
        )
    _raise(problems)
    return _frame(records, SEARCHES)


@reads.records(reads.whole("searches.csv"))
def load_searches(folder: Path | None = None) -> pd.DataFrame:
    """The search trail: one row per query run to find other reports of the article's figures."""
    folder = data_dir(folder)
    return _cached(
        "searches", folder, (SEARCHES.filename, CLAIMS.filename, PLACES.filename, *_RAW), _build_searches
    ).copy()


def _build_reports(folder: Path) -> pd.DataFrame:
    known = set(load_claims(folder)["id"])
    searches = set(load_searches(folder)["id"])
    name, records, problems = _read(folder, REPORTS)
    for record in records:
        cells, row = record.cells, record.row
        if cells.get("claim") and cells["claim"] not in known:
            problems.append(Problem(name, row, "claim", cells["claim"], "the id of a claim in claims.csv"))
        if cells.get("search") and cells["search"] not in searches:
            problems.append(
                Problem(
                    name,
                    row,
                    "search",
                    cells["search"],
                    "the id of the search in searches.csv whose results showed this excerpt",
                )
            )
        stated, excerpt = cells.get("as_stated", ""), cells.get("excerpt", "")
        if stated and excerpt and stated not in excerpt:
            problems.append(
                Problem(name, row, "as_stated", stated, "the figure exactly as it appears inside the excerpt")
            )
        copy = cells.get("relation") == "copy"
        if not copy:
            for column in ("as_stated", "value_stated", "published"):
                if not cells.get(column):
                    problems.append(Problem(name, row, column, "", "a value (required unless relation is 'copy')"))
        if (cells.get("relation") == "copy") != (cells.get("origin") == "copy"):
            problems.append(
                Problem(name, row, "origin", cells.get("origin", ""), "'copy' exactly when relation is 'copy'")
            )
    _raise(problems)
    frame = _frame(records, REPORTS)
    frame["value_stated"] = [float(parse_decimal(v)) if v else float("nan") for v in frame["value_stated"]]
    return frame


@reads.records(reads.whole("reports.csv"))
def load_reports(folder: Path | None = None) -> pd.DataFrame:
    """Statements of the article's figures in other publications, each with a verbatim excerpt."""
    folder = data_dir(folder)
    files = (REPORTS.filename, SEARCHES.filename, CLAIMS.filename, PLACES.filename, *_RAW)
    return _cached("reports", folder, files, _build_reports).copy()


@reads.records(lambda found, report_id, *_, **__: [("reports.csv", [report_id]), ("claims.csv", [found.claim])])
def reported(report_id: str, unit: str | None = None, folder: Path | None = None) -> Reported:
    """A report of another publication as a figure in its claim's unit, e.g. ``reported("r047")``.

    ``unit`` names the unit when the publication states the figure differently from the claim, e.g. a yearly
    amount (``reported("r014", unit="yuan/year")``) reported for a claim summed over a window.

    The qualifier is read from the figure as stated (``超过130万户`` is a lower bound), so ``compare()``
    treats it as the publication wrote it.
    """
    folder = data_dir(folder)
    frame = load_reports(folder).set_index("id", drop=False)
    if report_id not in frame.index:
        raise LookupProblem(
            f"no report {report_id!r} in {display_name(folder / REPORTS.filename)}"
            + _suggest(report_id, list(frame.index))
        )
    row = frame.loc[report_id]
    if not row["as_stated"]:
        raise LookupProblem(
            f"report {report_id} is a copy of another report and states no figure of its own "
            f"(as_stated is empty in {display_name(folder / REPORTS.filename)})"
        )
    owner = claim(row["claim"], folder)
    exact = Decimal(repr(float(row["value_stated"]))).normalize()
    try:
        figure = parse_figure(row["as_stated"])
        qualifier = figure.qualifier if figure.value == exact else "exact"
    except FigureParseError:  # a figure written in words, such as the names of three counties
        qualifier = "exact"
    if exact == exact.to_integral_value():
        exact = exact.quantize(Decimal(1))
    return Reported(
        id=row["id"],
        claim=row["claim"],
        relation=row["relation"],
        origin=row["origin"],
        as_stated=row["as_stated"],
        value=float(exact),
        exact=exact,
        unit=unit or owner.unit,
        qualifier=qualifier,
        publisher=row["publisher"],
        published_on=row["published"],
        period_stated=row["period_stated"],
        url=row["url"],
        excerpt=row["excerpt"],
    )


# --- coverage -------------------------------------------------------------------------------------------------------


@reads.records(  # the claims' quotes and words, not their translations
    lambda *args, **kwargs: [
        ("claims.csv", reads.part([reads.ALL], FIGURES)),
        *((name, [reads.ALL]) for name in ("non_claims.csv", "raw/article.txt", "raw/source.json")),
    ]
)
def coverage_gaps(folder: Path | None = None) -> list[tuple[int, str, str]]:
    """Arabic-digit runs of the page that no claim and no non-claim accounts for.

    Returns ``(offset, digits, surrounding text)`` for each; an empty list means full coverage.
    A claim covers the digits inside its ``as_written`` within its quote; a non-claim covers every
    digit run inside each occurrence of its quote.
    """
    root = data_dir(folder)
    raw_dir = root / "raw"
    text = source.article_text(raw_dir)
    covered: list[tuple[int, int]] = []
    for quote, as_written in load_claims(root)[["quote", "as_written"]].itertuples(index=False):
        start = text.index(quote) + quote.index(as_written)
        covered.append((start, start + len(as_written)))
    for quote in load_non_claims(root)["quote"]:
        start = text.find(quote)
        while start != -1:
            covered.append((start, start + len(quote)))
            start = text.find(quote, start + 1)
    gaps = []
    for offset, digits in source.digit_runs(raw_dir):
        end = offset + len(digits)
        if not any(a <= offset and end <= b for a, b in covered):
            gaps.append((offset, digits, text[max(0, offset - 12) : end + 12].replace("\n", " ")))
    return gaps
