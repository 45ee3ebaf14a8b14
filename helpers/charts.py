"""One chart style for every notebook, and the standard charts of the series.

Charts are drawn on :class:`matplotlib.figure.Figure` objects (not pyplot), so nothing is shown
twice. Each chart function returns a :class:`Chart`; as the last expression of a cell it displays
as a PNG with its alt text, which is also the chart's ``text/plain`` output (so the tests compare it).

The CJK font is Noto Sans CJK SC (SIL Open Font License), shipped by the ``mplfonts`` package and
registered from its installed file; nothing is written into matplotlib's installation.
"""

from __future__ import annotations

import base64
import importlib.util
import io
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from matplotlib.ticker import FuncFormatter
import seaborn as sns

from .numbers import format_number

__all__ = [
    "Chart",
    "Bar",
    "setup",
    "font_path",
    "new_figure",
    "PALETTE",
    "MAX_PNG_BYTES",
    "percent_panel",
    "bars",
    "before_after",
    "part_of_whole",
    "timeline",
    "is_point",
]

#: Okabe–Ito colourblind-safe palette (seaborn's "colorblind" is derived from it).
PALETTE: tuple[str, ...] = tuple(sns.color_palette("colorblind").as_hex())
MAX_PNG_BYTES = 100_000
DPI = 100
FONT_FILE = "NotoSansCJKsc-Regular.otf"
_state: dict[str, str] = {}
#: Legends sit outside the plot, to the right, so they never cover data.
LEGEND = {"loc": "upper left", "bbox_to_anchor": (1.01, 1.0), "frameon": False}


def font_path() -> Path:
    """The installed Noto Sans CJK SC file (from the ``mplfonts`` package, without importing it)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mplfonts package is not installed; run `pip install -r requirements.txt`")
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / FONT_FILE
    if not path.exists():
        raise RuntimeError(f"{path} is missing from the mplfonts installation")
    return path


def setup() -> str:
    """Register the CJK font and set the seaborn theme; returns the font family name. Idempotent."""
    if "family" not in _state:
        path = font_path()
        font_manager.fontManager.addfont(str(path))
        _state["family"] = font_manager.FontProperties(fname=str(path)).get_name()
    family = _state["family"]
    # set_theme resets rcParams, so the font goes in through its own argument.
    sns.set_theme(
        context="notebook",
        style="whitegrid",
        palette=list(PALETTE),
        font=family,
        rc={
            "font.sans-serif": [family, "DejaVu Sans"],
            "axes.unicode_minus": False,
            "figure.dpi": DPI,
            "savefig.dpi": DPI,
            "axes.titleweight": "normal",
            "axes.titlesize": 12.5,
            "axes.labelsize": 10,
            "xtick.labelsize": 9,
            "ytick.labelsize": 9,
            "legend.fontsize": 9,
            "svg.hashsalt": "kunming",
        },
    )
    matplotlib.rcParams["savefig.bbox"] = "tight"
    return family


def new_figure(width: float = 7.5, height: float = 3.6) -> tuple[Figure, "matplotlib.axes.Axes"]:
    """A figure with one axes, in the series style."""
    setup()
    figure = Figure(figsize=(width, height), dpi=DPI)
    return figure, figure.add_subplot()


@dataclass
class Chart:
    """A finished chart: its figure and the alt text that says what it shows."""

    figure: Figure
    alt: str

    def png(self) -> bytes:
        """The chart as PNG bytes, deterministic (no software or date metadata)."""
        buffer = io.BytesIO()
        self.figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None}, bbox_inches="tight")
        data = buffer.getvalue()
        if len(data) > MAX_PNG_BYTES:
            raise ValueError(f"chart PNG is {len(data):,} bytes; keep charts at or under {MAX_PNG_BYTES:,} bytes")
        return data

    def _repr_mimebundle_(self, include=None, exclude=None):
        data = {"image/png": base64.b64encode(self.png()).decode("ascii"), "text/plain": f"Chart: {self.alt}"}
        return data, {"image/png": {"alt": self.alt}}


@dataclass(frozen=True)
class Bar:
    """One bar: its label, value, and the text printed at its end (defaults to the value)."""

    label: str
    value: float
    text: str | None = None
    group: str | None = None


#: A reporting window shorter than this is drawn as a point in time (a month or a day, not a span).
POINT_DAYS = 40


def is_point(start, end) -> bool:
    """Whether a window from ``start`` to ``end`` is short enough to show as a point in time."""
    import pandas as pd

    return (pd.Timestamp(end) - pd.Timestamp(start)).days < POINT_DAYS


def _group_colors(groups: Sequence[str | None]) -> tuple[list[str], list[str]]:
    """One palette colour per distinct group, in order of first appearance; ungrouped items get the first."""
    levels = list(dict.fromkeys(g for g in groups if g is not None))
    colors = [PALETTE[levels.index(g) % len(PALETTE)] if g is not None else PALETTE[0] for g in groups]
    return colors, levels


def _group_handles(levels: Sequence[str]) -> list:
    return [matplotlib.patches.Patch(color=PALETTE[i % len(PALETTE)], label=g) for i, g in enumerate(levels)]


def _finish(ax, title: str, xlabel: str | None = None, ylabel: str | None = None, source: str | None = None) -> None:
    ax.set_title(title, loc="left")
    if xlabel is not None:
        ax.set_xlabel(xlabel)
    if ylabel is not None:
        ax.set_ylabel(ylabel)
    if source:
        ax.annotate(source, xy=(0, 0), xycoords="axes fraction", xytext=(0, -42), textcoords="offset points",
                    ha="left", va="top", fontsize=7.5, color="#555555")
    sns.despine(ax=ax, left=True)


def _thousands(ax, axis: str = "x") -> None:
    formatter = FuncFormatter(lambda v, _: format_number(float(v)))
    (ax.xaxis if axis == "x" else ax.yaxis).set_major_formatter(formatter)


def percent_panel(items: Sequence[Bar], title: str, alt: str, source: str | None = None) -> Chart:
    """Horizontal bars on a fixed 0–100 % axis, one per percentage claim, value printed at each end."""
    height = 0.9 + 0.42 * len(items)
    figure, ax = new_figure(height=height)
    labels = [b.label for b in items]
    values = [b.value for b in items]
    colors, hue_levels = _group_colors([b.group for b in items])
    ax.barh(range(len(items)), values, color=colors, height=0.62)
    ax.set_yticks(range(len(items)), labels)
    ax.invert_yaxis()
    ax.set_xlim(0, 112)
    ax.set_xticks([0, 25, 50, 75, 100])
    for i, bar in enumerate(items):
        ax.text(bar.value + 1, i, bar.text or f"{format_number(bar.value)}%", va="center", fontsize=9)
    if hue_levels:
        ax.legend(handles=_group_handles(hue_levels), **LEGEND)
    _finish(ax, title, xlabel="Percent (0–100)", source=source)
    ax.grid(axis="y", visible=False)
    return Chart(figure, alt)


def bars(
    items: Sequence[Bar],
    title: str,
    unit_label: str,
    alt: str,
    references: Sequence[tuple[str, float]] = (),
    source: str | None = None,
    log: bool = False,
) -> Chart:
    """Horizontal bars of values in ONE unit, with optional labelled reference lines in the same unit."""
    height = 1.0 + 0.45 * len(items)
    figure, ax = new_figure(height=max(height, 2.4))
    colors, hue_levels = _group_colors([b.group for b in items])
    values = [b.value for b in items]
    ax.barh(range(len(items)), values, color=colors, height=0.62)
    ax.set_yticks(range(len(items)), [b.label for b in items])
    ax.invert_yaxis()
    top = max([*values, *(v for _, v in references)])
    if log:
        ax.set_xscale("log")
        ax.set_xlim(min(v for v in values if v > 0) / 3, top * 8)
    else:
        ax.set_xlim(0, top * 1.28)
        _thousands(ax)
    for i, bar in enumerate(items):
        x = bar.value * (1.08 if log else 1) + (0 if log else top * 0.01)
        ax.text(x, i, bar.text if bar.text is not None else format_number(bar.value), va="center", fontsize=9)
    styles = ["--", ":", "-."]
    for j, (label, ref) in enumerate(references):
        ax.axvline(ref, color="#333333", linestyle=styles[j % len(styles)], linewidth=1.2, label=label)
    if references or hue_levels:
        handles, labels = ax.get_legend_handles_labels()
        handles += _group_handles(hue_levels)
        labels += list(hue_levels)
        ax.legend(handles, labels, **LEGEND)
    _finish(ax, title, xlabel=unit_label, source=source)
    ax.grid(axis="y", visible=False)
    return Chart(figure, alt)


def before_after(
    rows: Sequence[tuple[str, float, float]],
    labels: tuple[str, str],
    title: str,
    unit_label: str,
    alt: str,
    xlim: tuple[float, float] | None = None,
    source: str | None = None,
) -> Chart:
    """A dumbbell chart: for each row, a value at a first and a second point in time, in one unit."""
    figure, ax = new_figure(height=max(2.2, 1.0 + 0.55 * len(rows)))
    for i, (_, first, second) in enumerate(rows):
        ax.plot([first, second], [i, i], color="#999999", linewidth=2, zorder=1)
        ax.scatter([first], [i], color=PALETTE[0], s=70, zorder=2, label=labels[0] if i == 0 else None)
        ax.scatter([second], [i], color=PALETTE[1], marker="D", s=60, zorder=2, label=labels[1] if i == 0 else None)
        ax.annotate(format_number(first), (first, i), textcoords="offset points", xytext=(0, 8), ha="center", fontsize=8.5)
        ax.annotate(format_number(second), (second, i), textcoords="offset points", xytext=(0, -14), ha="center", fontsize=8.5)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.set_ylim(len(rows) - 0.4, -0.7)
    if xlim:
        ax.set_xlim(*xlim)
    ax.legend(**LEGEND)
    _finish(ax, title, xlabel=unit_label, source=source)
    ax.grid(axis="y", visible=False)
    return Chart(figure, alt)


def part_of_whole(
    rows: Sequence[tuple[str, float, float, str, str]],
    title: str,
    alt: str,
    source: str | None = None,
) -> Chart:
    """For each row ``(label, part, whole, part_label, rest_label)``, a 100 % bar split into part and rest.

    Rows may have different units, because each bar is a share of its own whole (the axis is percent).
    """
    figure, ax = new_figure(height=max(2.0, 1.0 + 0.6 * len(rows)))
    for i, (_, part, whole, part_label, rest_label) in enumerate(rows):
        share = 100 * part / whole
        ax.barh(i, share, color=PALETTE[0], height=0.6)
        ax.barh(i, 100 - share, left=share, color=PALETTE[7 % len(PALETTE)], height=0.6)
        label = f"{part_label}\n{format_number(share, 1)}%".strip()
        if share >= 18:
            ax.text(share / 2, i, label, ha="center", va="center", color="white", fontsize=8.5)
            ax.text(share + (100 - share) / 2, i, rest_label, ha="center", va="center", color="black", fontsize=8.5)
        else:  # too narrow to hold text: the share goes beside the part, in the rest of the bar
            ax.text(share + 1.5, i, label.replace("\n", " "), ha="left", va="center", color="black", fontsize=8.5)
            ax.text(98.5, i, rest_label, ha="right", va="center", color="black", fontsize=8.5)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.invert_yaxis()
    ax.set_xlim(0, 100)
    _finish(ax, title, xlabel="Share of the whole (percent)", source=source)
    ax.grid(axis="y", visible=False)
    return Chart(figure, alt)


def timeline(
    rows: Sequence[tuple[str, "object", "object", str]],
    title: str,
    alt: str,
    marker: tuple[str, "object"] | None = None,
    source: str | None = None,
) -> Chart:
    """A Gantt chart: ``(label, start, end, group)`` per row; dates as ``datetime.date`` or Timestamps.

    A row whose start equals its end is drawn as a point. ``marker`` draws a labelled vertical line
    (e.g. the publication date).
    """
    import matplotlib.dates as mdates
    import pandas as pd

    figure, ax = new_figure(width=8.5, height=max(2.4, 1.0 + 0.32 * len(rows)))
    colors, levels = _group_colors([r[3] for r in rows])
    for i, ((_, start, end, _), color) in enumerate(zip(rows, colors)):
        s, e = mdates.date2num(pd.Timestamp(start)), mdates.date2num(pd.Timestamp(end))
        if is_point(start, end):
            ax.scatter([s + (e - s) / 2], [i], color=color, marker="D", s=36, zorder=3)
        else:
            ax.barh(i, e - s, left=s, color=color, height=0.6)
    ax.set_yticks(range(len(rows)), [r[0] for r in rows])
    ax.invert_yaxis()
    ax.xaxis_date()
    ax.xaxis.set_major_locator(mdates.YearLocator(2))
    ax.xaxis.set_major_formatter(mdates.DateFormatter("%Y"))
    if marker:
        x = mdates.date2num(pd.Timestamp(marker[1]))
        ax.axvline(x, color="#333333", linestyle="--", linewidth=1)
        ax.text(x, 1.0, marker[0] + " ", transform=ax.get_xaxis_transform(), ha="right", va="bottom", fontsize=8)
    ax.legend(handles=_group_handles(levels), **LEGEND)
    _finish(ax, title, xlabel="Year", source=source)
    ax.grid(axis="y", visible=False)
    return Chart(figure, alt)
