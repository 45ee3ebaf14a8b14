"""The site's words in another language: a gettext catalogue, read with Babel.

The site's fixed wording is written in English in the code, as gettext message ids; the Chinese edition's wording
is in ``helpers/locale/zh_Hans/LC_MESSAGES/site.po``, each message beside its English. A message may hold
``{name}`` fields, which the code fills (every value from the data escaped where it enters markup), and the simple
inline markup of its English (``<strong>``, ``<a href="{href}">``). Per-row vocabularies (grade words, verdicts,
units) are not here: they are defined once, English beside Chinese, in :mod:`helpers.ledger.schema`.

English needs no catalogue: ``translator("en")`` gives each message id back, so the English pages say exactly what
their code says. A message that the catalogue lacks is an error for any other language, never a silent fallback.
"""

from __future__ import annotations

import re
import string
from functools import lru_cache
from pathlib import Path

__all__ = [
    "LANGUAGES",
    "HTML_LANG",
    "CATALOGUE",
    "MissingTranslation",
    "translator",
    "catalogue",
    "fields_of",
    "chinese_date",
]

#: The languages of the site: the code the pages use for each, and its catalogue folder (``None``: the code's own).
LANGUAGES: dict[str, str | None] = {"en": None, "zh": "zh_Hans"}
#: The ``lang`` attribute of each edition's pages (BCP 47).
HTML_LANG: dict[str, str] = {"en": "en", "zh": "zh-Hans"}
LOCALE = Path(__file__).resolve().parent / "locale"
CATALOGUE = "site"


class MissingTranslation(KeyError):
    """A message the catalogue of a language does not translate."""

    def __str__(self) -> str:
        return str(self.args[0])


def _path(language: str) -> Path:
    return LOCALE / language / "LC_MESSAGES" / f"{CATALOGUE}.po"


@lru_cache(maxsize=4)
def _read(path: Path, stamp: tuple) -> dict[str, str]:
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        catalog = read_po(handle, locale=None, charset="utf-8")
    return {m.id: m.string for m in catalog if m.id and m.string and not m.fuzzy}


def catalogue(lang: str) -> dict[str, str]:
    """Message id → translation for ``lang`` (empty for English); fuzzy and empty entries do not count."""
    folder = LANGUAGES[lang]
    if folder is None:
        return {}
    path = _path(folder)
    stat = path.stat()
    return _read(path, (stat.st_size, stat.st_mtime_ns))


def fields_of(message: str) -> set[str]:
    """The ``{name}`` fields of a message."""
    return {name for _, name, _, _ in string.Formatter().parse(message) if name}


_CONTEXT = re.compile(r"^\[[\w-]+\] ")


def translator(lang: str):
    """``t(message, **fields)``: the message in ``lang``, its fields filled with ``str.format``.

    A message id may begin with a context in brackets (``"[nav] Claims"``) where the same English needs two
    translations; English drops it."""
    messages = catalogue(lang)

    def t(message: str, **fields) -> str:
        if lang == "en":
            text = _CONTEXT.sub("", message)
        else:
            try:
                text = messages[message]
            except KeyError:
                raise MissingTranslation(
                    f"{paths_hint(lang)} has no translation of {message!r}; add it (msgid, msgstr) and rebuild"
                ) from None
        return text.format(**fields) if fields else text

    t.lang = lang  # type: ignore[attr-defined]
    return t


_POINT = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")


def chinese_date(text: str) -> str:
    """A date, month, year or window of the data (``2020-08-11``, ``2020-03``, ``2015``, ``2016/2020-08``, an ISO
    timestamp) as Chinese writes it: ``2020年8月11日``, ``2020年3月``, ``2015年``, ``2016年至2020年8月``; anything
    else (``unstated``, an empty date) as the catalogue words it."""
    if "/" in text:
        start, end = text.split("/", 1)
        return translator("zh")("{start} to {end}", start=chinese_date(start), end=chinese_date(end))
    match = _POINT.match(text)
    if not match:
        return translator("zh")("[date] " + (text or "undated"))
    year, month, day = match.groups()
    t = translator("zh")
    if day:
        return t("[date] {year}-{month}-{day}", year=year, month=int(month), day=int(day))
    if month:
        return t("[date] {year}-{month}", year=year, month=int(month))
    return t("[date] {year}", year=year)


def paths_hint(lang: str) -> str:
    folder = LANGUAGES[lang]
    return f"helpers/locale/{folder}/LC_MESSAGES/{CATALOGUE}.po"
