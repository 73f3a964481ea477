"""What-if widgets: sliders wired to cxlib's maths, answers that read as decisions.

Each function builds and returns a widget box (never displays it), so it runs the same in
JupyterLab, under nbval and in Voila. ``survey_dashboard`` and ``complaints_dashboard`` are the
two "your own data" staff pages (upload a CSV, read what was understood, what-ifs, a download).
"""

from ._common import WhatIf, decision, int_slider, slider
from .triangle import triangle_whatif
from .complaints import iceberg_whatif, method_picker
from .measure import fuzzy_whatif
from .servqual import servqual_whatif
from .rater import rater_whatif
from .gaps import gap_whatif
from .your_survey import survey_dashboard
from .your_complaints import complaints_dashboard, log_whatif
