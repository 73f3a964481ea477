"""Silent results made loud: spellings of one cause, misaligned Series, fractional people, shares."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from cxlib import complaints, measure, triangle
from cxlib._validate import InputError, require_share, rows_at, show_rows


def test_cause_pareto_merges_spellings_and_says_which():
    log = pd.DataFrame({"cause": ["Billing", "billing ", "BILLING", "late  delivery", "Late delivery", "Billing"]})
    with pytest.warns(UserWarning, match=r"'Billing', 'billing ', 'BILLING' as 'Billing'.*normalise=False"):
        table = complaints.cause_pareto(log)
    assert table["count"].to_dict() == {"Billing": 4, "late delivery": 2}  # the most common spelling, trimmed
    assert table.attrs["merged"]["Billing"] == ["Billing", "billing ", "BILLING"]
    assert log["cause"].tolist()[1] == "billing "  # the log itself is untouched


def test_cause_pareto_opt_out_counts_every_spelling():
    log = pd.DataFrame({"cause": ["Billing", "billing ", "BILLING"]})
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no notice when nothing is merged
        table = complaints.cause_pareto(log, normalise=False)
        assert len(table) == 3 and table.attrs["merged"] == {}
        assert complaints.cause_pareto(pd.DataFrame({"cause": ["a", "b"]})).attrs["merged"] == {}
    with pytest.raises(TypeError, match="normalise must be True or False"):
        complaints.cause_pareto(log, normalise="yes")


def test_satisfaction_aligned_series_and_arrays_still_work():
    exp = pd.Series([7.0, 6.0], index=["a", "b"])
    got = triangle.satisfaction(pd.Series([8, 5], index=["a", "b"]), exp)
    assert got.tolist() == [1.0, -1.0] and got.index.tolist() == ["a", "b"]
    assert triangle.satisfaction(pd.Series([8, 5]), np.array([7, 6])).tolist() == [1.0, -1.0]


def test_satisfaction_misaligned_series_raise_instead_of_nan():
    with pytest.raises(InputError, match=r"experience: 0, 1, 2, 3, \.\.\. \(6 rows\); expectation: 1, 2"):
        triangle.satisfaction(pd.Series(range(6)), pd.Series([7, 7], index=[1, 2]))
    with pytest.raises(InputError, match="different row labels"):  # same labels, another order: still refused
        triangle.satisfaction(pd.Series([8, 7], index=[0, 1]), pd.Series([7, 7], index=[1, 0]))


@pytest.mark.parametrize("value, tip", [
    (69, r"\(write 69% as 0\.69\)"), (1.5, r"\(a share is a fraction of the whole"), (250, r"got 250 \(a share is a fraction"),
    (-0.2, r"got -0\.2$"),
])
def test_share_messages(value, tip):
    with pytest.raises(InputError, match=tip):
        require_share(value, "silent")


def test_fractional_people_are_refused_where_people_are_counted():
    with pytest.raises(InputError, match="customers counts people"):
        complaints.iceberg(999.5)
    with pytest.raises(InputError, match="named_brand counts people"):
        measure.designation_rate(pd.Series([90.5, 80]), pd.Series([400, 400]))
    assert complaints.iceberg(1000.0).loc["dissatisfied", "customers"] == pytest.approx(1000 / 3)  # 1000.0 is whole
    assert complaints.pyramid(333.3).loc["vice_president", "customers"] == pytest.approx(3.333)  # a modelled count


def test_rows_named_by_position_when_labels_repeat():
    index = pd.Index(["x", "y", "x", "x"])
    assert show_rows(rows_at(index, [False, False, True, True]), [9, 0]) == (
        "rows at positions 2, 3 (labels x, x) are 9, 0")
    assert show_rows(rows_at(pd.Index(["x", "y"]), [True, False])) == "row x"
