"""Every question, answered the ways a student would: blank, right, rounded, and junk.

blank -> NOT ATTEMPTED (naming the variable); the solution's value -> PASS; the solution
rounded to 3 significant figures -> PASS, saying so; junk (text, None, lists, dicts, Series
of several values, tables, True, NaN, a function, a flipped sign, a percentage for a share)
-> FAIL, never PASS, never an ERROR, never an exception.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib.checks import QUESTIONS
from cxlib.checks._spec import Kind
from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check

from ._nbrun import namespaces, notebook

ALL = sorted(QUESTIONS)


def solution(qid: str):
    variable, namespace = namespaces(notebook("solutions", qid[:2]))[qid]
    return namespace[variable]


def _round_sf(x: float, figures: int) -> float:
    return float(f"{x:.{figures}g}")


def rounded(qid: str, figures: int = 3):
    """The solution with every number rounded to ``figures`` significant figures."""
    value, kind = solution(qid), QUESTIONS[qid].kind
    if isinstance(kind, Mapping):
        return {k: _round_sf(v, figures) if sub.type in ("number", "share") else v
                for (k, sub), v in zip(kind.items(), (value[k] for k in kind))}
    return _round_sf(value, figures) if kind.type in ("number", "share") else value


def junk(qid: str) -> list:
    """Wrong answers of the wrong type or shape, whatever the question."""
    value, kind = solution(qid), QUESTIONS[qid].kind
    out = ["not an answer", "", None, [1, 2, 3], {"x": 1}, (1, 2), True, float("nan"), object(), print,
           pd.Series([1.0, 2.0]), pd.DataFrame({"a": [1, 2], "b": [3, 4]}), np.array([1.0, 2.0])]
    if isinstance(kind, Kind) and kind.type in ("number", "share", "whole"):
        out += [str(value), pd.Series([value, value]), [value], pd.Series([value])]
        if kind.type != "whole":
            out += [-value, value * 1.05, value * 0.95]
        if kind.type == "share":
            out += [value * 100]
    if isinstance(kind, Kind) and kind.type == "name":
        out += [value + " branch", 3.0, [value], pd.Series([1.0, 2.0], index=["x", value])]
    if isinstance(kind, Mapping):
        out += [tuple(value.values()), list(value.values()), {k: value[k] for k in list(kind)[:-1]},
                {k: (None if i == 0 else value[k]) for i, k in enumerate(kind)}]
        numeric = [k for k, sub in kind.items() if sub.type in ("number", "share")]
        out += [{**value, k: -value[k]} for k in numeric] + [{**value, k: str(value[k])} for k in numeric]
    return out


@pytest.mark.parametrize("qid", ALL)
def test_blank_is_not_attempted_and_names_the_variable(qid):
    result = check(qid, ..., strict=False)
    assert result.status == NOT_ATTEMPTED
    assert f"`{QUESTIONS[qid].variable} =`" in result.message


@pytest.mark.parametrize("qid", ALL)
def test_solution_passes_and_so_does_it_rounded(qid):
    assert check(qid, solution(qid), strict=True).passed
    for figures in (3, 4):
        result = check(qid, rounded(qid, figures), strict=False)
        assert result.status == PASS, str(result)
        if result.message != check(qid, solution(qid)).message:  # rounding is said, and only that
            assert result.message.endswith("; keep the unrounded value for later steps)")


@pytest.mark.parametrize("qid", ALL)
def test_junk_fails_with_a_message(qid):
    for answer in junk(qid):
        result = check(qid, answer, strict=False)
        assert result.status == FAIL, f"{answer!r}: {result}"
        assert result.message and "Stuck?" in result.message


@pytest.mark.parametrize("qid", [q for q in ALL if isinstance(QUESTIONS[q].kind, Mapping)])
def test_a_dict_with_a_blank_field_is_not_attempted(qid):
    value = dict(solution(qid))
    value[next(iter(value))] = ...
    result = check(qid, value, strict=False)
    assert result.status == NOT_ATTEMPTED and repr(next(iter(value))) in result.message


odd = st.one_of(st.none(), st.text(max_size=6), st.integers(), st.floats(), st.booleans(),
                st.lists(st.floats(allow_nan=False), max_size=3), st.tuples(st.integers(), st.integers()),
                st.dictionaries(st.sampled_from(["branch", "gap", "channel", "hours", "cause", "share", "x"]),
                                st.one_of(st.floats(), st.text(max_size=4), st.none()), max_size=3))


@settings(max_examples=100, deadline=None, derandomize=True)
@given(qid=st.sampled_from(ALL), answer=odd)
def test_random_junk_never_passes_and_never_raises(qid, answer):
    result = check(qid, answer, strict=False)
    assert result.status in {FAIL, NOT_ATTEMPTED, PASS}
    if result.status == PASS:  # only a number can be right by chance; then it really is right
        assert isinstance(answer, (int, float)) and not math.isnan(answer)
