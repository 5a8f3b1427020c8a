"""Reports: one :class:`~uncut.model.Report`, three renderers.

- :func:`report_to_dict` / :func:`report_to_json`: the JSON report, which carries its
  ``schema`` number (:data:`SCHEMA_VERSION`) and validates against :func:`schema`.
- :func:`render_terminal`: the report printed to a rich console.
- :func:`render_html`: one self-contained HTML page.

The terminal and HTML renderers share :mod:`uncut.report._highlight`, which cuts a
source passage into kept, altered, dropped and cut runs, so the two cannot disagree.
"""

from __future__ import annotations

from uncut.report._html import render_html
from uncut.report._json import SCHEMA_VERSION, report_to_dict, report_to_json, schema
from uncut.report._terminal import render_terminal

__all__ = [
    "SCHEMA_VERSION",
    "render_html",
    "render_terminal",
    "report_to_dict",
    "report_to_json",
    "schema",
]
