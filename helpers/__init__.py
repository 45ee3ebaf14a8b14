"""Helpers for the Kunming poverty-alleviation notebooks.

The notebooks use a small public surface, documented in ``helpers/README.md``::

    from helpers import validated_claims, claim, ref, say, table, compare, charts

``validated_claims("water")`` validates every data file and returns the sector's claims as attributes; ``claim`` and
``ref`` look up a claim of another sector or an outside reference figure; figures combine with ``+ - * /`` and
``.named(...)``; ``say`` renders prose from a template; ``table`` shows derived metrics or comparisons; ``compare``
gives the comparison words of prose; ``charts`` draws the series' charts. Every path is resolved from this package,
so the notebooks run the same from any working directory.
"""

from importlib import import_module

#: Where each public name lives. Names load on first use (PEP 562), so ``import helpers.numbers`` in a unit test
#: does not pay for pandas and matplotlib.
_HOME = {
    "charts": None,
    "compare": "checks",
    "load_checks": "checks",
    "claim": "data",
    "claims": "data",
    "coverage_gaps": "data",
    "load_claims": "data",
    "load_context": "data",
    "load_glossary": "data",
    "load_non_claims": "data",
    "load_places": "data",
    "load_reports": "data",
    "load_searches": "data",
    "ref": "data",
    "reported": "data",
    "table": "display",
    "DataFolderError": "errors",
    "DataValidationError": "errors",
    "LookupProblem": "errors",
    "PremiseChangedError": "errors",
    "Problem": "errors",
    "SourceChangedError": "errors",
    "load_grades": "grades",
    "Figure": "numbers",
    "FigureParseError": "numbers",
    "format_number": "numbers",
    "format_wan": "numbers",
    "parse_figure": "numbers",
    "say": "prose",
    "SECTORS": "schema",
    "UNITS": "schema",
    "validated_claims": "sector",
    "article_body": "source",
    "article_sections": "source",
    "article_text": "source",
    "sentence_of": "source",
    "source_card": "source",
    "ALL": "values",
    "DAYS_PER_YEAR": "values",
    "HOURS_PER_YEAR": "values",
    "KW_PER_MW": "values",
    "LITRES_PER_M3": "values",
    "MONTHS_PER_YEAR": "values",
    "MU_PER_HECTARE": "values",
}


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    home = _HOME[name]
    value = import_module(f"{__name__}.{name}") if home is None else getattr(import_module(f"{__name__}.{home}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


__all__ = [
    # the notebooks' surface
    "validated_claims",
    "claim",
    "ref",
    "reported",
    "say",
    "table",
    "compare",
    "charts",
    "ALL",
    "DAYS_PER_YEAR",
    "HOURS_PER_YEAR",
    "KW_PER_MW",
    "LITRES_PER_M3",
    "MONTHS_PER_YEAR",
    "MU_PER_HECTARE",
    # loading and validation, for scripts and tests
    "claims",
    "coverage_gaps",
    "load_checks",
    "load_claims",
    "load_context",
    "load_glossary",
    "load_grades",
    "load_non_claims",
    "load_places",
    "load_reports",
    "load_searches",
    "article_body",
    "article_sections",
    "article_text",
    "sentence_of",
    "source_card",
    "Figure",
    "FigureParseError",
    "format_number",
    "format_wan",
    "parse_figure",
    "SECTORS",
    "UNITS",
    "DataFolderError",
    "DataValidationError",
    "LookupProblem",
    "PremiseChangedError",
    "Problem",
    "SourceChangedError",
]
