"""Plotting for the course: each function draws on an Axes you pass and returns its artists.

Kept apart from the maths (which never imports matplotlib) and from the widgets.
"""

from ._common import PALETTE, LiveFigure, new_figure, to_png
from .triangle import expectation_drift, move_expectation_drift, triangle_bars
from .complaints import iceberg_picture, move_iceberg, move_pyramid, pareto_chart, pyramid_picture
