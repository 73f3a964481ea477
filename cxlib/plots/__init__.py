"""Plotting for the course: each function draws on an Axes you pass and returns its artists.

Kept apart from the maths (which never imports matplotlib) and from the widgets.
"""

from ._common import PALETTE, LiveFigure, new_figure, to_png
from .triangle import expectation_drift, move_expectation_drift, triangle_bars
from .complaints import iceberg_picture, move_iceberg, move_pyramid, pareto_chart, pyramid_picture
from .measure import (driver_bars, fuzzy_bars, indicator_lines, loadings_bars, membership_bars, move_fuzzy_bars,
                      touchpoint_chart)
from .servqual import gap_bars, gap_heatmap, importance_performance_chart, move_weighted_gap_bars, respondent_gap_chart, tolerance_chart, weighted_gap_bars
from .rater import branch_heatmap, factor_bars, move_factor_bars, move_priority_bars, priority_bars
from .gaps import gap_model_diagram, model_gap_bars, move_model_gap_bars, sla_chart
