"""The series' charts: colour roles that survive colour blindness, the frame, honest marks, and the stored charts.

Charts are built in-process from real claims; every figure made here is closed at the end of the module.
"""

from __future__ import annotations

import base64
import inspect
import io
import itertools
import re
import warnings
from datetime import date
from pathlib import Path

import matplotlib
import matplotlib.pyplot as plt
import nbformat
import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.collections import PathCollection
from matplotlib.lines import Line2D
from matplotlib.patches import Rectangle
from PIL import Image

from helpers import ALL, claim, ref
from helpers.ledger.paths import NOTEBOOKS
from helpers.notebook import charts

_MADE: list[charts.Chart] = []


def made(chart: charts.Chart) -> charts.Chart:
    _MADE.append(chart)
    return chart


@pytest.fixture(scope="module", autouse=True)
def close_figures():
    """Charts are plain matplotlib Figures: close and clear each one so memory stays flat."""
    yield
    for chart in _MADE:
        plt.close(chart.figure)
        chart.figure.clear()
    _MADE.clear()


# --- colour roles under colour blindness ----------------------------------------------------------------------------

#: Machado, Oliveira & Fernandes (2009), severity 1.0, applied to linear RGB.
PROTANOPIA = np.array(
    [
        [0.152286, 1.052583, -0.204868],
        [0.114503, 0.786281, 0.099216],
        [-0.003882, -0.048116, 1.051998],
    ]
)
DEUTERANOPIA = np.array(
    [
        [0.367322, 0.860646, -0.227968],
        [0.280085, 0.672501, 0.047413],
        [-0.011820, 0.042940, 0.968881],
    ]
)
#: Linear sRGB → CIE XYZ (IEC 61966-2-1, D65).
SRGB_TO_XYZ = np.array(
    [
        [0.4124564, 0.3575761, 0.1804375],
        [0.2126729, 0.7151522, 0.0721750],
        [0.0193339, 0.1191920, 0.9503041],
    ]
)
D65 = np.array([0.95047, 1.0, 1.08883])


def linear_rgb(hex_colour: str) -> np.ndarray:
    """sRGB hex → linear RGB in 0–1 (the sRGB transfer function undone)."""
    srgb = np.array([int(hex_colour[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    return np.where(srgb <= 0.04045, srgb / 12.92, ((srgb + 0.055) / 1.055) ** 2.4)


def lab(linear: np.ndarray) -> np.ndarray:
    """Linear RGB → CIELAB (D65 white)."""
    xyz = SRGB_TO_XYZ @ np.clip(linear, 0, 1) / D65
    delta = 6 / 29
    f = np.where(xyz > delta**3, np.cbrt(xyz), xyz / (3 * delta**2) + 4 / 29)
    return np.array([116 * f[1] - 16, 500 * (f[0] - f[1]), 200 * (f[1] - f[2])])


def delta_e(a: str, b: str, vision: np.ndarray) -> float:
    """CIE76 colour difference between two hex colours as seen through a simulation matrix."""
    return float(np.linalg.norm(lab(vision @ linear_rgb(a)) - lab(vision @ linear_rgb(b))))


def test_colour_conversion_reference_points():
    """The conversion itself: white is L*=100, black 0, and sRGB red is the textbook (53.24, 80.09, 67.20)."""
    assert lab(linear_rgb("#FFFFFF")) == pytest.approx([100, 0, 0], abs=0.01)
    assert lab(linear_rgb("#000000")) == pytest.approx([0, 0, 0], abs=0.01)
    assert lab(linear_rgb("#FF0000")) == pytest.approx([53.24, 80.09, 67.20], abs=0.05)
    # the simulation leaves greys grey: each matrix row sums to 1
    assert PROTANOPIA.sum(axis=1) == pytest.approx([1, 1, 1], abs=1e-5)
    assert DEUTERANOPIA.sum(axis=1) == pytest.approx([1, 1, 1], abs=1e-5)
    # red and green, the pair these simulations are about, collapse for a protanope
    assert delta_e("#FF0000", "#00FF00", np.eye(3)) > 80
    assert delta_e("#D62728", "#2CA02C", DEUTERANOPIA) < delta_e("#D62728", "#2CA02C", np.eye(3)) / 2


@pytest.mark.parametrize(
    "vision_name, vision", [("normal", np.eye(3)), ("protanopia", PROTANOPIA), ("deuteranopia", DEUTERANOPIA)]
)
@pytest.mark.parametrize("a, b", list(itertools.combinations(charts.ROLES, 2)))
def test_every_two_roles_stay_apart(a, b, vision_name, vision):
    """ΔE76 ≥ 20 between every two roles, as the module docstring promises (it makes no exception for the greys:
    'other' and 'context' are held to the same bound, which their difference in lightness meets)."""
    difference = delta_e(charts.ROLES[a], charts.ROLES[b], vision)
    assert difference >= 20, f"{a} {charts.ROLES[a]} vs {b} {charts.ROLES[b]} under {vision_name}: ΔE {difference:.1f}"


def test_docstring_table_matches_the_roles():
    """The colour table in the module docstring is the palette in use."""
    documented = dict(re.findall(r"``(\w+)``\s+(#[0-9A-Fa-f]{6})", charts.__doc__))
    assert documented == charts.ROLES
    assert set(charts.ROLE_MEANING) == set(charts.ROLES)
    assert "ΔE ≥ 20" in charts.__doc__ and "protanopia and deuteranopia" in charts.__doc__


def test_unknown_role_is_refused():
    with pytest.raises(ValueError, match=r"unknown colour role\(s\) \['pink'\]"):
        charts.bars([("A", claim("water.pipelines"), "pink")], "H", "S", "Source", "km")


# --- what the stored notebooks show -----------------------------------------------------------------------------------

NOTEBOOK_PATHS = sorted(Path(NOTEBOOKS).glob("*.ipynb"))
#: Where the data part of a chart's alt text starts (see the end of each chart function in helpers/notebook/charts.py).
DATA_MARKER = re.compile(r"(?:^|\. )((?:Bars in|Dots|Timeline|Stacked bars)\b[^:]*): ")
TAIL = re.compile(r"\. (?:The axis runs from|A dashed line marks) .*$")
DATE = re.compile(r"\b\d{4}-\d{2}(?:-\d{2})?\b")
NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def alt_values(alt: str) -> int:
    """How many values the data part of an alt text names.

    The data part is ``<form> in <unit>: label: value; label: value[. Reference lines: label at N; …]``. Each
    item's value is the text after its last ``: `` (after `` at `` for a reference line); a word claim counts as a
    value, words in parentheses (the point's name, ``(2015)``) do not, and a date counts once.
    """
    match = DATA_MARKER.search(alt)
    assert match, f"no data part (Bars in / Dots / Timeline / Stacked bars) in: {alt}"
    data = TAIL.sub("", alt[match.end() :]).rstrip(".")
    bars_part, _, references = data.partition(". Reference lines: ")
    texts = [item.rsplit(": ", 1)[-1] for item in bars_part.split("; ")]
    texts += [item.rsplit(" at ", 1)[-1] for item in references.split("; ") if references]
    count = 0
    for text in texts:
        count += text.count("(word)")
        text = re.sub(r"\([^()]*\)", "", text)
        count += len(DATE.findall(text))
        count += len(NUMBER.findall(DATE.sub("", text)))
    return count


def stored_charts():
    for path in NOTEBOOK_PATHS:
        notebook = nbformat.read(path, as_version=4)
        for index, cell in enumerate(notebook.cells):
            for output in cell.get("outputs", []):
                if "image/png" in output.get("data", {}):
                    yield pytest.param(output, id=f"{path.stem}-cell{index}")


STORED = list(stored_charts())


def test_there_are_stored_charts():
    assert len(STORED) >= 10, "the notebooks' stored outputs hold the charts this module checks"


@pytest.mark.parametrize("output", STORED)
def test_stored_chart_metadata(output):
    """Every stored chart: alt text, design width ≤ 700 px, text ≥ 12 px, known roles, a small 2× PNG."""
    meta = output.get("metadata", {}).get("image/png")
    assert meta, "an image output without its metadata (alt, width, roles)"
    assert meta["alt"].strip(), "empty alt text"
    assert 0 < meta["width"] <= 700
    assert meta["smallest_text_px"] >= 12
    assert meta["roles"] and set(meta["roles"]) <= set(charts.ROLES), meta["roles"]
    png = base64.b64decode(output["data"]["image/png"])
    assert png.startswith(b"\x89PNG")
    assert len(png) <= charts.MAX_PNG_BYTES
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (meta["width"] * charts.SCALE, meta["height"] * charts.SCALE)
    assert output["data"]["text/plain"] == f"Chart: {meta['alt']}"


@pytest.mark.parametrize("output", STORED)
def test_every_stored_chart_has_a_phone_variant(output):
    """The phone variant stored with each chart: drawn for 360–400 px, its 2× PNG at most 800 px wide, no text under
    11 px at that width, and as small as the wide chart."""
    narrow = output["metadata"]["image/png"].get("narrow")
    assert narrow, "a chart without its phone variant"
    assert 360 <= narrow["width"] <= 400
    assert narrow["smallest_text_px"] >= 11
    png = base64.b64decode(narrow["png"])
    assert len(png) <= charts.MAX_PNG_BYTES
    with Image.open(io.BytesIO(png)) as image:
        assert image.size == (narrow["width"] * charts.SCALE, narrow["height"] * charts.SCALE)
        assert image.size[0] <= 800


@pytest.mark.parametrize("form", ["bars", "dumbbell", "dots", "stacked", "timeline", "reports_in_time"])
def test_every_form_draws_its_phone_variant_from_the_same_data(form):
    """Each form redraws itself 360 px wide with text of 11 px or more, the same alt text and colour roles, and
    the wide chart is left as it was."""
    chart = made(FORMS[form]())
    before = chart.png()
    narrow = chart.narrow()
    assert narrow is not None and narrow.narrow() is None  # a variant has no variant of its own
    assert narrow.figure.get_size_inches()[0] * charts.DPI == pytest.approx(charts.NARROW.width_px) == 360
    assert narrow.smallest_text_px() >= 11
    assert narrow.alt == chart.alt and narrow.roles == chart.roles
    assert chart.png() == before
    assert charts._g() is charts.WIDE  # drawing the variant leaves the wide frame current


def test_a_generator_of_rows_draws_both_variants():
    chart = charts.bars(((label, value) for label, value in [("a", 1.0), ("b", 2.0)]), "H", "S", "Source", "unit")
    assert "a: 1" in chart.narrow().alt and chart.narrow().alt == chart.alt


def test_narrow_ticks_do_not_crowd():
    """A phone-width value axis labels at most four ticks, so its numbers do not run into each other."""
    chart = charts.bars([("a", 799_100.0), ("b", 151_900.0)], "H", "S", "Source", "people").narrow()
    ax = chart.figure.axes[0]
    low, high = ax.get_xlim()
    shown = [t for t in ax.get_xticks() if low <= t <= high]
    assert 2 <= len(shown) <= 4


@pytest.mark.parametrize("output", STORED)
def test_stored_chart_alt_text_compares_at_least_two_values(output):
    alt = output["metadata"]["image/png"]["alt"]
    assert alt_values(alt) >= 2, alt


def test_alt_value_count_is_discriminating():
    """The counter used above gives 1 for a chart of one bar, and counts reference lines and word claims."""
    one = made(charts.bars([claim("water.pipelines")], "One bar", "km", "Source", "km"))
    assert alt_values(one.alt) == 1
    assert alt_values("H. S. Bars in km: A: 4,836. Reference lines: B at 2,000.") == 2
    assert alt_values("H. S. Bars in Percent: Facilities: 全面达标 (word) (a word claim); Enrolled: 100.") == 2
    assert (
        alt_values(
            "H. S. Dots in Percent, joined from 2015 to later: Kunming: 89 (2015) to 99.7 (later). "
            "The axis runs from 80 to 101."
        )
        == 2
    )
    assert (
        alt_values("H. S. Timeline: 2019: a point at 2019-12, 4 claims. A dashed line marks published 2020-08-11.") == 2
    )


@pytest.mark.parametrize("path", NOTEBOOK_PATHS, ids=lambda p: p.stem)
def test_a_notebook_without_charts_says_why(path):
    """A notebook may have no chart only if its '## Charts' section explains why, in its text or its prose output."""
    notebook = nbformat.read(path, as_version=4)
    has_chart = any("image/png" in o.get("data", {}) for c in notebook.cells for o in c.get("outputs", []))
    if has_chart:
        return
    section, inside = [], False
    for cell in notebook.cells:
        texts = (
            [cell.source]
            if cell.cell_type == "markdown"
            else [o.get("data", {}).get("text/markdown", "") for o in cell.get("outputs", [])]
        )
        for text in texts:
            for line in text.splitlines():
                if line.startswith("## "):
                    inside = line.strip() == "## Charts"
                elif inside:
                    section.append(line)
    explanation = " ".join(section)
    assert re.search(r"\bno chart\b", explanation, re.IGNORECASE), f"{path.name}: no chart, and no '## Charts' reason"
    assert len(explanation.split()) >= 12, f"{path.name}: the reason for having no chart is too short: {explanation!r}"


def test_only_the_three_explained_notebooks_are_chartless():
    """07_roads, 12_consumption and 13_employment explain why they draw nothing; every other notebook has a chart."""
    chartless = sorted(
        p.stem
        for p in NOTEBOOK_PATHS
        if not any(
            "image/png" in o.get("data", {}) for c in nbformat.read(p, as_version=4).cells for o in c.get("outputs", [])
        )
    )
    assert set(chartless) <= {"07_roads", "12_consumption", "13_employment"}, chartless


# --- the frame: width, determinism, text size -------------------------------------------------------------------------


def every_form():
    aid, funds = claim("education.student_aid_funds"), claim("industry.integrated_agri_funds")
    rate_2015, latest = claim("water.centralized_supply_rate_2015"), claim("water.centralized_supply_rate_latest")
    people = claim("relocation.people_relocated")
    return {
        "bars": lambda: charts.bars(
            [latest, ("China, 2020", ref("cn.rural_centralized_water_2020"))],
            "Kunming's rate is above China's",
            "Percent",
            "Source: 云南日报",
            "percent",
        ),
        "dumbbell": lambda: charts.dumbbell(
            [("Kunming 昆明", rate_2015, latest)], "The rate rose", "Percent", "Source", "percent", ("2015", "later")
        ),
        "dots": lambda: charts.dots(
            [("Student aid", aid), ("Pooled funds", funds)],
            "Sums of money",
            "Yuan, logarithmic scale",
            "Source",
            "yuan",
        ),
        "stacked": lambda: charts.stacked(
            [
                (
                    "People",
                    [
                        ("Dongchuan", ref("km.dongchuan_relocated_people"), "context"),
                        ("Rest", people - ref("km.dongchuan_relocated_people")),
                    ],
                )
            ],
            "Dongchuan holds most",
            "Share",
            "Source",
            "percent",
            percent=True,
        ),
        "timeline": lambda: charts.timeline(
            [
                ("Student aid", aid.window.start, aid.window.end, False, 2),
                ("Funds", funds.window.start, funds.window.end, False, 4),
            ],
            "Windows differ",
            "Reporting windows",
            "Source",
            ("published", date(2020, 8, 11)),
        ),
        "reports_in_time": lambda: charts.reports_in_time(
            [("Employment", [(date(2020, 8, 20), False)]), ("Overview", [(date(2020, 10, 17), True)])],
            "Reports came later",
            "Dates",
            "Source",
            ("the article", date(2020, 8, 11)),
        ),
    }


FORMS = every_form()


@pytest.mark.parametrize("form", list(FORMS))
def test_every_form_is_680_px_wide_and_deterministic(form):
    """Each chart function returns a Chart 680 px wide at design size, stored as a 2× PNG, byte-identical twice,
    drawn with the CJK font (no missing-glyph warnings)."""
    chart = made(FORMS[form]())
    assert isinstance(chart, charts.Chart)
    assert charts.WIDTH_IN * charts.DPI == charts.DESIGN_WIDTH_PX == 680
    assert chart.figure.get_size_inches()[0] * charts.DPI == pytest.approx(680)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        (data, meta) = chart._repr_mimebundle_()
        second = chart.png()
    assert not [w for w in caught if "Glyph" in str(w.message) or "findfont" in str(w.message)]
    first = base64.b64decode(data["image/png"])
    assert first == second, "the same chart must give the same bytes"
    assert len(first) <= charts.MAX_PNG_BYTES
    with Image.open(io.BytesIO(first)) as image:
        assert image.size[0] == 680 * charts.SCALE
    assert meta["image/png"]["width"] == 680
    assert meta["image/png"]["smallest_text_px"] >= 12
    assert meta["image/png"]["alt"] == chart.alt and chart.alt.strip()
    assert set(chart.roles) <= set(charts.ROLES)


def test_cjk_font_is_the_series_font():
    assert charts.setup() == "Noto Sans CJK SC"
    assert matplotlib.rcParams["font.sans-serif"][0] == "Noto Sans CJK SC"


def test_a_too_long_label_raises_naming_it():
    label = "Share of the four rural drinking-water safety indicators met for poor people, and more words"
    with pytest.raises(ValueError, match=r"label too long for the label column.*" + re.escape(repr(label))):
        charts.bars([(label, claim("water.safety_indicators_met"))], "H", "S", "Source", "percent")
    long_indicator = claim("education.student_aid_funds")  # its indicator is over two lines of 34 characters
    with pytest.raises(ValueError, match=re.escape(repr(long_indicator.indicator))):
        charts.dots([long_indicator, claim("industry.integrated_agri_funds")], "H", "S", "Source", "yuan")


# --- honest marks -----------------------------------------------------------------------------------------------------


def test_bars_have_no_log_axis():
    """Bars start from zero on a linear axis; there is no option to put them on a log axis."""
    parameters = inspect.signature(charts.bars).parameters
    assert not [p for p in parameters if "log" in p or "scale" in p]
    with pytest.raises(TypeError):
        charts.bars([claim("water.pipelines")], "H", "S", "Source", "km", log=True)
    chart = made(charts.bars([claim("water.pipelines"), claim("roads.village_road_surfacing")], "H", "S", "Src", "km"))
    ax = chart.figure.axes[0]
    assert ax.get_xscale() == "linear"
    assert ax.get_xlim()[0] == 0
    assert [round(p.get_x(), 6) for p in ax.patches if isinstance(p, Rectangle)] == [0, 0]  # every bar from zero


def test_dots_use_a_log_axis_and_dots():
    """Magnitudes over orders of size are dots on a log axis, never bars; a claim is labelled as written."""
    items = [
        ("Student aid", claim("education.student_aid_funds")),
        ("Shanghai purchases", claim("consumption.shanghai_poverty_pack_purchases")),
    ]
    chart = made(charts.dots(items, "H", "S", "Source", "yuan"))
    ax = chart.figure.axes[0]
    assert ax.get_xscale() == "log"
    assert not [p for p in ax.patches if isinstance(p, Rectangle)], "no bars on a log axis"
    dots = [c for c in ax.collections if isinstance(c, PathCollection)]  # seaborn draws them as one collection
    assert sorted(x for c in dots for x, _ in c.get_offsets()) == pytest.approx(sorted(b[1].value for b in items))
    assert [t.get_text() for t in ax.texts] == ["21.28亿元", "超过60万元"]
    # 2,128,000,000 ÷ 600,000 = 3,546.67: the alt text states the spread
    assert "the largest 3,547 times the smallest" in chart.alt


def test_word_claims_are_hatched_with_a_key_entry():
    """A word claim (全部达标) is drawn hatched, not as a measured bar, and the key and alt text say so."""
    word = claim("water.safety_indicators_met")
    assert word.kind == "word"
    chart = made(
        charts.bars(
            [("Safety indicators met", word), claim("water.centralized_supply_rate_latest")],
            "H",
            "S",
            "Source",
            "percent",
        )
    )
    bars = sorted((p for p in chart.figure.axes[0].patches if isinstance(p, Rectangle)), key=lambda p: p.get_y())
    assert [p.get_hatch() for p in bars] == ["////", None]  # the word bar hatched, the measured one solid
    assert bars[0].get_facecolor()[3] == 0 or bars[0].get_facecolor()[:3] == (1.0, 1.0, 1.0)  # an outline only
    key = [p for p in chart.figure.patches if p.get_hatch() == "////"]
    assert len(key) == 1 and key[0].get_facecolor()[:3] == (1.0, 1.0, 1.0)
    assert "a word claim (全覆盖, 全面达标): read as 100%, not measured" in [t.get_text() for t in chart.figure.texts]
    assert "Safety indicators met: 全部达标 (word) (a word claim)" in chart.alt
    assert "Rural centralized water-supply rate: 99.7;" not in chart.alt  # the last item ends the sentence
    assert chart.alt.endswith("Rural centralized water-supply rate: 99.7.")


def test_bar_value_labels_carry_the_qualifier():
    """About for an approximate figure, at most for an upper bound, an arrow and '(a lower bound)' for a lower."""
    line = ref("cn.poverty_line_2020_current")  # about 4,000 yuan/person/year
    dibao = claim("social_assistance.rural_dibao_standard")  # 4,920
    yuan = made(
        charts.bars(
            [("China's poverty line", line), ("Kunming dibao", dibao)], "H", "S", "Source", "yuan per person per year"
        )
    )
    assert [t.get_text() for t in yuan.figure.axes[0].texts] == ["about 4,000", "4,920"]
    # 38,044 ÷ at least 9,600,000 = at most 0.40%
    share = (claim("relocation.people_relocated") / ref("cn.relocated_13th_fyp")).named("Share", "percent", 2)
    percent = made(charts.bars([("Share of China's relocated", share)], "H", "S", "Source", "percent"))
    assert [t.get_text() for t in percent.figure.axes[0].texts] == ["at most 0.40"]
    assert "Share of China's relocated: at most 0.40." in percent.alt
    storage = made(
        charts.bars([("Storage facilities", claim("water.storage_facilities"))], "H", "S", "Source", "facilities")
    )
    ax = storage.figure.axes[0]
    arrows = [t for t in ax.texts if t.get_text() == "" and getattr(t, "arrow_patch", None) is not None]
    assert len(arrows) == 1  # the open end of a lower bound
    assert "Storage facilities: 4,000 (a lower bound)" in storage.alt


def test_bars_colour_by_provenance():
    """A claim in the article's colour, a derived metric in the derived colour, a cited figure in the context colour."""
    latest = claim("water.centralized_supply_rate_latest")
    gap = (latest - ref("cn.rural_centralized_water_2020")).named("Gap", "points", 1)  # 99.7 − 88 = 11.7
    chart = made(
        charts.bars(
            [latest, ("Gap", gap), ("China", ref("cn.rural_centralized_water_2020"))], "H", "S", "Source", "percent"
        )
    )
    colours = [matplotlib.colors.to_hex(p.get_facecolor()) for p in chart.figure.axes[0].patches]
    assert colours == [
        charts.ROLES["article"].lower(),
        charts.ROLES["derived"].lower(),
        charts.ROLES["context"].lower(),
    ]
    assert chart.roles == ("article", "derived", "context")


def dumbbell_marks(chart):
    """Every dot of a chart as (face, edge, (x, y)), by row and then from left to right."""
    ax = chart.figure.axes[0]
    marks = []
    for c in ax.collections:
        if not isinstance(c, PathCollection):
            continue
        faces, edges = c.get_facecolors(), c.get_edgecolors()
        for k, offset in enumerate(c.get_offsets()):
            face, edge = faces[k % len(faces)], edges[k % len(edges)]
            marks.append((matplotlib.colors.to_hex(face), matplotlib.colors.to_hex(edge), tuple(map(float, offset))))
    return sorted(marks, key=lambda m: (m[2][1], m[2][0]))


def key_markers(chart):
    return [(a.get_markerfacecolor(), a.get_markeredgecolor()) for a in chart.figure.artists if isinstance(a, Line2D)]


def test_dumbbell_colours_points_by_provenance():
    """A claim's first point is hollow in the article's colour; a derived second point is filled in the derived
    colour."""
    rate_2015 = claim("water.centralized_supply_rate_2015")  # 89%
    latest = (claim("water.centralized_supply_rate_latest") * ALL).named("Latest", "percent")  # derived, 99.7%
    chart = made(
        charts.dumbbell(
            [("Kunming", rate_2015, latest), ("Alone", rate_2015, None)],
            "H",
            "S",
            "Source",
            "percent",
            ("2015", "later"),
        )
    )
    article, derived = charts.ROLES["article"].lower(), charts.ROLES["derived"].lower()
    assert dumbbell_marks(chart) == [
        ("#ffffff", article, (89.0, 0.0)),
        (derived, derived, (99.7, 0.0)),
        ("#ffffff", article, (89.0, 1.0)),
    ]
    assert key_markers(chart) == [
        ("white", charts.ROLES["article"]),
        (charts.ROLES["derived"], charts.ROLES["derived"]),
    ]
    assert set(chart.roles) == {"article", "derived"}
    assert "Kunming: 89 (2015) to 99.7 (later); Alone: 89 (2015)." in chart.alt


def test_dumbbell_draws_no_key_entry_for_a_mark_it_does_not_draw():
    """When every second point is a word claim, there is no solid 'dot' key entry, only the hatched one."""
    first, second = claim("internet.admin_village_coverage_2017"), claim("internet.admin_village_coverage_2019")
    assert second.kind == "word"
    chart = made(
        charts.dumbbell(
            [("Administrative villages", first, second)], "H", "S", "Source", "percent", ("2017", "by 2019")
        )
    )
    assert key_markers(chart) == [("white", charts.ROLES["article"])]  # only the hollow first point
    texts = [t.get_text() for t in chart.figure.texts]
    assert "by 2019" not in texts  # the label of the undrawn solid dot
    assert "a word claim: read as 100%, not measured" in texts
    assert [p.get_hatch() for p in chart.figure.patches] == ["////"]
    marks = [c for c in chart.figure.axes[0].collections if isinstance(c, PathCollection)]
    assert [c.get_hatch() for c in marks] == [None, "////"]
    assert chart.alt.endswith("Administrative villages: 96.8 (2017) to 全覆盖 (word) (by 2019) (a word claim).")


def test_stacked_drops_zero_segments():
    chart = made(
        charts.stacked(
            [("Households", [("linked", 60, "article"), ("none", 0, "accent"), ("not linked", 40, "other")])],
            "H",
            "S",
            "Source",
            "percent",
            percent=True,
        )
    )
    ax = chart.figure.axes[0]
    assert len([p for p in ax.patches if isinstance(p, Rectangle)]) == 2
    assert [t.get_text() for t in ax.texts] == ["linked 60.0%", "not linked 40.0%"]
    assert "none" not in chart.alt and "accent" not in chart.roles
    assert chart.alt.endswith("Stacked bars of shares: Households: linked 60.0%, not linked 40.0%.")


def test_stacked_label_near_the_right_edge_is_right_aligned():
    """A narrow segment's label goes under the bar; near the right edge it ends at its leader instead of starting
    there, so it stays inside the 680 px frame; near the left edge it starts at its leader."""
    chart = made(
        charts.stacked(
            [
                ("Relocated", [("Dongchuan District", 97, "context"), ("the rest of Kunming City", 3, "derived")]),
                ("Households", [("the first few ones", 3, "context"), ("others", 97, "derived")]),
            ],
            "H",
            "S",
            "Source",
            "percent",
            percent=True,
        )
    )
    FigureCanvasAgg(chart.figure)
    renderer = chart.figure.canvas.get_renderer()
    ax = chart.figure.axes[0]
    texts = {t.get_text().strip(): t for t in ax.texts}
    right, left = texts["the rest of Kunming City 3.0%"], texts["the first few ones 3.0%"]
    assert right.get_ha() == "right" and right.get_position()[0] == pytest.approx(98.5)  # centre of 97–100
    assert left.get_ha() == "left" and left.get_position()[0] == pytest.approx(1.5)  # centre of 0–3
    width_px = chart.figure.get_size_inches()[0] * charts.DPI
    for text in (right, left):
        extent = text.get_window_extent(renderer)
        assert 0 <= extent.x0 and extent.x1 <= width_px, (text.get_text(), extent)
    # left-aligned at its leader, the right-hand label would have run past the frame
    leader_px = ax.transData.transform((98.5, 0))[0]
    assert leader_px + right.get_window_extent(renderer).width > width_px


def test_compact_numbers():
    assert charts.compact(709e6) == "709 million"
    assert charts.compact(2.128e9) == "2.13 billion"  # 2.128 rounded to two decimals
    assert charts.compact(990_000) == "990,000"  # below ten million every digit stays
    assert charts.compact(9_999_999) == "9,999,999"
    assert charts.compact(12_500_000) == "12.5 million"  # 10–100 million: one decimal
    assert charts.compact(4.569e9) == "4.57 billion"
    assert charts.compact(-2.128e9) == "-2.13 billion"
