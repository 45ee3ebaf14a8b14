"""The archived article: verified against its recorded sha256, with the body separated from boilerplate."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers.ledger import paths, reads
from helpers.ledger.errors import SourceChangedError

__all__ = [
    "SourceCard",
    "source_card",
    "article_text",
    "article_body",
    "article_sections",
    "sentence_of",
    "occurrences",
    "digit_runs",
]

#: Characters that end a sentence in the article (it also ends paragraphs with a newline).
_SENTENCE_END = "。!?!?\n"
DIGIT_RUN = re.compile(r"\d+(?:\.\d+)?")


@dataclass(frozen=True)
class SourceCard:
    """The machine-readable source card, ``data/raw/source.json``."""

    file: str
    sha256: str
    bytes: int
    publication: str
    publication_en: str
    published: str
    title_zh: str
    title_en: str
    section_zh: str
    body_start: str
    body_end: str
    headings: tuple[dict, ...]
    image_pattern: str
    defects: tuple[dict, ...]


def _raw_dir(raw_dir: Path | None) -> Path:
    return Path(raw_dir) if raw_dir is not None else paths.RAW


def stamp(path: Path) -> tuple:
    """Path, size and modification time: a cache key that changes when the file does."""
    try:
        stat = path.stat()
    except FileNotFoundError:
        return (str(path), None, None)
    return (str(path), stat.st_size, stat.st_mtime_ns)


@lru_cache(maxsize=16)
def _card(raw_dir: Path, stamp: tuple = ()) -> SourceCard:
    card_path = raw_dir / "source.json"
    try:
        data = json.loads(card_path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise SourceChangedError(
            f"{paths.relative(card_path)} is missing: the source card records the article's sha256"
        ) from None
    fields = SourceCard.__dataclass_fields__
    missing = [name for name in fields if name not in data]
    if missing:
        raise SourceChangedError(f"{paths.relative(card_path)} lacks the key(s) {', '.join(missing)}")
    return SourceCard(**{k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in fields})


@reads.records(reads.whole("raw/source.json"))
def source_card(raw_dir: Path | None = None) -> SourceCard:
    """The source card of the archived article."""
    folder = _raw_dir(raw_dir).resolve()
    return _card(folder, stamp(folder / "source.json"))


@lru_cache(maxsize=16)
def _text(raw_dir: Path, stamps: tuple = ()) -> str:
    card = source_card(raw_dir)
    path = raw_dir / card.file
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise SourceChangedError(
            f"{paths.relative(path)} is missing; restore it with `git checkout -- {paths.relative(path)}`"
        ) from None
    found = hashlib.sha256(raw).hexdigest()
    if found != card.sha256:
        raise SourceChangedError(
            f"{paths.relative(path)} no longer matches its recorded sha256 in "
            f"{paths.relative(raw_dir / 'source.json')}: expected {card.sha256}, found {found}. "
            "Raw data is never edited; every quote in data/ is checked against this exact file. "
            f"Restore it with `git checkout -- {paths.relative(path)}`."
        )
    return raw.decode("utf-8")


@reads.records(reads.whole("raw/source.json", "raw/article.txt"))
def article_text(raw_dir: Path | None = None) -> str:
    """The whole archived page, exactly as stored, after checking its sha256.

    Raises :class:`~helpers.ledger.errors.SourceChangedError` if the file was changed.
    """
    folder = _raw_dir(raw_dir).resolve()
    card = source_card(folder)
    return _text(folder, (stamp(folder / "source.json"), stamp(folder / card.file)))


@reads.records(reads.whole("raw/source.json", "raw/article.txt"))
def article_body(raw_dir: Path | None = None) -> str:
    """The article itself: from its first sentence to its last, without photo file names.

    Site navigation, the byline, the share widget and the footer are left out.
    """
    card = source_card(raw_dir)
    text = article_text(raw_dir)
    start = text.index(card.body_start)
    end = text.index(card.body_end) + len(card.body_end)
    image = re.compile(card.image_pattern)
    lines = [line for line in text[start:end].split("\n") if not image.match(line.strip())]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


@reads.records(reads.whole("raw/source.json", "raw/article.txt"))
def article_sections(raw_dir: Path | None = None) -> list[tuple[str, list[str]]]:
    """The body as ``(heading, paragraphs)`` pairs; the lead paragraph has the heading ``""``."""
    headings = {h["zh"] for h in source_card(raw_dir).headings}
    sections: list[tuple[str, list[str]]] = [("", [])]
    for paragraph in (p.strip() for p in article_body(raw_dir).split("\n")):
        if not paragraph:
            continue
        if paragraph in headings:
            sections.append((paragraph, []))
        else:
            sections[-1][1].append(paragraph)
    return [s for s in sections if s[1]]


@reads.records(reads.whole("raw/source.json", "raw/article.txt"))
def occurrences(needle: str, raw_dir: Path | None = None) -> int:
    """How many times ``needle`` occurs in the archived page (overlapping occurrences counted)."""
    if not needle:
        return 0
    text = article_text(raw_dir)
    count, start = 0, text.find(needle)
    while start != -1:
        count += 1
        start = text.find(needle, start + 1)
    return count


@reads.records(reads.whole("raw/source.json", "raw/article.txt"))
def sentence_of(quote: str, raw_dir: Path | None = None) -> str:
    """The whole sentence (or sentences) of the article that contain ``quote``.

    Raises ``ValueError`` if the quote is not in the article or occurs more than once.
    """
    text = article_text(raw_dir)
    found = occurrences(quote, raw_dir)
    if found != 1:
        raise ValueError(f"quote occurs {found} times in the article, expected exactly once: {quote!r}")
    start = text.index(quote)
    end = start + len(quote)
    while start > 0 and text[start - 1] not in _SENTENCE_END:
        start -= 1
    while end < len(text) and text[end - 1] not in _SENTENCE_END:
        end += 1
    return text[start:end].strip()


@reads.records(reads.whole("raw/source.json", "raw/article.txt"))
def digit_runs(raw_dir: Path | None = None) -> list[tuple[int, str]]:
    """Every run of Arabic digits in the page (``\\d+(?:\\.\\d+)?``) with its character offset."""
    return [(m.start(), m.group()) for m in DIGIT_RUN.finditer(article_text(raw_dir))]
