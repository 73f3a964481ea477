"""Every registered question: blank is NOT ATTEMPTED; no answer, however odd, makes check raise."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxlib.exercises import FAIL, NOT_ATTEMPTED, PASS, check, hint, questions

ALL = questions()
odd = st.one_of(st.none(), st.text(max_size=5), st.integers(), st.floats(), st.lists(st.integers(), max_size=3),
                st.dictionaries(st.text(max_size=3), st.integers(), max_size=2), st.booleans())


@pytest.mark.parametrize("qid", ALL)
def test_blank_and_garbage(qid):
    assert check(qid, ...).status == NOT_ATTEMPTED
    assert check(qid, None).status == NOT_ATTEMPTED
    for junk in ("not an answer", object(), [1, 2, 3], {"x": 1}, lambda *a, **k: 1):
        result = check(qid, junk)
        assert result.status in {FAIL, NOT_ATTEMPTED, PASS}
        assert result.message


@pytest.mark.parametrize("qid", ALL)
def test_hints_exist_and_chain(qid):
    first = hint(qid)
    assert first.status.startswith("HINT 1/") and first.message
    total = int(first.status.split("/")[1])
    assert ("another" in first.message) == (total > 1)


@settings(max_examples=60, deadline=None)
@given(qid=st.sampled_from(ALL), answer=odd)
def test_check_never_raises(qid, answer):
    result = check(qid, answer, strict=False)
    assert result.status in {FAIL, NOT_ATTEMPTED, PASS}
