"""Prose rendered from data: Markdown templates whose fields are filled from the notebook's own variables.

``say("Kunming pooled {funds}; {share} went into industry.")`` looks each field up among the caller's variables
and formats it (``{funds:zh}``, ``{share:.1}``; see :mod:`helpers.ledger.values`). Fields may read attributes
(``{rate.period_label}``) but call nothing. An integer field with a spec such as ``{n:claim|claims}`` writes the
number with the singular or plural word.

Every inserted value is escaped for Markdown and HTML, so text from the data files always shows as text: a
translation that contains ``<script>`` or ``*`` cannot become markup. The result displays as Markdown and compares
as plain text, so a changed figure changes the stored output and a stale notebook fails its test.
"""

from __future__ import annotations

import html
import inspect
import re
import string
from collections import ChainMap
from dataclasses import dataclass

__all__ = ["Text", "say", "escape_markdown"]

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]{}#|!~])")
#: What would start a block if a value began a line: a list marker ("- ", "+ ", "1. ", "1) ") or a rule ("---", "===").
_BLOCK_START = re.compile(r"^(\s*(?:\d{1,9}(?=[.)](?:\s|$))|(?=[-+=](?:[-=\s]|$))))(.)")
_PLURAL = re.compile(r"^(?P<one>[^|]*)\|(?P<many>[^|]*)$")


def escape_markdown(text: str) -> str:
    """Text that renders as itself in Markdown: HTML characters as entities, Markdown punctuation backslashed."""
    text = html.escape(str(text), quote=False)
    text = _MARKDOWN_SPECIAL.sub(r"\\\1", text)
    text = _BLOCK_START.sub(r"\1\\\2", text)
    return re.sub(r"\s*\n\s*", " ", text)  # a value never starts a new block


@dataclass(frozen=True)
class Text:
    """Markdown prose that displays as Markdown and compares as plain text."""

    markdown: str
    plain: str

    def _repr_mimebundle_(self, include=None, exclude=None):
        return {"text/markdown": self.markdown, "text/plain": self.plain}

    def __str__(self) -> str:
        return self.plain


class _Formatter(string.Formatter):
    def __init__(self, escape: bool):
        self.escape = escape

    def get_field(self, field_name, args, kwargs):
        if "(" in field_name or "[" in field_name:
            raise ValueError(
                f"{{{field_name}}}: a field names a variable or its attribute; compute the value in code first"
            )
        return super().get_field(field_name, args, kwargs)

    def format_field(self, value, spec: str) -> str:
        plural = _PLURAL.match(spec)
        if plural and isinstance(value, int):
            text = f"{value:,} {plural['one'] if value == 1 else plural['many']}"
        elif isinstance(value, int) and not spec:
            text = f"{value:,}"
        else:
            text = format(value, spec)
        return escape_markdown(text) if self.escape else text


def say(template: str, **values) -> Text:
    """Markdown prose: ``template`` with ``{name}`` fields filled from ``values`` or the caller's variables.

    The template itself is Markdown written by the analyst (bold, lists, links); only the inserted values are escaped.
    """
    frame = inspect.currentframe().f_back  # type: ignore[union-attr]
    namespace = ChainMap(values, frame.f_locals, frame.f_globals)  # type: ignore[union-attr]
    text = inspect.cleandoc(template)
    try:
        markdown = _Formatter(escape=True).vformat(text, (), namespace)
        plain = _Formatter(escape=False).vformat(text, (), namespace)
    except KeyError as exc:
        raise NameError(f"say(): the template names {exc}, which is not a variable of the notebook") from None
    return Text(markdown, plain)
