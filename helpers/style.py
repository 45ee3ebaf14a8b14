"""The house colours, shared by the charts and the site: a colour per role, so that a figure's provenance (and a
grade) has one colour wherever it is drawn. No drawing library is imported here, so the site can use it without
matplotlib."""

from __future__ import annotations

import importlib.util
from pathlib import Path

__all__ = ["ROLES", "ROLE_MEANING", "tint", "font_path", "FONT_FILE"]

#: The CJK font every chart and page draws Chinese with (from the ``mplfonts`` package).
FONT_FILE = "NotoSansCJKsc-Regular.otf"

#: Colour of each role (Okabe-Ito, readable with colour-vision deficiencies).
ROLES: dict[str, str] = {
    "article": "#0072B2",
    "derived": "#56B4E9",
    "context": "#4D4D4D",
    "time": "#009E73",
    "accent": "#D55E00",
    "contested": "#6633CC",
    "other": "#C8C8C8",
}
ROLE_MEANING: dict[str, str] = {
    "article": "a figure the article states",
    "derived": "derived from the article's figures",
    "context": "a cited outside figure",
    "time": "a reporting window",
    "accent": "what the headline is about",
    "contested": "a figure another publication gives differently",
    "other": "everything else",
}


def tint(colour: str, white: float = 0.9) -> str:
    """``colour`` (``#RRGGBB``) mixed with ``white`` parts of white: a background light enough for body text."""
    channels = [int(colour[i : i + 2], 16) for i in (1, 3, 5)]
    return "#" + "".join(f"{round(c + (255 - c) * white):02x}" for c in channels)


def font_path() -> Path:
    """The installed Noto Sans CJK SC file (from the ``mplfonts`` package, without importing it)."""
    spec = importlib.util.find_spec("mplfonts")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the mplfonts package is not installed; run `pip install -r requirements.txt`")
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / FONT_FILE
    if not path.exists():
        raise RuntimeError(f"{path} is missing from the mplfonts installation")
    return path


#: Where a page shows a chart's phone variant (drawn for 360 px) instead of the wide one (680 px): below this viewport
#: width the wide chart would be scaled until its smallest text is under 11 px.
PHONE_MEDIA = "(max-width: 660px)"
