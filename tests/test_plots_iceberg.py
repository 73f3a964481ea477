"""The iceberg's numbers never sit on the water line or on each other, at any figure size.

Checked on the drawn picture: each label's pixel box against the water line's pixel row,
for the lesson's figure, the report's smaller one and a phone-sized one, after the
layout changes the axes' size (the report calls ``tight_layout()`` after drawing).
"""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import pytest  # noqa: E402

from cxlib import complaints  # noqa: E402
from cxlib.plots import iceberg_picture, move_iceberg, new_figure  # noqa: E402


def _boxes(fig, art):
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    water_px = art["water"].get_transform().transform((0, art["water"].get_ydata()[0]))[1]
    return water_px, {k: t.get_window_extent(renderer) for k, t in art["numbers"].items()}


@pytest.mark.parametrize("size", [(6.0, 3.5, 100), (4.6, 2.5, 150), (3.6, 2.2, 100)], ids=["lesson", "report", "phone"])
@pytest.mark.parametrize("shares", [(0.69, 0.23, 0.08), (0.5, 0.3, 0.2), (0.9, 0.07, 0.03), (0.31, 0.6, 0.09)])
def test_numbers_clear_of_the_water_line_and_each_other(size, shares):
    width, height, dpi = size
    silent, to_staff, to_relations = shares
    fig, ax = new_figure(width, height, dpi=dpi)
    art = iceberg_picture(ax, complaints.iceberg(3000))
    move_iceberg(art, complaints.iceberg(3000, silent=silent, to_staff=to_staff, to_relations=to_relations))
    ax.set_title("Complaint iceberg per 1,000 customers", fontsize=9)
    fig.tight_layout()  # as the report does, after the labels were placed
    water, box = _boxes(fig, art)
    # pixel y grows upward: the tip's labels are wholly above the line, the silent one wholly below
    assert box["to_staff"].y0 > water, (box["to_staff"], water)
    assert box["to_relations"].y0 >= box["to_staff"].y1 - 1, "relations label overlaps the staff label"
    assert box["silent"].y1 < water, (box["silent"], water)
