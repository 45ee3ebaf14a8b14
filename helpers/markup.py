"""The project's Jinja2 templates, and the one piece of markup that every HTML output shares: a stored chart.

Every piece of HTML and CSS the project writes is a template in ``helpers/templates/``: ``report/`` (notebook pages,
the Report exporter), ``site/`` (the site's own pages and its stylesheet) and ``notebook/`` (the tables a kernel
shows). Light on purpose (no pandas, no plotting): the notebook layer and the publishing layer both import it, and it
imports neither.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from helpers.style import PHONE_MEDIA

__all__ = ["TEMPLATES", "environment", "chart_picture"]

#: The templates: ``report/`` (notebook pages, the Report exporter), ``site/`` (the site's own pages), ``notebook/``.
TEMPLATES = Path(__file__).resolve().parent / "templates"


@lru_cache(maxsize=1)
def environment():
    """The Jinja2 environment of ``templates/site/`` and ``templates/notebook/``: autoescaping on, undefined names an
    error."""
    from jinja2 import Environment, FileSystemLoader, StrictUndefined

    env = Environment(
        loader=FileSystemLoader([TEMPLATES / "site", TEMPLATES / "notebook"]),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    # JSON-LD keeps the ledger's key order and its Chinese as written (tojson still escapes < > & ')
    env.policies["json.dumps_kwargs"] = {"ensure_ascii": False, "sort_keys": False}
    return env


def chart_picture(png: str, meta: dict, alt: str | None = None) -> str:
    """A stored chart as HTML: its wide PNG, and its phone variant (``meta["narrow"]``, drawn for 360 px) served
    through ``<picture>`` below :data:`~helpers.style.PHONE_MEDIA`; the alt text is the one stored with the chart."""
    return (
        environment()
        .get_template("picture.html.j2")
        .render(
            png=png.replace("\n", ""),
            alt=alt if alt is not None else meta.get("alt", ""),
            width=int(meta["width"]) if meta.get("width") else None,
            narrow=meta.get("narrow"),
            media=PHONE_MEDIA,
        )
        .strip()
    )
