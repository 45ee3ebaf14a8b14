"""JupyterLab's own export in the project's form: File > Save and Export Notebook As > Report HTML.

The exporter is registered under the entry-point group ``nbconvert.exporters`` (pyproject.toml), so JupyterLab lists
it and ``jupyter nbconvert --to report`` runs it. It writes one self-contained page in the site's form: every chart
with its stored alt text, code and prose templates collapsed behind "Show code", nothing loaded from the network,
the page sanitised, and the Chinese drawn by the project's font, embedded in the page (cut down to its characters).
"""

from __future__ import annotations

import base64

from nbconvert.exporters import HTMLExporter
from traitlets import default

from helpers.markup import TEMPLATES, chart_picture

__all__ = ["ReportExporter"]


class ReportExporter(HTMLExporter):
    """A notebook as one page of the site, standalone (see the module docstring)."""

    export_from_notebook = "Report HTML"

    @default("template_name")
    def _template_name_default(self) -> str:
        return "report"

    @default("extra_template_basedirs")
    def _extra_template_basedirs_default(self) -> list[str]:
        return [str(TEMPLATES)]

    @default("filters")
    def _filters_default(self) -> dict:
        return {"chart_picture": chart_picture}

    @default("exclude_input_prompt")
    def _exclude_input_prompt_default(self) -> bool:
        return False

    def from_notebook_node(self, nb, resources=None, **kw):
        from helpers.publish.site import _WIDE, _sanitize_main, font_face, font_subset, mark_chinese, series_nav

        resources = dict(resources or {})
        resources.setdefault("nav_top", series_nav())
        resources.setdefault("nav_bottom", "")
        body, resources = super().from_notebook_node(nb, resources, **kw)
        page = mark_chinese(_sanitize_main(body))
        font = base64.b64encode(font_subset(sorted(set(_WIDE.findall(page))))).decode("ascii")
        return page.replace("</head>", font_face(f"data:font/woff;base64,{font}") + "</head>", 1), resources
