"""Bar charts drawn on the server as SVG geometry: the impact page needs no script, from us or anyone else.

A chart is plain numbers (bar positions and sizes, grid lines) that the template writes into ``<svg>``; the same
values go into a table beside it for screen readers.
"""
from dataclasses import dataclass

WIDTH, HEIGHT = 720, 240
LEFT, RIGHT, TOP, BOTTOM = 64, 8, 12, 28


@dataclass(frozen=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    label: str
    text: str
    show_label: bool


@dataclass(frozen=True)
class GridLine:
    y: float
    text: str


@dataclass(frozen=True)
class Chart:
    width: int
    height: int
    baseline: float
    left: int
    bars: tuple[Bar, ...]
    grid: tuple[GridLine, ...]


def bar_chart(values, labels, texts, grid_text, every=1):
    """
    One bar per value (whole numbers, at least 0). ``labels`` name the bars under the axis (every ``every``-th is
    written), ``texts`` are what each bar's tooltip says, and ``grid_text`` writes a grid line's value.
    """
    interval = _interval(max(values, default=0) / 4)
    top = interval * 4
    plot_width, plot_height = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    slot = plot_width / max(len(values), 1)
    gap = min(4.0, slot * 0.2)
    bars = tuple(
        Bar(x=round(LEFT + index * slot + gap / 2, 2),
            y=round(TOP + plot_height - plot_height * value / top, 2),
            width=round(slot - gap, 2), height=round(plot_height * value / top, 2),
            label=label, text=text, show_label=index % every == 0 or index == len(values) - 1)
        for index, (value, label, text) in enumerate(zip(values, labels, texts, strict=True))
    )
    grid = tuple(GridLine(y=round(TOP + plot_height - plot_height * step / 4, 2), text=grid_text(interval * step))
                 for step in range(5))
    return Chart(width=WIDTH, height=HEIGHT, baseline=TOP + plot_height, left=LEFT, bars=bars, grid=grid)


def _interval(value):
    """The smallest 1, 2 or 5 times a power of ten that is at least ``value``: grid lines at round numbers."""
    power = 1
    while True:
        for step in (1, 2, 5):
            if step * power >= value:
                return step * power
        power *= 10
