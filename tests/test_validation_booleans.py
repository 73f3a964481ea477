"""True/False among scores is refused, named as such, also when a blank makes the column "object".

pandas stores [True, None] as objects and ``to_numeric`` quietly reads True as 1, so an item
answered True everywhere would pass as the score 1; pairwise alpha returned -1.0 on it.
"""

from __future__ import annotations

import pandas as pd
import pytest

from cxlib import servqual
from cxlib._validate import InputError

ITEMS = {"a": [1], "b": [2]}


@pytest.fixture
def survey():
    return pd.DataFrame({"E1": [True, True, None, True], "P1": [5, 6, 7, 4], "E2": [5, 6, 7, 6], "P2": [4, 5, 6, 7]})


@pytest.mark.parametrize("call", [
    lambda s: servqual.dimension_scores(s, items=ITEMS, dropna="pairwise"),
    lambda s: servqual.dimension_scores(s, items=ITEMS, dropna=True),
    lambda s: servqual.cronbach_alpha(s[["E1", "E2"]], dropna="pairwise"),
    lambda s: servqual.cronbach_alpha(s[["E1", "E2"]], dropna=True),
], ids=["scores-pairwise", "scores-listwise", "alpha-pairwise", "alpha-listwise"])
def test_booleans_beside_blanks_are_refused(survey, call):
    with pytest.raises(InputError, match=r"column E1 holds True/False, not scores: rows 0, 1, 3 are True, True, True"):
        call(survey)
