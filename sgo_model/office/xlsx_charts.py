"""Native Excel column charts of percentages, as the engine's workbooks draw them (they open
in Excel and LibreOffice alike)."""

from __future__ import annotations

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.data_source import AxDataSource, StrRef
from openpyxl.chart.label import DataLabelList


def percent_columns(title: str, y_title: str, major: int) -> BarChart:
    """A column chart on a 0–100 axis; both axes shown."""
    chart = BarChart()
    chart.type = "col"
    chart.title = title
    chart.y_axis.title = y_title
    chart.y_axis.scaling.min = 0
    chart.y_axis.scaling.max = 100
    chart.y_axis.majorUnit = major
    # openpyxl leaves the axes' «delete» unset, and recent Excel then hides them.
    chart.x_axis.delete = False
    chart.y_axis.delete = False
    return chart


def add_labelled_series(
    chart: BarChart, data: Reference, categories: str, number_format: str | None = None
) -> None:
    """Add ``data`` (a series per column, titled by its first row) with text ``categories``
    (a sheet range such as ``'Лист'!$A$2:$A$9``) and each value printed on its column."""
    chart.add_data(data, titles_from_data=True)
    for series in chart.series:
        # Categories are text: a string reference, not openpyxl's default numeric one.
        series.cat = AxDataSource(strRef=StrRef(f=categories))
        series.dLbls = DataLabelList(
            showVal=True,
            showSerName=False,
            showCatName=False,
            showLegendKey=False,
            showPercent=False,
            numFmt=number_format,
        )
