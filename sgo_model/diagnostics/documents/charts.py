"""The analytic note's charts as PNG images (matplotlib, drawn off screen): per area the share
of children «сформирован», start of year beside end of year."""

from __future__ import annotations

import io
from collections.abc import Mapping
from typing import Any

from sgo_model.domain.curriculum import EducationalArea
from sgo_model.domain.diagnostics import Level, Period, Share

Shares = Mapping[EducationalArea, Mapping[Level, Share]]

_COLOURS = {Period.START: "#9DC3E6", Period.END: "#2E75B6"}
_DPI = 120


class ChartPainter:
    """Draws chart after chart on one figure (matplotlib's figure set-up is the slow part)."""

    def __init__(self) -> None:
        import matplotlib

        matplotlib.use("Agg")
        from matplotlib.figure import Figure

        self._figure: Any = Figure(figsize=(6.7, 3.0), dpi=_DPI)
        self._figure.subplots_adjust(left=0.08, right=0.99, top=0.86, bottom=0.24)
        self._axes: Any = self._figure.add_subplot()

    def formed_by_area(self, title: str, periods: Mapping[Period, Shares]) -> bytes:
        """Grouped columns: per area, the per cent «сформирован» at each period assessed."""
        axes = self._axes
        axes.clear()
        areas = [a for a in EducationalArea if any(a in s for s in periods.values())]
        shown = [p for p in Period if p in periods]
        width = 0.8 / max(len(shown), 1)
        for index, period in enumerate(shown):
            xs = [i + (index - (len(shown) - 1) / 2) * width for i in range(len(areas))]
            values = [
                periods[period][a][Level.FORMED].percent if a in periods[period] else 0
                for a in areas
            ]
            bars = axes.bar(xs, values, width * 0.95, label=period.label, color=_COLOURS[period])
            axes.bar_label(bars, labels=[f"{v}\u00a0%" for v in values], fontsize=7, padding=1)
        axes.set_xticks(range(len(areas)), [a.short.replace("-", "-\n") for a in areas], fontsize=7)
        axes.set_ylim(0, 110)
        axes.set_yticks(range(0, 101, 20), [f"{v}" for v in range(0, 101, 20)], fontsize=7)
        axes.set_ylabel("%", fontsize=8)
        axes.set_title(title, fontsize=9)
        axes.spines[["top", "right"]].set_visible(False)
        if shown:
            axes.legend(fontsize=7, frameon=False, loc="upper left", ncols=len(shown))
        buffer = io.BytesIO()
        self._figure.savefig(buffer, format="png", dpi=_DPI)
        return buffer.getvalue()
