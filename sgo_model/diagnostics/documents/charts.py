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
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from matplotlib.figure import Figure

        self._figure: Any = Figure(figsize=(6.7, 3.0), dpi=_DPI)
        FigureCanvasAgg(self._figure)  # off screen, whatever backend is configured
        self._figure.subplots_adjust(left=0.08, right=0.99, top=0.80, bottom=0.2)
        self._axes: Any = self._figure.add_subplot()
        self._title: Any = self._figure.suptitle("", fontsize=9, y=0.97)
        self._background: Any = None
        self._layout: tuple[tuple[EducationalArea, ...], tuple[Period, ...]] | None = None
        self._bars: dict[Period, list[Any]] = {}
        self._labels: dict[Period, list[Any]] = {}

    def formed_by_area(self, title: str, periods: Mapping[Period, Shares]) -> bytes:
        """Grouped columns: per area, the per cent «сформирован» at each period assessed."""
        areas = tuple(a for a in EducationalArea if any(a in s for s in periods.values()))
        shown = tuple(p for p in Period if p in periods)
        values = {
            period: [
                periods[period][a][Level.FORMED].percent if a in periods[period] else 0
                for a in areas
            ]
            for period in shown
        }
        if self._layout != (areas, shown):
            self._lay_out(areas, shown)
        # Only the heights, their labels and the title change from chart to chart: drawing
        # the axes anew for each would take most of the time.
        for period in shown:
            for bar, label, value in zip(
                self._bars[period], self._labels[period], values[period], strict=True
            ):
                bar.set_height(value)
                label.xy = (label.xy[0], value)
                label.set_text(f"{value}\u00a0%")
        self._title.set_text(title)
        canvas = self._figure.canvas
        canvas.restore_region(self._background)
        for artist in (self._title, *self._animated()):
            self._figure.draw_artist(artist)
        from PIL import Image

        buffer = io.BytesIO()
        Image.frombuffer("RGBA", canvas.get_width_height(), canvas.buffer_rgba()).save(
            buffer, format="png", dpi=(_DPI, _DPI)
        )
        return buffer.getvalue()

    def _animated(self) -> list[Any]:
        return [a for period in self._bars for a in (*self._bars[period], *self._labels[period])]

    def _lay_out(self, areas: tuple[EducationalArea, ...], shown: tuple[Period, ...]) -> None:
        axes = self._axes
        axes.clear()
        width = 0.8 / max(len(shown), 1)
        self._bars, self._labels = {}, {}
        for index, period in enumerate(shown):
            xs = [i + (index - (len(shown) - 1) / 2) * width for i in range(len(areas))]
            zeros = [0] * len(areas)
            bars = axes.bar(xs, zeros, width * 0.95, label=period.label, color=_COLOURS[period])
            self._bars[period] = list(bars)
            self._labels[period] = axes.bar_label(bars, fontsize=7, padding=1)
        axes.set_xticks(range(len(areas)), [a.short.replace("-", "-\n") for a in areas], fontsize=7)
        axes.set_ylim(0, 110)
        axes.set_yticks(range(0, 101, 20), [f"{v}" for v in range(0, 101, 20)], fontsize=7)
        axes.set_ylabel("%", fontsize=8)
        axes.spines[["top", "right"]].set_visible(False)
        if shown:
            axes.legend(
                fontsize=7,
                frameon=False,
                loc="lower left",
                bbox_to_anchor=(0, 1.0),
                ncols=len(shown),
            )
        self._layout = (areas, shown)
        # The axes, ticks and legend are drawn once; each chart redraws only its columns,
        # their labels and the title over that background.
        for artist in (self._title, *self._animated()):
            artist.set_animated(True)
        self._figure.canvas.draw()
        self._background = self._figure.canvas.copy_from_bbox(self._figure.bbox)
