"""Helpers for the Kunming poverty-alleviation notebooks.

Load the validated data (:func:`claims`, :func:`claim`, :func:`value`, :func:`context`), read the
archived article (:func:`article_body`, :func:`sentence_of`) and parse Chinese figures
(:func:`parse_figure`, :func:`format_wan`). Every path is resolved from this package, so the
notebooks run the same from any working directory.
"""

from .data import (
    Claim,
    claim,
    claims,
    context,
    coverage_gaps,
    load_claims,
    load_context,
    load_glossary,
    load_grades,
    load_non_claims,
    value,
    window_months,
)
from .errors import DataValidationError, Problem, SourceChangedError
from .numbers import Figure, FigureParseError, format_number, format_wan, parse_figure
from .schema import GEOGRAPHIES, SECTORS, UNITS
from .source import article_body, article_sections, article_text, sentence_of, source_card

__all__ = [
    "Claim",
    "DataValidationError",
    "Figure",
    "FigureParseError",
    "GEOGRAPHIES",
    "Problem",
    "SECTORS",
    "SourceChangedError",
    "UNITS",
    "article_body",
    "article_sections",
    "article_text",
    "claim",
    "claims",
    "context",
    "coverage_gaps",
    "format_number",
    "format_wan",
    "load_claims",
    "load_context",
    "load_glossary",
    "load_grades",
    "load_non_claims",
    "parse_figure",
    "sentence_of",
    "source_card",
    "value",
    "window_months",
]
