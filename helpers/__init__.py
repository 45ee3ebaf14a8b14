"""Helpers for the Kunming poverty-alleviation notebooks.

The notebooks use a small public surface, documented in ``helpers/README.md``::

    from helpers import validated_claims, claim, ref, say, table, compare, charts

``validated_claims("water")`` validates every data file and returns the sector's claims as attributes; ``claim`` and
``ref`` look up a claim of another sector or an outside reference figure; figures combine with ``+ - * /`` and
``.named(...)``; ``say`` renders prose from a template; ``table`` shows derived metrics or comparisons; ``compare``
gives the comparison words of prose; ``charts`` draws the series' charts. Every path is resolved from this package,
so the notebooks run the same from any working directory.
"""

from . import charts
from .checks import compare
from .data import (
    claim,
    claims,
    coverage_gaps,
    load_claims,
    load_context,
    load_glossary,
    load_non_claims,
    load_places,
    load_reports,
    load_searches,
    ref,
    reported,
)
from .display import table
from .errors import DataFolderError, DataValidationError, LookupProblem, PremiseChangedError, Problem, SourceChangedError
from .grades import load_grades
from .checks import load_checks
from .numbers import Figure, FigureParseError, format_number, format_wan, parse_figure
from .prose import say
from .schema import SECTORS, UNITS
from .sector import validated_claims
from .source import article_body, article_sections, article_text, sentence_of, source_card
from .values import ALL, DAYS_PER_YEAR, HOURS_PER_YEAR, KW_PER_MW, LITRES_PER_M3, MONTHS_PER_YEAR, MU_PER_HECTARE

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
