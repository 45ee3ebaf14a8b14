"""Start-up speed: skip building a grammar that no part of this project uses.

Importing ``nbformat`` imports ``jsonschema``, whose optional IRI format checker imports ``rfc3987_syntax``,
which builds a Lark grammar at import time: about 1.4 s in every process that reads or writes a notebook
(pytest and each of its workers, the run and html commands). Notebook validation never checks IRI formats,
so this module marks that optional dependency as unavailable; ``jsonschema`` then simply leaves the ``iri``
formats unchecked. It is loaded first by pytest (through :mod:`helpers.publish.pytest_plugin`) and by the run and html
commands, before anything imports ``nbformat``.
"""

import sys

sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[assignment]
