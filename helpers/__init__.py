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

#: Where each public name lives. Names load on first use (PEP 562), so ``import helpers.ledger.numbers`` in a unit test
#: does not pay for pandas and matplotlib.
_HOME = {
    "charts": "notebook.charts",
    "compare": "ledger.checks",
    "claim": "ledger.data",
    "ref": "ledger.data",
    "reported": "ledger.data",
    "table": "notebook.display",
    "say": "notebook.prose",
    "validated_claims": "notebook.sector",
    "ALL": "ledger.values",
    "DAYS_PER_YEAR": "ledger.values",
    "HOURS_PER_YEAR": "ledger.values",
    "KW_PER_MW": "ledger.values",
    "LITRES_PER_M3": "ledger.values",
    "MONTHS_PER_YEAR": "ledger.values",
    "MU_PER_HECTARE": "ledger.values",
}


def __getattr__(name: str):
    if name not in _HOME:
        raise AttributeError(f"module 'helpers' has no attribute {name!r}")
    home = _HOME[name]
    module = import_module(f"{__name__}.{home}")
    value = module if home.endswith("." + name) else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


#: The notebooks' surface, and nothing else: scripts and tests import what they need from its module
#: (``helpers.data.load_claims``, ``helpers.grades.load_grades``, ``helpers.errors.DataValidationError``).
__all__ = list(_HOME)
