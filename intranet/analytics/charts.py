"""The dashboard's charts. Each is a table first (what the CSV download and the
screen-reader table show), then drawn as SVG on the server by pygal: no script runs,
nothing is loaded from elsewhere, and the picture always says what the table says."""

import csv
import math
from dataclasses import dataclass, field
from datetime import date
from typing import Literal
from xml.etree import ElementTree

import pygal
from csp.decorators import csp_replace
from django.http import HttpResponse
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _
from pygal.style import Style

Kind = Literal["line", "bar"]
MAX_LABELS = 10
BAR_BASE, BAR_HEIGHT = 110, 22

STYLE = Style(
    background="#ffffff", plot_background="#ffffff", foreground="#1d2433",
    foreground_strong="#1d2433", foreground_subtle="#dfe3ea", opacity=".9",
    opacity_hover="1", transition="0s",
    colors=("#2f5bd3", "#1a7f37", "#b42318", "#9a6700", "#6b4bc8", "#0e7490"),
    font_family="system-ui, -apple-system, 'Segoe UI', Roboto, 'DejaVu Sans', sans-serif",
    label_font_size=12, major_label_font_size=12, legend_font_size=13,
    title_font_size=15, value_font_size=11, no_data_font_size=16)


@dataclass(frozen=True)
class Table:
    """Rows of a first column (a date or a name) and one column per series."""

    title: str
    columns: list[str]
    rows: list[tuple] = field(default_factory=list)
    kind: Kind = "line"
    percent: bool = False
    note: str = ""

    def cell(self, value) -> str:
        """A value as the page and the chart show it, in the reader's language."""
        if value is None:
            return "—"
        if isinstance(value, date):
            return date_format(value, "SHORT_DATE_FORMAT")
        if self.percent and isinstance(value, float):
            return number_format(100 * value, decimal_pos=1) + " %"
        if isinstance(value, float):
            return number_format(value, decimal_pos=1)
        if isinstance(value, int):
            return number_format(value, force_grouping=True)
        return str(value)

    @property
    def has_values(self) -> bool:
        """Whether there is anything to draw: a chart of nothing is left out."""
        return any(value is not None for row in self.rows for value in row[1:])

    def shown_rows(self) -> list[list[str]]:
        return [[self.cell(value) for value in row] for row in self.rows]


def svg(table: Table, *, width: int = 760, height: int = 340) -> str:
    """The chart of a table: a line per series over dates, or bars per name. Its title
    is the page's heading above it."""
    chart_class = pygal.Line if table.kind == "line" else pygal.HorizontalBar
    chart = chart_class(
        style=STYLE, width=width, height=height, explicit_size=True, js=[],
        disable_xml_declaration=True, show_legend=len(table.columns) > 2,
        legend_at_bottom=True, truncate_legend=-1, truncate_label=40,
        show_dots=len(table.rows) <= 31, dots_size=2.5, include_x_axis=True,
        min_scale=2, max_scale=8, no_data_text=_("No figures for this period"),
        value_formatter=lambda value: _axis_value(table, value))
    if table.kind == "bar":
        chart.height = min(height * 2, BAR_BASE + BAR_HEIGHT * len(table.rows)
                           * (len(table.columns) - 1))
        rows = table.rows[::-1]  # the largest on top
        chart.x_labels = [table.cell(row[0]) for row in rows]
    else:
        rows = table.rows
        chart.x_labels = [date_format(row[0], "j M") if isinstance(row[0], date)
                          else table.cell(row[0]) for row in rows]
        chart.x_labels_major_every = max(1, math.ceil(len(rows) / MAX_LABELS))
        chart.show_minor_x_labels = False
    for index, name in enumerate(table.columns[1:], start=1):
        chart.add(name, [row[index] for row in rows])
    return _without_scripts(chart.render_tree())


def _axis_value(table: Table, value: float | None) -> str:
    """Counts as whole numbers on the axis, fractions as percentages."""
    if value is not None and not table.percent and float(value).is_integer():
        value = int(value)
    return table.cell(value)


def _without_scripts(root: ElementTree.Element) -> str:
    """pygal writes its configuration in a script for its tooltips; an image runs none,
    so it goes."""
    for parent in root.iter():
        for child in list(parent):
            if isinstance(child.tag, str) and child.tag.rsplit("}", 1)[-1] == "script":
                parent.remove(child)
    return ElementTree.tostring(root, encoding="unicode")


def csv_response(table: Table, filename: str) -> HttpResponse:
    """The table as a CSV file: raw values (ISO dates, fractions), for spreadsheets."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    writer = csv.writer(response)
    writer.writerow(table.columns)
    for row in table.rows:
        writer.writerow([value.isoformat() if isinstance(value, date) else
                         "" if value is None else value for value in row])
    return response


# A chart is an image whose inline styles are pygal's own: they apply to that image
# alone, which runs no script. Views that answer `svg_response` carry this decorator.
chart_policy = csp_replace({"style-src": ["'unsafe-inline'"], "script-src": ["'none'"]})


def svg_response(table: Table) -> HttpResponse:
    response = HttpResponse(svg(table), content_type="image/svg+xml; charset=utf-8")
    response["Cache-Control"] = "private, max-age=300"
    return response
