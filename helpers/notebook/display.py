"""Tables for people: every cell escaped, text columns left-aligned and numbers right-aligned.

A :class:`Table` displays as HTML (what readers see) and compares as plain text (what the tests check). The
section tables of every notebook are built here: the article's quotes, the figures, derived metrics, checks,
context and reports elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pandas as pd
from markupsafe import Markup

from helpers.ledger import data, reads, relations, schema, source
from helpers.ledger.checks import Check
from helpers.ledger.ledger import Ledger
from helpers.ledger.relations import Elsewhere
from helpers.ledger.values import Claim, Derived, Ref
from helpers.markup import environment
from helpers.notebook.prose import Text, escape_markdown

__all__ = [
    "Table",
    "table",
    "quotes_text",
    "figures_table",
    "derived_table",
    "checks_table",
    "context_table",
    "reports_block",
    "contents_text",
]

_ALIGN = {"num": "right", "text": "left"}


def render(template: str, **context) -> str:
    """A template of ``helpers/templates/notebook/``, autoescaped, without its closing newline."""
    return environment().get_template(template).render(**context).removesuffix("\n")


@dataclass(frozen=True)
class Table:
    """A table that displays as escaped HTML and compares as plain text."""

    frame: pd.DataFrame
    numeric: frozenset[str] = field(default_factory=frozenset)
    links: dict[str, str] = field(default_factory=dict)  # column → column holding each row's URL

    def html(self) -> str:
        def cell(row, column) -> dict:
            kind = self._kind(column)
            href = row[self.links[column]] if column in self.links else ""
            text = "" if pd.isna(row[column]) else str(row[column])
            return {"kind": kind, "align": _ALIGN[kind], "text": text, "href": str(href) if href else ""}

        return render(
            "table.html.j2",
            columns=[{"name": str(c), "align": _ALIGN[self._kind(c)]} for c in self.frame.columns],
            rows=[{"index": i, "cells": [cell(r, c) for c in self.frame.columns]} for i, r in self.frame.iterrows()],
        )

    def _kind(self, column: str) -> str:
        return "num" if column in self.numeric else "text"

    def _repr_mimebundle_(self, include=None, exclude=None):
        shown = self.frame.drop(
            columns=[c for c in set(self.links.values()) if c in self.frame.columns and c not in self.links]
        )
        plain = Table(shown, self.numeric, {k: v for k, v in self.links.items() if v in self.frame.columns})
        return {"text/html": plain.html(), "text/plain": shown.to_string()}


def _table(records: Sequence[dict], numeric: Iterable[str] = (), links: dict[str, str] | None = None) -> Table:
    frame = pd.DataFrame(list(records))
    frame.index = pd.RangeIndex(1, len(frame) + 1)
    return Table(frame, frozenset(numeric), links or {})


def derived_table(items: Sequence[Derived]) -> Table:
    """Derived metrics: name, value with unit, the formula that shows how, and the data ids it rests on."""
    return _table(
        [{"Metric": d.name, "Value": f"{d:en}", "Formula": d.formula, "From": ", ".join(d.ids)} for d in items],
        numeric=["Value"],
    )


def context_table(pairs: Sequence[tuple[Claim, Ref]]) -> Table:
    """Each claim beside the outside figure it is compared with, with the outside figure's citation."""
    rows = []
    for item, ref in pairs:
        rows.append(
            {
                "Article (Kunming)": f"{item.indicator}: {item}, {item.period_label}",
                "Reference": f"{ref.scope}: {ref.indicator}: {ref:en}, {ref.when}",
                "Source": f"{ref.cite}; reliability {ref.reliability}",
            }
        )
    return _table(rows)


def table(items) -> Table:
    """Show items as a table: derived metrics, (claim, context figure) pairs, a list of dicts, or a DataFrame."""
    if isinstance(items, Table):
        return items
    if isinstance(items, pd.DataFrame):
        frame = items.reset_index(drop=True)
        numeric = [c for c in frame.columns if pd.api.types.is_numeric_dtype(frame[c])]
        return _table(frame.to_dict("records"), numeric)
    items = list(items)
    if items and all(isinstance(i, Derived) for i in items):
        return derived_table(items)
    if items and all(isinstance(i, tuple) and len(i) == 2 and isinstance(i[1], Ref) for i in items):
        return context_table(items)
    if all(isinstance(i, dict) for i in items):
        numeric = [k for k in (items[0] if items else {}) if all(isinstance(i.get(k), (int, float)) for i in items)]
        return _table(items, numeric)
    raise TypeError("table() shows derived metrics, (claim, context figure) pairs, dicts or a DataFrame")


def quotes_text(sector: str) -> Text:
    """Every quote of a sector's claims, verbatim, each followed by its English translation and the figures it holds."""
    frame = data.claims(sector)
    grouped: dict[str, tuple[str, list[str]]] = {}
    for row in frame.itertuples(index=False):
        grouped.setdefault(row.quote, (row.quote_en, []))[1].append(f"{row.as_written} ({row.id})")
    markdown, plain = [], []
    for quote, (quote_en, figures) in grouped.items():
        markdown.append(
            f"> {escape_markdown(quote)}\n>\n> *{escape_markdown(quote_en)}*\n>\n> Figures: "
            + "; ".join(escape_markdown(f) for f in figures)
        )
        plain.append(f"> {quote}\n>\n> *{quote_en}*\n>\n> Figures: " + "; ".join(figures))
    return Text("\n\n".join(markdown), "\n\n".join(plain))


def figures_table(sector: str) -> Table:
    """A sector's claims for people: the value in English with the Chinese as written, status, period and place."""
    places = data.load_places().set_index("slug")
    rows = []
    for claim_id in data.claims(sector)["id"]:
        item = data.claim(claim_id)
        rows.append(
            {
                "Indicator": item.indicator,
                "指标": item.indicator_zh,
                "Value": f"{item:en}",
                "As written": item.as_written,
                "Kind": item.kind,
                "Status": item.status,
                "Period": item.period_label,
                "Where": places.loc[item.geography, "name_en"],
                "id": item.id,
            }
        )
    return _table(rows, numeric=["Value"])


def checks_table(items: Sequence[Check]) -> Table:
    """Checks with their verdicts, evidence and what each rests on."""
    basis = {
        "internal": "the article's figures",
        "context": "a cited outside figure",
        "editorial": "judgement (pinned)",
    }
    return _table(
        [
            {
                "Check": c.question,
                "Verdict": c.verdict_text,
                "Evidence": c.evidence,
                "Basis": basis[c.basis],
                "Grades": ", ".join(c.about),
                "id": c.id,
            }
            for c in items
        ]
    )


_RELATION_WORDS = {
    "same": "the same figure",
    "different": "a different figure",
    "related": "a related figure",
    "copy": "a copy",
}


def reports_block(sector: str | None) -> Reports:
    """The reports elsewhere of a sector's claims, and what the searches for them found."""
    return Reports(sector)


@dataclass(frozen=True)
class Reports:
    """A sector's reports elsewhere: a table, a sentence per claim that has any, and the claims searched in vain."""

    sector: str | None  # None: the whole ledger

    def _parts(self) -> tuple[pd.DataFrame, list[str], str]:
        with reads.quiet():
            parts = self._build_parts()
            ids = list(data.claims(self.sector)["id"]) if self.sector else [reads.ALL]
        reads.record("claims.csv", reads.part(ids, schema.FIGURES))  # the claims' words and periods, not their prose
        reads.record("reports.csv")
        reads.record("searches.csv")
        return parts

    def _build_parts(self) -> tuple[pd.DataFrame, list[str], str]:
        ledger = data.claims(self.sector)
        reports = data.load_reports()
        mine = reports[reports["claim"].isin(ledger["id"])]
        sentences = []
        for claim_id in ledger["id"]:
            rows = relations.not_copies(mine[mine["claim"] == claim_id])
            if rows.empty:
                continue
            item = data.claim(claim_id)
            parts = []
            for r in rows.itertuples():
                stated = f"{r.as_stated} ({r.period_stated})"
                if r.relation == "different":
                    stated += (
                        f", against the article's {item.as_written} ({item.period_label}, "
                        f"published {schema.PUBLISHED.isoformat()})"
                    )
                parts.append(f"{_RELATION_WORDS[r.relation]} in {r.publisher}, {r.published}: {stated}")
            sentences.append(
                f"{item.as_written}, {item.indicator[0].lower()}{item.indicator[1:]}: " + "; ".join(parts) + "."
            )
        counts = self._counts()
        n_found, nothing, copies = counts.found, counts.not_found_ids, counts.copies
        summary = (
            f"{counts.searches} searches were aimed at this sector's {counts.claims} claims. "
            f"{n_found} of them {'was' if n_found == 1 else 'were'} found in another publication (same, different or "
            f"related figures); {len(nothing)} {'was' if len(nothing) == 1 else 'were'} not found anywhere but in this "
            "article" + (f" and its reprints ({copies} copy found)" if copies else "") + "."
        )
        if nothing:
            summary += " Not found: " + ", ".join(data.claim(i).as_written for i in nothing) + "."
        frame = pd.DataFrame(
            [
                {
                    "Claim": f"{data.claim(r.claim).as_written} ({r.claim})",
                    "Relation": r.relation,
                    "As stated": r.as_stated,
                    "Publisher": r.publisher,
                    "Published": r.published,
                    "Period stated": r.period_stated,
                    "Excerpt": r.excerpt,
                    "url": r.url,
                    "id": r.id,
                }
                for r in mine.itertuples()
            ]
        )
        return frame, sentences, summary

    def _counts(self) -> Elsewhere:
        return Ledger.load().elsewhere(self.sector)

    @property
    def related_only(self) -> int:
        """Claims found elsewhere only as related figures (another scope, period or measure)."""
        return self._counts().related_only

    @property
    def copies(self) -> int:
        """Reprints of the article found."""
        return self._counts().copies

    @property
    def searches(self) -> int:
        """Searches aimed at this sector's claims."""
        return self._counts().searches

    @property
    def found(self) -> int:
        """Claims of the sector that another publication states (same, different or related figure)."""
        return self._counts().found

    @property
    def not_found(self) -> int:
        """Claims of the sector searched for and found nowhere but in the article (and its reprints)."""
        return self._counts().not_found

    @property
    def same(self) -> int:
        """Claims that another publication gives with the same figure."""
        return self._counts().same

    @property
    def same_independent(self) -> int:
        """Claims given with the same figure by a publication independent of the source (outside its own government
        and media)."""
        return self._counts().same_independent

    @property
    def different(self) -> int:
        """Claims that another publication gives with a different figure."""
        return self._counts().different

    def _repr_mimebundle_(self, include=None, exclude=None):
        frame, sentences, summary = self._parts()
        table, blocks_plain = None, []
        if len(frame):
            frame.index = pd.RangeIndex(1, len(frame) + 1)
            table = Markup(Table(frame, frozenset(), {"Publisher": "url"}).html())
            blocks_plain.append(frame.drop(columns=["url"]).to_string())
        if sentences:
            blocks_plain.append("\n".join(f"- {s}" for s in sentences))
        blocks_plain.append(summary)
        page = render("reports.html.j2", table=table, sentences=sentences, summary=summary)
        return {"text/html": page, "text/plain": "\n\n".join(blocks_plain)}


def contents_text(current: str | None = None) -> Text:
    """A linked list of every notebook of the series, marking the current one."""
    lines = []
    entries = [(s.slug, s.notebook, s.title, s.title_zh) for s in schema.SECTORS]
    entries += [(n, n, t, tz) for n, t, tz in schema.CLOSING_NOTEBOOKS]
    for slug, notebook, title, title_zh in entries:
        label = f"{notebook[:2]} · {title} ({title_zh})"
        lines.append(f"- **{label}** (this notebook)" if slug == current else f"- [{label}]({notebook}.ipynb)")
    text = "\n".join(lines)
    return Text(text, text)


# --- the overview's tables of the whole ledger ------------------------------------------------------------------------


def _claim_figures() -> pd.DataFrame:
    """Every claim without its prose (translation and notes), recorded as a read of that part only."""
    with reads.quiet():
        frame = data.load_claims()
    reads.record("claims.csv", reads.part([reads.ALL], schema.FIGURES))
    return frame.drop(columns=list(schema.CLAIM_PROSE))


def parts_table() -> Table:
    """The article's parts (the lead paragraph and each headed part): paragraphs, claims and the sectors they cover."""
    from helpers.ledger import source

    ledger = _claim_figures()
    english = {h["zh"]: h["en"] for h in source.source_card().headings}
    titles = {s.slug: f"{s.title} ({s.title_zh})" for s in schema.SECTORS}
    sections = source.article_sections()
    part_of = [next(h for h, paragraphs in sections if any(q in p for p in paragraphs)) for q in ledger["quote"]]
    rows = []
    for heading, paragraphs in sections:
        mine = ledger[[p == heading for p in part_of]]
        rows.append(
            {
                "Heading": heading or "(no heading)",
                "English": english.get(heading, "Lead paragraph"),
                "Paragraphs": len(paragraphs),
                "Claims": len(mine),
                "Sectors": ", ".join(titles[s] for s in dict.fromkeys(mine["sector"])),
            }
        )
    return _table(rows, numeric=["Paragraphs", "Claims"])


def exits_table() -> Table:
    """The poor counties and districts, each with the batch it left the poverty list in, and the check on its date."""
    from helpers.ledger.checks import load_checks

    places = data.load_places().set_index("slug", drop=False)
    checks = {c.id: c for c in load_checks()}
    rows = []
    for slug in places.loc["poor_counties", "members"].split():
        batch = data.ref(f"km.{slug}_exit_batch")
        check = checks.get(f"overview.{slug}_exit_before_publication")
        rows.append(
            {
                "县区": places.loc[slug, "name_zh"],
                "English": places.loc[slug, "name_en"],
                "Left the list with the batch of": format(batch, "en"),
                "Announced": batch.source_date,
                "Before the article?": check.verdict_text if check else "not checked",
                "Source": batch.source,
            }
        )
    return _table(rows)


def prefectures_table() -> Table:
    """Kunming's headline figures (the article's) beside each prefecture's from its 2020 session, one row per
    prefecture found; a measure a session did not give reads "not given", and one that counts something else (a
    cumulative reduction, villages out so far) is named in the last column instead of filling a column."""
    columns = {k: title for k, (title, _, own_column) in data.PREFECTURE_MEASURES.items() if own_column}
    articles = {k: claim_id for k, (_, claim_id, _) in data.PREFECTURE_MEASURES.items() if claim_id}
    kunming, card = data.place("kunming"), source.source_card()
    rows = [
        {"Prefecture": f"{kunming['name_en']} (the article)", "州市": kunming["name_zh"]}
        | {
            title: format(data.claim(articles[k]), "n") if k in articles else "not given"
            for k, title in columns.items()
        }
        | {
            "Counts as of": data.claim(articles["poor_people"]).period_label,
            "Other measures": "—",
            "Source": f"{card.publication_en}, {card.published[:10]}",
        }
    ]
    found = data.prefectures()
    for row in found[found["found"]].to_dict("records"):
        figures = [row[k] for k in data.PREFECTURE_MEASURES if row[k] is not None]
        other = [
            f"{data.PREFECTURE_MEASURES[k][0]}: {row[k]:n}"
            for k in data.PREFECTURE_MEASURES
            if row[k] is not None and k not in columns
        ]
        counted = row["poor_people"] or row["poor_villages"] or figures[0]
        rows.append(
            {"Prefecture": row["name_en"], "州市": row["name_zh"]}
            | {title: format(row[k], "n") if row[k] is not None else "not given" for k, title in columns.items()}
            | {"Counts as of": counted.when, "Other measures": "; ".join(other) or "—", "Source": figures[0].brief}
        )
    return _table(rows)


def codes_table() -> Table:
    """The ledger's codes (kind, qualifier, status, place): each value, its meaning and how many claims have it."""
    ledger = _claim_figures()
    places = data.load_places().set_index("slug")
    qualifiers = {
        "exact": "the figure is given as exact",
        "at_least": "a lower bound (余, 多, 超过, 以上): 'more than'",
        "at_most": "an upper bound (不超过, 以内): 'at most'",
        "approximately": "approximate (近, 约, 左右): 'nearly', 'about'",
    }
    rows = []
    for column, meanings in (
        ("kind", schema.KINDS),
        ("qualifier", qualifiers),
        ("status", schema.STATUSES),
        ("geography", {slug: places.loc[slug, "name_en"] for slug in places.index}),
    ):
        for value, meaning in meanings.items():
            count = int((ledger[column] == value).sum())
            if count:
                rows.append(
                    {
                        "Code": "place" if column == "geography" else column,
                        "Value": value,
                        "Meaning": meaning,
                        "Claims": count,
                    }
                )
    return _table(rows, numeric=["Claims"])


def non_claim_reasons_table() -> Table:
    """Why each other number of the page is not a claim: reason, meaning, passages, occurrences, an example."""
    frame = data.load_non_claims()
    rows = [
        {
            "Reason": reason,
            "Meaning": schema.NON_CLAIM_REASONS[reason],
            "Passages": len(group),
            "Occurrences in the file": int(pd.to_numeric(group["occurrences"]).sum()),
            "Example": group["quote"].iloc[0],
        }
        for reason, group in frame.groupby("reason", sort=False)
    ]
    return _table(rows, numeric=["Passages", "Occurrences in the file"])


def grade_rules_table() -> Table:
    """The grades, strongest problem first: what each means, what it does not show, and how many claims have it now."""
    from helpers.ledger.grades import load_grades

    grades = load_grades()
    return _table(
        [
            {
                "Grade": schema.GRADE_WORDS[grade],
                "Code": grade,
                "Meaning": meaning,
                "Does not show": schema.GRADE_LIMITS[grade],
                "Claims": int((grades["grade"] == grade).sum()),
            }
            for grade, meaning in schema.GRADES.items()
        ],
        numeric=["Claims"],
    )
