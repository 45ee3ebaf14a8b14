"""The series' charts: one frame, colours with fixed meanings, and forms that fit the comparison.

**Frame.** Every chart is 680 px wide at its design size (6.8 in at 100 px per inch) and stored as a 2× PNG, so it
is sharp on high-density screens; the notebook and the site show it at 680 px. A chart carries a headline that
states its finding, a subtitle with the measure and unit, and its source, all left-aligned with the image edge.
Category labels sit in a fixed column, bars have one thickness, and no text is smaller than 12 px at design size.
Every chart is drawn a second time for phones (:data:`NARROW`, 360 px wide, no text under 11 px), from the same
arguments; the variant travels in the output's metadata and pages serve it through ``<picture>``.

**Colours** (:data:`ROLES`) mean the same thing in every chart:

====================  =========  =============================================================
role                  colour     used for
====================  =========  =============================================================
``article``           #0072B2    a figure the article states
``derived``           #56B4E9    a figure derived from the article's figures
``context``           #4D4D4D    a cited outside figure (bars, reference lines)
``time``              #009E73    reporting windows in time
``accent``            #D55E00    the one thing the headline is about
``contested``         #6633CC    a figure another publication gives differently
``other``             #C8C8C8    everything else (the rest of a whole, background)
====================  =========  =============================================================

The pairs stay apart for red-green colour blindness (tested: ΔE ≥ 20 in CIELAB between every two roles under
simulated protanopia and deuteranopia). Word claims (全覆盖, 全面达标) are drawn hatched and outlined, never as solid
measured bars; a lower bound (余, 超过) gets an open end.

**Forms.** :func:`bars` for magnitudes in one unit (with labelled reference lines), :func:`dumbbell` for change,
:func:`dots` for magnitudes spread over orders of size (log axis, plain tick labels; never bars on a log axis),
:func:`stacked` for part-to-whole, :func:`timeline` for reporting windows. The alt text of each chart is its
headline, then the data it draws, written from the same values.
"""

from __future__ import annotations

import base64
import contextvars
import functools
import io
import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from matplotlib.text import Text as MplText
from matplotlib.ticker import FixedLocator, FuncFormatter, NullLocator

from helpers.ledger.numbers import format_number
from helpers.ledger.schema import GRADE_TABLE, GRADE_WORDS
from helpers.style import ROLE_MEANING, ROLES, font_path

__all__ = [
    "ROLES",
    "GRADE_ROLES",
    "GRADE_WORDS",
    "Chart",
    "Bar",
    "Segment",
    "Change",
    "Window",
    "bars",
    "dumbbell",
    "reports_in_time",
    "dots",
    "stacked",
    "timeline",
    "setup",
    "font_path",
    "MAX_PNG_BYTES",
    "DESIGN_WIDTH_PX",
]

#: Colour of each role (see the module docstring), and the colour role of each grade wherever grades are drawn; both
#: are defined once, in helpers.style and helpers.ledger.schema.GRADE_TABLE.
GRADE_ROLES: dict[str, str] = {g.code: g.role for g in GRADE_TABLE}
INK = "#222222"
MUTED = "#555555"
DPI = 100
SCALE = 2  # stored PNGs have twice the design resolution
WIDTH_IN = 6.8
DESIGN_WIDTH_PX = int(WIDTH_IN * DPI)
MAX_PNG_BYTES = 100_000
#: Font sizes in points at 100 px per inch: 9 pt = 12.5 px, the smallest text of any chart.
SIZES = {"headline": 13.5, "subtitle": 10, "label": 9.5, "value": 9, "tick": 9, "source": 9, "key": 9}
ROW_IN = 0.36  # one bar row
LEFT_IN = 0.12
LABEL_IN = 2.25  # the label column
RIGHT_IN = 0.55  # room for value labels
_state: dict[str, str] = {}


@dataclass(frozen=True)
class Geometry:
    """A frame size: its width, label column, type sizes (points at 100 px per inch), wrapping widths (in columns,
    a Chinese character counting two) and line heights (inches). Every chart is drawn in :data:`WIDE` and again in
    :data:`NARROW`, the phone variant."""

    width_in: float
    label_in: float
    right_in: float
    right_scale: float  # how much of a chart's own right margin it keeps
    row_scale: float  # plot height, relative to the wide frame
    col_in: float  # the width of one column of value text
    sizes: dict[str, float]
    headline_cols: int
    subtitle_cols: int
    source_cols: int
    label_cols: int
    label_lines: int
    reference_cols: int
    lines: dict[str, float]
    ticks: int  # at most this many labelled ticks on a value axis

    @property
    def width_px(self) -> int:
        return int(round(self.width_in * DPI))


WIDE = Geometry(
    width_in=WIDTH_IN,
    label_in=LABEL_IN,
    right_in=RIGHT_IN,
    right_scale=1.0,
    row_scale=1.0,
    col_in=0.075,
    sizes=SIZES,
    headline_cols=64,
    subtitle_cols=92,
    source_cols=104,
    label_cols=34,
    label_lines=2,
    reference_cols=44,
    lines={"headline": 0.25, "subtitle": 0.19, "source": 0.17, "key": 0.26},
    ticks=5,
)
#: The phone variant: 360 px wide, no text under 8 pt (11 px at that width), labels in a narrower column over more
#: lines, and taller rows to hold them.
NARROW = Geometry(
    width_in=3.6,
    label_in=1.3,
    right_in=0.45,
    right_scale=0.75,
    row_scale=1.45,
    col_in=0.066,
    sizes={"headline": 11, "subtitle": 8.5, "label": 8, "value": 8, "tick": 8, "source": 8, "key": 8},
    headline_cols=40,
    subtitle_cols=52,
    source_cols=58,
    label_cols=20,
    label_lines=4,
    reference_cols=22,
    lines={"headline": 0.21, "subtitle": 0.165, "source": 0.152, "key": 0.23},
    ticks=3,
)
_geometry: contextvars.ContextVar[Geometry] = contextvars.ContextVar("chart_geometry", default=WIDE)


def _g() -> Geometry:
    """The frame size being drawn."""
    return _geometry.get()


def setup() -> str:
    """Register the CJK font and set the series style; returns the font family name. Idempotent."""
    if "family" not in _state:
        path = font_path()
        font_manager.fontManager.addfont(str(path))
        _state["family"] = font_manager.FontProperties(fname=str(path)).get_name()
    family = _state["family"]
    matplotlib.rcParams.update(
        {
            "font.family": "sans-serif",
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "text.parse_math": False,  # a $ in a label is a dollar sign, never mathematics
            "figure.dpi": DPI,
            "savefig.dpi": DPI * SCALE,
            "axes.edgecolor": "#BBBBBB",
            "axes.linewidth": 0.8,
            "xtick.color": MUTED,
            "ytick.color": INK,
            "xtick.labelsize": _g().sizes["tick"],
            "ytick.labelsize": _g().sizes["label"],
            "axes.labelsize": _g().sizes["tick"],
            "axes.labelcolor": MUTED,
            "hatch.linewidth": 1.0,
            "svg.hashsalt": "kunming",
        }
    )
    return family


# --- text layout --------------------------------------------------------------------------------------------------


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap(text: str, width: int) -> str:
    """Wrap text to ``width`` columns, counting a Chinese character as two; keeps given line breaks."""
    lines = []
    for paragraph in text.split("\n"):
        words, line = _tokens(paragraph), ""
        for word in words:
            if line and _width(line + word) > width:
                lines.append(line.rstrip())
                line = word.lstrip()
            else:
                line += word
        lines.append(line.rstrip())
    return "\n".join(lines)


def _tokens(text: str) -> list[str]:
    """Words with their following space; each Chinese character is its own token so lines may break between them."""
    tokens, current = [], ""
    for ch in text:
        if unicodedata.east_asian_width(ch) in "WF":
            if current:
                tokens.append(current)
                current = ""
            tokens.append(ch)
        elif ch == " ":
            tokens.append(current + " ")
            current = ""
        else:
            current += ch
    if current:
        tokens.append(current)
    return tokens


def _lines(text: str) -> int:
    return text.count("\n") + 1 if text else 0


# --- the finished chart -----------------------------------------------------------------------------------------------


@dataclass
class Chart:
    """A finished chart: its figure, the alt text that says what it shows, and the colour roles it uses."""

    figure: Figure
    alt: str
    roles: tuple[str, ...]
    #: Draws the same chart again in the current geometry (set on charts drawn in :data:`WIDE`).
    redraw: Callable[[], Chart] | None = field(default=None, repr=False, compare=False)
    _narrow: Chart | None = field(default=None, init=False, repr=False, compare=False)

    def narrow(self) -> Chart | None:
        """The phone variant: the same marks and text drawn again in :data:`NARROW` (``None`` if it cannot be)."""
        if self._narrow is None and self.redraw is not None:
            token = _geometry.set(NARROW)
            try:
                self._narrow = self.redraw()
            finally:
                _geometry.reset(token)
        return self._narrow

    def size_px(self) -> tuple[int, int]:
        width, height = self.figure.get_size_inches()
        return int(round(width * DPI)), int(round(height * DPI))

    def smallest_text_px(self) -> float:
        sizes = [t.get_fontsize() for t in self.figure.findobj(MplText) if t.get_visible() and t.get_text().strip()]
        return round(min(sizes) * DPI / 72, 1)

    def png(self) -> bytes:
        """The chart as a 2× PNG, palette-quantised and deterministic (no software or date metadata)."""
        from PIL import Image

        # Agg's raw pixels, not its PNG: the same image, without encoding a PNG only to decode it again
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="rgba", dpi=DPI * SCALE)
        # the canvas's size at the dpi it was drawn at, rounded as the canvas rounds it
        own_dpi, self.figure.dpi = self.figure.dpi, DPI * SCALE
        try:
            width, height = self.figure.canvas.get_width_height(physical=True)
        finally:
            self.figure.dpi = own_dpi
        pixels = buffer.getvalue()
        if len(pixels) != width * height * 4:
            raise RuntimeError(f"chart canvas is not {width}×{height} pixels: {self.alt[:80]}")
        image = Image.frombuffer("RGBA", (width, height), pixels).convert("RGB")
        quantised = image.quantize(colors=128, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
        out = io.BytesIO()
        quantised.save(out, format="PNG", optimize=True)
        data = out.getvalue()
        if len(data) > MAX_PNG_BYTES:
            raise ValueError(
                f"chart PNG is {len(data):,} bytes; keep charts at or under {MAX_PNG_BYTES:,} bytes "
                f"(fewer rows or shorter labels): {self.alt[:80]}"
            )
        return data

    def _repr_mimebundle_(self, include=None, exclude=None):
        png = self.png()
        width, height = self.size_px()
        meta = {
            "alt": self.alt,
            "width": width,
            "height": height,
            "roles": list(self.roles),
            "smallest_text_px": self.smallest_text_px(),
        }
        narrow = self.narrow()
        if narrow is not None:  # kept in the output's metadata, where the site and the exporter find it
            narrow_width, narrow_height = narrow.size_px()
            meta["narrow"] = {
                "png": base64.b64encode(narrow.png()).decode("ascii"),
                "width": narrow_width,
                "height": narrow_height,
                "smallest_text_px": narrow.smallest_text_px(),
            }
        return (
            {"image/png": base64.b64encode(png).decode("ascii"), "text/plain": f"Chart: {self.alt}"},
            {"image/png": meta},
        )


# --- marks ------------------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bar:
    """One bar: label, value, colour role, the text at its end, and whether it is a word claim or a lower bound."""

    label: str
    value: float
    role: str = "article"
    text: str | None = None
    word: bool = False
    lower_bound: bool = False


@dataclass(frozen=True)
class Segment:
    """One part of a stacked bar."""

    label: str
    value: float
    role: str = "article"
    word: bool = False


@dataclass(frozen=True)
class Change:
    """One row of a dumbbell: a value at a first and a second point, with their labels."""

    label: str
    first: float
    second: float | None
    first_text: str
    second_text: str
    second_word: bool = False
    first_role: str = "article"
    second_role: str = "article"


@dataclass(frozen=True)
class Window:
    """One reporting window: a span from start to end, or a point; ``count`` claims use it."""

    label: str
    start: object
    end: object
    point: bool
    count: int = 0


def role_of(value: object) -> str:
    """The colour role a figure has by its provenance: a claim is ``article``, a derived metric ``derived``, a context
    figure ``context``; anything else is ``other``."""
    from helpers.ledger.values import Claim, Derived, Ref

    if isinstance(value, Claim):
        return "article"
    if isinstance(value, Derived):
        return "derived"
    if isinstance(value, Ref):
        return "context"
    return "other"


def compact(value: float) -> str:
    """A large number in words for chart labels and ticks: 709000000 → ``709 million``, 2128000000 →
    ``2.13 billion``; numbers below ten million keep every digit."""
    magnitude = abs(value)
    if magnitude >= 1e9:
        return f"{format_number(round(value / 1e9, 2))} billion"
    if magnitude >= 1e7:
        return f"{format_number(round(value / 1e6, 0 if magnitude >= 1e8 else 1))} million"
    return format_number(value)


def _text_of(value: object) -> str:
    from helpers.ledger.values import Value

    if isinstance(value, Value):
        if getattr(value, "kind", "") == "word":
            return f"{value.as_written} (word)"  # type: ignore[attr-defined]
        number = compact(value.value) if abs(value.value) >= 1e7 else value.number()
        if value.qualifier in ("approximately", "at_most"):  # a lower bound ends in an arrow instead
            return f"{'about' if value.qualifier == 'approximately' else 'at most'} {number}"
        return number
    return compact(float(value))  # type: ignore[arg-type]


def _bar(item: object) -> Bar:
    """A bar from a figure, ``(label, figure)`` or ``(label, figure, role)``; a figure's label, colour, word-claim
    hatching and lower-bound arrow follow from the figure itself."""
    from helpers.ledger.values import Value

    if isinstance(item, Bar):
        return item
    role = None
    if isinstance(item, tuple):
        label, value, *rest = item
        role = rest[0] if rest else None
    else:
        value = item
        label = value.label  # type: ignore[attr-defined]
    number = value.value if isinstance(value, Value) else float(value)  # type: ignore[arg-type]
    word = isinstance(value, Value) and getattr(value, "kind", "") == "word"
    lower = isinstance(value, Value) and value.qualifier == "at_least"
    return Bar(label, number, role or role_of(value), _text_of(value), word, lower)


def _segment(item: object) -> Segment:
    """A segment from ``(label, number or figure, role[, word])``; a figure's role defaults to its provenance."""
    from helpers.ledger.values import Value

    if isinstance(item, Segment):
        return item
    label, value, *rest = item  # type: ignore[misc]
    if isinstance(value, Value):
        role = rest[0] if rest else role_of(value)
        word = rest[1] if len(rest) > 1 else getattr(value, "kind", "") == "word"
        return Segment(label, value.value, role, word)
    return Segment(label, float(value), *rest)


def _chinese_of(item: object) -> str | None:
    from helpers.ledger.values import Claim

    value = item[1] if isinstance(item, tuple) else item
    return value.as_written if isinstance(value, Claim) else None


def _reference(item: object) -> tuple[str, float]:
    from helpers.ledger.values import Value

    if isinstance(item, tuple):
        label, value = item
    else:
        label, value = f"{item.label}: {item:en}", item  # type: ignore[attr-defined]
    return label, value.value if isinstance(value, Value) else float(value)  # type: ignore[arg-type]


def _check_roles(roles: Sequence[str]) -> None:
    unknown = sorted(set(roles) - set(ROLES))
    if unknown:
        raise ValueError(f"unknown colour role(s) {unknown}; roles are {', '.join(ROLES)}")


class _Frame:
    """Fixed-width figure geometry: headline, subtitle, plot area with a label column, key and source."""

    def __init__(
        self,
        headline: str,
        subtitle: str,
        source: str,
        rows: int,
        roles: Sequence[str],
        label_column: bool = True,
        key: Sequence[tuple[str, str, str]] = (),
        axis_label: str = "",
        plot_in: float | None = None,
        right_in: float | None = None,
    ):
        _check_roles(roles)  # before anything is drawn in an unknown colour
        setup()
        self.headline = wrap(headline, _g().headline_cols)
        self.subtitle = wrap(subtitle, _g().subtitle_cols)
        self.source = wrap(source, _g().source_cols)
        self.key = list(key)
        g = _g()
        right_in = g.right_in if right_in is None else right_in * g.right_scale
        top = 0.14 + g.lines["headline"] * _lines(self.headline) + g.lines["subtitle"] * _lines(self.subtitle) + 0.16
        plot = (plot_in if plot_in is not None else max(0.9, ROW_IN * rows + 0.12)) * g.row_scale
        self.key_layout = self._layout_key()
        key_rows = 1 + max((row for _, row in self.key_layout), default=-1)
        bottom = (
            0.34
            + (0.2 if axis_label else 0)
            + g.lines["key"] * key_rows
            + g.lines["source"] * _lines(self.source)
            + 0.1
        )
        height = top + plot + bottom
        if g is not WIDE:  # whole pixels, so that the stored size is the image's own
            height = math.ceil(height * DPI) / DPI
        self.figure = Figure(figsize=(_g().width_in, height), dpi=DPI)
        left = LEFT_IN + (_g().label_in if label_column else 0.45)
        self.ax = self.figure.add_axes(
            (left / _g().width_in, bottom / height, (_g().width_in - left - right_in) / _g().width_in, plot / height)
        )
        x0 = LEFT_IN / _g().width_in
        y = 1 - 0.12 / height
        self.figure.text(
            x0, y, self.headline, ha="left", va="top", fontsize=_g().sizes["headline"], color=INK, linespacing=1.15
        )
        y -= g.lines["headline"] * _lines(self.headline) / height
        if self.subtitle:
            self.figure.text(
                x0,
                y - 0.02 / height,
                self.subtitle,
                ha="left",
                va="top",
                fontsize=_g().sizes["subtitle"],
                color=MUTED,
                linespacing=1.2,
            )
        self.figure.text(
            x0,
            0.08 / height,
            self.source,
            ha="left",
            va="bottom",
            fontsize=_g().sizes["source"],
            color=MUTED,
            linespacing=1.2,
        )
        if axis_label:
            self.ax.set_xlabel(axis_label, loc="left", labelpad=4)
        if self.key:
            ky = (0.08 + g.lines["source"] * _lines(self.source) + 0.1) / height
            self._draw_key(x0, ky, height)
        self.roles = list(roles)
        for spine in ("top", "right", "left"):
            self.ax.spines[spine].set_visible(False)
        self.ax.tick_params(axis="y", length=0, pad=6)
        self.ax.tick_params(axis="x", length=3)

    def _layout_key(self) -> list[tuple[float, int]]:
        """Each key entry's left edge (inches from the frame's left margin) and row, wrapping at the figure width."""
        layout, x, row = [], 0.0, 0
        for _, text, _ in self.key:
            width = 0.22 + _g().col_in * _width(text) + 0.3
            if x and x + width > _g().width_in - 2 * LEFT_IN:
                x, row = 0.0, row + 1
            layout.append((x, row))
            x += width
        return layout

    def _draw_key(self, x0: float, y0: float, height: float) -> None:
        rows = 1 + max((row for _, row in self.key_layout), default=0)
        for (role, text, style), (offset, row) in zip(self.key, self.key_layout):
            x = x0 + offset / _g().width_in
            y = y0 + _g().lines["key"] * (rows - 1 - row) / height
            width_in = 0.16
            if style in ("hollow", "dot"):
                self.figure.add_artist(
                    Line2D(
                        [x + 0.08 / _g().width_in],
                        [y + 0.065 / height],
                        marker="o",
                        markersize=8,
                        markerfacecolor="white" if style == "hollow" else ROLES[role],
                        markeredgecolor=ROLES[role],
                        markeredgewidth=1.8,
                        linestyle="none",
                        transform=self.figure.transFigure,
                    )
                )
            else:
                self.figure.patches.append(
                    Rectangle(
                        (x, y),
                        width_in / _g().width_in,
                        0.13 / height,
                        transform=self.figure.transFigure,
                        facecolor="white" if style == "hatched" else ROLES[role],
                        edgecolor=ROLES[role],
                        hatch="////" if style == "hatched" else None,
                        linewidth=1.0,
                    )
                )
            self.figure.text(
                x + 0.22 / _g().width_in,
                y + 0.065 / height,
                text,
                ha="left",
                va="center",
                fontsize=_g().sizes["key"],
                color=INK,
            )

    def finish(self, alt: str) -> Chart:
        _check_roles(self.roles)
        return Chart(self.figure, alt, tuple(dict.fromkeys(self.roles)))


def _alt(headline: str, subtitle: str, data: str) -> str:
    return f"{headline.rstrip('.')}. {subtitle.rstrip('.')}. {data}".strip()


def _key_for(
    roles: Sequence[str], words: bool | str, meanings: dict[str, str] | None = None
) -> list[tuple[str, str, str]]:
    """Key entries: one per colour role when two or more are drawn, or for every role the caller gave a meaning."""
    _check_roles(roles)
    given = dict(meanings or {})
    meanings = {**ROLE_MEANING, **given}
    distinct = [r for r in dict.fromkeys(roles) if r != "other" or r in given]
    shown = len(distinct) > 1 or any(r in given for r in distinct)
    key = [(r, meanings[r], "solid") for r in distinct] if shown else []
    if words:  # True, or the colour role of the hatched bars
        key.append(
            (
                words if isinstance(words, str) else "article",
                "a word claim (全覆盖, 全面达标): read as 100%, not measured",
                "hatched",
            )
        )
    return key


def _number_formatter(ax, axis: str = "x") -> None:
    formatter = FuncFormatter(lambda v, _: compact(float(v)))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)


def _draw_bar(ax, y: float, value: float, left: float, role: str, word: bool, height: float = 0.62) -> None:
    if word:
        ax.barh(
            y, value, left=left, height=height, facecolor="white", edgecolor=ROLES[role], hatch="////", linewidth=1.2
        )
    else:
        ax.barh(y, value, left=left, height=height, color=ROLES[role], linewidth=0)


def _draw_bars(ax, values: Sequence[float], roles: Sequence[str], words: Sequence[bool], height: float = 0.62) -> None:
    """Horizontal bars from zero, one per row (row ``i`` at ``y = i``), drawn by seaborn in the house's role colours;
    a word claim is a hatched outline in its colour."""
    import seaborn as sns  # imported here: the site and the command line never draw

    rows = list(range(len(values)))
    for word in (False, True):
        mine = [i for i in rows if words[i] == word]
        if not mine:
            continue
        sns.barplot(
            x=[values[i] for i in mine],
            y=mine,
            hue=[roles[i] for i in mine],
            palette={roles[i]: ROLES[roles[i]] for i in mine},
            orient="h",
            native_scale=True,
            width=height,
            saturation=1,  # the house colours as they are (seaborn mutes them by default)
            errorbar=None,
            legend=False,
            ax=ax,
            **({"fill": False, "hatch": "////", "linewidth": 1.2} if word else {"linewidth": 0}),
        )


def _draw_points(ax, points: Sequence[tuple[int, float, str]], size: float, hollow: bool, hatch=None) -> None:
    """Dots ``(row, value, role)`` drawn by seaborn in the role's colour, hollow (white inside) or filled."""
    if not points:
        return
    import seaborn as sns  # imported here: the site and the command line never draw

    before = len(ax.collections)
    sns.scatterplot(
        x=[v for _, v, _ in points],
        y=[i for i, _, _ in points],
        hue=[r for _, _, r in points],
        palette={r: ROLES[r] for _, _, r in points},
        s=size,
        linewidth=1.8,
        edgecolor="face",
        hatch=hatch,
        legend=False,
        zorder=3,
        ax=ax,
    )
    if hollow:  # the outline in the role's colour, the inside white
        dots = ax.collections[before]
        dots.set_edgecolors(dots.get_facecolors())
        dots.set_facecolor("white")


def _reference_lines(ax, references: Sequence[tuple[str, float]], first_row_y: float) -> None:
    """Dashed vertical lines for cited reference values, each labelled on the chart (no legend).

    Each line runs up to its own label. A label starts just right of its line, or ends just left of it when the line
    is in the right third of the axis. Rows are assigned so that no line runs through another line's label: lines
    whose labels extend right take the lowest rows from the right, and labels that extend left take the rows above.
    """
    low, high = ax.get_xlim()
    bottom = ax.get_ylim()[0]
    right = sorted((r for r in references if (r[1] - low) / (high - low) > 0.66), key=lambda r: r[1])
    left = sorted((r for r in references if (r[1] - low) / (high - low) <= 0.66), key=lambda r: -r[1])
    for j, (label, value) in enumerate(left + right):
        row_y = first_row_y - 0.38 * j
        ends_left = (label, value) in right
        ax.plot(
            [value, value],
            [bottom, row_y - 0.28],
            color=ROLES["context"],
            linestyle=(0, (4, 2)),
            linewidth=1.2,
            zorder=2,
            clip_on=False,
        )
        ax.annotate(
            wrap(label, _g().reference_cols),
            (value, row_y),
            xytext=(3 if not ends_left else -3, 0),
            textcoords="offset points",
            ha="right" if ends_left else "left",
            va="bottom",
            fontsize=_g().sizes["value"],
            color=ROLES["context"],
            annotation_clip=False,
        )


def _point_label(ax, text: str, x: float, y: float, offset: float = 9) -> None:
    """A value label beside a point: to its right for a positive ``offset``, to its left for a negative one."""
    ax.annotate(
        text,
        (x, y),
        xytext=(offset, 0),
        textcoords="offset points",
        ha="left" if offset > 0 else "right",
        va="center",
        fontsize=_g().sizes["value"],
        color=INK,
    )


def _year_axis(ax, dates: Sequence[object], marker: tuple[str, object]) -> float:
    """A date axis in whole years around ``dates`` and the marker's date (yearly ticks under six years, else every
    second year), light vertical gridlines, and the marker as a dashed line; returns the marker's x."""
    import matplotlib.dates as mdates
    import pandas as pd

    when = [pd.Timestamp(d) for d in dates] + [pd.Timestamp(marker[1])]
    first, last = min(when).year, max(when).year
    ax.xaxis_date()
    step = 1 if last - first < 6 else 2
    if _g() is not WIDE:  # fewer labelled years where the frame is narrow
        step = next(s for s in (1, 2, 5, 10, 20, 50) if (last - first) // s + 1 <= _g().ticks + 1)
    ax.xaxis.set_major_locator(mdates.YearLocator(step))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    ax.set_xlim(mdates.date2num(pd.Timestamp(f"{first}-01-01")), mdates.date2num(pd.Timestamp(f"{last}-12-31")))
    x = mdates.date2num(pd.Timestamp(marker[1]))
    ax.axvline(x, color=INK, linestyle=(0, (3, 2)), linewidth=1)
    ax.grid(axis="x", color="#EEEEEE", linewidth=0.8)
    ax.set_axisbelow(True)
    return x


def _text_in(text: str, size: str = "value") -> float:
    """About how wide ``text`` is in inches at the current frame's ``size``."""
    g = _g()
    return _width(text) * g.col_in * g.sizes[size] / g.sizes["value"]


def _plot_in(ax) -> float:
    """The width of the plot area in inches."""
    return ax.get_position().width * ax.figure.get_size_inches()[0]


def _room_right_in(ax, x: float) -> float:
    """Inches from ``x`` (in data units of a linear axis) to the figure's right margin."""
    low, high = ax.get_xlim()
    axes = ax.get_position()
    width = ax.figure.get_size_inches()[0]
    return (high - x) / (high - low) * _plot_in(ax) + (1 - axes.x1) * width - LEFT_IN


def _room_for_ends(ax, ends: Sequence[tuple[float, str]], limit: float) -> float:
    """The axis end at or beyond ``limit`` that leaves room for each text printed at its bar's end."""
    axes = ax.get_position()
    plot, margin = _plot_in(ax), (1 - axes.x1) * ax.figure.get_size_inches()[0] - LEFT_IN
    for end, text in ends:
        room = plot + margin - _text_in(text) - 0.08
        if room > 0:  # the text fits when the bar's end sits at end / limit of the plot
            limit = max(limit, end * 1.012 * plot / room)
    return limit


def _labels(ax, labels: Sequence[str]) -> None:
    g = _g()
    wrapped = [wrap(label, g.label_cols) for label in labels]
    too_long = [label for label, text in zip(labels, wrapped) if _lines(text) > g.label_lines]
    if too_long:
        lines = {2: "two", 3: "three", 4: "four"}.get(g.label_lines, str(g.label_lines))
        raise ValueError(
            f"label too long for the label column ({lines} lines of about {g.label_cols} characters): {too_long[0]!r}; "
            "give the row a shorter label, e.g. (\"short label\", figure)"
        )
    ax.set_yticks(range(len(labels)), wrapped)
    ax.set_ylim(len(labels) - 0.45, -0.55)


# --- chart forms ------------------------------------------------------------------------------------------------------


def _narrow_too(draw: Callable[..., Chart]) -> Callable[..., Chart]:
    """A chart form whose charts can draw themselves again as the phone variant, from the same arguments."""

    @functools.wraps(draw)
    def drawn(*args, **kwargs) -> Chart:
        args = tuple(list(a) if isinstance(a, Iterator) else a for a in args)  # a generator is read twice
        kwargs = {k: list(v) if isinstance(v, Iterator) else v for k, v in kwargs.items()}
        chart = draw(*args, **kwargs)
        if _g() is WIDE:
            chart.redraw = functools.partial(draw, *args, **kwargs)
        return chart

    return drawn


@_narrow_too
def bars(
    items: Sequence[object],
    headline: str,
    subtitle: str,
    source: str,
    unit: str,
    references: Sequence[object] = (),
    axis_label: str = "",
    key: dict[str, str] | None = None,
) -> Chart:
    """Horizontal bars from zero, all in ``unit``; ``references`` are labelled vertical lines in the same unit.

    ``items`` are figures, ``(label, figure)`` or ``(label, figure, role)``. A figure's colour follows its provenance
    (see :data:`ROLES`); a word claim is hatched; a lower bound ends in an open arrow. Values are printed at the bar
    ends, so there are no gridlines; ``key`` renames role meanings in the key.
    """
    items = [_bar(i) for i in items]
    references = [_reference(r) for r in references]
    roles = [b.role for b in items] + (["context"] if references else [])
    words = next((b.role for b in items if b.word), False)
    frame = _Frame(
        headline,
        subtitle,
        source,
        len(items),
        roles,
        key=_key_for([b.role for b in items], words, key),
        axis_label=axis_label or unit,
        plot_in=max(0.9, ROW_IN * len(items) + 0.12 + (0.25 if references else 0)),
    )
    ax = frame.ax
    top = max([b.value for b in items] + [v for _, v in references])
    _draw_bars(ax, [b.value for b in items], [b.role for b in items], [b.word for b in items])
    for i, bar in enumerate(items):
        text = bar.text if bar.text is not None else format_number(bar.value)
        end = bar.value
        if bar.lower_bound:
            ax.annotate(
                "",
                xy=(bar.value + top * 0.05, i),
                xytext=(bar.value, i),
                arrowprops={"arrowstyle": "-|>", "color": ROLES[bar.role], "lw": 1.4},
            )
            end += top * 0.05
        ax.text(end + top * 0.012, i, text, va="center", ha="left", fontsize=_g().sizes["value"], color=INK)
    ax.set_xlim(
        0,
        _room_for_ends(
            ax,
            [
                (
                    b.value + (top * 0.05 if b.lower_bound else 0),
                    b.text if b.text is not None else format_number(b.value),
                )
                for b in items
            ],
            top * 1.22,
        ),
    )
    _labels(ax, [b.label for b in items])
    ax.set_ylim(len(items) - 0.45, -0.55 - (0.45 + 0.38 * (len(references) - 1) if references else 0))
    _reference_lines(ax, references, first_row_y=-0.6)
    _number_formatter(ax)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(_g().ticks))
    data = "; ".join(
        f"{b.label.replace(chr(10), ' ')}: {b.text or format_number(b.value)}"
        + (" (a word claim)" if b.word else "")
        + (" (a lower bound)" if b.lower_bound else "")
        for b in items
    )
    if references:
        data += ". Reference lines: " + "; ".join(
            f"{label.replace(chr(10), ' ')} at {format_number(value)}" for label, value in references
        )
    return frame.finish(_alt(headline, subtitle, f"Bars in {unit}: {data}."))


@_narrow_too
def dumbbell(
    rows: Sequence[tuple],
    headline: str,
    subtitle: str,
    source: str,
    unit: str,
    labels: tuple[str, str],
    references: Sequence[object] = (),
    limits: tuple[float, float] | None = None,
) -> Chart:
    """Change drawn as change: for each row ``(label, first, second)`` a dot at the first figure joined to the second.

    A second figure that is a word claim is drawn with a hatched marker; ``second=None`` draws the first point alone
    (a place with no later figure). ``labels`` name the two points.
    """
    rows = [
        r
        if isinstance(r, Change)
        else Change(
            r[0],
            r[1].value,
            None if r[2] is None else r[2].value,
            _text_of(r[1]),
            "" if r[2] is None else _text_of(r[2]),
            getattr(r[2], "kind", "") == "word",
            role_of(r[1]),
            role_of(r[1] if r[2] is None else r[2]),
        )
        for r in rows
    ]
    references = [_reference(r) for r in references]
    roles = [r.first_role for r in rows] + [r.second_role for r in rows if r.second is not None]
    roles += ["context"] if references else []
    first_role, later = rows[0].first_role, [r for r in rows if r.second is not None]
    key = [(first_role, labels[0], "hollow")]
    if any(not r.second_word for r in later):  # an entry only for marks that are drawn
        key.append((next(r.second_role for r in later if not r.second_word), labels[1], "dot"))
    if any(r.second_word for r in later):
        key.append(("article", "a word claim: read as 100%, not measured", "hatched"))
    frame = _Frame(
        headline,
        subtitle,
        source,
        len(rows),
        roles,
        key=key,
        axis_label=unit,
        right_in=1.15,
        plot_in=max(0.9, 0.5 * len(rows) + 0.2 + (0.3 if references else 0)),
    )
    ax = frame.ax
    _draw_points(ax, [(i, r.first, r.first_role) for i, r in enumerate(rows)], size=70, hollow=True)
    for hatched in (False, True):
        points = [(i, r.second, r.second_role) for i, r in enumerate(rows) if r.second is not None]
        points = [p for p, r in zip(points, [r for r in rows if r.second is not None]) if r.second_word == hatched]
        _draw_points(ax, points, size=80, hollow=hatched, hatch="////" if hatched else None)
    for i, row in enumerate(rows):
        if row.second is None:  # only the first point is known
            _point_label(ax, row.first_text, row.first, i)
            continue
        ax.plot([row.first, row.second], [i, i], color=ROLES["other"], linewidth=3, zorder=1, solid_capstyle="butt")
        lower, higher = sorted([(row.first, row.first_text), (row.second, row.second_text)])
        _point_label(ax, lower[1], lower[0], i, offset=-9)
        _point_label(ax, higher[1], higher[0], i)
    if limits:
        ax.set_xlim(*limits)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(_g().ticks))
    _labels(ax, [r.label for r in rows])
    ax.set_ylim(len(rows) - 0.5, -0.6 - (0.5 + 0.38 * (len(references) - 1) if references else 0))
    _reference_lines(ax, references, first_row_y=-0.65)
    _number_formatter(ax)
    data = "; ".join(
        f"{r.label.replace(chr(10), ' ')}: {r.first_text} ({labels[0]})"
        + ("" if r.second is None else f" to {r.second_text} ({labels[1]})")
        + (" (a word claim)" if r.second_word else "")
        for r in rows
    )
    if references:
        data += ". Reference lines: " + "; ".join(
            f"{label.replace(chr(10), ' ')} at {format_number(value)}" for label, value in references
        )
    axis = f" The axis runs from {format_number(limits[0])} to {format_number(limits[1])}." if limits else ""
    return frame.finish(
        _alt(headline, subtitle, f"Dots in {unit}, joined from {labels[0]} to {labels[1]}: {data}.{axis}")
    )


def _plain_power(value: float) -> str:
    """A power of ten in plain words, Chinese style and English: 100万 (1 million), 1亿 (100 million)."""
    exponent = round(math.log10(value))
    chinese = {4: "1万", 5: "10万", 6: "100万", 7: "1,000万", 8: "1亿", 9: "10亿", 10: "100亿", 11: "1,000亿"}
    english = {
        4: "10,000",
        5: "100,000",
        6: "1 million",
        7: "10 million",
        8: "100 million",
        9: "1 billion",
        10: "10 billion",
        11: "100 billion",
    }
    return f"{chinese.get(exponent, format_number(value))}\n{english.get(exponent, '')}".strip()


@_narrow_too
def dots(items: Sequence[object], headline: str, subtitle: str, source: str, unit: str) -> Chart:
    """A dot plot on a logarithmic axis with plain tick labels (100万 / 1亿 / 10亿); for magnitudes over orders of size.

    Dots, not bars: on a log axis a bar's length has no zero to start from. ``items`` as for :func:`bars`; a claim
    is labelled as the article writes it (21.28亿元), to match the Chinese tick labels.
    """
    raw_items = list(items)
    items = [_bar(i) for i in items]
    items = [
        Bar(b.label, b.value, b.role, chinese, b.word, b.lower_bound) if (chinese := _chinese_of(i)) else b
        for b, i in zip(items, raw_items)
    ]
    roles = [b.role for b in items]
    frame = _Frame(
        headline,
        subtitle,
        source,
        len(items),
        roles,
        key=_key_for(roles, False),
        axis_label=unit,
        plot_in=max(0.9, ROW_IN * len(items) + 0.45),
        right_in=1.15,
    )
    ax = frame.ax
    ax.set_xscale("log")
    values = [b.value for b in items]
    low = 10 ** math.floor(math.log10(min(values)))
    high = 10 ** math.ceil(math.log10(max(values)))
    import seaborn as sns  # imported here: the site and the command line never draw

    ax.hlines(range(len(items)), low, values, color="#E4E4E4", linewidth=1, zorder=1)
    sns.scatterplot(  # the dots, coloured by role (the palette is the house's roles)
        x=values,
        y=range(len(items)),
        hue=roles,
        palette={role: ROLES[role] for role in roles},
        s=60,
        linewidth=matplotlib.rcParams["lines.linewidth"],  # edged in its own colour, as matplotlib's scatter is
        edgecolor="face",
        legend=False,
        zorder=3,
        ax=ax,
    )
    for i, bar in enumerate(items):
        _point_label(ax, bar.text or format_number(bar.value), bar.value, i, offset=8)
    ticks = [10**e for e in range(round(math.log10(low)), round(math.log10(high)) + 1)]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_minor_locator(NullLocator())
    every = math.ceil(len(ticks) / (_g().ticks + 1))  # a narrow frame labels every second or third power
    ax.set_xticks(ticks, [_plain_power(t) if k % every == 0 else "" for k, t in enumerate(ticks)])
    ax.set_xlim(low, high)
    ax.grid(axis="x", color="#EEEEEE", linewidth=0.8)
    ax.set_axisbelow(True)
    _labels(ax, [b.label for b in items])
    ratio = max(values) / min(values)
    data = "; ".join(f"{b.label.replace(chr(10), ' ')}: {b.text or format_number(b.value)}" for b in items)
    return frame.finish(
        _alt(
            headline,
            subtitle,
            f"Dots on a logarithmic scale in {unit}, the largest {format_number(ratio, 0)} times the smallest: {data}.",
        )
    )


@_narrow_too
def stacked(
    rows: Sequence[tuple[str, Sequence[tuple]]],
    headline: str,
    subtitle: str,
    source: str,
    unit: str,
    percent: bool = False,
    key: dict[str, str] | None = None,
) -> Chart:
    """Part-to-whole: one horizontal bar per row ``(label, segments)``, split into its segments (as shares of 100%
    if ``percent``). A segment is ``(label, number, role)`` or ``(label, number, role, word)``.

    Each segment is labelled with its name and size, inside the bar where it fits and under it where it does not,
    so no key is needed (except for hatched word claims).
    """
    rows = [
        (label, [seg for seg in map(_segment, segments) if seg.value]) for label, segments in rows
    ]  # no empty parts
    roles = [s.role for _, segments in rows for s in segments]
    words = any(s.word for _, segments in rows for s in segments)
    top = 100.0 if percent else max(sum(s.value for s in segments) for _, segments in rows)

    def size(segment: Segment, whole: float) -> str:
        return f"{format_number(100 * segment.value / whole, 1)}%" if percent else compact(segment.value)

    geometry = _g()
    plot_chars = (geometry.width_in - LEFT_IN - geometry.label_in - geometry.right_in) / geometry.col_in

    def share_of_top(segment: Segment, whole: float) -> float:
        return (100 * segment.value / whole if percent else segment.value) / top

    # a row of one segment is named by its row label, so only its size is printed (at the bar end)
    narrow = [
        (i, j)
        for i, (_, segments) in enumerate(rows)
        for j, seg in enumerate(segments)
        if len(segments) > 1
        and seg.value
        and _width(f"{seg.label} {size(seg, sum(x.value for x in segments))}")
        > share_of_top(seg, sum(x.value for x in segments)) * plot_chars
    ]
    g, end = _g(), top * (1.0 if percent else 1.12)

    def under(i: int, j: int) -> tuple[str, bool]:
        """A narrow segment's label under its bar, and whether it ends left of its leader; wrapped where neither
        side has room for it on one line."""
        segments = rows[i][1]
        whole = sum(x.value for x in segments)
        part = [100 * x.value / whole if percent else x.value for x in segments]
        text = f"{segments[j].label} {size(segments[j], whole)}"
        centre = sum(part[:j]) + part[j] / 2
        room = (end - centre) / top * plot_chars  # characters right of the leader
        ends_left = _width(text) + 1 > room + g.right_in / g.col_in
        left_room = int(g.label_in / g.col_in + centre / end * plot_chars) - 2  # characters left of it
        if ends_left and _width(text) + 1 > left_room:
            text = wrap(text, left_room)
        return text, ends_left

    # labels under a bar: the rightmost segment on the first line, so no leader crosses another label
    labelled: dict[tuple[int, int], tuple[str, bool, int]] = {}
    below = []
    for i in range(len(rows)):
        line = 1
        for j in sorted((j for r, j in narrow if r == i), reverse=True):
            text, ends_left = under(i, j)
            labelled[i, j] = (text, ends_left, line)
            line += _lines(text)
        below.append(line - 1)
    ys, y = [], 0.0
    for lines_below in below:  # each row leaves room under it for the labels of its narrow segments
        ys.append(y)
        y += 1 + 0.5 * lines_below
    frame = _Frame(
        headline,
        subtitle,
        source,
        len(rows),
        roles,
        key=_key_for([], words, key),
        axis_label=unit,
        plot_in=ROW_IN * (len(rows) + 0.5 * sum(below)) + 0.3,
    )
    ax = frame.ax
    for i, (_, segments) in enumerate(rows):
        whole, row_y = sum(s.value for s in segments), ys[i]
        left = 0.0
        for j, segment in enumerate(segments):
            width = 100 * segment.value / whole if percent else segment.value
            _draw_bar(ax, row_y, width, left, segment.role, segment.word)
            text = f"{segment.label} {size(segment, whole)}"
            if len(segments) == 1:
                pass
            elif (i, j) not in narrow:
                dark = segment.role in ("article", "context", "time", "accent") and not segment.word
                ax.text(
                    left + width / 2,
                    row_y,
                    text,
                    ha="center",
                    va="center",
                    fontsize=_g().sizes["value"],
                    color="white" if dark else INK,
                )
            elif segment.value:
                text, ends_left, line = labelled[i, j]
                ax.plot(
                    [left + width / 2] * 2,
                    [row_y + 0.31, row_y + 0.31 + 0.5 * line - 0.12],
                    color=MUTED,
                    linewidth=0.8,
                    clip_on=False,
                )
                centre = left + width / 2
                pad = (lambda t: t + " ") if ends_left else (lambda t: " " + t)
                ax.text(
                    centre,
                    row_y + 0.31 + 0.5 * (line + (_lines(text) - 1) / 2),
                    "\n".join(pad(t) for t in text.split("\n")),
                    ha="right" if ends_left else "left",
                    va="center",
                    fontsize=_g().sizes["value"],
                    color=INK,
                    clip_on=False,
                )
            left += width
        if not percent:
            ax.text(
                left + top * 0.012,
                row_y,
                compact(whole),
                va="center",
                ha="left",
                fontsize=_g().sizes["value"],
                color=INK,
            )
    _labels(ax, [label for label, _ in rows])
    ax.set_yticks(ys, [wrap(label, _g().label_cols) for label, _ in rows])
    ax.set_ylim(ys[-1] + 0.55 + 0.5 * below[-1], -0.55)
    ax.set_xlim(0, top * (1.0 if percent else 1.12))
    _number_formatter(ax)
    ax.xaxis.set_major_locator(matplotlib.ticker.MaxNLocator(_g().ticks))
    data = "; ".join(
        f"{label.replace(chr(10), ' ')}: "
        + ", ".join(
            f"{s.label.replace(chr(10), ' ')} {size(s, sum(x.value for x in segs))}"
            + (" (word claims)" if s.word else "")
            for s in segs
        )
        for label, segs in rows
    )
    return frame.finish(
        _alt(headline, subtitle, f"{'Stacked bars of shares' if percent else 'Stacked bars in ' + unit}: {data}.")
    )


@_narrow_too
def timeline(rows: Sequence[tuple], headline: str, subtitle: str, source: str, marker: tuple[str, object]) -> Chart:
    """Reporting windows in time: ``(label, start, end, point, count)`` rows; a span for a flow over a window, a
    diamond for a stock or rate at a point.

    A count column at the right shows how many claims use each window; ``marker`` is a labelled vertical line (the
    publication date). Ticks are yearly when the windows span under six years.
    """
    rows = [r if isinstance(r, Window) else Window(*r) for r in rows]
    import matplotlib.dates as mdates
    import pandas as pd

    roles = ["time", "context"]
    key = [
        ("time", "a span: a flow over a window", "solid"),
        ("context", "a point: a stock or rate at a date", "solid"),
    ]
    frame = _Frame(headline, subtitle, source, len(rows), roles, key=key, axis_label="", right_in=0.85)
    ax = frame.ax
    for i, row in enumerate(rows):
        s, e = mdates.date2num(pd.Timestamp(row.start)), mdates.date2num(pd.Timestamp(row.end))
        if row.point:
            ax.scatter([e], [i], marker="D", s=46, color=ROLES["context"], zorder=3)
        else:
            ax.barh(i, e - s, left=s, color=ROLES["time"], height=0.56, linewidth=0)
        if row.count:
            ax.text(
                1.02,
                i,
                f"{row.count}",
                transform=ax.get_yaxis_transform(),
                ha="left",
                va="center",
                fontsize=_g().sizes["value"],
                color=INK,
            )
    ax.text(
        1.02,
        -0.85,
        "claims",
        transform=ax.get_yaxis_transform(),
        ha="left",
        va="bottom",
        fontsize=_g().sizes["value"],
        color=MUTED,
    )
    x = _year_axis(ax, [r.start for r in rows] + [r.end for r in rows], marker)
    ax.text(x, len(rows) - 0.45, marker[0] + " ", ha="right", va="bottom", fontsize=_g().sizes["value"], color=INK)
    _labels(ax, [r.label for r in rows])
    data = "; ".join(
        f"{r.label.replace(chr(10), ' ')}: "
        + (
            f"a point at {pd.Timestamp(r.end):%Y-%m}"
            if r.point
            else f"{pd.Timestamp(r.start):%Y-%m} to {pd.Timestamp(r.end):%Y-%m}"
        )
        + f", {r.count} claim{'s' if r.count != 1 else ''}"
        for r in rows
    )
    return frame.finish(_alt(headline, subtitle, f"Timeline: {data}. A dashed line marks {marker[0]}."))


@_narrow_too
def reports_in_time(
    rows: Sequence[tuple[str, Sequence[tuple[object, bool]]]],
    headline: str,
    subtitle: str,
    source: str,
    marker: tuple[str, object],
) -> Chart:
    """When other publications stated the article's figures: one row per claim ``(label, [(date, same), …])``, a
    filled dot for the same figure and a hollow dot for a related one; ``marker`` is a labelled line (the article)."""
    import matplotlib.dates as mdates
    import pandas as pd

    roles = ["context"]
    key = [
        ("context", "the same figure", "dot"),
        ("context", "a related figure (another scope, period or measure)", "hollow"),
    ]
    frame = _Frame(
        headline, subtitle, source, len(rows), roles, key=key, axis_label="Date of publication", right_in=0.3
    )
    ax = frame.ax
    when = [pd.Timestamp(marker[1])]
    for i, (_, points) in enumerate(rows):
        for day, same in points:
            x = mdates.date2num(pd.Timestamp(day))
            when.append(pd.Timestamp(day))
            ax.scatter(
                [x],
                [i],
                s=60,
                facecolor=ROLES["context"] if same else "white",
                edgecolor=ROLES["context"],
                linewidth=1.6,
                zorder=3,
            )
    x = _year_axis(ax, when, marker)
    low, high = ax.get_xlim()
    # a marker near the right edge, or whose label would run past it, is labelled on its left, inside the frame
    late = (x - low) / (high - low) > 0.6 or _text_in(marker[0]) > _room_right_in(ax, x)
    ax.text(
        x,
        -0.75,
        marker[0] + " " if late else " " + marker[0],
        ha="right" if late else "left",
        va="bottom",
        fontsize=_g().sizes["value"],
        color=INK,
    )
    _labels(ax, [label for label, _ in rows])
    ax.set_ylim(len(rows) - 0.5, -0.9)
    data = "; ".join(
        f"{label.replace(chr(10), ' ')}: "
        + ", ".join(f"{pd.Timestamp(day):%Y-%m-%d} ({'same figure' if same else 'related'})" for day, same in points)
        for label, points in rows
    )
    return frame.finish(
        _alt(headline, subtitle, f"Dots by date of publication: {data}. A dashed line marks {marker[0]}.")
    )
